// 审核台: a reviewer opens a hundred units' files in one go (review.md, "Many
// files at once"). The files come from examples/generate_files.rs (seeded:
// the same hundred every run, nine of them bad); the table must say what
// `perf-goals-check --summary` says about them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, openPage, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

// The editor is on screen: go to 基本信息, where 单位名称 is.
async function basicStep(page) {
  const steps = page.getByRole('navigation', { name: '填报步骤' });
  await steps.waitFor({ timeout: 15000 });
  await steps.getByRole('button', { name: /基本信息/ }).click();
  await page.getByLabel('单位名称', { exact: true }).waitFor({ timeout: 15000 });
}

const COLUMNS = ['文件', '单位名称', '预算年度', '项目数', '预算数合计（万元）', '错误', '警告', '自查等级', '审核状态', '未处理意见', '说明'];
// generate_files puts a bad file at every 33 files' 8th, 19th and 30th place.
const BAD = {
  '008': /文件不是有效的 JSON（第1行第1列/,
  '019': /文件为第 2 版格式，本系统只支持到第 1 版/,
  '030': /文件不是有效的 JSON（第\d+行第\d+列/,
  '041': /文件不是有效的 JSON（第1行第1列/,
  '052': /文件为第 2 版格式/,
  '063': /文件不是有效的 JSON/,
  '074': /文件不是有效的 JSON（第1行第1列/,
  '085': /文件为第 2 版格式/,
  '096': /文件不是有效的 JSON/,
};

