/*
** relview: relationship views for SQLite.
**
** A virtual-table module that presents the relationship between two
** tables, as SQLAlchemy's relationship(), backref and secondary= do, as a
** table that every SQLite client can query.
**
** Usage:
**
**   .load ./relview
**   CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT, city TEXT);
**   CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT, position TEXT,
**                        team_id INTEGER REFERENCES teams(id));
**   CREATE VIRTUAL TABLE player_team USING relview(players, teams,
**                                                  backref=team_players);
**   SELECT * FROM player_team;      -- one row per player with a team
**   SELECT * FROM team_players WHERE team_id=1;
**
** Arguments (see README.md for the whole reference):
**
**   <source> [AS alias]        first table: [schema.]table
**   <target> [AS alias]        second table
**   secondary=<table>          association table: many-to-many
**   backref=<name>             also create the reverse view
**   foreign_key=<cols>         the referencing columns, when the schema
**                              declares no foreign key or several
**   references=<cols>          the referenced columns (default: the PK)
**   source_foreign_key=, target_foreign_key=, source_references=,
**   target_references=         the same for the two ends of secondary=
**   unlink=set_null|delete|refuse   what DELETE does to a child row
**   trust_keys=yes|no          every non-NULL foreign key names a row: a
**                              query that needs no other column of the
**                              parent does not join it (plan.c)
**
** INSERT, UPDATE and DELETE on a view link, relink and unlink (write.c).
**
** This file holds the module's life cycle (xCreate, xConnect, xDisconnect,
** xDestroy) and the entry point.
*/
#include "relviewInt.h"
#include <string.h>

/**************************************************************************
** The module's life cycle
*/

static void rvVtabFree(RvVtab *p){
  if( p ){
    rvStmtCacheFree(p, 0);
    rvDeclFree(p->pDecl);
    rvWriteSqlFree(p->pWriteSql);
    sqlite3_free(p->zBroken);
    sqlite3_free(p->zName);
    sqlite3_free(p);
  }
}

/* True if the declaration of view zName is in the schema table.  False
** also when that cannot be read now: SQLITE_SCHEMA after a CREATE that
** failed earlier in this transaction */
static int rvIsStored(sqlite3 *db, const char *zSchema, const char *zName){
  sqlite3_stmt *pStmt = 0;
  int bStored = 0;
  char *zSql = sqlite3_mprintf("SELECT 1 FROM \"%w\".sqlite_master"
                               " WHERE type='table' AND name=?1", zSchema);
  if( zSql && sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0)==SQLITE_OK ){
    sqlite3_bind_text(pStmt, 1, zName, -1, SQLITE_STATIC);
    bStored = sqlite3_step(pStmt)==SQLITE_ROW;
  }
  sqlite3_finalize(pStmt);
  sqlite3_free(zSql);
  return bStored;
}

/*
** Resolve the relview declaration zSql (a stored CREATE VIRTUAL TABLE)
** of view zName in schema zSchema.  *ppDecl is NULL if zSql is not one or
** does not resolve now.
*/
static int rvDeclFromSql(sqlite3 *db, const char *zSchema, const char *zName,
                         const char *zSql, RvDecl **ppDecl){
  char **azArg = 0;
  char *zErr = 0;
  int nArg = 0;
  int rc = rvSplitCreateSql(zSql, &nArg, &azArg);
  *ppDecl = 0;
  if( rc==SQLITE_OK && nArg>0 ){
    rc = rvDeclBuild(db, zSchema, zName, nArg, (const char*const*)azArg,
                     ppDecl, &zErr, 0);
    if( rc==SQLITE_ERROR ) rc = SQLITE_OK;
  }
  sqlite3_free(azArg);
  sqlite3_free(zErr);
  return rc;
}

