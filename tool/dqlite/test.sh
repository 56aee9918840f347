#!/bin/sh
# make test-dqlite: relview on a 3-node dqlite cluster on 127.0.0.1.
#
#   tool/dqlite/test.sh           ports 9101-9103 (DQLITE_PORT=9101)
#   DQLITE_BENCH=2000 tool/dqlite/test.sh   then the writes of a view
#                                 against native ones (make bench-dqlite)
#
# Installs what it needs from Debian (libdqlite-dev, the Go client and
# shell), builds tool/dqlite/node.c (relview-node) and tool/dqlite/join,
# starts three nodes, and checks: the tutorial's tables and the
# player_teams/team_members views declared through the leader; links,
# unlinks, relinks and a write through; a refused link changes nothing;
# after kill -9 of the leader a new one is elected, has the same tables and
# views and takes writes through them; the killed node, restarted after it
# missed more entries than the snapshot threshold, catches up (it is made
# the leader and answers); each node's database, copied out while it leads,
# gives the same answers in the stock sqlite3 shell with .load relview.
# Every wait is bounded; every process it starts is ended by its PID.  The
# last line is "N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
base=${DQLITE_PORT:-9101}
out=$top/.cache/dqlite
run=$out/run
db=relview

# What it needs, from Debian
missing=
for p in libdqlite-dev golang-go golang-github-canonical-go-dqlite-dev go-dqlite \
         gcc make pkg-config libsqlite3-dev sqlite3; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
    missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "test-dqlite: installing$missing"
  sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends $missing >/dev/null || exit 1
fi

mkdir -p "$out"
make -s relview.so librelview.a || exit 1
cc -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Iinclude \
  -o "$out/relview-node" tool/dqlite/node.c librelview.a \
  $(pkg-config --cflags --libs dqlite) -lsqlite3 -lm || exit 1
(cd tool/dqlite/join && env GOPATH=/usr/share/gocode GO111MODULE=off \
   GOCACHE="$out/gocache" go build -o "$out/join" .) || exit 1

passed=0
failed=0
check() {   # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1)); echo "test-dqlite $1... Ok"
  else
    failed=$((failed + 1))
    printf 'test-dqlite %s... FAILED\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"
  fi
}
addr() { echo "127.0.0.1:$((base + $1 - 1))"; }
all="$(addr 1),$(addr 2),$(addr 3)"
# SQL through the cluster's leader: the dqlite shell (exec unless SELECT)
sql() { timeout 30 dqlite -s "$all" "$db" "$1" 2>&1; }
join() { timeout 30 "$out/join" -s "$all" "$@" 2>&1; }

pids=
start() {   # start N [options]: node N, waits for "ready" (10 s)
  n=$1; shift
  "$out/relview-node" --id "$n" --address "$(addr "$n")" --dir "$run/$n" \
    --snapshot 32,32 "$@" >>"$run/$n.log" 2>&1 &
  echo $! >"$run/$n.pid"
  pids="$pids $!"
  i=0
  while ! grep -q "^ready $n " "$run/$n.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -le 100 ] || { echo "test-dqlite: node $n did not start"; return 1; }
    sleep 0.1
  done
}
stop_all() {   # SIGTERM (a clean stop), SIGKILL after 5 s
  for p in $pids; do kill "$p" 2>/dev/null; done
  i=0
  while [ $i -lt 50 ]; do
    alive=
    for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ -n "$alive" ] || break
    i=$((i + 1)); sleep 0.1
  done
  for p in $pids; do kill -9 "$p" 2>/dev/null; done
  for p in $pids; do wait "$p" 2>/dev/null; done
}
trap stop_all EXIT
leader_id() { join cluster | sed -n 's/^\([0-9]*\) .* leader$/\1/p'; }
# The association rows and the view's rows, as the leader has them
links_now() { sql "SELECT player_id, team_id, ifnull(joined_at, '') FROM memberships ORDER BY 1, 2"; }
rows_now() { sql "SELECT player_name, team_name FROM player_teams ORDER BY 1, 2"; }
lead() {   # make node $1 the leader, within 10 s
  i=0
  while :; do
    join transfer "$1" >/dev/null 2>&1
    [ "$(leader_id)" = "$1" ] && return 0
    i=$((i + 1)); [ $i -le 40 ] || return 1
    sleep 0.25
  done
}
wait_leader() {   # a leader other than node $1, within 20 s
  i=0
  while :; do
    l=$(leader_id)
    [ -n "$l" ] && [ "$l" != "$1" ] && { echo "$l"; return 0; }
    i=$((i + 1)); [ $i -le 80 ] || return 1
    sleep 0.25
  done
}

rm -rf "$run"
mkdir -p "$run/1" "$run/2" "$run/3"
start 1 && start 2 && start 3 || exit 1
join add 2 "$(addr 2)" >/dev/null
join add 3 "$(addr 3)" >/dev/null
check 1.0 "1 voter leader
2 voter
3 voter" "$(join cluster | sed 's/^\([0-9]*\) [^ ]* /\1 /')"

