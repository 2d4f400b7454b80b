#!/usr/bin/env bash
# The benchmark: builds the release app and measures it in headless Chromium,
# then runs the native benchmark of the domain core. Prints two tables.
# Figures, not pass/fail: compare them with the targets in the README.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_test_tools
cd "$ROOT"
say "native benchmark of the domain core (cargo bench)"
cargo bench --locked --bench core 2>/dev/null | sed -n '/^document:/,$p'
say "release build"
trunk build --release >/dev/null 2>&1 || trunk build --release
say "generating the 100 × 30 and 1 × 30 documents"
mkdir -p target/bench
cargo run --locked --release --quiet --example generate_document -- 100 30 > target/bench/big.json
cargo run --locked --release --quiet --example generate_document -- 1 30 > target/bench/small.json
say "generating 100 files for 审核台"
cargo run --locked --release --quiet --example generate_files -- target/bench/desk 100 >/dev/null
say "browser benchmark (headless Chromium)"
node tests/bench/browser.mjs
node tests/bench/desk.mjs target/bench/desk
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}')"
