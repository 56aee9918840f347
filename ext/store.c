/*
** store.c: the SQL that writes (write.c) run on the base tables: the text
** of each statement, running it from the view's statement cache (stmt.c),
** and the undo log.
**
** Atomicity: a single-row INSERT into a virtual table inside BEGIN...COMMIT
** runs without a statement journal, and SAVEPOINT is not allowed while
** statements run.  So each xUpdate checks what it can before it writes,
** and remembers how to undo each write it makes (RvUndo): if a later write
** fails, the earlier ones are undone, newest first, before the error is
** returned.  The statement cache never hands out a statement that is
** running: a trigger on a base table may write to the same view while
** xUpdate runs.  A statement of several rows is undone by SQLite's
** statement journal, also in the tables' schema when the view is in
** another (rvJournalSchemas).
*/
#include "write.h"
#include <string.h>

void rvWriteSqlFree(RvWriteSql *pSql){
  int i;
  if( pSql==0 ) return;
  sqlite3_free(pSql->zLinkCheck);
  for(i=0; i<3; i++) sqlite3_free(pSql->aInsMemo[i].zSql);
  sqlite3_free(pSql->zDeleteSql);
  sqlite3_free(pSql->zRelinkSql);
  sqlite3_free(pSql);
}

/* Append "INSERT [OR REPLACE] INTO t(c1, c2...) VALUES(?1, ?2...)", or
** "... DEFAULT VALUES" */
void rvAppendInsert(sqlite3_str *pStr, RvTable *pTab, int bReplace,
                           int nCol, const int *aiCol){
  int i;
  sqlite3_str_appendf(pStr, "INSERT%s INTO ", bReplace ? " OR REPLACE" : "");
  rvAppendTable(pStr, pTab);
  if( nCol==0 ){
    sqlite3_str_appendall(pStr, " DEFAULT VALUES");
    return;
  }
  for(i=0; i<nCol; i++){
    sqlite3_str_appendall(pStr, i ? ", " : "(");
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
  }
  sqlite3_str_appendall(pStr, ") VALUES(");
  for(i=0; i<nCol; i++) sqlite3_str_appendf(pStr, "%s?%d", i ? ", " : "", i+1);
  sqlite3_str_appendall(pStr, ")");
}

static int rvBindArgs(sqlite3_stmt *pStmt, int nArg, const RvArg *aArg){
  int i, rc = SQLITE_OK;
  for(i=0; i<nArg && rc==SQLITE_OK; i++){
    if( aArg[i].pVal ){
      rc = sqlite3_bind_value(pStmt, i+1, aArg[i].pVal);
    }else{
      rc = sqlite3_bind_int64(pStmt, i+1, aArg[i].iVal);
    }
  }
  return rc;
}

/*
** Run statement zSql with aArg bound to ?1, ?2...  If it returns a row and
** ppRow is not NULL, *ppRow is left on that row and the caller releases
** it; else *ppRow is NULL.  An error of the statement is reported as its
** own message, unchanged (a FOREIGN KEY constraint, say).
*/
int rvRunSql(RvWrite *w, const char *zSql, int nArg, const RvArg *aArg,
                    RvStmt **ppRow){
  RvStmt *pS = 0;
  int rc;
  if( ppRow ) *ppRow = 0;
  rc = rvStmtAcquire(w->p, zSql, &pS);
  if( rc==SQLITE_OK ) rc = rvBindArgs(pS->pStmt, nArg, aArg);
  if( rc==SQLITE_OK ){
    rc = sqlite3_step(pS->pStmt);
    if( rc==SQLITE_ROW && ppRow ){
      *ppRow = pS;
      return SQLITE_OK;
    }
    if( rc==SQLITE_ROW || rc==SQLITE_DONE ){
      rc = SQLITE_OK;
    }else{
      rc = sqlite3_reset(pS->pStmt);
      w->rcInner = sqlite3_extended_errcode(w->p->db);
      /* SQLite resolves no FOREIGN KEY constraint by conflict mode: a
      ** table's statement fails and is undone whatever its OR says.  An
      ** SQLITE_CONSTRAINT from xUpdate would be ignored (OR IGNORE), keep
      ** the rows before it (OR FAIL) or end the transaction (OR ROLLBACK),
      ** so the view returns SQLITE_ERROR, with the table's message */
      if( w->rcInner==SQLITE_CONSTRAINT_FOREIGNKEY ) rc = SQLITE_ERROR;
      if( rc!=SQLITE_NOMEM ){
        rvVtabError(&w->p->base, rc, "%s", sqlite3_errmsg(w->p->db));
      }
    }
  }
  if( pS ) rvStmtRelease(w->p, pS);
  return rc;
}

