/*
** doctor.c: the rows of pragma_relview_doctor, what is wrong with the
** relationships of a schema, each problem once, most severe first:
**
**   error    a foreign key to a missing table or column, or to columns
**            that are neither the PRIMARY KEY nor UNIQUE (SQLite's
**            "foreign key mismatch"); a relview view that cannot be used;
**            a view declared trust_keys=yes whose data breaks the promise
**   warning  rows whose foreign key names no row; a foreign key whose
**            columns lead no index (every one-to-many read scans the
**            child, and an association table's reverse lookups scan it);
**            the same pair twice in a table of two foreign keys with no
**            unique key on them; unlink=set_null over a NOT NULL foreign
**            key; PRAGMA foreign_keys off while the schema has views
**
** Each row has the SQL that mends it (or the declaration argument to
** give), where there is one.  The data checks read each child table once,
** with a lookup of the parent's key per row (its index); the duplicates
** check groups a table of two foreign keys (a sort).
*/
#include "relviewInt.h"
#include <string.h>
#include <stdlib.h>

#define RV_DOC_ERROR   0
#define RV_DOC_WARNING 1

typedef struct RvDoc RvDoc;
struct RvDoc {
  sqlite3 *db;
  RvArena *pA;                  /* The rows' strings */
  const char *zSchema;          /* As SQLite names it */
  int nRow, nAlloc;
  RvDocRow *aRow;               /* sqlite3_malloc()ed */
  int bViews;                   /* The schema has relview views */
};

/* Add a row; zDetail and zFix are sqlite3_mprintf() strings, taken (NULL
** zFix: none).  SQLITE_NOMEM if anything is missing. */
static int rvDocAdd(RvDoc *p, int eSev, const char *zObject,
                    const char *zProblem, char *zDetail, char *zFix,
                    int bFix){
  static const char *const azSev[] = { "error", "warning" };
  RvDocRow *pRow;
  int rc = SQLITE_OK;
  if( zDetail==0 || (bFix && zFix==0) ) rc = SQLITE_NOMEM;
  if( rc==SQLITE_OK && p->nRow>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 16;
    RvDocRow *aNew = sqlite3_realloc64(p->aRow, sizeof(RvDocRow)*(i64)nNew);
    if( aNew==0 ){
      rc = SQLITE_NOMEM;
    }else{
      p->aRow = aNew;
      p->nAlloc = nNew;
    }
  }
  if( rc==SQLITE_OK ){
    pRow = &p->aRow[p->nRow];
    memset(pRow, 0, sizeof(*pRow));
    pRow->zSeverity = azSev[eSev];
    pRow->zObject = rvStrdup(p->pA, zObject);
    pRow->zProblem = zProblem;
    pRow->zDetail = rvStrdup(p->pA, zDetail);
    pRow->zFix = zFix ? rvStrdup(p->pA, zFix) : 0;
    if( pRow->zObject==0 || pRow->zDetail==0 || (zFix && pRow->zFix==0) ){
      rc = SQLITE_NOMEM;
    }else{
      p->nRow++;
    }
  }
  sqlite3_free(zDetail);
  sqlite3_free(zFix);
  return rc;
}

/* The one integer of SQL zSql (SQLITE_NOMEM if it cannot be made) */
static int rvDocCount(RvDoc *p, char *zSql, i64 *pn){
  sqlite3_stmt *pStmt = 0;
  int rc;
  *pn = 0;
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if( rc==SQLITE_OK ){
    if( sqlite3_step(pStmt)==SQLITE_ROW ) *pn = sqlite3_column_int64(pStmt, 0);
    rc = sqlite3_finalize(pStmt);
  }
  return rc;
}

/* Append "c1, c2" (or with zQual, "zQual.c1, ...") for columns aiCol */
static void rvDocCols(sqlite3_str *pStr, const RvTable *pTab, int nCol,
                      const int *aiCol, const char *zQual, const char *zSep){
  int i;
  for(i=0; i<nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, zSep);
    if( zQual ){
      rvAppendId(pStr, zQual);
      sqlite3_str_appendall(pStr, ".");
    }
    rvAppendId(pStr, pTab->aCol[aiCol[i]].zName);
  }
}

