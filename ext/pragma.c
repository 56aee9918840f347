/*
** pragma.c: what relview knows, as pragma-style table-valued functions.
**
**   SELECT * FROM pragma_relview_list;
**     one row per relationship view in every attached schema: schema,
**     name, kind, source, source_alias, target, target_alias, secondary,
**     secondary_alias, join_on, options, error (why it cannot be used)
**
**   SELECT * FROM pragma_relview_columns('team_players' [, 'schema']);
**     one row per column of the view: cid, name, type, hidden, role (key,
**     foreign key or data), base_schema, base_table, base_column, alias
**
**   SELECT * FROM pragma_relview_doctor [('schema')];
**     one row per problem of the schema's relationships (doctor.c), most
**     severe first: severity, object, problem, detail, and fix (the SQL or
**     the declaration argument that mends it, or NULL); the schema is its
**     hidden column schema
**
**   SELECT * FROM pragma_relview_automap [('schema')];
**     one row per pair of views the schema's foreign keys imply
**     (automap.c): name, backref, kind, source, target, secondary, reason
**     and sql, the statement that declares it (NULL: it is not declared,
**     the reason says why); the schema, main by default, is its hidden
**     column schema
**
** The first two read the declarations from sqlite_schema and resolve them
** against the tables as they are now (decl.c), so they also show a view
** that its tables no longer fit.  The rows are few: a cursor builds them all in
** xFilter and hands them out.
*/
#include "relviewInt.h"
#include <string.h>

#define RV_LIST     0
#define RV_COLUMNS  1
#define RV_AUTOMAP  2
#define RV_DOCTOR   3

/* The columns of pragma_relview_list */
enum {
  RV_L_SCHEMA, RV_L_NAME, RV_L_KIND, RV_L_SOURCE, RV_L_SOURCE_ALIAS,
  RV_L_TARGET, RV_L_TARGET_ALIAS, RV_L_SECONDARY, RV_L_SECONDARY_ALIAS,
  RV_L_JOIN_ON, RV_L_OPTIONS, RV_L_ERROR,
  RV_L_NCOL
};
/* The columns of pragma_relview_columns, then its arguments */
enum {
  RV_C_CID, RV_C_NAME, RV_C_TYPE, RV_C_HIDDEN, RV_C_ROLE, RV_C_BASE_SCHEMA,
  RV_C_BASE_TABLE, RV_C_BASE_COLUMN, RV_C_ALIAS,
  RV_C_NCOL,
  RV_C_VIEW = RV_C_NCOL, RV_C_SCHEMA          /* Arguments (HIDDEN) */
};
/* The columns of pragma_relview_automap, then its argument */
enum {
  RV_A_NAME, RV_A_BACKREF, RV_A_KIND, RV_A_SOURCE, RV_A_TARGET,
  RV_A_SECONDARY, RV_A_REASON, RV_A_SQL,
  RV_A_NCOL,
  RV_A_SCHEMA = RV_A_NCOL                     /* Argument (HIDDEN) */
};
/* The columns of pragma_relview_doctor, then its argument */
enum {
  RV_D_SEVERITY, RV_D_OBJECT, RV_D_PROBLEM, RV_D_DETAIL, RV_D_FIX,
  RV_D_NCOL,
  RV_D_SCHEMA = RV_D_NCOL                     /* Argument (HIDDEN) */
};

/* Columns of each function, in the order of the enums above */
static const char *const azSchemaSql[4] = {
  "CREATE TABLE x(schema TEXT, name TEXT, kind TEXT, source TEXT,"
  " source_alias TEXT, target TEXT, target_alias TEXT, secondary TEXT,"
  " secondary_alias TEXT, join_on TEXT, options TEXT, error TEXT)",
  "CREATE TABLE x(cid INTEGER, name TEXT, type TEXT, hidden INTEGER,"
  " role TEXT, base_schema TEXT, base_table TEXT, base_column TEXT,"
  " alias TEXT, view HIDDEN, schema HIDDEN)",
  "CREATE TABLE x(name TEXT, backref TEXT, kind TEXT, source TEXT,"
  " target TEXT, secondary TEXT, reason TEXT, sql TEXT, schema HIDDEN)",
  "CREATE TABLE x(severity TEXT, object TEXT, problem TEXT, detail TEXT,"
  " fix TEXT, schema HIDDEN)"
};
static const int anCol[4] = { RV_L_NCOL, RV_C_NCOL, RV_A_NCOL, RV_D_NCOL };

