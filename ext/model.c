/*
** model.c: what a base table is, as SQLite's own pragmas describe it.
**
** rvTableLoad() finds the table (in the schema the user named, else in the
** view's own schema, then temp, main and the attached ones), and reads
**
**   table_xinfo        columns, declared types, NOT NULL, PRIMARY KEY
**   index_list/xinfo   unique keys, indexed columns, WITHOUT ROWID
**   foreign_key_list   references to other tables
**
** plus each column's collation from sqlite3_table_column_metadata().
** Everything is allocated in the caller's arena.
*/
#include "relviewInt.h"
#include <string.h>

/* Prepare the SQL made from zFmt; on failure copy the error to *pzErr */
static int rvPrepare(
  sqlite3 *db, sqlite3_stmt **pp, char **pzErr, const char *zFmt, ...
){
  char *zSql;
  int rc;
  va_list ap;
  va_start(ap, zFmt);
  zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  *pp = 0;
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, pp, 0);
  sqlite3_free(zSql);
  if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM ){
    rvSetErr(pzErr, "relview: %s", sqlite3_errmsg(db));
  }
  return rc;
}

/* Count the rows of pStmt and reset it */
static int rvCountRows(sqlite3_stmt *pStmt, int *pn){
  int n = 0;
  int rc;
  while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ) n++;
  *pn = n;
  rc = sqlite3_reset(pStmt);
  return rc;
}

/* A copy of column iCol of pStmt in the arena; "" for NULL */
static char *rvColText(RvArena *pA, sqlite3_stmt *pStmt, int iCol){
  const char *z = (const char*)sqlite3_column_text(pStmt, iCol);
  if( z==0 && sqlite3_errcode(sqlite3_db_handle(pStmt))==SQLITE_NOMEM ){
    return 0;
  }
  return rvStrdup(pA, z ? z : "");
}

/*
** The affinity SQLite gives a column of declared type zType, by the rule
** of SQLite's sqlite3AffinityType() (section 3.1 of the datatype
** documentation, applied in one left-to-right pass over the bytes, so
** that "FLOAT BLOB" is BLOB and "CHARINT" is INTEGER).  zType NULL: no
** declared type, BLOB.  A declared type that is empty ('') is NUMERIC.
*/
char rvAffinity(const char *zType){
  const unsigned char *z = (const unsigned char*)zType;
  unsigned int h = 0;
  char cAff = 'C';
  if( z==0 ) return 'A';
  while( *z ){
    unsigned int c = *z++;
    if( c>='A' && c<='Z' ) c += 'a'-'A';
    h = (h<<8) + c;
    if( h==0x63686172u || h==0x636c6f62u || h==0x74657874u ){
      cAff = 'B';                               /* char, clob, text */
    }else if( h==0x626c6f62u && (cAff=='C' || cAff=='E') ){
      cAff = 'A';                               /* blob */
    }else if( (h==0x7265616cu || h==0x666c6f61u || h==0x646f7562u)
           && cAff=='C' ){
      cAff = 'E';                               /* real, floa, doub */
    }else if( (h&0x00ffffffu)==0x00696e74u ){
      return 'D';                               /* int */
    }
  }
  return cAff;
}

/* The name of affinity cAff ('A'..'E', as rvAffinity() gives) */
const char *rvAffinityName(char cAff){
  static const char *const azAff[] = {
    "BLOB", "TEXT", "NUMERIC", "INTEGER", "REAL"      /* By cAff - 'A' */
  };
  assert( cAff>='A' && cAff<='E' );
  return azAff[cAff-'A'];
}

/*
** True if column pCol surely stores pVal as it is, its affinity changing
** nothing (write.c, rvStoredForm()): then the parent that pVal names is the one
** the stored value names, and a write in one statement may check the
** parent with pVal.  Text in a numeric column may be a number, a REAL in
** an INTEGER or NUMERIC one an integer: not surely.
*/
int rvStoresAsGiven(const RvColumn *pCol, sqlite3_value *pVal){
  int t = sqlite3_value_type(pVal);
  switch( pCol->cAff ){
    case 'A': return 1;
    case 'B': return t!=SQLITE_INTEGER && t!=SQLITE_FLOAT;
    case 'E': return t!=SQLITE_TEXT && t!=SQLITE_INTEGER;
    default:  return t!=SQLITE_TEXT && t!=SQLITE_FLOAT;
  }
}