/*
** backref=: is the reverse view there already, with the declaration
** backref= would give it?  A copy of a schema replayed in the order
** "reverse view, then this one" meets it so (README, Copies).  Sets
** *pbSame; anything else of that name is left to the CREATE to refuse.
*/
static int rvBackrefExists(sqlite3 *db, const char *zSchema, RvDecl *pDecl,
                           int *pbSame){
  sqlite3_stmt *pStmt = 0;
  RvDecl *pOld = 0, *pNew = 0;
  char *zSql;
  int rc;
  *pbSame = 0;
  zSql = sqlite3_mprintf("SELECT sql FROM \"%w\".sqlite_master"
                         " WHERE type='table' AND name=?1 COLLATE NOCASE",
                         zSchema);
  rc = zSql ? sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(pStmt, 1, pDecl->zBackref, -1, SQLITE_STATIC);
    if( sqlite3_step(pStmt)==SQLITE_ROW ){
      const char *zOld = (const char*)sqlite3_column_text(pStmt, 0);
      rc = zOld ? rvDeclFromSql(db, zSchema, pDecl->zBackref, zOld, &pOld)
                : SQLITE_OK;
    }
    if( rc==SQLITE_OK ) rc = sqlite3_finalize(pStmt);
    else sqlite3_finalize(pStmt);
  }
  if( rc==SQLITE_OK && pOld ){
    zSql = sqlite3_mprintf("CREATE VIRTUAL TABLE x USING relview(%s)",
                           pDecl->zBackrefArgs);
    rc = zSql ? rvDeclFromSql(db, zSchema, pDecl->zBackref, zSql, &pNew)
              : SQLITE_NOMEM;
    sqlite3_free(zSql);
    *pbSame = pNew!=0 && rvDeclSame(pOld, pNew);
  }
  rvDeclFree(pOld);
  rvDeclFree(pNew);
  return rc;
}

/*
** Before xCreate or xConnect runs any other SQL: is every schema SQLite
** holds for this connection the one in its file?  A schema X that is not
** (another connection changed it, or a CREATE failed earlier in this
** transaction) is reset by the first statement that reads it, and temp's
** with it.  When the view is in X or in temp, that frees the Table SQLite
** is constructing the view for, and SQLite before 3.46 reads it again in
** sqlite3_declare_vtab() (newer ones require the constructor to fail).
**
** So each schema is read here first, by a statement made with
** sqlite3_prepare(), which does not prepare again by itself: a schema that
** changed is reset by it and shows as SQLITE_SCHEMA.  Then xCreate of a
** view in X or temp, and xConnect (SQLite holds that reset back until the
** statement that connects is prepared again), return SQLITE_SCHEMA without
** touching anything more, and SQLite runs the CREATE again (sqlite3_step())
** or prepares the statement again, over the reloaded schema.  xCreate of a
** view elsewhere goes on with the next schema, the reset one reloads.  A
** schema found current stays so during xCreate: the CREATE statement, a
** write, keeps the read transaction each check opened until it ends.
** xConnect runs under SQLite's schema lock, where a later reset waits and
** frees nothing; the SQL that meets it fails.  Errors other than SQLITE_SCHEMA
** and SQLITE_NOMEM are left to the SQL that needs the schema (a database
** locked by another process need not be one of the view's).
**
** zView is the view's schema, copied: argv is in the Table a reset frees.
*/
static int rvSchemaCurrent(sqlite3 *db, const char *zView, int bCreate){
  sqlite3_stmt *pList = 0;
  int nReset = 0;
  int rc = sqlite3_prepare_v2(db, "PRAGMA database_list", -1, &pList, 0);
  while( rc==SQLITE_OK && sqlite3_step(pList)==SQLITE_ROW ){
    const char *zDb = (const char*)sqlite3_column_text(pList, 1);
    sqlite3_stmt *pRead = 0;
    char *zSql = sqlite3_mprintf("SELECT 1 FROM \"%w\".sqlite_master LIMIT 1",
                                 zDb);
    if( zSql==0 ){
      rc = SQLITE_NOMEM;
    }else if( (rc = sqlite3_prepare(db, zSql, -1, &pRead, 0))==SQLITE_OK ){
      sqlite3_step(pRead);
      rc = sqlite3_finalize(pRead);
    }
    sqlite3_free(zSql);
    /* At most one reset per schema: main, temp and 125 attached */
    if( rc==SQLITE_SCHEMA && bCreate && nReset++<127
     && sqlite3_stricmp(zView, "temp")!=0
     && (zDb==0 || sqlite3_stricmp(zView, zDb)!=0)
    ){
      sqlite3_reset(pList);     /* X and temp reloaded: all again */
      rc = SQLITE_OK;
    }
    if( rc!=SQLITE_SCHEMA && rc!=SQLITE_NOMEM ) rc = SQLITE_OK;
  }
  if( rc==SQLITE_OK ){
    rc = sqlite3_finalize(pList);
  }else{
    sqlite3_finalize(pList);
  }
  return rc==SQLITE_SCHEMA || rc==SQLITE_NOMEM ? rc : SQLITE_OK;
}

