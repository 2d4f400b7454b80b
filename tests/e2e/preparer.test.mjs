// The preparer's day (issue 12): quiet until useful, steps with addresses,
// Back and Forward, undo instead of loss.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, newDraft as openDraft } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const newDraft = () => openDraft(browser, server.url);
const steps = (page) => page.getByRole('navigation', { name: '填报步骤' });
const heading = (page) => page.getByRole('heading', { level: 1 });
const focusedLabel = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
  });

function indicatorRow(page, n) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) }).getByRole('row').nth(n);
}

test('a new draft greets without red; typing the first row shows nothing above the table', async () => {
  const { context, page, problems } = await newDraft();
  // No error badge before anything was typed: steps not yet left are neutral.
  assert.equal(await steps(page).locator('.badge.error').count(), 0);
  assert.match(await steps(page).innerText(), /待填写/);
  await steps(page).getByRole('button', { name: '添加项目' }).click();
  // 添加项目 puts the focus in 项目编码; skipping to 预算数 leaves 项目编码 quiet.
  assert.ok(await page.getByLabel('项目编码', exact).evaluate((el) => el === document.activeElement));
  await page.getByLabel('预算数', exact).click();
  assert.equal(await page.getByLabel('项目编码', exact).getAttribute('aria-invalid'), null);
  await page.getByRole('button', { name: '添加指标' }).click();
  const row = indicatorRow(page, 1);
  const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) });
  // In page coordinates: a click may scroll the window, not the table.
  const top = () => table.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const before = await top();
  await row.getByLabel('一级指标', exact).selectOption('产出指标');
  await row.getByLabel('二级指标', exact).selectOption('数量指标');
  await row.getByLabel('三级指标', exact).fill('法律咨询次数');
  await row.getByLabel('指标值', exact).fill('≥40次');
  // The table has not moved while typing: nothing appeared above it.
  assert.equal(await top(), before);
  // Leaving the table shows its findings (A2, A3 …), below it.
  await page.getByLabel('项目名称', exact).click();
  const below = page.locator('section').filter({ has: table }).locator(':scope > ul.findings');
  // They come a task after the click's release (so the click is not pushed away).
  await below.getByRole('button', { name: '[A2]' }).first().waitFor();
  assert.match(await below.innerText(), /\[A2\]/);
  assert.equal(await top(), before, 'still not above the table');
  assert.deepEqual(problems, []);
  await context.close();
});

test('each step has its own address; Back and Forward move between steps; focus on the heading', async () => {
  const { context, page, problems } = await newDraft();
  assert.match(page.url(), /#\/basic$/);
  await steps(page).getByRole('button', { name: /部门整体绩效目标/ }).click();
  assert.match(page.url(), /#\/department$/);
  assert.equal(await focusedLabel(page), '部门整体绩效目标', 'the step heading has the focus');
  await steps(page).getByRole('button', { name: '添加项目' }).click();
  assert.match(page.url(), /#\/project-1$/);
  await page.getByLabel('项目名称', exact).fill('法律顾问费');
  await steps(page).getByRole('button', { name: /检查与导出/ }).click();
  assert.match(page.url(), /#\/review$/);
  await page.goBack();
  assert.match(await heading(page).innerText(), /项目1：法律顾问费/);
  await page.goBack();
  assert.match(await heading(page).innerText(), /部门整体绩效目标/);
  await page.goForward();
  assert.match(await heading(page).innerText(), /项目1：法律顾问费/);
  // A reload on a step's address opens that step, with what was typed.
  await page.waitForTimeout(900);
  await page.reload();
  assert.match(await heading(page).innerText(), /项目1：法律顾问费/);
  assert.equal(await page.getByLabel('项目名称', exact).inputValue(), '法律顾问费');
  // 下一步 at the end of the step.
  await page.getByRole('button', { name: '下一步：检查与导出' }).click();
  assert.match(await heading(page).innerText(), /检查与导出/);
  // Back to the list of drafts, and Forward to the draft again.
  await page.goBack();
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  assert.ok(await page.getByRole('heading', { name: '草稿' }).isVisible());
  await page.goBack();
  assert.match(await heading(page).innerText(), /项目1：法律顾问费/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deleted row and paragraph come back with 撤销 or Ctrl+Z, text and place intact', async () => {
  const { context, page, problems } = await newDraft();
  await steps(page).getByRole('button', { name: /部门整体绩效目标/ }).click();
  await page.getByLabel('总体绩效目标 1', exact).fill('第一段');
  await page.getByRole('region', { name: '总体绩效目标' }).getByRole('button', { name: '添加段落' }).click();
  await page.keyboard.type('第二段');
  await page.getByRole('button', { name: '删除总体绩效目标 1' }).click();
  assert.equal(await page.getByLabel('总体绩效目标 1', exact).inputValue(), '第二段');
  assert.match(await page.getByText(/已删除总体绩效目标第1段/).innerText(), /已删除/);
  await page.getByRole('button', { name: '撤销' }).click();
  assert.equal(await page.getByLabel('总体绩效目标 1', exact).inputValue(), '第一段');
  assert.equal(await page.getByLabel('总体绩效目标 2', exact).inputValue(), '第二段');
  assert.ok(await page.getByLabel('总体绩效目标 1', exact).evaluate((el) => el === document.activeElement), 'focus on what came back');

  await steps(page).getByRole('button', { name: '添加项目' }).click();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '添加指标' }).click();
  for (const [i, name] of ['甲', '乙', '丙'].entries()) {
    await indicatorRow(page, i + 1).getByLabel('三级指标', exact).fill(name);
  }
  // Deleting asks nothing: a single click, and the undo line.
  await indicatorRow(page, 2).getByRole('button', { name: '删除指标' }).click();
  const names = async () => {
    const out = [];
    for (let i = 1; i <= 3; i++) {
      const cell = indicatorRow(page, i).getByLabel('三级指标', exact);
      if (await cell.count()) out.push(await cell.inputValue());
    }
    return out;
  };
  assert.deepEqual(await names(), ['甲', '丙']);
  assert.ok(await page.getByText(/已删除指标第2行「乙」/).isVisible());
  // Ctrl+Z outside a text field undoes it (inside one it is the browser's own undo).
  await page.getByRole('heading', { level: 1 }).focus();
  await page.keyboard.press('Control+z');
  assert.deepEqual(await names(), ['甲', '乙', '丙']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing the same 一级 again keeps 二级', async () => {
  const { context, page, problems } = await newDraft();
  await steps(page).getByRole('button', { name: '添加项目' }).click();
  await page.getByRole('button', { name: '添加指标' }).click();
  const row = indicatorRow(page, 1);
  await row.getByLabel('一级指标', exact).selectOption('产出指标');
  await row.getByLabel('二级指标', exact).selectOption('质量指标');
  // Browsing with the arrow keys and coming back to the same 一级.
  await row.getByLabel('一级指标', exact).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await row.getByLabel('一级指标', exact).inputValue(), '产出指标');
  assert.equal(await row.getByLabel('二级指标', exact).inputValue(), '质量指标');
  assert.deepEqual(problems, []);
  await context.close();
});