int rvColumnIndex(const RvTable *pTab, const char *zCol){
  int i;
  for(i=0; i<pTab->nCol; i++){
    if( sqlite3_stricmp(pTab->aCol[i].zName, zCol)==0 ) return i;
  }
  return -1;
}

/* True if the columns aiCol[] (in any order) are exactly a unique key */
int rvIsUniqueKey(const RvTable *pTab, int nCol, const int *aiCol){
  int i, j, k;
  for(i=0; i<pTab->nKey; i++){
    const RvKey *pKey = &pTab->aKey[i];
    if( pKey->nCol!=nCol || (i==0 && pTab->bPkCollation) ) continue;
    for(j=0; j<nCol; j++){
      for(k=0; k<nCol && pKey->aiCol[k]!=aiCol[j]; k++){}
      if( k==nCol ) break;
    }
    if( j==nCol ) return 1;
  }
  return 0;
}

/*
** Look for table zName in schema zTry.  Sets *pzName (as stored) and
** *pbTable (false for a view, -1 for a virtual table) when found, else
** leaves *pzName alone.  Returns SQLITE_ERROR, with no message, when
** there is no schema zTry.
*/
static int rvLookup(
  sqlite3 *db, RvArena *pA, const char *zTry, const char *zName,
  char **pzName, int *pbTable
){
  sqlite3_stmt *pStmt = 0;
  int rc;
  char *zSql = sqlite3_mprintf(
      "SELECT name, CASE WHEN type='view' THEN 0"
      " WHEN sql LIKE 'CREATE VIRTUAL TABLE%%' THEN -1 ELSE 1 END"
      " FROM \"%w\".sqlite_master"
      " WHERE type IN ('table','view') AND name=?1 COLLATE NOCASE", zTry);
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if( rc!=SQLITE_OK ) return rc;
  sqlite3_bind_text(pStmt, 1, zName, -1, SQLITE_STATIC);
  rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW ){
    *pzName = rvColText(pA, pStmt, 0);
    *pbTable = sqlite3_column_int(pStmt, 1);
    rc = *pzName ? SQLITE_OK : SQLITE_NOMEM;
  }else if( rc==SQLITE_DONE ){
    rc = SQLITE_OK;
  }
  /* A step that failed (out of memory) is no "not found": its error */
  if( sqlite3_finalize(pStmt)!=SQLITE_OK && rc==SQLITE_OK ){
    rc = sqlite3_errcode(db);
    if( rc==SQLITE_OK ) rc = SQLITE_NOMEM;
  }
  return rc;
}

