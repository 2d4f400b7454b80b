// 审核台's benchmark (scripts/bench.sh): a hundred generated files chosen at
// once, from the file input's change event to the first frame that shows the
// complete table, in headless Chromium against the release dist/; and the
// longest gap between frames meanwhile (the page must not freeze). Also the
// size of 审核台's program, which the app fetches only when 审核台 is opened.
// A benchmark, not a test: it prints figures and asserts nothing.
//
//     node tests/bench/desk.mjs DIR     (DIR: cargo run --release --example generate_files -- DIR 100)
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { serveDist, launchBrowser, DIST } from '../e2e/harness.mjs';

const dir = resolve(process.argv[2] ?? 'target/bench/desk');
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

async function sizes() {
  let raw = 0;
  let gz = 0;
  for (const name of await readdir(DIST)) {
    if (!/^desk-.*\.(js|wasm)$/.test(name)) continue;
    const body = await readFile(join(DIST, name));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gz };
}

async function run(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: '审核台', exact: true }).click();
  await page.getByRole('button', { name: '选择文件' }).waitFor();
  // The reviewer takes a moment to pick the files; the workers start meanwhile.
  await page.waitForTimeout(1000);
  await page.evaluate((n) => {
    window.__desk = new Promise((done) => {
      document.addEventListener('change', (ev) => {
        const t0 = ev.timeStamp;
        let last = performance.now();
        let longest = 0;
        const check = () => {
          const now = performance.now();
          longest = Math.max(longest, now - last);
          last = now;
          const status = document.querySelector('main [role=status]')?.textContent ?? '';
          const rows = document.querySelectorAll('main table tbody tr').length;
          if (status.startsWith(`已读取 ${n} `) && rows === n) {
            requestAnimationFrame(() => done({ ms: performance.now() - t0, longest }));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }, { capture: true, once: true });
    });
  }, files.length);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择文件' }).click()]);
  await chooser.setFiles(files);
  const result = await page.evaluate(() => window.__desk);
  await context.close();
  return result;
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await run(browser, server.url));
  const { raw, gz } = await sizes();
  const bytes = (await Promise.all(files.map((f) => readFile(f)))).reduce((s, b) => s + b.length, 0);
  const rows = [
    [`审核台 ${files.length} files (${kib(bytes)}): file input change → table complete (median of 5)`, ms(median(runs.map((r) => r.ms))), '≤ 3000 ms'],
    ['the same: longest gap between frames meanwhile (median of 5)', ms(median(runs.map((r) => r.longest))), ''],
    ['审核台 program (page and worker, fetched when 审核台 is opened), raw / gzip -9', `${kib(raw)} / ${kib(gz)}`, ''],
  ];
  console.log('| 审核台 measure | result | target |');
  console.log('|---|---|---|');
  for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  console.log(`(runs: ${runs.map((r) => ms(r.ms)).join(', ')})`);
} finally {
  await browser.close();
  await server.close();
}
