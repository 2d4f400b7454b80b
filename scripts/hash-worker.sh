#!/bin/sh
# Trunk post_build hook (Trunk.toml) for the programs Trunk builds as classic
# scripts (`data-type="worker"` in index.html): the app (src/bin/app.rs),
# which the start program fetches once the start page is up, and 审核台
# (src/bin/desk.rs), fetched when it is opened. For each: gives its files
# hashed names, as Trunk gives the start program's own (Trunk leaves a
# worker's unhashed, and a browser could then run a cached program of an
# older build beside a newer one); makes its script start itself, in the
# page and (审核台) in a Web Worker alike; and writes where it is into
# index.html (<meta name="app">, <meta name="desk">), where it is looked for.
set -eu
cd "$TRUNK_STAGING_DIR"

# $1: the program's name; $2: JavaScript that says, in the page, why it did
# not start (the error is `e`).
program() {
  [ -f "$1.js" ] && [ -f "$1_bg.wasm" ] || return 0
  hash=$(cat "$1.js" "$1_bg.wasm" | sha256sum | cut -c1-16)
  name="$1-$hash"
  mv "$1_bg.wasm" "${name}_bg.wasm"
  # The wasm beside the script, wherever the script is (public_url, any folder).
  # A program that cannot start says why, where someone will see it. (The
  # leading ";": the glue does not end with one.)
  # All inside a function whose parameters are the globals Chromium 80–83 lack:
  # Trunk's minifier hoists wasm-bindgen's FinalizationRegistry into an alias
  # read when the script loads, which throws there; as a parameter it is just
  # undefined, and the glue takes its fallback.
  {
    echo "(function (FinalizationRegistry, WeakRef) {"
    cat "$1.js"
    cat <<JS

;(function () {
  var script = typeof document === "undefined" ? self.location.href : document.currentScript.src;
  wasm_bindgen({ module_or_path: new URL("${name}_bg.wasm", script) }).catch(function (e) {
    if (typeof document === "undefined") {
      postMessage(JSON.stringify({ failed: String(e) }));
    } else {
      $2
    }
  });
})();
})(self.FinalizationRegistry, self.WeakRef);
JS
  } > "$name.js"
  rm "$1.js"
  # <meta name="…" content="…">, minified or not.
  sed -E -i "s|(content=\"?)$1(\"?[ />])|\1${TRUNK_PUBLIC_URL:-}$name\2|" index.html
  grep -q "$name" index.html
}

program app 'var place = document.getElementById("loading") || document.querySelector(".save-status");
      if (place) place.textContent = "未能载入本系统（" + e + "）。请刷新页面重试。";'
program desk 'var frame = document.querySelector("[data-desk]");
      if (frame) frame.textContent = "未能载入审核台（" + e + "）。请刷新页面重试。";'
