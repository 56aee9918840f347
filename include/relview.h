/*
** relview: relationship views for SQLite.
**
** A loadable extension (relview.so: ".load ./relview") or, compiled with
** -DSQLITE_CORE, a library that an application links beside SQLite and
** registers on each connection with sqlite3_relview_init(db, 0, 0).
*/
#ifndef RELVIEW_H
#define RELVIEW_H

#ifdef __cplusplus
extern "C" {
#endif

#define RELVIEW_VERSION "0.1.0"

struct sqlite3;
struct sqlite3_api_routines;

/*
** Register the relview module, the pragma_relview_* functions and
** relview_version() on connection db.  Returns an SQLite result code; on
** error *pzErrMsg (if not NULL) gets a message from sqlite3_malloc().
*/
int sqlite3_relview_init(
  struct sqlite3 *db,
  char **pzErrMsg,
  const struct sqlite3_api_routines *pApi
);

#ifdef __cplusplus
}
#endif
#endif /* RELVIEW_H */
