// Last year's table in: a table pasted from Word (HTML, merged 一级 cells) or
// Excel (tab-separated text) into the indicator table, a whole project table
// pasted on a project, the seed as a real .docx opened on the start page, old
// formats refused with their message, and 新建下一年度 with 上年指标值.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, newDraft as openDraft, openPage, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const fixture = (name, encoding = 'utf8') => readFile(join(ROOT, 'tests/fixtures', name), encoding);
const newDraft = () => openDraft(browser, server.url);

function step(page, name) {
  return page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name });
}

function indicatorTable(page) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) }).first();
}

// Row 0 is the header row.
function indicatorRow(page, n) {
  return indicatorTable(page).getByRole('row').nth(n);
}

/** Dispatches a real paste event, with a DataTransfer as Word or Excel fill it, at the focused element. */
async function paste(page, { html = '', text = '' }) {
  await page.evaluate(({ html, text }) => {
    const data = new DataTransfer();
    if (html) data.setData('text/html', html);
    if (text) data.setData('text/plain', text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, { html, text });
}

/** Every key of localStorage except leases and UI memory, which the app rewrites as it runs. */
async function storedDrafts(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!/\/(lease|handoff|ui)\//.test(key)) out[key] = localStorage.getItem(key);
    }
    return out;
  });
}

/** The draft's JSON as stored, once autosave has written it. */
async function savedDraft(page) {
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  const drafts = await storedDrafts(page);
  const texts = Object.values(drafts).filter((t) => t.startsWith('{') && t.includes('"projects"'));
  return JSON.parse(texts[texts.length - 1]);
}

async function addProject(page) {
  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByLabel('项目编码', exact).waitFor();
}

const WORD_ROWS = 9;

test('Word HTML with merged 一级 cells pasted into the table: the preview shows the rows and their findings, 确认导入 adds them', async () => {
  const { context, page, problems } = await newDraft();
  await addProject(page);
  await page.getByRole('button', { name: '添加指标' }).click();
  // The focus is in the new (blank) row's 一级指标; the preparer pastes there.
  await indicatorRow(page, 1).getByLabel('三级指标', exact).focus();
  await paste(page, { html: await fixture('clipboard/word-indicators.html'), text: '一级指标\t二级指标\n' });

  const dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /添加 9 行指标。表中原有的 1 个空行将被替换/);
  const rows = dialog.getByRole('table').getByRole('row');
  assert.equal(await rows.count(), 1 + WORD_ROWS, 'a header and the nine rows');
  // The merged 一级 is filled down: row 4 (案例办理单价) is still 产出指标.
  assert.match(await rows.nth(4).innerText(), /产出指标\s+成本指标\s+案例办理单价/);
  assert.match(await rows.nth(9).innerText(), /满意度指标\s+服务对象满意度指标\s+法院办案人员及案件当事人满意度/);
  // The seed's mistake on that row is in the preview, before anything is written.
  const text = await dialog.innerText();
  assert.match(text, /指标值✖错误 \[C3\] 「案例办理单价」是单位成本类指标/);
  assert.match(text, /绩效指标表✖错误 \[B4\] 第1–9行的指标值均为「≥95%」/);
  assert.match(text, /按规则检查：2 个错误、11 个警告。/);
  assert.match(text, /识别的列：一级指标、二级指标、三级指标、绩效指标描述、指标值、指标值确定依据。/);
  // The focus is in the dialog, on its heading.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '导入预览');
  await page.screenshot({ path: join(OUTPUT, 'paste-preview.png') });

  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await indicatorTable(page).getByRole('row').count(), 1 + WORD_ROWS);
  assert.equal(await indicatorRow(page, 4).getByLabel('一级指标', exact).inputValue(), '产出指标');
  assert.equal(await indicatorRow(page, 4).getByLabel('三级指标', exact).inputValue(), '案例办理单价');
  // The focus is on the first pasted row; its findings show as in the preview.
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '一级指标');
  assert.equal(await indicatorRow(page, 4).getByLabel('指标值', exact).getAttribute('aria-invalid'), 'true');

  const saved = await savedDraft(page);
  const law = JSON.parse(await fixture('seed.json')).projects[0].indicators;
  assert.deepEqual(saved.projects[0].indicators, law, 'stored exactly as in the seed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Excel tab-separated text pasted into a table with a row: appended after it, 一级 left blank by Excel filled down', async () => {
  const { context, page, problems } = await newDraft();
  await addProject(page);
  await page.getByRole('button', { name: '添加指标' }).click();
  await indicatorRow(page, 1).getByLabel('三级指标', exact).fill('已有的指标');
  await indicatorRow(page, 1).getByLabel('指标值', exact).focus();
  await paste(page, { text: await fixture('clipboard/excel-indicators.tsv') });

  const dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /末尾添加 9 行指标。/);
  assert.doesNotMatch(await dialog.innerText(), /空行将被替换/);
  assert.match(await dialog.innerText(), /有 6 行的一级指标为空/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await indicatorTable(page).getByRole('row').count(), 1 + 1 + 9);
  assert.equal(await indicatorRow(page, 1).getByLabel('三级指标', exact).inputValue(), '已有的指标');
  assert.equal(await indicatorRow(page, 3).getByLabel('一级指标', exact).inputValue(), '产出指标');
  assert.equal(await indicatorRow(page, 2).getByLabel('指标值确定依据', exact).inputValue(),
    '《政府工作服务站设立及政府服务代表派驻工作方案》\n（2023年修订）');
  assert.deepEqual(problems, []);
  await context.close();
});

