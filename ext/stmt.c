/*
** stmt.c: the statement cache of a view, for the inner statements that
** cursors step (cursor.c) and the statements that writes run (write.c).
**
** Statements are prepared once per SQL text and kept on the vtab
** (RvVtab.pStmtList).  A statement in use is marked busy and never handed
** to another: a nested use of the same view (a self-join, a subquery, a
** trigger) gets a statement of its own.
**
** A statement that writes and whose program, with its triggers and
** foreign-key actions, uses a virtual table is kept only until the
** transaction ends (xCommit, xRollback): if a trigger on a base table uses
** the view, the statement holds the view, which could then never be
** disconnected, and the connection never closed.  Other writing statements
** are kept, unless re-prepared since (a trigger created later).
*/
#include "relviewInt.h"
#include <string.h>

/* Idle statements kept per view; more are finalized when released */
#define RV_MAX_IDLE 8

/* Finalize the idle statements: all, or (at the end of a transaction)
** those that write and may hold a virtual table.  One of those that is
** busy now (SQLite rolls back a transaction on out-of-memory while a
** nested write runs) is finalized when it is released. */
void rvStmtCacheFree(RvVtab *p, int bWriteOnly){
  RvStmt **pp = &p->pStmtList;
  while( *pp ){
    RvStmt *pS = *pp;
    int bKeep = bWriteOnly && (!pS->bWrite || (pS->bNoVtab
        && sqlite3_stmt_status(pS->pStmt, SQLITE_STMTSTATUS_REPREPARE, 0)
           ==pS->nReprep));
    if( pS->bBusy && !bKeep ) pS->bNested = 1;
    if( bKeep || pS->bBusy ){
      pp = &pS->pNext;
    }else{
      *pp = pS->pNext;
      sqlite3_finalize(pS->pStmt);
      sqlite3_free(pS);
      p->nStmt--;
    }
  }
}

/* Hand statement pS back to the cache, finalizing idle ones past the cap */
void rvStmtRelease(RvVtab *p, RvStmt *pS){
  RvStmt **pp;
  int nIdle = 0;
  assert( pS->bBusy );              /* Handed out by rvStmtAcquire() */
  assert( p->nStmt>0 );
  sqlite3_reset(pS->pStmt);
  pS->bBusy = 0;
  if( pS->bNested ){
    for(pp=&p->pStmtList; *pp!=pS; pp=&(*pp)->pNext){}
    *pp = pS->pNext;
    sqlite3_finalize(pS->pStmt);
    sqlite3_free(pS);
    p->nStmt--;
    return;
  }
  if( p->nStmt<=RV_MAX_IDLE ) return;
  for(pp=&p->pStmtList; *pp; ){
    RvStmt *pX = *pp;
    if( !pX->bBusy && ++nIdle>RV_MAX_IDLE ){
      *pp = pX->pNext;
      sqlite3_finalize(pX->pStmt);
      sqlite3_free(pX);
      p->nStmt--;
    }else{
      pp = &pX->pNext;
    }
  }
}

/*
** Report the error of a statement from the cache as the view's.  One that names something that
** is not there means the base tables changed under the view: say so.
*/
int rvStmtError(RvVtab *p, int rc){
  const char *zMsg = sqlite3_errmsg(p->db);
  if( rc==SQLITE_NOMEM ) return rc;
  if( strncmp(zMsg, "relview: ", 9)==0 ){
    /* A relview view read by the inner statement said it: pass it on */
    return rvVtabError(&p->base, rc, "%s", zMsg);
  }
  if( strncmp(zMsg, "no such ", 8)==0 && p->pDecl ){
    /* A schema of its tables that is not attached now (DETACH): say so,
    ** as pragma_relview_list and a new connection do */
    int i;
    for(i=0; i<p->pDecl->nSide; i++){
      RvTable *pTab = p->pDecl->aSide[i].pTab;
      if( sqlite3_stricmp(pTab->zSchema, "temp")!=0
       && sqlite3_db_filename(p->db, pTab->zSchema)==0 ){
        return rvVtabError(&p->base, rc, "relview: %s: no such schema: %s (in "
            "%s.%s); ATTACH it first", p->zName, pTab->zSchema,
            pTab->zSchema, pTab->zName);
      }
    }
  }
  if( strncmp(zMsg, "no such ", 8)==0 ){
    return rvVtabError(&p->base, rc,
        "relview: %s: %s (its tables changed since it "
        "was declared: restore them, or DROP TABLE %s and declare it again)",
        p->zName, zMsg, p->zName);
  }
  return rvVtabError(&p->base, rc, "relview: %s: %s", p->zName, zMsg);
}

