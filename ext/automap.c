/*
** automap.c: every relationship a schema's foreign keys imply, with the
** declaration of its pair of views, and relview_automap(), which declares
** them.
**
**   SELECT * FROM pragma_relview_automap [('<schema>')];
**   SELECT relview_automap(['<schema>']);
**
** What is found, for each ordinary table T of the schema in name order:
**   - an association table: two foreign keys of T, to any tables (the
**     same one too), whose columns together are T's PRIMARY KEY or a
**     UNIQUE key: a many-to-many pair between the tables they reference.
**     When T has columns besides those (an association object), its
**     foreign keys get their own pairs as well;
**   - every other foreign key: a many-to-one view from T to the table it
**     references, and its one-to-many backref.
**
** Names (README, Automap): a table's singular (decl.c's rules) and
** plural, and a foreign key's role, its one column without "_id", "Id" or
** "ID" ("team_id" -> team, "ArtistId" -> Artist):
**   many-to-one   <child singular>_<role>          player_team
**   one-to-many   <parent singular>_<child plural> team_players
**   many-to-many  <source singular>_<target plural> and the reverse
** A self-referential key names its parent side by its role (employees AS
** manager): manager_employees, employee_manager.  When two relationships
** would take one name, or a name is an existing table's, view or index's
** in any attached schema, the pair qualifies its names: a many-to-many
** pair with its association table (player_membership_teams), a foreign
** key with its columns (home_team_matches, match_home_team).  Many-to-
** many pairs give way first.  A name still taken then leaves its pair
** undeclared, with the reason.  No numeric suffixes.
**
** At most RV_MAX_KEY foreign keys of one table are looked at.
**
** Each pair's statement is resolved as a declaration (decl.c) before it
** is listed: one that would fail is listed with sql NULL and the error as
** its reason, and so is a relationship that a relview view of the schema
** already declares.  So relview_automap() a second time declares nothing.
*/
#include "relviewInt.h"
#include <string.h>

/* A relationship found */
typedef struct RvRel RvRel;
struct RvRel {
  int bM2M;                     /* Many-to-many through pTab */
  RvTable *pTab;                /* The child table, or the association */
  const RvFkey *apFk[2];        /* Its key, or its keys to source, target */
  RvTable *apEnd[2];            /* The tables referenced (NULL: missing) */
  char *azAlias[2];             /* Aliases of the two ends, or NULL */
  char *azName[2][2];           /* [qualified][view, backref] */
  int bQual;                    /* Names in use: azName[bQual] */
  int bDrop;                    /* Undeclared: zReason says why */
  char *zReason;
  char *zSql;
};

typedef struct RvMap RvMap;
struct RvMap {
  sqlite3 *db;
  RvArena *pA;
  const char *zSchema;
  int nTab;
  RvTable **apTab;
  int nRel;
  RvRel *aRel;
  int nTaken;                   /* Names of existing objects */
  char **azTaken;
  char *zErr;
};

/* The plural of zName: itself if it is one (its singular differs),
** else with "s", "es" or "ies" in the case of its last letter */
static char *rvPlural(RvArena *pA, const char *zName){
  char *zSing = rvSingular(pA, zName);
  int n = (int)strlen(zName);
  char c, cPrev;
  int bUpper;
  if( zSing==0 ) return 0;
  if( strcmp(zSing, zName)!=0 || n==0 ) return (char*)zName;
  c = zName[n-1];
  cPrev = n>1 ? zName[n-2] : 0;
  bUpper = c>='A' && c<='Z';
  if( (c=='y' || c=='Y') && cPrev && !strchr("aeiouAEIOU", cPrev) ){
    char *z = rvAlloc(pA, n+3);
    if( z==0 ) return 0;
    memcpy(z, zName, n-1);
    memcpy(&z[n-1], bUpper ? "IES" : "ies", 4);
    return z;
  }else{
    int bEs = strchr("sxzSXZ", c)!=0
           || ((c=='h' || c=='H') && cPrev && strchr("csCS", cPrev));
    sqlite3_str *pStr = sqlite3_str_new(0);
    sqlite3_str_appendf(pStr, "%s%s", zName,
                        bEs ? (bUpper ? "ES" : "es") : (bUpper ? "S" : "s"));
    return rvStrFinish(pA, pStr);
  }
}

/* The role of a foreign key of one column: the column's name without
** "_id" (any case), "Id" or "ID"; else (several columns) NULL */
static char *rvRole(RvArena *pA, const RvTable *pTab, const RvFkey *pFk){
  const char *zCol;
  int n;
  char *z;
  if( pFk->nCol!=1 ) return 0;
  zCol = pTab->aCol[pFk->aiFrom[0]].zName;
  n = (int)strlen(zCol);
  z = rvStrdup(pA, zCol);
  if( z==0 ) return 0;
  if( n>3 && sqlite3_stricmp(&zCol[n-3], "_id")==0 ){
    z[n-3] = 0;
  }else if( n>2 && (strcmp(&zCol[n-2], "Id")==0 || strcmp(&zCol[n-2], "ID")==0)
         && zCol[n-3]!='_' ){
    z[n-2] = 0;
  }
  return z;
}

