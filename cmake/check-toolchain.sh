#!/usr/bin/env bash
# Says plainly what is missing before a build starts, instead of a deep CMake error.
set -euo pipefail
missing=()
command -v emcc >/dev/null || missing+=("emscripten (apt-get install -y emscripten)")
command -v cmake >/dev/null || missing+=("cmake (apt-get install -y cmake)")
command -v node >/dev/null || missing+=("node >= 18")
if [[ "${1:-}" == "--native" ]]; then
  command -v g++ >/dev/null || missing+=("g++ (apt-get install -y g++)")
  [[ -f /usr/include/gtest/gtest.h ]] || missing+=("GoogleTest (apt-get install -y libgtest-dev)")
  command -v clang++ >/dev/null || missing+=("clang with libFuzzer (apt-get install -y clang libclang-rt-14-dev)")
fi
if ((${#missing[@]})); then
  echo "Missing build tools:" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  echo "scripts/setup.sh installs them on Debian/Ubuntu." >&2
  exit 1
fi