/*
** True if the program of statement zSql opens no virtual table.  EXPLAIN
** lists the programs of its triggers and foreign-key actions too; an
** opcode V<Upper> (VOpen, VFilter, VUpdate, VBegin...) is a virtual table.
** Any failure (out of memory) answers false, which only costs a prepare.
*/
static int rvUsesNoVtab(sqlite3 *db, const char *zSql){
  char *zExplain = sqlite3_mprintf("EXPLAIN %s", zSql);
  sqlite3_stmt *pExplain = 0;
  int bVtab = 1;
  if( zExplain
   && sqlite3_prepare_v2(db, zExplain, -1, &pExplain, 0)==SQLITE_OK ){
    bVtab = 0;
    while( sqlite3_step(pExplain)==SQLITE_ROW ){
      const char *zOp = (const char*)sqlite3_column_text(pExplain, 1);
      if( zOp==0 || (zOp[0]=='V' && zOp[1]>='A' && zOp[1]<='Z') ) bVtab = 1;
    }
    if( sqlite3_finalize(pExplain)!=SQLITE_OK ) bVtab = 1;
  }
  sqlite3_free(zExplain);
  return !bVtab;
}

/* An idle statement for plan zSql, prepared if there is none */
int rvStmtAcquire(RvVtab *p, const char *zSql, RvStmt **ppOut){
  RvStmt *pS;
  RvStmt **pp;
  int rc;
  assert( zSql );
  for(pp=&p->pStmtList; (pS = *pp)!=0; pp=&pS->pNext){
    if( !pS->bBusy && strcmp(pS->zSql, zSql)==0 ){
      *pp = pS->pNext;                  /* Move to the front */
      pS->pNext = p->pStmtList;
      p->pStmtList = pS;
      pS->bBusy = 1;
      *ppOut = pS;
      return SQLITE_OK;
    }
  }
  pS = sqlite3_malloc64(sizeof(RvStmt) + strlen(zSql) + 1);
  if( pS==0 ) return SQLITE_NOMEM;
  memset(pS, 0, sizeof(*pS));
  pS->zSql = (char*)&pS[1];
  memcpy(pS->zSql, zSql, strlen(zSql)+1);
  rc = sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT,
                          &pS->pStmt, 0);
  if( rc!=SQLITE_OK ){
    sqlite3_free(pS);
    return rvStmtError(p, rc);
  }
  pS->bBusy = 1;
  pS->bWrite = !sqlite3_stmt_readonly(pS->pStmt);
  if( pS->bWrite ){
    pS->bNoVtab = rvUsesNoVtab(p->db, zSql);
    pS->nReprep = sqlite3_stmt_status(pS->pStmt, SQLITE_STMTSTATUS_REPREPARE,
                                      0);
  }
  pS->pNext = p->pStmtList;
  p->pStmtList = pS;
  p->nStmt++;
  *ppOut = pS;
  return SQLITE_OK;
}

/*
** Step inner statement pS of view p: SQLITE_ROW, or SQLITE_DONE once it
** is reset, or the error (the view's message is the statement's).  Reads
** one in another deeper than RV_MAX_READ_DEPTH are refused: a view's
** inner statement steps another relview cursor only when a base table
** reads a view (an SQL view left where a table was), a cycle if deep.
*/
int rvStmtStep(RvVtab *p, RvStmt *pS){
  unsigned nStep;
  int rc;
  assert( pS && pS->bBusy );
  if( p->pConn->nReadDepth>=RV_MAX_READ_DEPTH ){
    pS->bNested = 1;
    return rvVtabError(&p->base, SQLITE_ERROR,
        "relview: %s: too many levels of "
        "nested reads through relationship views (more than %d): one of "
        "its tables reads it; restore its base tables and reopen the "
        "database", p->zName, RV_MAX_READ_DEPTH);
  }
  /* A relview cursor stepped in this step, or this one in another's: the
  ** statement reads a view (through an SQL view): not to be kept, or the
  ** view could never be disconnected */
  nStep = ++p->pConn->nReadStep;
  p->pConn->nReadDepth++;
  rc = sqlite3_step(pS->pStmt);
  p->pConn->nReadDepth--;
  if( p->pConn->nReadDepth>0 || p->pConn->nReadStep!=nStep ){
    pS->bNested = 1;
  }
  if( rc==SQLITE_ROW ) return rc;
  rc = sqlite3_reset(pS->pStmt);
  return rc==SQLITE_OK ? SQLITE_DONE : rvStmtError(p, rc);
}