/* "a_b" of the columns of foreign key pFk */
static char *rvColsName(RvArena *pA, const RvTable *pTab, const RvFkey *pFk){
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  for(i=0; i<pFk->nCol; i++){
    sqlite3_str_appendf(pStr, "%s%s", i ? "_" : "",
                        pTab->aCol[pFk->aiFrom[i]].zName);
  }
  return rvStrFinish(pA, pStr);
}

static char *rvJoin2(RvArena *pA, const char *zA, const char *zB,
                     const char *zC){
  sqlite3_str *pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "%s_%s%s%s", zA, zB, zC ? "_" : "", zC ? zC : "");
  return rvStrFinish(pA, pStr);
}

/* The table of schema p->zSchema named zName (any case), or NULL */
static RvTable *rvMapTable(RvMap *p, const char *zName){
  int i;
  for(i=0; i<p->nTab; i++){
    if( sqlite3_stricmp(p->apTab[i]->zName, zName)==0 ) return p->apTab[i];
  }
  return 0;
}

/* Sets the names of relationship pR, both forms */
static int rvRelNames(RvMap *p, RvRel *pR){
  RvArena *pA = p->pA;
  const RvTable *pT = pR->pTab;
  const char *azEnd[2];         /* The ends' names as their aliases */
  int i;
  for(i=0; i<2; i++){
    const RvTable *pE = pR->apEnd[i];
    azEnd[i] = pR->azAlias[i];
    if( azEnd[i]==0 ){
      /* A table not found is named as its foreign key names it */
      azEnd[i] = rvSingular(pA, pE ? pE->zName
                                   : pR->apFk[pR->bM2M ? i : 0]->zParent);
      if( azEnd[i]==0 ) return SQLITE_NOMEM;
    }
  }
  if( pR->bM2M ){
    const char *zVia = rvSingular(pA, pT->zName);
    char *zPl0 = rvPlural(pA, azEnd[0]), *zPl1 = rvPlural(pA, azEnd[1]);
    if( zVia==0 || zPl0==0 || zPl1==0 ) return SQLITE_NOMEM;
    pR->azName[0][0] = rvJoin2(pA, azEnd[0], zPl1, 0);
    pR->azName[0][1] = rvJoin2(pA, azEnd[1], zPl0, 0);
    pR->azName[1][0] = rvJoin2(pA, azEnd[0], zVia, zPl1);
    pR->azName[1][1] = rvJoin2(pA, azEnd[1], zVia, zPl0);
  }else{
    /* azEnd[0] is the child's alias, azEnd[1] the parent's */
    char *zRole = rvRole(pA, pT, pR->apFk[0]);
    char *zCols = rvColsName(pA, pT, pR->apFk[0]);
    char *zPl = rvPlural(pA, azEnd[0]);
    if( zCols==0 || zPl==0 ) return SQLITE_NOMEM;
    if( zRole==0 ) zRole = (char*)azEnd[1];
    /* The one-to-many side is named by the role where it says more than
    ** the parent's name (home_team_matches); qualified, by the columns */
    pR->azName[0][0] = rvJoin2(pA, azEnd[0], zRole, 0);
    pR->azName[0][1] = rvJoin2(pA,
        sqlite3_stricmp(zRole, azEnd[1]) ? zRole : azEnd[1], zPl, 0);
    pR->azName[1][0] = rvJoin2(pA, azEnd[0], zCols, 0);
    pR->azName[1][1] = rvJoin2(pA, zCols, zPl, 0);
  }
  for(i=0; i<4; i++){
    if( pR->azName[i/2][i%2]==0 ) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Append the columns of key pFk of pTab as "q.a" or "(q.a, q.b)" */
static void rvAppendFkCols(sqlite3_str *pStr, const RvTable *pTab,
                           const char *zQual, const RvFkey *pFk){
  int i;
  if( pFk->nCol>1 ) sqlite3_str_appendall(pStr, "(");
  for(i=0; i<pFk->nCol; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    rvAppendId(pStr, zQual);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, pTab->aCol[pFk->aiFrom[i]].zName);
  }
  if( pFk->nCol>1 ) sqlite3_str_appendall(pStr, ")");
}

/* The CREATE VIRTUAL TABLE statement of relationship pR, as named now */
static char *rvRelSql(RvMap *p, RvRel *pR){
  sqlite3_str *pStr = sqlite3_str_new(0);
  char **az = pR->azName[pR->bQual];
  int i;
  sqlite3_str_appendall(pStr, "CREATE VIRTUAL TABLE ");
  if( sqlite3_stricmp(p->zSchema, "main")!=0 ){
    rvAppendId(pStr, p->zSchema);
    sqlite3_str_appendall(pStr, ".");
  }
  rvAppendId(pStr, az[0]);
  sqlite3_str_appendall(pStr, " USING relview(");
  if( pR->bM2M ){
    for(i=0; i<2; i++){
      if( i ) sqlite3_str_appendall(pStr, ", ");
      rvAppendId(pStr, pR->apFk[i]->zParent);
      if( pR->azAlias[i] ){
        sqlite3_str_appendall(pStr, " AS ");
        rvAppendId(pStr, pR->azAlias[i]);
      }
    }
    sqlite3_str_appendall(pStr, ", secondary=");
    rvAppendId(pStr, pR->pTab->zName);
    for(i=0; i<2; i++){
      sqlite3_str_appendall(pStr, i ? ", target_foreign_key=" :
                                      ", source_foreign_key=");
      rvAppendFkCols(pStr, pR->pTab, pR->pTab->zName, pR->apFk[i]);
    }
  }else{
    rvAppendId(pStr, pR->pTab->zName);
    if( pR->azAlias[0] ){
      sqlite3_str_appendall(pStr, " AS ");
      rvAppendId(pStr, pR->azAlias[0]);
    }
    sqlite3_str_appendall(pStr, ", ");
    rvAppendId(pStr, pR->apFk[0]->zParent);
    if( pR->azAlias[1] ){
      sqlite3_str_appendall(pStr, " AS ");
      rvAppendId(pStr, pR->azAlias[1]);
    }
    sqlite3_str_appendall(pStr, ", foreign_key=");
    rvAppendFkCols(pStr, pR->pTab,
                   pR->azAlias[0] ? pR->azAlias[0] : pR->pTab->zName,
                   pR->apFk[0]);
  }
  sqlite3_str_appendall(pStr, ", backref=");
  rvAppendId(pStr, az[1]);
  sqlite3_str_appendall(pStr, ")");
  return rvStrFinish(p->pA, pStr);
}

/* The position of the first column of key pFk in its table */
static int rvFkFirst(const RvFkey *pFk){
  int i, iMin = pFk->aiFrom[0];
  for(i=1; i<pFk->nCol; i++) if( pFk->aiFrom[i]<iMin ) iMin = pFk->aiFrom[i];
  return iMin;
}

/*
** The association pair of pTab: two of its keys, sharing no column,
** whose columns together are exactly a unique key of pTab.  Sets
** aiPair[] (the key whose first column comes first, first) and returns
** 1, or returns 0.
*/
static int rvAssocPair(const RvTable *pTab, int *aiPair){
  int nFk = pTab->nFkey<RV_MAX_KEY ? pTab->nFkey : RV_MAX_KEY;
  int i, j, k, l;
  for(i=0; i<nFk; i++){
    for(j=i+1; j<nFk; j++){
      const RvFkey *a = &pTab->aFkey[i], *b = &pTab->aFkey[j];
      int aiCol[2*RV_MAX_KEY];
      int bShare = 0;
      if( a->nCol>RV_MAX_KEY || b->nCol>RV_MAX_KEY ) continue;
      for(k=0; k<a->nCol; k++){
        for(l=0; l<b->nCol; l++) bShare |= a->aiFrom[k]==b->aiFrom[l];
      }
      if( bShare ) continue;
      assert( a->nCol+b->nCol<=2*RV_MAX_KEY );
      memcpy(aiCol, a->aiFrom, sizeof(int)*a->nCol);
      memcpy(&aiCol[a->nCol], b->aiFrom, sizeof(int)*b->nCol);
      if( rvIsUniqueKey(pTab, a->nCol+b->nCol, aiCol) ){
        int bSwap = rvFkFirst(b)<rvFkFirst(a);
        aiPair[0] = bSwap ? j : i;
        aiPair[1] = bSwap ? i : j;
        return 1;
      }
    }
  }
  return 0;
}

/* True if every column of pTab is a column of keys aiPair[] */
static int rvAssocIsPure(const RvTable *pTab, const int *aiPair){
  int i, k, n = 0;
  for(k=0; k<2; k++) n += pTab->aFkey[aiPair[k]].nCol;
  for(i=0; i<pTab->nCol; i++){
    if( pTab->aCol[i].bGenerated ) n++;   /* Counted as a key column */
  }
  return n==pTab->nCol;
}

static RvRel *rvNewRel(RvMap *p, int nAlloc){
  RvRel *pR;
  assert( p->nRel<nAlloc );
  (void)nAlloc;
  pR = &p->aRel[p->nRel++];
  memset(pR, 0, sizeof(*pR));
  return pR;
}

/*
** The aliases of a relationship whose ends are one table: the foreign
** keys' roles (manager, employee; follower, followee)
*/
static int rvSelfAliases(RvMap *p, RvRel *pR){
  RvArena *pA = p->pA;
  if( pR->bM2M ){
    int i;
    for(i=0; i<2; i++){
      pR->azAlias[i] = rvRole(pA, pR->pTab, pR->apFk[i]);
      if( pR->azAlias[i]==0 ){
        pR->azAlias[i] = rvColsName(pA, pR->pTab, pR->apFk[i]);
      }
      if( pR->azAlias[i]==0 ) return SQLITE_NOMEM;
    }
    if( sqlite3_stricmp(pR->azAlias[0], pR->azAlias[1])==0 ){
      pR->azAlias[0] = rvColsName(pA, pR->pTab, pR->apFk[0]);
      pR->azAlias[1] = rvColsName(pA, pR->pTab, pR->apFk[1]);
    }
  }else{
    pR->azAlias[0] = rvSingular(pA, pR->pTab->zName);
    pR->azAlias[1] = rvRole(pA, pR->pTab, pR->apFk[0]);
    if( pR->azAlias[0] && (pR->azAlias[1]==0
          || sqlite3_stricmp(pR->azAlias[0], pR->azAlias[1])==0) ){
      pR->azAlias[1] = rvJoin2(pA, "parent", pR->azAlias[0], 0);
    }
  }
  return (pR->azAlias[0] && pR->azAlias[1]) ? SQLITE_OK : SQLITE_NOMEM;
}

/* Read the tables of the schema, the names taken, and find the
** relationships */
static int rvMapFind(RvMap *p){
  sqlite3 *db = p->db;
  sqlite3_stmt *pStmt = 0;
  char *zSql;
  int rc, i, n = 0, nAlloc = 0;

  /* Names taken: tables, views and indexes of the schema; tables and
  ** views of the others (which a new view would shadow or be shadowed by) */
  rc = sqlite3_prepare_v2(db, "SELECT name FROM pragma_database_list", -1,
                          &pStmt, 0);
  {
    sqlite3_str *pStr = sqlite3_str_new(0);
    int nDb = 0;
    while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
      const char *zDb = (const char*)sqlite3_column_text(pStmt, 0);
      if( zDb==0 ){ rc = SQLITE_NOMEM; break; }
      sqlite3_str_appendf(pStr, "%sSELECT name FROM \"%w\".sqlite_master"
          " WHERE type IN ('table', 'view'%s)", nDb++ ? " UNION ALL " : "",
          zDb, sqlite3_stricmp(zDb, p->zSchema)==0 ? ", 'index'" : "");
    }
    if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
    else sqlite3_finalize(pStmt);
    pStmt = 0;
    zSql = sqlite3_str_finish(pStr);
    if( rc==SQLITE_OK && zSql==0 ) rc = SQLITE_NOMEM;
  }
  if( rc==SQLITE_OK ) rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  sqlite3_free(zSql);
  while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    if( p->nTaken>=n ){
      char **az;
      n = n ? 2*n : 64;
      az = rvAlloc(p->pA, sizeof(char*)*(i64)n);
      if( az==0 ){ rc = SQLITE_NOMEM; break; }
      if( p->nTaken ) memcpy(az, p->azTaken, sizeof(char*)*p->nTaken);
      p->azTaken = az;
    }
    p->azTaken[p->nTaken] = rvStrdup(p->pA, zName ? zName : "");
    if( p->azTaken[p->nTaken++]==0 ) rc = SQLITE_NOMEM;
  }
  if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
  else sqlite3_finalize(pStmt);
  pStmt = 0;

  /* The ordinary tables */
  if( rc==SQLITE_OK ){
    zSql = sqlite3_mprintf("SELECT name FROM \"%w\".sqlite_master"
        " WHERE type='table' AND sql NOT LIKE 'create virtual%%'"
        " AND name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' ORDER BY name",
        p->zSchema);
    rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
    sqlite3_free(zSql);
  }
  n = 0;
  while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    RvTable *pTab = 0;
    char *zErr = 0;
    if( zName==0 ){ rc = SQLITE_NOMEM; break; }
    rc = rvTableLoad(db, p->pA, p->zSchema, 0, zName, &pTab, &zErr, 0);
    sqlite3_free(zErr);
    if( rc==SQLITE_ERROR ){ rc = SQLITE_OK; continue; }   /* Not mappable */
    if( rc!=SQLITE_OK ) break;
    if( p->nTab>=n ){
      RvTable **ap;
      n = n ? 2*n : 32;
      ap = rvAlloc(p->pA, sizeof(RvTable*)*(i64)n);
      if( ap==0 ){ rc = SQLITE_NOMEM; break; }
      if( p->nTab ) memcpy(ap, p->apTab, sizeof(RvTable*)*p->nTab);
      p->apTab = ap;
    }
    p->apTab[p->nTab++] = pTab;
    nAlloc += pTab->nFkey + 1;
  }
  if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
  else sqlite3_finalize(pStmt);
  if( rc!=SQLITE_OK ) return rc;

  /* The relationships: at most one per foreign key and one per table */
  p->aRel = rvAlloc(p->pA, sizeof(RvRel)*(i64)(nAlloc+1));
  if( p->aRel==0 ) return SQLITE_NOMEM;
  for(i=0; i<p->nTab && rc==SQLITE_OK; i++){
    RvTable *pTab = p->apTab[i];
    int aiPair[2] = {-1, -1};
    int bPure = 0;
    int j, k;
    int aiOrder[RV_MAX_KEY];    /* Its keys by their first columns */
    int nFk = pTab->nFkey<RV_MAX_KEY ? pTab->nFkey : RV_MAX_KEY;
    if( rvAssocPair(pTab, aiPair) ){
      RvRel *pR = rvNewRel(p, nAlloc);
      pR->bM2M = 1;
      pR->pTab = pTab;
      for(k=0; k<2; k++){
        pR->apFk[k] = &pTab->aFkey[aiPair[k]];
        pR->apEnd[k] = rvMapTable(p, pR->apFk[k]->zParent);
      }
      if( pR->apEnd[0] && pR->apEnd[0]==pR->apEnd[1] ){
        rc = rvSelfAliases(p, pR);
      }
      if( rc==SQLITE_OK ) rc = rvRelNames(p, pR);
      bPure = rvAssocIsPure(pTab, aiPair);
    }
    /* The other foreign keys, in the order of their first columns (at
    ** most RV_MAX_KEY of a table: more is no schema a person writes) */
    assert( nFk<=RV_MAX_KEY );
    for(j=0; j<nFk; j++) aiOrder[j] = j;
    for(j=1; j<nFk; j++){
      for(k=j; k>0 && rvFkFirst(&pTab->aFkey[aiOrder[k]])
                      < rvFkFirst(&pTab->aFkey[aiOrder[k-1]]); k--){
        int t = aiOrder[k]; aiOrder[k] = aiOrder[k-1]; aiOrder[k-1] = t;
      }
    }
    for(j=0; j<nFk && rc==SQLITE_OK; j++){
      const RvFkey *pFk = &pTab->aFkey[aiOrder[j]];
      RvRel *pR;
      if( bPure && (aiOrder[j]==aiPair[0] || aiOrder[j]==aiPair[1]) ) continue;
      pR = rvNewRel(p, nAlloc);
      pR->pTab = pTab;
      pR->apFk[0] = pFk;
      pR->apEnd[0] = pTab;
      pR->apEnd[1] = rvMapTable(p, pFk->zParent);
      if( pR->apEnd[1]==pTab ) rc = rvSelfAliases(p, pR);
      if( rc==SQLITE_OK ) rc = rvRelNames(p, pR);
    }
  }
  return rc;
}

