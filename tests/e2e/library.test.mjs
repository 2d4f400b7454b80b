// 指标库 in the browser (issue 17): fetched when first needed, 从指标库添加,
// 推荐指标 under an empty project's table, completions while typing a 三级指标,
// and a unit's own indicator-library.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, newDraft as openDraft, OUTPUT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const newDraft = () => openDraft(browser, server.url);
const steps = (page) => page.getByRole('navigation', { name: '填报步骤' });
const table = (page) => page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) });
// Row 0 is the heading; the findings under each row are not table rows.
const indicatorRow = (page, n) => table(page).getByRole('row').nth(n);
const dialog = (page) => page.getByRole('dialog', { name: '从指标库添加' });
const CELLS = ['三级指标', '绩效指标描述', '指标值', '指标值确定依据'];

// Whether the library file was fetched by this page so far.
const libraryFetched = (page) =>
  page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/library/indicators.json')));

// The rule codes shown under row `n` (its findings line).
async function rowCodes(page, n) {
  const text = await indicatorRow(page, n).locator('xpath=following-sibling::tr[1]').innerText();
  return [...text.matchAll(/\[([A-G]\d+)\]/g)].map((m) => m[1]);
}

async function newProject(page, name) {
  await steps(page).getByRole('button', { name: '添加项目' }).click();
  if (name) await page.getByLabel('项目名称', exact).fill(name);
}

// A tiny library of one kind and one row, in the shape of library/README.md.
const UNIT_LIBRARY = {
  format: 'indicator-library',
  version: 1,
  kinds: [{ name: '培训', keywords: ['培训'] }],
  rows: [{
    id: 'unit.count.drill',
    kinds: ['培训'],
    level1: '产出指标',
    level2: '数量指标',
    name: '本单位应急演练培训场次',
    description: '全年组织的应急演练培训场次，按签到记录统计',
    value: '≥{N}场',
    basis: '计划标准：本单位年度培训计划',
    explain: '本单位自定的指标。',
    keywords: ['演练'],
    source: '实务',
    example: { N: '4' },
  }],
};