/* A value of a row: an integer, a text or NULL */
typedef struct RvCell RvCell;
struct RvCell {
  const char *z;                /* Text, or NULL; the cursor's copy is its
                                ** own (sqlite3_mprintf()) */
  int bInt;                     /* An integer: iVal */
  int iVal;
};

typedef struct RvPragmaVtab RvPragmaVtab;
typedef struct RvPragmaCursor RvPragmaCursor;

struct RvPragmaVtab {
  sqlite3_vtab base;
  sqlite3 *db;
  int eFunc;                    /* RV_LIST ... RV_DOCTOR */
};

struct RvPragmaCursor {
  sqlite3_vtab_cursor base;
  int nRow;                     /* Rows built */
  int nAlloc;                   /* Rows allocated */
  int iRow;                     /* Current row */
  RvCell *aCell;                /* nRow*nCol cells */
  char *zSchema;                /* RV_AUTOMAP, RV_DOCTOR: the schema of its
                                ** rows */
};

static int rvPragmaConnect(sqlite3 *db, void *pAux, int argc,
                           const char *const *argv, sqlite3_vtab **ppVtab,
                           char **pzErr){
  RvPragmaVtab *p;
  int eFunc = pAux ? *(const char*)pAux : RV_LIST;
  int rc;
  (void)argc;
  (void)argv;
  (void)pzErr;
  rc = sqlite3_declare_vtab(db, azSchemaSql[eFunc]);
  if( rc!=SQLITE_OK ) return rc;
  p = sqlite3_malloc(sizeof(*p));
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->eFunc = eFunc;
  if( sqlite3_libversion_number()>=3031000 ){
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  }
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int rvPragmaDisconnect(sqlite3_vtab *pVtab){
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

/*
** Plan: idxNum bit 1 = the view name is argv[0]; bit 2 = the schema is
** the next argv.  Both are equality constraints on the hidden columns.
** pragma_relview_automap's schema is bit 2 alone.
*/
static int rvPragmaBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  RvPragmaVtab *p = (RvPragmaVtab*)pVtab;
  int iView = -1, iSchema = -1;
  int i, nArg = 0;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    if( p->eFunc==RV_LIST || pC->op!=SQLITE_INDEX_CONSTRAINT_EQ ) continue;
    if( p->eFunc==RV_AUTOMAP || p->eFunc==RV_DOCTOR ){
      if( pC->iColumn==(p->eFunc==RV_AUTOMAP ? RV_A_SCHEMA : RV_D_SCHEMA) ){
        if( !pC->usable ) return SQLITE_CONSTRAINT;
        iSchema = i;
      }
      continue;
    }
    if( pC->iColumn==RV_C_VIEW ){
      if( !pC->usable ) return SQLITE_CONSTRAINT;
      iView = i;
    }
    if( pC->iColumn==RV_C_SCHEMA ){
      if( !pC->usable ) return SQLITE_CONSTRAINT;
      iSchema = i;
    }
  }
  pInfo->idxNum = 0;
  if( iView>=0 ){
    pInfo->aConstraintUsage[iView].argvIndex = ++nArg;
    pInfo->aConstraintUsage[iView].omit = 1;
    pInfo->idxNum |= 1;
  }
  if( iSchema>=0 ){
    pInfo->aConstraintUsage[iSchema].argvIndex = ++nArg;
    pInfo->aConstraintUsage[iSchema].omit = 1;
    pInfo->idxNum |= 2;
  }
  pInfo->estimatedCost = 1000;
  pInfo->estimatedRows = 20;
  return SQLITE_OK;
}

static int rvPragmaOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  RvPragmaCursor *pCur = sqlite3_malloc(sizeof(*pCur));
  (void)pVtab;
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, sizeof(*pCur));
  *ppCursor = &pCur->base;
  return SQLITE_OK;
}

static void rvPragmaReset(RvPragmaCursor *pCur, int nCol){
  int i;
  for(i=0; i<pCur->nRow*nCol; i++) sqlite3_free((char*)pCur->aCell[i].z);
  sqlite3_free(pCur->aCell);
  pCur->aCell = 0;
  sqlite3_free(pCur->zSchema);
  pCur->zSchema = 0;
  pCur->nRow = pCur->nAlloc = pCur->iRow = 0;
}