/* True if the resolved declarations pA and pB join the same columns of
** the same tables (one view or its reverse covers the other).  A
** transitive view covers no direct one. */
static int rvSameJoins(const RvDecl *pA, const RvDecl *pB){
  int i, j;
  if( pA->nJoin!=pB->nJoin || pA->bTransitive!=pB->bTransitive ) return 0;
  for(i=0; i<pA->nJoin; i++){
    const RvJoin *a = &pA->aJoin[i];
    int bFound = 0;
    for(j=0; j<pB->nJoin && !bFound; j++){
      const RvJoin *b = &pB->aJoin[j];
      const RvTable *aC = pA->aSide[a->iChild].pTab;
      const RvTable *aP = pA->aSide[a->iParent].pTab;
      const RvTable *bC = pB->aSide[b->iChild].pTab;
      const RvTable *bP = pB->aSide[b->iParent].pTab;
      bFound = a->nCol==b->nCol
        && sqlite3_stricmp(aC->zSchema, bC->zSchema)==0
        && sqlite3_stricmp(aC->zName, bC->zName)==0
        && sqlite3_stricmp(aP->zSchema, bP->zSchema)==0
        && sqlite3_stricmp(aP->zName, bP->zName)==0
        && memcmp(a->aiChild, b->aiChild, sizeof(int)*a->nCol)==0
        && memcmp(a->aiParent, b->aiParent, sizeof(int)*a->nCol)==0;
    }
    if( !bFound ) return 0;
  }
  return 1;
}

