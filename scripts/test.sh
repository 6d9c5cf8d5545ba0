#!/usr/bin/env bash
# npm test: builds what is stale, then runs every suite: the C++ core natively
# (GoogleTest under ASan/UBSan, through ctest), the constant-time checks under
# Valgrind, a short libFuzzer run of each harness, and the package (Jest). Fails when
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

# Constant-time checks: the secret-handling paths natively under Valgrind memcheck
# with their secrets marked undefined (tests/ct; -O2 -g, no sanitizers).
if [[ ! -f build/ct/CMakeCache.txt ]]; then
  cmake -S . -B build/ct -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCFSIGNER_CT=ON >/dev/null
fi
cmake --build build/ct -j"$(nproc)"
ctest --test-dir build/ct --output-on-failure --no-tests=error | tee build/ct.log

# A short libFuzzer run of each harness (clang, ASan/UBSan), from the seed corpora.
if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DCFSIGNER_FUZZ=ON -DCFSIGNER_SANITIZE=ON >/dev/null
fi
cmake --build build/fuzz -j"$(nproc)"
ctest --test-dir build/fuzz --output-on-failure --no-tests=error -V | tee build/fuzz.log | grep -E "Test +#|number_of_executed_units|tests passed|failed out of"

NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest-results.json

node scripts/summarize-tests.mjs build/ctest.log build/ct.log build/fuzz.log build/jest-results.json