static int rvPragmaClose(sqlite3_vtab_cursor *pCursor){
  RvPragmaCursor *pCur = (RvPragmaCursor*)pCursor;
  rvPragmaReset(pCur, anCol[((RvPragmaVtab*)pCursor->pVtab)->eFunc]);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Append a row of nCol cells: aVal[] with copies of its texts */
static int rvPragmaAddRow(RvPragmaCursor *pCur, int nCol,
                          const RvCell *aVal){
  int i, rc = SQLITE_OK;
  RvCell *a;
  if( pCur->nRow>=pCur->nAlloc ){
    int nNew = pCur->nAlloc ? pCur->nAlloc*2 : 16;
    a = sqlite3_realloc64(pCur->aCell, sizeof(RvCell)*(i64)nNew*nCol);
    if( a==0 ) return SQLITE_NOMEM;
    pCur->aCell = a;
    pCur->nAlloc = nNew;
  }
  a = &pCur->aCell[pCur->nRow*nCol];
  for(i=0; i<nCol; i++){
    a[i] = aVal[i];
    a[i].z = aVal[i].z ? sqlite3_mprintf("%s", aVal[i].z) : 0;
    if( aVal[i].z && a[i].z==0 ) rc = SQLITE_NOMEM;
  }
  pCur->nRow++;
  return rc;
}

/* "main.players" for side iSide */
static char *rvSideText(RvDecl *pD, int iSide){
  sqlite3_str *pStr = sqlite3_str_new(0);
  rvAppendTable(pStr, pD->aSide[iSide].pTab);
  return sqlite3_str_finish(pStr);
}

/* The rows of pragma_relview_list for one view */
static int rvListRow(RvPragmaCursor *pCur, const char *zSchema,
                     const char *zName, RvDecl *pD, const char *zErr){
  /* Each side's "schema.table" and alias, by RV_SOURCE... */
  static const int aiTab[3] = { RV_L_SOURCE, RV_L_TARGET, RV_L_SECONDARY };
  RvCell a[RV_L_NCOL];
  char *azFree[4] = {0, 0, 0, 0};
  int rc = SQLITE_OK;
  int i;
  memset(a, 0, sizeof(a));
  a[RV_L_SCHEMA].z = zSchema;
  a[RV_L_NAME].z = zName;
  a[RV_L_ERROR].z = zErr;
  if( pD ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    assert( pD->nSide<=3 );
    a[RV_L_KIND].z = rvKindName(pD->eKind);
    for(i=0; i<pD->nSide; i++){
      a[aiTab[i]].z = azFree[i] = rvSideText(pD, i);
      a[aiTab[i]+1].z = pD->aSide[i].zAlias;      /* ..._ALIAS */
      if( azFree[i]==0 ) rc = SQLITE_NOMEM;
    }
    for(i=0; i<pD->nJoin; i++){
      char *z = rvJoinText(pD, i);
      if( z==0 ) rc = SQLITE_NOMEM;
      sqlite3_str_appendf(pStr, "%s%s", i ? " AND " : "", z);
      sqlite3_free(z);
    }
    a[RV_L_JOIN_ON].z = azFree[3] = sqlite3_str_finish(pStr);
    if( azFree[3]==0 ) rc = SQLITE_NOMEM;
    a[RV_L_OPTIONS].z = pD->zOptions;
  }
  if( rc==SQLITE_OK ) rc = rvPragmaAddRow(pCur, RV_L_NCOL, a);
  for(i=0; i<4; i++) sqlite3_free(azFree[i]);
  return rc;
}

/* The rows of pragma_relview_columns for one view */
static int rvColumnsRows(RvPragmaCursor *pCur, RvDecl *pD){
  static const char *const azRole[] = {"data", "key", "foreign key"};
  int i, rc = SQLITE_OK;
  for(i=0; i<pD->nCol && rc==SQLITE_OK; i++){
    RvViewCol *pCol = &pD->aCol[i];
    RvTable *pTab = pD->aSide[pCol->iSide].pTab;
    RvCell a[RV_C_NCOL];
    memset(a, 0, sizeof(a));
    assert( pCol->eRole>=0 && pCol->eRole<3 );
    a[RV_C_CID].bInt = 1;
    a[RV_C_CID].iVal = i;
    a[RV_C_NAME].z = pCol->zName;
    a[RV_C_TYPE].z = pCol->iCol==RV_COL_KEY ? "TEXT"
                   : pCol->iCol==RV_COL_DEPTH ? "INTEGER"
                   : pTab->aCol[pCol->iCol].zType;
    a[RV_C_HIDDEN].bInt = 1;
    a[RV_C_HIDDEN].iVal = pCol->bHidden;
    a[RV_C_ROLE].z = azRole[pCol->eRole];
    a[RV_C_BASE_SCHEMA].z = pTab->zSchema;
    a[RV_C_BASE_TABLE].z = pTab->zName;
    a[RV_C_BASE_COLUMN].z = pCol->iCol<0 ? 0 : pTab->aCol[pCol->iCol].zName;
    a[RV_C_ALIAS].z = pD->aSide[pCol->iSide].zAlias;
    rc = rvPragmaAddRow(pCur, RV_C_NCOL, a);
  }
  return rc;
}

/*
** For each relview declaration in schema zSchema (every schema, temp
** first, if NULL) named zName (any, if NULL): build it and add its rows.
** Sets *pbFound if there was one.
*/
static int rvPragmaScan(RvPragmaVtab *p, RvPragmaCursor *pCur,
                        const char *zSchema, const char *zName,
                        int *pbFound){
  sqlite3 *db = p->db;
  sqlite3_stmt *pDbs = 0;
  int rc;
  rc = sqlite3_prepare_v2(db,
      p->eFunc==RV_LIST
        ? "SELECT name FROM pragma_database_list"
          " WHERE ?1 IS NULL OR name=?1 COLLATE NOCASE ORDER BY seq"
        : "SELECT name FROM pragma_database_list"
          " WHERE ?1 IS NULL OR name=?1 COLLATE NOCASE ORDER BY seq<>1, seq",
      -1, &pDbs, 0);
  if( rc==SQLITE_OK ) sqlite3_bind_text(pDbs, 1, zSchema, -1, SQLITE_STATIC);
  while( rc==SQLITE_OK && sqlite3_step(pDbs)==SQLITE_ROW ){
    const char *zDb = (const char*)sqlite3_column_text(pDbs, 0);
    sqlite3_stmt *pViews = 0;
    char *zSql;
    if( zDb==0 ){ rc = SQLITE_NOMEM; break; }
    zSql = sqlite3_mprintf("SELECT name, sql FROM \"%w\".sqlite_master"
        " WHERE type='table' AND sql LIKE 'create virtual table%%'"
        " AND (?1 IS NULL OR name=?1 COLLATE NOCASE) ORDER BY name", zDb);
    if( zSql==0 ){ rc = SQLITE_NOMEM; break; }
    rc = sqlite3_prepare_v2(db, zSql, -1, &pViews, 0);
    sqlite3_free(zSql);
    if( rc==SQLITE_OK ) sqlite3_bind_text(pViews, 1, zName, -1, SQLITE_STATIC);
    while( rc==SQLITE_OK && sqlite3_step(pViews)==SQLITE_ROW ){
      const char *zView = (const char*)sqlite3_column_text(pViews, 0);
      const char *zDef = (const char*)sqlite3_column_text(pViews, 1);
      char **azArg = 0;
      int nArg = 0;
      RvDecl *pD = 0;
      char *zErr = 0;
      if( zView==0 || zDef==0 ){ rc = SQLITE_NOMEM; break; }
      rc = rvSplitCreateSql(zDef, &nArg, &azArg);
      if( rc!=SQLITE_OK || nArg==0 ) continue;
      rc = rvDeclBuild(db, zDb, zView, nArg, (const char*const*)azArg,
                       &pD, &zErr, 0);
      sqlite3_free(azArg);
      if( rc==SQLITE_OK || rc==SQLITE_ERROR ){
        rc = SQLITE_OK;
        *pbFound = 1;
        if( p->eFunc==RV_LIST ){
          rc = rvListRow(pCur, zDb, zView, pD, zErr);
        }else if( pD ){
          rc = rvColumnsRows(pCur, pD);
        }else{
          rc = rvVtabError(&p->base, SQLITE_ERROR, "%s", zErr);
        }
      }
      rvDeclFree(pD);
      sqlite3_free(zErr);
      if( p->eFunc==RV_COLUMNS ) break;   /* The first one found */
    }
    if( sqlite3_finalize(pViews)!=SQLITE_OK && rc==SQLITE_OK ){
      rc = sqlite3_errcode(db);
    }
    if( p->eFunc==RV_COLUMNS && *pbFound ) break;
  }
  if( sqlite3_finalize(pDbs)!=SQLITE_OK && rc==SQLITE_OK ){
    rc = sqlite3_errcode(db);
  }
  if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM && p->base.zErrMsg==0 ){
    rc = rvVtabError(&p->base, rc, "relview: %s", sqlite3_errmsg(db));
  }
  return rc;
}

