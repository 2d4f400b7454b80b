#!/usr/bin/env bash
# The benchmark (issue 19): builds the release app and measures it in headless
# Chromium (tests/bench/browser.mjs). Prints one table: each measure's figure
# for version 1, today's as the median of 5 runs with its spread, the target.
# Figures, not pass/fail. Progress goes to stderr; the table to stdout.
#
#   BENCH_RUNS=N      runs per timed measure (default 5)
#   BENCH_PROFILE=1   also a Chromium CPU profile of the 100 × 30 指标值
#                     keystrokes (target/bench/keystroke.cpuprofile) and its top
#                     15 functions by self time, on a build that keeps names
#   BENCH_NATIVE=1    also the native benchmark of the core (cargo bench), first
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_test_tools >&2
cd "$ROOT"
if [[ "${BENCH_NATIVE:-}" == 1 ]]; then
  say "native benchmark of the domain core (cargo bench)"
  cargo bench --locked --bench core 2>/dev/null | sed -n '/^document:/,$p'
fi
say "release build" >&2
trunk build --release >/dev/null 2>&1 || trunk build --release >&2
say "generating the documents: 100 × 30, 1 × 30, a file at the 5 MB limit, 22 unit files" >&2
mkdir -p target/bench
cargo build --locked --release --quiet --example generate_document --example worst_file --example generate_files >&2
target/release/examples/generate_document 100 30 > target/bench/big.json
target/release/examples/generate_document 1 30 > target/bench/small.json
# The benchmark's realistic rows, 100 a project, as many projects as fit in 5 MB.
target/release/examples/worst_file realistic target/bench/limit.json > target/bench/limit.txt
rm -rf target/bench/files
target/release/examples/generate_files target/bench/files 22 >/dev/null
rm -rf target/bench/desk
target/release/examples/generate_files target/bench/desk 100 >/dev/null
if [[ "${BENCH_PROFILE:-}" == 1 ]]; then
  # The same release build (no recompilation), its wasm optimised as usual but
  # keeping the function names, so the profile names Rust functions.
  say "release build that keeps function names, for the profile" >&2
  names_html="$ROOT/.bench-names.html"
  trap 'rm -f "$names_html"' EXIT
  sed 's/data-wasm-opt="z"/data-wasm-opt="z" data-keep-debug/' index.html > "$names_html"
  trunk build --release --dist target/bench/dist-names "$names_html" >/dev/null 2>&1
  # The keystrokes run in the app's program (the start program only lists drafts).
  wasm-opt -Oz -g --strip-dwarf target/wasm-bindgen/release/app_bg.wasm \
    -o "$(ls target/bench/dist-names/app-*_bg.wasm)"
  export BENCH_PROFILE_DIST="$ROOT/target/bench/dist-names"
fi
say "browser benchmark (headless Chromium, dist/ served from a sub-folder)" >&2
node tests/bench/browser.mjs
say "审核台 with 100 files (headless Chromium)" >&2
node tests/bench/desk.mjs target/bench/desk
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