/* Resolve relationship pR's statement: sets its zSql, or bDrop and the
** reason.  apView[] are the relview views of the schema. */
static int rvRelCheck(RvMap *p, RvRel *pR, int nView, RvDecl **apView){
  char **azArg = 0;
  int nArg = 0, i;
  RvDecl *pD = 0;
  char *zErr = 0;
  int rc;
  char *zSql = rvRelSql(p, pR);
  if( zSql==0 ) return SQLITE_NOMEM;
  rc = rvSplitCreateSql(zSql, &nArg, &azArg);
  if( rc!=SQLITE_OK ) return rc;
  assert( nArg>0 );
  rc = rvDeclBuild(p->db, p->zSchema, pR->azName[pR->bQual][0], nArg,
                   (const char*const*)azArg, &pD, &zErr, 0);
  sqlite3_free(azArg);
  if( rc==SQLITE_ERROR ){
    const char *z = zErr ? zErr : "";
    if( strncmp(z, "relview: ", 9)==0 ) z += 9;
    pR->bDrop = 1;
    pR->zReason = rvStrdup(p->pA, z);
    rc = pR->zReason ? SQLITE_OK : SQLITE_NOMEM;
  }else if( rc==SQLITE_OK ){
    for(i=0; i<nView && !pR->bDrop; i++){
      if( apView[i] && rvSameJoins(pD, apView[i]) ){
        sqlite3_str *pStr = sqlite3_str_new(0);
        sqlite3_str_appendf(pStr, "already declared by %s", apView[i]->zName);
        pR->bDrop = 1;
        pR->zReason = rvStrFinish(p->pA, pStr);
        if( pR->zReason==0 ) rc = SQLITE_NOMEM;
      }
    }
    if( !pR->bDrop ) pR->zSql = zSql;
  }
  rvDeclFree(pD);
  sqlite3_free(zErr);
  return rc;
}

