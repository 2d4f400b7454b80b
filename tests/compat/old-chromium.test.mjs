// The release build in real old Chromium builds (issue 10): the preparer's basic
// path on Chromium 80 and 86 (the oldest we support, and 360安全浏览器 13's core),
// and the message where the app cannot run: Chromium 79, no WebAssembly, an IE
// engine (360's 兼容模式), a wasm that does not load or takes too long.
//   COMPAT_SMOKE=80,83,86,88,89  the versions for the basic path (default 80,86;
//                                each must be unpacked: scripts/setup.sh ensure_old_chromium)
//   COMPAT_DIST=dir              another build to test (default dist/)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveDist, DIST, OUTPUT, ROOT } from '../e2e/harness.mjs';
import { launchOld, openPage, find, has, describedText, appStarted, later } from './browsers.mjs';

const SMOKE = (process.env.COMPAT_SMOKE || '80,86').split(',').map((v) => Number(v.trim()));
const DIST_DIR = process.env.COMPAT_DIST ? resolve(process.env.COMPAT_DIST) : DIST;
const TITLE = '此浏览器无法运行“绩效目标填报”';
const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko';
const SEED = join(ROOT, 'tests/fixtures/seed.json');

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

let server;
before(async () => {
  server = await serveDist(DIST_DIR);
  await mkdir(OUTPUT, { recursive: true });
});
after(() => server?.close());

// Runs `body(browser)` with Chromium `version`, closing it whatever happens.
// Most puppeteer 5 steps have no timeout of their own: a browser that stops
// answering is killed after BODY_MS, which fails the step waiting on it.
const BODY_MS = 50000;
const running = new Set();
async function withChromium(version, args, body) {
  const browser = await launchOld(version, args);
  running.add(browser);
  const watchdog = setTimeout(() => browser.process()?.kill('SIGKILL'), BODY_MS);
  try {
    return await body(browser);
  } finally {
    clearTimeout(watchdog);
    const closed = browser.close().then(() => true, () => false);
    if (!(await Promise.race([closed, later(5000).then(() => false)]))) browser.process()?.kill('SIGKILL');
    running.delete(browser);
  }
}
// A test that timed out leaves its browser behind: it must not keep the run alive.
after(() => {
  for (const browser of running) browser.process()?.kill('SIGKILL');
});

// A test of at most a minute: a hung old browser fails it instead of the whole run.
const LIMIT = { timeout: 60000 };

// A server whose .wasm answers are changed by `onWasm(res)` (true: answered).
async function withWasmServer(onWasm, body) {
  const s = await serveDist(DIST_DIR, { intercept: (path, res) => path.endsWith('.wasm') && onWasm(res) });
  try {
    return await body(s);
  } finally {
    await s.close();
  }
}

// The file a click downloaded into `dir`, once it is complete.
async function downloaded(dir, name) {
  for (let i = 0; i < 100; i++) {
    const names = await readdir(dir);
    if (names.includes(name)) return readFile(join(dir, name), 'utf8');
    await sleep(100);
  }
  throw new Error(`${name} was not downloaded; ${dir} has: ${(await readdir(dir)).join(', ')}`);
}

async function waitForText(read, pattern, what) {
  let text = '';
  for (let i = 0; i < 50; i++) {
    text = await read();
    if (pattern.test(text)) return text;
    await sleep(100);
  }
  assert.fail(`${what}: ${JSON.stringify(text)} does not match ${pattern}`);
}

const bodyText = (page) => page.evaluate(() => document.body.innerText);

