/*
** write.c: xUpdate.  INSERT links, DELETE unlinks, UPDATE relinks or
** writes through to the base tables.
**
**   many-to-many (association table A between source S and target T)
**     INSERT   S and T rows named by their keys (created first when only
**              their other columns are given), then the A row; a pair
**              that is linked already gets no second A row
**     DELETE   the A row only
**     UPDATE   a key of S or T: the A row points at the new row (relink);
**              any other column: written to its own table
**   one-to-many and many-to-one (child C holds the foreign key to P)
**     INSERT   the P row named by its key (or created), then the C row:
**              an existing one (its key given) moves to P, else a new one
**     DELETE   as unlink= says: the foreign key set NULL (default), the C
**              row deleted, or refused
**     UPDATE   the key of P: the C row moves; any other column: written
**              to its own table
**
** A key that names no row is refused, whatever PRAGMA foreign_keys says.
** Such refusals return SQLITE_CONSTRAINT, so INSERT OR IGNORE, OR FAIL,
** OR ABORT and OR ROLLBACK treat them as a table treats its constraints
** (the module declares SQLITE_VTAB_CONSTRAINT_SUPPORT); OR REPLACE is
** passed on to the statements that write the base tables.  A FOREIGN KEY
** failure of a base table returns SQLITE_ERROR: SQLite resolves no foreign
** key by conflict mode (rvRunSql).
**
** Each xUpdate checks what it can before it writes, and undoes what it
** wrote if a later write fails: the statements it runs, and their undo
** log, are store.c's.
*/
#include "write.h"
#include <string.h>
#include <stdlib.h>

/**************************************************************************
** Rows and keys
*/

/* "id = 5" or "(a, b) = ('x', 2)": a key, for messages */
static char *rvKeyText(RvTable *pTab, int nCol, const int *aiCol,
                       sqlite3_value **apVal){
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  if( nCol>1 ) sqlite3_str_appendall(pStr, "(");
  for(i=0; i<nCol; i++){
    sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "", pTab->aCol[aiCol[i]].zName);
  }
  sqlite3_str_appendall(pStr, nCol>1 ? ") = (" : " = ");
  for(i=0; i<nCol; i++){
    sqlite3_value *v = apVal[i];
    if( i ) sqlite3_str_appendall(pStr, ", ");
    switch( sqlite3_value_type(v) ){
      case SQLITE_INTEGER:
        sqlite3_str_appendf(pStr, "%lld", sqlite3_value_int64(v)); break;
      case SQLITE_FLOAT: {
        /* As quote() writes it: 15 digits if they are the value, else 17
        ** (strtod() in a locale with another decimal point makes that
        ** longer, never wrong) */
        double r = sqlite3_value_double(v);
        char *z = sqlite3_mprintf("%!.15g", r);
        if( z && strtod(z, 0)!=r ){
          sqlite3_free(z);
          z = sqlite3_mprintf("%!.17g", r);
        }
        sqlite3_str_appendall(pStr, z ? z : "?");
        sqlite3_free(z);
        break;
      }
      case SQLITE_NULL:
        sqlite3_str_appendall(pStr, "NULL"); break;
      default:
        sqlite3_str_appendf(pStr, "%Q", sqlite3_value_text(v)); break;
    }
  }
  if( nCol>1 ) sqlite3_str_appendall(pStr, ")");
  return sqlite3_str_finish(pStr);
}

#define RV_STORED_ASIS    0     /* rvStoredForm(): "?N" */
#define RV_STORED_TEXT    1     /* a number as its text */
#define RV_STORED_INTEGER 2     /* a REAL that is an integer as an INTEGER */
#define RV_STORED_REAL    3     /* a number as a REAL */
#define RV_STORED_NUMBER  4     /* text that is a number as that number */
#define RV_STORED_NUMREAL 5     /* text that is a number as a REAL */

/*
** True if text z[0..n) is a number as SQLite's numeric affinity reads it:
** optional spaces, sign, digits with at most one '.', at least one digit,
** an optional exponent, optional spaces.  Anything else stays text.
*/
static int rvIsNumberText(const unsigned char *z, int n){
  int i = 0, nDigit = 0;
  while( i<n && (z[i]==' ' || (z[i]>='\t' && z[i]<='\r')) ) i++;
  if( i<n && (z[i]=='+' || z[i]=='-') ) i++;
  while( i<n && z[i]>='0' && z[i]<='9' ){ i++; nDigit++; }
  if( i<n && z[i]=='.' ){
    i++;
    while( i<n && z[i]>='0' && z[i]<='9' ){ i++; nDigit++; }
  }
  if( nDigit==0 ) return 0;
  if( i<n && (z[i]=='e' || z[i]=='E') ){
    int nExp = 0;
    i++;
    if( i<n && (z[i]=='+' || z[i]=='-') ) i++;
    while( i<n && z[i]>='0' && z[i]<='9' ){ i++; nExp++; }
    if( nExp==0 ) return 0;
  }
  while( i<n && (z[i]==' ' || (z[i]>='\t' && z[i]<='\r')) ) i++;
  return i==n;
}

/*
** What column pCol stores (and reads back) when the value pVal is written
** to it: SQLite applies the column's affinity.  TEXT turns a number into
** its text.  INTEGER, NUMERIC and REAL turn text that is a number into
** that number; INTEGER and NUMERIC also turn a REAL that is an integer
** into an INTEGER, and a REAL column reads every number back as a REAL.
** BLOB (no affinity) stores the value as it is.  Returns one of the
** RV_STORED_* forms, which rvCheckParent() writes as SQL that makes the
** stored value of the one bound: no value API is used on a copy of a
** value (SQLite 3.53 crashes on sqlite3_value_numeric_type() of one).
*/
static int rvStoredForm(const RvColumn *pCol, sqlite3_value *pVal){
  int t = sqlite3_value_type(pVal);
  if( pCol->cAff=='B' ){
    return t==SQLITE_INTEGER || t==SQLITE_FLOAT ? RV_STORED_TEXT
                                                : RV_STORED_ASIS;
  }
  if( pCol->cAff<'C' ) return RV_STORED_ASIS;
  if( t==SQLITE_TEXT ){
    const unsigned char *z = sqlite3_value_text(pVal);
    if( z==0 || !rvIsNumberText(z, sqlite3_value_bytes(pVal)) ){
      return RV_STORED_ASIS;
    }
    return pCol->cAff=='E' ? RV_STORED_NUMREAL : RV_STORED_NUMBER;
  }
  if( pCol->cAff=='E' ){
    return t==SQLITE_INTEGER ? RV_STORED_REAL : RV_STORED_ASIS;
  }
  if( t==SQLITE_FLOAT ){
    /* An integer strictly between the smallest and the largest i64, as
    ** sqlite3VdbeIntegerAffinity() requires */
    double r = sqlite3_value_double(pVal);
    if( r>-9223372036854775808.0 && r<9223372036854775808.0
     && (double)(i64)r==r ){
      return RV_STORED_INTEGER;
    }
  }
  return RV_STORED_ASIS;
}

/* Append the SQL for the stored value of ?iVar in form eForm */
static void rvAppendStored(sqlite3_str *pStr, int eForm, int iVar){
  /* The forms compare as the child column does in the join: a TEXT one
  ** with its TEXT affinity; a numeric one ("+child" in the join when the
  ** parent is not numeric) with none, so "+".  RV_STORED_NUMBER: the
  ** number, an INTEGER where it is a REAL strictly between the smallest
  ** and the largest i64 with an integer value, as the affinity makes it */
  switch( eForm ){
    case RV_STORED_TEXT:
      sqlite3_str_appendf(pStr, "CAST(?%d AS TEXT)", iVar); break;
    case RV_STORED_INTEGER:
      sqlite3_str_appendf(pStr, "+CAST(?%d AS INTEGER)", iVar); break;
    case RV_STORED_REAL:
    case RV_STORED_NUMREAL:
      sqlite3_str_appendf(pStr, "+CAST(?%d AS REAL)", iVar); break;
    case RV_STORED_NUMBER:
      sqlite3_str_appendf(pStr, "+(CASE WHEN typeof(CAST(?%d AS NUMERIC))"
          "='real' AND CAST(?%d AS NUMERIC)=CAST(CAST(?%d AS NUMERIC) AS "
          "INTEGER) AND CAST(?%d AS NUMERIC)>-9223372036854775808 AND "
          "CAST(?%d AS NUMERIC)<9223372036854775807 THEN CAST(CAST(?%d AS "
          "NUMERIC) AS INTEGER) ELSE CAST(?%d AS NUMERIC) END)",
          iVar, iVar, iVar, iVar, iVar, iVar, iVar);
      break;
    default:
      sqlite3_str_appendf(pStr, "?%d", iVar); break;
  }
}

