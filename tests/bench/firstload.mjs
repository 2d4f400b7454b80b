// First load: the bytes of every file the browser fetches before the start
// page is usable (its 新建草稿 button is there), read from the real requests
// rather than from a list of dist/: raw, gzip -9 and Brotli (quality 11), per
// file and in total. Sizes are deterministic: one run.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { VIEWPORT } from './session.mjs';

const brotli = (b) => brotliCompressSync(b, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
}).length;

export async function firstLoad(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  const responses = [];
  let usable = false;
  page.on('response', (r) => responses.push({ r, early: !usable }));
  await page.goto(url);
  await page.getByRole('button', { name: '新建草稿' }).waitFor();
  usable = true;
  // Anything still loading, and whatever the page asks for soon after, is
  // listed apart (it does not hold the start page up).
  await page.waitForLoadState('networkidle');
  const files = [];
  const later = [];
  for (const { r, early } of responses) {
    const name = decodeURIComponent(new URL(r.url()).pathname).replace(/^.*\//, '') || 'index.html';
    if (!early || r.status() !== 200) {
      later.push(`${name} (${r.status()}${early ? '' : ', after the start page'})`);
      continue;
    }
    const body = await r.body();
    files.push({ name, raw: body.length, gzip: gzipSync(body, { level: 9 }).length, brotli: brotli(body) });
  }
  await context.close();
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { files, later, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}
