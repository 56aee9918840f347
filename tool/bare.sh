#!/bin/sh
# The README's commands on a bare Debian 12, as a new user's machine or a
# fresh container is: no compiler, no make, no SQLite headers.  A minbase
# root made by debootstrap from Debian's registry, a fresh clone of this
# repository's HEAD in it, and the commands run there in a chroot.
#
#   tool/bare.sh                 sh tool/setup.sh && make demo && make test
#   tool/bare.sh 'make demo'     other commands
#
# Run as root.  The root's tarball is cached in .cache/bare (git-ignored):
# each run starts from a fresh copy of it.  The log is the commands'
# output; the exit status is theirs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cmds=${1:-sh tool/setup.sh && make demo && make test}
cache=$top/.cache/bare
suite=bookworm
mirror=http://deb.debian.org/debian
[ "$(id -u)" = 0 ] || { echo "tool/bare.sh: run as root" >&2; exit 1; }
command -v debootstrap >/dev/null 2>&1 || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    debootstrap >/dev/null
}
mkdir -p "$cache"
tarball=$cache/$suite-minbase.tar
if [ ! -f "$tarball" ]; then
  echo "tool/bare.sh: debootstrap --variant=minbase $suite (a few minutes)" >&2
  rm -rf "$cache/new"
  debootstrap --variant=minbase "$suite" "$cache/new" "$mirror" >"$cache/debootstrap.log" 2>&1 ||
    { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  tar -C "$cache/new" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
  rm -rf "$cache/new"
fi

root=$cache/root
umount_all() {
  for m in dev/pts dev proc; do
    mountpoint -q "$root/$m" 2>/dev/null && umount "$root/$m" || true
  done
}
umount_all
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$tarball"
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb http://deb.debian.org/debian-security $suite-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A fresh clone of HEAD; without git (or a .git), a copy of the tree
# without what builds and tests leave
if command -v git >/dev/null 2>&1 && git -C "$top" rev-parse HEAD >/dev/null 2>&1; then
  git clone -q "$top" "$root/src/relview"
  rev=$(git -C "$top" rev-parse --short HEAD)
else
  mkdir -p "$root/src/relview"
  (cd "$top" && tar --exclude=./.cache --exclude=./dist --exclude='*.so' \
     --exclude='*.a' --exclude='*.o' -cf - .) | tar -C "$root/src/relview" -xf -
  rev="a copy of $top"
fi
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
trap umount_all EXIT
echo "tool/bare.sh: in a fresh $suite minbase root ($rev): $cmds" >&2
chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  sh -c "cd /src/relview && command -v make gcc sqlite3 tclsh || true; $cmds"