/* "table(c1, c2)" for a message */
static char *rvDocName(const RvTable *pTab, int nCol, const int *aiCol){
  sqlite3_str *pStr = sqlite3_str_new(0);
  rvAppendId(pStr, pTab->zName);
  sqlite3_str_appendall(pStr, "(");
  rvDocCols(pStr, pTab, nCol, aiCol, 0, ", ");
  sqlite3_str_appendall(pStr, ")");
  return sqlite3_str_finish(pStr);
}

/* A name of an index for table pTab and columns aiCol that no object of
** the schema has: <table>_<col>_<col>[_<n>] */
static char *rvDocIndexName(RvDoc *p, const RvTable *pTab, int nCol,
                            const int *aiCol){
  int n, i;
  for(n=1; n<100; n++){
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    i64 nUsed = 0;
    int rc;
    sqlite3_str_appendall(pStr, pTab->zName);
    for(i=0; i<nCol; i++){
      sqlite3_str_appendf(pStr, "_%s", pTab->aCol[aiCol[i]].zName);
    }
    if( n>1 ) sqlite3_str_appendf(pStr, "_%d", n);
    z = sqlite3_str_finish(pStr);
    if( z==0 ) return 0;
    rc = rvDocCount(p, sqlite3_mprintf("SELECT count(*) FROM \"%w\".sqlite_master"
        " WHERE name=%Q COLLATE NOCASE", p->zSchema, z), &nUsed);
    if( rc==SQLITE_OK && nUsed==0 ) return z;
    sqlite3_free(z);
    if( rc!=SQLITE_OK ) return 0;
  }
  return sqlite3_mprintf("%s_relview_idx", pTab->zName);
}

/*
** Append the condition that a row of child table zChild (as the SQL
** names it: an alias or "schema"."table") holds a foreign key that names
** no row of parent table pPar, compared as SQLite's foreign key check
** compares: "c IS NOT NULL AND ... AND NOT EXISTS (SELECT 1 FROM parent
** AS rv_parent WHERE rv_parent.k = +c ...)", the parent's affinity and
** collation applied.
*/
static void rvDocOrphan(sqlite3_str *pStr, RvDoc *p, const RvTable *pChild,
                        const char *zChild, const RvTable *pPar, int nCol,
                        const int *aiFrom, const int *aiTo){
  const char *zP = sqlite3_stricmp(pChild->zName, "rv_parent")==0
                 ? "rv_parent_" : "rv_parent";
  int i;
  for(i=0; i<nCol; i++){
    sqlite3_str_appendf(pStr, "%s%s.", i ? " AND " : "", zChild);
    rvAppendId(pStr, pChild->aCol[aiFrom[i]].zName);
    sqlite3_str_appendall(pStr, " IS NOT NULL");
  }
  sqlite3_str_appendf(pStr, " AND NOT EXISTS (SELECT 1 FROM \"%w\".\"%w\" AS"
                      " \"%w\" WHERE ", p->zSchema, pPar->zName, zP);
  for(i=0; i<nCol; i++){
    sqlite3_str_appendf(pStr, "%s\"%w\".", i ? " AND " : "", zP);
    rvAppendId(pStr, pPar->aCol[aiTo[i]].zName);
    sqlite3_str_appendf(pStr, " = +%s.", zChild);
    rvAppendId(pStr, pChild->aCol[aiFrom[i]].zName);
  }
  sqlite3_str_appendall(pStr, ")");
}

/* True if every column of aiCol is NULL-able */
static int rvDocNullable(const RvTable *pTab, int nCol, const int *aiCol){
  int i;
  for(i=0; i<nCol; i++) if( pTab->aCol[aiCol[i]].bNotNull ) return 0;
  return 1;
}

