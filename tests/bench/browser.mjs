// The browser half of the benchmark (scripts/bench.sh): issue 19's measures in
// headless Chromium against the release dist/ served from a sub-folder. Prints
// one markdown table: the figure of version 1 (from issue 19), today's as the
// median of BENCH_RUNS (default 5) runs with its spread, and the target.
// A benchmark, not a test: it prints figures and asserts only that what it
// measured really happened (the typed text held, findings changed).
//
// Inputs (scripts/bench.sh makes them): target/bench/big.json (100 projects ×
// 30 rows), small.json (1 × 30), limit.json (a realistic file just under the
// 5 MB import limit), files/*.json (realistic unit files, for the 20 drafts).
// BENCH_PROFILE=1: also a CPU profile of the 100 × 30 指标值 keystrokes,
// written to target/bench/keystroke.cpuprofile, served from BENCH_PROFILE_DIST
// (a build that keeps function names) when given; prints its top functions.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serveDist, launchBrowser, ROOT } from '../e2e/harness.mjs';
import { median, ms, kib, spread } from './stats.mjs';
import { firstLoad } from './firstload.mjs';
import { keystrokeRun, bareRun } from './keystroke.mjs';
import { importRun, importWatchedRun } from './imports.mjs';
import { startupRun, storageWithDrafts } from './startup.mjs';
import { autosaveRuns } from './autosave.mjs';
import { profiler, topSelf } from './profile.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BENCH = join(ROOT, 'target/bench');
const log = (...a) => console.error('   ', ...a);

