#!/bin/sh
# Build SQLite's testfixture from Debian's source package of an SQLite
# version, so that our test/*.test run under SQLite's own test/tester.tcl.
#
#   tool/testfixture.sh [CACHEDIR]     prints the path of the testfixture
#
#   RELVIEW_SQLITE_VERSION   which SQLite (default: the host's, that of the
#                            installed libsqlite3-dev):
#                              3.46.1       an upstream version
#                              3.46.1-7     a Debian version
#                              trixie, sid  the newest of a Debian suite
#                                           (bullseye, bookworm, trixie,
#                                           forky, sid; unstable is sid)
#   RELVIEW_ASAN=1           build it with -fsanitize=address,undefined in
#                            bld-asan next to the plain bld
#   RELVIEW_ARCH=arm64|i386  cross-build it for another architecture
#                            (Debian's cross compiler, Tcl of that
#                            architecture through multiarch) in bld-<arch>;
#                            it runs under qemu-user (tool/runtests.sh)
#   RELVIEW_JOBS             make -j (default 2)
#
# Each version has its own tree CACHEDIR/sqlite-<upstream version> (CACHEDIR
# defaults to .cache, which is git-ignored); a second run finds the build
# and does nothing.  The sources come through a private apt state with
# deb-src lines (CACHEDIR/apt/<suite>), so the host's apt lists are
# untouched.  Nothing from SQLite's tree is copied into this repository.
set -eu

cache=${1:-.cache}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
want=${RELVIEW_SQLITE_VERSION:-host}
jobs=${RELVIEW_JOBS:-2}

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
# the ORM clients test/orm.test drives (Debian's Python loads extensions)
if [ -z "${RELVIEW_ARCH:-}" ]; then
  need_pkgs python3-sqlalchemy python3-django python3-peewee
fi

# Another architecture: its triplets (the compiler's, the multiarch
# directory's), the cross compiler, its C library and Tcl, qemu-user.
arch=${RELVIEW_ARCH:-}
case $arch in
  "") ;;
  arm64) triplet=aarch64-linux-gnu; multiarch=aarch64-linux-gnu ;;
  i386) triplet=i686-linux-gnu; multiarch=i386-linux-gnu ;;
  *) echo "tool/testfixture.sh: RELVIEW_ARCH=$arch: arm64 or i386" >&2; exit 2 ;;
esac
if [ -n "$arch" ]; then
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    echo "tool/testfixture.sh: dpkg --add-architecture $arch" >&2
    as_root dpkg --add-architecture "$arch"
    as_root apt-get update -qq >&2
  fi
  need_pkgs "gcc-$triplet" "libc6-dev:$arch" "tcl8.6-dev:$arch" qemu-user
fi

host_suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
# The Debian version of the host's SQLite: the native architecture's
# package only (a multiarch host has one line per architecture).
host_debver() {
  dpkg-query -W -f='${Version}' "libsqlite3-dev:$(dpkg --print-architecture)"
}

# The private apt state of one suite: its deb-src lines, its lists.
aptopt() {
  a="$cache/apt/$1"
  echo "-o Dir::Etc::SourceList=$a/sources.list -o Dir::Etc::SourceParts=/dev/null
        -o Dir::State::Lists=$a/lists -o Dir::Cache=$a/cache
        -o APT::Sandbox::User=root"
}
# Fetch (or refresh, when older than 6 hours) the Sources lists of a suite.
apt_update() {
  a="$cache/apt/$1"
  mkdir -p "$a/lists/partial" "$a/cache/archives/partial"
  case $1 in
    sid) lines="deb-src http://deb.debian.org/debian sid main" ;;
    *) lines="deb-src http://deb.debian.org/debian $1 main
deb-src http://deb.debian.org/debian $1-updates main
deb-src http://deb.debian.org/debian-security $1-security main" ;;
  esac
  echo "$lines" >"$a/sources.list"
  if [ -z "$(find "$a/stamp" -mmin -360 2>/dev/null)" ]; then
    echo "tool/testfixture.sh: apt-get update ($1 deb-src, private lists)" >&2
    if apt-get $(aptopt "$1") update -qq >&2; then
      touch "$a/stamp"
    elif [ -f "$a/stamp" ]; then
      echo "tool/testfixture.sh: update failed, using the old lists of $1" >&2
    else
      return 1
    fi
  fi
}
# The Debian versions of the sqlite3 source package in a suite.
suite_versions() {
  apt_update "$1" || return 0
  apt-cache $(aptopt "$1") showsrc sqlite3 2>/dev/null |
    sed -n 's/^Version: //p'
}
# The highest of the Debian versions on stdin.
highest() {
  best=
  while read -r v; do
    if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then
      best=$v
    fi
  done
  echo "$best"
}

