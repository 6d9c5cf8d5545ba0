#!/usr/bin/env bash
# npm test: builds what is stale, then runs every suite: the C++ core natively
# (GoogleTest under ASan/UBSan, through ctest) and the package (Jest). Fails when
# any suite fails, or when a suite skips a test or runs none.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --with-browser
bash scripts/build.sh

bash cmake/check-toolchain.sh --native
if [[ ! -f build/native/CMakeCache.txt ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Debug -DCFSIGNER_SANITIZE=ON >/dev/null
fi
cmake --build build/native -j"$(nproc)"
ctest --test-dir build/native --output-on-failure --no-tests=error -j"$(nproc)" | tee build/ctest.log

NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest-results.json

node scripts/summarize-tests.mjs build/ctest.log build/jest-results.json