/*
** Find table zName: in schema zSchema if the user named one, else in
** zPrefer (the view's own schema), then temp, main and the attached ones.
** Sets *pzSchema and *pzName to arena copies of the names as stored.
*/
static int rvFindTable(
  sqlite3 *db, RvArena *pA,
  const char *zSchema, const char *zPrefer, const char *zName,
  char **pzSchema, char **pzName, int *pbTable, char **pzErr,
  int *pbNoSchema
){
  const char *zTry = zSchema ? zSchema : zPrefer;
  int rc = rvLookup(db, pA, zTry, zName, pzName, pbTable);
  if( rc==SQLITE_ERROR && zSchema ){
    rvSetErr(pzErr, "relview: no such schema: %s (in %s.%s); ATTACH it first",
             zSchema, zSchema, zName);
    *pbNoSchema = 1;
    return SQLITE_ERROR;
  }
  if( rc==SQLITE_OK && *pzName==0 && zSchema==0 ){
    sqlite3_stmt *pList = 0;
    rc = rvPrepare(db, &pList, pzErr,
        "SELECT name FROM pragma_database_list ORDER BY seq<>1, seq");
    while( rc==SQLITE_OK && *pzName==0 && sqlite3_step(pList)==SQLITE_ROW ){
      zTry = (const char*)sqlite3_column_text(pList, 0);
      if( zTry==0 ){ rc = SQLITE_NOMEM; break; }
      if( sqlite3_stricmp(zTry, zPrefer)==0 ) continue;
      rc = rvLookup(db, pA, zTry, zName, pzName, pbTable);
    }
    if( *pzName ) *pzSchema = rvStrdup(pA, zTry);
    if( pList ){
      int rc2 = sqlite3_finalize(pList);
      if( rc==SQLITE_OK ) rc = rc2;
    }
  }else if( *pzName ){
    *pzSchema = rvStrdup(pA, zTry);
  }
  if( rc==SQLITE_OK && *pzName && *pzSchema==0 ) rc = SQLITE_NOMEM;
  if( rc==SQLITE_OK && *pzName==0 ){
    if( zSchema ){
      rvSetErr(pzErr, "relview: no such table: %s.%s", zSchema, zName);
    }else{
      rvSetErr(pzErr, "relview: no such table: %s", zName);
    }
    rc = SQLITE_ERROR;
  }else if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM && *pzErr==0 ){
    rvSetErr(pzErr, "relview: %s", sqlite3_errmsg(db));
  }
  return rc;
}

/* Columns, declared types, NOT NULL and PRIMARY KEY, from table_xinfo */
static int rvLoadColumns(sqlite3 *db, RvArena *pA, RvTable *pTab,
                         char **pzErr){
  sqlite3_stmt *pStmt;
  int rc, n = 0, i = 0;
  rc = rvPrepare(db, &pStmt, pzErr,
      "SELECT name, type, \"notnull\", pk, hidden"
      " FROM pragma_table_xinfo(%Q, %Q)",
      pTab->zName, pTab->zSchema);
  if( rc==SQLITE_OK ) rc = rvCountRows(pStmt, &n);
  if( rc==SQLITE_OK ){
    pTab->aCol = rvAlloc(pA, sizeof(RvColumn)*(i64)(n ? n : 1));
    if( pTab->aCol==0 ) rc = SQLITE_NOMEM;
  }
  while( rc==SQLITE_OK && i<n && sqlite3_step(pStmt)==SQLITE_ROW ){
    RvColumn *pCol = &pTab->aCol[i++];
    const char *zColl = 0;
    const char *zDataType = 0;
    int bAutoinc = 0;
    int rc2;
    pCol->zName = rvColText(pA, pStmt, 0);
    pCol->zType = rvColText(pA, pStmt, 1);
    if( pCol->zName==0 || pCol->zType==0 ){ rc = SQLITE_NOMEM; break; }
    pCol->bNotNull = sqlite3_column_int(pStmt, 2)!=0;
    pCol->iPk = sqlite3_column_int(pStmt, 3);
    pCol->bGenerated = sqlite3_column_int(pStmt, 4)>=2;
    if( pCol->iPk>pTab->nPk ) pTab->nPk = pCol->iPk;
    /* The declared type as SQLite keeps it: NULL when there is none,
    ** which table_xinfo cannot tell from an empty one ('').  Views have
    ** no column metadata: their columns compare as BINARY, and a column
    ** whose type table_xinfo gives as "" has none. */
    rc2 = sqlite3_table_column_metadata(db, pTab->zSchema, pTab->zName,
          pCol->zName, &zDataType, &zColl, 0, 0, &bAutoinc);
    if( rc2==SQLITE_NOMEM ){
      rc = SQLITE_NOMEM;
      break;
    }
    if( rc2!=SQLITE_OK ){
      zDataType = pCol->zType[0] ? pCol->zType : 0;
      zColl = 0;
      bAutoinc = 0;
    }
    pCol->cAff = rvAffinity(zDataType);
    if( zColl && sqlite3_stricmp(zColl, "BINARY")!=0 ){
      pCol->zColl = rvStrdup(pA, zColl);
      if( pCol->zColl==0 ) rc = SQLITE_NOMEM;
    }
    if( bAutoinc ) pTab->bAutoinc = 1;
  }
  pTab->nCol = i;
  {
    int rc2 = sqlite3_finalize(pStmt);
    if( rc==SQLITE_OK ) rc = rc2;
  }
  return rc;
}