/* The resolved relview views of the schema (NULL for one that fails) */
static int rvMapViews(RvMap *p, int *pnView, RvDecl ***papView){
  sqlite3_stmt *pStmt = 0;
  int rc, n = 0, nAlloc = 0;
  RvDecl **ap = 0;
  char *zSql = sqlite3_mprintf("SELECT name, sql FROM \"%w\".sqlite_master"
      " WHERE type='table' AND sql LIKE 'create virtual table%%'"
      " ORDER BY name", p->zSchema);
  rc = zSql ? sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  while( rc==SQLITE_OK && sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    const char *zDef = (const char*)sqlite3_column_text(pStmt, 1);
    char **azArg = 0;
    int nArg = 0;
    RvDecl *pD = 0;
    char *zErr = 0;
    if( zName==0 || zDef==0 ){ rc = SQLITE_NOMEM; break; }
    rc = rvSplitCreateSql(zDef, &nArg, &azArg);
    if( rc!=SQLITE_OK || nArg==0 ) continue;
    rc = rvDeclBuild(p->db, p->zSchema, zName, nArg, (const char*const*)azArg,
                     &pD, &zErr, 0);
    sqlite3_free(azArg);
    sqlite3_free(zErr);
    if( rc==SQLITE_ERROR ) rc = SQLITE_OK;
    if( rc!=SQLITE_OK ) break;
    if( n>=nAlloc ){
      RvDecl **apNew;
      nAlloc = nAlloc ? 2*nAlloc : 16;
      apNew = sqlite3_realloc64(ap, sizeof(RvDecl*)*(i64)nAlloc);
      if( apNew==0 ){ rvDeclFree(pD); rc = SQLITE_NOMEM; break; }
      ap = apNew;
    }
    ap[n++] = pD;
  }
  if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
  else sqlite3_finalize(pStmt);
  *pnView = n;
  *papView = ap;
  return rc;
}

