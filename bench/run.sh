#!/bin/bash
# make bench: relview against the native join, views with INSTEAD OF
# triggers and SQLAlchemy's ORM.  Installs what it needs from Debian's apt,
# builds relview.so and bench/bench.c, generates the data, runs the timed
# workloads, the callgrind and memory measurements, and writes
# bench/results.md and bench/chart.png (everything else goes to bench/out/).
#
#   BENCH_SCALE     data size; 1 (the default) is 100,000 teams, 1,000,000
#                   players, 2,000,000 memberships.  make bench SCALE=0.05
#   BENCH_REPS      repetitions of every workload (default 5)
#   BENCH_CG_SCALE  data size of the callgrind runs and of the second
#                   memory measurement (default 0.02)
#   BENCH_CAP       seconds after which one batch stops early (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-1}
reps=${BENCH_REPS:-5}
cg_scale=${BENCH_CG_SCALE:-0.02}
cap=${BENCH_CAP:-60}
out=bench/out
t_start=$(date +%s)

# what bench needs from Debian: a compiler, SQLite's headers, gnuplot,
# SQLAlchemy for Debian's own python3, valgrind
need=
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
command -v make >/dev/null 2>&1 || need="$need make"
[ -f /usr/include/sqlite3.h ] || need="$need libsqlite3-dev"
command -v gnuplot >/dev/null 2>&1 || need="$need gnuplot-nox"
command -v valgrind >/dev/null 2>&1 || need="$need valgrind"
/usr/bin/python3 -c 'import sqlalchemy' 2>/dev/null ||
  need="$need python3 python3-sqlalchemy"
if [ -n "$need" ]; then
  echo "bench: installing$need"
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends $need >/dev/null
fi

# build; bench loads a copy of relview.so, so that a rebuild of the one in
# the work tree during the run changes nothing
mkdir -p "$out/cg"
make -s relview.so
cp relview.so "$out/relview.so"
# which relview this is: the commit, and whether ext/ differed from it
built_from="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(
  git status --porcelain ext include 2>/dev/null | grep -q . &&
  echo ' with uncommitted changes in ext/' || true)"
ext=$out/relview.so
cc -std=c99 -O2 -g -Wall -Wextra -o "$out/bench" bench/bench.c -lsqlite3
bin=$out/bench

db=$out/bench-$scale.db
cg_db=$out/bench-$cg_scale.db
echo "bench: data of scale $scale in $db"
"$bin" gen -d "$db" -x "$ext" -s "$scale"
"$bin" gen -d "$cg_db" -x "$ext" -s "$cg_scale"
t_gen=$(date +%s)

# the timed run: every workload, the four ways in turn, BENCH_REPS times
echo "bench: $reps repetitions (progress in $out/run.log)"
set +e
"$bin" run -d "$db" -x "$ext" -s "$scale" -r "$reps" -c "$cap" \
  -p bench/orm.py -o "$out/raw.tsv" 2>&1 | tee "$out/run.log" |
  grep --line-buffered '^bench:'
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
  echo "bench: the run failed, see $out/run.log"
  exit 1
fi
t_run=$(date +%s)

# instructions: each workload of relview and of the native SQL alone
# under callgrind, counting only the measured batch; a write batch runs on
# a copy of the database of its own way (it writes and puts back)
echo "bench: callgrind, scale $cg_scale"
reads="w1 w2 w2t w3 w4 w5a w5b w6 w7 w8a w8b"
writes="w9 w10 w11 w9f w10f w11f"
cg_one() {
  local d=$cg_db
  case " $writes " in
    *" $1 "*) d=$out/cg-$2.db; cp "$cg_db" "$d"; rm -f "$d-journal" ;;
  esac
  valgrind --tool=callgrind --instr-atstart=no \
    --toggle-collect=measured_batch \
    --callgrind-out-file="$out/cg/$1.$2.out" \
    "$bin" one -d "$d" -x "$ext" -s "$cg_scale" -w "$1" -y "$2" \
    >"$out/cg/$1.$2.txt" 2>"$out/cg/$1.$2.log" ||
    { echo "bench: callgrind of $1 $2 failed: $out/cg/$1.$2.log"; return 1; }
}
for w in $reads $writes; do   # relview and native side by side, one per core
  cg_one "$w" relview & p1=$!
  cg_one "$w" native & p2=$!
  wait $p1
  wait $p2
done
printf 'workload\tway\tIr\trows\tchecksum\n' >"$out/cg.tsv"
for w in $reads $writes; do
  for way in relview native; do
    ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out/cg/$w.$way.out")
    res=$(cut -f4,5 "$out/cg/$w.$way.txt" 2>/dev/null)
    printf '%s\t%s\t%s\t%s\n' "$w" "$way" "${ir:-NA}" "${res:-NA	NA}" \
      >>"$out/cg.tsv"
  done
done
t_cg=$(date +%s)

# memory of a full scan of team_players, at two data sizes
printf 'scale\tway\trows\tchecksum\tused_before\thighwater_delta\tvmhwm_kb\n' \
  >"$out/mem.tsv"
for s in "$cg_scale" "$scale"; do
  for way in relview native trigger; do
    printf '%s\t' "$s" >>"$out/mem.tsv"
    "$bin" mem -d "$out/bench-$s.db" -x "$ext" -y "$way" >>"$out/mem.tsv"
  done