/*
** Check that the parent row of join pJ with key values apKey exists, and
** that the child's foreign key names it too once it holds the key: the
** child column stores the value with its own affinity (rvStoredForm()),
** and the join (as PRAGMA foreign_keys) compares what it stores.  The
** TEXT key '01' written to an INTEGER foreign key is 1, which names the
** row '1', or none.  If the key names no row, or the stored key not the
** same row: SQLITE_CONSTRAINT and a message that says which.  bNew: the
** row was just made and apKey read from it; only the stored key is to be
** checked, if it differs.
*/
static int rvCheckParent(RvWrite *w, RvJoin *pJ, sqlite3_value **apKey,
                         int bNew){
  RvTable *pTab = w->pD->aSide[pJ->iParent].pTab;
  RvTable *pChild = w->pD->aSide[pJ->iChild].pTab;
  sqlite3_str *pStr = sqlite3_str_new(0);
  RvArg aArg[RV_MAXVAL*2];      /* The stored key, then the key given */
  RvStmt *pRow = 0;
  const int n = pJ->nCol;
  int i, rc, iDiff = -1;
  assert( n<=RV_MAXVAL );
  sqlite3_str_appendall(pStr, "SELECT 1 FROM ");
  rvAppendTable(pStr, pTab);
  sqlite3_str_appendall(pStr, " WHERE ");
  for(i=0; i<n; i++){
    const char *zCol = pTab->aCol[pJ->aiParent[i]].zName;
    int eForm = rvStoredForm(&pChild->aCol[pJ->aiChild[i]], apKey[i]);
    aArg[i].pVal = aArg[n+i].pVal = apKey[i];
    aArg[i].iVal = aArg[n+i].iVal = 0;
    if( iDiff<0 && eForm!=RV_STORED_ASIS ) iDiff = i;
    if( i ) sqlite3_str_appendall(pStr, " AND ");
    rvAppendId(pStr, zCol);
    sqlite3_str_appendall(pStr, " = ");
    rvAppendStored(pStr, eForm, i+1);
    sqlite3_str_appendall(pStr, " AND ");
    rvAppendId(pStr, zCol);
    sqlite3_str_appendf(pStr, " = ?%d", n+i+1);
  }
  if( bNew && iDiff<0 ){
    sqlite3_free(sqlite3_str_finish(pStr));
    return SQLITE_OK;
  }
  rc = rvRun(w, pStr, 2*n, aArg, &pRow);
  if( pRow ) rvStmtRelease(w->p, pRow);
  if( rc==SQLITE_OK && pRow==0 ){
    char *zKey = rvKeyText(pTab, n, pJ->aiParent, apKey);
    if( zKey==0 ) return SQLITE_NOMEM;
    if( iDiff>=0 ){
      /* Does the key as given name a row? */
      pStr = sqlite3_str_new(0);
      sqlite3_str_appendall(pStr, "SELECT 1 FROM ");
      rvAppendTable(pStr, pTab);
      sqlite3_str_appendall(pStr, " WHERE ");
      rvAppendMatch(pStr, pTab, n, pJ->aiParent, 1);
      rc = rvRun(w, pStr, n, &aArg[n], &pRow);
      if( pRow ) rvStmtRelease(w->p, pRow);
    }
    if( rc!=SQLITE_OK ){
      /* The second statement's error */
    }else if( pRow ){           /* Released: only says a row was there */
      const RvColumn *pC = &pChild->aCol[pJ->aiChild[iDiff]];
      rc = rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
          "relview: %s: %s.%s cannot "
          "hold %s: its %s affinity changes the value, which then names "
          "another row of %s or none; give the key as %s.%s stores it, or "
          "declare it with the type of %s.%s", w->p->zName,
          pChild->zName, pC->zName, zKey, rvAffinityName(pC->cAff),
          pTab->zName, pChild->zName, pC->zName, pTab->zName,
          pTab->aCol[pJ->aiParent[iDiff]].zName);
    }else{
      rc = rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
          "relview: %s: no row of %s "
          "has %s", w->p->zName, pTab->zName, zKey);
    }
    sqlite3_free(zKey);
  }
  return rc;
}

/*
** The values an INSERT into side iSide's table writes: columns aiExtra =
** apExtra, and the other columns the view row gives non-NULL values for.
** Fills aArg[] and aiCol[] (RV_MAXVAL*2 each) and *pmCol (the columns, if
** the table has no more than 64); returns their count, or -1 if too many.
*/
static int rvRowValues(RvWrite *w, int iSide, int nExtra, const int *aiExtra,
                       sqlite3_value **apExtra, RvArg *aArg, int *aiCol,
                       sqlite3_uint64 *pmCol){
  RvDecl *pD = w->pD;
  RvTable *pTab = pD->aSide[iSide].pTab;
  int nArg = 0;
  int i, j;
  *pmCol = 0;
  for(i=0; i<pTab->nCol; i++){
    int iV = rvViewCol(pD, iSide, i);
    sqlite3_value *pVal = 0;
    for(j=0; j<nExtra && aiExtra[j]!=i; j++){}
    if( j<nExtra ){
      pVal = apExtra[j];
    }else if( iV>=0 && !pTab->aCol[i].bGenerated
           && sqlite3_value_type(w->aNew[iV])!=SQLITE_NULL ){
      pVal = w->aNew[iV];
    }
    if( pVal==0 ) continue;
    if( nArg>=RV_MAXVAL*2 ) return -1;
    assert( nArg<RV_MAXVAL*2 );
    if( i<64 ) *pmCol |= ((sqlite3_uint64)1)<<i;
    aArg[nArg].pVal = pVal;
    aArg[nArg].iVal = 0;
    aiCol[nArg] = i;
    nArg++;
  }
  return nArg;
}

