#!/bin/sh
# The dependency graph of ext/: which file calls which, from the symbols
# each object of librelview.a needs (nm -u) and defines.  Prints one line
# "a -> b" per dependency, then the files in an order where each comes
# after those it calls (tsort), and exits 1 if there is a cycle.
#
#   tool/deps.sh          (builds librelview.a first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
make -s librelview.a
cd .cache/static
edges=$(for f in *.o; do
  need=$(nm -u "$f" | awk '{print $2}' | sort)
  [ -n "$need" ] || continue
  for g in *.o; do
    [ "$f" = "$g" ] && continue
    have=$(nm --defined-only "$g" | awk '$2 ~ /^[TDBRC]$/ {print $3}' | sort)
    if [ -n "$(printf '%s\n' "$need" | comm -12 - "$(printf '%s\n' "$have" > .deps.tmp; echo .deps.tmp)")" ]; then
      echo "${f%.o} -> ${g%.o}"
    fi
  done
done | sort)
rm -f .deps.tmp
printf '%s\n' "$edges"
echo "order:"
if ! printf '%s\n' "$edges" | awk '{print $3, $1}' | tsort 2>.deps.err | tr '\n' ' '; then
  echo; cat .deps.err; rm -f .deps.err; exit 1
fi
echo
if [ -s .deps.err ]; then cat .deps.err; rm -f .deps.err; exit 1; fi
rm -f .deps.err
