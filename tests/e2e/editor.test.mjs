// The editor as a new preparer meets it (ui.md): the seed's mistakes appear
// with their codes once a field is left, and go away while the fix is typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, newDraft as openDraft, fullShot, OUTPUT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };

const newDraft = () => openDraft(browser, server.url);

function step(page, name) {
  return page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name });
}

/** The findings text joined to a control by aria-describedby. */
async function describedText(page, locator) {
  const ids = await locator.getAttribute('aria-describedby');
  if (!ids) return '';
  const texts = await Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join('\n');
}

function indicatorRow(page, n) {
  // Row 0 is the header row.
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) }).getByRole('row').nth(n);
}

async function typeRow(page, n, [level1, level2, name, description, value, basis]) {
  const row = indicatorRow(page, n);
  await row.getByLabel('一级指标', exact).selectOption(level1);
  await row.getByLabel('二级指标', exact).selectOption(level2);
  // By keyboard, as a preparer types: focus, type, Tab to the next cell.
  await row.getByLabel('三级指标', exact).focus();
  for (const text of [name, description, value, basis]) {
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
  }
}

const SEED_LAW_ROWS = [
  ['产出指标', '数量指标', '结案率(%)', '结案率(%)', '≥95%', '报结期内的结案总数'],
  ['产出指标', '质量指标', '结案审核通过率', '结案审核通过率', '≥95%', '上诉通过，法院判决'],
  ['产出指标', '时效指标', '案件、资料上报及时率', '案件、资料上报及时率', '≥95%', '律师起草上诉状或者整合资料'],
  ['产出指标', '成本指标', '案例办理单价', '案例办理单价', '≥95%', '已在合同中体现，无单价'],
  ['效益指标', '社会效益指标', '案件流程合规率(%)', '案件流程合规率(%)', '≥95%', '实际执行与执行符合规定比例'],
  ['效益指标', '可持续影响指标', '实际受理案件数量', '实际受理案件数量', '≥95%', '根据当年案件发生率'],
  ['效益指标', '经济效益指标', '是否保证本级单位经济不受损失', '是否保证本级单位经济不受损失', '≥95%', '是否保证本级单位经济不受损失'],
  ['效益指标', '生态效益指标', '是否保证本级单位正常运行', '是否保证本级单位正常运行', '≥95%', '是否保证本级单位正常运行'],
  ['满意度指标', '服务对象满意度指标', '法院办案人员及案件当事人满意度', '法院办案人员及案件当事人满意度', '≥95%', '排查矛盾、化解纠纷，采取有效措施'],
];

test('typing the seed 法律顾问费 table shows its mistakes after each field is left, and fixes clear them while typing', async () => {
  const { context, page, problems } = await newDraft();
  // An empty new draft greets the preparer without a wall of red.
  assert.equal(await page.locator('.finding').count(), 0);

  await page.getByLabel('预算年度', exact).fill('2023');
  await page.getByLabel('单位编码', exact).fill('120001');
  await page.getByLabel('单位名称', exact).fill('承德高新区行政审批局本级');
  await page.screenshot({ path: join(OUTPUT, 'step-basic.png') });

  await step(page, /部门整体绩效目标/).click();
  for (const [list, text] of [
    ['总体绩效目标', '全年办理行政审批事项不少于1.5万件，群众满意度不低于95%。'],
    ['分项绩效目标', '法律顾问费：全年提供法律咨询不少于40次。'],
    ['工作保障措施', '加强组织领导，健全绩效管理制度，落实资金监管责任，开展绩效运行监控和年度考核，确保各项目标按期完成。'],
  ]) {
    // Each list starts with one paragraph to type into.
    await page.getByLabel(`${list} 1`, exact).fill(text);
    assert.equal(await page.getByLabel(`${list} 1`, exact).inputValue(), text);
  }
  await page.screenshot({ path: join(OUTPUT, 'step-department.png') });

  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByLabel('项目编码', exact).fill('13081123P00021510001E');
  await page.getByLabel('项目名称', exact).fill('法律顾问费');
  await page.getByLabel('预算数', exact).fill('5.00');
  await page.getByLabel('财政资金', exact).fill('5.00');
  await page.getByLabel('资金用途', exact).fill('律师服务费');
  await page.getByLabel('10月底', exact).fill('100%');
  await page.getByRole('button', { name: '添加绩效目标' }).click();
  await page.keyboard.type('目标内容1');
  for (const row of SEED_LAW_ROWS) {
    await page.getByRole('button', { name: '添加指标' }).click();
  }
  for (const [i, row] of SEED_LAW_ROWS.entries()) {
    await typeRow(page, i + 1, row);
  }

  // The cost row: C2 and C3 on its 指标值, shown once the field was left.
  const costValue = indicatorRow(page, 4).getByLabel('指标值', exact);
  assert.equal(await costValue.getAttribute('aria-invalid'), 'true');
  const costText = await describedText(page, costValue);
  assert.match(costText, /\[C2\]/);
  assert.match(costText, /\[C3\]/);
  assert.match(costText, /错误/, 'severity shown by word');

  // A11 on the goal, typed and left.
  const goal = page.getByLabel('绩效目标 1', exact);
  assert.match(await describedText(page, goal), /\[A11\]/);
  // Passing through a field without typing says nothing yet: 3月底.
  const mar = page.getByLabel('3月底', exact);
  await mar.focus();
  await page.keyboard.press('Tab');
  assert.equal(await describedText(page, mar), '');
  // Once the step is left, all its findings show: E1 on the empty checkpoints.
  await step(page, /部门整体绩效目标/).click();
  await step(page, /法律顾问费/).click();
  assert.match(await describedText(page, mar), /\[E1\]/);
  await fullShot(page, join(OUTPUT, 'step-project-mistakes.png'));
  const dec = page.getByLabel('12月底', exact);

  // Fixing, without leaving the fields: each finding goes while typing.
  await costValue.fill('≤2000元/件');
  assert.equal(await costValue.getAttribute('aria-invalid'), null);
  assert.doesNotMatch(await describedText(page, costValue), /\[C2\]|\[C3\]/);
  await mar.fill('0');
  await page.getByLabel('6月底', exact).fill('30');
  await dec.fill('100');
  assert.doesNotMatch(await describedText(page, mar), /\[E1\]/);
  await goal.fill('全年代理诉讼案件结案率不低于95%，合同审查30份。');
  assert.doesNotMatch(await describedText(page, goal), /\[A11\]/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('changing 一级 restricts the 二级 choices; moving and deleting rows keeps focus and text', async () => {
  const { context, page, problems } = await newDraft();
  await page.getByRole('button', { name: '添加项目' }).click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '添加指标' }).click();
  // 添加指标 puts the focus in the new row's 一级指标.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '一级指标');

  const first = indicatorRow(page, 1);
  const options = async () => (await first.getByLabel('二级指标', exact).locator('option').allTextContents()).filter((o) => o !== '请选择');
  await first.getByLabel('一级指标', exact).selectOption('产出指标');
  assert.deepEqual(await options(), ['数量指标', '质量指标', '时效指标', '成本指标']);
  await first.getByLabel('二级指标', exact).selectOption('数量指标');
  await first.getByLabel('一级指标', exact).selectOption('满意度指标');
  assert.deepEqual(await options(), ['服务对象满意度指标']);
  assert.equal(await first.getByLabel('二级指标', exact).inputValue(), '', 'a 二级 from another 一级 is cleared');

  for (const [i, name] of ['甲', '乙', '丙'].entries()) {
    await indicatorRow(page, i + 1).getByLabel('三级指标', exact).fill(name);
  }
  const names = async () => {
    const out = [];
    for (let i = 1; i <= (await page.locator('table.indicator-table tbody tr:not(.row-findings)').count()); i++) {
      out.push(await indicatorRow(page, i).getByLabel('三级指标', exact).inputValue());
    }
    return out;
  };
  // Move 乙 up, by keyboard.
  await indicatorRow(page, 2).getByRole('button', { name: '上移指标' }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await names(), ['乙', '甲', '丙']);
  // 乙 is now first, so its 上移 is disabled: the focus moves to its 下移, still on the row.
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '下移指标');
  // The focused control belongs to the row that moved.
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').querySelector('[aria-label="三级指标"]').value), '乙');

  // Delete 乙 (it has text, so the app asks first); the focus lands on the row that took its place.
  await indicatorRow(page, 1).getByRole('button', { name: '删除指标' }).click();
  assert.deepEqual(await names(), ['甲', '丙']);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), '删除指标');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').querySelector('[aria-label="三级指标"]').value), '甲');
  assert.deepEqual(problems, []);
  await context.close();
});