let dir;
let files;
let checkerCsv;
before(async () => {
  // The dev profile: built already by `cargo test`, and quick enough here.
  const cargo = (...args) => execFileSync('cargo', ['run', '--locked', '--quiet', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  dir = await mkdtemp(join(tmpdir(), 'desk-'));
  cargo('--example', 'generate_files', '--', dir, '100');
  files = (await readdir(dir)).sort().map((f) => join(dir, f));
  assert.equal(files.length, 100);
  // The checker on the same files. Exit status 2: some are not our format.
  try {
    checkerCsv = cargo('--bin', 'perf-goals-check', '--', '--summary', '--csv', ...files);
  } catch (e) {
    checkerCsv = e.stdout;
  }
});
after(() => rm(dir, { recursive: true, force: true }));

// RFC 4180, as core::summary::csv writes it (BOM, CRLF, a ' before = + - @).
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with a byte order mark, for Excel');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  assert.equal(cell, '', 'the file ends with a line end');
  return rows.map((r) => r.map((c) => (/^'[=+\-@]/.test(c) ? c.slice(1) : c)));
}

const table = (page) => page.getByRole('table', { name: '汇总表' });
const progress = (page) => page.getByRole('main').getByRole('status');

// The table's lines as text, without the 操作 column.
const lines = (page) => table(page).getByRole('row').evaluateAll((rows) =>
  rows.slice(1).map((r) => [...r.cells].slice(0, 11).map((c) => c.textContent)));
const column = (rows, name) => rows.map((r) => r[COLUMNS.indexOf(name)]);

async function openDesk(page) {
  await page.getByRole('button', { name: '审核台', exact: true }).click();
  await page.getByRole('heading', { name: '审核台' }).waitFor();
  await page.getByRole('button', { name: '选择文件' }).waitFor();
}

async function chooseFiles(page, paths) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择文件' }).click()]);
  assert.ok(chooser.isMultiple(), 'several files at once');
  await chooser.setFiles(paths);
}

async function sortBy(page, name, direction) {
  const header = table(page).getByRole('columnheader', { name });
  await header.getByRole('button', { name, exact: true }).click();
  assert.equal(await header.getAttribute('aria-sort'), direction);
}

// Readable lines first, in the order given; lines without a value last.
function assertSorted(values, order, label) {
  const present = values.filter((v) => v !== '');
  assert.deepEqual(values.slice(0, present.length), present, `${label}: empty cells last`);
  for (let i = 1; i < present.length; i++) {
    assert.ok(order(present[i - 1], present[i]) <= 0, `${label}: ${present[i - 1]} before ${present[i]}`);
  }
}

test('a hundred files at once: the table, bad files with their reason, sorting, filtering, CSV', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  const fetched = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual((await fetched()).filter((u) => u.includes('desk')), [], '审核台 is not fetched on first load');

  await openDesk(page);
  const program = (await fetched()).filter((u) => u.includes('desk'));
  assert.ok(program.every((u) => u.startsWith(server.url)), 'fetched from the app\'s sub-folder');
  assert.ok(program.some((u) => /\/desk-[0-9a-f]{16}\.js$/.test(u)), `a hashed script: ${program}`);
  assert.ok(program.some((u) => /\/desk-[0-9a-f]{16}_bg\.wasm$/.test(u)), `a hashed wasm: ${program}`);

  // Every text the progress line shows, to see it count.
  await progress(page).evaluate((el) => {
    window.__progress = [];
    new MutationObserver(() => window.__progress.push(el.textContent)).observe(el, { childList: true, subtree: true, characterData: true });
  });
  await chooseFiles(page, files);
  await progress(page).filter({ hasText: '已读取 100 个文件，其中 9 个无法检查。' }).waitFor({ timeout: 30000 });
  const counted = await page.evaluate(() => window.__progress);
  assert.ok(counted.some((t) => /^正在读取 \d+\/100…$/.test(t)), `progress while loading: ${counted.slice(0, 5)}`);

  const given = await lines(page);
  assert.equal(given.length, 100);
  assert.deepEqual(column(given, '文件'), files.map((f) => f.slice(dir.length + 1)), 'in the order given');
  await page.screenshot({ path: join(OUTPUT, 'desk.png') });

  // Bad files: one line each, with the reason, and nothing to open.
  for (const [n, reason] of Object.entries(BAD)) {
    const line = given.find((l) => l[0].startsWith(`${n}-`));
    assert.match(line[10], /^无法检查：/, n);
    assert.match(line[10], reason, n);
    assert.deepEqual(line.slice(1, 10), Array(9).fill(''), n);
    const row = table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: line[0] }) });
    assert.equal(await row.getByRole('button', { name: '打开' }).count(), 0, n);
  }
  const readable = given.filter((l) => l[1] !== '');
  assert.equal(readable.length, 91);
  assert.ok(readable.some((l) => l[8] === '退回修改') && readable.some((l) => /^审核中 第\d+轮$/.test(l[8])) && readable.some((l) => l[8] === '通过'));
  assert.ok(readable.some((l) => Number(l[5]) > 0) && readable.some((l) => l[5] === '0'));

  // The same table as the command-line checker's.
  // (It names each file by the path it was given.)
  const checker = parseCsv(checkerCsv).map((r, i) => (i === 0 ? r : [r[0].slice(dir.length + 1), ...r.slice(1)]));
  assert.deepEqual(checker[0], COLUMNS);
  assert.deepEqual(given, checker.slice(1));

  // Sorting: by 预算数合计 up and down, then by 自查等级 (优 before 差).
  await sortBy(page, '预算数合计（万元）', 'ascending');
  assertSorted(column(await lines(page), '预算数合计（万元）'), (a, b) => Number(a) - Number(b), '预算数合计 ascending');
  await sortBy(page, '预算数合计（万元）', 'descending');
  assertSorted(column(await lines(page), '预算数合计（万元）'), (a, b) => Number(b) - Number(a), '预算数合计 descending');
  await sortBy(page, '自查等级', 'ascending');
  assert.equal(await table(page).getByRole('columnheader', { name: '预算数合计（万元）' }).getAttribute('aria-sort'), 'none');
  const grades = '优良中差';
  const byGrade = await lines(page);
  assertSorted(column(byGrade, '自查等级'), (a, b) => grades.indexOf(a) - grades.indexOf(b), '自查等级');
  assert.equal(new Set(column(byGrade, '自查等级').filter(Boolean)).size > 1, true);

  // Filtering by review state, unit and file name.
  const filter = page.getByLabel('筛选');
  await filter.fill('退回修改');
  const returned = await lines(page);
  assert.equal(returned.length, readable.filter((l) => l[8] === '退回修改').length);
  assert.ok(returned.length > 0 && returned.every((l) => l[8] === '退回修改'));
  const unit = readable[1][1];
  await filter.fill(unit);
  const ofUnit = await lines(page);
  assert.ok(ofUnit.length > 0 && ofUnit.every((l) => l[1].includes(unit)));
  assert.equal(ofUnit.length, readable.filter((l) => l[1].includes(unit)).length);
  await filter.fill('019-');
  assert.deepEqual((await lines(page)).map((l) => l[0].slice(0, 4)), ['019-']);
  await filter.fill('没有这样的文件');
  assert.equal(await lines(page).then((l) => l.length), 1, 'one line that says nothing matches');
  assert.ok(await table(page).getByText('没有符合筛选条件的文件。').isVisible());
  await filter.fill('');
  const shown = await lines(page);
  assert.equal(shown.length, 100);

  // 导出汇总表: the table as shown (sorted by 自查等级), read back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出汇总表' }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = parseCsv(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(csv[0], COLUMNS);
  assert.deepEqual(csv.slice(1), shown);

  assert.deepEqual(problems, []);
  await context.close();
});

