/*
** An app that embeds relview: it registers relview on its connection with
** sqlite3_relview_init(), as a mobile app does, declares the walkthrough's
** views, writes through one and reads it.  Built three ways: linked with
** librelview.a (-DSQLITE_CORE) and the system SQLite (test/static.test),
** compiled with dist/relview.c and SQLite's sqlite3.c (test/dist.test),
** and with what pkg-config says of an installed relview (test/install.test).
**
**   static_main          sqlite3_relview_init(db, ...) on its connection
**   static_main auto     sqlite3_auto_extension() before it opens one
*/
#include <stdio.h>
#include <string.h>
#include "sqlite3.h"
#include "relview.h"

static int print_row(void *p, int n, char **azVal, char **azCol){
  int i;
  (void)p; (void)azCol;
  for(i=0; i<n; i++) printf("%s%s", i ? "|" : "", azVal[i] ? azVal[i] : "");
  printf("\n");
  return 0;
}

int main(int argc, char **argv){
  sqlite3 *db = 0;
  char *zErr = 0;
  int bAuto = argc>1 && strcmp(argv[1], "auto")==0;
  int rc = SQLITE_OK;
  if( bAuto ) rc = sqlite3_auto_extension((void(*)(void))sqlite3_relview_init);
  if( rc==SQLITE_OK ) rc = sqlite3_open(":memory:", &db);
  if( rc==SQLITE_OK && !bAuto ) rc = sqlite3_relview_init(db, &zErr, 0);
  if( rc==SQLITE_OK ) rc = sqlite3_exec(db,
    "CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    "  team_id INTEGER REFERENCES teams(id));"
    "INSERT INTO teams VALUES(1, 'The Piggers'), (2, 'The Sharks');"
    "INSERT INTO players VALUES(1, 'Joe McMan', 1), (2, 'Bo Diaz', NULL);"
    "CREATE VIRTUAL TABLE player_team USING relview(players, teams,"
    "  backref=team_players);"
    "INSERT INTO team_players(team_id, player_id) VALUES(2, 2);"
    "SELECT team_name, player_name FROM team_players ORDER BY player_id;"
    "SELECT relview_version();", print_row, 0, &zErr);
  if( rc!=SQLITE_OK ) printf("error %d: %s\n", rc, zErr ? zErr : "");
  sqlite3_free(zErr);
  sqlite3_close(db);
  return rc!=SQLITE_OK;
}
