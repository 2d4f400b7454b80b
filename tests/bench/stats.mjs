// Small statistics and formatting for the benchmark table.

const sorted = (xs) => [...xs].sort((a, b) => a - b);

export const median = (xs) => {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Nearest-rank percentile (p in 0..1). */
export const percentile = (xs, p) => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * p) - 1))];
};

export const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
export const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

/** "median (min–max, n runs)" of per-run figures. */
export function spread(xs, fmt = ms) {
  const s = sorted(xs);
  const unit = fmt(0).replace(/^[\d.]+\s*/, '');
  const bare = (x) => fmt(x).replace(/\s*[^\d.]+$/, '');
  return `**${fmt(median(s))}** (${bare(s[0])}–${bare(s[s.length - 1])}${unit ? ` ${unit}` : ''}, ${s.length} runs)`;
}
