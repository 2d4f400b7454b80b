#!/usr/bin/env bash
# Command 1: install what is missing, build the app and serve it on this machine.
#   scripts/serve.sh            debug build, rebuilds when a file changes
#   scripts/serve.sh --release  the optimised build that goes to the intranet server
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_build_tools
cd "$ROOT"
port="${PORT:-8080}"
say "building and serving; open http://127.0.0.1:$port/ in a browser (Ctrl+C stops)"
exec trunk serve --port "$port" "$@"