# The tutorial's tables and views, through the leader
sql "CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL)" >/dev/null
sql "CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT NOT NULL, position TEXT)" >/dev/null
sql "CREATE TABLE memberships(player_id INTEGER NOT NULL REFERENCES players(id),
       team_id INTEGER NOT NULL REFERENCES teams(id), joined_at TEXT,
       PRIMARY KEY(player_id, team_id))" >/dev/null
sql "INSERT INTO teams VALUES(1, 'The Piggers', 'Austin, TX'), (2, 'The Sharks', 'Miami, FL')" >/dev/null
sql "INSERT INTO players VALUES(1, 'Joe McMan', 'Quarterback'), (2, 'Ann Lee', 'Linebacker'), (3, 'Bo Diaz', 'Kicker')" >/dev/null
check 2.0 "" "$(sql "CREATE VIRTUAL TABLE player_teams USING relview(players, teams, secondary=memberships, backref=team_members)")"
check 2.1 "player_teams|many-to-many
team_members|many-to-many" "$(sql "SELECT name, kind FROM pragma_relview_list ORDER BY name")"

# Link, unlink, relink, write through
sql "INSERT INTO player_teams(player_id, team_id, membership_joined_at) VALUES(1, 1, '2019-07-11')" >/dev/null
sql "INSERT INTO player_teams(player_id, team_id) VALUES(1, 2)" >/dev/null
sql "INSERT INTO team_members(team_id, player_id) VALUES(2, 3)" >/dev/null
sql "DELETE FROM player_teams WHERE player_id = 1 AND team_id = 2" >/dev/null
sql "UPDATE player_teams SET team_id = 1 WHERE player_id = 3" >/dev/null
sql "INSERT INTO player_teams(player_id, team_name, team_city) VALUES(2, 'The Bears', 'Chicago, IL')" >/dev/null
links="1|1|2019-07-11
2|3|
3|1|"
check 3.0 "$links" "$(links_now)"
rows="Ann Lee|The Bears
Bo Diaz|The Piggers
Joe McMan|The Piggers"
check 3.1 "$rows" "$(rows_now)"
# A refused link (no player 9) changes nothing
r=$(sql "INSERT INTO player_teams(player_id, team_id) VALUES(9, 1)")
check 3.2 "1" "$(echo "$r" | grep -c 'relview: ')"
check 3.3 "$links" "$(links_now)"

# kill -9 the leader: a new one, the same tables and views, writes
old=$(leader_id)
t0=$(date +%s%N)
kill -9 "$(cat "$run/$old.pid")"
new=$(wait_leader "$old")
t1=$(date +%s%N)
check 4.0 "1" "$([ -n "$new" ] && echo 1)"
echo "test-dqlite: node $new leads, $(( (t1 - t0) / 1000000 )) ms after node $old was killed"
check 4.1 "$links" "$(links_now)"
check 4.2 "$rows" "$(rows_now)"
sql "INSERT INTO player_teams(player_id, team_id) VALUES(1, 2)" >/dev/null
sql "DELETE FROM team_members WHERE team_id = 1 AND player_id = 3" >/dev/null
links2="1|1|2019-07-11
1|2|
2|3|"
check 4.3 "$links2" "$(links_now)"

# More entries than the snapshot threshold (32) while the node is down
i=0
while [ $i -lt 60 ]; do
  sql "INSERT INTO player_teams(player_id, team_id) VALUES(3, 2)" >/dev/null
  sql "DELETE FROM player_teams WHERE player_id = 3 AND team_id = 2" >/dev/null
  i=$((i + 1))
done
sql "INSERT INTO player_teams(player_id, team_id) VALUES(3, 2)" >/dev/null
links3="$links2
3|2|"
check 5.0 "$links3" "$(links_now)"
start "$old" || exit 1
# Caught up: made the leader, it answers with everything (10 s each)
lead "$old"
i=0
while [ "$(links_now)" != "$links3" ] && [ $i -lt 40 ]; do
  sleep 0.25; i=$((i + 1))
done
check 5.1 "$old" "$(leader_id)"
check 5.2 "$links3" "$(links_now)"
check 5.3 "1" "$(ls "$run/$old" | grep -c snapshot | sed 's/^[1-9][0-9]*$/1/')"

# Each node's database, copied out while it leads, in the stock shell
answers="Ann Lee|The Bears
Bo Diaz|The Sharks
Joe McMan|The Piggers
Joe McMan|The Sharks"
for n in 1 2 3; do
  lead "$n"
  rm -rf "$run/copy$n"; mkdir -p "$run/copy$n"
  join dump "$db" "$run/copy$n" >/dev/null
  check 6.$n "$answers" "$(cd "$run/copy$n" && sqlite3 -cmd ".load $top/relview" "$db" \
    "SELECT player_name, team_name FROM player_teams ORDER BY 1, 2" 2>&1)"
done

if [ -n "${DQLITE_BENCH:-}" ]; then
  echo "test-dqlite: bench: $DQLITE_BENCH single-statement transactions each, 3 nodes on loopback"
  timeout 600 "$out/join" -s "$all" bench "$db" "$DQLITE_BENCH" ||
    { failed=$((failed + 1)); echo "test-dqlite bench... FAILED"; }
fi

stop_all
trap - EXIT
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
