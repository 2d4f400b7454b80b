// The browser half of the benchmark (scripts/bench.sh): first-load transfer,
// time to an interactive start page, import of a big document, keystroke
// latency and autosave cost, in headless Chromium against the release dist/.
// A benchmark, not a test: it prints figures and asserts nothing.
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { serveDist, launchBrowser, DIST, ROOT } from '../e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => `${x.toFixed(1)} ms`;
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

async function transfer() {
  let raw = 0;
  let gz = 0;
  for (const name of await readdir(DIST)) {
    // 审核台's program is fetched only when 审核台 is opened (tests/bench/desk.mjs).
    if (!/\.(html|js|css|wasm)$/.test(name) || name.startsWith('desk-')) continue;
    const body = await readFile(join(DIST, name));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gz };
}

async function freshPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  return { context, page };
}

async function startup(browser, url) {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: '新建草稿' }).waitFor();
    // From navigation start to the moment the start page's button is there.
    times.push(await page.evaluate(() => {
      const b = [...document.querySelectorAll('button')].find((x) => x.textContent === '新建草稿');
      return b ? performance.now() : NaN;
    }));
    await context.close();
  }
  return median(times);
}

// From the file input's change event (the preparer has chosen the file) to
// the first frame that shows the editor with every project in its step list.
// Measured in the page, so the test driver's transfer of the file is not counted.
async function importDoc(page, text, projects) {
  await page.evaluate((n) => {
    window.__importMs = new Promise((done) => {
      document.addEventListener('change', (ev) => {
        const t0 = ev.timeStamp;
        const check = () => {
          if (document.querySelectorAll('nav[aria-label="填报步骤"] li').length >= n + 4) {
            requestAnimationFrame(() => done(performance.now() - t0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }, { capture: true, once: true });
    });
  }, projects);
  await page.locator('input[type=file]').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.evaluate(() => window.__importMs);
}

async function keystrokes(browser, url, text, projects) {
  const { context, page } = await freshPage(browser, url);
  await importDoc(page, text, projects);
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: new RegExp(`^${projects}\\. `) }).click();
  const value = page.locator('input[aria-label="指标值"]').last();
  await value.fill('');
  await value.focus();
  // Per keystroke: from the input event to the start of the next frame, by
  // which time the signal, the project's validation and the DOM have updated.
  await page.evaluate(instrument);
  const typed = '≥95%≤50元/件=12次2023年6月底前明显提升≥1.5万份不低于98%≤5个工作日≥90%好';
  for (const ch of typed.slice(0, 50).padEnd(50, '1')) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => window.__latencies);
  await context.close();
  return summary(frames);
}

// Per input event: the time to the start of the next frame, by which the
// signal, the project's validation and the DOM have been updated (Leptos runs
// its effects in microtasks, before the frame).
function instrument() {
  window.__latencies = [];
  document.addEventListener('input', (ev) => {
    const t0 = ev.timeStamp;
    requestAnimationFrame(() => window.__latencies.push(performance.now() - t0));
  }, true);
}

function summary(frames) {
  return { p50: percentile(frames, 0.5), p95: percentile(frames, 0.95), n: frames.length };
}

// The same measurement on a page with one bare input: the floor the frame
// timing sets (an input lands anywhere in a 16.7 ms frame).
async function bareInput(browser) {
  const page = await browser.newPage();
  await page.setContent('<input aria-label="x">');
  await page.focus('input');
  await page.evaluate(instrument);
  for (let i = 0; i < 50; i++) {
    await page.keyboard.type('1');
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(100);
  const frames = await page.evaluate(() => window.__latencies);
  await page.close();
  return summary(frames);
}

async function autosave(browser, url, text, projects) {
  const { context, page } = await freshPage(browser, url);
  await importDoc(page, text, projects);
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('单位名称', { exact: true }).fill(`单位${i}`);
    await page.waitForFunction((n) => performance.getEntriesByName('perf-goals:autosave').length > n, i, { timeout: 5000 });
  }
  for (const e of await page.evaluate(() => performance.getEntriesByName('perf-goals:autosave').map((x) => x.duration))) times.push(e);
  await context.close();
  return median(times);
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  const big = await readFile(join(ROOT, 'target/bench/big.json'), 'utf8');
  const small = await readFile(join(ROOT, 'target/bench/small.json'), 'utf8');
  const { raw, gz } = await transfer();
  const start = await startup(browser, server.url);
  const imports = [];
  for (let i = 0; i < 5; i++) {
    const { context, page } = await freshPage(browser, server.url);
    imports.push(await importDoc(page, big, 100));
    await context.close();
  }
  const bigKeys = await keystrokes(browser, server.url, big, 100);
  const smallKeys = await keystrokes(browser, server.url, small, 1);
  const save = await autosave(browser, server.url, big, 100);
  const bare = await bareInput(browser);
  const rows = [
    ['first-load transfer (html+js+css+wasm), raw', kib(raw), ''],
    ['first-load transfer, gzip -9', kib(gz), '≤ 200 KiB'],
    ['navigation → interactive start page (median of 10)', ms(start), ''],
    ['import 100 projects × 30 rows: file chosen → editor on screen (median of 5)', ms(median(imports)), '≤ 300 ms'],
    [`keystroke → frame, 指标值 of the last project, 100 × 30 (p50 / p95, n=${bigKeys.n})`, `${ms(bigKeys.p50)} / ${ms(bigKeys.p95)}`, 'p95 ≤ 16 ms'],
    [`keystroke → frame, one project × 30 (p50 / p95, n=${smallKeys.n})`, `${ms(smallKeys.p50)} / ${ms(smallKeys.p95)}`, ''],
    [`the same on a page with one bare input: the frame-timing floor (p50 / p95)`, `${ms(bare.p50)} / ${ms(bare.p95)}`, ''],
    ['p95 ratio big / one project', (bigKeys.p95 / smallKeys.p95).toFixed(2), '≤ 1.5'],
    ['autosave of the big document (serialise + write, median)', ms(save), ''],
  ];
  console.log('| browser measure | result | target |');
  console.log('|---|---|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
} finally {
  await browser.close();
  await server.close();
}