/*
** Rows whose foreign key names no row: a count, the query that lists
** them (detail) and the UPDATE that sets the key NULL, or the DELETE
** where it cannot be NULL (fix).
*/
static int rvDocOrphans(RvDoc *p, const char *zObject, const RvTable *pTab,
                        const RvTable *pPar, int nCol, const int *aiFrom,
                        const int *aiTo, const char *zWhy){
  sqlite3_str *pStr = sqlite3_str_new(0);
  char *zT = sqlite3_mprintf("\"%w\".\"%w\"", p->zSchema, pTab->zName);
  char *zCond, *zName, *zFix;
  i64 n = 0;
  int rc, i;
  if( zT ) rvDocOrphan(pStr, p, pTab, zT, pPar, nCol, aiFrom, aiTo);
  zCond = sqlite3_str_finish(pStr);
  if( zT==0 || zCond==0 ){
    sqlite3_free(zT);
    sqlite3_free(zCond);
    return SQLITE_NOMEM;
  }
  rc = rvDocCount(p, sqlite3_mprintf("SELECT count(*) FROM %s WHERE %s",
                                     zT, zCond), &n);
  if( rc==SQLITE_OK && n>0 ){
    zName = rvDocName(pTab, nCol, aiFrom);
    pStr = sqlite3_str_new(0);
    if( rvDocNullable(pTab, nCol, aiFrom) ){
      sqlite3_str_appendf(pStr, "UPDATE %s SET ", zT);
      for(i=0; i<nCol; i++){
        if( i ) sqlite3_str_appendall(pStr, ", ");
        rvAppendId(pStr, pTab->aCol[aiFrom[i]].zName);
        sqlite3_str_appendall(pStr, " = NULL");
      }
    }else{
      sqlite3_str_appendf(pStr, "DELETE FROM %s", zT);
    }
    sqlite3_str_appendf(pStr, " WHERE %s", zCond);
    zFix = sqlite3_str_finish(pStr);
    rc = rvDocAdd(p, zWhy ? RV_DOC_ERROR : RV_DOC_WARNING, zObject,
        zWhy ? "trust_keys broken" : "orphan rows",
        zName==0 ? 0 : sqlite3_mprintf("%lld row%s of %s name%s no row of "
            "%s%s; list them: SELECT * FROM %s WHERE %s", n, n>1 ? "s" : "",
            zName, n>1 ? "" : "s", pPar->zName, zWhy ? zWhy : "", zT, zCond),
        zFix, 1);
    sqlite3_free(zName);
  }
  sqlite3_free(zT);
  sqlite3_free(zCond);
  return rc;
}

/* True if some column of aiCol leads an index (or is the rowid) */
static int rvDocIndexed(const RvTable *pTab, int nCol, const int *aiCol){
  int i;
  for(i=0; i<nCol; i++) if( pTab->aCol[aiCol[i]].bIndexed ) return 1;
  return 0;
}

