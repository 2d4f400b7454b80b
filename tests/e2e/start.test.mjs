// Guards the release build itself: it loads from a sub-folder of a plain static
// server and starts without a single console or page error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, openPage, serveDist, DIST, OUTPUT } from './harness.mjs';

const exact = { exact: true };

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

test('the release build starts from a sub-folder and shows the start page', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const create = page.getByRole('button', { name: '新建草稿' });
  await create.waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await page.title(), '绩效目标填报');
  assert.ok(await page.getByRole('heading', { name: '草稿' }).isVisible());
  await page.screenshot({ path: join(OUTPUT, 'start.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

/** Waits (up to 10 s) until `count()` reaches `n`. */
async function askedFor(count, n) {
  for (let waited = 0; count() < n && waited < 10000; waited += 50) {
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

// The first load is the start program alone (issue 19); the app comes behind
// it. Here the app's wasm is held back until the test lets it through, as on
// a slow link.
test('the start page works before the app has arrived: a click waits for it and is then done', async () => {
  let gate;
  let open;
  const hold = () => { gate = new Promise((ok) => { open = ok; }); };
  hold();
  let appAsked = 0;
  const slow = await serveDist(DIST, {
    intercept: async (path) => {
      if (/\/app-[0-9a-f]{16}_bg\.wasm$/.test(path)) {
        appAsked += 1;
        await gate;
      }
      return false;
    },
  });
  const { context, page, problems } = await openPage(browser, slow.url);
  try {
    // Nothing stored: the start program shows the page by itself.
    await page.getByText('本浏览器中还没有草稿。点击「新建草稿」开始填报。').waitFor();
    await page.getByRole('button', { name: '新建草稿' }).click();
    await page.getByText('正在载入，请稍候……').waitFor();
    // The start program asks for the app after its page is up; on a busy
    // machine the click can come first.
    await askedFor(() => appAsked, 1);
    assert.equal(appAsked, 1, 'the app is asked for once, behind the start page');
    assert.equal(await page.getByLabel('单位名称', exact).count(), 0, 'no editor without the app');
    open();
    // The click is done by the app: a new draft, on 基本信息.
    await page.getByLabel('单位名称', exact).fill('先点后到单位');
    await page.getByText(/已保存/).waitFor();
    await page.getByRole('button', { name: '← 返回草稿列表' }).click();
    await page.getByRole('cell', { name: '先点后到单位' }).waitFor();

    // Reloaded with the app held back again: the start program lists the
    // draft from the index, and 打开 waits for the app.
    hold();
    await page.reload();
    await page.getByRole('row', { name: /先点后到单位/ }).getByRole('button', { name: '打开' }).click();
    await page.getByText('正在载入，请稍候……').waitFor();
    await askedFor(() => appAsked, 2);
    assert.equal(appAsked, 2);
    open();
    await page.getByLabel('单位名称', exact).waitFor();
    assert.equal(await page.getByLabel('单位名称', exact).inputValue(), '先点后到单位');
    assert.deepEqual(problems, []);
  } finally {
    open();
    await context.close();
    await slow.close();
  }
});

for (const [file, missing] of [['wasm', /\/app-[0-9a-f]{16}_bg\.wasm$/], ['script', /\/app-[0-9a-f]{16}\.js$/]]) {
  test(`when the app's ${file} cannot be fetched, the start page says so instead of waiting for ever`, async () => {
    const broken = await serveDist(DIST, {
      intercept: (path, res) => missing.test(path) && (res.writeHead(404).end('not found'), true),
    });
    const { context, page } = await openPage(browser, broken.url);
    try {
      await page.getByRole('button', { name: '新建草稿' }).waitFor();
      await page.getByRole('status').getByText(/未能载入本系统（.*）。请刷新页面重试。/).waitFor();
      await page.getByRole('button', { name: '新建草稿' }).click();
      assert.match(await page.getByRole('status').innerText(), /未能载入本系统/, 'the message stays after a click');
    } finally {
      await context.close();
      await broken.close();
    }
  });
}

// A server of dist/ whose app wasm waits until `open()` is called, as on a
// slow link.
async function appHeldBack() {
  let open;
  const gate = new Promise((ok) => { open = ok; });
  const slow = await serveDist(DIST, {
    intercept: async (path) => {
      if (/\/app-[0-9a-f]{16}_bg\.wasm$/.test(path)) await gate;
      return false;
    },
  });
  return { slow, open };
}

// A press that is under way when the app arrives: the app waits for its click
// (taken over between mousedown and mouseup, the browser would drop it).
test('a click pressed on the start page while the app arrives is not lost', async () => {
  const { slow, open } = await appHeldBack();
  const { context, page, problems } = await openPage(browser, slow.url);
  try {
    const button = page.getByRole('button', { name: '新建草稿' });
    await button.waitFor();
    const box = await button.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const arrived = page.waitForResponse(/app-[0-9a-f]{16}_bg\.wasm$/);
    open();
    await arrived;
    // Time for the app to start while the button is still held.
    await page.waitForTimeout(1000);
    await page.mouse.up();
    await page.getByLabel('单位名称', exact).waitFor({ timeout: 10000 });
    assert.deepEqual(problems, []);
  } finally {
    open();
    await context.close();
    await slow.close();
  }
});

test('a file chooser asked for long before the app arrived: the app asks for the click again', async () => {
  const { slow, open } = await appHeldBack();
  const { context, page, problems } = await openPage(browser, slow.url);
  try {
    let choosers = 0;
    page.on('filechooser', () => { choosers += 1; });
    await page.getByRole('button', { name: '导入 Word 文档' }).click();
    await page.getByText('正在载入，请稍候……').waitFor();
    // A browser lets a page open its file chooser only a few seconds after a
    // click (its "user activation"). Headless Chromium under Playwright never
    // lets it lapse, so the page is told it has, as a browser would say.
    await page.evaluate(() => Object.defineProperty(navigator, 'userActivation', { value: { isActive: false }, configurable: true }));
    open();
    await page.getByText('本系统已载入完毕。请再点一次刚才的按钮选择文件。').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '导入 Word 文档');
    assert.equal(choosers, 0, 'no chooser the browser would have refused');
    await page.evaluate(() => delete navigator.userActivation);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入 Word 文档' }).click()]);
    assert.ok(chooser, 'the second click opens it');
    assert.deepEqual(problems, []);
  } finally {
    open();
    await context.close();
    await slow.close();
  }
});