/*
** INSERT a row into side iSide's table with the non-NULL values the view
** row gives for its columns, and columns aiExtra = apExtra.  Sets *piRowid
** (if the table has a rowid) and, if bUndo (a later write of this xUpdate
** may fail; the table then has a rowid), remembers how to delete the row.
*/
static int rvInsertRow(RvWrite *w, int iSide, int nExtra, const int *aiExtra,
                       sqlite3_value **apExtra, i64 *piRowid, int bUndo){
  RvDecl *pD = w->pD;
  RvTable *pTab = pD->aSide[iSide].pTab;
  RvInsMemo *pMemo = &w->pSql->aInsMemo[iSide];
  sqlite3_uint64 mCol;          /* Columns written, if there are <=64 */
  sqlite3_str *pStr;
  RvArg aArg[RV_MAXVAL*2];
  int aiArgCol[RV_MAXVAL*2];    /* Column of each aArg[] */
  int nArg;
  int rc;
  char *zSeqUndo = 0;           /* How to put sqlite_sequence back */

  nArg = rvRowValues(w, iSide, nExtra, aiExtra, apExtra, aArg, aiArgCol,
                     &mCol);
  if( nArg<0 ){
    return rvVtabError(&w->p->base, SQLITE_ERROR,
        "relview: %s: too many columns "
        "to write", w->p->zName);
  }

  /* The statement's text: made again only when other columns are given
  ** than last time (a memo on the vtab, for tables of up to 64 columns) */
  if( pMemo->zSql==0 || pMemo->mCol!=mCol || pMemo->bReplace!=w->bReplace
   || pTab->nCol>64 ){
    pStr = sqlite3_str_new(0);
    rvAppendInsert(pStr, pTab, w->bReplace, nArg, aiArgCol);
    sqlite3_free(pMemo->zSql);
    pMemo->zSql = sqlite3_str_finish(pStr);
    pMemo->mCol = mCol;
    pMemo->bReplace = w->bReplace;
    if( pMemo->zSql==0 ) return SQLITE_NOMEM;
  }
  if( bUndo && pTab->bAutoinc ){
    /* An AUTOINCREMENT table: the INSERT advances its sqlite_sequence row,
    ** which the undo puts back as it was (or deletes, if there was none),
    ** as the rollback of a failed statement does */
    RvStmt *pRow = 0;
    pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "SELECT seq FROM ");
    rvAppendId(pStr, pTab->zSchema);
    sqlite3_str_appendf(pStr, ".sqlite_sequence WHERE name=%Q", pTab->zName);
    rc = rvRun(w, pStr, 0, 0, &pRow);
    if( rc!=SQLITE_OK ) return rc;
    pStr = sqlite3_str_new(0);
    if( pRow ){
      sqlite3_str_appendall(pStr, "UPDATE ");
      rvAppendId(pStr, pTab->zSchema);
      sqlite3_str_appendf(pStr, ".sqlite_sequence SET seq=%lld",
                          sqlite3_column_int64(pRow->pStmt, 0));
      rvStmtRelease(w->p, pRow);
    }else{
      sqlite3_str_appendall(pStr, "DELETE FROM ");
      rvAppendId(pStr, pTab->zSchema);
      sqlite3_str_appendall(pStr, ".sqlite_sequence");
    }
    sqlite3_str_appendf(pStr, " WHERE name=%Q", pTab->zName);
    zSeqUndo = sqlite3_str_finish(pStr);
    if( zSeqUndo==0 ) return SQLITE_NOMEM;
  }
  rc = rvRunSql(w, pMemo->zSql, nArg, aArg, 0);
  if( rc==SQLITE_OK && zSeqUndo ) rc = rvPushUndo(w, zSeqUndo, 0, 0);
  sqlite3_free(zSeqUndo);
  if( rc!=SQLITE_OK ) return rc;
  if( pTab->bRowid ) *piRowid = sqlite3_last_insert_rowid(w->p->db);
  if( !bUndo ) return SQLITE_OK;

  /* The undo: delete the new row by its rowid.  Only parents created
  ** before a link are undone, and those have rowids (rvInsertParent) */
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendall(pStr, "DELETE FROM ");
  rvAppendTable(pStr, pTab);
  sqlite3_str_appendf(pStr, " WHERE %s = ?1", pTab->zRowid);
  nArg = 1;
  aArg[0].pVal = 0;
  aArg[0].iVal = *piRowid;
  {
    char *zSql = sqlite3_str_finish(pStr);
    if( zSql==0 ) return SQLITE_NOMEM;
    rc = rvPushUndo(w, zSql, nArg, aArg);
    sqlite3_free(zSql);
  }
  return rc;
}

/* The arguments that rvAppendRowWhere() binds, for the row pKey names:
** its rowid, or the values of its relview_key (key.c) */
static int rvRowArgs(RvWrite *w, sqlite3_value *pKey, RvArg *aArg){
  RvTable *pTab = w->pD->aSide[w->pD->iRowSide].pTab;
  RvKeyVal aVal[RV_MAXVAL];
  const char *zKey;
  char *zBuf = 0;
  int i, rc, bInt = 1;
  if( pTab->bRowid ){
    aArg[0].pVal = 0;
    aArg[0].iVal = sqlite3_value_int64(pKey);
    return SQLITE_OK;
  }
  assert( pTab->nPk>0 && pTab->nPk<=RV_MAXVAL );
  zKey = (const char*)sqlite3_value_text(pKey);
  if( zKey==0 && sqlite3_value_type(pKey)!=SQLITE_NULL ) return SQLITE_NOMEM;
  rc = zKey ? rvKeyParse(zKey, sqlite3_value_bytes(pKey), pTab->nPk, aVal,
                         &zBuf) : SQLITE_ERROR;
  if( rc==SQLITE_ERROR ){
    rc = rvVtabError(&w->p->base, SQLITE_ERROR,
        "relview: %s: not a relview_key: "
        "%s", w->p->zName, zKey ? zKey : "NULL");
  }
  for(i=0; rc==SQLITE_OK && i<pTab->nPk; i++){
    aArg[i].pVal = 0;
    aArg[i].iVal = aVal[i].iVal;
    if( aVal[i].eType!=SQLITE_INTEGER ) bInt = 0;
  }
  if( rc==SQLITE_OK && !bInt ){
    /* Values of other types are made by "SELECT ?1, ?2, ..." (a cached
    ** statement) and kept as copies of its row */
    sqlite3_str *pStr = sqlite3_str_new(0);
    RvStmt *pS = 0;
    char *zSql;
    sqlite3_str_appendall(pStr, "SELECT ?1");
    for(i=1; i<pTab->nPk; i++) sqlite3_str_appendf(pStr, ", ?%d", i+1);
    zSql = sqlite3_str_finish(pStr);
    rc = zSql ? rvStmtAcquire(w->p, zSql, &pS) : SQLITE_NOMEM;
    sqlite3_free(zSql);
    for(i=0; rc==SQLITE_OK && i<pTab->nPk; i++){
      rc = rvKeyBind(pS->pStmt, i+1, &aVal[i]);
    }
    if( rc==SQLITE_OK && sqlite3_step(pS->pStmt)!=SQLITE_ROW ){
      rc = sqlite3_reset(pS->pStmt);
      if( rc==SQLITE_OK ) rc = SQLITE_ERROR;
    }
    for(i=0; rc==SQLITE_OK && i<pTab->nPk; i++){
      aArg[i].pVal = rvOwn(w,
          sqlite3_value_dup(sqlite3_column_value(pS->pStmt, i)));
      if( aArg[i].pVal==0 ) rc = SQLITE_NOMEM;
    }
    if( pS ) rvStmtRelease(w->p, pS);
  }
  sqlite3_free(zBuf);
  return rc;
}

