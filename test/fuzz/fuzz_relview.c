/*
** A libFuzzer target for relview.
**
** The input is an SQL script.  It runs on a fresh in-memory connection
** that has relview registered (sqlite3_relview_init, relview compiled with
** -DSQLITE_CORE), one statement after another; a statement that does not
** prepare is skipped up to the next ';' and the script goes on, so that
** one mutated token does not lose the rest.  The script declares tables
** (any declared types, names, collations, wide keys, WITHOUT ROWID,
** triggers), declares views (CREATE VIRTUAL TABLE ... USING relview(...)),
** and reads and writes through them.  After the script, every view that
** pragma_relview_list lists is read in full, and pragma_relview_columns of
** each, so that any declaration the script made is also read.
**
** Bounds, so that every input ends quickly and deterministically:
**   - sqlite3_limit: LENGTH, SQL_LENGTH, VDBE_OP, TRIGGER_DEPTH, COLUMN,
**     EXPR_DEPTH, COMPOUND_SELECT, ATTACHED (COLUMN stays 2000: wide tables);
**   - a progress handler that interrupts after a fixed number of virtual
**     machine steps, counted over every statement of the connection (also
**     the inner statements relview runs while a view is read or written);
**   - a hard heap limit;
**   - at most FUZZ_MAX_ROWS rows per statement are stepped.
**
** No file is ever opened: the default VFS is wrapped by one that refuses
** every named file (ATTACH 'x', VACUUM INTO 'x' fail with "unable to
** open"); ATTACH ':memory:' and ATTACH '' (a temporary file without a
** name) work, so attached schemas are fuzzed too.
**
** The SQL function fuzz_oom(N) makes the Nth memory allocation from now
** fail, and every one after it while fuzz_oom(N, 1) is in force: scripts
** can put out-of-memory in the middle of any write.  fuzz_oom(0) turns it
** off.  It is turned off before the final reads.
**
** Build and run: make fuzz (test/fuzz/README.md).
*/
#include "sqlite3.h"
#include "relview.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_MAX_ROWS
# define FUZZ_MAX_ROWS 2000
#endif
#ifndef FUZZ_PROGRESS_STEPS          /* VM steps between progress calls */
# define FUZZ_PROGRESS_STEPS 100
#endif
#ifndef FUZZ_PROGRESS_BUDGET         /* progress calls per phase */
# define FUZZ_PROGRESS_BUDGET 20000
#endif

volatile unsigned sink;               /* keeps the reads */
static int fuzzDebug = 0;            /* FUZZ_DEBUG=1: print each statement */

/*------------------------------------------------------------------------
** Out-of-memory injection: a malloc wrapper around SQLite's default one.
*/
static sqlite3_mem_methods origMem;
static struct {
  int nCountdown;                    /* >0: fail when it reaches 0 */
  int bPersist;                      /* keep failing after the first */
  int bFailing;                      /* the first failure happened */
} oom;

static int oomFail(void){
  if( oom.bFailing ) return oom.bPersist;
  if( oom.nCountdown>0 && --oom.nCountdown==0 ){
    oom.bFailing = 1;
    return 1;
  }
  return 0;
}
static void *oomMalloc(int n){
  return oomFail() ? 0 : origMem.xMalloc(n);
}
static void *oomRealloc(void *p, int n){
  return oomFail() ? 0 : origMem.xRealloc(p, n);
}
static void oomOff(void){
  memset(&oom, 0, sizeof(oom));
}

/* fuzz_oom(N [, PERSIST]) */
static void oomFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  int n = sqlite3_value_int(argv[0]);
  oomOff();
  if( n>0 ){
    oom.nCountdown = n>100000 ? 100000 : n;
    oom.bPersist = argc>1 && sqlite3_value_int(argv[1])!=0;
  }
  sqlite3_result_null(ctx);
}

/*------------------------------------------------------------------------
** A VFS that opens no named file.
*/
static sqlite3_vfs fuzzVfs;
static sqlite3_vfs *pOrigVfs;

static int fuzzOpen(sqlite3_vfs *p, const char *zName, sqlite3_file *pFile,
                    int flags, int *pOutFlags){
  (void)p;
  if( zName!=0 ){
    memset(pFile, 0, pOrigVfs->szOsFile);
    return SQLITE_CANTOPEN;
  }
  return pOrigVfs->xOpen(pOrigVfs, zName, pFile, flags, pOutFlags);
}
static int fuzzDelete(sqlite3_vfs *p, const char *zName, int syncDir){
  (void)p; (void)zName; (void)syncDir;
  return SQLITE_IOERR_DELETE;
}
static int fuzzAccess(sqlite3_vfs *p, const char *zName, int flags,
                      int *pResOut){
  (void)p; (void)zName; (void)flags;
  *pResOut = 0;
  return SQLITE_OK;
}

