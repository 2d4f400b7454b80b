// First load: the bytes of every file the browser asked for before the start
// page was usable (its 新建草稿 button there, as the page saw it), read from
// the real requests rather than from a list of dist/: raw, gzip -9 and Brotli
// (quality 11), per file and in total. What is asked for after (the app,
// behind the start page) is listed apart. Sizes are deterministic: one run.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { VIEWPORT } from './session.mjs';
import { watchStartPage } from './startup.mjs';

const brotli = (b) => brotliCompressSync(b, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
}).length;

export async function firstLoad(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  await context.addInitScript(watchStartPage, 0);
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(url);
  await page.waitForFunction(() => window.__startPageAt !== null && window.__appAt !== null, null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
  // Asked for (fetchStart) before the start page was there.
  const early = new Set(await page.evaluate(() => [
    location.href,
    ...performance.getEntriesByType('resource').filter((e) => e.startTime < window.__startPageAt).map((e) => e.name),
  ]));
  const files = [];
  const later = [];
  for (const r of responses) {
    const name = decodeURIComponent(new URL(r.url()).pathname).replace(/^.*\//, '') || 'index.html';
    if (!early.has(r.url()) || r.status() !== 200) {
      later.push(`${name} (${r.status()}${early.has(r.url()) ? '' : ', after the start page'})`);
      continue;
    }
    const body = await r.body();
    files.push({ name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli(body) });
  }
  await context.close();
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { files, later, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}