for (const version of SMOKE) {
  test(`Chromium ${version}: start, 新建草稿, type, a finding, reload, import, download JSON, the printable HTML`, LIMIT, () =>
    withChromium(version, [], async (browser) => {
      const downloads = await mkdtemp(join(tmpdir(), `compat-${version}-`));
      try {
        const { page, problems } = await openPage(browser, server.url, { downloads });
        assert.match(await page.evaluate(() => navigator.userAgent), new RegExp(`Chrome/${version}\\.`));
        await find(page, 'button', '新建草稿').catch((e) => {
          throw new Error(`${e.message}; what the page reported: ${problems.join(' | ') || 'nothing'}`);
        });
        assert.ok(await appStarted(page), 'the app says it started');
        assert.equal(await has(page, 'heading', TITLE), false, 'no message');

        // The button above is the start program's; the app takes its page
        // over (ui::boot) and its own button is the one to click (a handle
        // to the first would be detached by then).
        await page.waitForFunction(() => !document.getElementById('boot'), { timeout: 30000 });
        await (await find(page, 'button', '新建草稿')).click();
        await (await find(page, 'label', '单位名称')).type('承德高新区行政审批局本级');
        await (await find(page, 'button', '添加项目')).click();
        const use = await find(page, 'label', '资金用途');
        await use.focus();
        await page.keyboard.type('律师费');
        await page.keyboard.press('Tab');
        await waitForText(() => describedText(use), /\[D4\]/, 'leaving 资金用途 shows its finding');

        await page.reload();
        const again = await find(page, 'label', '资金用途');
        assert.equal(await again.evaluate((el) => el.value), '律师费', 'the reload keeps the text');

        await (await find(page, 'button', '← 返回草稿列表')).click();
        const [chooser] = await Promise.all([page.waitForFileChooser(), (await find(page, 'button', '导入 JSON')).click()]);
        await chooser.accept([SEED]);
        // The import opens the editor on the imported document.
        await find(page, 'navigation', '填报步骤');
        await (await find(page, 'button', '法律顾问费', { part: true })).click();
        await find(page, 'heading', '法律顾问费', { part: true });
        await page.screenshot({ path: join(OUTPUT, `compat-chromium-${version}.png`) });

        await (await find(page, 'button', '检查与导出', { part: true })).click();
        const seed = JSON.parse(await readFile(SEED, 'utf8'));
        const name = `${seed.unit.name}-${seed.year}-绩效目标`;
        await (await find(page, 'button', '下载 JSON')).click();
        const json = JSON.parse(await downloaded(downloads, `${name}.json`));
        assert.equal(json.unit.name, seed.unit.name);
        assert.equal(json.projects.length, seed.projects.length);

        await (await find(page, 'button', '下载可打印 HTML')).click();
        await downloaded(downloads, `${name}.html`);
        await page.goto(`file://${join(downloads, `${name}.html`)}`);
        await find(page, 'heading', '第二部分 预算项目绩效目标');
        await find(page, 'heading', '法律顾问费', { part: true });

        assert.deepEqual(problems, [], 'no console error or uncaught exception, in the app or the printable HTML');
      } finally {
        await rm(downloads, { recursive: true, force: true });
      }
    }));
}

test('Chromium 80: 审核台 checks several files in its Web Workers, lists a bad one with its reason, opens one as a draft', LIMIT, () =>
  withChromium(80, [], async (browser) => {
    const dir = await mkdtemp(join(tmpdir(), 'compat-desk-'));
    try {
      const seed = JSON.parse(await readFile(SEED, 'utf8'));
      const second = { ...seed, unit: { ...seed.unit, name: '承德市第二测试单位' } };
      await writeFile(join(dir, 'a.json'), JSON.stringify(seed));
      await writeFile(join(dir, 'b.json'), JSON.stringify(second));
      await writeFile(join(dir, 'bad.json'), '{"unit": ');
      const { page, problems } = await openPage(browser, server.url);
      await (await find(page, 'button', '审核台')).click();
      const [chooser] = await Promise.all([page.waitForFileChooser(), (await find(page, 'button', '选择文件')).click()]);
      await chooser.accept(['a.json', 'b.json', 'bad.json'].map((f) => join(dir, f)));
      await waitForText(() => bodyText(page), /已读取 3 个文件，其中 1 个无法检查。/, 'the table is complete');
      // The rows as the reviewer reads them: file, 单位名称, …, 说明.
      const rows = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table tbody tr')).map((tr) => Array.from(tr.cells).map((c) => c.textContent.trim())));
      assert.deepEqual(rows.map((r) => r[0]), ['a.json', 'b.json', 'bad.json']);
      assert.deepEqual(rows.map((r) => r[1]), [seed.unit.name, '承德市第二测试单位', '']);
      assert.match(rows[0][5], /^\d+$/, 'errors counted by the worker');
      assert.match(rows[2][10], /^无法检查：/);
      const workers = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /desk-[0-9a-f]{16}/.test(n)));
      assert.ok(workers.some((n) => n.endsWith('.js')) && workers.some((n) => n.endsWith('.wasm')), `审核台's program was fetched: ${workers}`);

      const open = await page.evaluateHandle(() =>
        Array.from(document.querySelectorAll('table tbody tr')).find((tr) => tr.cells[0].textContent.trim() === 'b.json').querySelector('button'));
      await open.asElement().click();
      // An opened file shows 检查与导出 first, as after 导入; 单位名称 is on 基本信息.
      // (Below 900 px the step list is folded behind 填报步骤：….)
      const toggle = await find(page, 'button', '填报步骤：', { part: true, timeout: 3000 }).catch(() => null);
      if (toggle && (await toggle.evaluate((el) => el.getAttribute('aria-expanded'))) === 'false') await toggle.click();
      await (await find(page, 'button', '基本信息', { part: true })).click();
      const unit = await find(page, 'label', '单位名称');
      assert.equal(await unit.evaluate((el) => el.value), '承德市第二测试单位', 'the line opened as a draft');
      assert.deepEqual(problems, [], 'no console error or uncaught exception');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }));

