// Opening the app and importing a document, shared by the browser measures.

export const VIEWPORT = { width: 1366, height: 768 };

/** A fresh browser context (empty storage unless `storageState`) on the start page. */
export async function freshPage(browser, url, { storageState, initScript } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN', storageState });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  await page.goto(url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  return { context, page };
}

export const stepList = (page) => page.getByRole('navigation', { name: '填报步骤' });

/** The step button of project `n` (1-based) in the step list. */
export const projectStep = (page, n) => stepList(page).getByRole('button', { name: new RegExp(`^${n}\\. `) });

/**
 * 导入 of `text` through the start page's file input. Returns the time from the
 * file input's change event (the preparer has chosen the file) to the first
 * frame that shows the editor with all `projects` in its step list (4 more
 * steps: 基本信息, 部门整体绩效目标, 检查与导出 and the list's own item),
 * measured in the page so the driver's transfer of the file is not counted.
 */
export async function importDoc(page, text, projects, name = 'big.json') {
  await page.evaluate((n) => {
    window.__importMs = new Promise((done) => {
      document.addEventListener('change', (ev) => {
        const t0 = ev.timeStamp;
        const check = () => {
          if (document.querySelectorAll('nav[aria-label="填报步骤"] li').length >= n + 4) {
            requestAnimationFrame(() => done(performance.now() - t0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      }, { capture: true, once: true });
    });
  }, projects);
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page.evaluate(() => window.__importMs);
}
