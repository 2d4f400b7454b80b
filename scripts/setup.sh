# Installs what this project needs, and only what is missing, saying what it does.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run again and again.
# Everything comes from package registries (crates.io, npm, Debian): Trunk runs
# offline and never downloads a tool of its own.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_TOOLS_VERSION="1.263.0"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# RUSTFLAGS (or CARGO_ENCODED_RUSTFLAGS) replaces the wasm32 flags in
# .cargo/config.toml, and the wasm would then need reference types that
# Chromium 80–95 lack (issue 10).
if [ -n "${RUSTFLAGS:-}${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  say "unsetting RUSTFLAGS / CARGO_ENCODED_RUSTFLAGS: they would replace .cargo/config.toml's wasm32 flags"
  unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq || die "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

# The wasm-bindgen version the app links against; the CLI must be exactly this one.
locked_wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), then run this again"
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown || die "rustup target add wasm32-unknown-unknown failed"
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
    say "installing trunk $TRUNK_VERSION (cargo install; about 9 minutes on 2 cores, once)"
    cargo install --locked "trunk@$TRUNK_VERSION" || die "cargo install trunk failed"
  fi
}

ensure_wasm_bindgen() {
  local want pinned
  want="$(locked_wasm_bindgen_version)"
  [ -n "$want" ] || die "Cargo.lock names no wasm-bindgen version"
  pinned="$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' "$ROOT/Trunk.toml")"
  [ "$pinned" = "$want" ] || die "Trunk.toml pins wasm_bindgen $pinned but Cargo.lock has $want: make them equal"
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $want\$" ||
     ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q " $want\$"; then
    say "installing wasm-bindgen-cli $want (the version in Cargo.lock)"
    # Not --locked: the CLI's own lock file pins a crate the registry no longer has.
    cargo install --force "wasm-bindgen-cli@$want" || die "cargo install wasm-bindgen-cli failed"
  fi
}

ensure_node() {
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
}

ensure_npm_packages() {
  ensure_node
  if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] ||
     [ ! -d "$ROOT/node_modules/puppeteer-core" ] ||
     [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm packages (binaryen 132 for wasm-opt, playwright-core; for the old-browser tests old Chromium builds in chrome-aws-lambda releases, puppeteer-core 5, acorn, doiuse)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  fi
  wasm-opt --version 2>/dev/null | grep -q 'version 132' || die "wasm-opt 132 not found in node_modules/.bin"
}

ensure_browser() {
  local missing=() pkg
  for pkg in chromium chromium-driver fonts-noto-cjk poppler-utils brotli; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# wasm-tools, to check that the release wasm needs nothing beyond Chromium 80's
# WebAssembly (scripts/test.sh). Only its `validate` command is built.
ensure_wasm_tools() {
  if ! wasm-tools --version 2>/dev/null | grep -q "^wasm-tools $WASM_TOOLS_VERSION\b"; then
    say "installing wasm-tools $WASM_TOOLS_VERSION (cargo install, validate only; a few minutes, once)"
    cargo install --locked "wasm-tools@$WASM_TOOLS_VERSION" --no-default-features --features validate ||
      die "cargo install wasm-tools failed"
  fi
}

# Old headless Chromium builds for tests/compat/: the npm packages chromium-NN
# (package.json: releases of chrome-aws-lambda) ship them brotli-compressed.
# Unpacks each version asked for into target/old-chromium/NN/ (the binary
# `chromium`, and `lib/` for LD_LIBRARY_PATH), once per package version.
ensure_old_chromium() {
  local v pkg dir from
  for v in "$@"; do
    pkg="$ROOT/node_modules/chromium-$v"
    dir="$ROOT/target/old-chromium/$v"
    [ -f "$pkg/bin/chromium.br" ] || die "node_modules/chromium-$v has no bin/chromium.br: is chromium-$v in package.json?"
    from="chrome-aws-lambda@$(node -p "require('$pkg/package.json').version")"
    if [ "$(cat "$dir/.from" 2>/dev/null)" != "$from" ] || [ ! -x "$dir/chromium" ]; then
      say "unpacking Chromium $v (npm $from) into target/old-chromium/$v"
      rm -rf "$dir" && mkdir -p "$dir" || die "cannot create $dir"
      brotli -d -c "$pkg/bin/chromium.br" > "$dir/chromium" && chmod +x "$dir/chromium" &&
        brotli -d -c "$pkg/bin/aws.tar.br" | tar -x -C "$dir" ||
        die "unpacking Chromium $v failed"
      echo "$from" > "$dir/.from"
    fi
  done
}

# Tools to build and serve the app.
ensure_build_tools() {
  ensure_rust
  ensure_trunk
  ensure_wasm_bindgen
  ensure_npm_packages
  if [ ! -f "$ROOT/.cargo-fetched" ] || [ "$ROOT/Cargo.lock" -nt "$ROOT/.cargo-fetched" ]; then
    say "cargo fetch (Trunk then builds offline)"
    (cd "$ROOT" && cargo fetch --locked) || die "cargo fetch failed"
    touch "$ROOT/.cargo-fetched"
  fi
}

# Tools to build and run every test.
ensure_test_tools() {
  ensure_build_tools
  ensure_browser
  ensure_wasm_tools
}