/*
** The key of the parent row that join pJ leads to, for an INSERT: the
** view's columns for the parent key, else the child's columns that hold
** it (hidden in the view).  If neither is given but other columns of the
** parent are, the parent row is created first.  apKey gets pJ->nCol
** values.  A key that names no row is refused.
*/
static int rvInsertParent(RvWrite *w, RvJoin *pJ, sqlite3_value **apKey){
  RvDecl *pD = w->pD;
  RvTable *pTab = pD->aSide[pJ->iParent].pTab;
  int nGiven = 0, nOther = 0;
  int i, rc;

  assert( pJ->nCol<=RV_MAXVAL );        /* apKey has room for the key */
  for(i=0; i<pJ->nCol; i++){
    int iP = rvViewCol(pD, pJ->iParent, pJ->aiParent[i]);
    int iC = rvViewCol(pD, pJ->iChild, pJ->aiChild[i]);
    sqlite3_value *pP = w->aNew[iP];
    sqlite3_value *pC = w->aNew[iC];
    if( sqlite3_value_type(pP)!=SQLITE_NULL
     && sqlite3_value_type(pC)!=SQLITE_NULL
     && !rvSameValue(pP, pC) ){
      return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
          "relview: %s: %s and %s "
          "are both given and differ; give one of them",
          w->p->zName, pD->aCol[iP].zName, pD->aCol[iC].zName);
    }
    apKey[i] = sqlite3_value_type(pP)!=SQLITE_NULL ? pP : pC;
    if( sqlite3_value_type(apKey[i])!=SQLITE_NULL ) nGiven++;
  }
  if( nGiven==pJ->nCol ) return rvCheckParent(w, pJ, apKey, 0);
  if( nGiven>0 ){
    return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
        "relview: %s: part of the "
        "key of %s is NULL; give all of it, or none to create a %s row",
        w->p->zName, pTab->zName, pTab->zName);
  }

  /* No key: create the parent from its other columns, if any is given */
  for(i=0; i<pD->nCol; i++){
    if( pD->aCol[i].iSide==pJ->iParent && pD->aCol[i].iCol>=0
     && sqlite3_value_type(w->aNew[i])!=SQLITE_NULL ) nOther++;
  }
  if( nOther==0 ){
    return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
        "relview: %s: which %s row? "
        "give %s, or its other columns to create one", w->p->zName,
        pTab->zName, pD->aCol[rvViewCol(pD, pJ->iParent, pJ->aiParent[0])].zName);
  }
  if( !pTab->bRowid ){
    return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
        "relview: %s: a new %s row "
        "needs its key, %s: the table has no rowid to make one", w->p->zName,
        pTab->zName, pD->aCol[rvViewCol(pD, pJ->iParent, pJ->aiParent[0])].zName);
  }
  {
    i64 iRowid = 0;
    RvStmt *pRow = 0;
    RvArg aArg[1];
    sqlite3_str *pStr;
    rc = rvInsertRow(w, pJ->iParent, 0, 0, 0, &iRowid, 1);
    if( rc!=SQLITE_OK ) return rc;
    /* Read back its key: a rowid alias, a DEFAULT, a trigger's value */
    pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "SELECT ");
    for(i=0; i<pJ->nCol; i++){
      if( i ) sqlite3_str_appendall(pStr, ", ");
      rvAppendId(pStr, pTab->aCol[pJ->aiParent[i]].zName);
    }
    sqlite3_str_appendall(pStr, " FROM ");
    rvAppendTable(pStr, pTab);
    sqlite3_str_appendf(pStr, " WHERE %s = ?1", pTab->zRowid);
    aArg[0].pVal = 0;
    aArg[0].iVal = iRowid;
    rc = rvRun(w, pStr, 1, aArg, &pRow);
    for(i=0; rc==SQLITE_OK && pRow && i<pJ->nCol; i++){
      apKey[i] = rvOwn(w, sqlite3_value_dup(sqlite3_column_value(pRow->pStmt, i)));
      if( apKey[i]==0 ) rc = SQLITE_NOMEM;
      else if( sqlite3_value_type(apKey[i])==SQLITE_NULL ){
        rc = rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
            "relview: %s: the new %s "
            "row has no %s to link it by; give one", w->p->zName,
            pTab->zName, pTab->aCol[pJ->aiParent[i]].zName);
      }
    }
    if( rc==SQLITE_OK && pRow==0 ){
      rc = rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
          "relview: %s: the new %s row "
          "is gone before it could be linked (a trigger deleted it)",
          w->p->zName, pTab->zName);
    }
    if( pRow ) rvStmtRelease(w->p, pRow);
    /* The child must name the new row once it stores the key */
    if( rc==SQLITE_OK ) rc = rvCheckParent(w, pJ, apKey, 1);
  }
  return rc;
}

/*
** The key of join pJ's parent that an INSERT gives (the parent's key
** columns, or the child's that hold it), if it gives all of it, agrees
** with itself and is stored as given (rvStoresAsGiven()): then apKey gets
** it and the return is true.  Else false, and rvInsertParent() says what
** is wrong, checks the key as the child stores it or creates the parent.
*/
static int rvGivenKey(RvWrite *w, RvJoin *pJ, sqlite3_value **apKey){
  RvDecl *pD = w->pD;
  int i;
  assert( pJ->nCol<=RV_MAXVAL );
  for(i=0; i<pJ->nCol; i++){
    sqlite3_value *pP = w->aNew[rvViewCol(pD, pJ->iParent, pJ->aiParent[i])];
    sqlite3_value *pC = w->aNew[rvViewCol(pD, pJ->iChild, pJ->aiChild[i])];
    int bP = sqlite3_value_type(pP)!=SQLITE_NULL;
    int bC = sqlite3_value_type(pC)!=SQLITE_NULL;
    if( bP && bC && !rvSameValue(pP, pC) ) return 0;
    if( !bP && !bC ) return 0;
    apKey[i] = bP ? pP : pC;
    if( !rvStoresAsGiven(&pD->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[i]],
                         apKey[i]) ){
      return 0;
    }
  }
  return 1;
}

/*
** The usual INSERT into a many-to-many view: both keys given, both rows
** there, the pair not linked yet.  One statement checks (its text made
** once per view), then a single-row INSERT ... VALUES, which needs no
** statement journal, adds the pair.  With a unique key on the pair, the
** check leaves the pair to that key: a pair linked already fails the
** INSERT, which then has done nothing (triggers included: a failing
** statement takes back its own writes).  *pbDone says whether it was
** done; if not, rvInsertMany() takes its steps, which also say what is
** wrong.  apKey gets the keys given, if any.
*/
static int rvInsertManyFast(RvWrite *w, sqlite3_value **apKey, i64 *pRowid,
                            int *pbDone){
  RvDecl *pD = w->pD;
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  RvJoin *pJ0 = &pD->aJoin[0], *pJ1 = &pD->aJoin[1];
  int aiFk[RV_MAXVAL*2];
  RvArg aArg[RV_MAXVAL*2];
  RvStmt *pRow = 0;
  int nFk = rvPairCols(pD, aiFk);
  int bUnique;                  /* A unique key on the pair */
  int i, rc, rc2;
  *pbDone = 0;
  if( w->bReplace || nFk>RV_MAXVAL
   || !rvGivenKey(w, pJ0, apKey) || !rvGivenKey(w, pJ1, &apKey[pJ0->nCol]) ){
    return SQLITE_OK;
  }
  /* Unique as the view sees it only where the pair compares plainly */
  bUnique = rvIsUniqueKey(pA, nFk, aiFk) && pD->bPlainJoin;
  if( w->pSql->zLinkCheck==0 ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    sqlite3_str_appendall(pStr, "SELECT 1");
    rvAppendExists(pStr, pD, pJ0, 1);
    rvAppendExists(pStr, pD, pJ1, 1+pJ0->nCol);
    if( !bUnique ){
      sqlite3_str_appendall(pStr, " AND NOT EXISTS(");
      rvAppendPairRow(pStr, pD, "1");
      sqlite3_str_appendall(pStr, ")");
    }
    w->pSql->zLinkCheck = sqlite3_str_finish(pStr);
    if( w->pSql->zLinkCheck==0 ) return SQLITE_NOMEM;
  }
  for(i=0; i<nFk; i++){
    aArg[i].pVal = apKey[i];
    aArg[i].iVal = 0;
  }
  rc = rvRunSql(w, w->pSql->zLinkCheck, nFk, aArg, &pRow);
  if( rc!=SQLITE_OK ) return rc;
  if( pRow==0 || sqlite3_column_int(pRow->pStmt, 0)==0 ){
    if( pRow ) rvStmtRelease(w->p, pRow);
    return SQLITE_OK;
  }
  rvStmtRelease(w->p, pRow);
  rc = rvInsertRow(w, RV_ASSOC, nFk, aiFk, apKey, pRowid, 0);
  *pbDone = 1;
  if( !bUnique || (rc & 0xff)!=SQLITE_CONSTRAINT ) return rc;
  /* Linked already only if the INSERT broke a unique key and the pair is
  ** there; any other failure (a CHECK, a trigger's write through a view
  ** that failed) is the error, not to be tried again */
  if( w->rcInner!=SQLITE_CONSTRAINT_PRIMARYKEY
   && w->rcInner!=SQLITE_CONSTRAINT_UNIQUE ){
    return rc;
  }else{
    sqlite3_str *pStr = sqlite3_str_new(0);
    rvAppendPairRow(pStr, pD, "1");
    rc2 = rvRun(w, pStr, nFk, aArg, &pRow);
    if( rc2==SQLITE_NOMEM ){
      rvVtabError(&w->p->base, rc2, 0);   /* not the INSERT's message */
    }
    if( rc2!=SQLITE_OK ) return rc2;
    if( pRow==0 ) return rc;
    rvStmtRelease(w->p, pRow);
  }
  rvVtabError(&w->p->base, SQLITE_OK, 0);    /* linked already: the steps */
  *pbDone = 0;
  return SQLITE_OK;
}