/*
** Unique keys and indexed columns, from index_list and index_xinfo.  The
** PRIMARY KEY comes first in aKey.  Also decides whether the table has a
** rowid: a WITHOUT ROWID table's primary-key index holds no rowid entry.
*/
static int rvLoadIndexes(sqlite3 *db, RvArena *pA, RvTable *pTab,
                         int bTable, char **pzErr){
  sqlite3_stmt *pList = 0;
  int rc, nIdx = 0;
  int bPkIndex = 0;             /* The PRIMARY KEY has an index */
  int i;

  pTab->bRowid = bTable;
  rc = rvPrepare(db, &pList, pzErr,
      "SELECT name, \"unique\", origin, partial"
      " FROM pragma_index_list(%Q, %Q)", pTab->zName, pTab->zSchema);
  if( rc==SQLITE_OK ) rc = rvCountRows(pList, &nIdx);
  if( rc==SQLITE_OK ){
    pTab->aKey = rvAlloc(pA, sizeof(RvKey)*(i64)(nIdx+1));
    if( pTab->aKey==0 ) rc = SQLITE_NOMEM;
  }

  /* The PRIMARY KEY, from table_xinfo's pk positions */
  if( rc==SQLITE_OK && pTab->nPk>0 ){
    RvKey *pKey = &pTab->aKey[pTab->nKey++];
    pKey->nCol = pTab->nPk;
    pKey->aiCol = rvAlloc(pA, sizeof(int)*(i64)pTab->nPk);
    if( pKey->aiCol==0 ) rc = SQLITE_NOMEM;
    for(i=0; rc==SQLITE_OK && i<pTab->nCol; i++){
      if( pTab->aCol[i].iPk ) pKey->aiCol[pTab->aCol[i].iPk-1] = i;
    }
  }

  while( rc==SQLITE_OK && sqlite3_step(pList)==SQLITE_ROW ){
    const char *zIdx = (const char*)sqlite3_column_text(pList, 0);
    const char *zOrigin = (const char*)sqlite3_column_text(pList, 2);
    int bUnique = sqlite3_column_int(pList, 1) && !sqlite3_column_int(pList,3);
    int bPk = zOrigin && zOrigin[0]=='p';
    sqlite3_stmt *pInfo = 0;
    int nKeyCol = 0, bUsable = 1, bHasRowid = 0;
    int aiCol[8];               /* Key columns of small unique indexes */
    if( zIdx==0 || zOrigin==0 ){ rc = SQLITE_NOMEM; break; }
    if( bPk ) bPkIndex = 1;
    rc = rvPrepare(db, &pInfo, pzErr,
        "SELECT cid, key, coll FROM pragma_index_xinfo(%Q, %Q)",
        zIdx, pTab->zSchema);
    while( rc==SQLITE_OK && sqlite3_step(pInfo)==SQLITE_ROW ){
      int iCid = sqlite3_column_int(pInfo, 0);
      const char *zColl = (const char*)sqlite3_column_text(pInfo, 2);
      if( sqlite3_column_int(pInfo, 1)==0 ){
        if( iCid==-1 ) bHasRowid = 1;
        continue;
      }
      if( iCid<0 || iCid>=pTab->nCol ){ bUsable = 0; continue; }
      /* A key is unique under its index's collation: one that compares
      ** otherwise than its column is no key for relview's comparisons */
      if( sqlite3_stricmp(zColl ? zColl : "BINARY",
            pTab->aCol[iCid].zColl ? pTab->aCol[iCid].zColl : "BINARY") ){
        bUsable = 0;
        if( bPk ) pTab->bPkCollation = 1;
      }
      if( nKeyCol==0 ) pTab->aCol[iCid].bIndexed = 1;
      if( nKeyCol<8 ) aiCol[nKeyCol] = iCid;
      nKeyCol++;
    }
    {
      int rc2 = sqlite3_finalize(pInfo);
      if( rc==SQLITE_OK ) rc = rc2;
    }
    if( rc!=SQLITE_OK ) break;
    if( bPk && !bHasRowid ) pTab->bRowid = 0;
    /* Unique indexes of up to 8 columns are keys; the PK is already one */
    if( bUnique && !bPk && bUsable && nKeyCol>0 && nKeyCol<=8 ){
      RvKey *pKey = &pTab->aKey[pTab->nKey++];
      pKey->nCol = nKeyCol;
      pKey->aiCol = rvAlloc(pA, sizeof(int)*(i64)nKeyCol);
      if( pKey->aiCol==0 ){ rc = SQLITE_NOMEM; break; }
      memcpy(pKey->aiCol, aiCol, sizeof(int)*nKeyCol);
    }
  }
  {
    int rc2 = sqlite3_finalize(pList);
    if( rc==SQLITE_OK ) rc = rc2;
  }

  /* An INTEGER PRIMARY KEY with no index of its own is the rowid */
  pTab->iRowidCol = -1;
  if( rc==SQLITE_OK && pTab->nPk==1 && !bPkIndex && pTab->bRowid ){
    pTab->iRowidCol = pTab->aKey[0].aiCol[0];
    pTab->aCol[pTab->iRowidCol].bIndexed = 1;
  }

  /* The name by which the inner SQL reads the rowid */
  if( pTab->bRowid ){
    static const char *const azRowid[] = { "rowid", "_rowid_", "oid" };
    pTab->zRowid = 0;
    for(i=0; i<3 && pTab->zRowid==0; i++){
      if( rvColumnIndex(pTab, azRowid[i])<0 ) pTab->zRowid = azRowid[i];
    }
    if( pTab->zRowid==0 ) pTab->bRowid = 0;
  }
  return rc;
}