test('取消 and Esc write nothing: storage and the table stay as they were, the focus goes back', async () => {
  const { context, page, problems } = await newDraft();
  await addProject(page);
  await page.getByRole('button', { name: '添加指标' }).click();
  await indicatorRow(page, 1).getByLabel('三级指标', exact).fill('原有');
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  const before = await storedDrafts(page);
  const html = await fixture('clipboard/word-indicators.html');
  for (const how of ['取消', 'Escape']) {
    const cell = indicatorRow(page, 1).getByLabel('指标值确定依据', exact);
    await cell.focus();
    await paste(page, { html });
    const dialog = page.getByRole('dialog', { name: '导入预览' });
    await dialog.waitFor();
    if (how === 'Escape') await page.keyboard.press('Escape');
    else await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '指标值确定依据', how);
    assert.equal(await cell.inputValue(), '', `${how}: nothing pasted into the cell`);
  }
  assert.equal(await indicatorTable(page).getByRole('row').count(), 2);
  await page.waitForTimeout(1200);
  assert.deepEqual(await storedDrafts(page), before);
  // A paste of plain text into a cell stays a normal paste.
  await indicatorRow(page, 1).getByLabel('指标值', exact).focus();
  await paste(page, { text: '≥95%' });
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a whole project table pasted with 粘贴表格 on a project becomes a new project, head and rows', async () => {
  const { context, page, problems } = await newDraft();
  await addProject(page);
  await page.getByLabel('项目名称', exact).fill('现有项目');
  await page.getByRole('button', { name: '粘贴表格' }).click();
  const box = page.getByRole('dialog', { name: '粘贴表格' });
  await box.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), '在此粘贴表格');
  // Something that is no table is refused in place, with why.
  await paste(page, { text: '一段文字' });
  assert.match(await box.getByRole('alert').innerText(), /不是表格/);
  await paste(page, { html: await fixture('clipboard/word-project.html') });

  const dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  const text = await dialog.innerText();
  assert.match(text, /将新增项目「审批局政务中心运转专项」（8 行指标），当前项目不变/);
  assert.match(text, /项目编码\s+13081123P00021610002P/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.getByRole('heading', { name: '项目2：审批局政务中心运转专项' }).waitFor();
  const seed = JSON.parse(await fixture('seed.json')).projects[2];
  assert.equal(await page.getByLabel('项目编码', exact).inputValue(), seed.code);
  assert.equal(await page.getByLabel('预算数', exact).inputValue(), seed.budget.total);
  assert.equal(await page.getByLabel('12月底', exact).inputValue(), seed.spending_plan.dec);
  assert.equal(await indicatorTable(page).getByRole('row').count(), 1 + seed.indicators.length);
  assert.ok(await step(page, /1\. 现有项目/).isVisible(), 'the project pasted on is unchanged');
  const saved = await savedDraft(page);
  assert.deepEqual(saved.projects[1], seed);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a whole project table pasted into a blank project fills it; 只添加指标到本项目 takes only its rows', async () => {
  const { context, page, problems } = await newDraft();
  const seed = JSON.parse(await fixture('seed.json')).projects[2];
  const html = await fixture('clipboard/word-project.html');
  await addProject(page);
  await page.getByRole('button', { name: '添加指标' }).focus();
  await paste(page, { html });
  let dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /将把整张项目表「审批局政务中心运转专项」（8 行指标）填入当前这个空项目/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await page.getByRole('heading', { name: '项目1：审批局政务中心运转专项' }).waitFor();
  assert.equal(await page.getByLabel('资金用途', exact).inputValue(), seed.use_of_funds);
  assert.equal(await page.getByLabel('绩效目标 1', exact).inputValue(), seed.goals[0]);
  assert.equal(await step(page, /审批局政务中心运转专项/).count(), 1, 'no second project');

  // The same table pasted again, now on a project that has content: only its rows.
  await indicatorRow(page, 8).getByLabel('三级指标', exact).focus();
  await paste(page, { html });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /将新增项目/);
  await dialog.getByRole('button', { name: '只添加指标到本项目' }).click();
  assert.match(await dialog.innerText(), /将在「审批局政务中心运转专项」的绩效指标表末尾添加 8 行指标。/);
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await indicatorTable(page).getByRole('row').count(), 1 + 16);
  assert.equal(await step(page, /审批局政务中心运转专项/).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('粘贴表格 on the start page: Excel text of a whole project table becomes a new draft', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: '粘贴表格' }).click();
  const box = page.getByRole('dialog', { name: '粘贴表格' });
  await box.waitFor();
  await paste(page, { text: await fixture('clipboard/excel-project.tsv') });
  const dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /将新建一份草稿：承德高新区行政审批局本级 .*1 个项目，共 9 行指标（来源：粘贴的表格）/);
  assert.deepEqual(await storedDrafts(page), {}, 'nothing written before 确认导入');
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await step(page, /法律顾问费/).click();
  const seed = JSON.parse(await fixture('seed.json')).projects[0];
  assert.equal(await page.getByLabel('项目编码', exact).inputValue(), seed.code);
  assert.equal(await indicatorTable(page).getByRole('row').count(), 1 + 9);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the seed .docx imported on the start page gives the seed document', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入 Word 文档' }).click()]);
  const chosenAt = Date.now();
  await chooser.setFiles({ name: 'seed.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: await fixture('seed.docx', null) });
  const dialog = page.getByRole('dialog', { name: '导入预览' });
  await dialog.waitFor();
  const onScreen = Date.now() - chosenAt;
  const read = await page.evaluate(() => performance.getEntriesByName('perf-goals:docx-read').map((e) => e.duration));
  console.log(`seed.docx: read ${read.map((d) => d.toFixed(1)).join(', ')} ms in the page; chosen → preview on screen ${onScreen} ms`);
  const text = await dialog.innerText();
  assert.match(text, /将新建一份草稿：承德高新区行政审批局本级 2023，6 个项目，共 53 行指标（来源：seed\.docx）/);
  assert.match(text, /项目支出绩效目标表 6 个。/);
  assert.match(text, /项目1：法律顾问费（9 行指标；/);
  await page.screenshot({ path: join(OUTPUT, 'docx-preview.png') });
  // Each project opens to its head and rows, with their findings.
  const law = dialog.getByText(/^项目1：法律顾问费/);
  await law.click();
  await law.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  assert.match(await dialog.innerText(), /指标值✖错误 \[C3\] 「案例办理单价」是单位成本类指标/);
  await page.screenshot({ path: join(OUTPUT, 'docx-preview-project.png') });
  await dialog.getByRole('button', { name: '确认导入' }).click();
  await step(page, /法律顾问费/).waitFor();

  await step(page, /检查与导出/).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 JSON', exact: true }).click()]);
  const exported = await readFile(await download.path(), 'utf8');
  const withoutSavedAt = (t) => t.replace(/\n  "saved_at": "[^"]*"\n/, '\n');
  const canonical = withoutSavedAt(await fixture('seed.json')).replaceAll(': "100%"', ': "100"');
  assert.equal(withoutSavedAt(exported), canonical);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a .doc file gets the message to save it as .docx, and nothing is added', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  // An OLE compound file, as Word 97–2003 writes it.
  const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入 Word 文档' }).click()]);
  await chooser.setFiles({ name: '2023年绩效目标.doc', mimeType: 'application/msword', buffer: ole });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /未导入「2023年绩效目标\.doc」：\.doc 为旧版 Word 格式，请在 Word 或 WPS 中另存为 \.docx 后再导入/);
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(await storedDrafts(page), {});
  assert.deepEqual(problems, []);
  await context.close();
});