/*------------------------------------------------------------------------
** Bounds
*/
static int nProgress;                /* progress calls left in this phase */

/* -DFUZZ_STACK_GUARD=N: interrupt any statement once the stack is N bytes
** deeper than at the start of the input.  Unbounded recursion through
** relview (a trigger that writes to the view it is written through, a
** declaration cycle: issue 8) then ends in SQLITE_INTERRUPT instead of a
** stack overflow, so that a fuzzing run is not stopped by those known
** crashes over and over.  Off by default: the reproducers in
** test/fuzz/crashes/ must show them. */
#ifdef FUZZ_STACK_GUARD
static char *pStackBase;
#endif

static int progressHandler(void *pArg){
  (void)pArg;
#ifdef FUZZ_STACK_GUARD
  {
    char c;
    if( pStackBase && pStackBase-&c>FUZZ_STACK_GUARD ) return 1;
  }
#endif
  return --nProgress<0;
}

static void setLimits(sqlite3 *db){
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100000);
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit(db, SQLITE_LIMIT_VDBE_OP, 25000);
  sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
  sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 2000);
  sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100);
  sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 20);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 3);
  sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 32);
  sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100);
}

/* Read every column of the current row, as the shell would, and touch
** every byte, so that a bad pointer from xColumn shows. */
static unsigned touchRow(sqlite3_stmt *pStmt){
  unsigned h = 0;
  int i, j, n = sqlite3_column_count(pStmt);
  for(i=0; i<n; i++){
    switch( sqlite3_column_type(pStmt, i) ){
      case SQLITE_INTEGER: h += (unsigned)sqlite3_column_int64(pStmt, i); break;
      case SQLITE_FLOAT:   h += (unsigned)(sqlite3_column_double(pStmt, i)!=0); break;
      case SQLITE_BLOB: {
        const unsigned char *a = sqlite3_column_blob(pStmt, i);
        int nb = sqlite3_column_bytes(pStmt, i);
        for(j=0; a && j<nb; j++) h = h*31 + a[j];
        break;
      }
      case SQLITE_TEXT: {
        const unsigned char *z = sqlite3_column_text(pStmt, i);
        int nb = sqlite3_column_bytes(pStmt, i);
        for(j=0; z && j<nb; j++) h = h*31 + z[j];
        break;
      }
      default: break;
    }
    (void)sqlite3_column_name(pStmt, i);
    (void)sqlite3_column_decltype(pStmt, i);
  }
  return h;
}

static unsigned runStmt(sqlite3_stmt *pStmt){
  unsigned h = 0;
  int nRow = 0;
  while( sqlite3_step(pStmt)==SQLITE_ROW && nRow++<FUZZ_MAX_ROWS ){
    h += touchRow(pStmt);
  }
  sqlite3_finalize(pStmt);
  return h;
}

/* Run the statements of zSql (NUL-terminated) one by one; skip one that
** does not prepare, to the next ';'. */
static unsigned runScript(sqlite3 *db, const char *zSql){
  unsigned h = 0;
  const char *z = zSql;
  while( *z && nProgress>=0 ){
    sqlite3_stmt *pStmt = 0;
    const char *zTail = 0;
    int rc = sqlite3_prepare_v2(db, z, -1, &pStmt, &zTail);
    if( fuzzDebug ){
      int n = zTail && zTail>z ? (int)(zTail-z) : (int)strlen(z);
      fprintf(stderr, "SQL: %.*s\n", n>400 ? 400 : n, z);
    }
    if( rc!=SQLITE_OK ){
      const char *zSemi;
      if( fuzzDebug ){
        fprintf(stderr, "  prepare: %s\n", sqlite3_errmsg(db));
#if SQLITE_VERSION_NUMBER>=3038000
        if( sqlite3_error_offset(db)>=0 ){
          fprintf(stderr, "  at offset %d: %.40s\n", sqlite3_error_offset(db),
                  z+sqlite3_error_offset(db));
        }
#endif
      }
      sqlite3_finalize(pStmt);
      zSemi = strchr(z, ';');
      if( zSemi==0 ) break;
      z = zSemi+1;
      continue;
    }
    if( pStmt ){
      h += runStmt(pStmt);
      if( fuzzDebug ) fprintf(stderr, "  -> %s\n", sqlite3_errmsg(db));
    }
    if( zTail==0 || zTail<=z ) break;
    z = zTail;
  }
  return h;
}

