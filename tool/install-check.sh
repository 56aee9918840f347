#!/bin/sh
# make install for real (as root, PREFIX=/usr/local), checked from another
# directory, then make uninstall: CI runs it on its fresh machine.
#
#   tool/install-check.sh
#
# .load relview in the sqlite3 shell and load_extension('relview') from
# Python, both from /, with no path; an app built with pkg-config; after
# make uninstall, relview is gone (test/install.test does the same in a
# DESTDIR without ldconfig).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "tool/install-check.sh: run as root" >&2; exit 1; }
# Debian's python3 (another one first on PATH may not load extensions)
missing=
command -v pkg-config >/dev/null 2>&1 || missing=pkg-config
[ -x /usr/bin/python3 ] || missing="$missing python3"
[ -z "$missing" ] ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s -C "$top" install
cd /
# each result in a variable first: a failing command fails the script
want=$(sed -n 's/^#define RELVIEW_VERSION "\(.*\)"/\1/p' "$top/include/relview.h")
shell=$(sqlite3 -cmd '.load relview' :memory: 'SELECT relview_version()')
echo "install-check: sqlite3 -cmd '.load relview' from /: $shell"
py=$(/usr/bin/python3 -c "
import sqlite3
c = sqlite3.connect(':memory:')
c.enable_load_extension(True)
c.load_extension('relview')
print(c.execute('SELECT relview_version()').fetchone()[0])")
echo "install-check: load_extension('relview') from Python: $py"
flags=$(pkg-config --cflags --libs relview)
cc -std=c99 -Wall -Wextra -o "$tmp/app" "$top/test/static_main.c" $flags
app=$("$tmp/app")
echo "install-check: an app built with pkg-config --cflags --libs relview ($flags):"
echo "$app"
if [ "$shell" != "$want" ] || [ "$py" != "$want" ] ||
   [ "$(echo "$app" | tail -n 1)" != "$want" ]; then
  echo "install-check: relview $want did not answer everywhere" >&2
  exit 1
fi
make -s -C "$top" uninstall
if sqlite3 -cmd '.load relview' :memory: 'SELECT relview_version()' >/dev/null 2>&1
then
  echo "install-check: relview still loads after make uninstall" >&2
  exit 1
fi
echo "install-check: ok (after make uninstall, .load relview fails)"
