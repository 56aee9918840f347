#!/bin/sh
# Build and run the libFuzzer target test/fuzz/fuzz_relview.c.
#
#   tool/fuzz.sh build            build .cache/fuzz/fuzz_relview
#   tool/fuzz.sh run [SECONDS]    fuzz for SECONDS (default 60), one process
#   tool/fuzz.sh replay           run the seed corpus and test/fuzz/crashes/
#                                 once each, no fuzzing (CI)
#   tool/fuzz.sh repro FILE...    run FILEs once each, printing each
#                                 statement and its result (FUZZ_DEBUG=1)
#   tool/fuzz.sh minimize FILE    -minimize_crash=1 on a crashing input
#
# The target links SQLite's amalgamation, made from the same Debian source
# tree as the testfixture (tool/testfixture.sh), in a build directory of
# its own, .cache/fuzzbld-<version>; relview's ext/*.c are compiled with
# -DSQLITE_CORE.  Everything is compiled by clang with
# -fsanitize=address,undefined; relview and the harness also with
# -fsanitize=fuzzer (coverage guides the fuzzer through relview's code,
# not SQLite's: FUZZ_COVER_SQLITE=1 instruments SQLite too).  SQLite is
# compiled with -DSQLITE_DEBUG (its assert()s check the API use) unless
# FUZZ_SQLITE_DEBUG=0.  FUZZ_SRC=DIR builds relview from DIR/ext and
# DIR/include instead (a candidate fix, another branch's tree), and
# FUZZ_BIN=PATH names the binary (default .cache/fuzz/fuzz_relview).
# FUZZ_MASK_RECURSION=1 interrupts a statement once the stack is 2 MB deep
# (-DFUZZ_STACK_GUARD), so that the known unbounded recursions of issue 8
# do not stop every run, and keeps a connection that sqlite3_close() cannot
# close (known too) instead of aborting; never for replay.
#
# Files: the seed corpus is test/fuzz/corpus/ (kept in git), the inputs the
# fuzzer finds go to .cache/fuzz/corpus/, crashes to .cache/fuzz/crash-*.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
out="$top/.cache/fuzz"
mkdir -p "$out"
fuzzer=${FUZZ_BIN:-$out/fuzz_relview}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

find_clang() {
  for c in clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v $c >/dev/null 2>&1; then echo $c; return; fi
  done
}

