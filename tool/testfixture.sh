#!/bin/sh
# Build SQLite's testfixture from Debian's source package of the host's
# SQLite, so that our test/*.test run under SQLite's own test/tester.tcl.
#
#   tool/testfixture.sh [CACHEDIR]     prints the path of the testfixture
#
# The source tree and the build stay in CACHEDIR (default .cache, which is
# git-ignored); a second run finds them and does nothing.  Nothing from
# SQLite's tree is copied into this repository.
set -eu

cache=${1:-.cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_pkgs() {
  missing=
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
      missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    echo "tool/testfixture.sh: installing$missing" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends $missing >&2
  fi
}

need_pkgs libsqlite3-dev dpkg-dev tcl-dev gcc make xz-utils

# The upstream version of the installed SQLite, and Debian's full version:
# of the native architecture's package only (a multiarch host has one line
# per installed architecture).
debver=$(dpkg-query -W -f='${Version}' "libsqlite3-dev:$(dpkg --print-architecture)")
upver=${debver%%-*}
tree="$cache/sqlite-$upver"
tf="$tree/bld/testfixture"

if [ -x "$tf" ]; then echo "$tf"; exit 0; fi

if [ ! -f "$tree/test/tester.tcl" ]; then
  # A private apt state with a deb-src list, so the host's lists are untouched.
  apt="$cache/apt"
  rm -rf "$apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc"
  suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
  cat >"$apt/etc/sources.list" <<LIST
deb-src http://deb.debian.org/debian $suite main
deb-src http://deb.debian.org/debian $suite-updates main
deb-src http://deb.debian.org/debian-security $suite-security main
LIST
  aptopt="-o Dir::Etc::SourceList=$apt/etc/sources.list
          -o Dir::Etc::SourceParts=/dev/null
          -o Dir::State::Lists=$apt/lists
          -o Dir::Cache=$apt/cache
          -o APT::Sandbox::User=root"
  echo "tool/testfixture.sh: fetching sqlite3 $debver source" >&2
  apt-get $aptopt update -qq >&2
  rm -rf "$cache/src"
  mkdir -p "$cache/src"
  (cd "$cache/src" && apt-get $aptopt source -qq "sqlite3=$debver" >&2)
  srcdir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name 'sqlite3-*' | head -n 1)
  [ -f "$srcdir/test/tester.tcl" ] || {
    echo "tool/testfixture.sh: no test/tester.tcl in $srcdir" >&2; exit 1; }
  rm -rf "$tree"
  mv "$srcdir" "$tree"
  rm -rf "$cache/src" "$apt"
fi

echo "tool/testfixture.sh: building testfixture (about a minute)" >&2
mkdir -p "$tree/bld"
cd "$tree/bld"
[ -f Makefile ] || ../configure --with-tcl=/usr/lib/tcl8.6 \
  --disable-shared --enable-load-extension >config.log.out 2>&1 || {
    tail -20 config.log.out >&2; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" testfixture >make.log.out 2>&1 || { tail -30 make.log.out >&2; exit 1; }
echo "$tf"
