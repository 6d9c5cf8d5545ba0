#!/usr/bin/env bash
# npm test: builds what is stale, then runs every suite: the C++ core natively
# (GoogleTest under ASan/UBSan, through ctest), a short libFuzzer run of each
# harness, the constant-time check under Valgrind, and the package (Jest). Fails
# when any suite fails, or when a suite skips a test or runs none.
#
# With a tier name it runs that tier alone (README, "Developing"):
#   cpp   the C++ suite
#   unit  the package's Jest suites that need no browser, server or other runtime
#   cli   cfsign and the infra scripts (child processes, one local HTTP server)
#   slow  the other runtimes, the browser, the demo stack, the packed tarballs,
#         the 100,000-signature heap soak, the fuzzers and the constant-time check
set -euo pipefail
cd "$(dirname "$0")/.."

tier=${1:-all}
case "$tier" in
  all | cpp | unit | cli | slow) ;;
  *) echo "usage: scripts/test.sh [all|cpp|unit|cli|slow]" >&2; exit 2 ;;
esac

# Jest suites by tier (path patterns); `all` runs every suite package.json lists.
UNIT_SUITES=(tests/js/)
CLI_SUITES=(tests/cli/ tests/infra/)
SLOW_SUITES=(tests/runtimes/ tests/e2e/ tests/demo/ tests/soak/ tests/js/packed tests/cli/packed)
# The packed-tarball suites live beside the unit and CLI ones but belong to the slow tier.
PACKED='/packed\.test\.cjs$'

if [[ $tier == all || $tier == slow ]]; then
  bash scripts/setup.sh --with-browser
else
  bash scripts/setup.sh
fi

logs=()
build_cpp() {
  bash cmake/check-toolchain.sh --native
  if [[ ! -f build/native/CMakeCache.txt ]]; then
    cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Debug -DCFSIGNER_SANITIZE=ON >/dev/null
  fi
  cmake --build build/native -j"$(nproc)"
}

# ctest runs each GoogleTest case in a process of its own.
run_cpp() {
  build_cpp
  ctest --test-dir build/native --output-on-failure --no-tests=error -j"$(nproc)" | tee build/ctest.log
  logs+=(build/ctest.log)
}

# The cpp tier runs the same cases in one process: the same checks, without the
# start-up of a sanitized process per case.
run_cpp_quickly() {
  build_cpp
  build/native/tests/cpp/core_tests --gtest_brief=1 | tee build/gtest.log
  logs+=(build/gtest.log)
}

# A short libFuzzer run of each harness (clang, ASan/UBSan), from the seed corpora.
run_fuzz() {
  bash cmake/check-toolchain.sh --native
  if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
    CC=clang CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DCFSIGNER_FUZZ=ON -DCFSIGNER_SANITIZE=ON >/dev/null
  fi
  cmake --build build/fuzz -j"$(nproc)"
  ctest --test-dir build/fuzz --output-on-failure --no-tests=error -V | tee build/fuzz.log | grep -E "Test +#|number_of_executed_units|tests passed|failed out of"
  logs+=(build/fuzz.log)
}

# Constant time: the signing paths natively (-O2 -g) under Valgrind memcheck, with
# the secrets marked undefined (tests/ct).
run_ct() {
  bash cmake/check-toolchain.sh --native
  if [[ ! -f build/ct/CMakeCache.txt ]]; then
    cmake -S . -B build/ct -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCFSIGNER_CT=ON >/dev/null
  fi
  cmake --build build/ct -j"$(nproc)"
  ctest --test-dir build/ct --output-on-failure --no-tests=error | tee build/ct.log
  logs+=(build/ct.log)
}

run_jest() {
  rm -f build/jest-results.json
  NODE_OPTIONS=--experimental-vm-modules npx jest --ci --json --outputFile=build/jest-results.json "$@"
}

mkdir -p build
if [[ $tier == cpp ]]; then
  run_cpp_quickly
  exec node scripts/summarize-tests.mjs --no-jest "${logs[@]}"
fi
bash scripts/build.sh
# The test-only wasm builds of the kernels (tests/js/kernel.test.cjs, p256-kernels.test.cjs).
NODE_PATH=/usr/share/nodejs cmake --build build/wasm --target kernel_probe p256_kernels -j"$(nproc)"
[[ $tier == all ]] && run_cpp
[[ $tier == all || $tier == slow ]] && run_fuzz
[[ $tier == all || $tier == slow ]] && run_ct

# Jest's exit status is read by the summary, which also fails a run that skipped tests.
set +e
case "$tier" in
  all) run_jest ;;
  # Jest would leave one of two cores idle; these suites are CPU-bound and independent.
  unit) run_jest --maxWorkers="$(nproc)" --testPathIgnorePatterns "$PACKED" -- "${UNIT_SUITES[@]}" ;;
  cli) run_jest --maxWorkers="$(nproc)" --testPathIgnorePatterns "$PACKED" -- "${CLI_SUITES[@]}" ;;
  slow) run_jest -- "${SLOW_SUITES[@]}" ;;
esac
set -e

node scripts/summarize-tests.mjs "${logs[@]}" build/jest-results.json