/* Read every view the connection knows, and its columns */
static unsigned readViews(sqlite3 *db){
  unsigned h = 0;
  sqlite3_stmt *pList = 0;
  int nView = 0;
  if( sqlite3_prepare_v2(db, "SELECT schema, name FROM pragma_relview_list",
                         -1, &pList, 0)!=SQLITE_OK ){
    sqlite3_finalize(pList);
    return 0;
  }
  while( sqlite3_step(pList)==SQLITE_ROW && nView++<16 ){
    const char *zSchema = (const char*)sqlite3_column_text(pList, 0);
    const char *zName = (const char*)sqlite3_column_text(pList, 1);
    char *zSql;
    sqlite3_stmt *pStmt = 0;
    if( zSchema==0 || zName==0 ) continue;
    zSql = sqlite3_mprintf(
        "SELECT * FROM \"%w\".\"%w\"; "
        "SELECT * FROM pragma_relview_columns(%Q, %Q);",
        zSchema, zName, zName, zSchema);
    if( zSql ){
      h += runScript(db, zSql);
      sqlite3_free(zSql);
    }
    (void)pStmt;
  }
  sqlite3_finalize(pList);
  return h;
}

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  sqlite3_mem_methods m;
  (void)pArgc; (void)pArgv;
  fuzzDebug = getenv("FUZZ_DEBUG")!=0;
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &origMem);
  m = origMem;
  m.xMalloc = oomMalloc;
  m.xRealloc = oomRealloc;
  sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
  sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
  sqlite3_initialize();
  pOrigVfs = sqlite3_vfs_find(0);
  fuzzVfs = *pOrigVfs;
  fuzzVfs.zName = "fuzz";
  fuzzVfs.pNext = 0;
  fuzzVfs.xOpen = fuzzOpen;
  fuzzVfs.xDelete = fuzzDelete;
  fuzzVfs.xAccess = fuzzAccess;
  sqlite3_vfs_register(&fuzzVfs, 1);
  sqlite3_hard_heap_limit64(200*1024*1024);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *aData, size_t nData){
  sqlite3 *db = 0;
  char *zSql;

#ifdef FUZZ_STACK_GUARD
  char cBase;
  pStackBase = &cBase;
#endif
  if( nData>50000 ) return 0;
  zSql = malloc(nData+1);
  if( zSql==0 ) return 0;
  memcpy(zSql, aData, nData);
  zSql[nData] = 0;

  oomOff();
  if( sqlite3_open_v2(":memory:", &db,
                      SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE, 0)!=SQLITE_OK ){
    sqlite3_close(db);
    free(zSql);
    return 0;
  }
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, 0);
  sqlite3_extended_result_codes(db, 1);
  setLimits(db);
  if( sqlite3_relview_init(db, 0, 0)!=SQLITE_OK ) abort();
  sqlite3_create_function(db, "fuzz_oom", 1, SQLITE_UTF8, 0, oomFunc, 0, 0);
  sqlite3_create_function(db, "fuzz_oom", 2, SQLITE_UTF8, 0, oomFunc, 0, 0);
  sqlite3_progress_handler(db, FUZZ_PROGRESS_STEPS, progressHandler, 0);

  nProgress = FUZZ_PROGRESS_BUDGET;
  sink += runScript(db, zSql);

  oomOff();
  nProgress = FUZZ_PROGRESS_BUDGET;
  sink += readViews(db);

  oomOff();
  if( sqlite3_close(db)!=SQLITE_OK ){
    /* Every statement of the script is finalized by now, and relview's
    ** own are finalized when SQLite disconnects the views in close */
    sqlite3_stmt *p;
    fprintf(stderr, "sqlite3_close: %s\n", sqlite3_errmsg(db));
    for(p=sqlite3_next_stmt(db, 0); p; p=sqlite3_next_stmt(db, p)){
      fprintf(stderr, "  unfinalized%s: %s\n",
              sqlite3_stmt_busy(p) ? " (busy)" : "", sqlite3_sql(p));
    }
#ifdef FUZZ_MASK_CLOSE
    /* Known (test/fuzz/crashes/crash-oom-rollback-in-nested-write-*):
    ** keep the handle reachable, so that LeakSanitizer does not report
    ** it either, and go on fuzzing */
    {
      static sqlite3 *aKept[1000];
      static int nKept = 0;
      if( nKept<1000 ){ aKept[nKept++] = db; free(zSql); return 0; }
    }
#endif
    abort();
  }
  free(zSql);
  return 0;
}
