#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian/Ubuntu machine:
# Emscripten, CMake, g++ with GoogleTest, clang with libFuzzer, and the node modules;
# with --with-browser also Chromium, which only the browser tests use.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(emscripten cmake g++ libgtest-dev clang libclang-rt-14-dev bzip2 xz-utils valgrind)
[[ "${1:-}" == "--with-browser" ]] && packages+=(chromium)
wanted=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || wanted+=("$package")
done
if ((${#wanted[@]})); then
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  echo "setup: installing ${wanted[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${wanted[@]}"
fi

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