/* rvRunSql() of the statement pStr (consumed) */
int rvRun(RvWrite *w, sqlite3_str *pStr, int nArg, const RvArg *aArg,
                 RvStmt **ppRow){
  char *zSql = sqlite3_str_finish(pStr);
  int rc;
  if( ppRow ) *ppRow = 0;
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = rvRunSql(w, zSql, nArg, aArg, ppRow);
  sqlite3_free(zSql);
  return rc;
}

/* Remember how to undo the write just made: zSql with aArg (copied) */
int rvPushUndo(RvWrite *w, const char *zSql, int nArg,
                      const RvArg *aArg){
  RvUndo *pU;
  int i;
  i64 nSql = (i64)strlen(zSql)+1;
  pU = sqlite3_malloc64(sizeof(RvUndo) + sizeof(RvArg)*nArg + nSql);
  if( pU==0 ) return SQLITE_NOMEM;
  memset(pU, 0, sizeof(RvUndo) + sizeof(RvArg)*nArg);
  pU->zSql = (char*)&pU->aArg[nArg>0 ? nArg : 1];
  memcpy(pU->zSql, zSql, nSql);
  pU->nArg = nArg;
  pU->pNext = w->pUndo;
  w->pUndo = pU;
  for(i=0; i<nArg; i++){
    pU->aArg[i].iVal = aArg[i].iVal;
    if( aArg[i].pVal ){
      pU->aArg[i].pVal = sqlite3_value_dup(aArg[i].pVal);
      if( pU->aArg[i].pVal==0 ) return SQLITE_NOMEM;
    }
  }
  return SQLITE_OK;
}

static void rvFreeUndo(RvWrite *w){
  while( w->pUndo ){
    RvUndo *pU = w->pUndo;
    int i;
    w->pUndo = pU->pNext;
    for(i=0; i<pU->nArg; i++) sqlite3_value_free(pU->aArg[i].pVal);
    sqlite3_free(pU);
  }
}

/*
** Undo every write of this xUpdate, newest first, and return rc, the
** error that made it necessary (its message is already in zErrMsg).
** What triggers on the base tables did besides is not undone, nor are the
** rows an OR REPLACE write removed (the README says so).  If an undo
** fails: for out-of-memory SQLite rolls back the whole transaction, since
** there is no statement journal; for any other error the message says
** that the transaction holds writes it must roll back.
*/
int rvUndoAll(RvWrite *w, int rc){
  RvUndo *pU;
  for(pU=w->pUndo; pU; pU=pU->pNext){
    RvStmt *pS = 0;
    int rc2 = rvStmtAcquire(w->p, pU->zSql, &pS);
    if( rc2==SQLITE_OK ) rc2 = rvBindArgs(pS->pStmt, pU->nArg, pU->aArg);
    if( rc2==SQLITE_OK ){
      sqlite3_step(pS->pStmt);
      rc2 = sqlite3_reset(pS->pStmt);
    }
    if( rc2!=SQLITE_OK && rc2!=SQLITE_NOMEM ){
      char *zWas = sqlite3_mprintf("%s", w->p->base.zErrMsg
                                   ? w->p->base.zErrMsg : sqlite3_errstr(rc));
      if( zWas ){
        rc2 = rvVtabError(&w->p->base, rc2, "%s; undoing the writes made "
            "before it failed too (%s): ROLLBACK the transaction", zWas,
            sqlite3_errmsg(w->p->db));
        sqlite3_free(zWas);
      }
    }
    if( pS ) rvStmtRelease(w->p, pS);
    if( rc2!=SQLITE_OK ){
      rc = rc2==SQLITE_NOMEM ? SQLITE_NOMEM : rc;
      break;
    }
  }
  rvFreeUndo(w);
  return rc;
}

/* Append "c1 = ?N AND c2 = ?N+1 ..." for columns aiCol of pTab */
void rvAppendMatch(sqlite3_str *pStr, RvTable *pTab, int nCol,
                          const int *aiCol, int iFirst){
  int i;
  for(i=0; i<nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, " AND ");
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
    sqlite3_str_appendf(pStr, " = ?%d", iFirst+i);
  }
}

