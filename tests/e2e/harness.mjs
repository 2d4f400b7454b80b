// Shared by the end-to-end tests: serve the release dist/ from a sub-folder with a
// plain static file server (as an intranet web server would), and drive Debian's
// Chromium with playwright-core.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const DIST = join(ROOT, 'dist');
export const OUTPUT = join(ROOT, 'tests/e2e/output');
// Deliberately not the web root: the app must work from any folder.
export const SUB_FOLDER = '/intranet/jixiao/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

// `dir` is the built app to serve; `intercept(path, res)`, if given, sees each
// request first and returns true when it has answered it (tests/compat/ uses it
// to make the wasm slow or missing).
export async function serveDist(dir = DIST, { intercept } = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(SUB_FOLDER)) {
      res.writeHead(404).end('not found');
      return;
    }
    if (intercept && (await intercept(path, res))) return;
    let file = normalize(join(dir, path.slice(SUB_FOLDER.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${SUB_FOLDER}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

// A unit may serve its own indicator-library.json beside the app (README, 指标库);
// the app asks for it when the library is first needed, and Chromium logs the
// 404 of an absent one. That one line, and only it, is not a problem.
function isAbsentUnitLibrary(msg) {
  return msg.text() === 'Failed to load resource: the server responded with a status of 404 (Not Found)'
    && (msg.location()?.url ?? '').endsWith(`${SUB_FOLDER}indicator-library.json`);
}

// A page that records every console error and uncaught exception, so a test can
// assert that the app ran clean (a wasm-bindgen mismatch or a broken wasm-opt
// shows up only here).
export async function openPage(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !isAbsentUnitLibrary(msg)) problems.push(`console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { context, page, problems };
}

// A screenshot of the whole page, taken with a viewport as tall as the page
// (a "full page" screenshot would draw the sticky bars in the middle).
export async function fullShot(page, path) {
  const size = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(height, 4000) });
  await page.screenshot({ path });
  await page.setViewportSize(size);
}

// One static server and one browser for a test file: `onReady(server, browser)`
// is called before its first test; both are closed after its last.
export function suite(onReady) {
  let server;
  let browser;
  before(async () => {
    server = await serveDist();
    browser = await launchBrowser();
    await mkdir(OUTPUT, { recursive: true });
    onReady(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

// A fresh browser context on the start page, with 新建草稿 clicked and the
// new draft's 基本信息 on screen. Confirmation dialogs are accepted.
export async function newDraft(browser, url) {
  const session = await openPage(browser, url);
  session.page.on('dialog', (d) => d.accept());
  await session.page.getByRole('button', { name: '新建草稿' }).click();
  await session.page.getByLabel('单位名称', { exact: true }).waitFor();
  return session;
}
