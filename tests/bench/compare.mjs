// Two builds side by side, in one sitting: this machine's noise moves a
// figure by more than most changes do between two runs of scripts/bench.sh,
// so a change is judged by runs of the old and the new build interleaved
// (old, new, new, old, …), each the benchmark's own measure.
//
//   node tests/bench/compare.mjs OLD_DIST NEW_DIST [value|code|total|import|limit] [rounds]
//
// value, code, total: keystroke work (tests/bench/keystroke.mjs) in that field
// of the 100 × 30 document; import: 100 × 30 imported; limit: the 5 MB file
// imported, with its longest task. Needs target/bench/ (scripts/bench.sh
// makes it). Prints each build's runs and their medians.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serveDist, launchBrowser, ROOT } from '../e2e/harness.mjs';
import { keystrokeRun } from './keystroke.mjs';
import { importRun, importWatchedRun } from './imports.mjs';
import { median } from './stats.mjs';

const [oldDist, newDist, what = 'value', rounds = '4'] = process.argv.slice(2);
if (!oldDist || !newDist) {
  console.error('usage: node tests/bench/compare.mjs OLD_DIST NEW_DIST [value|code|total|import|limit] [rounds]');
  process.exit(2);
}
const bench = (name) => readFile(join(ROOT, 'target/bench', name), 'utf8');
const text = await bench(what === 'limit' ? 'limit.json' : 'big.json');

async function once(browser, url) {
  if (what === 'import') return { ms: await importRun(browser, url, text) };
  if (what === 'limit') {
    const r = await importWatchedRun(browser, url, text);
    return { ms: r.ms, longest: r.longest };
  }
  const r = await keystrokeRun(browser, url, text, what);
  return { p50: r.p50, p95: r.p95 };
}

const builds = { old: await serveDist(resolve(oldDist)), new: await serveDist(resolve(newDist)) };
const browser = await launchBrowser();
const runs = { old: [], new: [] };
try {
  for (let i = 0; i < Number(rounds); i++) {
    const order = i % 2 ? ['new', 'old'] : ['old', 'new'];
    for (const build of order) runs[build].push(await once(browser, builds[build].url));
  }
} finally {
  await browser.close();
}
const round = (x) => Math.round(x * 10) / 10;
for (const build of ['old', 'new']) {
  const keys = Object.keys(runs[build][0]);
  const medians = keys.map((k) => `${k} ${round(median(runs[build].map((r) => r[k])))}`).join(', ');
  console.log(`${what} ${build}: ${medians}  runs ${JSON.stringify(runs[build].map((r) => keys.map((k) => round(r[k]))))}`);
}
process.exit(0);