/* The checks of one foreign key, k, of table pTab */
static int rvDocFkey(RvDoc *p, RvArena *pScratch, const RvTable *pTab,
                     int k){
  const RvFkey *pF = &pTab->aFkey[k];
  RvTable *pPar = 0;
  char *zErr = 0;
  char *zName;
  int aiTo[RV_MAX_KEY];
  int i, rc;
  if( pF->nCol>RV_MAX_KEY ) return SQLITE_OK;   /* No view could use it */
  assert( pF->nCol>=1 && pF->nCol<=RV_MAX_KEY );
  zName = rvDocName(pTab, pF->nCol, pF->aiFrom);
  if( zName==0 ) return SQLITE_NOMEM;
  rc = rvTableLoad(p->db, pScratch, p->zSchema, p->zSchema, pF->zParent,
                   &pPar, &zErr, 0);
  if( rc==SQLITE_ERROR ){
    rc = rvDocAdd(p, RV_DOC_ERROR, pTab->zName, "missing parent table",
        sqlite3_mprintf("%s references %s, which is not a table of %s (%s)",
                        zName, pF->zParent, p->zSchema,
                        zErr && strncmp(zErr, "relview: ", 9)==0 ? zErr+9
                                                               : zErr), 0, 0);
    goto fkey_done;
  }
  if( rc ) goto fkey_done;
  /* The parent key: the columns named, or the PRIMARY KEY */
  for(i=0; i<pF->nCol; i++){
    if( pF->azTo==0 ){
      aiTo[i] = pPar->nPk==pF->nCol ? pPar->aKey[0].aiCol[i] : -1;
    }else{
      aiTo[i] = rvColumnIndex(pPar, pF->azTo[i]);
      if( aiTo[i]<0 ){
        rc = rvDocAdd(p, RV_DOC_ERROR, pTab->zName, "missing parent column",
            sqlite3_mprintf("%s references %s.%s, which has no such column",
                            zName, pPar->zName, pF->azTo[i]), 0, 0);
        goto fkey_done;
      }
    }
  }
  if( aiTo[0]<0 || !rvIsUniqueKey(pPar, pF->nCol, aiTo) ){
    char *zPar = aiTo[0]<0 ? 0 : rvDocName(pPar, pF->nCol, aiTo);
    char *zIdx = aiTo[0]<0 ? 0 : rvDocIndexName(p, pPar, pF->nCol, aiTo);
    if( aiTo[0]<0 ){
      rc = rvDocAdd(p, RV_DOC_ERROR, pTab->zName, "parent key not unique",
          sqlite3_mprintf("%s references the PRIMARY KEY of %s, which has "
              "none of %d column%s (SQLite: foreign key mismatch); name the "
              "parent columns in the REFERENCES clause", zName, pPar->zName,
              pF->nCol, pF->nCol>1 ? "s" : ""), 0, 0);
    }else if( zPar && zIdx ){
      sqlite3_str *pStr = sqlite3_str_new(0);
      sqlite3_str_appendf(pStr, "CREATE UNIQUE INDEX \"%w\".\"%w\" ON \"%w\"(",
                          p->zSchema, zIdx, pPar->zName);
      rvDocCols(pStr, pPar, pF->nCol, aiTo, 0, ", ");
      sqlite3_str_appendall(pStr, ")");
      rc = rvDocAdd(p, RV_DOC_ERROR, pTab->zName, "parent key not unique",
          sqlite3_mprintf("%s references %s, which is neither the PRIMARY KEY "
              "nor UNIQUE (SQLite: foreign key mismatch)", zName, zPar),
          sqlite3_str_finish(pStr), 1);
    }else{
      rc = SQLITE_NOMEM;
    }
    sqlite3_free(zPar);
    sqlite3_free(zIdx);
    goto fkey_done;
  }
  rc = rvDocOrphans(p, pTab->zName, pTab, pPar, pF->nCol, pF->aiFrom, aiTo, 0);
  if( rc==SQLITE_OK && !rvDocIndexed(pTab, pF->nCol, pF->aiFrom) ){
    char *zIdx = rvDocIndexName(p, pTab, pF->nCol, pF->aiFrom);
    char *zFix = 0;
    if( zIdx ){
      sqlite3_str *pStr = sqlite3_str_new(0);
      sqlite3_str_appendf(pStr, "CREATE INDEX \"%w\".\"%w\" ON \"%w\"(",
                          p->zSchema, zIdx, pTab->zName);
      rvDocCols(pStr, pTab, pF->nCol, pF->aiFrom, 0, ", ");
      sqlite3_str_appendall(pStr, ")");
      zFix = sqlite3_str_finish(pStr);
      sqlite3_free(zIdx);
    }
    rc = rvDocAdd(p, RV_DOC_WARNING, pTab->zName, "unindexed foreign key",
        sqlite3_mprintf("no index of %s starts with %s: each lookup of the "
            "rows that reference a %s row scans %s%s", pTab->zName, zName,
            pPar->zName, pTab->zName, pTab->nFkey>1
            ? " (an association table: its lookups from that side)" : ""),
        zFix, 1);
  }
fkey_done:
  sqlite3_free(zName);
  sqlite3_free(zErr);
  return rc;
}