/*
** The first two integers of a sqlite_stat1 stat text z: the rows of the
** table, and the rows per value of the index's first column.  A text that
** does not begin so (it comes from the file, as anyone wrote it) gives 0.
*/
static void rvStatInts(const char *z, double *prRows, double *prPerKey){
  double a[2] = {0, 0};
  int i;
  for(i=0; i<2 && z; i++){
    double r = 0;
    int nDigit = 0;
    while( *z==' ' ) z++;
    while( *z>='0' && *z<='9' && nDigit<18 ){
      r = r*10 + (*z - '0');
      nDigit++;
      z++;
    }
    if( nDigit==0 || (*z!=' ' && *z!=0) ) break;
    a[i] = r;
  }
  *prRows = a[0];
  *prPerKey = a[1];
}

/*
** What ANALYZE found, if sqlite_stat1 has rows for the table: its rows
** (RvTable.nRowEst) and, for each column that leads an index, the rows per
** value (RvColumn.rPerKey, the least over such indexes).  Partial indexes
** count only some rows and are left out.  No sqlite_stat1, or no row: the
** estimates stay 0, unknown.  Read when the view is opened: an ANALYZE
** later is seen by the views opened after it.
*/
static int rvLoadStats(sqlite3 *db, RvTable *pTab){
  sqlite3_stmt *pStmt = 0;
  char *zSql;
  int rc;
  zSql = sqlite3_mprintf(
      "SELECT s.stat, (SELECT cid FROM pragma_index_xinfo(s.idx, %Q)"
      " WHERE seqno=0), (SELECT partial FROM pragma_index_list(%Q, %Q)"
      " WHERE name=s.idx) FROM \"%w\".sqlite_stat1 AS s WHERE s.tbl=%Q",
      pTab->zSchema, pTab->zName, pTab->zSchema, pTab->zSchema, pTab->zName);
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  if( rc!=SQLITE_OK ){
    /* No sqlite_stat1 (never analyzed): no estimates */
    return rc==SQLITE_NOMEM ? rc : SQLITE_OK;
  }
  while( sqlite3_step(pStmt)==SQLITE_ROW ){
    double rRows, rPerKey;
    int iCol = sqlite3_column_type(pStmt, 1)==SQLITE_NULL ? -1
                 : sqlite3_column_int(pStmt, 1);
    if( sqlite3_column_int(pStmt, 2) ) continue;          /* Partial */
    rvStatInts((const char*)sqlite3_column_text(pStmt, 0), &rRows, &rPerKey);
    if( rRows<1 ) continue;
    if( pTab->nRowEst<rRows ) pTab->nRowEst = rRows;
    if( iCol>=0 && iCol<pTab->nCol && rPerKey>=1
     && (pTab->aCol[iCol].rPerKey==0 || rPerKey<pTab->aCol[iCol].rPerKey) ){
      pTab->aCol[iCol].rPerKey = rPerKey;
    }
  }
  rc = sqlite3_finalize(pStmt);
  return rc==SQLITE_NOMEM ? rc : SQLITE_OK;
}