/* Append "WHERE rowid = ?N" or "WHERE pk1 = ?N AND ..." for the row table */
void rvAppendRowWhere(sqlite3_str *pStr, RvDecl *pD, int iFirst){
  RvTable *pTab = pD->aSide[pD->iRowSide].pTab;
  sqlite3_str_appendall(pStr, " WHERE ");
  if( pTab->bRowid ){
    sqlite3_str_appendf(pStr, "%s = ?%d", pTab->zRowid, iFirst);
  }else{
    rvAppendMatch(pStr, pTab, pTab->aKey[0].nCol, pTab->aKey[0].aiCol, iFirst);
  }
}

/* Count of arguments rvAppendRowWhere() takes */
int rvRowWhereArgs(RvDecl *pD){
  RvTable *pTab = pD->aSide[pD->iRowSide].pTab;
  return pTab->bRowid ? 1 : pTab->aKey[0].nCol;
}

/* The end of an xUpdate call: free its undo log and the values it kept */
void rvWriteEnd(RvWrite *w){
  int i;
  rvFreeUndo(w);
  for(i=0; i<w->nOwn; i++) sqlite3_value_free(w->apOwn[i]);
  sqlite3_free(w->apOwn);
  w->apOwn = 0;
  w->nOwn = w->nOwnAlloc = 0;
}

/* Keep pVal (a copy this call made) until the call ends */
sqlite3_value *rvOwn(RvWrite *w, sqlite3_value *pVal){
  if( pVal && w->nOwn>=w->nOwnAlloc ){
    int nNew = w->nOwnAlloc ? w->nOwnAlloc*2 : 32;
    sqlite3_value **ap = sqlite3_realloc64(w->apOwn, sizeof(*ap)*nNew);
    if( ap==0 ){
      sqlite3_value_free(pVal);
      return 0;
    }
    w->apOwn = ap;
    w->nOwnAlloc = nNew;
  }
  if( pVal ) w->apOwn[w->nOwn++] = pVal;
  return pVal;
}

/* Append "UPDATE [OR REPLACE] t SET c1 = ?iFirst, c2 = ?iFirst+1 ...", or
** "= NULL" for every column if iFirst is 0 */
void rvAppendUpdate(sqlite3_str *pStr, RvTable *pTab, int bReplace,
                           int nCol, const int *aiCol, int iFirst){
  int i;
  sqlite3_str_appendf(pStr, "UPDATE%s ", bReplace ? " OR REPLACE" : "");
  rvAppendTable(pStr, pTab);
  for(i=0; i<nCol; i++){
    sqlite3_str_appendall(pStr, i ? ", " : " SET ");
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
    if( iFirst ){
      sqlite3_str_appendf(pStr, " = ?%d", iFirst+i);
    }else{
      sqlite3_str_appendall(pStr, " = NULL");
    }
  }
}

/* UPDATE t SET <aiCol> = <apNew> WHERE <zWhere with aWhere> */
static int rvWriteCols(
  RvWrite *w, RvTable *pTab, int nCol, const int *aiCol, sqlite3_value **apNew,
  const char *zWhere, int nWhere, const RvArg *aWhere
){
  RvArg aSet[RV_MAXVAL*3];
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  assert( nWhere+nCol<=RV_MAXVAL*3 );   /* rvUpdateCols() checks it */
  rvAppendUpdate(pStr, pTab, w->bReplace, nCol, aiCol, nWhere+1);
  memcpy(aSet, aWhere, sizeof(RvArg)*nWhere);
  for(i=0; i<nCol; i++){
    aSet[nWhere+i].pVal = apNew[i];
    aSet[nWhere+i].iVal = 0;
  }
  sqlite3_str_appendf(pStr, " WHERE %s", zWhere);
  return rvRun(w, pStr, nWhere+nCol, aSet, 0);
}