/* The rows of pragma_relview_automap for schema zSchema */
static int rvAutomapRows(RvPragmaVtab *p, RvPragmaCursor *pCur,
                         const char *zSchema){
  RvArena a = {0};
  RvMapRow *aRow = 0;
  int nRow = 0, i;
  char *zErr = 0;
  int rc = rvAutomapList(p->db, zSchema, &a, &nRow, &aRow, &zErr);
  if( rc==SQLITE_OK ){
    pCur->zSchema = sqlite3_mprintf("%s", aRow[0].zSchema);
    if( pCur->zSchema==0 ) rc = SQLITE_NOMEM;
  }
  for(i=0; i<nRow && rc==SQLITE_OK; i++){
    RvCell c[RV_A_NCOL];
    memset(c, 0, sizeof(c));
    c[RV_A_NAME].z = aRow[i].zName;
    c[RV_A_BACKREF].z = aRow[i].zBackref;
    c[RV_A_KIND].z = aRow[i].zKind;
    c[RV_A_SOURCE].z = aRow[i].zSource;
    c[RV_A_TARGET].z = aRow[i].zTarget;
    c[RV_A_SECONDARY].z = aRow[i].zSecondary;
    c[RV_A_REASON].z = aRow[i].zReason;
    c[RV_A_SQL].z = aRow[i].zSql;
    rc = rvPragmaAddRow(pCur, RV_A_NCOL, c);
  }
  if( rc==SQLITE_ERROR && zErr ){
    rc = rvVtabError(&p->base, rc, "%s", zErr);
  }
  sqlite3_free(zErr);
  rvArenaFree(&a);
  return rc;
}

