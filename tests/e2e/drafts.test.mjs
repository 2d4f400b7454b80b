// Drafts never lose a keystroke: reloads, closing, a full storage, entries
// this version cannot read, and two tabs on one draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { suite, newDraft as openDraft } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

const newDraft = () => openDraft(browser, server.url);

// A deterministic "random" sequence, so a failure can be replayed.
function* lengths(seed) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield 1 + (x % 9);
  }
}

test('a reload 150 ms after typing keeps every character, 20 times over', async () => {
  const { context, page, problems } = await newDraft();
  const text = '承德高新区行政审批局本级（含政务服务中心、企业服务中心）绩效目标填报测试文字，逐字保存。ABCabc123';
  let typed = '';
  let kept = 0;
  const chunks = lengths(7);
  for (let round = 0; round < 20; round++) {
    const n = chunks.next().value;
    const chunk = text.slice(typed.length % text.length).slice(0, n) || text.slice(0, n);
    await page.getByLabel('单位名称', exact).focus();
    await page.keyboard.press('End');
    await page.keyboard.type(chunk, { delay: 15 });
    typed += chunk;
    await sleep(150);
    await page.reload();
    const value = await page.getByLabel('单位名称', exact).inputValue();
    assert.equal(value, typed, `round ${round + 1}`);
    kept += 1;
  }
  assert.equal(kept, 20);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload reopens the step that was open, with the findings of touched fields', async () => {
  const { context, page } = await newDraft();
  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByLabel('资金用途', exact).fill('律师费');
  await page.keyboard.press('Tab');
  await page.getByLabel('预算数', exact).fill('5');
  await sleep(150);
  await page.reload();
  const use = page.getByLabel('资金用途', exact);
  assert.equal(await use.inputValue(), '律师费');
  assert.equal(await page.getByLabel('预算数', exact).inputValue(), '5');
  const ids = await use.getAttribute('aria-describedby');
  assert.ok(ids, 'the touched field still shows its findings');
  assert.match(await page.locator(`[id="${ids}"]`).innerText(), /\[D4\]/);
  await context.close();
});

test('closing the page right after typing loses nothing', async () => {
  const { context, page } = await newDraft();
  await page.getByLabel('单位名称', exact).fill('关闭前最后输入的文字');
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(server.url);
  assert.equal(await again.getByLabel('单位名称', exact).inputValue(), '关闭前最后输入的文字');
  await context.close();
});

test('when storage is full the text stays, the message says so, and the backup download works', async () => {
  const { context, page } = await newDraft();
  await page.getByLabel('单位名称', exact).fill('存储已满时输入的单位');
  await sleep(1000);
  const filled = await page.evaluate(() => {
    // Blocks of falling size, until not one more character fits.
    let error = 'never full';
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 4, 1]) {
      const block = 'x'.repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`filler/${n++}`, block);
        } catch (e) {
          error = e.name;
          break;
        }
      }
    }
    return error;
  });
  assert.equal(filled, 'QuotaExceededError');
  // Longer than the few bytes a full storage may still have left.
  const longer = `存储已满时输入的单位，继续输入的内容${'。'.repeat(100)}`;
  await page.getByLabel('单位名称', exact).fill(longer);
  const status = page.getByRole('status');
  await status.filter({ hasText: '未能保存' }).waitFor({ timeout: 5000 });
  assert.match(await status.innerText(), /存储空间已满/);
  assert.equal(await page.getByLabel('单位名称', exact).inputValue(), longer);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('banner').getByRole('button', { name: '下载 JSON' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  assert.ok(text.includes(longer), 'the backup holds the text as typed');
  assert.match(download.suggestedFilename(), /绩效目标\.json$/);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler/')).forEach((k) => localStorage.removeItem(k)));
  await context.close();
});