/* INSERT OR REPLACE of a pair linked already: the association columns
** given are written to its row (aArg: the pair's keys) */
static int rvReplacePairCols(RvWrite *w, const RvArg *aArg){
  RvDecl *pD = w->pD;
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  int aiFk[RV_MAXVAL*2];
  int aiCol[RV_MAXVAL*2];
  sqlite3_value *apNew[RV_MAXVAL*2];
  int nFk = rvPairCols(pD, aiFk);
  int nCol = 0;
  char *zWhere;
  int i, j, rc;
  for(i=0; i<pA->nCol; i++){
    int iV = rvViewCol(pD, RV_ASSOC, i);
    for(j=0; j<nFk && aiFk[j]!=i; j++){}
    if( j<nFk || iV<0 || pA->aCol[i].bGenerated ) continue;
    if( sqlite3_value_type(w->aNew[iV])==SQLITE_NULL ) continue;
    if( nCol>=RV_MAXVAL*2 ){
      return rvVtabError(&w->p->base, SQLITE_ERROR, "relview: %s: too many "
          "columns to write", w->p->zName);
    }
    aiCol[nCol] = i;
    apNew[nCol++] = w->aNew[iV];
  }
  zWhere = rvPairWhereText(pD);
  if( zWhere==0 ) return SQLITE_NOMEM;
  rc = rvUpdateCols(w, pA, nCol, aiCol, apNew, zWhere, nFk, aArg,
                    zWhere, nFk, aArg, 0);
  sqlite3_free(zWhere);
  return rc;
}

/*
** INSERT into a many-to-many view: the source and target rows (found or
** created), then the association row unless the pair is linked already.
*/
static int rvInsertMany(RvWrite *w, i64 *pRowid){
  RvDecl *pD = w->pD;
  RvTable *pA = pD->aSide[RV_ASSOC].pTab;
  RvJoin *pJ0 = &pD->aJoin[0], *pJ1 = &pD->aJoin[1];
  sqlite3_value *apKey[RV_MAXVAL*2];
  int aiFk[RV_MAXVAL*2];
  RvArg aArg[RV_MAXVAL*2];
  RvStmt *pRow = 0;
  sqlite3_str *pStr;
  int nFk = rvPairCols(pD, aiFk);
  int bDone = 0;
  int i, rc;

  rc = rvInsertManyFast(w, apKey, pRowid, &bDone);
  if( rc!=SQLITE_OK || bDone ) return rc;
  rc = rvInsertParent(w, pJ0, apKey);
  if( rc==SQLITE_OK ) rc = rvInsertParent(w, pJ1, &apKey[pJ0->nCol]);
  if( rc!=SQLITE_OK ) return rc;
  for(i=0; i<nFk; i++){
    aArg[i].pVal = apKey[i];
    aArg[i].iVal = 0;
  }

  /* Linked already?  No second row; OR REPLACE writes the association's
  ** other columns */
  pStr = sqlite3_str_new(0);
  rvAppendPairRow(pStr, pD, pA->bRowid ? pA->zRowid : "1");
  rc = rvRun(w, pStr, nFk, aArg, &pRow);
  if( rc!=SQLITE_OK ) return rc;
  if( pRow ){
    if( pA->bRowid ) *pRowid = sqlite3_column_int64(pRow->pStmt, 0);
    rvStmtRelease(w->p, pRow);
    return w->bReplace ? rvReplacePairCols(w, aArg) : SQLITE_OK;
  }
  return rvInsertRow(w, RV_ASSOC, nFk, aiFk, apKey, pRowid, 0);
}

/*
** INSERT into a one-to-many or many-to-one view: the parent (found or
** created), then the child: one named by its PRIMARY KEY moves to the
** parent; else a new child row.
*/
static int rvInsertPair(RvWrite *w, i64 *pRowid){
  RvDecl *pD = w->pD;
  RvJoin *pJ = &pD->aJoin[0];
  RvTable *pC = pD->aSide[pJ->iChild].pTab;
  sqlite3_value *apKey[RV_MAXVAL];
  sqlite3_value *apPk[RV_MAXVAL];
  RvArg aArg[RV_MAXVAL*2];
  int i, rc;
  int nPk = pC->nPk;

  assert( pJ->nCol<=RV_MAXVAL && nPk<=RV_MAXVAL );
  /* The usual move in one statement: the parent's key given and its row
  ** there, the child named by a key that is its rowid (or it has none)
  ** and linked elsewhere.  Anything else takes the steps below. */
  for(i=0; i<nPk; i++){
    apPk[i] = w->aNew[rvViewCol(pD, pJ->iChild, pC->aKey[0].aiCol[i])];
    if( sqlite3_value_type(apPk[i])==SQLITE_NULL ) break;
  }
  if( !w->bReplace && nPk>0 && i==nPk && nPk+2*pJ->nCol<=RV_MAXVAL
   && (pC->iRowidCol>=0 || !pC->bRowid) && rvGivenKey(w, pJ, apKey) ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    rvAppendUpdate(pStr, pC, 0, pJ->nCol, pJ->aiChild, 1);
    for(i=0; i<pJ->nCol; i++){
      aArg[i].pVal = apKey[i];
      aArg[i].iVal = 0;
    }
    for(i=0; i<nPk; i++){
      aArg[pJ->nCol+i].pVal = apPk[i];
      aArg[pJ->nCol+i].iVal = 0;
    }
    sqlite3_str_appendall(pStr, " WHERE ");
    rvAppendMatch(pStr, pC, nPk, pC->aKey[0].aiCol, pJ->nCol+1);
    rvAppendNotLinked(pStr, pC, pJ->nCol, pJ->aiChild, 1);
    rvAppendExists(pStr, pD, pJ, 1);
    rc = rvRun(w, pStr, pJ->nCol+nPk, aArg, 0);
    if( rc!=SQLITE_OK ) return rc;
    if( sqlite3_changes(w->p->db)==1 ){
      if( pC->bRowid ) *pRowid = sqlite3_value_int64(apPk[0]);
      return SQLITE_OK;
    }
  }

  rc = rvInsertParent(w, pJ, apKey);
  if( rc!=SQLITE_OK ) return rc;

  /* A child named by its key that exists: move it */
  for(i=0; i<nPk; i++){
    int iV = rvViewCol(pD, pJ->iChild, pC->aKey[0].aiCol[i]);
    apPk[i] = w->aNew[iV];
    if( sqlite3_value_type(apPk[i])==SQLITE_NULL ) break;
    aArg[i].pVal = apPk[i];
    aArg[i].iVal = 0;
  }
  if( nPk>0 && i==nPk ){
    RvStmt *pRow = 0;
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zWhere;
    /* Linked to that parent already: its foreign key holds the key, as
    ** the column stores it (its affinity applied, compared BINARY) */
    sqlite3_str_appendf(pStr, "SELECT %s, 1", pC->bRowid ? pC->zRowid : "NULL");
    rvAppendSame(pStr, pC, pJ->nCol, pJ->aiChild, nPk+1);
    sqlite3_str_appendall(pStr, " FROM ");
    rvAppendTable(pStr, pC);
    sqlite3_str_appendall(pStr, " WHERE ");
    rvAppendMatch(pStr, pC, nPk, pC->aKey[0].aiCol, 1);
    assert( nPk+pJ->nCol<=RV_MAXVAL*2 );
    for(i=0; i<pJ->nCol; i++){
      aArg[nPk+i].pVal = apKey[i];
      aArg[nPk+i].iVal = 0;
    }
    rc = rvRun(w, pStr, nPk+pJ->nCol, aArg, &pRow);
    if( rc!=SQLITE_OK || pRow==0 ){
      if( rc==SQLITE_OK ){
        rc = rvInsertRow(w, pJ->iChild, pJ->nCol, pJ->aiChild, apKey,
                         pRowid, 0);
      }
      return rc;
    }
    if( pC->bRowid ) *pRowid = sqlite3_column_int64(pRow->pStmt, 0);
    i = sqlite3_column_int(pRow->pStmt, 1);
    rvStmtRelease(w->p, pRow);
    if( i ) return SQLITE_OK;                 /* Linked to it already */
    zWhere = rvMatchText(pC, nPk, pC->aKey[0].aiCol);
    if( zWhere==0 ) return SQLITE_NOMEM;
    rc = rvUpdateCols(w, pC, pJ->nCol, pJ->aiChild, apKey, zWhere, nPk, aArg,
                      zWhere, nPk, aArg, 0);
    sqlite3_free(zWhere);
    return rc;
  }
  return rvInsertRow(w, pJ->iChild, pJ->nCol, pJ->aiChild, apKey,
                     pRowid, 0);
}

