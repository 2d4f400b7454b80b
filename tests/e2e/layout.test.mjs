// A layout that fits (issue 12): 1024, 1366 and 1920 pixels wide and 200%
// zoom. No control sticks out of its row or the window, and every 一级/二级
// choice shows its whole official name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const SIZES = [
  { name: '1024', viewport: { width: 1024, height: 768 }, scale: 1 },
  { name: '1366', viewport: { width: 1366, height: 768 }, scale: 1 },
  { name: '1920', viewport: { width: 1920, height: 1080 }, scale: 1 },
  // Browser zoom 200% on a 1366-wide screen: half the CSS pixels, each drawn twice.
  { name: '1366-zoom200', viewport: { width: 683, height: 384 }, scale: 2 },
];

/** What overflows, measured in the page: controls outside their row or the
 * window, choices whose selected name is cut, and a page wider than the window. */
function overflows() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  const canvas = document.createElement('canvas').getContext('2d');
  for (const row of document.querySelectorAll('table[role="table"] tbody tr[role="row"]')) {
    const box = row.getBoundingClientRect();
    for (const control of row.querySelectorAll('input, select, textarea, button')) {
      const r = control.getBoundingClientRect();
      const name = control.getAttribute('aria-label') || control.textContent;
      if (r.right > box.right + 1 || r.left < box.left - 1) problems.push(`${name} sticks out of its row`);
      if (r.right > width + 1) problems.push(`${name} sticks out of the window`);
      if (control.tagName === 'SELECT' && control.selectedIndex >= 0) {
        const style = getComputedStyle(control);
        canvas.font = `${style.fontSize} ${style.fontFamily}`;
        const text = control.options[control.selectedIndex].text;
        const room = control.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        if (canvas.measureText(text).width > room) problems.push(`${name} cuts 「${text}」`);
      }
    }
  }
  // One-line fields have a fixed height (each is a relayout boundary): their
  // text must still fit it, at every size and zoom.
  for (const input of document.querySelectorAll('input[type=text]')) {
    if (!input.offsetParent) continue;
    const name = input.getAttribute('aria-label') || input.id;
    const style = getComputedStyle(input);
    const room = input.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
    if (room < line - 1) problems.push(`${name}: a line of text (${line}px) does not fit its height (${room}px)`);
  }
  return problems;
}

for (const size of SIZES) {
  test(`at ${size.name}: the seed's 法律顾问费 table fits, names whole, tools inside`, async () => {
    const context = await browser.newContext({ viewport: size.viewport, deviceScaleFactor: size.scale, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    const seed = await readFile(join(ROOT, 'tests/fixtures/seed.json'));
    await page.locator('input[type=file]').setInputFiles({ name: 'seed.json', mimeType: 'application/json', buffer: seed });
    const nav = page.getByRole('navigation', { name: '填报步骤' });
    await nav.waitFor();
    if (size.viewport.width < 900) {
      // The step list is folded behind one button naming the step on screen.
      const toggle = nav.getByRole('button', { name: /^填报步骤：/ });
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await nav.getByRole('button', { name: /法律顾问费/ }).isVisible(), false);
      await toggle.click();
    }
    await nav.getByRole('button', { name: /法律顾问费/ }).click();
    await page.getByRole('heading', { level: 1, name: /法律顾问费/ }).waitFor();
    assert.deepEqual(await page.evaluate(overflows), [], `at ${size.name}`);
    // The save status stays in view when the page scrolls.
    await page.getByRole('button', { name: '添加指标' }).scrollIntoViewIfNeeded();
    const status = await page.getByRole('status').first().boundingBox();
    assert.ok(status && status.y >= 0 && status.y < size.viewport.height, 'the save status is in view');
    await page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '指标值确定依据' }) })
      .screenshot({ path: join(OUTPUT, `layout-${size.name}-table.png`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(OUTPUT, `layout-${size.name}.png`), fullPage: false });
    assert.deepEqual(errors, []);
    await context.close();
  });
}
