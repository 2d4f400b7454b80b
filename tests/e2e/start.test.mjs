// Guards the release build itself: it loads from a sub-folder of a plain static
// server and starts without a single console or page error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { suite, openPage, OUTPUT } from './harness.mjs';

let server;
let browser;
suite((s, b) => {
  server = s;
  browser = b;
});

test('the release build starts from a sub-folder and shows the start page', async () => {
  const { context, page, problems } = await openPage(browser, server.url);
  const create = page.getByRole('button', { name: '新建草稿' });
  await create.waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await page.title(), '绩效目标填报');
  assert.ok(await page.getByRole('heading', { name: '草稿' }).isVisible());
  await page.screenshot({ path: join(OUTPUT, 'start.png') });
  assert.deepEqual(problems, []);
  await context.close();
});