test('the library is not fetched on first load; 推荐指标 appear once an empty project is named, with 添加 and 全部添加', async () => {
  const { context, page, problems } = await newDraft();
  await newProject(page);
  assert.equal(await libraryFetched(page), false, 'nothing of the library on first load or for a nameless project');
  assert.equal(await page.getByRole('region', { name: '推荐指标' }).count(), 0);
  await page.getByLabel('项目名称', exact).fill('2024年全县教师培训项目');
  const panel = page.getByRole('region', { name: '推荐指标' });
  await panel.waitFor();
  assert.equal(await libraryFetched(page), true);
  const names = await panel.locator('.lib-name').allInnerTexts();
  assert.equal(names.length, 6, `six recommendations: ${names}`);
  assert.ok(names.filter((n) => /培训|参训|学员|师资/.test(n)).length >= 3, `training indicators first: ${names}`);
  await page.getByRole('button', { name: '从指标库添加' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(OUTPUT, 'library-recommended.png') });
  // 添加 one: it becomes the first row, the panel offers the rest.
  await panel.getByRole('button', { name: `添加：${names[0]}` }).click();
  assert.equal(await indicatorRow(page, 1).getByLabel('三级指标', exact).inputValue(), names[0]);
  assert.equal(await panel.locator('.lib-name').count(), 5);
  await panel.getByRole('button', { name: '全部添加' }).click();
  assert.equal(await table(page).getByRole('row').count(), 1 + 6);
  assert.equal(await page.getByRole('region', { name: '推荐指标' }).count(), 0, 'all added: the panel is gone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('picking three in 从指标库添加 appends complete rows whose only findings are A12 until the slots are filled', async () => {
  const { context, page, problems } = await newDraft();
  await newProject(page, '2024年全县教师培训项目');
  const opener = page.getByRole('button', { name: '从指标库添加' });
  await opener.click();
  const d = dialog(page);
  await d.waitFor();
  assert.equal(await d.getAttribute('aria-modal'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lib-search', 'the focus starts in 搜索指标');
  const recommended = d.getByRole('region', { name: '推荐指标' });
  await recommended.getByRole('checkbox').first().waitFor();
  await page.screenshot({ path: join(OUTPUT, 'library-dialog.png') });
  const picks = recommended.getByRole('checkbox');
  const picked = [];
  for (let i = 0; i < 3; i++) {
    await picks.nth(i).check();
    picked.push(await d.locator(`label[for="${await picks.nth(i).getAttribute('id')}"]`).innerText());
  }
  assert.match(await d.getByRole('status').filter({ hasText: '已选' }).innerText(), /已选 3 项/);
  await d.getByRole('button', { name: '添加所选指标' }).click();
  assert.equal(await dialog(page).count(), 0, 'the dialog closed');
  assert.equal(await table(page).getByRole('row').count(), 1 + 3);

  // The focus is on the first new row's 指标值, its slot selected: typing replaces it.
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    return { label: el.getAttribute('aria-label'), selected: el.value.slice(el.selectionStart, el.selectionEnd), value: el.value };
  });
  assert.equal(focus.label, '指标值');
  assert.ok(/^\{[^}]+\}$/.test(focus.selected) || focus.selected === focus.value, JSON.stringify(focus));

  for (let r = 1; r <= 3; r++) {
    const row = indicatorRow(page, r);
    assert.equal(await row.getByLabel('三级指标', exact).inputValue(), picked[r - 1]);
    assert.notEqual(await row.getByLabel('一级指标', exact).inputValue(), '');
    assert.notEqual(await row.getByLabel('二级指标', exact).inputValue(), '');
    for (const cell of CELLS) assert.notEqual(await row.getByLabel(cell, exact).inputValue(), '', `row ${r} ${cell}`);
  }
  // Quiet while in the table; once it is left, each row says A12 and only A12.
  assert.deepEqual(await rowCodes(page, 1), []);
  await page.getByLabel('项目名称', exact).click();
  let withSlots = 0;
  for (let r = 1; r <= 3; r++) {
    const codes = await rowCodes(page, r);
    const texts = await Promise.all(CELLS.map((c) => indicatorRow(page, r).getByLabel(c, exact).inputValue()));
    const slotted = texts.some((t) => /\{(N|对象|YYYY|M)\}/.test(t));
    withSlots += slotted;
    assert.ok(codes.every((c) => c === 'A12'), `row ${r}: ${codes}`);
    assert.equal(codes.length > 0, slotted, `row ${r}: A12 exactly where a slot is left: ${codes}`);
  }
  assert.ok(withSlots >= 2, 'the picks hold slots to replace');
  // Filling the slots makes the A12s go.
  const fill = { '{N}': '600', '{对象}': '教师', '{YYYY}': '2024', '{M}': '11' };
  for (let r = 1; r <= 3; r++) {
    for (const cell of CELLS) {
      const box = indicatorRow(page, r).getByLabel(cell, exact);
      const text = await box.inputValue();
      const filled = text.replace(/\{(N|对象|YYYY|M)\}/g, (s) => fill[s]);
      if (filled !== text) await box.fill(filled);
    }
  }
  await page.getByLabel('项目名称', exact).click();
  for (let r = 1; r <= 3; r++) assert.ok(!(await rowCodes(page, r)).includes('A12'), `row ${r} still has A12`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dialog keeps the focus inside, Esc closes it and the focus returns to 从指标库添加; search narrows the list', async () => {
  const { context, page, problems } = await newDraft();
  await newProject(page);
  // A row deleted before: Ctrl+Z inside the dialog must not bring it back behind it.
  await page.getByRole('button', { name: '添加指标' }).click();
  await indicatorRow(page, 1).getByRole('button', { name: '删除指标' }).click();
  const opener = page.getByRole('button', { name: '从指标库添加' });
  const started = Date.now();
  await opener.click();
  const d = dialog(page);
  await d.getByRole('group').or(d.locator('summary')).first().waitFor();
  console.log(`# first opening of the dialog (fetch + parse + render): ${Date.now() - started} ms`);
  assert.equal(await d.getByRole('alert').count(), 0, 'no indicator-library.json beside the app is normal: nothing said');
  assert.match(await d.innerText(), /内置指标库（\d+ 条指标）/);
  // Tab from the last control wraps to the first, Shift+Tab back to the last.
  await d.getByRole('button', { name: '取消' }).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '关闭');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '取消');
  await page.keyboard.press('Control+z');
  assert.equal(await table(page).getByRole('row').count(), 1, 'no row came back behind the dialog');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '取消');
  // Search: every result matches.
  await d.getByLabel('搜索指标').fill('满意度');
  const found = d.getByRole('region', { name: '搜索结果' });
  await found.getByRole('checkbox').first().waitFor();
  assert.match(await d.getByRole('status').filter({ hasText: '找到' }).innerText(), /找到 \d+ 条/);
  const names = await found.locator('.lib-name').allInnerTexts();
  assert.ok(names.length > 0 && names.slice(0, 5).every((n) => n.includes('满意')), `${names}`);
  // A kind opens on demand.
  await d.getByLabel('搜索指标').fill('');
  await d.locator('summary', { hasText: '会议' }).click();
  // The rows come with the toggle event, which the browser fires a task later.
  await d.locator('details[open]').getByRole('checkbox').first().waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await dialog(page).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '从指标库添加');
  assert.deepEqual(problems, []);
  await context.close();
});

