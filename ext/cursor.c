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

/* Free the IN list's values (RV_PLAN_IN) */
static void rvInClear(RvCursor *pCur){
  int i;
  for(i=0; i<pCur->nIn; i++) sqlite3_value_free(pCur->aIn[i]);
  sqlite3_free(pCur->aIn);
  pCur->aIn = 0;
  pCur->nIn = pCur->iIn = 0;
}

int rvClose(sqlite3_vtab_cursor *pCursor){
  RvCursor *pCur = (RvCursor*)pCursor;
  if( pCur->pStmt ) rvStmtRelease((RvVtab*)pCursor->pVtab, pCur->pStmt);
  rvKeySetClear(&pCur->seen);
  rvInClear(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/*
** Bind the next run of the IN list: nRun values, to ?iInArg and to the
** parameters after argc, the last value again where the list ends before
** the run (an IN list's repeats change nothing).
*/
static int rvInBind(RvCursor *pCur){
  sqlite3_stmt *pS = pCur->pStmt->pStmt;
  int j, rc = SQLITE_OK;
  assert( pCur->iIn<pCur->nIn && pCur->nRun>=1 && pCur->nRun<=RV_IN_MAX );
  for(j=0; rc==SQLITE_OK && j<pCur->nRun; j++){
    int iVal = pCur->iIn+j<pCur->nIn ? pCur->iIn+j : pCur->nIn-1;
    rc = sqlite3_bind_value(pS, j ? pCur->argc+j : pCur->iInArg,
                            pCur->aIn[iVal]);
  }
  pCur->iIn += pCur->nRun;
  return rc;
}

int rvNext(sqlite3_vtab_cursor *pCursor){
  RvCursor *pCur = (RvCursor*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  int rc;
  assert( pCur->pStmt && pCur->pStmt->bBusy );
  for(;;){
    rc = rvStmtStep(p, pCur->pStmt);
    if( rc==SQLITE_ROW && pCur->bDistinct ){
      /* The first row of each relview_key, the last result columns */
      sqlite3_stmt *pS = pCur->pStmt->pStmt;
      int iKey = rvResultColumn(p->pDecl, p->pDecl->nCol-1);
      int bNew;
      char *zKey = rvKeyColumnsText(pS, iKey, sqlite3_column_count(pS)-iKey);
      rc = zKey ? rvKeySetAdd(&pCur->seen, zKey, &bNew) : SQLITE_NOMEM;
      if( rc!=SQLITE_OK ) break;
      if( !bNew ) continue;
      rc = SQLITE_ROW;
    }
    if( rc!=SQLITE_DONE || pCur->iIn>=pCur->nIn ) break;
    /* The next run of the IN list */
    rc = rvInBind(pCur);
    if( rc!=SQLITE_OK ) break;
  }
  if( rc==SQLITE_ROW ) return SQLITE_OK;
  pCur->bEof = 1;
  if( rc==SQLITE_DONE ) return SQLITE_OK;
  /* Out of memory on a row: the statement is still on it */
  sqlite3_reset(pCur->pStmt->pStmt);
  return rc;
}

/*
** The IN list argument pList of a plan that takes it whole (RV_PLAN_IN):
** copy its values into pCur->aIn (SQLite's are only valid during xFilter).
** They come distinct.
*/
static int rvInCollect(RvCursor *pCur, sqlite3_value *pList){
#if SQLITE_VERSION_NUMBER>=RV_IN_SQLITE
  sqlite3_value *pVal = 0;
  int nAlloc = 0;
  int rc;
  assert( sqlite3_libversion_number()>=RV_IN_SQLITE );
  for(rc=sqlite3_vtab_in_first(pList, &pVal);
      rc==SQLITE_OK && pVal;
      rc=sqlite3_vtab_in_next(pList, &pVal)){
    if( pCur->nIn==nAlloc ){
      sqlite3_value **aNew;
      nAlloc = nAlloc ? nAlloc*2 : 16;
      aNew = sqlite3_realloc64(pCur->aIn, nAlloc*sizeof(sqlite3_value*));
      if( aNew==0 ) return SQLITE_NOMEM;
      pCur->aIn = aNew;
    }
    pCur->aIn[pCur->nIn] = sqlite3_value_dup(pVal);
    if( pCur->aIn[pCur->nIn]==0 ) return SQLITE_NOMEM;
    pCur->nIn++;
  }
  return rc==SQLITE_DONE ? SQLITE_OK : rc;
#else
  (void)pCur; (void)pList;
  return SQLITE_MISUSE;
#endif
}

/*
** Plan zPlan with the IN list's term "IN (?iArg)" written for nRun
** values: "IN (?iArg, ?argc+1, ... ?argc+nRun-1)".  The term is the one
** "?iArg)" outside a quoted name (plan.c quotes every name with ").
** NULL if out of memory.
*/
static char *rvInSql(const char *zPlan, int iArg, int argc, int nRun){
  char zTok[24];
  int nTok, j, bQuote = 0;
  const char *z;
  sqlite3_str *pStr;
  sqlite3_snprintf(sizeof(zTok), zTok, "?%d)", iArg);
  nTok = (int)strlen(zTok);
  for(z=zPlan; *z; z++){
    if( *z=='"' ){
      bQuote = !bQuote;
    }else if( !bQuote && strncmp(z, zTok, nTok)==0 ){
      break;
    }
  }
  assert( *z );                 /* plan.c wrote it */
  pStr = sqlite3_str_new(0);
  sqlite3_str_append(pStr, zPlan, (int)(z-zPlan) + nTok-1);
  for(j=1; j<nRun; j++) sqlite3_str_appendf(pStr, ", ?%d", argc+j);
  sqlite3_str_appendall(pStr, z+nTok-1);
  return sqlite3_str_finish(pStr);
}

/* xFilter: idxStr is the inner statement, ?N bound to argv[N-1]; its
** result columns are laid out as the top of plan.c says.  A plan that
** takes an IN list whole (RV_PLAN_IN) looks its values up in runs of
** nRun: a power of two up to RV_IN_MAX, so that a few statements serve
** lists of any length. */
int rvFilter(
  sqlite3_vtab_cursor *pCursor,
  int idxNum, const char *idxStr,
  int argc, sqlite3_value **argv
){
  RvCursor *pCur = (RvCursor*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  int i, rc = SQLITE_OK;
  int nRun = 1;
  pCur->bDistinct = (idxNum & RV_PLAN_DISTINCT)!=0;
  pCur->iInArg = (idxNum & RV_PLAN_IN) ? idxNum/RV_PLAN_IN_ARG : 0;
  rvKeySetClear(&pCur->seen);
  rvInClear(pCur);
  pCur->bEof = 1;
  /* A statement left on a row is reset (one that ran to its end is) */
  if( pCur->pStmt && sqlite3_stmt_busy(pCur->pStmt->pStmt) ){
    sqlite3_reset(pCur->pStmt->pStmt);
  }
  if( pCur->iInArg ){
    assert( pCur->iInArg>=1 && pCur->iInArg<=argc );
    rc = rvInCollect(pCur, argv[pCur->iInArg-1]);
    if( rc!=SQLITE_OK ) return rc;
    if( pCur->nIn==0 ) return SQLITE_OK;        /* IN (): no row */
    while( nRun<pCur->nIn && nRun<RV_IN_MAX ) nRun *= 2;
  }
  /* A cursor keeps its plan; a new plan gets its statement from the cache */
  if( pCur->pStmt==0 || pCur->zIdxStr!=idxStr || pCur->nRun!=nRun
   || pCur->argc!=argc ){
    if( pCur->pStmt ) rvStmtRelease(p, pCur->pStmt);
    pCur->zIdxStr = 0;
    pCur->pStmt = rvStmtFind(p, idxStr, nRun);
    if( pCur->pStmt==0 ){
      char *zIn = 0;
      if( nRun>1 ){
        zIn = rvInSql(idxStr, pCur->iInArg, argc, nRun);
        if( zIn==0 ) return SQLITE_NOMEM;
      }
      rc = rvStmtPrepare(p, idxStr, nRun, zIn, &pCur->pStmt);
      sqlite3_free(zIn);
      if( rc!=SQLITE_OK ) return rc;
    }
    pCur->zIdxStr = idxStr;
    pCur->nRun = nRun;
    pCur->argc = argc;
  }
  for(i=0; rc==SQLITE_OK && i<argc; i++){
    if( i+1==pCur->iInArg ) continue;
    rc = sqlite3_bind_value(pCur->pStmt->pStmt, i+1, argv[i]);
  }
  if( rc==SQLITE_OK && pCur->iInArg ) rc = rvInBind(pCur);
  if( rc!=SQLITE_OK ) return rc;
  assert( pCur->pStmt && pCur->pStmt->bBusy );
  assert( argc+nRun-1==sqlite3_bind_parameter_count(pCur->pStmt->pStmt) );
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