/* True if relationship j keeps its names against i: a foreign key's pair
** against a many-to-many one, else the earlier */
static int rvRelWins(const RvMap *p, int j, int i){
  const RvRel *pJ = &p->aRel[j], *pI = &p->aRel[i];
  if( pJ->bM2M!=pI->bM2M ) return !pJ->bM2M;
  return j<i;
}

/* True if name zName of relationship iRel is taken: by an existing
** object, or by a pair that keeps its names against it */
static int rvNameTaken(RvMap *p, int iRel, const char *zName){
  int i, j;
  for(i=0; i<p->nTaken; i++){
    if( sqlite3_stricmp(p->azTaken[i], zName)==0 ) return 1;
  }
  for(i=0; i<p->nRel; i++){
    RvRel *pR = &p->aRel[i];
    if( i==iRel || pR->bDrop ) continue;
    if( !rvRelWins(p, i, iRel) ) continue;
    for(j=0; j<2; j++){
      if( sqlite3_stricmp(pR->azName[pR->bQual][j], zName)==0 ) return 1;
    }
  }
  return 0;
}

/*
** Settle the names in two passes, each of time O(pairs * names): a pair
** with a name that is taken by an existing object or by a pair that
** keeps its names (rvRelWins()) qualifies; then a pair whose names are
** still taken, by an object or by an earlier pair, is dropped.
*/
static int rvMapSettle(RvMap *p){
  int i, j;
  char *aQual = rvAlloc(p->pA, p->nRel+1);
  if( aQual==0 ) return SQLITE_NOMEM;
  for(i=0; i<p->nRel; i++){
    RvRel *pR = &p->aRel[i];
    if( pR->bDrop ) continue;
    for(j=0; j<2 && !aQual[i]; j++){
      aQual[i] = (char)rvNameTaken(p, i, pR->azName[0][j]);
    }
  }
  for(i=0; i<p->nRel; i++) p->aRel[i].bQual = aQual[i];
  for(i=0; i<p->nRel; i++){
    RvRel *pR = &p->aRel[i];
    const char **az = (const char**)pR->azName[pR->bQual];
    const char *zTaken = 0;
    if( pR->bDrop ) continue;
    if( sqlite3_stricmp(az[0], az[1])==0 ) zTaken = az[0];
    for(j=0; j<2 && zTaken==0; j++){
      int k, bTaken = 0;
      for(k=0; k<p->nTaken && !bTaken; k++){
        bTaken = sqlite3_stricmp(p->azTaken[k], az[j])==0;
      }
      for(k=0; k<i && !bTaken; k++){
        RvRel *pO = &p->aRel[k];
        bTaken = !pO->bDrop
          && (sqlite3_stricmp(pO->azName[pO->bQual][0], az[j])==0
           || sqlite3_stricmp(pO->azName[pO->bQual][1], az[j])==0);
      }
      if( bTaken ) zTaken = az[j];
    }
    if( zTaken ){
      sqlite3_str *pStr = sqlite3_str_new(0);
      sqlite3_str_appendf(pStr, "the name %s is taken; declare this pair by "
          "hand with names of your own", zTaken);
      pR->bDrop = 1;
      pR->zReason = rvStrFinish(p->pA, pStr);
      if( pR->zReason==0 ) return SQLITE_NOMEM;
    }
  }
  return SQLITE_OK;
}

