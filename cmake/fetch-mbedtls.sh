#!/usr/bin/env bash
# Fetches the Mbed TLS 3.6 LTS source from Debian's trixie source package and
# unpacks it into DEST (a build-tree folder, never tracked by git).
#
# apt checks the .dsc signature and the tarball checksums; we also pin the
# upstream version and the SHA-256 of the original tarball, so a changed
# package fails loudly instead of silently building something else.
#
# A private apt configuration holds the deb-src entry, so the machine's own
# sources and package lists stay untouched.
set -euo pipefail

dest=${1:?usage: fetch-mbedtls.sh DEST_DIR}
expected_version=3.6.6
expected_sha256=$(cat "$(dirname "$0")/mbedtls.sha256")
cache=${MBEDTLS_CACHE_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.cache/mbedtls}

if [[ -f "$dest/include/mbedtls/build_info.h" ]]; then
  exit 0
fi

mkdir -p "$cache"
tarball=$(ls "$cache"/mbedtls_"$expected_version".orig.tar.* 2>/dev/null | head -n1 || true)
if [[ -z "$tarball" ]]; then
  apt_root="$cache/apt"
  mkdir -p "$apt_root/etc/sources.list.d" "$apt_root/etc/preferences.d" \
           "$apt_root/lists/partial" "$apt_root/cache/archives/partial"
  cat > "$apt_root/etc/sources.list.d/trixie-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  : > "$apt_root/etc/sources.list"
  apt_opts=(
    -o "Dir::Etc::sourcelist=$apt_root/etc/sources.list"
    -o "Dir::Etc::sourceparts=$apt_root/etc/sources.list.d"
    -o "Dir::Etc::preferencesparts=$apt_root/etc/preferences.d"
    -o "Dir::State::Lists=$apt_root/lists"
    -o "Dir::Cache=$apt_root/cache"
    -o "APT::Sandbox::User=root"
  )
  echo "fetch-mbedtls: downloading the mbedtls source package (trixie)" >&2
  apt-get "${apt_opts[@]}" -q update >&2
  (cd "$cache" && apt-get "${apt_opts[@]}" -q source --download-only "mbedtls/trixie" >&2)
  tarball=$(ls "$cache"/mbedtls_"$expected_version".orig.tar.* 2>/dev/null | head -n1 || true)
  if [[ -z "$tarball" ]]; then
    echo "fetch-mbedtls: expected mbedtls $expected_version from trixie, got: $(ls "$cache" | tr '\n' ' ')" >&2
    exit 1
  fi
fi

actual_sha256=$(sha256sum "$tarball" | cut -d' ' -f1)
if [[ "$actual_sha256" != "$expected_sha256" ]]; then
  echo "fetch-mbedtls: checksum mismatch for $tarball: $actual_sha256 (expected $expected_sha256)" >&2
  exit 1
fi

staging="$dest.partial"
rm -rf "$staging"
mkdir -p "$staging"
tar -xf "$tarball" -C "$staging" --strip-components=1
if ! grep -q "MBEDTLS_VERSION_STRING *\"$expected_version\"" "$staging/include/mbedtls/build_info.h"; then
  echo "fetch-mbedtls: unpacked source is not version $expected_version" >&2
  exit 1
fi
rm -rf "$dest"
mv "$staging" "$dest"
echo "fetch-mbedtls: mbedtls $expected_version ready in $dest" >&2