/* The rows of pragma_relview_doctor for schema zSchema */
static int rvDoctorRows(RvPragmaVtab *p, RvPragmaCursor *pCur,
                        const char *zSchema){
  RvArena a = {0};
  RvDocRow *aRow = 0;
  int nRow = 0, i;
  char *zErr = 0;
  int rc = rvDoctorList(p->db, zSchema, &a, &nRow, &aRow, &zErr);
  if( rc==SQLITE_OK ){
    pCur->zSchema = sqlite3_mprintf("%s", aRow[nRow].zObject);
    if( pCur->zSchema==0 ) rc = SQLITE_NOMEM;
  }
  for(i=0; i<nRow && rc==SQLITE_OK; i++){
    RvCell c[RV_D_NCOL];
    memset(c, 0, sizeof(c));
    c[RV_D_SEVERITY].z = aRow[i].zSeverity;
    c[RV_D_OBJECT].z = aRow[i].zObject;
    c[RV_D_PROBLEM].z = aRow[i].zProblem;
    c[RV_D_DETAIL].z = aRow[i].zDetail;
    c[RV_D_FIX].z = aRow[i].zFix;
    rc = rvPragmaAddRow(pCur, RV_D_NCOL, c);
  }
  if( rc==SQLITE_ERROR && zErr ){
    rc = rvVtabError(&p->base, rc, "%s", zErr);
  }
  sqlite3_free(zErr);
  rvArenaFree(&a);
  return rc;
}

