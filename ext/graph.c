/*
** graph.c: a transitive many-to-many view, whose rows are every pair
** (x, y) such that y is reached from x through one or more rows of the
** association table, at the least number of them (depth):
**
**   relview(people AS follower, people AS followee, secondary=follows,
**           transitive=yes)
**
** A table related to itself through an association is a graph, with
** cycles as often as not (two people who follow each other), which a
** recursive SQL query can walk only along every path.  So the cursor walks
** it itself, breadth first, keeping the rows it has reached:
**
**   for each start row (the "start" statement: the source's rows that
**       the query's constraints on the source select; or, walking up, the
**       target's):
**     queue = [start at depth 0]
**     for each row n of the queue, in order:
**       for each row m linked to n (the "next" statement, the view's two
**           joins with n's key bound):
**         if m was not reached from this start: a view row (start, m,
**             depth of n + 1); m joins the queue
**
** Breadth first, the first time a row is reached is at its least depth.
** A row's key is its rowid or PRIMARY KEY, as key.c writes it.  Memory
** grows with the rows reached from one start, as the recursive query's
** does.  The other constraints are left to SQLite to check, but an upper
** bound on depth also ends the walk there.
**
** The plan: idxNum is RV_GRAPH_UP if the walk goes from targets to
** sources, plus the argv index of the depth bound times RV_GRAPH_BOUND
** (0: none); idxStr is the start statement, whose ?N are argv[N-1].
*/
#include "relviewInt.h"
#include <string.h>

#define RV_GRAPH_UP    1
#define RV_GRAPH_LT    2        /* The bound is depth < ?, else depth <= ? */
#define RV_GRAPH_BOUND 4

/* Rows assumed in a table with no statistics, as SQLite assumes */
#define RV_GRAPH_ROWS 1048576.0

/* One row reached: its key values (nId of them) and its depth */
typedef struct RvReached RvReached;
struct RvReached {
  sqlite3_value **apVal;
  int iDepth;
};

struct RvGraph {
  sqlite3_vtab_cursor base;
  RvStmt *pStart;               /* The start rows */
  RvStmt *pNext;                /* The rows linked to one row */
  const char *zIdxStr;          /* Plan of pStart */
  int bUp;                      /* Walking from targets to sources */
  int bEof;
  int bNextRow;                 /* pNext is on a row: the current one */
  int iMax;                     /* Depth bound, or -1 */
  int nId;                      /* Columns of a row's key */
  RvKeySet seen;                /* Keys reached from this start */
  RvReached *aQueue;            /* Rows reached, in order */
  int nQueue, nAlloc;
  int iQueue;                   /* Next row of the queue to expand */
  int iDepth;                   /* Depth of the current row */
};

/**************************************************************************
** The statements
*/

/* Append "alias.<key column 0>, ..." of the table (rowid or PRIMARY
** KEY), then with bAll every column of the table */
static void rvGraphCols(sqlite3_str *pStr, RvDecl *p, int iSide, int bAll){
  RvTable *pTab = p->aSide[iSide].pTab;
  int i;
  for(i=0; i<rvRowIdCount(pTab); i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    rvAppendRowId(pStr, pTab, p->aSide[iSide].zAlias, i);
  }
  for(i=0; bAll && i<pTab->nCol; i++){
    sqlite3_str_appendall(pStr, ", ");
    rvAppendId(pStr, p->aSide[iSide].zAlias);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, pTab->aCol[i].zName);
  }
}

/* The next statement: the key and columns of the rows linked to the row
** whose key is ?1.. (down: the targets of a source, up: the sources of a
** target), through the view's two joins */
static char *rvGraphNextSql(RvDecl *p, int bUp){
  sqlite3_str *pStr = sqlite3_str_new(0);
  RvTable *pTab = p->aSide[RV_SOURCE].pTab;
  int iFrom = bUp ? RV_TARGET : RV_SOURCE;
  int nId = rvRowIdCount(pTab);
  int i;
  sqlite3_str_appendall(pStr, "SELECT ");
  rvGraphCols(pStr, p, bUp ? RV_SOURCE : RV_TARGET, 1);
  rvAppendFrom(pStr, p, iFrom, 0);
  rvAppendFrom(pStr, p, RV_ASSOC, 1);
  sqlite3_str_appendall(pStr, " ON ");
  rvAppendJoinOn(pStr, p, bUp ? 1 : 0, 1);
  rvAppendFrom(pStr, p, bUp ? RV_SOURCE : RV_TARGET, 1);
  sqlite3_str_appendall(pStr, " ON ");
  rvAppendJoinOn(pStr, p, bUp ? 0 : 1, 1);
  for(i=0; i<nId; i++){
    sqlite3_str_appendall(pStr, i ? " AND " : " WHERE ");
    rvAppendRowId(pStr, pTab, p->aSide[iFrom].zAlias, i);
    sqlite3_str_appendf(pStr, " = ?%d", i+1);
  }
  return sqlite3_str_finish(pStr);
}