/*
** A table of two foreign keys (an association, or one that means to be)
** with no unique key within their columns: the same pair twice is two
** links where a many-to-many view shows one.
*/
static int rvDocPairs(RvDoc *p, const RvTable *pTab){
  int aiCol[2*RV_MAX_KEY];
  int nCol = 0, i, j, k, rc;
  sqlite3_str *pStr;
  char *zCols, *zNotNull;
  i64 n = 0;
  if( pTab->nFkey!=2 ) return SQLITE_OK;
  for(k=0; k<2; k++){
    const RvFkey *pF = &pTab->aFkey[k];
    if( pF->nCol>RV_MAX_KEY ) return SQLITE_OK;
    for(i=0; i<pF->nCol; i++){
      for(j=0; j<nCol && aiCol[j]!=pF->aiFrom[i]; j++){}
      if( j==nCol ) aiCol[nCol++] = pF->aiFrom[i];
    }
  }
  assert( nCol<=2*RV_MAX_KEY );
  for(i=0; i<pTab->nKey; i++){
    const RvKey *pKey = &pTab->aKey[i];
    for(j=0; j<pKey->nCol; j++){
      for(k=0; k<nCol && aiCol[k]!=pKey->aiCol[j]; k++){}
      if( k==nCol ) break;
    }
    if( j==pKey->nCol ) return SQLITE_OK;     /* Unique within the pair */
  }
  pStr = sqlite3_str_new(0);
  rvDocCols(pStr, pTab, nCol, aiCol, 0, ", ");
  zCols = sqlite3_str_finish(pStr);
  pStr = sqlite3_str_new(0);
  rvDocCols(pStr, pTab, nCol, aiCol, 0, " IS NOT NULL AND ");
  sqlite3_str_appendall(pStr, " IS NOT NULL");
  zNotNull = sqlite3_str_finish(pStr);
  if( zCols==0 || zNotNull==0 ){
    rc = SQLITE_NOMEM;
  }else{
    rc = rvDocCount(p, sqlite3_mprintf("SELECT count(*) FROM (SELECT 1 FROM"
        " \"%w\".\"%w\" WHERE %s GROUP BY %s HAVING count(*)>1)", p->zSchema,
        pTab->zName, zNotNull, zCols), &n);
  }
  if( rc==SQLITE_OK && n>0 ){
    char *zFix = 0;
    if( pTab->bRowid ){
      zFix = sqlite3_mprintf("DELETE FROM \"%w\".\"%w\" WHERE %s AND %s NOT "
          "IN (SELECT min(%s) FROM \"%w\".\"%w\" WHERE %s GROUP BY %s)",
          p->zSchema, pTab->zName, zNotNull, pTab->zRowid, pTab->zRowid,
          p->zSchema, pTab->zName, zNotNull, zCols);
    }
    rc = rvDocAdd(p, RV_DOC_WARNING, pTab->zName, "duplicate links",
        sqlite3_mprintf("%lld pair%s of (%s) appear%s more than once in %s, "
            "which has no unique key on them; after the fix, CREATE UNIQUE "
            "INDEX on (%s) keeps it so", n, n>1 ? "s" : "", zCols,
            n>1 ? "" : "s", pTab->zName, zCols),
        zFix, pTab->bRowid);
  }
  sqlite3_free(zCols);
  sqlite3_free(zNotNull);
  return rc;
}

/* The checks of relview view zName, declared by zSql */
static int rvDocView(RvDoc *p, const char *zName, const char *zSql){
  char **azArg = 0;
  char *zErr = 0;
  RvDecl *pD = 0;
  int nArg = 0, rc, j;
  rc = rvSplitCreateSql(zSql, &nArg, &azArg);
  if( rc!=SQLITE_OK || nArg==0 ) return rc;   /* Another module's table */
  p->bViews = 1;
  rc = rvDeclBuild(p->db, p->zSchema, zName, nArg, (const char*const*)azArg,
                   &pD, &zErr, 0);
  sqlite3_free(azArg);
  if( rc==SQLITE_ERROR ){
    rc = rvDocAdd(p, RV_DOC_ERROR, zName, "view cannot be used",
                  sqlite3_mprintf("%s", zErr), 0, 0);
  }
  sqlite3_free(zErr);
  if( rc!=SQLITE_OK || pD==0 ) return rc;
  if( pD->bTrustKeys ){
    /* Each foreign key of the row table names a row, as the join compares */
    for(j=0; j<pD->nJoin && rc==SQLITE_OK; j++){
      const RvJoin *pJ = &pD->aJoin[j];
      char *zWhy = sqlite3_mprintf(", though %s declares trust_keys=yes "
          "(a query that reads no other column of %s counts them)", zName,
          pD->aSide[pJ->iParent].pTab->zName);
      rc = zWhy ? rvDocOrphans(p, zName, pD->aSide[pJ->iChild].pTab,
                               pD->aSide[pJ->iParent].pTab, pJ->nCol,
                               pJ->aiChild, pJ->aiParent, zWhy) : SQLITE_NOMEM;
      sqlite3_free(zWhy);
    }
  }
  if( rc==SQLITE_OK && pD->nSide==2 && !pD->bTransitive
   && pD->eUnlink==RV_UNLINK_SET_NULL ){
    const RvJoin *pJ = &pD->aJoin[0];
    const RvTable *pC = pD->aSide[pJ->iChild].pTab;
    if( !rvDocNullable(pC, pJ->nCol, pJ->aiChild) ){
      char *zFk = rvDocName(pC, pJ->nCol, pJ->aiChild);
      rc = rvDocAdd(p, RV_DOC_WARNING, zName, "unlink cannot set NULL",
          zFk ? sqlite3_mprintf("a DELETE from %s sets %s NULL (unlink="
              "set_null, the default), which NOT NULL refuses; declare what "
              "to do instead", zName, zFk) : 0,
          sqlite3_mprintf("unlink=delete"), 1);
      sqlite3_free(zFk);
    }
  }
  rvDeclFree(pD);
  return rc;
}