test('Chromium 79 gets the message: the supported browsers, 极速模式, its version', LIMIT, () =>
  withChromium(79, [], async (browser) => {
    const { page } = await openPage(browser, server.url);
    await find(page, 'heading', TITLE, { timeout: 5000 });
    const text = await bodyText(page);
    assert.match(text, /检测到的浏览器：Chromium 内核 79/);
    assert.match(text, /需要 Chromium 80 或更高版本/);
    assert.match(text, /360 安全浏览器 13 或更高版本（极速模式）/);
    assert.match(text, /请切换到极速模式/);
    assert.match(text, /HeadlessChrome\/79\./, 'the user agent, for an admin');
    assert.equal(await appStarted(page), false);
    await page.screenshot({ path: join(OUTPUT, 'compat-chromium-79-message.png') });
  }));

test('Chromium 86 without WebAssembly (--noexpose-wasm) gets the message at once', LIMIT, () =>
  withChromium(86, ['--js-flags=--noexpose-wasm'], async (browser) => {
    const { page } = await openPage(browser, server.url);
    assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined', 'the flag took WebAssembly away');
    await find(page, 'heading', TITLE, { timeout: 3000 });
    assert.match(await bodyText(page), /不支持 WebAssembly/);
    assert.match(await bodyText(page), /Chromium 内核 86/);
  }));

test('an IE engine (360 兼容模式, by its user agent) is asked to switch to 极速模式', LIMIT, () =>
  // The wasm is missing, so that Chromium under the IE user agent cannot start the app.
  withWasmServer((res) => (res.writeHead(404).end(), true), (s) =>
    withChromium(86, [], async (browser) => {
      const { page } = await openPage(browser, s.url, { userAgent: IE11 });
      await find(page, 'heading', TITLE, { timeout: 3000 });
      const text = await bodyText(page);
      assert.match(text, /当前是兼容模式（IE 内核）/);
      assert.match(text, /请切换到极速模式：点击地址栏右侧/);
      assert.match(text, /Internet Explorer 11/);
    })));

test('Chromium 86, the wasm missing on the server: the message at once, with the reason', LIMIT, () =>
  withWasmServer((res) => (res.writeHead(404).end('not found'), true), (s) =>
    withChromium(86, [], async (browser) => {
      const started = Date.now();
      const { page } = await openPage(browser, s.url);
      await find(page, 'heading', TITLE, { timeout: 5000 });
      assert.ok(Date.now() - started < 5000, 'not only after the 8 s wait');
      assert.match(await bodyText(page), /本系统未能启动/);
    })));

test('Chromium 86, the wasm slow: the message after 8 s, and it goes when the app starts', LIMIT, () =>
  withWasmServer(async () => (await sleep(11000), false), (s) =>
    withChromium(86, [], async (browser) => {
      const { page } = await openPage(browser, s.url);
      await sleep(6000);
      assert.equal(await has(page, 'heading', TITLE), false, 'no message before 8 s');
      await find(page, 'heading', TITLE, { timeout: 4000 });
      assert.match(await bodyText(page), /未能在 8 秒内启动/);
      await find(page, 'button', '新建草稿', { timeout: 15000 });
      assert.equal(await has(page, 'heading', TITLE), false, 'the message is gone');
    })));
