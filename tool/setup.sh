#!/bin/sh
# What building relview needs, installed with apt-get where it is missing:
# make, a C compiler, SQLite's headers and shell, and pkg-config (for the
# relview.pc of make install; test/install.test).  make demo and make test
# run it first; on a bare machine, which has no make yet, run it by hand:
#
#   sh tool/setup.sh            then make demo, make test
#
# It installs nothing that is there already (dpkg says what is), so a
# second run costs a few milliseconds.  As root it runs apt-get itself,
# otherwise through sudo.  On a system without apt-get it only says what
# is missing.  make test installs what SQLite's testfixture needs besides
# (tool/testfixture.sh).
set -eu
pkgs="make gcc libc6-dev libsqlite3-dev sqlite3 pkg-config"

if ! command -v dpkg-query >/dev/null 2>&1 ||
   ! command -v apt-get >/dev/null 2>&1; then
  for c in make cc sqlite3; do
    command -v "$c" >/dev/null 2>&1 ||
      echo "tool/setup.sh: $c is missing; install it (and SQLite's headers)" >&2
  done
  exit 0
fi

missing=
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "tool/setup.sh: installing$missing" >&2
if [ "$(id -u)" = 0 ]; then
  as_root=
elif command -v sudo >/dev/null 2>&1; then
  as_root=sudo
else
  echo "tool/setup.sh: need root (or sudo) to install$missing" >&2
  exit 1
fi
$as_root apt-get update -qq
$as_root env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