test('新建下一年度 makes next year\'s draft: amounts emptied, 上年指标值 shown beside 指标值', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  page.on('dialog', (d) => d.accept());
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  await page.locator('input[type=file]').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: await fixture('seed.json', null) });
  await step(page, /检查与导出/).click();
  await page.getByRole('button', { name: '新建下一年度' }).click();
  assert.match(await page.getByRole('alert').innerText(), /已新建「承德高新区行政审批局本级」2024 年度的草稿/);
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  const drafts = page.getByRole('table').filter({ hasText: '单位名称' });
  const next = drafts.getByRole('row').filter({ hasText: '2024' });
  assert.equal(await next.count(), 1);
  await next.getByRole('button', { name: '打开' }).click();
  await step(page, /法律顾问费/).click();
  assert.equal(await page.getByLabel('预算数', exact).inputValue(), '');
  assert.ok(await indicatorTable(page).getByRole('columnheader', { name: '上年指标值' }).isVisible());
  assert.match(await indicatorRow(page, 1).innerText(), /≥95%/);
  // This year's 指标值 starts as last year's, to be edited.
  assert.equal(await indicatorRow(page, 1).getByLabel('指标值', exact).inputValue(), '≥95%');
  await page.getByRole('button', { name: '知道了' }).click();
  await indicatorTable(page).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(OUTPUT, 'next-year.png') });

  // On the start page too, per draft; a draft without it shows no such column.
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  await drafts.getByRole('row').filter({ hasText: '2023' }).getByRole('button', { name: '新建下一年度' }).click();
  assert.equal(await drafts.getByRole('row').filter({ hasText: '2024' }).count(), 2);
  await drafts.getByRole('row').filter({ hasText: '2023' }).getByRole('button', { name: '打开' }).click();
  await step(page, /法律顾问费/).click();
  assert.equal(await indicatorTable(page).getByRole('columnheader', { name: '上年指标值' }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
