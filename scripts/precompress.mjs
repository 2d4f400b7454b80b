// Writes NAME.gz (gzip -9) and NAME.br (Brotli, quality 11) beside each text
// and wasm asset of a built dist/, for web servers that serve precompressed
// files (nginx `gzip_static on; brotli_static on;`, IIS with static
// compression pointed at them). The originals stay: a server without this
// serves them as before. Usage: node scripts/precompress.mjs DIR
import { readdir, readFile, writeFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.wasm', '.json', '.svg', '.txt']);
// Below this a compressed copy saves less than one network packet.
const SMALLEST = 1024;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (COMPRESSIBLE.has(extname(entry.name))) yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}
let raw = 0, gz = 0, br = 0, count = 0;
for await (const path of files(dir)) {
  if ((await stat(path)).size < SMALLEST) continue;
  const bytes = await readFile(path);
  const gzipped = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  await writeFile(`${path}.gz`, gzipped);
  await writeFile(`${path}.br`, brotli);
  raw += bytes.length; gz += gzipped.length; br += brotli.length; count += 1;
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`precompressed ${count} files: ${kib(raw)} → gzip ${kib(gz)}, brotli ${kib(br)}`);
