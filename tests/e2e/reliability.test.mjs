// Nothing lost, nothing trusted (issue 13): two tabs after back/forward and
// freezing, two tabs opening one draft at once, a draft deleted while edited,
// hostile files in the browser, and a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, openPage, ROOT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

const exact = { exact: true };
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const fixture = (name) => readFile(join(ROOT, 'tests/fixtures', name), 'utf8');

/** A page of an existing context, on the start page. */
async function tab(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => d.accept());
  await page.goto(server.url);
  // A tab opened afresh reopens the draft last open (read-only while another
  // tab edits it): go to the list.
  const list = page.getByRole('button', { name: '新建草稿' });
  const back = page.getByRole('button', { name: '← 返回草稿列表' });
  await list.or(back).first().waitFor();
  if (await back.isVisible()) await back.click();
  await list.waitFor();
  return { page, problems };
}

/** The stored text of the only draft of this context's storage. */
async function storedUnitName(page) {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('perf-goals/v1/draft/'));
    return key ? JSON.parse(localStorage.getItem(key)).unit.name : null;
  });
}

async function editable(page) {
  const field = page.getByLabel('单位名称', exact);
  return (await field.count()) > 0 && (await field.isEditable());
}

/** A context with one draft, its 单位名称 typed and saved in tab A. */
async function draftInA() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const a = await tab(context);
  await a.page.getByRole('button', { name: '新建草稿' }).click();
  await a.page.getByLabel('单位名称', exact).fill('甲');
  await sleep(900);
  return { context, a };
}

test('a tab that went back in history, or was frozen, never overwrites what another tab typed since (20 runs)', async () => {
  let kept = 0;
  for (let run = 0; run < 20; run++) {
    const { context, a } = await draftInA();
    const b = await tab(context);
    if (run % 2 === 0) {
      // A navigates away: it saves, lets go of the draft, and sits in the history.
      await a.page.goto('about:blank');
      await b.page.getByRole('button', { name: '打开' }).click();
    } else {
      // A is frozen (as a background tab is), its lease still fresh: B takes over.
      const cdp = await context.newCDPSession(a.page);
      await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
      await b.page.getByRole('button', { name: '打开' }).click();
      await b.page.getByRole('button', { name: '接管编辑' }).click();
      // The hand-off waits 1.5 s for A, which is frozen and cannot answer.
      await b.page.getByLabel('单位名称', exact).and(b.page.locator(':enabled')).waitFor({ timeout: 15000 });
      a.cdp = cdp;
    }
    await b.page.getByLabel('单位名称', exact).fill(`乙的内容 ${run}`);
    await sleep(900);
    if (run % 2 === 0) {
      await a.page.goBack();
    } else {
      await a.cdp.send('Page.setWebLifecycleState', { state: 'active' });
    }
    // A comes back and its preparer types at once.
    const field = a.page.getByLabel('单位名称', exact);
    await field.waitFor();
    if (await field.isEditable().catch(() => false)) {
      await field.fill('甲在回来后输入', { timeout: 2000 }).catch(() => {});
    }
    await sleep(1200);
    const stored = await storedUnitName(b.page);
    if (stored === `乙的内容 ${run}`) kept += 1;
    else console.log(`run ${run}: stored ${stored}`);
    await context.close();
  }
  assert.equal(kept, 20, "B's text survived every run");
});

test('two tabs opening one draft at the same moment: exactly one edits, nothing is lost (20 runs)', async () => {
  let exactlyOne = 0;
  let nothingLost = 0;
  for (let run = 0; run < 20; run++) {
    const { context, a } = await draftInA();
    await a.page.getByRole('button', { name: '← 返回草稿列表' }).click();
    const b = await tab(context);
    await a.page.reload();
    await Promise.all([
      a.page.getByRole('button', { name: '打开' }).click(),
      b.page.getByRole('button', { name: '打开' }).click(),
    ]);
    await sleep(600);
    const editors = [];
    for (const t of [a, b]) if (await editable(t.page)) editors.push(t);
    if (editors.length === 1) exactlyOne += 1;
    const typed = `只有一个标签页编辑 ${run}`;
    if (editors[0]) await editors[0].page.getByLabel('单位名称', exact).fill(typed);
    await sleep(1200);
    if ((await storedUnitName(a.page)) === typed) nothingLost += 1;
    await context.close();
  }
  assert.equal(exactlyOne, 20);
  assert.equal(nothingLost, 20);
});

test('a draft deleted in another tab while edited: this tab says so, turns read-only, and offers its text', async () => {
  const { context, a } = await draftInA();
  const b = await tab(context);
  await b.page.getByRole('button', { name: '删除' }).click();
  // The other tab is told, read-only, and its text is one click away.
  await a.page.getByText('已在另一个标签页中被删除').waitFor();
  assert.equal(await a.page.getByLabel('单位名称', exact).isEditable(), false);
  const [download] = await Promise.all([
    a.page.waitForEvent('download'),
    a.page.getByRole('button', { name: '下载本页的内容' }).click(),
  ]);
  assert.match(await readFile(await download.path(), 'utf8'), /"name": "甲"/);
  assert.equal(await storedUnitName(b.page), null, 'the draft stays deleted');
  await context.close();
});

// GBK bytes of 测试单位 (an older Windows editor's 「ANSI」).
const GBK_NAME = Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb5, 0xa5, 0xce, 0xbb]);