test('打开 opens a line as a draft of its own; the same unit and year again offers 打开已有 or 另存为新草稿', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await openDesk(page);
  await chooseFiles(page, files.slice(0, 12));
  await progress(page).filter({ hasText: '已读取 12 个文件' }).waitFor({ timeout: 30000 });
  const [first] = await lines(page);
  const [file, unit] = first;
  const openLine = async () => {
    const row = table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: file }) });
    await row.getByRole('button', { name: '打开' }).click();
  };
  // An opened file shows 检查与导出 first, as after 导入; its unit is on 基本信息.
  const editorShows = async () => {
    await basicStep(page);
    assert.equal(await page.getByLabel('单位名称', { exact: true }).inputValue(), unit);
  };
  const backToDesk = async (drafts) => {
    await page.getByRole('button', { name: '← 返回草稿列表' }).click();
    const listed = page.getByRole('table', { name: '本浏览器中的草稿' }).getByRole('row').filter({ hasText: unit });
    await listed.first().waitFor();
    assert.equal(await listed.count(), drafts, `${drafts} draft(s) of ${unit}`);
    await openDesk(page);
    // The table is still there.
    await progress(page).filter({ hasText: '已读取 12 个文件' }).waitFor();
  };

  await openLine();
  await editorShows();
  // A reviewer sees every finding at once, as after 导入.
  await page.getByRole('navigation', { name: '填报步骤' }).waitFor();
  await backToDesk(1);

  await openLine();
  const offer = page.getByRole('group', { name: '已有同一单位同一年度的草稿' });
  await offer.waitFor();
  assert.match(await offer.textContent(), new RegExp(`已有「${unit} \\d{4}」的草稿`));
  await offer.getByRole('button', { name: '打开已有' }).click();
  await editorShows();
  await backToDesk(1);

  await openLine();
  await offer.getByRole('button', { name: '另存为新草稿' }).click();
  await editorShows();
  await backToDesk(2);

  await openLine();
  await offer.getByRole('button', { name: '取消' }).click();
  assert.equal(await offer.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('files dropped on the page; a GB18030 file is read and said so; a bad one never stops the rest', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await openDesk(page);
  const good = await readFile(files[0]);
  const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: good });
  const unit = JSON.parse(good.toString('utf8')).unit.name;
  const dropped = [
    { name: 'gbk.json', bytes: [...gb] },
    { name: 'word.json', bytes: [...Buffer.from('这是 Word 文档，不是 JSON。')] },
    { name: 'utf16.json', bytes: [0xff, 0xfe, ...Buffer.from('{}', 'utf16le')] },
    { name: 'empty.json', bytes: [] },
  ];
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: 'application/json' }));
    return dt;
  }, dropped);
  const zone = page.getByText('把各单位的 JSON 文件拖放到此处');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await progress(page).filter({ hasText: '已读取 4 个文件，其中 3 个无法检查。' }).waitFor({ timeout: 30000 });
  const [gbk, word, utf16, empty] = await lines(page);
  assert.equal(gbk[1], unit);
  assert.match(gbk[10], /已按 GB18030（GBK）编码读取/);
  assert.match(word[10], /^无法检查：文件不是有效的 JSON/);
  assert.match(utf16[10], /^无法检查：文件是 UTF-16 编码/);
  assert.match(empty[10], /^无法检查：文件是空的/);

  // Opened, the GB18030 file is the same document.
  await table(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'gbk.json' }) }).getByRole('button', { name: '打开' }).click();
  await basicStep(page);
  assert.equal(await page.getByLabel('单位名称', { exact: true }).inputValue(), unit);
  assert.match(await page.getByRole('alert').textContent(), /不是 UTF-8 编码，已按 GB18030（GBK）/);

  // 清空列表 empties the table.
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  await openDesk(page);
  await page.getByRole('button', { name: '清空列表' }).click();
  assert.equal(await table(page).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the workers cannot start, every file is listed with why, and nothing hangs', async () => {
  const { context, page } = await openPage(browser, server.url);
  // The page's own copy of the program loads; the workers' does not.
  let fetched = 0;
  await context.route(/\/desk-[0-9a-f]{16}_bg\.wasm$/, (route) => (fetched++ === 0 ? route.continue() : route.abort()));
  await openDesk(page);
  await chooseFiles(page, files.slice(0, 5));
  await progress(page).filter({ hasText: '已读取 5 个文件，其中 5 个无法检查。' }).waitFor({ timeout: 30000 });
  for (const line of await lines(page)) {
    assert.match(line[10], /^无法检查：后台检查程序无法运行（.+）。请刷新页面后重试。$/);
  }
  assert.ok(fetched >= 2, 'a worker asked for the program');
  await context.close();
});