/* Why pR was found */
static int rvRelReason(RvMap *p, RvRel *pR){
  sqlite3_str *pStr = sqlite3_str_new(0);
  const RvTable *pT = pR->pTab;
  int i, k, c;
  if( pR->bM2M ){
    int aiCol[2*RV_MAX_KEY];
    int n = 0, nOther = 0;
    for(k=0; k<2; k++){
      assert( pR->apFk[k]->nCol<=RV_MAX_KEY );
      for(c=0; c<pR->apFk[k]->nCol; c++) aiCol[n++] = pR->apFk[k]->aiFrom[c];
    }
    if( sqlite3_stricmp(pR->apFk[0]->zParent, pR->apFk[1]->zParent)==0 ){
      sqlite3_str_appendf(pStr, "association table %s: its two foreign keys "
          "to %s make up its ", pT->zName, pR->apFk[0]->zParent);
    }else{
      sqlite3_str_appendf(pStr, "association table %s: its foreign keys to "
          "%s and %s make up its ", pT->zName, pR->apFk[0]->zParent,
          pR->apFk[1]->zParent);
    }
    sqlite3_str_appendf(pStr, "%s",
        (pT->nPk==n && rvIsUniqueKey(pT, n, aiCol)
          && pT->aKey[0].nCol==n) ? "PRIMARY KEY" : "UNIQUE key");
    for(i=0; i<pT->nCol; i++){
      for(c=0; c<n && aiCol[c]!=i; c++){}
      if( c<n || pT->aCol[i].bGenerated ) continue;
      sqlite3_str_appendf(pStr, "%s%s", nOther++ ? ", " : "; an association "
                          "object (its foreign keys have views too): ",
                          pT->aCol[i].zName);
    }
  }else{
    sqlite3_str_appendf(pStr, "%sforeign key %s(",
        pR->apEnd[1]==pT ? "self-referential " : "", pT->zName);
    for(i=0; i<pR->apFk[0]->nCol; i++){
      sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "",
                          pT->aCol[pR->apFk[0]->aiFrom[i]].zName);
    }
    sqlite3_str_appendf(pStr, ") references %s", pR->apFk[0]->zParent);
  }
  pR->zReason = rvStrFinish(p->pA, pStr);
  return pR->zReason ? SQLITE_OK : SQLITE_NOMEM;
}

int rvAutomapList(sqlite3 *db, const char *zSchema, RvArena *pA,
                  int *pnRow, RvMapRow **paRow, char **pzErr){
  RvMap m;
  int nView = 0;
  RvDecl **apView = 0;
  int rc, i;
  RvMapRow *aRow;
  memset(&m, 0, sizeof(m));
  m.db = db;
  m.pA = pA;
  m.zSchema = zSchema;
  *pnRow = 0;
  *paRow = 0;
  /* The schema must be attached: its name as SQLite spells it */
  rc = rvSchemaName(db, zSchema, pA, &m.zSchema, pzErr);
  if( rc!=SQLITE_OK ) return rc;
  rc = rvMapFind(&m);
  if( rc==SQLITE_OK ) rc = rvMapViews(&m, &nView, &apView);
  for(i=0; i<m.nRel && rc==SQLITE_OK; i++){
    rc = rvRelCheck(&m, &m.aRel[i], nView, apView);
  }
  if( rc==SQLITE_OK ) rc = rvMapSettle(&m);
  for(i=0; i<m.nRel && rc==SQLITE_OK; i++){
    RvRel *pR = &m.aRel[i];
    if( !pR->bDrop ){
      rc = rvRelReason(&m, pR);
      if( rc==SQLITE_OK ){
        pR->zSql = rvRelSql(&m, pR);
        if( pR->zSql==0 ) rc = SQLITE_NOMEM;
      }
    }
  }
  for(i=0; i<nView; i++) rvDeclFree(apView[i]);
  sqlite3_free(apView);
  if( rc!=SQLITE_OK ){
    if( rc!=SQLITE_NOMEM ){
      rvSetErr(pzErr, "relview: automap: %s", sqlite3_errmsg(db));
    }
    return rc;
  }
  aRow = rvAlloc(pA, sizeof(RvMapRow)*(i64)(m.nRel+1));
  if( aRow==0 ) return SQLITE_NOMEM;
  aRow[m.nRel].zSchema = m.zSchema;  /* The schema, also with no row */
  for(i=0; i<m.nRel; i++){
    RvRel *pR = &m.aRel[i];
    RvMapRow *pRow = &aRow[i];
    pRow->zSchema = m.zSchema;
    pRow->zName = pR->azName[pR->bQual][0];
    pRow->zBackref = pR->azName[pR->bQual][1];
    pRow->zKind = rvKindName(pR->bM2M ? RV_MANY_TO_MANY : RV_MANY_TO_ONE);
    pRow->zSource = pR->bM2M ? pR->apFk[0]->zParent : pR->pTab->zName;
    pRow->zTarget = pR->bM2M ? pR->apFk[1]->zParent : pR->apFk[0]->zParent;
    pRow->zSecondary = pR->bM2M ? pR->pTab->zName : 0;
    pRow->zReason = pR->zReason;
    pRow->zSql = pR->bDrop ? 0 : pR->zSql;
  }
  *pnRow = m.nRel;
  *paRow = aRow;
  return SQLITE_OK;
}

