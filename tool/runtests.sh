#!/bin/sh
# Run every test/*.test under SQLite's testfixture (tool/testfixture.sh
# builds it from Debian's source package of the host's SQLite) and print
# a last line "N passed, M failed".  Exit status 0 only if nothing failed.
#
#   tool/runtests.sh [test/x.test ...]
#   RELVIEW_VALGRIND=1 tool/runtests.sh     the same under valgrind
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

tf=$(tool/testfixture.sh "$top/.cache")
sqlite_src=$(dirname "$(dirname "$tf")")
[ -f relview.so ] || make -s relview.so

wrap=
if [ "${RELVIEW_VALGRIND:-0}" = 1 ]; then
  command -v valgrind >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
  wrap="valgrind -q --error-exitcode=99 --leak-check=full
        --errors-for-leak-kinds=definite --show-leak-kinds=definite
        --suppressions=$top/tool/valgrind.supp"
fi

if [ $# -eq 0 ]; then set -- test/*.test; fi
passed=0
failed=0
for t in "$@"; do
  name=$(basename "$t" .test)
  dir="$top/.cache/testrun/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  log="$dir/output.txt"
  start=$(date +%s)
  set +e
  (cd "$dir" && RELVIEW_SO="$top/relview.so" RELVIEW_SQLITE="$sqlite_src" \
     $wrap "$tf" "$top/$t" >"$log" 2>&1)
  status=$?
  set -e
  summary=$(grep -E '^[0-9]+ errors out of [0-9]+ tests' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    nerr=$(echo "$summary" | cut -d' ' -f1)
    ntest=$(echo "$summary" | cut -d' ' -f5)
  else
    nerr=1
    ntest=1
  fi
  if [ "$status" -ne 0 ] && [ "$nerr" -eq 0 ]; then nerr=1; fi
  passed=$((passed + ntest - nerr))
  failed=$((failed + nerr))
  secs=$(( $(date +%s) - start ))
  if [ "$nerr" -eq 0 ]; then
    printf '%-28s %5d tests ok   (%ds)\n' "$name" "$ntest" "$secs"
  else
    printf '%-28s %5d tests, %d FAILED (%ds; log %s)\n' "$name" "$ntest" \
      "$nerr" "$secs" "${log#$top/}"
    grep -E '^(!|Error:|Expected|     Got|Unfreed|==[0-9]+==)' "$log" | head -40 || true
    [ -n "$summary" ] || tail -20 "$log"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
