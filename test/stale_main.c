/*
** Two connections to one database file, as two parts of an app would
** have.  The first changes the schema; the second, whose schema is then
** stale, declares a view in temp over the tables of main with a statement
** made by the legacy sqlite3_prepare(), which SQLite does not prepare again
** by itself: relview's constructor returns SQLITE_SCHEMA with its message,
** and nothing is declared.  Prepared again, the CREATE succeeds.  Used by
** test/stale.test; prints one line per step.
**
**   stale_main FILE
*/
#include <stdio.h>
#include <sqlite3.h>
#include "relview.h"

static int step_legacy(sqlite3 *db, const char *zSql){
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare(db, zSql, -1, &pStmt, 0);
  if( rc==SQLITE_OK ){
    while( sqlite3_step(pStmt)==SQLITE_ROW ){
      printf("row %s\n", (const char*)sqlite3_column_text(pStmt, 0));
    }
    rc = sqlite3_finalize(pStmt);
  }
  printf("rc %d %s\n", rc, rc==SQLITE_OK ? "ok" : sqlite3_errmsg(db));
  return rc;
}

int main(int argc, char **argv){
  sqlite3 *a = 0, *b = 0;
  if( argc!=2 ) return 2;
  if( sqlite3_open(argv[1], &a) || sqlite3_open(argv[1], &b)
   || sqlite3_relview_init(a, 0, 0) || sqlite3_relview_init(b, 0, 0) ){
    return 1;
  }
  sqlite3_exec(a,
      "CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT,"
      "                     team_id INTEGER REFERENCES teams(id));"
      "INSERT INTO teams VALUES(1, 'Sharks');"
      "INSERT INTO players VALUES(1, 'Ann', 1), (2, 'Bo', 1);", 0, 0, 0);
  step_legacy(b, "SELECT count(*) FROM sqlite_master");
  sqlite3_exec(a, "CREATE TABLE other(x)", 0, 0, 0);
  step_legacy(b, "CREATE VIRTUAL TABLE temp.tp USING relview(teams, players)");
  step_legacy(b, "SELECT count(*) FROM temp.sqlite_master");
  step_legacy(b, "CREATE VIRTUAL TABLE temp.tp USING relview(teams, players)");
  step_legacy(b, "SELECT group_concat(player_name) FROM temp.tp");
  sqlite3_close(b);
  sqlite3_close(a);
  return 0;
}
