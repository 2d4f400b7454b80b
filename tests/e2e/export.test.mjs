// Export and import: JSON for reviewers, the printable HTML in the official
// layout, and files that must be refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suite, openPage, OUTPUT, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const fixture = (name) => readFile(join(ROOT, 'tests/fixtures', name), 'utf8');

async function start() {
  const session = await openPage(browser, server.url);
  session.page.on('dialog', (d) => d.accept());
  await session.page.getByRole('button', { name: '新建草稿' }).waitFor();
  return session;
}

async function importFile(page, name, text, mimeType = 'application/json') {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer: Buffer.from(text) });
}

async function downloadText(page, buttonName) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName, exact: true }).click()]);
  return { text: await readFile(await download.path(), 'utf8'), name: download.suggestedFilename(), path: await download.path() };
}

async function openReview(page) {
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /检查与导出/ }).click();
}

const withoutSavedAt = (text) => text.replace(/\n  "saved_at": "[^"]*"\n/, '\n');

test('JSON export → import → export gives the same bytes except saved_at', async () => {
  const { context, page, problems } = await start();
  const clean = await fixture('clean.json');
  await importFile(page, 'clean.json', clean);
  await openReview(page);
  // The department totals of the two projects, exact.
  assert.match(await page.locator('table.totals').innerText(), /152\.62 万元\s+125\.00 万元\s+27\.62 万元/);
  const first = await downloadText(page, '下载 JSON');
  assert.equal(first.name, '承德高新区行政审批局本级-2024-绩效目标.json');
  assert.equal(withoutSavedAt(first.text), withoutSavedAt(clean), 'the fixture itself comes back');
  assert.match(first.text, /"status": "complete"/);
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  await importFile(page, first.name, first.text);
  // The same unit and year exist already: both are kept, and the user is told.
  assert.match(await page.getByRole('alert').innerText(), /两份都保留/);
  await openReview(page);
  const second = await downloadText(page, '下载 JSON');
  assert.equal(withoutSavedAt(second.text), withoutSavedAt(first.text));
  assert.notEqual(first.text.match(/"saved_at": "[^"]*"/), null);
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  // Two rows (each also names the file it came from).
  assert.equal(await page.getByRole('table').getByRole('row').filter({ hasText: '承德高新区行政审批局本级' }).count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the printable HTML of the seed looks like the official table, prints to PDF and imports again', async () => {
  const { context, page, problems } = await start();
  await importFile(page, 'seed.json', await fixture('seed.json'));
  // A reviewer who imports a file sees every finding at once, on its field.
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /法律顾问费/ }).click();
  const costValue = page.getByRole('table').getByRole('row').nth(4).getByLabel('指标值', { exact: true });
  assert.equal(await costValue.getAttribute('aria-invalid'), 'true');
  await openReview(page);
  const html = await downloadText(page, '下载可打印 HTML');
  assert.equal(html.name, '承德高新区行政审批局本级-2023-绩效目标.html');
  const file = join(OUTPUT, 'seed-printable.html');
  await writeFile(file, html.text);

  // Opened on its own, with scripts allowed: it runs nothing and loads nothing.
  const viewer = await context.newPage();
  const requests = [];
  viewer.on('request', (r) => requests.push(r.url()));
  await viewer.goto(`file://${file}`);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
  assert.equal(await viewer.locator('.draft-mark').count(), 1, 'errors remain: marked 草稿');
  assert.equal(await viewer.locator('section.project').count(), 6);
  assert.equal(await viewer.locator('td.merged[rowspan="4"]', { hasText: '产出指标' }).count() >= 1, true);
  await viewer.setViewportSize({ width: 1200, height: 900 });
  await viewer.screenshot({ path: join(OUTPUT, 'print-page1.png') });
  await viewer.locator('section.project').first().screenshot({ path: join(OUTPUT, 'print-project.png') });

  await viewer.emulateMedia({ media: 'print' });
  const pdfPath = join(OUTPUT, 'seed-printable.pdf');
  await viewer.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString().split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 8, `department part, six projects each on its own page, the appendix: ${pages.length} pages`);
  const seed = JSON.parse(await fixture('seed.json'));
  const names = seed.projects.flatMap((p) => p.indicators.map((r) => r.name)).filter((n) => n.length >= 6 && n !== '无');
  const projectsAt = pages.findIndex((p) => p.includes('第二部分'));
  const appendixAt = pages.findIndex((p) => p.includes('附：自查发现的问题'));
  assert.ok(projectsAt > 0 && appendixAt > projectsAt);
  for (const [i, text] of pages.slice(projectsAt, appendixAt).entries()) {
    if (names.some((n) => text.includes(n))) {
      assert.match(text, /指标值确定依据/, `page ${projectsAt + i + 1} has indicator rows, so it repeats the table header`);
    }
  }
  for (const p of pages) assert.match(p, /草稿/, 'every page is marked 草稿');

  // 打印 prints the same file from a hidden frame, nothing of the app around it.
  await page.getByRole('button', { name: '打印', exact: true }).click();
  const frame = page.frameLocator('#print-frame');
  await frame.locator('section.project').first().waitFor({ state: 'attached' });
  assert.equal(await frame.locator('section.project').count(), 6);
  assert.equal(await frame.locator('nav, button').count(), 0);

  // The printed file opens again with 导入.
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  await importFile(page, html.name, html.text, 'text/html');
  await openReview(page);
  const back = await downloadText(page, '下载 JSON');
  // Exported with format.md's canonical numbers: a checkpoint's "100%" is written "100".
  const canonical = withoutSavedAt(await fixture('seed.json')).replaceAll(': "100%"', ': "100"');
  assert.equal(withoutSavedAt(back.text), canonical.replace(/"saved_at": "[^"]*"/, ''));
  assert.deepEqual(problems, []);
  await context.close();
});