/*
** UPDATE columns aiCol (nCol) of the row of pTab matching aWhere (nWhere
** arguments for zWhere, a condition on ?1...) to apNew.  If bUndo (a later
** write of this xUpdate may fail), first read their old values so that
** the write can be undone; zUndoWhere/aUndo identify the row after the
** write (its key may be among the columns).
*/
int rvUpdateCols(
  RvWrite *w, RvTable *pTab, int nCol, const int *aiCol, sqlite3_value **apNew,
  const char *zWhere, int nWhere, const RvArg *aWhere,
  const char *zUndoWhere, int nUndo, const RvArg *aUndo, int bUndo
){
  RvArg aArg[RV_MAXVAL*3];
  RvStmt *pRow = 0;
  sqlite3_str *pStr;
  char *zSql;
  int i, rc;
  if( nCol==0 ) return SQLITE_OK;
  if( nCol+nWhere>RV_MAXVAL*3 || nCol+nUndo>RV_MAXVAL*3 ){
    return rvVtabError(&w->p->base, SQLITE_ERROR,
        "relview: %s: too many columns "
        "to write", w->p->zName);
  }
  if( !bUndo ) return rvWriteCols(w, pTab, nCol, aiCol, apNew, zWhere,
                                  nWhere, aWhere);

  /* The old values, for the undo */
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, "SELECT ");
  for(i=0; i<nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
  }
  sqlite3_str_appendall(pStr, " FROM ");
  rvAppendTable(pStr, pTab);
  sqlite3_str_appendf(pStr, " WHERE %s", zWhere);
  rc = rvRun(w, pStr, nWhere, aWhere, &pRow);
  if( rc!=SQLITE_OK || pRow==0 ) return rc;
  for(i=0; i<nCol && rc==SQLITE_OK; i++){
    aArg[i].pVal = rvOwn(w, sqlite3_value_dup(sqlite3_column_value(pRow->pStmt, i)));
    aArg[i].iVal = 0;
    if( aArg[i].pVal==0 ) rc = SQLITE_NOMEM;
  }
  rvStmtRelease(w->p, pRow);
  if( rc!=SQLITE_OK ) return rc;

  /* UPDATE t SET c1 = ?N, ... WHERE <zUndoWhere, ?1..>: the undo */
  pStr = sqlite3_str_new(0);
  rvAppendUpdate(pStr, pTab, 0, nCol, aiCol, nUndo+1);
  sqlite3_str_appendf(pStr, " WHERE %s", zUndoWhere);
  zSql = sqlite3_str_finish(pStr);
  if( zSql==0 ) return SQLITE_NOMEM;
  memmove(&aArg[nUndo], aArg, sizeof(RvArg)*nCol);
  memcpy(aArg, aUndo, sizeof(RvArg)*nUndo);

  /* The write itself, then the undo is pushed */
  rc = rvWriteCols(w, pTab, nCol, aiCol, apNew, zWhere, nWhere, aWhere);
  if( rc==SQLITE_OK ) rc = rvPushUndo(w, zSql, nUndo+nCol, aArg);
  sqlite3_free(zSql);
  return rc;
}

/* "c1 = ?1 AND c2 = ?2": a WHERE on columns aiCol, as a string */
char *rvMatchText(RvTable *pTab, int nCol, const int *aiCol){
  sqlite3_str *pStr = sqlite3_str_new(0);
  rvAppendMatch(pStr, pTab, nCol, aiCol, 1);
  return sqlite3_str_finish(pStr);
}

/* The row table's WHERE on its rowid or PRIMARY KEY, as a string */
char *rvRowWhereText(RvDecl *pD){
  sqlite3_str *pStr = sqlite3_str_new(0);
  rvAppendRowWhere(pStr, pD, 1);
  {
    char *z = sqlite3_str_finish(pStr);
    /* Drop the leading " WHERE " */
    if( z ) memmove(z, z+7, strlen(z+7)+1);
    return z;
  }
}

/* Append " AND EXISTS(SELECT 1 FROM <parent> WHERE <key> = ?iFirst...)" */
void rvAppendExists(sqlite3_str *pStr, RvDecl *pD, RvJoin *pJ,
                           int iFirst){
  RvTable *pP = pD->aSide[pJ->iParent].pTab;
  sqlite3_str_appendall(pStr, " AND EXISTS(SELECT 1 FROM ");
  rvAppendTable(pStr, pP);
  sqlite3_str_appendall(pStr, " WHERE ");
  rvAppendMatch(pStr, pP, pJ->nCol, pJ->aiParent, iFirst);
  sqlite3_str_appendall(pStr, ")");
}