/* DELETE: remove the association row, or unlink the child as declared */
static int rvDelete(RvWrite *w, sqlite3_value *pKey){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  RvArg aArg[RV_MAXVAL];
  int nArg = rvRowWhereArgs(pD);
  int rc;
  assert( nArg<=RV_MAXVAL );
  rc = rvRowArgs(w, pKey, aArg);
  if( rc!=SQLITE_OK ) return rc;
  if( pD->eKind==RV_MANY_TO_MANY || pD->eUnlink==RV_UNLINK_DELETE ){
    if( w->pSql->zDeleteSql==0 ){
      sqlite3_str *pStr = sqlite3_str_new(0);
      sqlite3_str_appendall(pStr, "DELETE FROM ");
      rvAppendTable(pStr, pR);
      rvAppendRowWhere(pStr, pD, 1);
      w->pSql->zDeleteSql = sqlite3_str_finish(pStr);
      if( w->pSql->zDeleteSql==0 ) return SQLITE_NOMEM;
    }
    return rvRunSql(w, w->pSql->zDeleteSql, nArg, aArg, 0);
  }else{
    RvJoin *pJ = &pD->aJoin[0];
    const char *zParent = pD->aSide[pJ->iParent].pTab->zName;
    sqlite3_str *pStr;
    int i;
    if( pD->eUnlink==RV_UNLINK_REFUSE ){
      return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
          "relview: %s: a %s row "
          "is not unlinked from its %s here (unlink=refuse); delete it from "
          "%s, or declare unlink=set_null or unlink=delete", w->p->zName,
          pR->zName, zParent, pR->zName);
    }
    for(i=0; i<pJ->nCol; i++){
      RvColumn *pCol = &pR->aCol[pJ->aiChild[i]];
      if( pCol->bNotNull ){
        return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
            "relview: %s: cannot "
            "unlink a %s row from its %s: %s.%s is NOT NULL; declare "
            "unlink=delete to delete the row instead", w->p->zName,
            pR->zName, zParent, pR->zName, pCol->zName);
      }
    }
    pStr = sqlite3_str_new(0);
    rvAppendUpdate(pStr, pR, 0, pJ->nCol, pJ->aiChild, 0);
    rvAppendRowWhere(pStr, pD, 1);
    return rvRun(w, pStr, nArg, aArg, 0);
  }
}

/*
** The columns of join pJ's parent that an UPDATE sets, other than the key
** the row is linked by: their count, and if aiCol is not NULL the columns
** and new values.  -1 if there are more than RV_MAXVAL*3.
*/
static int rvParentCols(RvWrite *w, RvJoin *pJ, int *aiCol,
                        sqlite3_value **apNew){
  RvDecl *pD = w->pD;
  RvTable *pP = pD->aSide[pJ->iParent].pTab;
  int i, k, nCol = 0;
  for(i=0; i<pP->nCol; i++){
    int iV = rvViewCol(pD, pJ->iParent, i);
    for(k=0; k<pJ->nCol && pJ->aiParent[k]!=i; k++){}
    if( k<pJ->nCol || iV<0 || pP->aCol[i].bGenerated ) continue;
    if( sqlite3_value_nochange(w->aNew[iV]) ) continue;
    if( aiCol ){
      if( nCol>=RV_MAXVAL*3 ) return -1;
      aiCol[nCol] = i;
      apNew[nCol] = w->aNew[iV];
    }
    nCol++;
  }
  return nCol;
}

/* An UPDATE of one view row: what its steps (rvUpdateRow) share */
typedef struct RvUpd RvUpd;
struct RvUpd {
  RvArg aWhere[RV_MAXVAL];      /* The row's key in the row table */
  int nWhere;                   /* Its count: rvRowWhereArgs() */
  sqlite3_value *apOld[RV_MAXVAL*3];  /* Row table's values, by column */
  unsigned char abSame[RV_MAXVAL*4];  /* Per foreign-key column, the new
                                ** parent key value and the new column
                                ** value: each is what the column holds */
  sqlite3_value *apKey[2][RV_MAXVAL]; /* Each join's parent key after */
  int abRelink[2];              /* Each join is relinked */
};

/* True if view column i is one of join pJ's key columns, on either side */
static int rvIsJoinKey(RvDecl *pD, RvJoin *pJ, int i){
  int j;
  for(j=0; j<pJ->nCol; j++){
    if( (pD->aCol[i].iSide==pJ->iParent && pD->aCol[i].iCol==pJ->aiParent[j])
     || (pD->aCol[i].iSide==pJ->iChild && pD->aCol[i].iCol==pJ->aiChild[j]) ){
      return 1;
    }
  }
  return 0;
}

/*
** The usual relink of a one-to-many or many-to-one view in one statement:
** only the parent's key is set, all of it, to a row that is there, as the
** child stores it.  *pbDone says whether it was; if not, rvUpdateRow()
** takes its steps.
*/
static int rvUpdateFast(RvWrite *w, RvUpd *u, int *pbDone){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  RvJoin *pJ = &pD->aJoin[0];
  sqlite3_value *apSet[RV_MAXVAL];
  RvArg aArg[RV_MAXVAL];
  int i, rc;
  *pbDone = 0;
  if( pD->nJoin!=1 || w->bReplace || u->nWhere+pJ->nCol>RV_MAXVAL ){
    return SQLITE_OK;
  }
  for(i=0; i<pD->nCol; i++){
    if( pD->aCol[i].iCol<0 || sqlite3_value_nochange(w->aNew[i]) ) continue;
    if( !rvIsJoinKey(pD, pJ, i) ) return SQLITE_OK;
  }
  for(i=0; i<pJ->nCol; i++){
    sqlite3_value *pP = w->aNew[rvViewCol(pD, pJ->iParent, pJ->aiParent[i])];
    sqlite3_value *pC = w->aNew[rvViewCol(pD, pJ->iChild, pJ->aiChild[i])];
    int bP = !sqlite3_value_nochange(pP);
    int bC = !sqlite3_value_nochange(pC);
    apSet[i] = bP ? pP : pC;
    if( (!bP && !bC) || (bP && bC && !rvSameValue(pP, pC))
     || sqlite3_value_type(apSet[i])==SQLITE_NULL
     || !rvStoresAsGiven(&pR->aCol[pJ->aiChild[i]], apSet[i]) ){
      return SQLITE_OK;
    }
  }
  memcpy(aArg, u->aWhere, sizeof(RvArg)*u->nWhere);
  for(i=0; i<pJ->nCol; i++){
    aArg[u->nWhere+i].pVal = apSet[i];
    aArg[u->nWhere+i].iVal = 0;
  }
  if( w->pSql->zRelinkSql==0 ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    rvAppendUpdate(pStr, pR, 0, pJ->nCol, pJ->aiChild, u->nWhere+1);
    rvAppendRowWhere(pStr, pD, 1);
    rvAppendNotLinked(pStr, pR, pJ->nCol, pJ->aiChild, u->nWhere+1);
    rvAppendExists(pStr, pD, pJ, u->nWhere+1);
    w->pSql->zRelinkSql = sqlite3_str_finish(pStr);
    if( w->pSql->zRelinkSql==0 ) return SQLITE_NOMEM;
  }
  rc = rvRunSql(w, w->pSql->zRelinkSql, u->nWhere+pJ->nCol, aArg, 0);
  *pbDone = rc==SQLITE_OK && sqlite3_changes(w->p->db)==1;
  return rc;
}