/*
** relview_automap([schema]): declare every pair pragma_relview_automap
** lists with a statement, in one savepoint: all or none.  Returns the
** number of views made (two per pair).
*/
void rvAutomapFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  const char *zSchema = "main";
  RvArena a = {0};
  RvMapRow *aRow = 0;
  int nRow = 0, nView = 0, i;
  char *zErr = 0;
  sqlite3_stmt *pUndo = 0, *pEnd = 0, *pAll = 0;
  int rc;
  if( argc>0 ){
    zSchema = (const char*)sqlite3_value_text(argv[0]);
    if( zSchema==0 ){
      if( sqlite3_value_type(argv[0])!=SQLITE_NULL ){
        sqlite3_result_error_nomem(ctx);
        return;
      }
      sqlite3_result_error(ctx, "relview: relview_automap() takes the name "
                           "of a schema, or no argument for main", -1);
      return;
    }
  }
  rc = rvAutomapList(db, zSchema, &a, &nRow, &aRow, &zErr);
  if( rc==SQLITE_OK && sqlite3_db_readonly(db, aRow[0].zSchema)==1 ){
    rvSetErr(&zErr, "relview: automap: schema %s is read-only", zSchema);
    rc = SQLITE_READONLY;
  }
  /* The statements that end the savepoint are prepared first: rolling
  ** back must not need memory that may have run out */
  if( rc==SQLITE_OK ){
    rc = sqlite3_prepare_v2(db, "ROLLBACK TO relview_automap", -1,
                            &pUndo, 0);
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_prepare_v2(db, "RELEASE relview_automap", -1, &pEnd, 0);
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_prepare_v2(db, "ROLLBACK", -1, &pAll, 0);
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_exec(db, "SAVEPOINT relview_automap", 0, 0, &zErr);
    if( rc==SQLITE_OK ){
      for(i=0; i<nRow && rc==SQLITE_OK; i++){
        if( aRow[i].zSql==0 ) continue;
        rc = sqlite3_exec(db, aRow[i].zSql, 0, 0, &zErr);
        if( rc==SQLITE_OK ){
          nView += 2;
        }else if( rc!=SQLITE_NOMEM ){
          const char *z = zErr ? zErr : sqlite3_errstr(rc);
          char *zNew;
          if( strncmp(z, "relview: ", 9)==0 ) z += 9;
          zNew = sqlite3_mprintf("relview: automap: %s: %s; nothing was "
                                 "declared", aRow[i].zName, z);
          sqlite3_free(zErr);
          zErr = zNew;
        }
      }
      if( rc!=SQLITE_OK && sqlite3_step(pUndo)!=SQLITE_DONE ){
        /* Rolling back to the savepoint needs memory too (the views made
        ** expire these statements: they are prepared again): when that
        ** fails, the whole transaction is rolled back, as SQLite does
        ** after some out-of-memory errors.  If even that cannot run, the
        ** transaction stays open with SQLITE_NOMEM, and nothing is kept
        ** unless the application commits it */
        sqlite3_step(pAll);
      }
      /* RELEASE also after ROLLBACK TO: it ends the savepoint */
      if( sqlite3_get_autocommit(db) ){
        /* Rolled back, savepoint and all */
      }else if( sqlite3_step(pEnd)!=SQLITE_DONE && rc==SQLITE_OK ){
        rc = sqlite3_reset(pEnd);
        rvSetErr(&zErr, "relview: automap: %s", sqlite3_errmsg(db));
      }
    }
  }
  sqlite3_finalize(pUndo);
  sqlite3_finalize(pEnd);
  sqlite3_finalize(pAll);
  if( rc==SQLITE_OK ){
    sqlite3_result_int(ctx, nView);
  }else if( rc==SQLITE_NOMEM ){
    sqlite3_result_error_nomem(ctx);
  }else{
    sqlite3_result_error(ctx, zErr ? zErr : sqlite3_errstr(rc), -1);
    sqlite3_result_error_code(ctx, rc);
  }
  sqlite3_free(zErr);
  rvArenaFree(&a);
}
