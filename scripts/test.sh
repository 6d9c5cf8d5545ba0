#!/usr/bin/env bash
# npm test: builds what is stale, then runs every suite: the C++ core natively
# (GoogleTest under ASan/UBSan, through ctest), a short libFuzzer run of each
# harness, the constant-time check under Valgrind, and the package (Jest). Fails
# when any suite fails, or when a suite skips a test or runs none.
#
# With a tier name it runs that tier alone (README, "Developing"); together the tiers run
# what `all` runs:
#   cpp   the C++ suite but its randomized comparisons of the arithmetic with Mbed TLS
#   unit  the package's Jest suites that need no browser, server or other runtime, but the
#         randomized kernel and signature runs
#   cli   cfsign and the infra scripts (child processes, one local HTTP server)
#   slow  the randomized comparisons (C++ and wasm), the other runtimes, the browser, the
#         bundlers, the type check, the demo stack, the packed tarballs, the
#         100,000-signature heap soak, the fuzzers and the constant-time check
# `scripts/test.sh --list TIER` prints the Jest suites a tier runs, without running them.
set -euo pipefail
cd "$(dirname "$0")/.."

list=false
if [[ ${1:-} == --list ]]; then
  list=true
  shift
fi
tier=${1:-all}
case "$tier" in
  all | cpp | unit | cli | slow) ;;
  *) echo "usage: scripts/test.sh [--list] [all|cpp|unit|cli|slow]" >&2; exit 2 ;;
esac

# Jest suites by tier: path patterns, which Jest reads as regular expressions. `all` runs
# every suite package.json lists; tests/infra/test-tiers.test.cjs checks that unit, cli
# and slow run each of them exactly once.
UNIT_SUITES=(tests/js/)
CLI_SUITES=(tests/cli/ tests/infra/)
# These live beside the unit and CLI suites but belong to the slow tier: the packed
# tarballs, and the randomized runs (100,000 operands per wasm kernel, 10,080 ECDSA
# signatures, 10,000 mutated requests verified twice).
SLOW_BESIDE='/tests/(js/(packed|kernel|p256-kernels|ecdsa|differential-verify)|cli/packed)\.test\.cjs$'
SLOW_SUITES=(tests/runtimes/ tests/e2e/ tests/demo/ tests/soak/ tests/types/ tests/bundlers/ "$SLOW_BESIDE")
# The GoogleTest suites that compare the RSA and P-256 arithmetic with Mbed TLS on random
# operands: most of the C++ suite's time under the sanitizers. The slow tier runs them,
# the cpp tier every other case; `all` runs every case through ctest.
CPP_SLOW_CASES='CrtPairKernel.*:Rsa2048Arithmetic.*:RsaFastPath.*:P256Field.*:P256Scalar.*:P256Points.*:P256Sign.*'

# The Jest arguments of a tier (none for `all`: every suite).
jest_args=()
case "$tier" in
  # Jest would leave one of two cores idle; these suites are CPU-bound and independent.
  unit) jest_args=(--maxWorkers="$(nproc)" --testPathIgnorePatterns "$SLOW_BESIDE" -- "${UNIT_SUITES[@]}") ;;
  cli) jest_args=(--maxWorkers="$(nproc)" --testPathIgnorePatterns "$SLOW_BESIDE" -- "${CLI_SUITES[@]}") ;;
  slow) jest_args=(-- "${SLOW_SUITES[@]}") ;;
esac
if $list; then
  [[ $tier == cpp ]] && exit 0
  exec npx jest --listTests "${jest_args[@]}"
fi

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

# The cpp and slow tiers run their cases in one process: the same checks, without the
# start-up of a sanitized process per case. $1: a GoogleTest filter; $2: the log.
run_cpp_quickly() {
  build_cpp
  build/native/tests/cpp/core_tests --gtest_brief=1 --gtest_filter="$1" | tee "$2"
  logs+=("$2")
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
  run_cpp_quickly "-$CPP_SLOW_CASES" build/gtest.log
  exec node scripts/summarize-tests.mjs --no-jest "${logs[@]}"
fi
bash scripts/build.sh
if [[ $tier == all || $tier == slow ]]; then
  # The test-only wasm builds of the kernels (tests/js/kernel.test.cjs, p256-kernels.test.cjs).
  NODE_PATH=/usr/share/nodejs cmake --build build/wasm --target kernel_probe p256_kernels -j"$(nproc)"
fi
[[ $tier == all ]] && run_cpp
[[ $tier == slow ]] && run_cpp_quickly "$CPP_SLOW_CASES" build/gtest-slow.log
[[ $tier == all || $tier == slow ]] && run_fuzz
[[ $tier == all || $tier == slow ]] && run_ct

# Jest's exit status is read by the summary, which also fails a run that skipped tests.
set +e
run_jest "${jest_args[@]}"
set -e

node scripts/summarize-tests.mjs "${logs[@]}" build/jest-results.json
