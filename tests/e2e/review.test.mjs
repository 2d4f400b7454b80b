// The reviewer's round trip (issue 15) and 已核实 (issue 12) in the browser:
// two rounds between a reviewer and a preparer, each in a browser context of
// their own, exchanging only the files they download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suite, openPage, fullShot, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const fixture = (name) => readFile(join(ROOT, 'tests/fixtures', name), 'utf8');
const steps = (page) => page.getByRole('navigation', { name: '填报步骤' });
const step = (page, name) => steps(page).getByRole('button', { name });
const heading = (page) => page.getByRole('heading', { level: 1 });
// A comment or a finding, by what it says.
const item = (page, text) => page.getByRole('listitem').filter({ hasText: text });

async function start() {
  const session = await openPage(browser, server.url);
  session.page.on('dialog', (d) => d.accept());
  await session.page.getByRole('button', { name: '新建草稿' }).waitFor();
  return session;
}

async function importFile(page, name, text) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await heading(page).filter({ hasText: '检查与导出' }).waitFor();
}

async function download(page, buttonName) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  const path = await file.path();
  return { text: await readFile(path, 'utf8'), name: file.suggestedFilename(), path };
}

async function comment(page, target, text) {
  await page.getByRole('button', { name: `添加审核意见：${target}`, exact: true }).click();
  await page.getByLabel('审核意见内容', exact).fill(text);
  await page.getByRole('button', { name: '保存意见' }).click();
  await item(page, text).waitFor();
}

const CELL = '法律咨询次数应与服务合同约定的次数一致，请核实。';
const ROW = '合同审查份数与法律咨询次数重复统计，建议删除。';
const PROJECT = '请补充说明法律顾问的选聘方式。';
const DEPARTMENT = '总体绩效目标请写明即办件占比的统计口径。';

