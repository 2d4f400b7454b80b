#!/bin/sh
# Trunk post_build hook (Trunk.toml) for 审核台's program (src/bin/desk.rs,
# built as a worker): gives its files hashed names, as Trunk gives the app's
# own (Trunk leaves a worker's unhashed, and a browser could then run a cached
# 审核台 of an older build beside a newer app); makes its script start itself,
# in the page and in a Web Worker alike; and writes where it is into
# index.html (<meta name="desk">), where the app looks for it.
set -eu
cd "$TRUNK_STAGING_DIR"
[ -f desk.js ] && [ -f desk_bg.wasm ] || exit 0
hash=$(cat desk.js desk_bg.wasm | sha256sum | cut -c1-16)
name="desk-$hash"
mv desk_bg.wasm "${name}_bg.wasm"
# The wasm beside the script, wherever the script is (public_url, any folder).
# A program that cannot start says why, where someone will see it. (The
# leading ";": the glue does not end with one.)
# All inside a function whose parameters are the globals Chromium 80–83 lack:
# Trunk's minifier hoists wasm-bindgen's FinalizationRegistry into an alias
# read when the script loads, which throws there; as a parameter it is just
# undefined, and the glue takes its fallback.
{
  echo "(function (FinalizationRegistry, WeakRef) {"
  cat desk.js
  cat <<JS

;(function () {
  var script = typeof document === "undefined" ? self.location.href : document.currentScript.src;
  wasm_bindgen({ module_or_path: new URL("${name}_bg.wasm", script) }).catch(function (e) {
    if (typeof document === "undefined") {
      postMessage(JSON.stringify({ failed: String(e) }));
    } else {
      var frame = document.querySelector("[data-desk]");
      if (frame) frame.textContent = "未能载入审核台（" + e + "）。请刷新页面重试。";
    }
  });
})();
})(self.FinalizationRegistry, self.WeakRef);
JS
} > "$name.js"
rm desk.js
# <meta name="desk" content="desk">, minified or not.
sed -E -i "s|(content=\"?)desk(\"?[ />])|\1${TRUNK_PUBLIC_URL:-}$name\2|" index.html
grep -q "$name" index.html