build() {
  cc=${FUZZ_CC:-$(find_clang)}
  if [ -z "$cc" ] || ! echo 'int LLVMFuzzerTestOneInput(const char*d,long n){return 0;}' |
       $cc -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then
    echo "tool/fuzz.sh: installing clang and libFuzzer" >&2
    as_root apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends clang libclang-rt-dev >&2 ||
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends clang-14 libclang-rt-14-dev >&2
    cc=${FUZZ_CC:-$(find_clang)}
  fi

  # The amalgamation, from the source tree of the testfixture's SQLite
  tf=$(tool/testfixture.sh "$top/.cache")
  tree=$(dirname "$(dirname "$tf")")
  ver=$(cat "$tree/VERSION")
  bld="$top/.cache/fuzzbld-$ver"
  if [ ! -f "$bld/sqlite3.c" ]; then
    echo "tool/fuzz.sh: making sqlite3.c $ver in $bld" >&2
    mkdir -p "$bld"
    (cd "$bld" && { [ -f Makefile ] || "$tree/configure" --disable-shared \
        --disable-tcl >configure.out 2>&1; } && make sqlite3.c >make.out 2>&1) || {
      tail -20 "$bld/make.out" "$bld/configure.out" 2>/dev/null >&2; exit 1; }
  fi

  san="-fsanitize=address,undefined -fno-sanitize-recover=all
       -fno-omit-frame-pointer"
  debug=
  [ "${FUZZ_SQLITE_DEBUG:-1}" = 1 ] && debug=-DSQLITE_DEBUG
  cover=
  [ "${FUZZ_COVER_SQLITE:-0}" = 1 ] && cover=-fsanitize=fuzzer-no-link
  sqlopt="-DSQLITE_THREADSAFE=1 -DSQLITE_OMIT_LOAD_EXTENSION
          -DSQLITE_MAX_EXPR_DEPTH=1000 -DSQLITE_ENABLE_MATH_FUNCTIONS"
  key="$cc $san $debug $cover $sqlopt $ver"
  obj="$out/sqlite3.o"
  if [ ! -f "$obj" ] || [ "$(cat "$out/sqlite3.key" 2>/dev/null)" != "$key" ] ||
     [ "$bld/sqlite3.c" -nt "$obj" ]; then
    echo "tool/fuzz.sh: compiling sqlite3.c (about a minute)" >&2
    $cc -g -O1 $san $debug $cover $sqlopt -I"$bld" -c "$bld/sqlite3.c" -o "$obj"
    echo "$key" >"$out/sqlite3.key"
  fi
  src=${FUZZ_SRC:-$top}
  # Up to date: nothing newer than the binary, built the same way
  bkey="$key ${FUZZ_MASK_RECURSION:-0} $src"
  if [ -x "$fuzzer" ] && [ "$(cat "$fuzzer.key" 2>/dev/null)" = "$bkey" ] &&
     [ -z "$(find "$src/ext" "$src/include" test/fuzz/fuzz_relview.c "$obj" \
              -newer "$fuzzer" 2>/dev/null | head -n 1)" ]; then
    return 0
  fi
  mask=
  [ "${FUZZ_MASK_RECURSION:-0}" = 1 ] && mask="-DFUZZ_STACK_GUARD=2000000
    -DFUZZ_PROGRESS_STEPS=1 -DFUZZ_PROGRESS_BUDGET=2000000
    -DFUZZ_MASK_CLOSE"
  $cc -g -O1 -std=c99 -Wall -fsanitize=fuzzer $san $debug $mask -DSQLITE_CORE \
    -I"$bld" -I"$src/include" -I"$src/ext" \
    test/fuzz/fuzz_relview.c "$src"/ext/*.c "$obj" -lm -lpthread \
    -o "$fuzzer"
  echo "$bkey" >"$fuzzer.key"
}

# ASan: report a leak, stop on the first error; UBSan: print the stack
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# (-max_len only when fuzzing: libFuzzer cuts longer files it runs to it)
flags="-dict=$top/test/fuzz/relview.dict -timeout=25 -rss_limit_mb=2048
       -print_final_stats=1"

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
  build) build ;;
  run)
    build
    secs=${1:-60}
    mkdir -p "$out/corpus"
    echo "tool/fuzz.sh: fuzzing for ${secs}s; new inputs in .cache/fuzz/corpus," \
         "crashes in .cache/fuzz/crash-*" >&2
    # The first directory receives what the fuzzer finds: the seeds in
    # git stay as they are.
    exec "$fuzzer" $flags -max_len=8192 -max_total_time="$secs" -artifact_prefix="$out/" \
      ${FUZZ_FLAGS:-} "$out/corpus" test/fuzz/corpus
    ;;
  replay)
    build
    # Seeds and kept crash reproducers, each run once; a crash, a leak or
    # a sanitizer error fails the replay.
    "$fuzzer" -runs=0 $flags test/fuzz/corpus
    # Each reproducer alone, so that all the failing ones are listed
    bad=
    for f in test/fuzz/crashes/*; do
      [ -e "$f" ] || continue
      if "$fuzzer" $flags "$f" >"$out/replay.log" 2>&1; then
        echo "ok     $f"
      else
        echo "FAILED $f"
        grep -E -m3 'ERROR|SUMMARY|runtime error|unfinalized' "$out/replay.log"
        bad="$bad $f"
      fi
    done
    if [ -n "$bad" ]; then
      echo "tool/fuzz.sh: replay FAILED:$bad (tool/fuzz.sh repro FILE)"
      exit 1
    fi
    echo "tool/fuzz.sh: replay ok: $(ls test/fuzz/corpus | wc -l) seeds," \
         "$(ls test/fuzz/crashes | wc -l) crash reproducers"
    ;;
  repro)
    build
    FUZZ_DEBUG=1 "$fuzzer" $flags "$@"
    ;;
  minimize)
    build
    "$fuzzer" $flags -minimize_crash=1 -runs=${FUZZ_RUNS:-20000} \
      -exact_artifact_path="$1.min" "$1"
    ;;
  *) echo "usage: tool/fuzz.sh build|run [SECONDS]|replay|repro FILE...|minimize FILE" >&2
     exit 2 ;;
esac
