// Autosave of the big document: serialise + write, as the app itself measures
// it (performance.measure 'perf-goals:autosave', in ui::session).
import { freshPage, importDoc, stepList } from './session.mjs';

/** The durations of five autosaves, each after an edit of 单位名称. */
export async function autosaveRuns(browser, url, text) {
  const { context, page } = await freshPage(browser, url);
  try {
    await importDoc(page, text, JSON.parse(text).projects.length);
    // The import's own first save, if it is measured, is not an edit's.
    await page.waitForTimeout(1000);
    await stepList(page).getByRole('button', { name: /基本信息/ }).click();
    const skip = await page.evaluate(() => performance.getEntriesByName('perf-goals:autosave').length);
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('单位名称', { exact: true }).fill(`单位${i}`);
      await page.waitForFunction((n) => performance.getEntriesByName('perf-goals:autosave').length > n, skip + i, { timeout: 5000 });
    }
    return (await page.evaluate(() => performance.getEntriesByName('perf-goals:autosave').map((x) => x.duration))).slice(skip);
  } finally {
    await context.close();
  }
}