/*
** xCreate and xConnect.  argv[1] is the view's schema, argv[2] its name,
** argv[3..] the arguments.  xConnect of a view whose tables no longer fit
** its declaration still succeeds, so that DROP TABLE works; every use of
** such a view fails with the reason.  A table in a schema that is not
** attached fails xConnect instead: after ATTACH the view works again.
*/
static int rvInit(
  sqlite3 *db, RvConn *pConn, int argc, const char *const *argv,
  sqlite3_vtab **ppVtab, char **pzErr, int bCreate
){
  RvVtab *p;
  RvDecl *pDecl = 0;
  char *zErr = 0;
  char *zSql = 0;
  int bBroken;                  /* Connect a view that cannot be used */
  const char *azName[3] = {0, 0, 0};
  char *zView;                  /* Copy of argv[1] */
  int bNoSchema = 0;            /* The error is a schema not attached */
  int rc;

  *ppVtab = 0;
  zView = sqlite3_mprintf("%s", argv[1]);
  rc = zView ? rvSchemaCurrent(db, zView, bCreate) : SQLITE_NOMEM;
  sqlite3_free(zView);
  if( rc!=SQLITE_OK ){
    /* Nothing of SQLite's may be read now: argv may have been freed */
    if( rc==SQLITE_SCHEMA ){
      *pzErr = sqlite3_mprintf("relview: the database schema changed while "
                               "the view was being %s; run the statement "
                               "again", bCreate ? "declared" : "opened");
    }
    return rc;
  }
  rc = rvDeclBuild(db, argv[1], argv[2], argc-3, argv+3, &pDecl, &zErr,
                   &bNoSchema);
  /* The schema and name from here on are the declaration's copies: the
  ** SQL rvDeclBuild() ran may have made SQLite reload the schema, which
  ** frees argv's strings */
  if( pDecl ){
    argv = (const char *const*)azName;
    azName[1] = pDecl->zSchema;
    azName[2] = pDecl->zName;
  }
  /* A view that SQLite remembers from a CREATE that failed earlier in this
  ** transaction is not stored: it gets its error, not an unusable view */
  bBroken = rc==SQLITE_ERROR && !bNoSchema && !bCreate
         && rvIsStored(db, argv[1], argv[2]);
  if( rc!=SQLITE_OK && !bBroken ){
    *pzErr = zErr;
    return rc;
  }
  p = sqlite3_malloc(sizeof(RvVtab));
  if( p==0 ){
    rvDeclFree(pDecl);
    sqlite3_free(zErr);
    return SQLITE_NOMEM;
  }
  memset(p, 0, sizeof(*p));
  p->db = db;
  p->pConn = pConn;
  p->pDecl = pDecl;
  p->zName = sqlite3_mprintf("%s", argv[2]);
  rc = p->zName ? SQLITE_OK : SQLITE_NOMEM;
  if( bBroken && rc==SQLITE_OK ){
    const char *zWhy = zErr ? zErr : "";
    if( strncmp(zWhy, "relview: ", 9)==0 ) zWhy += 9;
    p->zBroken = sqlite3_mprintf("relview: %s cannot be used: %s; its tables "
        "changed since it was declared: restore them and reopen the "
        "database, or DROP TABLE %s and declare it again",
        argv[2], zWhy, argv[2]);
    rc = p->zBroken ? SQLITE_OK : SQLITE_NOMEM;
    zSql = sqlite3_mprintf("CREATE TABLE x(relview_error)");
  }else if( rc==SQLITE_OK ){
    zSql = rvDeclSchemaSql(pDecl);
  }
  sqlite3_free(zErr);
  if( rc==SQLITE_OK && zSql==0 ) rc = SQLITE_NOMEM;
  if( rc==SQLITE_OK ){
    rc = sqlite3_declare_vtab(db, zSql);
    if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM ){
      /* Not expected: the columns are written from a schema SQLite read */
      *pzErr = sqlite3_mprintf("relview: %s: cannot declare its columns "
          "(%s): %s", argv[2], sqlite3_errmsg(db), zSql);
    }
  }
  sqlite3_free(zSql);
  if( rc==SQLITE_OK ){
    /* INSERT OR IGNORE, OR FAIL... treat a SQLITE_CONSTRAINT from xUpdate
    ** as they treat a table's constraint */
    sqlite3_vtab_config(db, SQLITE_VTAB_CONSTRAINT_SUPPORT, 1);
    if( sqlite3_libversion_number()>=3031000 ){
      sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    }
  }

  /* backref=: the reverse view, made by the same statement, or there
  ** already with this declaration */
  if( rc==SQLITE_OK && bCreate && pDecl->zBackref ){
    int bSame = 0;
    rc = rvBackrefExists(db, argv[1], pDecl, &bSame);
    if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM ){
      *pzErr = sqlite3_mprintf("relview: backref=%s: %s", pDecl->zBackref,
                               sqlite3_errmsg(db));
    }
    if( bSame ) goto backref_done;
  }
  if( rc==SQLITE_OK && bCreate && pDecl->zBackref ){
    char *zErr2 = 0;
    zSql = sqlite3_mprintf("CREATE VIRTUAL TABLE \"%w\".\"%w\" USING relview(%s)",
                           argv[1], pDecl->zBackref, pDecl->zBackrefArgs);
    if( zSql==0 ){
      rc = SQLITE_NOMEM;
    }else{
      rc = sqlite3_exec(db, zSql, 0, 0, &zErr2);
      sqlite3_free(zSql);
      if( rc!=SQLITE_OK && rc!=SQLITE_NOMEM ){
        const char *zWhy = zErr2 ? zErr2 : sqlite3_errstr(rc);
        if( strncmp(zWhy, "relview: ", 9)==0 ) zWhy += 9;
        *pzErr = sqlite3_mprintf("relview: backref=%s: %s%s", pDecl->zBackref,
            zWhy, strstr(zWhy, "already exists") ? " and is not this view's "
            "reverse; drop it, or choose another backref= name" : "");
        if( *pzErr==0 ) rc = SQLITE_NOMEM;
      }
      sqlite3_free(zErr2);
    }
  }