function withName(json, nameBytes) {
  const [head, tail] = json.split('"__NAME__"');
  return Buffer.concat([Buffer.from(head + '"'), nameBytes, Buffer.from('"' + tail)]);
}

test('hostile and odd files: each refused or warned, and storage unchanged when refused', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  page.on('dialog', (d) => d.accept());
  const clean = await fixture('clean.json');
  // A file saved as GBK is GBK throughout: only ASCII besides the name here.
  const named = JSON.stringify({ format: 'performance-goals', version: 1, year: '2024', unit: { code: '120001', name: '__NAME__' } }, null, 2);
  const seedHtml = null;
  const drafts = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/draft/')).sort().join());
  const importBytes = async (name, buffer, mimeType = 'application/json') => {
    await page.getByRole('button', { name: '新建草稿' }).waitFor();
    const before = await drafts();
    await page.locator('input[type=file]').setInputFiles({ name, mimeType, buffer });
    await sleep(400);
    const notice = (await page.getByRole('alert').count()) ? await page.getByRole('alert').first().innerText() : '';
    const after = await drafts();
    const opened = await page.getByRole('navigation', { name: '填报步骤' }).count();
    if (opened) await page.getByRole('button', { name: '← 返回草稿列表' }).click();
    if (notice) await page.getByRole('button', { name: '知道了' }).click().catch(() => {});
    return { notice, changed: before !== after, opened: opened > 0 };
  };
  // GBK: read as GB18030, with a notice, and the Chinese is right.
  const gbk = await importBytes('gbk.json', withName(named, GBK_NAME));
  assert.ok(gbk.opened && gbk.changed);
  assert.match(gbk.notice, /GB18030/);
  assert.match(await page.getByRole('table').innerText(), /测试单位/);
  for (const [name, buffer, why] of [
    ['utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(clean, 'utf16le')]), /UTF-16/],
    ['latin1.json', withName(named, Buffer.from([0x63, 0x61, 0x66, 0xe9])), /UTF-8/],
    ['dup.json', Buffer.from(clean.replace('"year": "2024",', '"year": "2024",\n  "year": "2025",')), /year/],
  ]) {
    const r = await importBytes(name, buffer);
    assert.equal(r.opened, false, name);
    assert.equal(r.changed, false, `${name}: storage unchanged`);
    assert.match(r.notice, why, name);
  }
  // Two byte order marks: read as the file it is.
  const boms = await importBytes('boms.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from(clean)]));
  assert.ok(boms.opened);
  // Our printable HTML, tampered with: a hidden block before the real one,
  // two blocks, a </SCRIPT> inside.
  await page.getByRole('button', { name: '打开' }).first().click();
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /检查与导出/ }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载可打印 HTML' }).click()]);
  const html = await readFile(await download.path(), 'utf8');
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  const block = html.slice(html.indexOf('<script type="application/json"'), html.indexOf('</script>', html.indexOf('<script type="application/json"')) + 9);
  for (const [name, text] of [
    ['comment.html', html.replace('<body>', `<body><!-- ${block} -->`)],
    ['doubled.html', html.replace('</body>', `${block}</body>`)],
    ['upper.html', html.replace('"year": "2024"', '"year": "2024</SCRIPT><script>window.__xss=1</script>"')],
  ]) {
    const r = await importBytes(name, Buffer.from(text), 'text/html');
    assert.equal(r.opened, false, name);
    assert.equal(r.changed, false, `${name}: storage unchanged`);
    assert.match(r.notice, /未导入/, name);
  }
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(seedHtml, null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a crash shows 程序出错，已停止保存 and the backup downloads what was typed', async () => {
  const { context, page } = await openPage(browser, server.url);
  await page.evaluate(() => localStorage.setItem('perf-goals/test/panic', '1'));
  await page.reload();
  await page.getByRole('button', { name: '新建草稿' }).click();
  await page.getByLabel('单位名称', exact).fill('崩溃前输入的单位名称');
  await sleep(900);
  await page.getByLabel('单位编码', exact).fill('触发测试崩溃');
  const banner = page.getByRole('alert').filter({ hasText: '程序出错，已停止保存' });
  await banner.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('link', { name: '下载备份' }).click()]);
  assert.match(await readFile(await download.path(), 'utf8'), /崩溃前输入的单位名称/);
  await context.close();
});

test('a whole session requests only the app\'s own files and breaks no Content-Security-Policy rule', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await page.getByRole('button', { name: '新建草稿' }).click();
  await page.getByLabel('单位名称', exact).fill('内容安全策略测试');
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: '添加项目' }).click();
  await page.getByRole('button', { name: '添加指标' }).click();
  await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /检查与导出/ }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 JSON' }).click()]);
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载可打印 HTML' }).click()]);
  await page.getByRole('button', { name: '打印', exact: true }).click();
  await page.frameLocator('iframe[title="打印预览"]').locator('section.project').first().waitFor({ state: 'attached' });
  await page.getByRole('button', { name: '← 返回草稿列表' }).click();
  await page.locator('input[type=file]').setInputFiles({ name: 'clean.json', mimeType: 'application/json', buffer: Buffer.from(await fixture('clean.json')) });
  await page.getByRole('navigation', { name: '填报步骤' }).waitFor();
  await page.getByRole('button', { name: '规则说明' }).click();
  await sleep(300);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:') && u !== 'about:srcdoc');
  assert.deepEqual(foreign, [], 'nothing but the app\'s own files');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await context.close();
});