/* xBestIndex: the start statement in idxStr, the direction and the depth
** bound in idxNum (see the top of this file) */
int rvGraphBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  RvDecl *p = ((RvVtab*)pVtab)->pDecl;
  RvTable *pTab = p->aSide[RV_SOURCE].pTab;
  sqlite3_uint64 mLike = rvLikeMask(pInfo);
  sqlite3_str *pStr;
  int abSeek[2] = {0, 0};
  int iStart, nArg = 0, nTerm = 0, iBound = -1;
  int i, bUp;
  double nRow;
  assert( p->bTransitive && p->nSide==3 );
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    int iCol;
    if( !pC->usable || pC->iColumn<0 ) continue;
    iCol = p->aCol[pC->iColumn].iCol;
    if( iCol==RV_COL_DEPTH && iBound<0
     && (pC->op==SQLITE_INDEX_CONSTRAINT_EQ || pC->op==SQLITE_INDEX_CONSTRAINT_LE
      || pC->op==SQLITE_INDEX_CONSTRAINT_LT) ){
      iBound = i;
    }
    if( iCol>=0 && pC->op==SQLITE_INDEX_CONSTRAINT_EQ
     && (pTab->aCol[iCol].bIndexed
      || (pTab->bRowid ? iCol==pTab->iRowidCol
                       : pTab->aKey[0].aiCol[0]==iCol)) ){
      abSeek[p->aCol[pC->iColumn].iSide] = 1;
    }
  }
  bUp = !abSeek[RV_SOURCE] && abSeek[RV_TARGET];
  iStart = bUp ? RV_TARGET : RV_SOURCE;
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, bUp ? "/* walk up from */ SELECT "
                                  : "/* walk down from */ SELECT ");
  rvGraphCols(pStr, p, iStart, 1);
  rvAppendFrom(pStr, p, iStart, 0);
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    const char *zOp = rvOpSql(pC->op);
    const char *zColl;
    int iCol;
    if( !pC->usable || pC->iColumn<0 || zOp==0 ) continue;
    if( rvIsLikeRange(pInfo, i, mLike) ) continue;
    iCol = p->aCol[pC->iColumn].iCol;
    if( iCol<0 || p->aCol[pC->iColumn].iSide!=iStart ) continue;
    sqlite3_str_appendall(pStr, nTerm++ ? " AND " : " WHERE ");
    rvAppendId(pStr, p->aSide[iStart].zAlias);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, pTab->aCol[iCol].zName);
    zColl = pTab->aCol[iCol].zColl;
    rvAppendTermOp(pStr, pInfo, i, zOp, ++nArg, zColl ? zColl : "BINARY");
  }
  pInfo->idxNum = bUp ? RV_GRAPH_UP : 0;
  if( iBound>=0 ){
    /* Also checked by SQLite: the walk only stops early */
    pInfo->aConstraintUsage[iBound].argvIndex = ++nArg;
    pInfo->aConstraintUsage[iBound].omit = 0;
    pInfo->idxNum += nArg*RV_GRAPH_BOUND;
    if( pInfo->aConstraint[iBound].op==SQLITE_INDEX_CONSTRAINT_LT ){
      pInfo->idxNum |= RV_GRAPH_LT;
    }
  }
  pInfo->idxStr = sqlite3_str_finish(pStr);
  if( pInfo->idxStr==0 ) return SQLITE_NOMEM;
  pInfo->needToFreeIdxStr = 1;
  nRow = (abSeek[RV_SOURCE] || abSeek[RV_TARGET]) ? 100 : RV_GRAPH_ROWS*4;
  if( iBound>=0 ) nRow /= 4;
  pInfo->estimatedRows = (sqlite3_int64)nRow;
  pInfo->estimatedCost = 50 + nRow*4;
  return SQLITE_OK;
}

/**************************************************************************
** The cursor
*/

int rvGraphOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  RvVtab *p = (RvVtab*)pVtab;
  RvTable *pTab;
  RvGraph *pCur;
  assert( p->pDecl && p->pDecl->bTransitive && p->pDecl->nSide==3 );
  pTab = p->pDecl->aSide[RV_SOURCE].pTab;
  pCur = sqlite3_malloc(sizeof(RvGraph));
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  pCur->bEof = 1;
  pCur->nId = rvRowIdCount(pTab);
  assert( pCur->nId>=1 && pCur->nId<=RV_MAX_KEY );
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