static int rvDocCompare(const void *a, const void *b){
  const RvDocRow *x = (const RvDocRow*)a, *y = (const RvDocRow*)b;
  int c = strcmp(x->zSeverity, y->zSeverity);   /* "error" < "warning" */
  if( c==0 ) c = strcmp(x->zObject, y->zObject);
  if( c==0 ) c = strcmp(x->zProblem, y->zProblem);
  if( c==0 ) c = strcmp(x->zDetail, y->zDetail);
  return c;
}

int rvDoctorList(sqlite3 *db, const char *zSchema, RvArena *pA,
                 int *pnRow, RvDocRow **paRow, char **pzErr){
  RvDoc d;
  sqlite3_stmt *pStmt = 0;
  int rc;
  memset(&d, 0, sizeof(d));
  d.db = db;
  d.pA = pA;
  *pnRow = 0;
  *paRow = 0;
  rc = rvSchemaName(db, zSchema, pA, &d.zSchema, pzErr);
  if( rc!=SQLITE_OK ) return rc;
  {
    char *zSql = sqlite3_mprintf("SELECT name, sql FROM \"%w\".sqlite_master"
        " WHERE type='table' AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\'"
        " ORDER BY name", d.zSchema);
    rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
  }
  while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    const char *zDef = (const char*)sqlite3_column_text(pStmt, 1);
    if( zName==0 || zDef==0 ){
      rc = sqlite3_errcode(db)==SQLITE_NOMEM ? SQLITE_NOMEM : SQLITE_OK;
      continue;
    }
    if( sqlite3_strnicmp(zDef, "CREATE VIRTUAL", 14)==0 ){
      rc = rvDocView(&d, zName, zDef);
    }else{
      RvArena scratch = {0};
      RvTable *pTab = 0;
      char *zErr = 0;
      int k;
      rc = rvTableLoad(db, &scratch, d.zSchema, d.zSchema, zName, &pTab,
                       &zErr, 0);
      if( rc==SQLITE_ERROR ) rc = SQLITE_OK;  /* Not readable: no checks */
      for(k=0; pTab && rc==SQLITE_OK && k<pTab->nFkey; k++){
        rc = rvDocFkey(&d, &scratch, pTab, k);
      }
      if( pTab && rc==SQLITE_OK ) rc = rvDocPairs(&d, pTab);
      sqlite3_free(zErr);
      rvArenaFree(&scratch);
    }
  }
  if( pStmt ){
    int rc2 = sqlite3_finalize(pStmt);
    if( rc==SQLITE_OK ) rc = rc2;
  }
  if( rc==SQLITE_OK && d.bViews ){
    sqlite3_stmt *pFk = 0;
    rc = sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &pFk, 0);
    if( rc==SQLITE_OK && sqlite3_step(pFk)==SQLITE_ROW
     && sqlite3_column_int(pFk, 0)==0 ){
      rc = rvDocAdd(&d, RV_DOC_WARNING, d.zSchema, "foreign keys off",
          sqlite3_mprintf("PRAGMA foreign_keys is off on this connection: "
              "relationship views check the keys they write, but other "
              "writes to the tables may leave rows that name no row"),
          sqlite3_mprintf("PRAGMA foreign_keys=ON"), 1);
    }
    if( pFk ){
      int rc2 = sqlite3_finalize(pFk);
      if( rc==SQLITE_OK ) rc = rc2;
    }
  }
  if( rc==SQLITE_OK ){
    /* Most severe first, then by object: the order of a deterministic
    ** listing; one more row holds the schema */
    RvDocRow *aRow = rvAlloc(pA, sizeof(RvDocRow)*(i64)(d.nRow+1));
    if( aRow==0 ){
      rc = SQLITE_NOMEM;
    }else{
      if( d.nRow ) memcpy(aRow, d.aRow, sizeof(RvDocRow)*(size_t)d.nRow);
      qsort(aRow, (size_t)d.nRow, sizeof(RvDocRow), rvDocCompare);
      aRow[d.nRow].zObject = d.zSchema;
      *pnRow = d.nRow;
      *paRow = aRow;
    }
  }else if( rc!=SQLITE_NOMEM ){
    rvSetErr(pzErr, "relview: doctor: %s", sqlite3_errmsg(db));
  }
  sqlite3_free(d.aRow);
  return rc;
}