/* Foreign keys, from foreign_key_list, grouped by id */
static int rvLoadFkeys(sqlite3 *db, RvArena *pA, RvTable *pTab,
                       char **pzErr){
  sqlite3_stmt *pStmt;
  int rc, nRow = 0;
  int iPrevId = -1;
  RvFkey *pFk = 0;
  rc = rvPrepare(db, &pStmt, pzErr,
      "SELECT id, \"table\", \"from\", \"to\""
      " FROM pragma_foreign_key_list(%Q, %Q) ORDER BY id, seq",
      pTab->zName, pTab->zSchema);
  if( rc==SQLITE_OK ) rc = rvCountRows(pStmt, &nRow);
  if( rc==SQLITE_OK && nRow>0 ){
    pTab->aFkey = rvAlloc(pA, sizeof(RvFkey)*(i64)nRow);
    if( pTab->aFkey==0 ) rc = SQLITE_NOMEM;
  }
  /* First pass: one RvFkey per id, with room for all its rows */
  while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
    int iId = sqlite3_column_int(pStmt, 0);
    if( iId!=iPrevId ){
      pFk = &pTab->aFkey[pTab->nFkey++];
      pFk->zParent = rvColText(pA, pStmt, 1);
      pFk->aiFrom = rvAlloc(pA, sizeof(int)*(i64)nRow);
      pFk->azTo = rvAlloc(pA, sizeof(char*)*(i64)nRow);
      if( !pFk->zParent || !pFk->aiFrom || !pFk->azTo ){
        rc = SQLITE_NOMEM;
        break;
      }
      iPrevId = iId;
    }
    pFk->aiFrom[pFk->nCol] = rvColumnIndex(pTab,
        (const char*)sqlite3_column_text(pStmt, 2));
    if( sqlite3_column_type(pStmt, 3)!=SQLITE_NULL ){
      pFk->azTo[pFk->nCol] = rvColText(pA, pStmt, 3);
      if( pFk->azTo[pFk->nCol]==0 ){ rc = SQLITE_NOMEM; break; }
    }
    pFk->nCol++;
  }
  {
    int rc2 = sqlite3_finalize(pStmt);
    if( rc==SQLITE_OK ) rc = rc2;
  }
  /* "REFERENCES t" with no column list: azTo becomes NULL (parent's PK) */
  if( rc==SQLITE_OK ){
    int i;
    for(i=0; i<pTab->nFkey; i++){
      if( pTab->aFkey[i].azTo[0]==0 ) pTab->aFkey[i].azTo = 0;
    }
  }
  return rc;
}

