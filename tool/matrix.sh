#!/bin/sh
# make matrix: the suite under the testfixture of each SQLite version given
# (a version such as 3.46.1 or a Debian suite such as sid; see
# tool/testfixture.sh), each run ending with its "N passed, M failed" line,
# then one line per version.  Exit status 0 only if every run passed.
#
#   tool/matrix.sh 3.34.1 3.46.1 sid
set -eu
cd "$(dirname "$0")/.."
status=0
summary=
for v in "$@"; do
  echo "== SQLite $v"
  log=.cache/testrun/matrix-$v.out
  mkdir -p .cache/testrun
  { RELVIEW_SQLITE_VERSION=$v tool/runtests.sh && st=0 || st=$?
    echo "$st" >"$log.status"; } 2>&1 |
    tee "$log"
  st=$(cat "$log.status")
  ver=$(sed -n 's/^SQLite \([0-9][0-9.]*\) (.*/\1/p' "$log" | head -n 1)
  summary="$summary
matrix: SQLite ${ver:-$v}$([ "${ver:-$v}" = "$v" ] || echo " ($v)"): $(tail -n 1 "$log")"
  [ "$st" -eq 0 ] || status=1
done
echo "$summary" | sed 1d
exit $status
