/*
** cursor.c: xOpen, xFilter, xNext, xEof, xColumn, xRowid, xClose.
**
** A cursor steps the inner statement that xBestIndex wrote (plan.c; its
** text is idxStr, and ?N is bound to argv[N-1]), and reads view column i
** from result column rvResultColumn(i) (decl.c; the layout is described
** at the top of plan.c).  A cursor holds one statement and no rows, so its
** memory does not grow with the view.  The statement comes from the
** view's statement cache (stmt.c).
*/
#include "relviewInt.h"
#include <string.h>

int rvOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  RvVtab *p = (RvVtab*)pVtab;
  RvCursor *pCur;
  if( p->pDecl==0 ){
    return rvVtabError(&p->base, SQLITE_ERROR, "%s", p->zBroken);
  }
  pCur = sqlite3_malloc(sizeof(RvCursor));
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->bEof = 1;
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

int rvClose(sqlite3_vtab_cursor *pCursor){
  RvCursor *pCur = (RvCursor*)pCursor;
  if( pCur->pStmt ) rvStmtRelease((RvVtab*)pCursor->pVtab, pCur->pStmt);
  rvKeySetClear(&pCur->seen);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

int rvNext(sqlite3_vtab_cursor *pCursor){
  RvCursor *pCur = (RvCursor*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  int rc;
  assert( pCur->pStmt && pCur->pStmt->bBusy );
  while( (rc = rvStmtStep(p, pCur->pStmt))==SQLITE_ROW && pCur->bDistinct ){
    /* The first row of each relview_key, the last result columns */
    sqlite3_stmt *pS = pCur->pStmt->pStmt;
    int iKey = rvResultColumn(p->pDecl, p->pDecl->nCol-1);
    int bNew;
    char *zKey = rvKeyColumnsText(pS, iKey, sqlite3_column_count(pS)-iKey);
    rc = zKey ? rvKeySetAdd(&pCur->seen, zKey, &bNew) : SQLITE_NOMEM;
    if( rc!=SQLITE_OK ) break;
    if( bNew ) return SQLITE_OK;
  }
  if( rc==SQLITE_ROW ) return SQLITE_OK;
  pCur->bEof = 1;
  if( rc==SQLITE_DONE ) return SQLITE_OK;
  /* Out of memory on a row: the statement is still on it */
  sqlite3_reset(pCur->pStmt->pStmt);
  return rc;
}

/* xFilter: idxStr is the inner statement, ?N bound to argv[N-1]; its
** result columns are laid out as the top of plan.c says */
int rvFilter(
  sqlite3_vtab_cursor *pCursor,
  int idxNum, const char *idxStr,
  int argc, sqlite3_value **argv
){
  RvCursor *pCur = (RvCursor*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  int i, rc = SQLITE_OK;
  pCur->bDistinct = (idxNum & RV_PLAN_DISTINCT)!=0;
  rvKeySetClear(&pCur->seen);
  /* A cursor keeps its plan; a new plan gets its statement from the cache.
  ** A statement that ran to its end is reset already (rvStmtStep). */
  if( pCur->pStmt && pCur->zIdxStr==idxStr ){
    if( sqlite3_stmt_busy(pCur->pStmt->pStmt) ){
      sqlite3_reset(pCur->pStmt->pStmt);
    }
  }else{
    if( pCur->pStmt ) rvStmtRelease(p, pCur->pStmt);
    pCur->pStmt = 0;
    rc = rvStmtAcquire(p, idxStr, &pCur->pStmt);
    pCur->zIdxStr = idxStr;
  }
  pCur->bEof = 1;
  for(i=0; rc==SQLITE_OK && i<argc; i++){
    rc = sqlite3_bind_value(pCur->pStmt->pStmt, i+1, argv[i]);
  }
  if( rc!=SQLITE_OK ) return rc;
  assert( pCur->pStmt && pCur->pStmt->bBusy );
  assert( argc==sqlite3_bind_parameter_count(pCur->pStmt->pStmt) );
  pCur->bEof = 0;
  return rvNext(pCursor);
}

int rvEof(sqlite3_vtab_cursor *pCursor){
  return ((RvCursor*)pCursor)->bEof;
}

/*
** relview_key, the identity of a row whose table has no rowid: its PRIMARY
** KEY values (result columns iFirst..) as key.c writes them.
*/
static int rvKeyColumn(sqlite3_context *ctx, sqlite3_stmt *pStmt,
                       int iFirst){
  sqlite3_str *pStr;
  int nCol = sqlite3_column_count(pStmt);
  char zBuf[RV_KEY_INT_BUF];
  int n, rc;

  /* The usual key, up to 8 integers, is written without allocating */
  n = rvKeyIntText(pStmt, iFirst, nCol-iFirst, zBuf);
  if( n>=0 ){
    sqlite3_result_text(ctx, zBuf, n, SQLITE_TRANSIENT);
    return SQLITE_OK;
  }
  pStr = sqlite3_str_new(0);
  rc = rvKeyAppendColumns(pStr, pStmt, iFirst, nCol-iFirst);
  return rvResultStr(ctx, pStr, rc);
}

int rvColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i){
  RvCursor *pCur = (RvCursor*)pCursor;
  sqlite3_stmt *pStmt;
  RvDecl *p = ((RvVtab*)pCursor->pVtab)->pDecl;
  int iRes;
  /* SQLite reads a row only from a cursor on one: xFilter or xNext put
  ** the statement on it */
  assert( pCur->pStmt && pCur->pStmt->bBusy && !pCur->bEof );
  assert( p && i>=0 && i<p->nCol );
  pStmt = pCur->pStmt->pStmt;
  iRes = rvResultColumn(p, i);
  if( p->aCol[i].iCol==RV_COL_KEY ) return rvKeyColumn(ctx, pStmt, iRes);
  /* An UPDATE that does not set column i: xUpdate sees which it sets */
  if( sqlite3_vtab_nochange(ctx) ) return SQLITE_OK;
  if( iRes<sqlite3_column_count(pStmt) ){
    /* Typed results.  A text or blob is copied once, into the buffer the
    ** result register already has, with the terminator it has in the
    ** inner statement (so that a function such as length() does not copy
    ** it again); sqlite3_result_value() would allocate a new buffer for
    ** each value.  xColumn runs under the connection's mutex, so the
    ** inner statement's value can be read. */
    sqlite3_value *v = sqlite3_column_value(pStmt, iRes);
    switch( sqlite3_value_type(v) ){
      case SQLITE_INTEGER:
        sqlite3_result_int64(ctx, sqlite3_value_int64(v));
        break;
      case SQLITE_FLOAT:
        sqlite3_result_double(ctx, sqlite3_value_double(v));
        break;
      case SQLITE_TEXT: {
        const char *z = (const char*)sqlite3_value_text(v);
        int n = sqlite3_value_bytes(v);
        if( z==0 ) return SQLITE_NOMEM;
        /* -1: copy the terminator too, unless the text holds a NUL */
        sqlite3_result_text(ctx, z, (int)strlen(z)==n ? -1 : n,
                            SQLITE_TRANSIENT);
        break;
      }
      case SQLITE_BLOB: {
        /* An empty blob has no pointer: zeroblob(0) keeps it a blob */
        int n = sqlite3_value_bytes(v);
        const void *pBlob = sqlite3_value_blob(v);
        if( n==0 ){
          sqlite3_result_zeroblob(ctx, 0);
        }else if( pBlob==0 ){
          return SQLITE_NOMEM;
        }else{
          sqlite3_result_blob(ctx, pBlob, n, SQLITE_TRANSIENT);
        }
        break;
      }
      default:
        break;                          /* NULL: the result is NULL */
    }
  }
  return SQLITE_OK;
}

/* Only for views whose row table has a rowid: the others are WITHOUT
** ROWID, and SQLite identifies their rows by relview_key */
int rvRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  RvCursor *pCur = (RvCursor*)pCursor;
  assert( pCur->pStmt && !pCur->bEof );
  *pRowid = sqlite3_column_int64(pCur->pStmt->pStmt, 0);
  return SQLITE_OK;
}