backref_done:

  if( rc!=SQLITE_OK ){
    rvVtabFree(p);
    return rc;
  }
  *ppVtab = &p->base;
  return SQLITE_OK;
}

static int rvCreate(sqlite3 *db, void *pAux, int argc,
                    const char *const *argv, sqlite3_vtab **ppVtab,
                    char **pzErr){
  return rvInit(db, (RvConn*)pAux, argc, argv, ppVtab, pzErr, 1);
}

static int rvConnect(sqlite3 *db, void *pAux, int argc,
                     const char *const *argv, sqlite3_vtab **ppVtab,
                     char **pzErr){
  return rvInit(db, (RvConn*)pAux, argc, argv, ppVtab, pzErr, 0);
}

/* xBegin, xSync: nothing to do; the vtab takes part in transactions so
** that xCommit and xRollback tell it when one ends */
static int rvBegin(sqlite3_vtab *pVtab){
  (void)pVtab;
  return SQLITE_OK;
}

/* xCommit, xRollback: drop the statements that write (see cursor.c) */
static int rvEndTransaction(sqlite3_vtab *pVtab){
  rvStmtCacheFree((RvVtab*)pVtab, 1);
  return SQLITE_OK;
}

static int rvDisconnect(sqlite3_vtab *pVtab){
  rvVtabFree((RvVtab*)pVtab);
  return SQLITE_OK;
}

/*
** A transitive view walks: its plan is a recursive statement (walk.c), or
** through an association table a walk of the cursor's own (graph.c).  The
** others join (plan.c, cursor.c).
*/
static int rvIsGraph(sqlite3_vtab *pVtab){
  RvDecl *p = ((RvVtab*)pVtab)->pDecl;
  return p && p->bTransitive && p->nSide==3;
}
static int rvxBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  RvVtab *p = (RvVtab*)pVtab;
  if( rvIsGraph(pVtab) ) return rvGraphBestIndex(pVtab, pInfo);
  if( p->pDecl && p->pDecl->bTransitive ) return rvWalkBestIndex(pVtab, pInfo);
  return rvBestIndex(pVtab, pInfo);
}
static int rvxOpen(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  if( rvIsGraph(pVtab) ) return rvGraphOpen(pVtab, ppCursor);
  return rvOpen(pVtab, ppCursor);
}
static int rvxClose(sqlite3_vtab_cursor *pCur){
  if( rvIsGraph(pCur->pVtab) ) return rvGraphClose(pCur);
  return rvClose(pCur);
}
static int rvxFilter(sqlite3_vtab_cursor *pCur, int idxNum,
                     const char *idxStr, int argc, sqlite3_value **argv){
  if( rvIsGraph(pCur->pVtab) ){
    return rvGraphFilter(pCur, idxNum, idxStr, argc, argv);
  }
  return rvFilter(pCur, idxNum, idxStr, argc, argv);
}
static int rvxNext(sqlite3_vtab_cursor *pCur){
  if( rvIsGraph(pCur->pVtab) ) return rvGraphNext(pCur);
  return rvNext(pCur);
}
static int rvxEof(sqlite3_vtab_cursor *pCur){
  if( rvIsGraph(pCur->pVtab) ) return rvGraphEof(pCur);
  return rvEof(pCur);
}
static int rvxColumn(sqlite3_vtab_cursor *pCur, sqlite3_context *ctx, int i){
  if( rvIsGraph(pCur->pVtab) ) return rvGraphColumn(pCur, ctx, i);
  return rvColumn(pCur, ctx, i);
}