static int rvPragmaFilter(sqlite3_vtab_cursor *pCursor, int idxNum,
                          const char *idxStr, int argc, sqlite3_value **argv){
  RvPragmaCursor *pCur = (RvPragmaCursor*)pCursor;
  RvPragmaVtab *p = (RvPragmaVtab*)pCursor->pVtab;
  const char *zName = 0, *zSchema = 0;
  int bFound = 0;
  int rc;
  (void)idxStr;
  (void)argc;
  rvPragmaReset(pCur, anCol[p->eFunc]);
  if( idxNum & 1 ) zName = (const char*)sqlite3_value_text(argv[0]);
  if( idxNum & 2 ){
    zSchema = (const char*)sqlite3_value_text(argv[(idxNum & 1) ? 1 : 0]);
  }
  if( p->eFunc==RV_AUTOMAP ){
    return rvAutomapRows(p, pCur, zSchema ? zSchema : "main");
  }
  if( p->eFunc==RV_DOCTOR ){
    return rvDoctorRows(p, pCur, zSchema ? zSchema : "main");
  }
  if( p->eFunc==RV_COLUMNS && zName==0 ){
    return rvVtabError(&p->base, SQLITE_ERROR, "relview: "
        "pragma_relview_columns needs the name of a view: "
        "SELECT * FROM pragma_relview_columns('<view>')");
  }
  rc = rvPragmaScan(p, pCur, zSchema, zName, &bFound);
  if( rc==SQLITE_OK && p->eFunc==RV_COLUMNS ){
    if( !bFound ){
      rc = rvVtabError(&p->base, SQLITE_ERROR, "relview: no relationship "
          "view named %s%s%s", zSchema ? zSchema : "", zSchema ? "." : "",
          zName);
    }else if( pCur->nRow==0 ){
      rc = SQLITE_ERROR;                /* Its error is in zErrMsg */
    }
  }
  return rc;
}

static int rvPragmaNext(sqlite3_vtab_cursor *pCursor){
  ((RvPragmaCursor*)pCursor)->iRow++;
  return SQLITE_OK;
}

static int rvPragmaEof(sqlite3_vtab_cursor *pCursor){
  RvPragmaCursor *pCur = (RvPragmaCursor*)pCursor;
  return pCur->iRow>=pCur->nRow;
}

static int rvPragmaColumn(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                          int i){
  RvPragmaCursor *pCur = (RvPragmaCursor*)pCursor;
  RvPragmaVtab *p = (RvPragmaVtab*)pCursor->pVtab;
  int nCol = anCol[p->eFunc];
  const RvCell *pCell;
  if( i>=nCol ){                        /* The arguments */
    if( (p->eFunc==RV_AUTOMAP || p->eFunc==RV_DOCTOR) && pCur->zSchema ){
      sqlite3_result_text(ctx, pCur->zSchema, -1, SQLITE_TRANSIENT);
    }
    return SQLITE_OK;
  }
  assert( pCur->iRow<pCur->nRow );
  pCell = &pCur->aCell[pCur->iRow*nCol + i];
  if( pCell->bInt ){
    sqlite3_result_int(ctx, pCell->iVal);
  }else if( pCell->z ){
    sqlite3_result_text(ctx, pCell->z, -1, SQLITE_TRANSIENT);
  }
  return SQLITE_OK;
}

static int rvPragmaRowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  *pRowid = ((RvPragmaCursor*)pCursor)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module rvPragmaModule = {
  0,                            /* iVersion */
  0,                            /* xCreate: eponymous only */
  rvPragmaConnect,
  rvPragmaBestIndex,
  rvPragmaDisconnect,
  0,                            /* xDestroy */
  rvPragmaOpen,
  rvPragmaClose,
  rvPragmaFilter,
  rvPragmaNext,
  rvPragmaEof,
  rvPragmaColumn,
  rvPragmaRowid,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
#if SQLITE_VERSION_NUMBER>=3044000
  ,0
#endif
};

int rvRegisterPragmas(sqlite3 *db){
  static const char cColumns = RV_COLUMNS, cAutomap = RV_AUTOMAP;
  static const char cDoctor = RV_DOCTOR;
  int rc = sqlite3_create_module(db, "pragma_relview_list",
                                 &rvPragmaModule, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_module(db, "pragma_relview_columns",
                               &rvPragmaModule, (void*)&cColumns);
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_module(db, "pragma_relview_automap",
                               &rvPragmaModule, (void*)&cAutomap);
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_module(db, "pragma_relview_doctor",
                               &rvPragmaModule, (void*)&cDoctor);
  }
  return rc;
}