const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '</script><script>window.__xss=1</script>',
  '<!--',
  'javascript:window.__xss=1',
  '" onmouseover="window.__xss=1" x="',
  "' autofocus onfocus='window.__xss=1",
  '<svg onload=window.__xss=1>',
  '</textarea></style></title><b>粗体</b>',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
];

function attackDoc(payload) {
  const row = { level1: '产出指标', level2: '数量指标', name: payload, description: payload, value: payload, basis: payload };
  return {
    format: 'performance-goals', version: 1, status: 'draft', year: payload,
    unit: { code: payload, name: payload }, money_unit: '万元',
    department: { overall_goals: [payload], sub_goals: [payload], safeguards: [payload] },
    projects: [{
      code: payload, name: payload, budget: { total: payload, fiscal: payload, other: payload },
      use_of_funds: payload, spending_plan: { mar: payload, jun: payload, oct: payload, dec: payload },
      goals: [payload], indicators: [row, { ...row, level1: payload, level2: payload }],
    }],
    saved_at: '2026-11-27T10:00:00Z',
  };
}

test('XSS payloads in every field run nothing, in the app or in the exported HTML, and show as typed', async () => {
  const { context, page, problems } = await start();
  let dialogs = 0;
  context.on('page', (p) => p.on('dialog', (d) => { dialogs += 1; d.dismiss(); }));
  for (const [i, payload] of PAYLOADS.entries()) {
    await importFile(page, `attack-${i}.json`, JSON.stringify(attackDoc(payload)));
    await openReview(page);
    assert.equal(await page.evaluate(() => window.__xss), undefined, `app: ${payload}`);
    const html = await downloadText(page, '下载可打印 HTML');
    const file = join(OUTPUT, `attack-${i}.html`);
    await writeFile(file, html.text);
    const viewer = await context.newPage();
    const errors = [];
    viewer.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    viewer.on('pageerror', (e) => errors.push(e.message));
    await viewer.goto(`file://${file}`);
    await viewer.mouse.move(200, 200);
    await viewer.waitForTimeout(100);
    assert.equal(await viewer.evaluate(() => window.__xss), undefined, `html: ${payload}`);
    assert.equal(await viewer.locator('body script:not([type="application/json"]), body img, body svg, body iframe, body b').count(), 0, payload);
    assert.ok((await viewer.locator('h1').innerText()).includes(payload.trim()), `shown as typed: ${payload}`);
    assert.deepEqual(errors, [], payload);
    await viewer.close();
    await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  }
  assert.equal(dialogs, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad files are refused with a reason, and storage does not change', async () => {
  const { context, page, problems } = await start();
  await importFile(page, 'clean.json', await fixture('clean.json'));
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  const snapshot = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k.includes('/draft/') || k.includes('/index')).sort()));
  const before = await snapshot();
  const wrongTypes = JSON.parse(await fixture('clean.json'));
  wrongTypes.projects[1].indicators[5].value = 95;
  const wrongList = JSON.parse(await fixture('clean.json'));
  wrongList.department.safeguards = '一段文字';
  const cases = [
    ['not-json.json', 'this is not JSON {', /不是有效的 JSON（第1行/],
    ['other.json', JSON.stringify({ name: '别的文件', items: [1, 2] }), /不是本系统导出的绩效目标文件/],
    ['array.json', '[1, 2, 3]', /最外层应为 JSON 对象/],
    ['types.json', JSON.stringify(wrongTypes), /「projects\[1\]\.indicators\[5\]\.value」应为文本，实际为数字/],
    ['list.json', JSON.stringify(wrongList), /「department\.safeguards」应为数组/],
    ['newer.json', JSON.stringify({ format: 'performance-goals', version: 2 }), /第 2 版格式，本系统只支持到第 1 版/],
    ['empty.json', '', /文件是空的/],
    ['big.json', 'x'.repeat(6 * 1024 * 1024), /文件有 6\.0 MB，超过 5 MB 的上限/],
    ['page.html', '<!DOCTYPE html><html><body><h1>别的网页</h1></body></html>', /不是本系统导出的可打印文件/],
  ];
  for (const [name, text, reason] of cases) {
    await importFile(page, name, text, name.endsWith('.html') ? 'text/html' : 'application/json');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: name }).waitFor();
    const message = await alert.innerText();
    assert.match(message, new RegExp(`未导入「${name.replace('.', '\\.')}」`), name);
    assert.match(message, reason, name);
    assert.ok(await page.getByRole('heading', { name: '草稿' }).isVisible(), `${name}: still on the start page`);
    assert.equal(await snapshot(), before, `${name}: storage unchanged`);
    await page.getByRole('button', { name: '知道了' }).click();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a long file lists every finding on 检查与导出 (the list comes in parts), and its last finding leads to its field', async () => {
  const { context, page, problems } = await start();
  // The seed's projects twelve times over: about 1700 findings, more
  // than the list's first part holds.
  const doc = JSON.parse(await fixture('seed.json'));
  doc.projects = Array.from({ length: 12 }, () => doc.projects).flat();
  await importFile(page, 'long.json', JSON.stringify(doc));
  const summary = page.locator('.review .summary');
  await summary.waitFor();
  const m = (await summary.innerText()).match(/还有 (\d+) 个错误、(\d+) 个警告、(\d+) 条提示/);
  assert.ok(m, await summary.innerText());
  const total = Number(m[1]) + Number(m[2]) + Number(m[3]);
  assert.ok(total > 800, `a long list: ${total}`);
  // The summary counts a finding folded under another once; the list shows both.
  await page.waitForFunction((n) => document.querySelectorAll('.findings-by-step li.finding:not(.folded)').length === n, total, { timeout: 10_000 });
  // Off-screen groups are not laid out (content-visibility), so their text is read as is.
  const headings = await page.locator('.finding-group h3').allTextContents();
  assert.match(headings.at(-1), new RegExp(`^项目${doc.projects.length}：`), headings.join('\n'));
  // Its link still finds its field: the listener numbers findings across parts.
  const last = page.locator('.findings-by-step a.goto:not([href="#"])').last();
  const id = (await last.getAttribute('href')).slice(1);
  assert.match(await last.textContent(), new RegExp(`^项目${doc.projects.length}「`));
  await last.click();
  await page.waitForFunction((id) => document.activeElement?.id === id, id);
  assert.deepEqual(problems, []);
  await context.close();
});