static sqlite3_module rvModule = {
  /* iVersion    */ 1,
  /* xCreate     */ rvCreate,
  /* xConnect    */ rvConnect,
  /* xBestIndex  */ rvxBestIndex,
  /* xDisconnect */ rvDisconnect,
  /* xDestroy    */ rvDisconnect,
  /* xOpen       */ rvxOpen,
  /* xClose      */ rvxClose,
  /* xFilter     */ rvxFilter,
  /* xNext       */ rvxNext,
  /* xEof        */ rvxEof,
  /* xColumn     */ rvxColumn,
  /* xRowid      */ rvRowid,
  /* xUpdate     */ rvUpdate,
  /* xBegin      */ rvBegin,
  /* xSync       */ rvBegin,
  /* xCommit     */ rvEndTransaction,
  /* xRollback   */ rvEndTransaction,
  /* xFindMethod */ 0,
  /* xRename     */ 0,
  /* xSavepoint  */ 0,
  /* xRelease    */ 0,
  /* xRollbackTo */ 0,
  /* xShadowName */ 0
#if SQLITE_VERSION_NUMBER>=3044000
  ,/* xIntegrity */ 0
#endif
};

/* relview_version(): the version of this build */
static void rvVersionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, RELVIEW_VERSION, -1, SQLITE_STATIC);
}

/* The one symbol the library shows: relview.so is compiled with
** -fvisibility=hidden, so that its helpers and its sqlite3_api pointer
** cannot clash with another extension's in the same process */
#ifdef _WIN32
__declspec(dllexport)
#elif defined(__GNUC__)
__attribute__((visibility("default")))
#endif
int sqlite3_relview_init(
  sqlite3 *db,
  char **pzErrMsg,
  const sqlite3_api_routines *pApi
){
  int rc;
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  RvConn *pConn;
  const char *zWhat;            /* What is being registered */
#ifndef SQLITE_CORE
  SQLITE_EXTENSION_INIT2(pApi);
#else
  (void)pApi;
#endif
  if( sqlite3_libversion_number()<RV_MIN_SQLITE ){
    if( pzErrMsg ){
      *pzErrMsg = sqlite3_mprintf("relview: needs SQLite 3.26.0 or later, "
                                  "this is %s", sqlite3_libversion());
    }
    return SQLITE_ERROR;
  }
  if( sqlite3_libversion_number()>=3031000 ) flags |= SQLITE_INNOCUOUS;
  /* The connection's state, freed by SQLite with the module (also when
  ** sqlite3_create_module_v2() fails) */
  pConn = sqlite3_malloc(sizeof(RvConn));
  if( pConn==0 ) return SQLITE_NOMEM;
  memset(pConn, 0, sizeof(*pConn));
  zWhat = "the relview module";
  rc = sqlite3_create_module_v2(db, "relview", &rvModule, pConn, sqlite3_free);
  if( rc==SQLITE_OK ){
    zWhat = "relview_version()";
    rc = sqlite3_create_function(db, "relview_version", 0, flags, 0,
                                 rvVersionFunc, 0, 0);
  }
  if( rc==SQLITE_OK ){
    /* It changes the schema: never from a trigger or a view (3.30+) */
    int fAutomap = SQLITE_UTF8;
    if( sqlite3_libversion_number()>=3030000 ) fAutomap |= SQLITE_DIRECTONLY;
    zWhat = "relview_automap()";
    rc = sqlite3_create_function(db, "relview_automap", 0, fAutomap, 0,
                                 rvAutomapFunc, 0, 0);
    if( rc==SQLITE_OK ){
      rc = sqlite3_create_function(db, "relview_automap", 1, fAutomap, 0,
                                   rvAutomapFunc, 0, 0);
    }
  }
  if( rc==SQLITE_OK ){
    zWhat = "pragma_relview_list, _columns and _automap";
    rc = rvRegisterPragmas(db);
  }
  if( rc!=SQLITE_OK && pzErrMsg ){
    *pzErrMsg = sqlite3_mprintf("relview: cannot register %s: %s", zWhat,
                                sqlite3_errmsg(db));
  }
  return rc;
}
