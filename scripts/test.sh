#!/usr/bin/env bash
# Command 2: install what is missing, then run every check and test, in order,
# stopping at the first failure. Ends with one line: "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/setup.sh"
set -e
ensure_test_tools
set +e
cd "$ROOT"

LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
passed=0
failed=0
started=$SECONDS

# Adds the counts a test runner printed ("test result: ... N passed; M failed" for
# cargo and wasm-bindgen-test, "# pass N" / "# fail N" for node's TAP reporter).
count_cargo() {
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
count_tap() {
  local p f
  p=$(awk '/^# pass /{s+=$3} END {print s+0}' "$1")
  f=$(awk '/^# fail /{s+=$3} END {print s+0}' "$1")
  passed=$((passed + p)); failed=$((failed + f))
}

finish() {
  say "finished in $((SECONDS - started)) s"
  echo "$passed passed, $failed failed"
}

stage() {
  local name="$1"; shift
  say "$name"
  if ! "$@"; then
    printf '\nFAILED: %s\n' "$name" >&2
    failed=$((failed > 0 ? failed : 1))
    finish
    exit 1
  fi
}

cargo_tests() {
  cargo test --locked 2>&1 | tee "$LOGS/native.log"
  local rc=${PIPESTATUS[0]}
  count_cargo "$LOGS/native.log"
  return "$rc"
}

wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test --locked --target wasm32-unknown-unknown --test web 2>&1 | tee "$LOGS/wasm.log"
  local rc=${PIPESTATUS[0]}
  count_cargo "$LOGS/wasm.log"
  return "$rc"
}

# node's test runner on FILES, one file at a time; LOG names the TAP log.
node_tests() {
  local log="$1"; shift
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$LOGS/$log.tap" \
    "$@"
  local rc=$?
  count_tap "$LOGS/$log.tap"
  return "$rc"
}

e2e_tests() { node_tests e2e tests/e2e/*.test.mjs; }
compat_static() { node_tests compat-static tests/compat/static.test.mjs; }
compat_browsers() {
  ensure_old_chromium 79 80 86
  node_tests compat-browsers tests/compat/old-chromium.test.mjs
}

stage "cargo fmt --check" cargo fmt --all -- --check
stage "cargo clippy (native) -D warnings" cargo clippy --locked --all-targets -- -D warnings
stage "cargo clippy (wasm32) -D warnings" cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "native tests: cargo test" cargo_tests
stage "browser unit tests: wasm-bindgen-test in headless Chromium" wasm_tests
stage "release build: trunk build --release" trunk build --release
stage "old-browser static checks: wasm features, ES2020 modules, ES5 fallback, CSS for Chromium 80" compat_static
stage "end-to-end tests: Playwright against dist/ from a sub-folder" e2e_tests
stage "old browsers: Chromium 80 and 86 smoke, the message on 79 and without WebAssembly (puppeteer-core 5)" compat_browsers
finish
[ "$failed" -eq 0 ]
