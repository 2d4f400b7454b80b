// 导入 of a big document, and of a 5 MB file at the reader's limits with the
// page's longest task (PerformanceObserver 'longtask') while it is imported.
import { freshPage, importDoc } from './session.mjs';

/** One run: a fresh page; ms from the file input's change to the editor on screen. */
export async function importRun(browser, url, text) {
  const { context, page } = await freshPage(browser, url);
  try {
    return await importDoc(page, text, JSON.parse(text).projects.length);
  } finally {
    await context.close();
  }
}

// In the page: record every long task (> 50 ms, the main thread busy) from
// now on, and when the change event came. The driver's own task that makes
// the file in the page (decoding 5 MB, ~0.6 s) ends with that event; it
// started before it and is not the app's.
function watchLongTasks() {
  window.__longTasks = [];
  window.__changeAt = Infinity;
  document.addEventListener('change', (ev) => { window.__changeAt = ev.timeStamp; }, { capture: true, once: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
}

/**
 * One run with the long tasks: the import time, the longest task and the
 * number of long tasks from the change event until the editor is on screen
 * and one more second has passed (the draft's first save falls there).
 */
export async function importWatchedRun(browser, url, text) {
  const { context, page } = await freshPage(browser, url);
  try {
    await page.evaluate(watchLongTasks);
    const ms = await importDoc(page, text, JSON.parse(text).projects.length, 'limit.json');
    await page.waitForTimeout(1000);
    const tasks = await page.evaluate(() => window.__longTasks.filter(([start]) => start >= window.__changeAt).map(([, d]) => d));
    return { ms, longest: Math.max(0, ...tasks), count: tasks.length };
  } finally {
    await context.close();
  }
}
