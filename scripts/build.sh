#!/usr/bin/env bash
# npm run build: the wasm core (Emscripten + CMake), then the JS entries into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash cmake/check-toolchain.sh
# Emscripten 3.1.6's optimizer needs Debian's acorn.
export NODE_PATH=/usr/share/nodejs
if [[ ! -f build/wasm/CMakeCache.txt ]]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# p256_kernels: a test-only module of the P-256 kernels (tests/js/p256-kernels.test.cjs).
cmake --build build/wasm --target cfsigner p256_kernels -j"$(nproc)"
node scripts/bundle.mjs