if [ "${RELVIEW_ASAN:-0}" = 1 ]; then
  # UBSan's findings in SQLite stay recoverable, so that tool/ubsan.supp
  # can name the few in SQLite's own code; UBSAN_OPTIONS=halt_on_error=1
  # (tool/runtests.sh) still stops at any other.  relview.so is built with
  # -fno-sanitize-recover=undefined (Makefile).
  bldname=bld-asan
  cflags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer"
elif [ -n "$arch" ]; then
  bldname=bld-$arch
  cflags="-O2 -g"
else
  bldname=bld
  cflags="-O2 -g"
fi

# Resolve the request to a suite and a Debian version (debver).
suite=
debver=
case $want in
  host|"")
    debver=$(host_debver)
    suite=$host_suite ;;
  unstable|sid|bullseye|bookworm|trixie|forky)
    [ "$want" = unstable ] && want=sid
    suite=$want
    debver=$(suite_versions "$suite" | highest) ;;
  [0-9]*.*)
    upver=${want%%-*}
    # Cached already: no need to ask apt.
    if [ "$upver" = "$want" ] && [ -x "$cache/sqlite-$upver/$bldname/testfixture" ]; then
      echo "$cache/sqlite-$upver/$bldname/testfixture"; exit 0
    fi
    # The suite where Debian has it: the likely one first.
    case $upver in
      3.34.*) order="bullseye $host_suite trixie sid" ;;
      3.46.*) order="trixie $host_suite bullseye sid" ;;
      *) order="$host_suite sid trixie bullseye" ;;
    esac
    for s in $order; do
      if [ "$upver" = "$want" ]; then
        debver=$(suite_versions "$s" | grep "^$upver-" | highest)
      else
        debver=$(suite_versions "$s" | grep -Fx "$want" || true)
      fi
      if [ -n "$debver" ]; then suite=$s; break; fi
    done ;;
  *)
    echo "tool/testfixture.sh: RELVIEW_SQLITE_VERSION=$want: not a version" \
         "(3.46.1), a Debian version (3.46.1-7) or a suite (trixie, sid)" >&2
    exit 2 ;;
esac
if [ -z "$debver" ]; then
  echo "tool/testfixture.sh: no sqlite3 source for '$want' in Debian" >&2
  exit 1
fi
upver=${debver%%-*}
tree="$cache/sqlite-$upver"

bld="$tree/$bldname"
tf="$bld/testfixture"

if [ -x "$tf" ]; then echo "$tf"; exit 0; fi

if [ ! -f "$tree/test/tester.tcl" ]; then
  apt_update "$suite"
  echo "tool/testfixture.sh: fetching sqlite3 $debver source ($suite)" >&2
  rm -rf "$cache/src"
  mkdir -p "$cache/src"
  (cd "$cache/src" && apt-get $(aptopt "$suite") source -qq "sqlite3=$debver" >&2)
  srcdir=$(find "$cache/src" -mindepth 1 -maxdepth 1 -type d -name 'sqlite3-*' | head -n 1)
  [ -f "$srcdir/test/tester.tcl" ] || {
    echo "tool/testfixture.sh: no test/tester.tcl in $srcdir" >&2; exit 1; }
  echo "$debver" >"$srcdir/debian-version.txt"
  rm -rf "$tree"
  mv "$srcdir" "$tree"
  rm -rf "$cache/src"
fi

echo "tool/testfixture.sh: building $tf (a minute or more)" >&2
mkdir -p "$bld"
cd "$bld"
if [ ! -f Makefile ]; then
  tcl=/usr/lib/tcl8.6
  [ -z "$arch" ] || tcl=/usr/lib/$multiarch/tcl8.6
  if [ -f ../autosetup/autosetup ]; then
    # 3.48 and later: autosetup, extensions loadable by default
    set -- --with-tcl=$tcl --disable-shared
  else
    set -- --with-tcl=$tcl --disable-shared --enable-load-extension
  fi
  if [ -n "$arch" ]; then
    # lemon and the other build tools run here: BUILD_CC, the host's
    set -- "$@" --host="$triplet" --build="$(gcc -dumpmachine)"
    export CC="$triplet-gcc" BUILD_CC=gcc
  fi
  CFLAGS="$cflags" LDFLAGS="$cflags" ../configure "$@" >config.log.out 2>&1 || {
    tail -20 config.log.out >&2; exit 1; }
fi
# (The build's own tools, lemon and the rest, may be built with the
# sanitizers too: their leaks at exit are no finding.)
# (Debian's Makefile builds lemon with the host's compiler only when told
# CROSS_BUILDING=yes.)
cross=
[ -z "$arch" ] || cross=CROSS_BUILDING=yes
ASAN_OPTIONS=detect_leaks=0 make -j"$jobs" $cross testfixture >make.log.out 2>&1 ||
  { tail -30 make.log.out >&2; exit 1; }
echo "$tf"