test('two review rounds between a reviewer and a preparer, by the files they exchange', async () => {
  // ---- Round 1, the reviewer.
  const r = await start();
  const rp = r.page;
  await importFile(rp, 'clean.json', await fixture('clean.json'));
  // An imported file opens on 检查与导出 with what it claims and what the app finds.
  const banner = rp.getByRole('region', { name: '已导入「clean.json」' });
  assert.match(await banner.innerText(), /文件自称：已完成（complete）/);
  assert.match(await banner.innerText(), /本系统检查：0 个错误、0 个警告、0 条提示；按规则应为已完成（complete）。/);
  assert.match(await banner.innerText(), /审核状态：未审核/);

  await rp.getByRole('button', { name: '开始审核', exact: true }).click();
  await rp.getByText('审核中（第1轮）').waitFor();
  await step(rp, /法律顾问费/).click();
  // Review mode: every field is read-only but readable and focusable; no tool changes anything.
  const name = rp.getByLabel('项目名称', exact);
  assert.equal(await name.getAttribute('readonly'), '');
  await name.focus();
  await name.press('End');
  await rp.keyboard.type('改');
  assert.equal(await name.inputValue(), '法律顾问费');
  for (const tool of ['添加指标', '删除项目', '添加绩效目标']) {
    assert.ok(await rp.getByRole('button', { name: tool, exact: true }).isDisabled(), tool);
  }
  assert.equal(await rp.getByRole('table').first().getByRole('row').nth(1).getByLabel('一级指标', exact).getAttribute('aria-readonly'), 'true');
  assert.equal(await rp.getByRole('table').first().getByRole('row').nth(1).getByLabel('三级指标', exact).getAttribute('readonly'), '');
  // The tools that add rows are not there while reviewing.
  for (const tool of ['从指标库添加', '粘贴表格']) {
    assert.equal(await rp.getByRole('button', { name: tool, exact: true }).count(), 0, tool);
  }

  await comment(rp, '指标第1行「指标值」', CELL);
  await comment(rp, '指标第2行', ROW);
  await comment(rp, '本项目', PROJECT);
  // The project's 审核结论, the grade proposed from the self-check.
  const conclusion = rp.getByRole('group', { name: '审核结论' });
  await conclusion.getByRole('radio', { name: '退回修改' }).check();
  assert.equal(await conclusion.getByLabel('等级').inputValue(), '优');
  await conclusion.getByLabel('审核意见', exact).fill('法律顾问费指标需重新核实。');
  await conclusion.getByLabel('等级').selectOption('中');
  await step(rp, /部门整体绩效目标/).click();
  await comment(rp, '总体绩效目标 1', DEPARTMENT);
  await step(rp, /法律顾问费/).click();
  await fullShot(rp, join(OUTPUT, 'review-reviewer.png'));

  await step(rp, /检查与导出/).click();
  const summary = rp.getByRole('region', { name: '审核意见汇总' });
  assert.match(await summary.innerText(), /共 4 条：待处理 4，已答复 0，已关闭 0。/);
  assert.match(await summary.innerText(), /项目1「法律顾问费」 指标第1行「指标值」：法律咨询次数应与/);
  const round = rp.getByRole('group', { name: '审核结论' });
  await round.getByRole('radio', { name: '退回修改' }).check();
  await rp.getByLabel('总体审核意见').fill('部分指标需核实，请修改后重新报送。');
  await rp.getByLabel('审核人').fill('承德市财政局绩效管理科');
  await rp.getByRole('button', { name: '完成本轮审核' }).click();
  await rp.getByRole('heading', { name: '第1轮审核已完成' }).waitFor();
  const returned = await download(rp, '下载审核后 JSON');
  assert.equal(returned.name, '承德高新区行政审批局本级-2024-绩效目标-第1轮审核.json');
  const first = JSON.parse(returned.text);
  assert.equal(first.status, 'draft', 'open comments keep the file a draft');
  assert.equal(first.review.rounds.length, 1);
  const [r1] = first.review.rounds;
  assert.equal(r1.decision, '退回修改');
  assert.equal(r1.reviewer, '承德市财政局绩效管理科');
  assert.match(r1.reviewed_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(r1.comments.map((c) => [c.at, c.status]), [
    [{ project: '13081124P00021510001E', row: 1, field: 'value' }, 'open'],
    [{ project: '13081124P00021510001E', row: 2 }, 'open'],
    [{ project: '13081124P00021510001E' }, 'open'],
    [{ row: 1, field: 'overall_goals' }, 'open'],
  ]);
  assert.deepEqual(r1.projects.map((p) => [p.name, p.decision, p.grade, p.opinion]), [['法律顾问费', '退回修改', '中', '法律顾问费指标需重新核实。']]);
  assert.equal(r1.reviewed.projects[0].indicators[0].value, '≥40次', 'the snapshot of what was reviewed');
  await rp.getByText('审核状态：退回修改', exact).waitFor();
  assert.deepEqual(r.problems, []);

  // ---- The preparer answers.
  const p = await start();
  const pp = p.page;
  await importFile(pp, returned.name, returned.text);
  const seen = await pp.getByRole('region', { name: /已导入/ }).innerText();
  assert.match(seen, /文件自称：草稿（draft）/);
  assert.match(seen, /第1轮审核已完成，结论「退回修改」。待处理的审核意见 4 条/);
  // Open comments counted per step, beside errors and warnings.
  assert.match(await step(pp, /法律顾问费/).innerText(), /3 条意见/);
  assert.match(await step(pp, /部门整体绩效目标/).innerText(), /1 条意见/);
  // 检查与导出 lists them, open first.
  assert.match(await pp.getByRole('region', { name: '审核意见汇总' }).innerText(), /待处理 4/);
  await step(pp, /法律顾问费/).click();
  assert.match(await item(pp, CELL).innerText(), /审核意见 待处理/);
  await fullShot(pp, join(OUTPUT, 'review-preparer.png'));
  // Changing the place answers its comment (at the autosave after typing).
  const row1 = pp.getByRole('table').first().getByRole('row').nth(1);
  await row1.getByLabel('指标值', exact).fill('≥45次');
  await item(pp, CELL).getByText('已答复').waitFor();
  // A reply answers a comment on the project as a whole.
  await item(pp, PROJECT).getByRole('button', { name: '回复' }).click();
  await pp.getByLabel('回复内容').fill('由局党组会议研究确定，已补充在资金用途中。');
  await pp.getByRole('button', { name: '保存回复' }).click();
  assert.match(await item(pp, PROJECT).innerText(), /已答复[\s\S]*回复：由局党组会议研究确定/);
  // The commented row is deleted: its comment stays, with the project, 原位置已修改.
  await pp.getByRole('table').first().getByRole('row').nth(2).getByRole('button', { name: '删除指标' }).click();
  await item(pp, ROW).getByText('原位置已修改').waitFor();
  assert.match(await item(pp, ROW).innerText(), /已答复/);
  await step(pp, /部门整体绩效目标/).click();
  const goal = pp.getByLabel('总体绩效目标 1', exact);
  await goal.fill(`${await goal.inputValue()}即办件占比按当年办结的即办件数÷办件总数计算。`);
  await item(pp, DEPARTMENT).getByText('已答复').waitFor();
  assert.doesNotMatch(await steps(pp).innerText(), /条意见/);
  await step(pp, /检查与导出/).click();
  const answered = await download(pp, '下载 JSON');
  const second = JSON.parse(answered.text);
  assert.equal(second.status, 'complete', 'every comment answered, no error');
  assert.deepEqual(second.review.rounds[0].comments.map((c) => c.status), ['answered', 'answered', 'answered', 'answered']);
  assert.deepEqual(p.problems, []);

  // ---- Round 2, the reviewer.
  await rp.getByRole('button', { name: '← 返回草稿列表' }).click();
  await importFile(rp, answered.name, answered.text);
  // 修改对比: exactly the changed places, old and new side by side, with the comments and replies.
  const comparison = rp.getByRole('region', { name: '修改对比' });
  const compared = await comparison.innerText();
  assert.match(compared, /与第1轮审核时的文件相比/);
  assert.match(compared, /基本信息：无修改/);
  assert.match(compared, /部门整体绩效目标：1 处修改/);
  assert.match(compared, /项目1「法律顾问费」：2 处修改/);
  assert.match(compared, /项目2「政务服务专项」：无修改/);
  const changes = comparison.getByRole('row').filter({ has: rp.getByRole('rowheader') });
  assert.equal(await changes.count(), 3);
  assert.match(await changes.nth(0).innerText(), /部门整体绩效目标 总体绩效目标 第1段（修改）/);
  assert.match(await changes.nth(0).innerText(), /已答复/);
  assert.match(await changes.nth(1).innerText(), /指标第1行「指标值」（修改）\s+≥40次\s+≥45次\s+已答复 法律咨询次数应与/);
  assert.match(await changes.nth(2).innerText(), /指标第2行（删除）[\s\S]*合同审查份数/);
  await fullShot(rp, join(OUTPUT, 'review-comparison.png'));
  // The reviewer accepts the answers and starts round 2.
  await rp.getByRole('button', { name: '开始审核', exact: true }).click();
  await rp.getByText('审核中（第2轮）').waitFor();
  const summary2 = rp.getByRole('region', { name: '审核意见汇总' });
  assert.match(await summary2.innerText(), /项目1「法律顾问费」 原位置已修改：合同审查份数/);
  for (let left = 4; left > 0; left -= 1) {
    await summary2.getByRole('button', { name: '关闭意见' }).first().click();
    await summary2.getByText(`已关闭 ${5 - left}。`).waitFor();
  }
  await step(rp, /法律顾问费/).click();
  await rp.getByRole('group', { name: '审核结论' }).getByRole('radio', { name: '通过', exact: true }).check();
  await step(rp, /检查与导出/).click();
  await rp.getByRole('group', { name: '审核结论' }).getByRole('radio', { name: '通过', exact: true }).check();
  assert.equal(await rp.getByLabel('审核人').inputValue(), '承德市财政局绩效管理科', 'carried over');
  await rp.getByRole('button', { name: '完成本轮审核' }).click();
  const approved = await download(rp, '下载审核后 JSON');
  const last = JSON.parse(approved.text);
  assert.equal(last.status, 'complete');
  assert.deepEqual(last.review.rounds.map((x) => [x.round, x.decision]), [[1, '退回修改'], [2, '通过']]);
  assert.ok(last.review.rounds.flatMap((x) => x.comments).every((c) => c.status === 'closed'));
  assert.equal(last.review.rounds[1].projects[0].decision, '通过');

  // The printable HTML carries the 审核意见 pages; printed to PDF.
  const html = await download(rp, '下载审核意见 HTML');
  const file = join(OUTPUT, 'reviewed-printable.html');
  await writeFile(file, html.text);
  const viewer = await r.context.newPage();
  await viewer.goto(`file://${file}`);
  await viewer.setViewportSize({ width: 1200, height: 900 });
  await viewer.locator('section.review').screenshot({ path: join(OUTPUT, 'print-review.png') });
  await viewer.emulateMedia({ media: 'print' });
  const pdf = join(OUTPUT, 'reviewed-printable.pdf');
  await viewer.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-']).toString().split('\f').filter((x) => x.trim());
  const reviewPages = pages.filter((x) => x.includes('审核意见'));
  assert.ok(reviewPages.length >= 1, 'the 审核意见 section is printed');
  const text = reviewPages.join('\n');
  assert.ok(text.indexOf('第2轮审核') < text.indexOf('第1轮审核'), 'newest round first');
  assert.match(text, /承德市财政局绩效管理科/);
  assert.match(text, /法律咨询次数应与服务合同约定的次数一致/);
  assert.ok(pages.every((x) => !/草稿/.test(x)), 'a complete document is not marked 草稿');
  assert.deepEqual(r.problems, []);
  await r.context.close();
  await p.context.close();
});

test('已核实: a warning marked checked counts apart, survives export and import, and prints', async () => {
  const doc = JSON.parse(await fixture('clean.json'));
  doc.projects[0].indicators[6].value = '=100%';
  doc.projects[0].indicators[1].value = '';
  const { context, page, problems } = await start();
  await importFile(page, 'ack.json', JSON.stringify(doc));
  await step(page, /法律顾问费/).click();
  const warning = item(page, '[B8]');
  await warning.getByRole('button', { name: '已核实', exact: true }).click();
  await page.getByRole('button', { name: '确定' }).click();
  assert.match(await warning.innerText(), /请填写核实理由/, 'a reason is needed');
  await page.getByLabel('核实理由').fill('近三年满意度调查均为100%');
  await page.getByRole('button', { name: '确定' }).click();
  await warning.getByText('已核实：近三年满意度调查均为100%').waitFor();
  assert.match(await warning.innerText(), /警告（已核实）/);
  // Errors cannot be acknowledged.
  const errors = page.getByRole('listitem').filter({ hasText: '错误' });
  assert.ok((await errors.count()) > 0);
  assert.equal(await errors.getByRole('button', { name: '已核实', exact: true }).count(), 0);
  const badge = await step(page, /法律顾问费/).innerText();
  assert.match(badge, /已核实 1/);
  assert.doesNotMatch(badge, /警告/, 'not among the warnings');
  await step(page, /检查与导出/).click();
  assert.match(await page.getByText(/还有 1 个错误/).innerText(), /0 个警告.*已核实 1 条/);
  assert.match(await item(page, '[B8]').innerText(), /核实理由：近三年满意度调查均为100%/);
  const exported = await download(page, '下载 JSON');
  assert.deepEqual(JSON.parse(exported.text).acknowledged, [
    { code: 'B8', at: { project: '13081124P00021510001E', row: 7, field: 'value' }, reason: '近三年满意度调查均为100%' },
  ]);
  const printable = await download(page, '下载可打印 HTML');
  assert.match(printable.text, /附：已核实的问题[\s\S]*近三年满意度调查均为100%/);

  // Another browser opens the file: the mark and its reason are there.
  const other = await start();
  await importFile(other.page, exported.name, exported.text);
  await step(other.page, /法律顾问费/).click();
  await item(other.page, '[B8]').getByText('已核实：近三年满意度调查均为100%').waitFor();
  // Taken back, it is a warning again.
  await item(other.page, '[B8]').getByRole('button', { name: '取消核实' }).click();
  assert.match(await step(other.page, /法律顾问费/).innerText(), /1 警告/);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await context.close();
  await other.context.close();
});

test('in review mode a finding becomes a comment with its code and message, edited before saving', async () => {
  const doc = JSON.parse(await fixture('clean.json'));
  doc.projects[0].indicators[6].value = '=100%';
  const { context, page, problems } = await start();
  await importFile(page, 'finding.json', JSON.stringify(doc));
  await page.getByRole('button', { name: '开始审核', exact: true }).click();
  await step(page, /法律顾问费/).click();
  const finding = item(page, '[B8]');
  assert.equal(await finding.getByRole('button', { name: '已核实', exact: true }).count(), 0, 'the reviewer does not mark 已核实');
  await finding.getByRole('button', { name: '加入审核意见' }).click();
  const box = page.getByLabel('审核意见内容（来自 [B8]）');
  assert.match(await box.inputValue(), /满意度目标设为=100%不够合理/);
  await box.fill('满意度目标设为100%不合理，请调整为≥95%。');
  await page.getByRole('button', { name: '保存意见' }).click();
  const note = item(page, '满意度目标设为100%不合理');
  assert.match(await note.innerText(), /审核意见 待处理 \[B8\]/);
  // A reload keeps the round going, in review mode, with the comment.
  await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
  await page.reload();
  await page.getByText('审核中（第1轮）').waitFor();
  assert.equal(await page.getByLabel('项目名称', exact).getAttribute('readonly'), '');
  // The reviewer can change it while the round is open, or take it back.
  await note.getByRole('button', { name: '删除意见' }).click();
  assert.equal(await item(page, '满意度目标设为100%不合理').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file whose review block is wrong is refused, saying where', async () => {
  const doc = JSON.parse(await fixture('clean.json'));
  doc.review = { rounds: [{ round: 1, comments: [{ id: '1-1', at: { project: '#1' }, text: '意见', status: 'maybe' }] }] };
  const { context, page, problems } = await start();
  await page.locator('input[type=file]').setInputFiles({ name: 'bad-review.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  const alert = page.getByRole('alert').filter({ hasText: 'bad-review.json' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /未导入「bad-review\.json」：文件中「review\.rounds\[0\]\.comments\[0\]\.status」为「maybe」/);
  assert.ok(await page.getByRole('heading', { name: '草稿' }).isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('two imports of one file are told apart on the start page by file and time', async () => {
  const { context, page, problems } = await start();
  const clean = await fixture('clean.json');
  for (let i = 0; i < 2; i += 1) {
    await importFile(page, 'clean.json', clean);
    await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  }
  const rows = page.getByRole('row').filter({ hasText: '承德高新区行政审批局本级' });
  assert.equal(await rows.count(), 2);
  for (let i = 0; i < 2; i += 1) {
    assert.match(await rows.nth(i).innerText(), /导入自「clean\.json」，\d{4}-\d\d-\d\d \d\d:\d\d/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