int rvTableLoad(
  sqlite3 *db, RvArena *pA,
  const char *zSchema, const char *zPrefer, const char *zName,
  RvTable **ppTab, char **pzErr, int *pbNoSchema
){
  RvTable *pTab;
  int bTable = 0;
  int rc;
  *ppTab = 0;
  pTab = rvAlloc(pA, sizeof(RvTable));
  if( pTab==0 ) return SQLITE_NOMEM;
  rc = rvFindTable(db, pA, zSchema, zPrefer, zName,
                   &pTab->zSchema, &pTab->zName, &bTable, pzErr, pbNoSchema);
  if( rc==SQLITE_OK && bTable<0 ){
    /* A relview view over a relview view could read itself (a cycle):
    ** no virtual table is a side of a relationship */
    rvSetErr(pzErr, "relview: %s is a virtual table; relate its base "
             "tables instead", pTab->zName);
    rc = SQLITE_ERROR;
  }
  if( rc==SQLITE_OK ) rc = rvLoadColumns(db, pA, pTab, pzErr);
  if( rc==SQLITE_OK ) rc = rvLoadIndexes(db, pA, pTab, bTable, pzErr);
  if( rc==SQLITE_OK ) rc = rvLoadFkeys(db, pA, pTab, pzErr);
  if( rc==SQLITE_OK ) rc = rvLoadStats(db, pTab);
  if( rc==SQLITE_OK ){
    /* What decl.c relies on: a table has columns, and a key's columns
    ** are columns of it (an SQL view has neither rowid nor key: decl.c
    ** refuses it) */
    int i, j;
    assert( pTab->nCol>0 && pTab->aCol!=0 );
    assert( pTab->iRowidCol<pTab->nCol );
    for(i=0; i<pTab->nKey; i++){
      assert( pTab->aKey[i].nCol>0 );
      for(j=0; j<pTab->aKey[i].nCol; j++){
        assert( pTab->aKey[i].aiCol[j]>=0 && pTab->aKey[i].aiCol[j]<pTab->nCol );
      }
    }
    *ppTab = pTab;
  }else if( rc!=SQLITE_NOMEM && *pzErr==0 ){
    /* A pragma failed as it stepped: a view over a missing table, say */
    rvSetErr(pzErr, "relview: %s", sqlite3_errmsg(db));
  }
  return rc;
}

/*
** The attached schema zSchema as SQLite spells it, in *pzOut (an arena
** copy; "temp" before the temp schema is opened).  SQLITE_ERROR with a
** message if no such schema is attached.
*/
int rvSchemaName(sqlite3 *db, const char *zSchema, RvArena *pA,
                 const char **pzOut, char **pzErr){
  sqlite3_stmt *pStmt = 0;
  int rc;
  *pzOut = 0;
  rc = sqlite3_prepare_v2(db, "SELECT name FROM pragma_database_list"
                          " WHERE name=?1 COLLATE NOCASE", -1, &pStmt, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(pStmt, 1, zSchema, -1, SQLITE_STATIC);
    if( sqlite3_step(pStmt)==SQLITE_ROW ){
      *pzOut = rvStrdup(pA, (const char*)sqlite3_column_text(pStmt, 0));
      if( *pzOut==0 ) rc = SQLITE_NOMEM;
    }else if( sqlite3_stricmp(zSchema, "temp")==0 ){
      *pzOut = "temp";          /* Listed once it is opened */
    }
    if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
    else sqlite3_finalize(pStmt);
  }
  if( rc==SQLITE_OK && *pzOut==0 ){
    rvSetErr(pzErr, "relview: no schema named %s is attached", zSchema);
    rc = SQLITE_ERROR;
  }
  return rc;
}

/* Columns that tell the rows of pTab apart: 1 (its rowid), or those of
** its PRIMARY KEY (a table without rowid) */
int rvRowIdCount(const RvTable *pTab){
  return pTab->bRowid ? 1 : pTab->aKey[0].nCol;
}

/* Append "zAlias.<column i of that identity>": the rowid under its name
** that no column shadows, or the PRIMARY KEY's column i */
void rvAppendRowId(sqlite3_str *pStr, const RvTable *pTab,
                   const char *zAlias, int i){
  assert( i>=0 && i<rvRowIdCount(pTab) );
  rvAppendId(pStr, zAlias);
  sqlite3_str_appendall(pStr, ".");
  if( pTab->bRowid ){
    sqlite3_str_appendall(pStr, pTab->zRowid);
  }else{
    rvAppendId(pStr, pTab->aCol[pTab->aKey[0].aiCol[i]].zName);
  }
}
