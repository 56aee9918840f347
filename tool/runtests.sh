#!/bin/sh
# Run every test/*.test under SQLite's testfixture (tool/testfixture.sh
# builds it from Debian's source package of the host's SQLite, or of the
# version RELVIEW_SQLITE_VERSION names) and print a last line
# "N passed, M failed".  Exit status 0 only if nothing failed.  The suite
# loads .cache/debug/relview.so, built with relview's assert()s
# (-DRELVIEW_DEBUG).
#
#   tool/runtests.sh [test/x.test ...]
#   RELVIEW_SQLITE_VERSION=3.46.1 tool/runtests.sh   under another SQLite
#                                  (a version, or a suite: trixie, sid)
#   RELVIEW_VALGRIND=1 tool/runtests.sh     the same under valgrind
#   RELVIEW_ASAN=1 tool/runtests.sh         relview.so and testfixture built
#                                  with -fsanitize=address,undefined
#   RELVIEW_ARCH=arm64 tool/runtests.sh     relview.so and testfixture cross-
#                                  built for arm64 (or i386), run under
#                                  qemu-user (make cross-test)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

tf=$(tool/testfixture.sh "$top/.cache")
bld=$(dirname "$tf")
sqlite_src=$(dirname "$bld")
ver=${sqlite_src##*/sqlite-}
run="$top/.cache/testrun/$ver"
if [ "${RELVIEW_ASAN:-0}" = 1 ]; then
  so="$top/.cache/asan/relview.so"
  make -s .cache/asan/relview.so
  run="$run-asan"
  # Any finding fails the file: ASan and UBSan stop the process with an
  # error status (relview.so is built with -fno-sanitize-recover=undefined,
  # and halt_on_error=1 stops at the first finding in SQLite but those
  # tool/ubsan.supp names), LeakSanitizer reports at exit (tool/lsan.supp
  # would name leaks not ours; tester.tcl fails a file that leaves any
  # SQLite allocation unfreed).
  ASAN_OPTIONS="halt_on_error=1:exitcode=98:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1"
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=97:suppressions=$top/tool/ubsan.supp"
  LSAN_OPTIONS="suppressions=$top/tool/lsan.supp:print_suppressions=0"
  export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
elif [ -n "${RELVIEW_ARCH:-}" ]; then
  case $RELVIEW_ARCH in
    arm64) cc=aarch64-linux-gnu-gcc; qemu=qemu-aarch64 ;;
    i386) cc=i686-linux-gnu-gcc; qemu=qemu-i386 ;;
  esac
  so="$top/.cache/debug-$RELVIEW_ARCH/relview.so"
  make -s ".cache/debug-$RELVIEW_ARCH/relview.so" CC="$cc"
  run="$run-$RELVIEW_ARCH"
  # the compiler of what the testfixture loads (test/dist.test)
  RELVIEW_CC=$cc
  export RELVIEW_CC
else
  so="$top/.cache/debug/relview.so"      # with relview's assert()s
  make -s .cache/debug/relview.so
fi
echo "SQLite $ver ($(cat "$sqlite_src/debian-version.txt" 2>/dev/null ||
  echo Debian source)), testfixture ${tf#$top/}, ${so#$top/}"

# (tests that start the testfixture again start it through qemu too)
wrap=${qemu:-}
RELVIEW_EXEC_WRAP=${qemu:-}
export RELVIEW_EXEC_WRAP
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
  dir="$run/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  log="$dir/output.txt"
  start=$(date +%s)
  set +e
  (cd "$dir" && RELVIEW_SO="$so" RELVIEW_SQLITE="$sqlite_src" \
     $wrap "$tf" "$top/$t" >"$log" 2>&1)
  status=$?
  set -e
  summary=$(grep -E '^[0-9]+ errors out of [0-9]+ tests' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    nerr=$(echo "$summary" | cut -d' ' -f1)
    ntest=$(echo "$summary" | cut -d' ' -f5)
  else
    # No summary: the testfixture died (a crash, a Tcl error). The tests
    # that passed before count, the one that was running fails.
    nerr=1
    ntest=$(( $(grep -c '\.\.\. *Ok$' "$log" || true) + 1 ))
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
    grep -E '^(!|Error:|Expected|     Got|Unfreed|==[0-9]+==|.*runtime error:|SUMMARY:| +#[0-9]+ )' "$log" | head -60 || true
    if [ -z "$summary" ]; then tail -20 "$log"; echo; echo "(exit status $status)"; fi
  fi
  # what the file skipped, as it said it in a line "<file>: ...: skipped"
  grep -E "^$name: .*: skipped\$" "$log" | sed 's/^/    /' || true
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