test('检查与导出 lists every finding, and a click on one focuses its field', async () => {
  const { context, page, problems } = await newDraft();
  await page.getByRole('button', { name: '添加项目' }).click();
  await page.getByLabel('项目名称', exact).fill('法律顾问费');
  await page.getByRole('button', { name: '添加指标' }).click();
  await typeRow(page, 1, SEED_LAW_ROWS[3]);
  await step(page, /检查与导出/).click();
  const list = page.locator('.finding-group');
  assert.match(await list.first().innerText(), /基本信息/);
  for (const code of ['F5', 'G1', 'A1', 'E1', 'C2', 'C3']) {
    assert.ok(await page.getByRole('link', { name: `[${code}]` }).first().isVisible(), code);
  }
  await fullShot(page, join(OUTPUT, 'step-review.png'));
  await page.getByRole('link', { name: /指标第1行「指标值」：成本指标应填写金额上限/ }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '指标值');
  assert.equal(await page.evaluate(() => document.activeElement.value), '≥95%');
  // Opening 检查与导出 shows every field's findings.
  assert.match(await describedText(page, page.getByLabel('项目编码', exact)), /\[A1\]/);
  // A rule code in the list opens its explanation on 规则说明.
  await step(page, /检查与导出/).click();
  await page.locator('.finding-group').getByRole('link', { name: '[C2]' }).first().click();
  await page.waitForFunction(() => document.activeElement?.id === 'rule-C2');
  assert.ok(await page.getByRole('heading', { name: '规则说明' }).isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a [CODE] in a message opens its explanation in place, which links to 规则说明, and back', async () => {
  const { context, page, problems } = await newDraft();
  await page.getByLabel('单位编码', exact).fill('12');
  await page.keyboard.press('Tab');
  // Not a Tab stop between fields: Tab from 单位编码 lands in 单位名称.
  assert.ok(await page.getByLabel('单位名称', exact).evaluate((el) => el === document.activeElement));
  await page.getByRole('button', { name: '[F5]' }).click();
  assert.match(await page.locator('.explain').innerText(), /单位编码应为6位数字/);
  await page.getByRole('link', { name: '规则说明', exact: true }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'rule-F5');
  assert.match(await page.locator('#rule-F5').innerText(), /单位编码应为6位数字/);
  assert.ok(await page.getByRole('heading', { name: '规则说明' }).isVisible());
  await page.getByRole('button', { name: '← 返回' }).click();
  assert.equal(await page.getByLabel('单位编码', exact).inputValue(), '12');
  assert.deepEqual(problems, []);
  await context.close();
});