/*
** The row as it is now (u->apOld), and for each foreign-key column whether
** the new value of the parent's key column and of the column itself (when
** they are set) are what it holds (u->abSame, rvAppendSame).  *pbGone if
** the row is not there.
*/
static int rvUpdateRead(RvWrite *w, RvUpd *u, int *pbGone){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  RvArg aSel[RV_MAXVAL*5];      /* The row's key, new values */
  int nSel = u->nWhere;
  RvStmt *pRow = 0;
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i, j, k, rc;
  assert( pR->nCol<=RV_MAXVAL*3 );
  sqlite3_str_appendall(pStr, "SELECT ");
  for(i=0; i<pR->nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    rvAppendId(pStr, pR->aCol[i].zName);
  }
  memcpy(aSel, u->aWhere, sizeof(RvArg)*u->nWhere);
  for(j=0; j<pD->nJoin; j++){
    RvJoin *pJ = &pD->aJoin[j];
    for(i=0; i<pJ->nCol; i++){
      for(k=0; k<2; k++){
        sqlite3_value *pV = w->aNew[k==0 ?
            rvViewCol(pD, pJ->iParent, pJ->aiParent[i]) :
            rvViewCol(pD, pJ->iChild, pJ->aiChild[i])];
        sqlite3_str_appendall(pStr, ", 1");
        rvAppendSame(pStr, pR, 1, &pJ->aiChild[i], nSel+1);
        assert( nSel<(int)(sizeof(aSel)/sizeof(aSel[0])) );
        aSel[nSel].pVal = sqlite3_value_nochange(pV) ? 0 : pV;
        aSel[nSel].iVal = 0;
        nSel++;
      }
    }
  }
  sqlite3_str_appendall(pStr, " FROM ");
  rvAppendTable(pStr, pR);
  rvAppendRowWhere(pStr, pD, 1);
  rc = rvRun(w, pStr, nSel, aSel, &pRow);
  *pbGone = pRow==0;
  if( rc!=SQLITE_OK || pRow==0 ) return rc;
  for(i=0; i<pR->nCol && rc==SQLITE_OK; i++){
    u->apOld[i] = rvOwn(w,
        sqlite3_value_dup(sqlite3_column_value(pRow->pStmt, i)));
    if( u->apOld[i]==0 ) rc = SQLITE_NOMEM;
  }
  for(i=0; i<nSel-u->nWhere; i++){
    u->abSame[i] = (unsigned char)sqlite3_column_int(pRow->pStmt, pR->nCol+i);
  }
  rvStmtRelease(w->p, pRow);
  return rc;
}

/*
** The parent each join leads to after the UPDATE (u->apKey), which joins
** it relinks (u->abRelink), and that each parent key set is a row the
** child will name (rvCheckParent()).
*/
static int rvUpdateKeys(RvWrite *w, RvUpd *u){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  int nSel = 0;
  int i, j, rc;
  for(j=0; j<pD->nJoin; j++){
    RvJoin *pJ = &pD->aJoin[j];
    int nNull = 0;
    int bCheck = 0;
    for(i=0; i<pJ->nCol; i++){
      int iP = rvViewCol(pD, pJ->iParent, pJ->aiParent[i]);
      int iC = rvViewCol(pD, pJ->iChild, pJ->aiChild[i]);
      const RvColumn *pFk = &pR->aCol[pJ->aiChild[i]];
      /* A column that is set to a new value; SQLite passes the current
      ** value of the ones not set when it does not say "nochange" */
      int bGivenP = !sqlite3_value_nochange(w->aNew[iP]);
      int bGivenC = !sqlite3_value_nochange(w->aNew[iC]);
      int bSetP = bGivenP && !u->abSame[nSel];
      int bSetC = bGivenC && !u->abSame[nSel+1];
      nSel += 2;
      if( bSetP && bSetC && !rvSameValue(w->aNew[iP], w->aNew[iC]) ){
        return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
            "relview: %s: %s and %s "
            "are both set and differ; set one of them", w->p->zName,
            pD->aCol[iP].zName, pD->aCol[iC].zName);
      }
      /* A key set to what the child holds already is no relink ('1' for
      ** the integer 1); but where the child's affinity may have made it
      ** so, the key as given is checked to name the same row ('01' is 1
      ** too, and may name another row of a TEXT key) */
      if( bSetP || bSetC ){
        u->apKey[j][i] = bSetP ? w->aNew[iP] : w->aNew[iC];
        u->abRelink[j] = 1;
      }else if( bGivenP && !rvStoresAsGiven(pFk, w->aNew[iP]) ){
        u->apKey[j][i] = w->aNew[iP];
        bCheck = 1;
      }else if( bGivenC && !rvStoresAsGiven(pFk, w->aNew[iC]) ){
        u->apKey[j][i] = w->aNew[iC];
        bCheck = 1;
      }else{
        u->apKey[j][i] = u->apOld[pJ->aiChild[i]];
      }
      if( sqlite3_value_type(u->apKey[j][i])==SQLITE_NULL ) nNull++;
    }
    if( (u->abRelink[j] || bCheck) && nNull==0 ){
      rc = rvCheckParent(w, pJ, u->apKey[j], 0);
      if( rc!=SQLITE_OK ) return rc;
    }
  }
  return SQLITE_OK;
}

/* A many-to-many relink onto a pair that is linked already: an error */
static int rvUpdateNotLinked(RvWrite *w, RvUpd *u){
  RvDecl *pD = w->pD;
  RvArg aArg[RV_MAXVAL*2];
  RvStmt *pRow = 0;
  sqlite3_str *pStr;
  int nFk = 0;
  int i, j, rc;
  if( pD->eKind!=RV_MANY_TO_MANY || w->bReplace
   || (!u->abRelink[0] && !u->abRelink[1]) ){
    return SQLITE_OK;
  }
  for(j=0; j<2; j++){
    for(i=0; i<pD->aJoin[j].nCol; i++){
      aArg[nFk].pVal = u->apKey[j][i];
      aArg[nFk].iVal = 0;
      nFk++;
    }
  }
  pStr = sqlite3_str_new(0);
  rvAppendPairRow(pStr, pD, "1");
  rc = rvRun(w, pStr, nFk, aArg, &pRow);
  if( rc!=SQLITE_OK || pRow==0 ) return rc;
  rvStmtRelease(w->p, pRow);
  return rvVtabError(&w->p->base, SQLITE_CONSTRAINT, "relview: %s: that %s row "
      "and %s row are linked already", w->p->zName,
      pD->aSide[RV_SOURCE].pTab->zName, pD->aSide[RV_TARGET].pTab->zName);
}

/* True if column iCol of the row table holds a key of a join */
static int rvIsForeignKey(RvDecl *pD, int iCol){
  int j, k;
  for(j=0; j<pD->nJoin; j++){
    for(k=0; k<pD->aJoin[j].nCol; k++){
      if( pD->aJoin[j].aiChild[k]==iCol ) return 1;
    }
  }
  return 0;
}