done
t_end=$(date +%s)

# the report and the chart
{
  printf 'cpu\t%s\n' \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'memory\t%s\n' \
    "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  printf 'kernel\t%s\n' "$(uname -srm)"
  printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")"
  printf 'compiler\t%s\n' "$(cc --version | head -1)"
  printf 'versions\t%s\n' "$("$bin" info -x "$ext")"
  printf 'python\t%s\n' "$(/usr/bin/python3 -c 'import platform, sqlalchemy
print("Python %s, SQLAlchemy %s" % (platform.python_version(),
                                   sqlalchemy.__version__))')"
  printf 'commit\t%s\n' "$built_from"
  printf 'scale\t%s\n' "$scale"
  printf 'cg_scale\t%s\n' "$cg_scale"
  printf 'reps\t%s\n' "$reps"
  printf 'command\t%s\n' "make bench SCALE=$scale REPS=$reps"
  printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'seconds\t%s %s %s %s\n' $((t_gen - t_start)) $((t_run - t_gen)) \
    $((t_cg - t_run)) $((t_end - t_cg))
} >"$out/info.tsv"
# the query shapes (bench/shapes.c): lookups driven by a CTE, probes,
# counts, IN lists and keys-only scans, against the hand-written join and
# what a user writes, timed at the scale of the run and counted by
# callgrind at the callgrind scale
echo "bench: query shapes"
cc -std=c99 -O2 -g -Wall -Wextra -o "$out/shapes" bench/shapes.c -lsqlite3
"$out/shapes" list >"$out/shapes-list.tsv"
"$out/shapes" run -d "$db" -x "$ext" -s "$scale" -r "$reps" >"$out/shapes.tsv"
for sh in $(cut -f1 "$out/shapes-list.tsv"); do
  for way in relview join user; do
    valgrind --tool=callgrind --toggle-collect=measured_batch \
      --callgrind-out-file="$out/cg/shape-$sh.$way.out" \
      "$out/shapes" one -d "$cg_db" -x "$ext" -s "$cg_scale" -w "$sh" \
      -y "$way" >/dev/null 2>"$out/cg/shape-$sh.$way.log" &
  done
  wait
done
printf 'shapes_seconds\t%s\n' $(($(date +%s) - t_end)) >>"$out/info.tsv"

/usr/bin/python3 bench/report.py "$out" bench/results.md
gnuplot -e "datafile='$out/ratios.dat'; outfile='bench/chart.png'" bench/plot.gp

# the hierarchy workloads (bench/tree.c): a transitive view against the
# hand-written recursive query, timed at the scale of the run, counted by
# callgrind at the callgrind scale; a section of bench/results.md
echo "bench: hierarchies"
cc -std=c99 -O2 -g -Wall -Wextra -o "$out/tree" bench/tree.c -lsqlite3
"$out/tree" run -d "$out/tree-$scale.db" -x "$ext" -s "$scale" -r "$reps" \
  >"$out/tree.tsv"
for w in t1 t2; do
  for way in relview native; do
    valgrind --tool=callgrind --toggle-collect=measured_batch \
      --callgrind-out-file="$out/cg/tree-$w.$way.out" \
      "$out/tree" one -d "$out/tree-$cg_scale.db" -x "$ext" -s "$cg_scale" \
      -w "$w" -y "$way" >/dev/null 2>"$out/cg/tree-$w.$way.log"
  done
done
/usr/bin/python3 - "$out" "$scale" "$cg_scale" >>bench/results.md <<'PY'
import statistics, sys
out, scale, cg_scale = sys.argv[1:4]
t = {}
bad = []
for line in open(out + "/tree.tsv"):
    w, way, rep, sec, ops, rows, s, check = line.split("\t")
    t.setdefault((w, way), []).append(float(sec))
    if check.strip() != "ok":
        bad.append(w)
def ir(w, way):
    for line in open("%s/cg/tree-%s.%s.out" % (out, w, way)):
        if line.startswith("summary:"):
            return int(line.split()[1])
name = {"t1": "descendants of one row (subtrees of about 100 to 1,000 rows)",
        "t2": "ancestors of one row"}
print("\n## Hierarchies\n")
print("A transitive view (`staff_tree`, 1,000,000 rows at scale 1) against the"
      " hand-written `WITH RECURSIVE` query, in the same run: median time"
      " at scale %s, callgrind instructions at scale %s (bench/tree.c)."
      % (scale, cg_scale))
print("\n| workload | relview s | recursive query s | time ratio |"
      " relview Ir | recursive query Ir | Ir ratio |")
print("|---|---|---|---|---|---|---|")
for w in ("t1", "t2"):
    a = statistics.median(t[(w, "relview")])
    b = statistics.median(t[(w, "native")])
    x, y = ir(w, "relview"), ir(w, "native")
    print("| %s %s | %.3f | %.3f | %.2f | %d | %d | %.2f |"
          % (w, name[w], a, b, a / b, x, y, x / y))
if bad:
    print("\nMISMATCH in %s: the view and the query read other rows" % bad)
PY
echo
cat bench/results.md
echo
echo "bench: wrote bench/results.md and bench/chart.png" \
  "in $(($(date +%s) - t_start)) s"
