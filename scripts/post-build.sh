#!/bin/sh
# Trunk's post_build hook (Trunk.toml), on the staging folder before it
# becomes dist/. Trunk runs hooks of one stage at the same time, so every
# step that must follow another is in this one script.
set -eu
sh scripts/hash-worker.sh
if [ "${TRUNK_PROFILE:-}" = "release" ]; then
  node scripts/precompress.mjs "$TRUNK_STAGING_DIR"
fi