test('completions while typing a 三级指标: arrows and Enter take one and fill the row; free typing is never hindered', async () => {
  const { context, page, problems } = await newDraft();
  await newProject(page, '法律顾问费');
  await page.getByRole('button', { name: '添加指标' }).click();
  const row = indicatorRow(page, 1);
  const name = row.getByRole('combobox', { name: '三级指标' });
  await name.click();
  await page.keyboard.type('培训');
  const list = page.getByRole('listbox', { name: '指标库中的三级指标' });
  await list.waitFor();
  assert.equal(await name.getAttribute('aria-expanded'), 'true');
  assert.equal(await name.getAttribute('aria-controls'), await list.getAttribute('id'));
  const options = list.getByRole('option');
  assert.ok(await options.count() > 1);
  assert.equal(await name.getAttribute('aria-activedescendant'), null, 'nothing chosen by typing alone');
  await page.keyboard.press('ArrowDown');
  const first = options.first();
  assert.equal(await name.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
  assert.equal(await first.getAttribute('aria-selected'), 'true');
  const chosen = await first.locator('.combo-name').innerText();
  await page.screenshot({ path: join(OUTPUT, 'library-completions.png') });
  await page.keyboard.press('Enter');
  assert.equal(await name.inputValue(), chosen);
  assert.equal(await name.getAttribute('aria-expanded'), 'false');
  assert.equal(await list.isVisible(), false);
  assert.notEqual(await row.getByLabel('一级指标', exact).inputValue(), '');
  assert.notEqual(await row.getByLabel('二级指标', exact).inputValue(), '');
  for (const cell of CELLS) assert.notEqual(await row.getByLabel(cell, exact).inputValue(), '', cell);

  // A second row: typed text is kept as typed; Esc closes; no match closes the list.
  await page.getByRole('button', { name: '添加指标' }).click();
  const second = indicatorRow(page, 2).getByRole('combobox', { name: '三级指标' });
  await second.click();
  await page.keyboard.type('满意');
  await list.last().waitFor();
  assert.equal(await second.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.equal(await second.getAttribute('aria-expanded'), 'false');
  await page.keyboard.type('度调查问卷xyz');
  assert.equal(await second.getAttribute('aria-expanded'), 'false', 'nothing matches: no list');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await second.inputValue(), '满意度调查问卷xyz');
  assert.equal(await indicatorRow(page, 2).getByLabel('指标值', exact).inputValue(), '', 'nothing filled unless chosen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a unit\'s own indicator-library.json replaces the built-in one', async () => {
  const { context, page, problems } = await newDraft();
  await context.route('**/indicator-library.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(UNIT_LIBRARY) }));
  await newProject(page, '2024年全县教师培训项目');
  await page.getByRole('button', { name: '从指标库添加' }).click();
  const d = dialog(page);
  await d.getByText('本单位指标库（indicator-library.json，1 条指标）').waitFor();
  const names = await d.locator('.lib-name').allInnerTexts();
  assert.deepEqual([...new Set(names)], ['本单位应急演练培训场次']);
  assert.equal(await libraryFetched(page), false, 'the built-in library is not fetched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a malformed indicator-library.json is refused with its reason, and the built-in library is used', async () => {
  const { context, page, problems } = await newDraft();
  const broken = { ...UNIT_LIBRARY, rows: [{ ...UNIT_LIBRARY.rows[0], value: 600 }] };
  await context.route('**/indicator-library.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(broken) }));
  await newProject(page, '2024年全县教师培训项目');
  await page.getByRole('button', { name: '从指标库添加' }).click();
  const d = dialog(page);
  const alert = d.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /本单位的 indicator-library\.json 未能使用，已改用内置指标库。指标库文件有误：rows\[0\]\.value：应为文本，实际为数字。/);
  await d.getByText(/^内置指标库（\d+ 条指标）/).waitFor();
  assert.ok(await d.getByRole('region', { name: '推荐指标' }).getByRole('checkbox').count() > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
