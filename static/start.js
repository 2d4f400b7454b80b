// Starts the app: loads the wasm-bindgen glue and the wasm whose (hashed) names
// Trunk writes on this script's tag (Trunk.toml, pattern_script). An external
// file, so that a Content-Security-Policy can allow it with 'self', and without
// top-level await, which Chromium < 89 cannot parse (issue 10). A failure
// rejects, and static/fallback.js shows why.
const tag = document.querySelector('script[data-wasm]');
import(tag.dataset.glue).then((glue) => glue.default({ module_or_path: tag.dataset.wasm }));