async function runs(what, n, run) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await run(i));
  log(what, JSON.stringify(out, (k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
  return out;
}

/** Realistic unit files of files/, the first `n` that are our format (some are deliberately bad). */
async function unitFiles(n) {
  const dir = join(BENCH, 'files');
  const texts = [];
  for (const name of (await readdir(dir)).sort()) {
    const text = await readFile(join(dir, name), 'utf8');
    try {
      if (JSON.parse(text).version === 1) texts.push(text);
    } catch { /* not JSON: one of the bad files */ }
    if (texts.length === n) return texts;
  }
  throw new Error(`only ${texts.length} usable files in ${dir}`);
}

const big = await readFile(join(BENCH, 'big.json'), 'utf8');
const small = await readFile(join(BENCH, 'small.json'), 'utf8');
const limit = await readFile(join(BENCH, 'limit.json'), 'utf8');
const limitDoc = JSON.parse(limit);
const drafts = await unitFiles(20);

const rows = [];
const row = (measure, v1, now, target = '') => rows.push([measure, v1, now, target]);
const server = await serveDist();
const browser = await launchBrowser();
try {
  // 1. First load.
  const load = await firstLoad(browser, server.url);
  row('first load (every file fetched before the start page is usable: the start program), gzip -9', '298 KiB', `**${kib(load.gzip)}** (${load.files.length} files)`, '≤ 200 KiB');
  row('first load, Brotli (quality 11)', '—', `**${kib(load.brotli)}**`, '');
  row('first load, raw', '—', `**${kib(load.raw)}**`, '');
  for (const f of load.files) row(`  · ${f.name}: raw → gzip -9 → Brotli`, '', `${kib(f.raw)} → **${kib(f.gzip)}** → ${kib(f.brotli)}`, '');

  // 2. Keystroke work.
  // Round-robin over the four: the machine's load changes by the minute, and
  // each field then meets the same mix of quiet and busy moments.
  const configs = [['value', big, 'value'], ['code', big, 'code'], ['total', big, 'total'], ['small', small, 'value']];
  const keys = Object.fromEntries(configs.map(([name]) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, text, field] of configs) keys[name].push(await keystrokeRun(browser, server.url, text, field));
  }
  for (const [name] of configs) log(`keystrokes ${name}`, JSON.stringify(keys[name].map(({ p50, p95, syncP50 }) => ({ p50, p95, syncP50 }))));
  const bare = await runs('keystrokes bare', RUNS, () => bareRun(browser));
  const n = (rs) => Math.min(...rs.map((r) => r.n));
  const keyRows = (label, rs, v1 = ['—', '—']) => {
    row(`keystroke work, ${label}: p50 (n ≥ ${n(rs)} keystrokes a run)`, v1[0], spread(rs.map((r) => r.p50)), '');
    row(`keystroke work, ${label}: p95`, v1[1], spread(rs.map((r) => r.p95)), 'p95 ≤ 4 ms');
  };
  keyRows('指标值 of the last project\'s last row, 100 × 30', keys.value, ['2.4–2.7 ms', '3.9–7.6 ms']);
  keyRows('项目编码 of the last project, 100 × 30', keys.code);
  keyRows('预算数 of the last project, 100 × 30', keys.total);
  keyRows('指标值, 1 × 30', keys.small, ['≈ 100 × 30', '≈ 100 × 30']);
  row('keystroke work p95 ratio, 指标值 100 × 30 / 1 × 30 (medians)', '≈ 1', `**${(median(keys.value.map((r) => r.p95)) / median(keys.small.map((r) => r.p95))).toFixed(2)}**`, '≤ 1.5');
  row('the same timing on a page with one bare input (the floor: the task hop and layout): p50 / p95', '—',
    `${spread(bare.map((r) => r.p50))} / ${spread(bare.map((r) => r.p95))}`, '');
  const v = keys.value;
  row('指标值 100 × 30, the synchronous part only (dispatch + layout, before Leptos\' microtasks): p50 / p95', '—',
    `${spread(v.map((r) => r.syncP50))} / ${spread(v.map((r) => r.syncP95))}`, '');
  const all = Object.values(keys).flat();
  const sum = (k) => all.reduce((a, r) => a + r[k], 0);
  row('check of the keystroke measures (all fields, all runs): DOM changes in the synchronous part / in the timed window / after it; keystrokes whose findings changed in the window / after it', '—',
    `${sum('syncMutations')} / ${sum('workMutations')} / ${sum('lateMutations')}; ${sum('changed')} / ${sum('late')} of ${sum('n')}`, 'after it: 0');

  // 3. Import of 100 × 30.
  const imports = await runs('import 100x30', RUNS, () => importRun(browser, server.url, big));
  row('import 100 × 30: file input change → editor on screen', '204–295 ms', spread(imports), '≤ 200 ms');

  // 4. Startup, empty and with 20 drafts.
  const empty = await runs('startup empty', RUNS, () => startupRun(browser, server.url, undefined, 0));
  row('startup, no drafts: navigation start → start page interactive', '—', spread(empty.map((r) => r.page)), '');
  row('  the same: navigation start → the app has taken the start page over (fetched behind it)', '—', spread(empty.map((r) => r.app)), '');
  const stored = await storageWithDrafts(browser, server.url, drafts);
  log(`20 drafts: ${stored.keys} localStorage keys, ${(stored.bytes / 1024).toFixed(0)} KiB of text`);
  const twenty = await runs('startup 20 drafts', RUNS, () => startupRun(browser, server.url, stored.state, 20));
  row(`startup, 20 drafts stored (imported through the UI, ${(stored.bytes / 1024).toFixed(0)} KiB): navigation start → drafts list on screen`, '—', spread(twenty.map((r) => r.page)), '≤ 300 ms');
  row('  the same: navigation start → the app has taken the start page over', '—', spread(twenty.map((r) => r.app)), '');

  // 5. The 5 MB file.
  const limits = await runs('import limit', RUNS, () => importWatchedRun(browser, server.url, limit));
  const rowsIn = limitDoc.projects.reduce((a, p) => a + p.indicators.length, 0);
  const label = `${(Buffer.byteLength(limit) / 1048576).toFixed(2)} MB file (${limitDoc.projects.length} projects × ${rowsIn / limitDoc.projects.length} rows)`;
  row(`import of a ${label}: change → editor on screen`, '—', spread(limits.map((r) => r.ms)), 'responsive');
  row(`  the same: longest task of the main thread, change → editor + 1 s (long tasks: ${median(limits.map((r) => r.count))} median)`, '—', spread(limits.map((r) => r.longest)), '');

  // 6. Autosave.
  const saves = await autosaveRuns(browser, server.url, big);
  log('autosave', JSON.stringify(saves));
  row('autosave of the 100 × 30 document (serialise + write, the app\'s own measure), 5 saves', '—', spread(saves).replace('runs', 'saves'), '');

  console.log('| measure | v1 | now: median (min–max) | target |');
  console.log('|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  if (load.later.length) console.log(`\nAlso requested: ${load.later.join(', ')}.`);

  // The optional CPU profile.
  if (process.env.BENCH_PROFILE === '1') {
    const dir = process.env.BENCH_PROFILE_DIST;
    const names = dir ? await serveDist(dir) : server;
    const box = {};
    const path = join(BENCH, 'keystroke.cpuprofile');
    try {
      const r = await keystrokeRun(browser, names.url, big, 'value', { profile: profiler(path, box) });
      const { total, top, kinds } = topSelf(box.profile, 15);
      console.log(`\nCPU profile of ${r.n} keystrokes in 指标值, 100 × 30 (${path.replace(`${ROOT}/`, '')}${dir ? ', a build that keeps function names' : ''}; p50 ${ms(r.p50)}, p95 ${ms(r.p95)} under the profiler):`);
      console.log(`self time by kind, of ${total.toFixed(0)} ms not idle: ${Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, t]) => `${k} ${t.toFixed(0)} ms`).join(', ')}.`);
      console.log('top 15 functions by self time:\n');
      console.log('| self | share | function | file |');
      console.log('|---|---|---|---|');
      for (const t of top) console.log(`| ${t.ms.toFixed(1)} ms | ${(100 * t.share).toFixed(1)}% | ${t.fn.replace(/\|/g, '\\|').slice(0, 110)} | ${t.file} |`);
    } finally {
      if (dir) await names.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