/*
** Append " AND c1 IS ?iFirst COLLATE BINARY AND ...": columns aiCol hold
** those values as they would store them.  The column's affinity applies
** to the value (2 and '2' are the same in an INTEGER column), and the
** BINARY collation tells 'a' from 'A' in a NOCASE one.
*/
void rvAppendSame(sqlite3_str *pStr, RvTable *pTab, int nCol,
                         const int *aiCol, int iFirst){
  int i;
  for(i=0; i<nCol; i++){
    sqlite3_str_appendall(pStr, " AND ");
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
    sqlite3_str_appendf(pStr, " IS ?%d COLLATE BINARY", iFirst+i);
  }
}

/* Append " AND NOT (1 AND c1 IS ?iFirst ...)": the row is not linked so */
void rvAppendNotLinked(sqlite3_str *pStr, RvTable *pTab, int nCol,
                              const int *aiCol, int iFirst){
  sqlite3_str_appendall(pStr, " AND NOT (1");
  rvAppendSame(pStr, pTab, nCol, aiCol, iFirst);
  sqlite3_str_appendall(pStr, ")");
}

/* The association table's columns that hold a pair's keys, the source's
** then the target's, into aiFk (RV_MAXVAL*2 of them); their count */
int rvPairCols(RvDecl *pD, int *aiFk){
  RvJoin *pJ0 = &pD->aJoin[0], *pJ1 = &pD->aJoin[1];
  assert( pD->eKind==RV_MANY_TO_MANY );
  assert( pJ0->nCol<=RV_MAXVAL && pJ1->nCol<=RV_MAXVAL );
  memcpy(aiFk, pJ0->aiChild, sizeof(int)*pJ0->nCol);
  memcpy(&aiFk[pJ0->nCol], pJ1->aiChild, sizeof(int)*pJ1->nCol);
  return pJ0->nCol + pJ1->nCol;
}

/* Append " FROM <association table> AS a JOIN <source> AS s ON ... JOIN
** <target> AS t ON ... WHERE s.key = ?1 AND ... t.key = ?N": the
** association rows the view shows as the pair whose keys are bound */
static void rvAppendPairJoin(sqlite3_str *pStr, RvDecl *pD){
  int i, j, iVar = 1;
  sqlite3_str_appendall(pStr, " FROM ");
  rvAppendTable(pStr, pD->aSide[RV_ASSOC].pTab);
  sqlite3_str_appendall(pStr, " AS ");
  rvAppendId(pStr, pD->aSide[RV_ASSOC].zAlias);
  for(j=0; j<2; j++){
    RvSide *pS = &pD->aSide[pD->aJoin[j].iParent];
    sqlite3_str_appendall(pStr, " JOIN ");
    rvAppendTable(pStr, pS->pTab);
    sqlite3_str_appendall(pStr, " AS ");
    rvAppendId(pStr, pS->zAlias);
    sqlite3_str_appendall(pStr, " ON ");
    rvAppendJoinOn(pStr, pD, j, 1);
  }
  for(j=0; j<2; j++){
    RvJoin *pJ = &pD->aJoin[j];
    RvSide *pS = &pD->aSide[pJ->iParent];
    for(i=0; i<pJ->nCol; i++){
      sqlite3_str_appendall(pStr, iVar>1 ? " AND " : " WHERE ");
      rvAppendId(pStr, pS->zAlias);
      sqlite3_str_appendall(pStr, ".");
      rvAppendId(pStr, pS->pTab->aCol[pJ->aiParent[i]].zName);
      sqlite3_str_appendf(pStr, " = ?%d", iVar++);
    }
  }
}

/* Append the association table's rowid, or its PRIMARY KEY's columns,
** qualified by zAlias if not NULL */
static void rvAppendAssocKey(sqlite3_str *pStr, RvDecl *pD,
                             const char *zAlias){
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  int i;
  if( pA->bRowid ){
    if( zAlias ){ rvAppendId(pStr, zAlias); sqlite3_str_appendall(pStr, "."); }
    sqlite3_str_appendall(pStr, pA->zRowid);
    return;
  }
  for(i=0; i<pA->aKey[0].nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    if( zAlias ){ rvAppendId(pStr, zAlias); sqlite3_str_appendall(pStr, "."); }
    rvAppendId(pStr, pA->aCol[pA->aKey[0].aiCol[i]].zName);
  }
}