/* Forget the rows reached */
static void rvGraphForget(RvGraph *pCur){
  int i, j;
  for(i=0; i<pCur->nQueue; i++){
    for(j=0; j<pCur->nId; j++) sqlite3_value_free(pCur->aQueue[i].apVal[j]);
    sqlite3_free(pCur->aQueue[i].apVal);
  }
  pCur->nQueue = 0;
  pCur->iQueue = 0;
  rvKeySetClear(&pCur->seen);
}

int rvGraphClose(sqlite3_vtab_cursor *pCursor){
  RvGraph *pCur = (RvGraph*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  rvGraphForget(pCur);
  sqlite3_free(pCur->aQueue);
  if( pCur->pStart ) rvStmtRelease(p, pCur->pStart);
  if( pCur->pNext ) rvStmtRelease(p, pCur->pNext);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Put the row of key columns iFirst.. of pStmt at the end of the queue */
static int rvGraphPush(RvGraph *pCur, sqlite3_stmt *pStmt, int iFirst,
                       int iDepth){
  RvReached *pR;
  int j;
  if( pCur->nQueue>=pCur->nAlloc ){
    int nNew = pCur->nAlloc ? pCur->nAlloc*2 : 16;
    RvReached *aNew = sqlite3_realloc64(pCur->aQueue, sizeof(RvReached)*(i64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    pCur->aQueue = aNew;
    pCur->nAlloc = nNew;
  }
  pR = &pCur->aQueue[pCur->nQueue];
  pR->iDepth = iDepth;
  pR->apVal = sqlite3_malloc64(sizeof(sqlite3_value*)*(i64)pCur->nId);
  if( pR->apVal==0 ) return SQLITE_NOMEM;
  for(j=0; j<pCur->nId; j++){
    pR->apVal[j] = sqlite3_value_dup(sqlite3_column_value(pStmt, iFirst+j));
    if( pR->apVal[j]==0 ){
      while( j-- > 0 ) sqlite3_value_free(pR->apVal[j]);
      sqlite3_free(pR->apVal);
      return SQLITE_NOMEM;
    }
  }
  pCur->nQueue++;
  return SQLITE_OK;
}

/* Step to the next view row: the next row linked to the one being
** expanded that this start has not reached, else the next row of the
** queue to expand, else the next start */
static int rvGraphStep(RvGraph *pCur){
  RvVtab *p = (RvVtab*)pCur->base.pVtab;
  int rc;
  while( 1 ){
    if( pCur->bNextRow ){
      sqlite3_stmt *pN = pCur->pNext->pStmt;
      rc = rvStmtStep(p, pCur->pNext);
      if( rc==SQLITE_ROW ){
        int bNew;
        char *zKey = rvKeyColumnsText(pN, 0, pCur->nId);
        if( zKey==0 ) return SQLITE_NOMEM;
        rc = rvKeySetAdd(&pCur->seen, zKey, &bNew);
        if( rc==SQLITE_OK && bNew ){
          rc = rvGraphPush(pCur, pN, 0, pCur->iDepth);
          if( rc==SQLITE_OK ) return SQLITE_ROW;
        }
        if( rc!=SQLITE_OK ) return rc;
        continue;
      }
      pCur->bNextRow = 0;
      if( rc!=SQLITE_DONE ) return rc;
    }
    /* Expand the next row of the queue */
    while( pCur->iQueue<pCur->nQueue ){
      RvReached *pR = &pCur->aQueue[pCur->iQueue++];
      int j;
      if( pCur->iMax>=0 && pR->iDepth>=pCur->iMax ) continue;
      for(j=0; j<pCur->nId; j++){
        rc = sqlite3_bind_value(pCur->pNext->pStmt, j+1, pR->apVal[j]);
        if( rc!=SQLITE_OK ) return rc;
      }
      pCur->iDepth = pR->iDepth+1;
      pCur->bNextRow = 1;
      break;
    }
    if( pCur->bNextRow ) continue;
    /* The next start */
    rvGraphForget(pCur);
    rc = rvStmtStep(p, pCur->pStart);
    if( rc!=SQLITE_ROW ) return rc;
    rc = rvGraphPush(pCur, pCur->pStart->pStmt, 0, 0);
    if( rc!=SQLITE_OK ) return rc;
  }
}

int rvGraphNext(sqlite3_vtab_cursor *pCursor){
  RvGraph *pCur = (RvGraph*)pCursor;
  int rc = rvGraphStep(pCur);
  if( rc==SQLITE_ROW ) return SQLITE_OK;
  pCur->bEof = 1;
  return rc==SQLITE_DONE ? SQLITE_OK : rc;
}

int rvGraphFilter(
  sqlite3_vtab_cursor *pCursor,
  int idxNum, const char *idxStr,
  int argc, sqlite3_value **argv
){
  RvGraph *pCur = (RvGraph*)pCursor;
  RvVtab *p = (RvVtab*)pCursor->pVtab;
  int bUp = (idxNum & RV_GRAPH_UP)!=0;
  int iBound = idxNum / RV_GRAPH_BOUND;
  int nStart = iBound ? iBound-1 : argc;
  int i, rc = SQLITE_OK;
  assert( iBound==0 || iBound==argc );
  pCur->bEof = 1;
  pCur->bNextRow = 0;
  rvGraphForget(pCur);
  if( pCur->pNext ){
    sqlite3_reset(pCur->pNext->pStmt);
    if( pCur->bUp!=bUp ){
      rvStmtRelease(p, pCur->pNext);
      pCur->pNext = 0;
    }
  }
  if( pCur->pNext==0 ){
    char *zSql = rvGraphNextSql(p->pDecl, bUp);
    rc = zSql ? rvStmtAcquire(p, zSql, &pCur->pNext) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    if( rc!=SQLITE_OK ) return rc;
  }
  pCur->bUp = bUp;
  if( pCur->pStart && pCur->zIdxStr==idxStr ){
    sqlite3_reset(pCur->pStart->pStmt);
  }else{
    if( pCur->pStart ) rvStmtRelease(p, pCur->pStart);
    pCur->pStart = 0;
    rc = rvStmtAcquire(p, idxStr, &pCur->pStart);
    pCur->zIdxStr = idxStr;
    if( rc!=SQLITE_OK ) return rc;
  }
  for(i=0; rc==SQLITE_OK && i<nStart; i++){
    rc = sqlite3_bind_value(pCur->pStart->pStmt, i+1, argv[i]);
  }
  if( rc!=SQLITE_OK ) return rc;
  /* The bound, where it is a number: depth <= 2.5 stops at 2 */
  pCur->iMax = -1;
  if( iBound ){
    sqlite3_value *pV = argv[iBound-1];
    int eType = sqlite3_value_numeric_type(pV);
    double r = sqlite3_value_double(pV);
    if( eType==SQLITE_INTEGER || eType==SQLITE_FLOAT ){
      if( (idxNum & RV_GRAPH_LT) && r==(double)(i64)r ) r -= 1;
      pCur->iMax = r<0 ? 0 : r>=2147483647.0 ? -1 : (int)r;
    }
  }
  pCur->bEof = 0;
  return rvGraphNext(pCursor);
}

int rvGraphEof(sqlite3_vtab_cursor *pCursor){
  return ((RvGraph*)pCursor)->bEof;
}

/* relview_key: the two rows' keys, source first */
static int rvGraphKeyColumn(sqlite3_context *ctx, RvGraph *pCur){
  sqlite3_stmt *pSource = pCur->bUp ? pCur->pNext->pStmt : pCur->pStart->pStmt;
  sqlite3_stmt *pTarget = pCur->bUp ? pCur->pStart->pStmt : pCur->pNext->pStmt;
  sqlite3_str *pStr = sqlite3_str_new(0);
  int rc = rvKeyAppendColumns(pStr, pSource, 0, pCur->nId);
  sqlite3_str_appendchar(pStr, 1, ',');
  if( rc==SQLITE_OK ) rc = rvKeyAppendColumns(pStr, pTarget, 0, pCur->nId);
  return rvResultStr(ctx, pStr, rc);
}

int rvGraphColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx, int i){
  RvGraph *pCur = (RvGraph*)pCursor;
  RvDecl *p = ((RvVtab*)pCursor->pVtab)->pDecl;
  RvViewCol *pCol;
  sqlite3_stmt *pStmt;
  assert( !pCur->bEof && pCur->bNextRow );
  assert( i>=0 && i<p->nCol );
  pCol = &p->aCol[i];
  if( pCol->iCol==RV_COL_DEPTH ){
    sqlite3_result_int(ctx, pCur->iDepth);
    return SQLITE_OK;
  }
  if( pCol->iCol==RV_COL_KEY ) return rvGraphKeyColumn(ctx, pCur);
  pStmt = (pCol->iSide==RV_SOURCE)==!pCur->bUp ? pCur->pStart->pStmt
                                              : pCur->pNext->pStmt;
  sqlite3_result_value(ctx, sqlite3_column_value(pStmt, pCur->nId+pCol->iCol));
  return SQLITE_OK;
}