test('damaged and newer-version entries are listed and left untouched', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const entries = {
    'perf-goals/v1/draft/broken': '{"format": "performance-goals", "version": 1, "projects": [',
    'perf-goals/v1/draft/other': '{"hello": "world"}',
    'perf-goals/v1/draft/future': JSON.stringify({ format: 'performance-goals', version: 2, year: '2030' }),
    'perf-goals/v2/draft/next': '{"anything": "a newer app wrote"}',
  };
  await page.goto(server.url);
  await page.evaluate((e) => Object.entries(e).forEach(([k, v]) => localStorage.setItem(k, v)), entries);
  await page.reload();
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  const table = await page.getByRole('table').innerText();
  assert.equal((table.match(/已损坏/g) ?? []).length, 2);
  assert.equal((table.match(/新版本草稿/g) ?? []).length, 2);
  // The app still works: a new draft opens, and going back lists it beside them.
  await page.getByRole('button', { name: '新建草稿' }).click();
  await page.getByLabel('单位名称', exact).fill('正常草稿');
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  assert.match(await page.getByRole('table').innerText(), /正常草稿/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载原始内容' }).first().click(),
  ]);
  assert.ok(Object.values(entries).includes(await readFile(await download.path(), 'utf8')));
  const after = await page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(entries));
  assert.deepEqual(after, Object.values(entries));
  assert.deepEqual(problems, []);
  await context.close();
});

test('two pages on one draft: the second is warned, and no edit of either is lost', async () => {
  const { context, page: first } = await newDraft();
  await first.getByLabel('单位名称', exact).fill('甲单位');
  await sleep(1000);

  const second = await context.newPage();
  second.on('dialog', (d) => d.accept());
  await second.goto(server.url);
  const banner = second.getByRole('alert').filter({ hasText: '正在另一个标签页' });
  await banner.waitFor();
  assert.ok(await second.getByLabel('单位名称', exact).isDisabled(), 'read-only while the first edits');
  assert.equal(await second.getByLabel('单位名称', exact).inputValue(), '甲单位');

  // The read-only view follows what the first page saves.
  await first.getByLabel('单位名称', exact).fill('甲单位乙');
  await second.waitForFunction(() => document.querySelector('#f-unit-name')?.value === '甲单位乙');

  // An edit not yet saved (inside the autosave delay) when the second takes over.
  await first.getByLabel('单位名称', exact).fill('甲单位乙丙');
  await second.getByRole('button', { name: '接管编辑' }).click();
  await second.waitForFunction(() => !document.querySelector('#f-unit-name')?.disabled);
  assert.equal(await second.getByLabel('单位名称', exact).inputValue(), '甲单位乙丙');
  await first.getByRole('alert').filter({ hasText: '另一个标签页已接管编辑' }).waitFor();
  assert.ok(await first.getByLabel('单位名称', exact).isDisabled());

  await second.getByLabel('单位名称', exact).fill('甲单位乙丙丁');
  await sleep(1000);
  await first.waitForFunction(() => document.querySelector('#f-unit-name')?.value === '甲单位乙丙丁');
  await context.close();
});

test('with storage switched off the app still works in memory, and says that nothing survives a reload', async () => {
  const context = await browser.newContext();
  // As in a browser whose policy or private mode refuses localStorage.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  assert.match(await page.getByRole('alert').innerText(), /不允许本系统在本机保存[\s\S]*刷新或关闭页面后内容不会保留/);
  await page.getByRole('button', { name: '新建草稿' }).click();
  await page.getByLabel('单位名称', exact).fill('只在内存中的单位');
  await page.getByRole('status').filter({ hasText: '未能保存' }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByLabel('单位名称', exact).inputValue(), '只在内存中的单位');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('banner').getByRole('button', { name: '下载 JSON' }).click(),
  ]);
  assert.match(await readFile(await download.path(), 'utf8'), /只在内存中的单位/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('two tabs on two drafts: a reload reopens each tab its own draft', async () => {
  const { context, page: first } = await newDraft();
  await first.getByLabel('单位名称', exact).fill('第一个单位');
  const second = await context.newPage();
  await second.goto(server.url);
  // A new tab opens the draft last opened in this browser; this one starts another.
  await second.getByRole('button', { name: '← 返回草稿列表' }).click();
  await second.getByRole('button', { name: '新建草稿' }).click();
  await second.getByLabel('单位名称', exact).fill('第二个单位');
  await sleep(1000);
  await first.reload();
  assert.equal(await first.getByLabel('单位名称', exact).inputValue(), '第一个单位');
  await second.reload();
  assert.equal(await second.getByLabel('单位名称', exact).inputValue(), '第二个单位');
  await context.close();
});
