// Static checks of the release dist/ against Chromium 80 (issue 10): what the
// old-browser runs would find only for the few versions they cover.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse } from 'acorn';
import doiuse from 'doiuse';
import postcss from 'postcss';
import { DIST as BUILT, ROOT } from '../e2e/harness.mjs';

// COMPAT_DIST=dir checks another build (default dist/).
const DIST = process.env.COMPAT_DIST ? resolve(process.env.COMPAT_DIST) : BUILT;

// Chromium 80's WebAssembly: no reference types (96), multi-value (85), SIMD (91).
const WASM_FEATURES = 'mvp,mutable-global,sign-extension,saturating-float-to-int,bulk-memory';
const BROWSERS = ['chrome >= 80'];
const FALLBACK = 'fallback.js';

async function files(dir, ext) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path, ext)));
    else if (entry.name.endsWith(ext)) out.push(path);
  }
  return out;
}

const indexHtml = () => readFile(join(DIST, 'index.html'), 'utf8');

// The <script> tags of index.html: [attributes, inline text].
async function scriptTags() {
  return [...(await indexHtml()).matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], text: m[2] }));
}

function parses(source, ecmaVersion, sourceType) {
  try {
    parse(source, { ecmaVersion, sourceType });
    return null;
  } catch (e) {
    return e.message;
  }
}

test('the release wasm needs no WebAssembly feature beyond Chromium 80 (wasm-tools validate)', async () => {
  const wasm = await files(DIST, '.wasm');
  // The start program's (the first load), the app's (fetched behind the start
  // page) and 审核台's (its page and its Web Workers, fetched when used).
  assert.equal(wasm.length, 3, `three wasm in dist/: ${wasm}`);
  assert.ok(wasm.some((w) => /\/app-[0-9a-f]{16}_bg\.wasm$/.test(w)), `the app's wasm: ${wasm}`);
  assert.ok(wasm.some((w) => /\/desk-[0-9a-f]{16}_bg\.wasm$/.test(w)), `审核台's wasm: ${wasm}`);
  for (const file of wasm) {
    try {
      execFileSync('wasm-tools', ['validate', '--features', WASM_FEATURES, file], { stdio: 'pipe' });
    } catch (e) {
      assert.fail(`wasm-tools validate --features ${WASM_FEATURES} ${relative(ROOT, file)}: ${e.stderr || e.message}`);
    }
  }
});

