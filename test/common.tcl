# Sourced by every test/*.test after SQLite's test/tester.tcl: every
# database handle the tests open (sqlite3 db ..., reset_db, faultsim's
# reopen) has relview loaded.

set RELVIEW_SO $::env(RELVIEW_SO)

rename sqlite3 relview_sqlite3_inner
proc sqlite3 {args} {
  set res [uplevel 1 [list relview_sqlite3_inner {*}$args]]
  set h [lindex $args 0]
  if {[llength $args]>=2 && [string index $h 0] ne "-"} {
    $h enable_load_extension 1
    $h eval { SELECT load_extension($::RELVIEW_SO) }
    $h enable_load_extension 0
  }
  set res
}
# The prefix of a command that runs another program (the sqlite3 shell,
# Python) which loads $RELVIEW_SO.  An ASan build of relview.so (make
# asan) needs the ASan runtime loaded first: it is preloaded, with the
# suite's options but no leak check (CPython and the shell leave memory
# to the exit).
proc relview_exec_prefix {} {
  if {![regexp {NEEDED.*libasan} [exec readelf -d $::RELVIEW_SO]]} {
    return {}
  }
  set opts "detect_leaks=0"
  if {[info exists ::env(ASAN_OPTIONS)]} {
    set opts [string map {detect_leaks=1 detect_leaks=0} $::env(ASAN_OPTIONS)]
  }
  list env LD_PRELOAD=[exec cc -print-file-name=libasan.so] ASAN_OPTIONS=$opts
}
# The handle tester.tcl opened before this file was read
db enable_load_extension 1
db eval { SELECT load_extension($::RELVIEW_SO) }
db enable_load_extension 0

# The walkthrough's schema: teams, players with a foreign key to teams,
# and memberships associating the two.
proc relview_teams_schema {{db db}} {
  $db eval {
    CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                       city TEXT NOT NULL);
    CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                         position TEXT, team_id INTEGER REFERENCES teams(id));
    CREATE INDEX players_team ON players(team_id);
    CREATE TABLE memberships(
      player_id INTEGER NOT NULL REFERENCES players(id),
      team_id INTEGER NOT NULL REFERENCES teams(id),
      joined_at TEXT, role TEXT,
      PRIMARY KEY(player_id, team_id)
    ) WITHOUT ROWID;
  }
}

# The inner statement of the first relview cursor in the plan of $sql:
# the text after "VIRTUAL TABLE INDEX 0:" in EXPLAIN QUERY PLAN.
proc relview_inner_sql {sql {db db}} {
  foreach {id parent notused detail} [$db eval "EXPLAIN QUERY PLAN $sql"] {
    if {[regexp {VIRTUAL TABLE INDEX [0-9]+:(SELECT .*)$} $detail -> inner]} {
      return $inner
    }
  }
  error "no relview cursor in the plan of: $sql"
}

# do_inner_eqp_test NAME SQL RES: like do_eqp_test, but for the plan of the
# inner statement a relview cursor runs for SQL (what its indexes do).
proc do_inner_eqp_test {name sql res} {
  uplevel [list do_eqp_test $name [relview_inner_sql $sql] $res]
}

# relview_since VERSION: 1 if the SQLite the tests run under is VERSION or
# later. Expected results that differ by version say so with it.
proc relview_since {version} {
  expr {[package vcompare [sqlite3 -version] $version] >= 0}
}

# Before 3.36.0, EXPLAIN QUERY PLAN says "SCAN TABLE teams AS team" and
# "SEARCH TABLE players" where later versions say "SCAN team" and "SEARCH
# players". The expected plans are written in the later wording; on an
# older SQLite, what it prints is put in that wording before comparing
# (query_plan_graph is what tester.tcl's do_eqp_test compares).
if {![relview_since 3.36.0]} {
  rename query_plan_graph relview_query_plan_graph_inner
  proc query_plan_graph {sql} {
    set a [relview_query_plan_graph_inner $sql]
    regsub -all {(SCAN|SEARCH) TABLE [^ \n]+ AS ([^ \n]+)} $a {\1 \2} a
    regsub -all {(SCAN|SEARCH) TABLE ([^ \n]+)} $a {\1 \2} a
    return $a
  }
}

# 1 if this SQLite keeps the name of a virtual table whose CREATE failed
# inside a transaction until the transaction ends, as 3.34 does (3.40 and
# later do not): the next CREATE of that name fails with "table ...
# already exists" before the module is called.  Asked of a module that
# does not exist.
proc sqlite_keeps_failed_vtab {} {
  sqlite3 dbk :memory:
  dbk eval BEGIN
  catch { dbk eval { CREATE VIRTUAL TABLE x USING no_such_module } }
  catch { dbk eval { CREATE VIRTUAL TABLE x USING no_such_module } } msg
  dbk close
  expr {$msg eq "table x already exists"}
}

# relview_limit TEXT: TEXT where relview puts LIMIT and OFFSET into the
# inner statement (SQLite 3.46 and later: plan.c), else ""
proc relview_limit {text} {
  if {[relview_since 3.46.0]} { return $text }
  return ""
}

# The full contents of every ordinary table of $db (not the views), as a
# list: name, then its rows ordered by all columns.
proc db_state {{db db}} {
  set res [list]
  foreach t [$db eval {
    SELECT name FROM sqlite_master
     WHERE type='table' AND name NOT LIKE 'sqlite_%'
       AND sql NOT LIKE 'create virtual table%'
     ORDER BY name
  }] {
    set n [$db one "SELECT count(*) FROM pragma_table_info('$t')"]
    set order [list]
    for {set i 1} {$i<=$n} {incr i} { lappend order $i }
    lappend res $t [$db eval "SELECT * FROM \"$t\" ORDER BY [join $order ,]"]
  }
  set res
}

# The names of the columns of the first row that $sql returns.
proc column_names {sql {db db}} {
  set cols {}
  $db eval $sql a { set cols $a(*) ; break }
  set cols
}
