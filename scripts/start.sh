#!/usr/bin/env bash
# npm start: on a fresh Debian/Ubuntu machine, installs what is missing, builds,
# and starts the local upload stack (page, CloudFront-like edge, S3-compatible origin).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec node web-demo/server/main.js
