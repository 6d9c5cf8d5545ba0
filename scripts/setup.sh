#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian/Ubuntu machine:
# Emscripten, CMake, g++ with GoogleTest, clang with libFuzzer, Valgrind (the
# constant-time check), and the node modules;
# with --with-browser also what only the tests use: Chromium and Firefox ESR for the
# browser tests, the Node.js binaries of every major that `engines` claims, and
# Debian's awscli (AWS CLI v2) with python3-rsa (AWS CLI v1's key reader), the references
# tests/cli/aws-cli-compare.test.cjs checks cfsign against.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(emscripten cmake g++ libgtest-dev clang libclang-rt-14-dev bzip2 xz-utils valgrind)
[[ "${1:-}" == "--with-browser" ]] && packages+=(chromium firefox-esr awscli python3-rsa)
# One dpkg query for all of them, so that when nothing is missing (every test run
# after the first) setup costs a few milliseconds and never calls apt.
installed=$'\n'$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)$'\n'
wanted=()
for package in "${packages[@]}"; do
  [[ $installed == *$'\n'"$package install ok installed"$'\n'* ]] || wanted+=("$package")
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

# The Node.js binaries come from npm packages in a project of their own: each declares a
# `node` bin, which in the root project would take the place of this Node in npm scripts.
node_binaries=tests/runtimes/node-binaries
if [[ "${1:-}" == "--with-browser" ]] && { [[ ! -d $node_binaries/node_modules ]] ||
  [[ $node_binaries/package-lock.json -nt $node_binaries/node_modules/.package-lock.json ]]; }; then
  npm ci --prefix "$node_binaries" --no-audit --no-fund
fi
