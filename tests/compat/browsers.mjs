// Real old headless Chromium builds for the old-browser tests (issue 10), driven
// by puppeteer-core 5 (Playwright speaks only to current browsers). The builds
// come from npm (chromium-NN in package.json) and are unpacked into
// target/old-chromium/NN/ by scripts/setup.sh's ensure_old_chromium.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { ROOT } from '../e2e/harness.mjs';

export const OLD = join(ROOT, 'target/old-chromium');

// A wait that does not keep node running by itself.
export const later = (ms) => new Promise((ok) => setTimeout(ok, ms).unref());

// Chromium `version`, started, with its first tab ready. Not --single-process
// (chrome-aws-lambda's setting for AWS Lambda): with it, on a busy machine, about
// every other start of Chromium 86 never answered its first tab's DevTools
// commands (7 of 15; none of 15 without). Should a start still hang, the
// browser is killed and started again, up to three times in all.
export async function launchOld(version, extraArgs = []) {
  const dir = join(OLD, String(version));
  const executablePath = join(dir, 'chromium');
  if (!existsSync(executablePath)) {
    throw new Error(`no Chromium ${version} in ${dir}: run  bash -c 'source scripts/setup.sh; ensure_old_chromium ${version}'`);
  }
  for (let attempt = 1; ; attempt++) {
    let why;
    try {
      const browser = await puppeteer.launch({
        executablePath,
        // The build's own NSS libraries; fonts come from the system (fonts-noto-cjk).
        env: { ...process.env, LD_LIBRARY_PATH: join(dir, 'lib') },
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--lang=zh-CN', ...extraArgs],
        defaultViewport: { width: 1366, height: 768 },
        timeout: 15000,
      });
      if (await Promise.race([browser.pages().then(() => true, () => false), later(10000).then(() => false)])) return browser;
      browser.process()?.kill('SIGKILL');
      why = 'its first tab did not answer within 10 s';
    } catch (e) {
      why = e.message;
    }
    if (attempt === 3) throw new Error(`Chromium ${version} did not start, three times: ${why}`);
    console.error(`Chromium ${version} did not start (${why}); starting it again`);
  }
}

// The browser's first tab, recording console errors and uncaught exceptions, and
// letting downloads through into `downloads` (a folder), when given. Not a new
// tab: with --single-process, puppeteer's newPage() sometimes never returns.
export async function openPage(browser, url, { downloads, userAgent } = {}) {
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('dialog', (d) => d.accept());
  if (downloads) {
    // puppeteer 5 has no download API; the DevTools protocol command is the one it would use.
    await page._client.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }
  if (userAgent) await page.setUserAgent(userAgent);
  if (url) await page.goto(url);
  return { page, problems };
}

// Runs in the page: the visible element a person would find by its role and
// accessible name, or a form control by its label. `name` matches the whole
// name, or any part of it when `part` is true. (puppeteer 5 has no role
// selectors that work on Chromium 80.)
function findInPage(kind, name, part) {
  const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const matches = (s) => (part ? clean(s).includes(name) : clean(s) === name);
  const visible = (el) => el.getClientRects().length > 0;
  const named = (el) => el.getAttribute('aria-label') || el.textContent;
  const all = (selector) => Array.from(document.querySelectorAll(selector)).filter(visible);
  if (kind === 'label') {
    const byLabel = all('label').filter((l) => matches(l.textContent)).map((l) => l.control);
    const byAria = all('[aria-label]').filter((el) => el.matches('input, select, textarea') && matches(el.getAttribute('aria-label')));
    return byLabel.concat(byAria).find((el) => el && visible(el)) || null;
  }
  const selector = {
    button: 'button, [role=button]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    alert: '[role=alert]',
    navigation: 'nav, [role=navigation]',
  }[kind];
  return all(selector).find((el) => matches(named(el))) || null;
}

// The element (see findInPage), waiting for it up to `timeout` ms.
export async function find(page, kind, name, { part = false, timeout = 15000 } = {}) {
  try {
    const handle = await page.waitForFunction(findInPage, { timeout, polling: 100 }, kind, name, part);
    return handle.asElement();
  } catch (e) {
    throw new Error(`no ${kind} "${name}" on the page within ${timeout} ms (${e.message})`);
  }
}

// Whether such an element is on the page now.
export async function has(page, kind, name, part = false) {
  const handle = await page.evaluateHandle(findInPage, kind, name, part);
  const found = handle.asElement() !== null;
  await handle.dispose();
  return found;
}

// The text of the findings joined to a control by aria-describedby.
export function describedText(control) {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') || '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map((n) => n.textContent)
      .join('\n'),
  );
}

// Whether the app has started: it removes #loading then (src/main.rs).
export function appStarted(page) {
  return page.evaluate(() => !document.getElementById('loading'));
}