/* The row table: its foreign keys to relink, and the other columns set */
static int rvUpdateRowTable(RvWrite *w, RvUpd *u){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  int aiCol[RV_MAXVAL*3];
  sqlite3_value *apNew[RV_MAXVAL*3];
  RvArg aUndo[RV_MAXVAL];       /* The row's key after the write */
  int nCol = 0;
  char *zWhere;
  int i, j, k, rc;
  for(i=0; i<pR->nCol; i++){
    int iV = rvViewCol(pD, pD->iRowSide, i);
    sqlite3_value *pVal = 0;
    for(j=0; j<pD->nJoin && pVal==0; j++){
      if( !u->abRelink[j] ) continue;
      for(k=0; k<pD->aJoin[j].nCol; k++){
        if( pD->aJoin[j].aiChild[k]==i ) pVal = u->apKey[j][k];
      }
    }
    if( pVal==0 && iV>=0 && !pR->aCol[i].bGenerated
     && !sqlite3_value_nochange(w->aNew[iV]) && !rvIsForeignKey(pD, i) ){
      pVal = w->aNew[iV];
    }
    if( pVal ){
      assert( nCol<RV_MAXVAL*3 );        /* pR->nCol is checked before */
      aiCol[nCol] = i;
      apNew[nCol++] = pVal;
    }
  }
  /* After the write the row is found by its new key, if that changed */
  if( pR->bRowid ){
    aUndo[0] = u->aWhere[0];
    for(i=0; i<nCol; i++){
      if( aiCol[i]==pR->iRowidCol ) aUndo[0].pVal = apNew[i];
    }
  }else{
    for(i=0; i<pR->nPk; i++){
      aUndo[i] = u->aWhere[i];
      for(j=0; j<nCol; j++){
        if( aiCol[j]==pR->aKey[0].aiCol[i] ) aUndo[i].pVal = apNew[j];
      }
    }
  }
  zWhere = rvRowWhereText(pD);
  if( zWhere==0 ) return SQLITE_NOMEM;
  rc = rvUpdateCols(w, pR, nCol, aiCol, apNew, zWhere, u->nWhere, u->aWhere,
                    zWhere, u->nWhere, aUndo,
                    rvParentCols(w, &pD->aJoin[0], 0, 0)
                    || (pD->nJoin>1 && rvParentCols(w, &pD->aJoin[1], 0, 0)));
  sqlite3_free(zWhere);
  return rc;
}

/* Each parent: the columns set, other than the key it is linked by */
static int rvUpdateParents(RvWrite *w, RvUpd *u){
  RvDecl *pD = w->pD;
  int aiCol[RV_MAXVAL*3];
  sqlite3_value *apNew[RV_MAXVAL*3];
  int rc = SQLITE_OK;
  int i, j;
  for(j=0; j<pD->nJoin && rc==SQLITE_OK; j++){
    RvJoin *pJ = &pD->aJoin[j];
    RvTable *pP = pD->aSide[pJ->iParent].pTab;
    RvArg aKey[RV_MAXVAL];
    char *zWhere;
    int nCol = rvParentCols(w, pJ, aiCol, apNew);
    if( nCol<0 ){
      return rvVtabError(&w->p->base, SQLITE_ERROR, "relview: %s: too many "
          "columns to write", w->p->zName);
    }
    if( nCol==0 ) continue;
    for(i=0; i<pJ->nCol; i++){
      if( sqlite3_value_type(u->apKey[j][i])==SQLITE_NULL ){
        return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
            "relview: %s: the row "
            "is linked to no %s row to write to", w->p->zName, pP->zName);
      }
      aKey[i].pVal = u->apKey[j][i];
      aKey[i].iVal = 0;
    }
    zWhere = rvMatchText(pP, pJ->nCol, pJ->aiParent);
    if( zWhere==0 ) return SQLITE_NOMEM;
    rc = rvUpdateCols(w, pP, nCol, aiCol, apNew, zWhere, pJ->nCol, aKey,
                      zWhere, pJ->nCol, aKey,
                      j+1<pD->nJoin && rvParentCols(w, &pD->aJoin[j+1], 0, 0));
    sqlite3_free(zWhere);
  }
  return rc;
}

/*
** UPDATE: the columns the statement sets (the others come as "nochange"
** values, see rvColumn) say what to do.  A parent's key column, or the
** child's hidden column that holds it, relinks; any other column is
** written to its own table.  Checks first, then the row table, then the
** parents.
*/
static int rvUpdateRow(RvWrite *w, sqlite3_value *pOld, sqlite3_value *pNew){
  RvDecl *pD = w->pD;
  RvTable *pR = pD->aSide[pD->iRowSide].pTab;
  RvUpd u;
  int bDone = 0, bGone = 0;
  int rc;

  if( !rvSameValue(pOld, pNew) ){
    return rvVtabError(&w->p->base, SQLITE_CONSTRAINT,
        "relview: %s: the %s of a "
        "row cannot change", w->p->zName, pR->bRowid ? "rowid" : "relview_key");
  }
  if( pR->nCol>RV_MAXVAL*3 ){
    return rvVtabError(&w->p->base, SQLITE_ERROR,
        "relview: %s: too many columns "
        "to write", w->p->zName);
  }
  memset(&u, 0, sizeof(u));
  u.nWhere = rvRowWhereArgs(pD);
  assert( u.nWhere<=RV_MAXVAL && pR->nPk<=RV_MAXVAL );
  assert( pD->aJoin[0].nCol<=RV_MAXVAL );
  assert( pD->nJoin<2 || pD->aJoin[1].nCol<=RV_MAXVAL );
  rc = rvRowArgs(w, pOld, u.aWhere);
  if( rc==SQLITE_OK ) rc = rvUpdateFast(w, &u, &bDone);
  if( rc!=SQLITE_OK || bDone ) return rc;
  rc = rvUpdateRead(w, &u, &bGone);
  if( rc!=SQLITE_OK || bGone ) return rc;
  rc = rvUpdateKeys(w, &u);
  if( rc==SQLITE_OK ) rc = rvUpdateNotLinked(w, &u);
  if( rc==SQLITE_OK ) rc = rvUpdateRowTable(w, &u);
  if( rc==SQLITE_OK ) rc = rvUpdateParents(w, &u);
  return rc;
}

/*
** xUpdate.  argc==1: DELETE of the row argv[0] names.  argv[0] NULL:
** INSERT of argv[2..].  Else UPDATE of row argv[0] to argv[2..].
*/
int rvUpdate(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv,
             sqlite_int64 *pRowid){
  RvVtab *p = (RvVtab*)pVtab;
  RvWrite w;
  i64 iRowid = sqlite3_last_insert_rowid(p->db);  /* Kept if no rowid */
  int rc;

  if( p->pDecl==0 ){
    return rvVtabError(&p->base, SQLITE_ERROR, "%s", p->zBroken);
  }
  if( p->pDecl->bTransitive ) return rvWalkRefuse(p);
  /* A trigger on a base table that writes to a view runs this function
  ** again, inside the statement this one runs: refuse to go deeper than
  ** RV_MAX_WRITE_DEPTH, as SQLite refuses deep trigger recursion */
  if( p->pConn->nWriteDepth>=RV_MAX_WRITE_DEPTH ){
    return rvVtabError(&p->base, SQLITE_ERROR,
        "relview: %s: too many levels of "
        "nested writes through relationship views (more than %d)",
        p->zName, RV_MAX_WRITE_DEPTH);
  }
  if( p->pWriteSql==0 ){
    p->pWriteSql = sqlite3_malloc(sizeof(RvWriteSql));
    if( p->pWriteSql==0 ) return SQLITE_NOMEM;
    memset(p->pWriteSql, 0, sizeof(RvWriteSql));
  }
  p->pConn->nWriteDepth++;
  memset(&w, 0, sizeof(w));
  w.p = p;
  w.pD = p->pDecl;
  w.pSql = p->pWriteSql;
  w.aNew = argc>1 ? &argv[2] : 0;
  w.bReplace = sqlite3_vtab_on_conflict(p->db)==SQLITE_REPLACE;

  rc = rvJournalSchemas(&w);
  if( rc!=SQLITE_OK ){
    /* Nothing written yet */
  }else if( argc==1 ){
    rc = rvDelete(&w, argv[0]);
  }else if( sqlite3_value_type(argv[0])==SQLITE_NULL ){
    if( p->pDecl->eKind==RV_MANY_TO_MANY ){
      rc = rvInsertMany(&w, &iRowid);
    }else{
      rc = rvInsertPair(&w, &iRowid);
    }
    *pRowid = iRowid;
  }else{
    rc = rvUpdateRow(&w, argv[0], argv[1]);
  }

  if( rc!=SQLITE_OK ){
    rc = rvUndoAll(&w, rc);
  }
  p->pConn->nWriteDepth--;
  rvWriteEnd(&w);
  return rc;
}