/*
** Append "SELECT <zWhat> FROM <association table> ... LIMIT 1": an
** association row that the view shows as the pair whose keys are bound
** from ?1, the source's then the target's (the one query "are these two
** linked").  zWhat is "1" or the association table's rowid.  Where its
** key columns compare as the join does (rvJoinIsPlain()), they are
** matched with the keys; else the rows are found as the view finds them,
** through the join from the two rows the keys name.
*/
void rvAppendPairRow(sqlite3_str *pStr, RvDecl *pD, const char *zWhat){
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  int aiFk[RV_MAXVAL*2];
  int nFk = rvPairCols(pD, aiFk);
  if( pD->bPlainJoin ){
    sqlite3_str_appendf(pStr, "SELECT %s FROM ", zWhat);
    rvAppendTable(pStr, pA);
    sqlite3_str_appendall(pStr, " WHERE ");
    rvAppendMatch(pStr, pA, nFk, aiFk, 1);
  }else{
    sqlite3_str_appendall(pStr, "SELECT ");
    if( strcmp(zWhat, "1")!=0 ){
      rvAppendId(pStr, pD->aSide[RV_ASSOC].zAlias);
      sqlite3_str_appendall(pStr, ".");
    }
    sqlite3_str_appendall(pStr, zWhat);
    rvAppendPairJoin(pStr, pD);
  }
  sqlite3_str_appendall(pStr, " LIMIT 1");
}

/* A condition on the association table's own columns that holds for the
** rows the view shows as the pair whose keys are bound from ?1, as
** rvAppendPairRow() finds them: for an UPDATE of those rows */
char *rvPairWhereText(RvDecl *pD){
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  int aiFk[RV_MAXVAL*2];
  int nFk = rvPairCols(pD, aiFk);
  sqlite3_str *pStr = sqlite3_str_new(0);
  if( pD->bPlainJoin ){
    rvAppendMatch(pStr, pA, nFk, aiFk, 1);
  }else{
    sqlite3_str_appendall(pStr, "(");
    rvAppendAssocKey(pStr, pD, 0);
    sqlite3_str_appendall(pStr, ") IN (SELECT ");
    rvAppendAssocKey(pStr, pD, pD->aSide[RV_ASSOC].zAlias);
    rvAppendPairJoin(pStr, pD);
    sqlite3_str_appendall(pStr, ")");
  }
  return sqlite3_str_finish(pStr);
}

/*
** A view in another schema than (some of) its tables, temp.v over tables
** of main say: the statement that writes the view opens a statement
** journal on the view's schema only, so when it fails on a later row,
** inside BEGIN, the rows before stayed written in the tables' schema.
** SQLite opens a schema's statement journals lazily, at every level up to
** the one a statement needs: a statement run here that opens a journal of
** its own on the tables' schema opens one at the level of the statement
** that writes the view too, and that one is rolled back (or kept) with
** it, as for a view in its tables' schema.  INSERT ... SELECT with the
** table's key given has a statement journal (several rows, a key that
** may conflict); WHERE 0 makes it write nothing.
*/
int rvJournalSchemas(RvWrite *w){
  RvDecl *pD = w->pD;
  int i, j, rc = SQLITE_OK;
  for(i=0; i<pD->nSide && rc==SQLITE_OK; i++){
    RvTable *pTab = pD->aSide[i].pTab;
    sqlite3_str *pStr;
    if( sqlite3_stricmp(pTab->zSchema, pD->zSchema)==0 ) continue;
    if( !pTab->bRowid && pTab->nPk==0 ) continue;   /* An SQL view */
    for(j=0; j<i; j++){
      if( sqlite3_stricmp(pD->aSide[j].pTab->zSchema, pTab->zSchema)==0 ) break;
    }
    if( j<i ) continue;                 /* Done for that schema */
    pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "INSERT INTO ");
    rvAppendTable(pStr, pTab);
    if( pTab->bRowid ){
      sqlite3_str_appendf(pStr, "(%s) SELECT NULL", pTab->zRowid);
    }else{
      for(j=0; j<pTab->aKey[0].nCol; j++){
        sqlite3_str_appendall(pStr, j ? ", " : "(");
        rvAppendId(pStr, pTab->aCol[pTab->aKey[0].aiCol[j]].zName);
      }
      sqlite3_str_appendall(pStr, ") SELECT NULL");
      for(j=1; j<pTab->aKey[0].nCol; j++) sqlite3_str_appendall(pStr, ", NULL");
    }
    sqlite3_str_appendall(pStr, " WHERE 0");
    rc = rvRun(w, pStr, 0, 0, 0);
  }
  return rc;
}