test('every module script in dist/ is ES2020 (no top-level await, nothing newer than Chromium 80 parses)', async () => {
  const sources = [];
  for (const file of (await files(DIST, '.js')).filter((f) => !f.endsWith(`/${FALLBACK}`))) {
    // The app's and 审核台's programs are classic scripts (a <script> in the
    // page, and 审核台's also a Web Worker).
    const classic = /\/(app|desk)-[0-9a-f]{16}\.js$/.test(file);
    sources.push({ what: relative(ROOT, file), text: await readFile(file, 'utf8'), module: !classic, classic });
  }
  for (const { attrs, text } of (await scriptTags()).filter((t) => t.text.trim())) {
    sources.push({ what: 'an inline script in index.html', text, module: /type=["']?module/.test(attrs) });
  }
  assert.ok(sources.filter((s) => s.module).length >= 2, 'the loader and the wasm-bindgen glue');
  assert.equal(sources.filter((s) => s.classic).length, 2, "the app's and 审核台's scripts");
  for (const { what, text, module, classic } of sources) {
    const version = module || classic ? 2020 : 5;
    const error = parses(text, version, module ? 'module' : 'script');
    assert.equal(error, null, `${what} is not ES${version}: ${error}`);
  }
  // Proof that the check catches what broke Chromium < 89.
  assert.notEqual(parses('await init();', 2020, 'module'), null);
});

test('the fallback script is classic ES5 (IE modes parse it too), copied as written, and runs before the loader', async () => {
  const source = await readFile(join(ROOT, 'static', FALLBACK), 'utf8');
  assert.equal(await readFile(join(DIST, FALLBACK), 'utf8'), source, 'not minified or rewritten by Trunk');
  // ES3: 360's 兼容模式 may use an IE engine in an old document mode.
  const error = parses(source, 3, 'script');
  assert.equal(error, null, `static/${FALLBACK} is not ES3/ES5: ${error}`);
  assert.notEqual(parses('var f = () => 1;', 5, 'script'), null, 'the check rejects an arrow function');
  const tags = await scriptTags();
  const first = tags.find((t) => /\bsrc=/.test(t.attrs));
  // Deferred scripts run in document order: it listens before the loader runs.
  assert.match(first.attrs, new RegExp(`src=["']?(\\./)?${FALLBACK}`), 'the fallback is the first script');
  assert.doesNotMatch(first.attrs, /type=|async/, 'a classic script, not async');
  // 360 and other dual-engine browsers open the page in their Chromium engine.
  const html = await indexHtml();
  const metas = [...html.matchAll(/<meta\b([^>]*)>/gi)].map((m) => m[1].replace(/"/g, ''));
  const meta = (key, value) => metas.some((m) => m.split(/\s+/).includes(key) && m.split(/\s+/).includes(value));
  assert.ok(meta('name=renderer', 'content=webkit'), 'meta renderer webkit');
  assert.ok(meta('http-equiv=X-UA-Compatible', 'content=IE=edge'), 'meta X-UA-Compatible IE=edge');
  assert.match(html, /id="?loading"?/, 'the element the app removes when it has started');
});

// doiuse reports partial support too; these partials are about things we do not use.
const PARTIAL_OK = {
  'css-overflow': 'overflow: clip (Chromium 90); we use hidden/auto, and the grep below rejects clip',
  'css-sticky': 'sticky on <thead>/<tr> (Chromium 91); we make only a bar and the step list sticky',
};
// Hints a browser follows only when it knows them, losing nothing where it
// does not: Chromium 80–84 ignore content-visibility and lay out everything,
// as before (issue 19 uses it for the long list of findings).
const HINT_OK = {
  'css-content-visibility': 'content-visibility: auto on .finding-group (Chromium 85); older ones lay it out as usual',
};
// What doiuse does not know or miss, with the Chromium version that has it.
const NEWER = [
  [/:focus-visible/, ':focus-visible (86)'],
  [/:is\(/, ':is() (88)'],
  [/:where\(/, ':where() (88)'],
  [/:has\(/, ':has() (105)'],
  [/:not\([^)]*[,\s>+~][^)]*\)/, 'a complex :not() (88)'],
  [/(^|[;{\s])aspect-ratio\s*:/, 'aspect-ratio (88)'],
  [/(^|[;{\s])inset(-block|-inline)?\s*:/, 'inset (87)'],
  [/(^|[;{\s])(margin|padding)-(block|inline)\s*:/, 'logical shorthands (87)'],
  [/overflow(-x|-y)?\s*:\s*clip/, 'overflow: clip (90)'],
  [/@container|@layer|@property/, '@container / @layer / @property'],
  [/accent-color|color-mix\(|text-underline-offset/, 'a property newer than 80'],
  [/&/, 'CSS nesting (112)'],
];

async function cssProblems(file) {
  // What a browser uses only when it has it is fine: @supports selector(…)
  // blocks are left out (Chromium 80 skips them whole).
  const root = postcss.parse(await readFile(file, 'utf8'));
  root.walkAtRules('supports', (rule) => {
    if (/^\s*selector\(/.test(rule.params)) rule.remove();
  });
  const css = root.toString();
  const problems = [];
  await postcss(
    doiuse({
      browsers: BROWSERS,
      onFeatureUsage: (u) => {
        if (PARTIAL_OK[u.feature] && /only partially supported/.test(u.message)) return;
        if (HINT_OK[u.feature]) return;
        problems.push(u.message);
      },
    }),
  ).process(css, { from: file });
  // A gap is fine in a grid (Chromium 66), not in a flex container (84):
  // allowed only in rules that make a grid.
  postcss.parse(css).walkRules((rule) => {
    const grid = rule.some((d) => d.prop === 'display' && /grid/.test(d.value));
    rule.walkDecls(/^(row-|column-)?gap$/, (d) => {
      if (!grid) problems.push(`${relative(ROOT, file)}: ${rule.selector} { ${d.prop} } outside a grid rule (flex gap: Chromium 84)`);
    });
  });
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const [re, what] of NEWER) {
    if (re.test(text)) problems.push(`${relative(ROOT, file)}: ${what}`);
  }
  return problems;
}

test('the CSS, as written and as built, uses nothing newer than Chromium 80 (doiuse and a grep)', async () => {
  const built = await files(DIST, '.css');
  assert.ok(built.length >= 1);
  for (const file of [join(ROOT, 'style/main.css'), ...built]) {
    assert.deepEqual(await cssProblems(file), [], relative(ROOT, file));
  }
  // Proof that both halves catch something.
  const dir = await mkdtemp(join(tmpdir(), 'compat-css-'));
  const probe = join(dir, 'probe.css');
  await writeFile(probe, '.a { display: flex; gap: 1px; } .b:focus-visible { color: red; } .c { inset: 0; }');
  const found = await cssProblems(probe);
  await writeFile(probe, '@supports selector(:focus-visible) { :focus:not(:focus-visible) { outline: none; } }');
  const guarded = await cssProblems(probe);
  await rm(dir, { recursive: true });
  assert.ok(found.length >= 3, found.join('\n'));
  assert.deepEqual(guarded, []);
});
