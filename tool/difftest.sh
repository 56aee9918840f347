#!/bin/sh
# The randomized differential tester (test/differential.test) over a longer
# run or a chosen range of seeds.
#
#   tool/difftest.sh 20m              seeds from 1 on, for 20 minutes
#   tool/difftest.sh 2h -s 5000       from seed 5000, for 2 hours
#   tool/difftest.sh -n 300 -s 1000   seeds 1000..1299
#   tool/difftest.sh 20m -k           go on after a failure (collect them)
#   RELVIEW_DIFF_SKIP="oddtype varchar" tool/difftest.sh 10m
#                                     leave out features (see the test)
#
# Seeds run in chunks of -c (default 25) per testfixture process. It stops
# at the first failing chunk (unless -k) and prints each failing seed's
# report: the seed and a reduced SQL script for do_execsql_test. A crash
# prints the seed and the script that was running (the file named by
# RELVIEW_DIFF_LOG, kept in .cache/difftest/).  Exit status 0 only if
# nothing failed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

duration=
seed0=1
nseed=
chunk=25
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    -s) seed0=$2; shift 2 ;;
    -n) nseed=$2; shift 2 ;;
    -c) chunk=$2; shift 2 ;;
    -k) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *[0-9]s|*[0-9]m|*[0-9]h|*[0-9]) duration=$1; shift ;;
    *) echo "difftest.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
secs=
if [ -n "$duration" ]; then
  n=${duration%[smh]}
  case "$duration" in
    *h) secs=$((n * 3600)) ;;
    *m) secs=$((n * 60)) ;;
    *)  secs=$n ;;
  esac
fi
if [ -z "$secs" ] && [ -z "$nseed" ]; then secs=1200; fi

make -s .cache/debug/relview.so
out="$top/.cache/difftest"
mkdir -p "$out"
start=$(date +%s)
seed=$seed0
last=
nfail=0
nrun=0
failed_seeds=
while :; do
  if [ -n "$nseed" ]; then
    left=$((seed0 + nseed - seed))
    [ "$left" -gt 0 ] || break
    [ "$left" -lt "$chunk" ] && chunk=$left
  fi
  if [ -n "$secs" ] && [ $(( $(date +%s) - start )) -ge "$secs" ]; then break; fi
  log="$out/running.sql"
  rm -f "$log"
  set +e
  RELVIEW_DIFF_SEEDS=$chunk RELVIEW_DIFF_SEED0=$seed RELVIEW_DIFF_LOG=$log \
    tool/runtests.sh test/differential.test >"$out/chunk.txt" 2>&1
  status=$?
  set -e
  res=$(ls -t "$top"/.cache/testrun/*/differential/output.txt 2>/dev/null | head -n 1)
  nrun=$((nrun + chunk))
  last=$((seed + chunk - 1))
  if [ "$status" -ne 0 ]; then
    # the log of a failing chunk is kept
    cp "$res" "$out/output-$seed.txt" 2>/dev/null || true
    nfail=$((nfail + 1))
    if grep -q 'errors out of' "$res"; then
      seeds=$(sed -n 's/^differential: .*failed seeds: [0-9]* {\(.*\)}$/\1/p' "$res")
      failed_seeds="$failed_seeds $seeds"
      echo "== seeds $seed..$last: failures in seeds: $seeds (log: ${out#$top/}/output-$seed.txt)"
      # the reports: everything but the progress lines and the tail
      sed -n '/^differential-[0-9.]*\.\.\.\( Ok\)\?$/d; /^!/d; /^differential: /,$d; p' "$res"
    else
      crash=$(grep -o '^differential-[0-9]*\.[0-9]*\.\.\.' "$res" | tail -n 1 | sed 's/\.\.\.$//')
      cseed=${crash##*.}
      [ -n "$cseed" ] || cseed=$seed
      failed_seeds="$failed_seeds crash:$cseed"
      echo "== seeds $seed..$last: the test process died (a crash?) in seed $cseed"
      echo "   (in test $crash: 1.N reads, 2.N writes; log: ${out#$top/}/output-$seed.txt)"
      tail -n 5 "$res"
      if [ -f "$log" ]; then
        cp "$log" "$out/crash-$cseed.sql"
        echo "-- the script that was running (${out#$top/}/crash-$cseed.sql):"
        cat "$log"
      fi
      # go on after the crashing seed
      last=$cseed
    fi
    [ "$keep" -eq 1 ] || break
  fi
  seed=$((last + 1))
done
elapsed=$(( $(date +%s) - start ))
echo "difftest: seeds $seed0..$last in ${elapsed}s; failing chunks: $nfail; failed:${failed_seeds:- none}"
[ "$nfail" -eq 0 ]
