// A Chromium CPU profile (CDP Profiler) around some work in a page, and its
// top functions by self time.
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Runs `body()` with the sampling profiler on; writes the profile to `path`. */
export function profiler(path, box) {
  return async (page, body) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const result = await body();
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, JSON.stringify(profile));
    box.profile = profile;
    return result;
  };
}

/**
 * Self time per function (callFrame.functionName + url), largest first. A
 * sample's time is the gap to the next sample. '(idle)' (the page waiting for
 * the next frame between keystrokes) is left out of the list and the total.
 */
export function topSelf(profile, n = 15) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length - 1; i++) {
    const { functionName, url } = byId.get(samples[i]).callFrame;
    const key = `${functionName || '(anonymous)'}\t${url.replace(/^.*\//, '')}`;
    self.set(key, (self.get(key) ?? 0) + timeDeltas[i + 1] / 1000);
  }
  self.delete('(idle)\t');
  // Where the time went: the app's wasm, its JS glue, Blink and V8 outside any
  // JS frame ('(program)'), the garbage collector, and this benchmark's own
  // script in the page (no file: its forced layout counts there).
  const kinds = {};
  for (const [key, t] of self) {
    const [fn, file] = key.split('\t');
    const kind = file.endsWith('.wasm') ? 'wasm' : file.endsWith('.js') ? 'app JS glue'
      : fn.startsWith('(') ? fn : 'benchmark script and DOM calls';
    kinds[kind] = (kinds[kind] ?? 0) + t;
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([key, t]) => {
      const [fn, file] = key.split('\t');
      return { fn, file, ms: t, share: t / total };
    });
  return { total, top, kinds };
}
