/*
** An application that links relview statically (librelview.a, compiled
** with -DSQLITE_CORE) beside the system SQLite, and registers it with
** sqlite3_relview_init() as a mobile app would.  Used by test/static.test.
** Prints the rows of a one-to-many view, or the error.
*/
#include <stdio.h>
#include <sqlite3.h>
#include "relview.h"

static int print_row(void *p, int n, char **az, char **azCol){
  int i;
  (void)p;
  (void)azCol;
  for(i=0; i<n; i++) printf("%s%s", i ? "|" : "", az[i] ? az[i] : "NULL");
  printf("\n");
  return 0;
}

int main(void){
  sqlite3 *db;
  char *zErr = 0;
  int rc = sqlite3_open(":memory:", &db);
  if( rc==SQLITE_OK ) rc = sqlite3_relview_init(db, &zErr, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_exec(db,
      "CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT,"
      "                     team_id INTEGER REFERENCES teams(id));"
      "INSERT INTO teams VALUES(1, 'Sharks');"
      "INSERT INTO players VALUES(1, 'Ann', 1), (2, 'Bo', 1), (3, 'Cy', NULL);"
      "CREATE VIRTUAL TABLE team_players USING relview(teams, players);"
      "SELECT relview_version(), team_name, player_name FROM team_players"
      " ORDER BY player_id;",
      print_row, 0, &zErr);
  }
  if( rc!=SQLITE_OK ) printf("error: %s\n", zErr ? zErr : sqlite3_errstr(rc));
  sqlite3_free(zErr);
  sqlite3_close(db);
  return rc!=SQLITE_OK;
}
