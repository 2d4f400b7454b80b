// Startup: from navigation start (performance.timeOrigin) to the start page
// being interactive — its 新建草稿 button there and, with drafts stored, every
// draft's row in the list. The moment is taken in the page by a
// MutationObserver installed before any of the app's scripts run.
import { freshPage, importDoc, VIEWPORT } from './session.mjs';

// In the page, before its scripts: note performance.now() when the start page
// shows its button and at least `rows` rows of the drafts list.
export function watchStartPage(rows) {
  window.__startPageAt = null;
  window.__appAt = null;
  let startProgram = false;
  const ready = () => [...document.querySelectorAll('main.start button')].some((b) => b.textContent === '新建草稿')
    && document.querySelectorAll('table.drafts tbody tr').length >= rows;
  new MutationObserver((_, observer) => {
    const now = performance.now();
    if (window.__startPageAt === null && ready()) window.__startPageAt = now;
    // The start program's page (#boot) first; the app's, when it has taken over.
    if (document.getElementById('boot')) startProgram = true;
    else if (startProgram && window.__appAt === null && ready()) window.__appAt = now;
    if (window.__startPageAt !== null && window.__appAt !== null) observer.disconnect();
  }).observe(document, { subtree: true, childList: true });
}

/**
 * One run: a fresh context holding `storageState`; ms from navigation start to
 * the start page with `rows` drafts (`page`), and to the app having taken it
 * over behind it (`app`).
 */
export async function startupRun(browser, url, storageState, rows) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', storageState });
  await context.addInitScript(watchStartPage, rows);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__startPageAt !== null && window.__appAt !== null, null, { timeout: 30000 });
    return await page.evaluate(() => ({ page: window.__startPageAt, app: window.__appAt }));
  } finally {
    await context.close();
  }
}

/**
 * The browser storage after importing each of `docs` (file texts) through the
 * start page, as a preparer would: 导入, the editor opens, 返回草稿列表.
 */
export async function storageWithDrafts(browser, url, docs) {
  const { context, page } = await freshPage(browser, url);
  try {
    for (const [i, text] of docs.entries()) {
      await importDoc(page, text, JSON.parse(text).projects.length, `unit-${i + 1}.json`);
      await page.getByRole('button', { name: '← 返回草稿列表' }).click();
      await page.getByRole('button', { name: '新建草稿' }).waitFor();
    }
    const rows = await page.locator('table.drafts tbody tr').count();
    if (rows !== docs.length) throw new Error(`start page lists ${rows} drafts after ${docs.length} imports`);
    const state = await context.storageState();
    const keys = state.origins.flatMap((o) => o.localStorage.map((e) => e.name));
    if (keys.some((k) => k.endsWith('/last-open'))) throw new Error('a draft is still marked open');
    return { state, keys: keys.length, bytes: state.origins.flatMap((o) => o.localStorage).reduce((a, e) => a + e.value.length, 0) };
  } finally {
    await context.close();
  }
}
