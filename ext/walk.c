/*
** walk.c: xBestIndex of a transitive view, and its refusal of writes.
**
** relview(employees AS manager, employees AS report,
**         foreign_key=report.manager_id, transitive=yes)
** has a row for every ancestor and descendant pair of the hierarchy the
** foreign key makes, with the depth of the descendant below the ancestor
** (1 for a direct link).  Its inner statement is a recursive walk over the
** base table, written for each plan as plan.c writes a join:
**
**   WITH RECURSIVE rv_walk(a0.., d0.., depth) AS (
**     SELECT <manager's id>, <report's id>, 1
**       FROM t AS manager JOIN t AS report ON <the join>
**      WHERE <constraints on the manager's columns>
**     UNION ALL
**     SELECT rv_walk.a0.., <report's id>, rv_walk.depth+1
**       FROM rv_walk JOIN t AS manager ON <manager's id> = rv_walk.d0..
**       JOIN t AS report ON <the join>
**      WHERE NOT (rv_walk.d0 = rv_walk.a0 ..) AND <depth bounds>)
**   SELECT NULL, <view columns>, rv_pair.depth, rv_pair.a0.., rv_pair.d0..
**     FROM rv_walk AS rv_pair JOIN t AS manager ON ... JOIN t AS report ON
**    WHERE <the other constraints> ORDER BY ...
**
** A row's id is its rowid, or its PRIMARY KEY columns in a table without
** one (walk.c never compares other columns to tell rows apart).  The
** walk goes down from each ancestor (above), or, when the query gives a
** descendant and no ancestor, up from it through its parents.
**
** Each pair once, at its shortest depth, whatever the data:
**   down   a table related to itself by a foreign key gives each row at
**          most one parent, so from an ancestor a the walk reaches each
**          row by one path, until it comes back to a (a cycle through a):
**          the pair (a, a) is a row, and the walk stops there.
**   up     the parents of a row are a chain, which may end in a cycle
**          that does not pass the start.  The walk stops at the start, or
**          when it meets again a row it kept (Brent's cycle finding: the
**          row at each power of two is kept).  A pair met twice before
**          that comes first at its least depth (the walk's rows come in
**          order of depth): the plan's idxNum RV_PLAN_DISTINCT has the
**          cursor keep the first row of each relview_key.  So SQLite
**          checks the depth (but the bounds) and sorts the rows itself.
** A row whose parent is missing ends its chain, as in the join.
**
** Constraints on the ancestor's columns (down) or the descendant's (up)
** choose where the walks start; =, <= and < on depth bound them; every
** other constraint is checked on the pairs.  A side whose columns the
** query reads only in its id is not joined again.  The result columns are
** laid out as plan.c's: view column i is column i+1, relview_key (the two
** ids, as key.c writes them) the last ones.
*/
#include "relviewInt.h"
#include <string.h>

#define RV_WALK_DOWN 0
#define RV_WALK_UP   1

/* Where a constraint goes (RvWalk.aWhere) */
#define RV_TERM_NONE  0         /* Left to SQLite */
#define RV_TERM_START 1         /* The walk's first step */
#define RV_TERM_PAIR  2         /* The pairs */
#define RV_TERM_DEPTH 3         /* The pairs, and a bound of the walk */

/* Rows assumed in a table with no statistics, as SQLite assumes */
#define RV_WALK_ROWS 1048576.0

typedef struct RvWalk RvWalk;
struct RvWalk {
  RvDecl *p;
  sqlite3_index_info *pInfo;
  RvTable *pTab;                /* The table, on both sides */
  int iAnc, iDesc;              /* Sides of the ancestor and the descendant */
  int eDir;                     /* RV_WALK_DOWN or RV_WALK_UP */
  int nId;                      /* Columns of a row's id */
  int bFast;                    /* The join's key is the rowid: the walk
                                ** finds children by it, not by the row */
  char *zWalk, *zPair;          /* Names of the walk and its pairs */
  int mJoin;                    /* Sides joined to the pairs (1<<side) */
  unsigned char *aWhere;        /* Per constraint, RV_TERM_* */
  int *aArg;                    /* Per constraint used, its ?N */
};

/* The base column of id column i (rowid: -1) */
static int rvWalkIdCol(RvWalk *pW, int i){
  assert( i>=0 && i<pW->nId );
  return pW->pTab->bRowid ? -1 : pW->pTab->aKey[0].aiCol[i];
}

/* The id column that base column iCol is, or -1: the INTEGER PRIMARY KEY
** is the rowid, a PRIMARY KEY column of a table without rowid its own */
static int rvWalkIsId(RvWalk *pW, int iCol){
  int i;
  if( pW->pTab->bRowid ) return iCol==pW->pTab->iRowidCol ? 0 : -1;
  for(i=0; i<pW->nId; i++) if( rvWalkIdCol(pW, i)==iCol ) return i;
  return -1;
}

/* Append "alias.<id 0>, alias.<id 1>, ..." for side iSide */
static void rvWalkIds(sqlite3_str *pStr, RvWalk *pW, int iSide){
  int i;
  for(i=0; i<pW->nId; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    rvAppendRowId(pStr, pW->pTab, pW->p->aSide[iSide].zAlias, i);
  }
}

/* Append "zTab.<c>0, zTab.<c>1, ..." for the walk's id columns <c>
** (zTab NULL: "<c>0, <c>1, ...") */
static void rvWalkCols(sqlite3_str *pStr, RvWalk *pW, const char *zTab,
                       char c){
  int i;
  for(i=0; i<pW->nId; i++){
    if( i ) sqlite3_str_appendall(pStr, ", ");
    if( zTab ) sqlite3_str_appendf(pStr, "\"%w\".", zTab);
    sqlite3_str_appendf(pStr, "%c%d", c, i);
  }
}

/* Append "alias.<id 0> = zTab.<c>0 AND ..." (same row: each id column
** compared with its own collation, as its key compares) */
static void rvWalkSameRow(sqlite3_str *pStr, RvWalk *pW, int iSide,
                          const char *zTab, char c){
  const char *zAlias = pW->p->aSide[iSide].zAlias;
  int i;
  for(i=0; i<pW->nId; i++){
    if( i ) sqlite3_str_appendall(pStr, " AND ");
    rvAppendRowId(pStr, pW->pTab, zAlias, i);
    sqlite3_str_appendf(pStr, " = \"%w\".%c%d", zTab, c, i);
  }
}

/* A name for the walk's own tables that no alias of the view has */
static char *rvWalkName(RvWalk *pW, const char *zBase){
  int n;
  for(n=0; n<3; n++){
    char *z = sqlite3_mprintf("%s%.*s", zBase, n, "__");
    if( z==0 ) return 0;
    if( sqlite3_stricmp(z, pW->p->aSide[0].zAlias)
     && sqlite3_stricmp(z, pW->p->aSide[1].zAlias) ){
      return z;
    }
    sqlite3_free(z);
  }
  assert( 0 );                  /* Two aliases cannot take three names */
  return 0;
}

/* The side of view column iCol, or -1 for depth and relview_key */
static int rvWalkSide(RvWalk *pW, int iCol){
  assert( iCol>=0 && iCol<pW->p->nCol );
  return pW->p->aCol[iCol].iCol<0 ? -1 : pW->p->aCol[iCol].iSide;
}

/* True if the query reads view column i (colUsed; bit 63 is every column
** from 63 on) */
static int rvWalkUsed(RvWalk *pW, int i){
  return ((pW->pInfo->colUsed >> (i<63 ? i : 63)) & 1)!=0;
}

/*
** Sort the usable constraints (aWhere) and choose the direction: up when
** an equality an index can seek gives the descendant and none the
** ancestor.  Sets the sides the pairs are joined to (mJoin): each whose
** columns a constraint on the pairs, the ORDER BY or the query reads,
** but its id.  Returns the estimated rows.
*/
static double rvWalkChoose(RvWalk *pW){
  sqlite3_index_info *pInfo = pW->pInfo;
  RvDecl *p = pW->p;
  sqlite3_uint64 mLike = rvLikeMask(pInfo);
  int abSeek[2] = {0, 0};
  int nBound = 0, nOther = 0;
  double nRow;
  int i;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    int iSide, iCol;
    pW->aWhere[i] = RV_TERM_NONE;
    if( !pC->usable || rvOpSql(pC->op)==0 || pC->iColumn<0 ) continue;
    if( rvIsLikeRange(pInfo, i, mLike) ) continue;
    iCol = p->aCol[pC->iColumn].iCol;
    if( iCol==RV_COL_KEY ) continue;
    if( iCol==RV_COL_DEPTH ){
      pW->aWhere[i] = RV_TERM_DEPTH;
      continue;
    }
    iSide = p->aCol[pC->iColumn].iSide;
    pW->aWhere[i] = RV_TERM_PAIR;
    if( (pC->op==SQLITE_INDEX_CONSTRAINT_EQ || pC->op==SQLITE_INDEX_CONSTRAINT_IS)
     && (pW->pTab->aCol[iCol].bIndexed || rvWalkIsId(pW, iCol)==0) ){
      abSeek[iSide] = 1;
    }
  }
  pW->eDir = (!abSeek[pW->iAnc] && abSeek[pW->iDesc]) ? RV_WALK_UP
                                                      : RV_WALK_DOWN;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    int iSide;
    if( pW->aWhere[i]==RV_TERM_DEPTH ){
      if( pC->op==SQLITE_INDEX_CONSTRAINT_EQ || pC->op==SQLITE_INDEX_CONSTRAINT_IS
       || pC->op==SQLITE_INDEX_CONSTRAINT_LE
       || pC->op==SQLITE_INDEX_CONSTRAINT_LT ){
        nBound++;
      }else if( pW->eDir==RV_WALK_UP ){
        /* Up, a pair may come twice: SQLite checks the depth of the first
        ** (the cursor's), which is no bound of the walk */
        pW->aWhere[i] = RV_TERM_NONE;
      }
      continue;
    }
    if( pW->aWhere[i]!=RV_TERM_PAIR ) continue;
    iSide = p->aCol[pC->iColumn].iSide;
    if( iSide==(pW->eDir==RV_WALK_DOWN ? pW->iAnc : pW->iDesc) ){
      pW->aWhere[i] = RV_TERM_START;
    }else{
      pW->mJoin |= 1<<iSide;
      nOther++;
    }
  }
  for(i=0; i<pInfo->nOrderBy; i++){
    int iCol = pInfo->aOrderBy[i].iColumn;
    if( iCol>=0 && rvWalkSide(pW, iCol)>=0 ){
      pW->mJoin |= 1<<rvWalkSide(pW, iCol);
    }
  }
  for(i=0; i<p->nCol; i++){
    int iSide = rvWalkSide(pW, i);
    if( iSide>=0 && rvWalkUsed(pW, i)
     && rvWalkIsId(pW, p->aCol[i].iCol)<0 ){
      pW->mJoin |= 1<<iSide;
    }
  }
  /* A walk from one row reaches a subtree, or a chain of parents */
  if( pW->eDir==RV_WALK_UP ){
    nRow = 10;
  }else if( abSeek[pW->iAnc] ){
    nRow = 100;
  }else{
    nRow = RV_WALK_ROWS*4;
  }
  while( nBound-- > 0 && nRow>1 ) nRow /= 4;
  while( nOther-- > 0 && nRow>1 ) nRow /= 4;
  return nRow;
}

/* Append the view's column iCol as the pairs give it */
static void rvWalkColExpr(sqlite3_str *pStr, RvWalk *pW, int iCol){
  RvViewCol *pVCol = &pW->p->aCol[iCol];
  int iId;
  assert( pVCol->iCol>=0 );
  if( pW->mJoin & (1<<pVCol->iSide) ){
    rvAppendId(pStr, pW->p->aSide[pVCol->iSide].zAlias);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, pW->pTab->aCol[pVCol->iCol].zName);
    return;
  }
  iId = rvWalkIsId(pW, pVCol->iCol);
  assert( iId>=0 );
  sqlite3_str_appendf(pStr, "\"%w\".%c%d", pW->zPair,
                      pVCol->iSide==pW->iAnc ? 'a' : 'd', iId);
}

/* Append " AND" or " WHERE" and constraint i (RV_TERM_START or _PAIR) */
static void rvWalkTerm(sqlite3_str *pStr, RvWalk *pW, int i, int *pnTerm){
  const struct sqlite3_index_constraint *pC = &pW->pInfo->aConstraint[i];
  RvViewCol *pVCol = &pW->p->aCol[pC->iColumn];
  const char *zColl = pW->pTab->aCol[pVCol->iCol].zColl;
  sqlite3_str_appendall(pStr, (*pnTerm)++ ? " AND " : " WHERE ");
  rvAppendId(pStr, pW->p->aSide[pVCol->iSide].zAlias);
  sqlite3_str_appendall(pStr, ".");
  rvAppendId(pStr, pW->pTab->aCol[pVCol->iCol].zName);
  rvAppendTermOp(pStr, pW->pInfo, i, rvOpSql(pC->op), pW->aArg[i],
                 zColl ? zColl : "BINARY");
}

/* The first step: "SELECT <ids>, 1 [, checkpoint] FROM ... WHERE <start>" */
/* Up, with the rowid as the join's key: append ", anc.<foreign key>", the
** key of the ancestor's own parent, carried by the walk (as n) so that the
** next step finds that row by its rowid alone */
static void rvWalkParentKey(sqlite3_str *pStr, RvWalk *pW){
  sqlite3_str_appendall(pStr, ", ");
  rvAppendId(pStr, pW->p->aSide[pW->iAnc].zAlias);
  sqlite3_str_appendall(pStr, ".");
  rvAppendId(pStr, pW->pTab->aCol[pW->p->aJoin[0].aiChild[0]].zName);
}

static void rvWalkStart(sqlite3_str *pStr, RvWalk *pW){
  RvDecl *p = pW->p;
  int nTerm = 0;
  int i;
  sqlite3_str_appendall(pStr, "SELECT ");
  rvWalkIds(pStr, pW, pW->iAnc);
  sqlite3_str_appendall(pStr, ", ");
  rvWalkIds(pStr, pW, pW->iDesc);
  sqlite3_str_appendall(pStr, ", 1");
  if( pW->eDir==RV_WALK_UP ){
    sqlite3_str_appendall(pStr, ", ");
    rvWalkIds(pStr, pW, pW->iAnc);
    sqlite3_str_appendall(pStr, ", 1");
    if( pW->bFast ) rvWalkParentKey(pStr, pW);
  }
  rvAppendFrom(pStr, pW->p, pW->eDir==RV_WALK_DOWN ? pW->iAnc : pW->iDesc, 0);
  rvAppendFrom(pStr, pW->p, pW->eDir==RV_WALK_DOWN ? pW->iDesc : pW->iAnc, 1);
  sqlite3_str_appendall(pStr, " ON ");
  rvAppendJoinOn(pStr, p, 0, 1);
  for(i=0; i<pW->pInfo->nConstraint; i++){
    if( pW->aWhere[i]==RV_TERM_START ) rvWalkTerm(pStr, pW, i, &nTerm);
  }
}

/* Append the bounds that depth constraints put on the walk: a row is
** followed only if the next depth can still satisfy them */
static void rvWalkBounds(sqlite3_str *pStr, RvWalk *pW){
  sqlite3_index_info *pInfo = pW->pInfo;
  int i;
  for(i=0; i<pInfo->nConstraint; i++){
    int op = pInfo->aConstraint[i].op;
    if( pW->aWhere[i]!=RV_TERM_DEPTH ) continue;
    if( op==SQLITE_INDEX_CONSTRAINT_EQ || op==SQLITE_INDEX_CONSTRAINT_IS
     || op==SQLITE_INDEX_CONSTRAINT_LE ){
      sqlite3_str_appendf(pStr, " AND CAST(\"%w\".depth+1 AS INTEGER) <= ?%d",
                          pW->zWalk, pW->aArg[i]);
    }else if( op==SQLITE_INDEX_CONSTRAINT_LT ){
      sqlite3_str_appendf(pStr, " AND CAST(\"%w\".depth+1 AS INTEGER) < ?%d",
                          pW->zWalk, pW->aArg[i]);
    }
  }
}

/* Append column i of the row the walk up keeps after this step (Brent):
** the row it is at when the depth is a power of two (pw), else the one
** kept before */
static void rvWalkCheckpoint(sqlite3_str *pStr, const char *zW, int i){
  sqlite3_str_appendf(pStr, "CASE WHEN \"%w\".depth = \"%w\".pw"
      " THEN \"%w\".a%d ELSE \"%w\".c%d END", zW, zW, zW, i, zW, i);
}

/* Append " WHERE NOT (a0 = d0 AND ...)": the walk is not back at its
** start row */
static void rvWalkNotBack(sqlite3_str *pStr, RvWalk *pW){
  int i;
  sqlite3_str_appendall(pStr, " WHERE NOT (");
  for(i=0; i<pW->nId; i++){
    sqlite3_str_appendf(pStr, "%s\"%w\".a%d = \"%w\".d%d",
                        i ? " AND " : "", pW->zWalk, i, pW->zWalk, i);
  }
  sqlite3_str_appendall(pStr, ")");
}

/*
** The next step.  Down: the children of the row the walk is at (d), but
** of the start (a) when it has come back to it.  Up: the parent of the
** row it is at (a), but of the start (d), and not a row kept (c, the row
** at the last power of two of the depth, pw).
*/
static void rvWalkStep(sqlite3_str *pStr, RvWalk *pW){
  RvDecl *p = pW->p;
  const char *zW = pW->zWalk;
  int i;
  sqlite3_str_appendall(pStr, " UNION ALL SELECT ");
  if( pW->eDir==RV_WALK_DOWN ){
    rvWalkCols(pStr, pW, zW, 'a');
    sqlite3_str_appendall(pStr, ", ");
    rvWalkIds(pStr, pW, pW->iDesc);
    sqlite3_str_appendf(pStr, ", \"%w\".depth+1 FROM \"%w\"", zW, zW);
    if( pW->bFast ){
      /* The child's key compared with the parent's rowid as the join
      ** compares it with the INTEGER PRIMARY KEY: INTEGER affinity */
      RvJoin *pJ = &p->aJoin[0];
      int bPlus;
      const char *zColl = rvJoinCompare(p, pJ, 0, &bPlus);
      rvAppendFrom(pStr, pW->p, pW->iDesc, 1);
      sqlite3_str_appendf(pStr, " ON %s", bPlus ? "+" : "");
      rvAppendId(pStr, p->aSide[pW->iDesc].zAlias);
      sqlite3_str_appendall(pStr, ".");
      rvAppendId(pStr, pW->pTab->aCol[pJ->aiChild[0]].zName);
      sqlite3_str_appendf(pStr, " = CAST(\"%w\".d0 AS INTEGER)", zW);
      if( zColl ) sqlite3_str_appendf(pStr, " COLLATE \"%w\"", zColl);
    }else{
      rvAppendFrom(pStr, pW->p, pW->iAnc, 1);
      sqlite3_str_appendall(pStr, " ON ");
      rvWalkSameRow(pStr, pW, pW->iAnc, zW, 'd');
      rvAppendFrom(pStr, pW->p, pW->iDesc, 1);
      sqlite3_str_appendall(pStr, " ON ");
      rvAppendJoinOn(pStr, p, 0, 1);
    }
    rvWalkNotBack(pStr, pW);
  }else{
    rvWalkIds(pStr, pW, pW->iAnc);
    sqlite3_str_appendall(pStr, ", ");
    rvWalkCols(pStr, pW, zW, 'd');
    sqlite3_str_appendf(pStr, ", \"%w\".depth+1", zW);
    for(i=0; i<pW->nId; i++){
      sqlite3_str_appendall(pStr, ", ");
      rvWalkCheckpoint(pStr, zW, i);
    }
    sqlite3_str_appendf(pStr, ", CASE WHEN \"%w\".depth = \"%w\".pw"
        " THEN \"%w\".pw*2 ELSE \"%w\".pw END", zW, zW, zW, zW);
    if( pW->bFast ){
      /* The parent is the row whose INTEGER PRIMARY KEY is the key carried,
      ** compared as the join compares it: the key's INTEGER affinity
      ** applied to the value, BINARY */
      rvWalkParentKey(pStr, pW);
      sqlite3_str_appendf(pStr, " FROM \"%w\"", zW);
      rvAppendFrom(pStr, pW->p, pW->iAnc, 1);
      sqlite3_str_appendall(pStr, " ON ");
      rvAppendId(pStr, p->aSide[pW->iAnc].zAlias);
      sqlite3_str_appendall(pStr, ".");
      rvAppendId(pStr, pW->pTab->aCol[pW->pTab->iRowidCol].zName);
      sqlite3_str_appendf(pStr, " = \"%w\".n", zW);
    }else{
      sqlite3_str_appendf(pStr, " FROM \"%w\"", zW);
      rvAppendFrom(pStr, pW->p, pW->iDesc, 1);
      sqlite3_str_appendall(pStr, " ON ");
      rvWalkSameRow(pStr, pW, pW->iDesc, zW, 'a');
      rvAppendFrom(pStr, pW->p, pW->iAnc, 1);
      sqlite3_str_appendall(pStr, " ON ");
      rvAppendJoinOn(pStr, p, 0, 1);
    }
    rvWalkNotBack(pStr, pW);
    sqlite3_str_appendall(pStr, " AND NOT (");
    for(i=0; i<pW->nId; i++){
      if( i ) sqlite3_str_appendall(pStr, " AND ");
      rvAppendRowId(pStr, pW->pTab, p->aSide[pW->iAnc].zAlias, i);
      sqlite3_str_appendall(pStr, " = ");
      rvWalkCheckpoint(pStr, zW, i);
    }
    sqlite3_str_appendall(pStr, ")");
  }
  rvWalkBounds(pStr, pW);
}

/* The pairs: SELECT ... FROM the walk (up: each pair at its least depth)
** joined to the sides the query needs, the constraints on the pairs, the
** ORDER BY when it can be given */
static void rvWalkPairs(sqlite3_str *pStr, RvWalk *pW){
  sqlite3_index_info *pInfo = pW->pInfo;
  RvDecl *p = pW->p;
  const char *zP = pW->zPair;
  int nTerm = 0;
  int i, iSide;
  sqlite3_str_appendall(pStr, ") SELECT NULL");
  for(i=0; i<p->nCol; i++){
    int iCol = p->aCol[i].iCol;
    sqlite3_str_appendall(pStr, ", ");
    if( iCol==RV_COL_KEY ){
      rvWalkCols(pStr, pW, zP, 'a');
      sqlite3_str_appendall(pStr, ", ");
      rvWalkCols(pStr, pW, zP, 'd');
    }else if( iCol==RV_COL_DEPTH ){
      sqlite3_str_appendf(pStr, "\"%w\".depth", zP);
    }else if( rvWalkUsed(pW, i) ){
      rvWalkColExpr(pStr, pW, i);
    }else{
      sqlite3_str_appendall(pStr, "NULL");
    }
  }
  sqlite3_str_appendf(pStr, " FROM \"%w\" AS \"%w\"", pW->zWalk, zP);
  for(iSide=0; iSide<2; iSide++){
    if( (pW->mJoin & (1<<iSide))==0 ) continue;
    rvAppendFrom(pStr, pW->p, iSide, 1);
    sqlite3_str_appendall(pStr, " ON ");
    rvWalkSameRow(pStr, pW, iSide, zP, iSide==pW->iAnc ? 'a' : 'd');
  }
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    if( pW->aWhere[i]==RV_TERM_PAIR ){
      rvWalkTerm(pStr, pW, i, &nTerm);
    }else if( pW->aWhere[i]==RV_TERM_DEPTH && pW->eDir==RV_WALK_UP ){
      /* A bound of the walk only; SQLite checks the depth of the pair's
      ** first row */
      pInfo->aConstraintUsage[i].argvIndex = pW->aArg[i];
      pInfo->aConstraintUsage[i].omit = 0;
    }else if( pW->aWhere[i]==RV_TERM_DEPTH ){
      /* As a column declared INTEGER compares: '3' is 3 */
      sqlite3_str_appendall(pStr, nTerm++ ? " AND " : " WHERE ");
      sqlite3_str_appendf(pStr, "CAST(\"%w\".depth AS INTEGER)", zP);
      rvAppendTermOp(pStr, pInfo, i, rvOpSql(pC->op), pW->aArg[i], 0);
    }
  }
  /* ORDER BY: any view column but relview_key, with its collation; not
  ** up, where the cursor keeps the first row of a pair, the one at its
  ** least depth, in the walk's order */
  if( pW->eDir==RV_WALK_UP ) return;
  for(i=0; i<pInfo->nOrderBy; i++){
    int iCol = pInfo->aOrderBy[i].iColumn;
    if( iCol<0 || p->aCol[iCol].iCol==RV_COL_KEY ) return;
  }
  for(i=0; i<pInfo->nOrderBy; i++){
    int iCol = pInfo->aOrderBy[i].iColumn;
    sqlite3_str_appendall(pStr, i ? ", " : " ORDER BY ");
    if( p->aCol[iCol].iCol==RV_COL_DEPTH ){
      sqlite3_str_appendf(pStr, "\"%w\".depth", zP);
    }else{
      rvWalkColExpr(pStr, pW, iCol);
    }
    if( pInfo->aOrderBy[i].desc ) sqlite3_str_appendall(pStr, " DESC");
  }
  if( pInfo->nOrderBy>0 ) pInfo->orderByConsumed = 1;
}

int rvWalkBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  RvVtab *pV = (RvVtab*)pVtab;
  RvDecl *p = pV->pDecl;
  RvWalk w;
  sqlite3_str *pStr;
  double nRow;
  int i, nArg = 0;

  assert( p && p->bTransitive && p->nSide==2 && p->nJoin==1 );
  assert( pInfo->nConstraint>=0 );
  memset(&w, 0, sizeof(w));
  w.p = p;
  w.pInfo = pInfo;
  w.pTab = p->aSide[0].pTab;
  w.iAnc = p->aJoin[0].iParent;
  w.iDesc = p->aJoin[0].iChild;
  w.nId = rvRowIdCount(w.pTab);
  assert( w.nId>=1 && w.nId<=RV_MAX_KEY );
  w.bFast = w.pTab->bRowid && w.pTab->iRowidCol>=0 && p->aJoin[0].nCol==1
         && p->aJoin[0].aiParent[0]==w.pTab->iRowidCol;
  w.aArg = sqlite3_malloc64(sizeof(int)*(pInfo->nConstraint+1));
  w.aWhere = sqlite3_malloc(pInfo->nConstraint+1);
  w.zWalk = rvWalkName(&w, "rv_walk");
  w.zPair = rvWalkName(&w, "rv_pair");
  if( w.aArg==0 || w.aWhere==0 || w.zWalk==0 || w.zPair==0 ){
    sqlite3_free(w.aArg);
    sqlite3_free(w.aWhere);
    sqlite3_free(w.zWalk);
    sqlite3_free(w.zPair);
    return SQLITE_NOMEM;
  }
  nRow = rvWalkChoose(&w);
  /* Each constraint used is ?N, numbered in order as SQLite wants argv */
  for(i=0; i<pInfo->nConstraint; i++){
    w.aArg[i] = w.aWhere[i]==RV_TERM_NONE ? 0 : ++nArg;
  }
  pStr = sqlite3_str_new(0);
  sqlite3_str_appendf(pStr, "WITH RECURSIVE \"%w\"(", w.zWalk);
  rvWalkCols(pStr, &w, 0, 'a');
  sqlite3_str_appendall(pStr, ", ");
  rvWalkCols(pStr, &w, 0, 'd');
  sqlite3_str_appendall(pStr, ", depth");
  if( w.eDir==RV_WALK_UP ){
    sqlite3_str_appendall(pStr, ", ");
    rvWalkCols(pStr, &w, 0, 'c');
    sqlite3_str_appendall(pStr, w.bFast ? ", pw, n" : ", pw");
  }
  sqlite3_str_appendall(pStr, ") AS (");
  rvWalkStart(pStr, &w);
  rvWalkStep(pStr, &w);
  rvWalkPairs(pStr, &w);
  sqlite3_free(w.aArg);
  sqlite3_free(w.aWhere);
  sqlite3_free(w.zWalk);
  sqlite3_free(w.zPair);
  pInfo->idxStr = sqlite3_str_finish(pStr);
  if( pInfo->idxStr==0 ) return SQLITE_NOMEM;
  pInfo->needToFreeIdxStr = 1;
  pInfo->idxNum = w.eDir==RV_WALK_UP ? RV_PLAN_DISTINCT : 0;
  pInfo->estimatedRows = (sqlite3_int64)nRow;
  pInfo->estimatedCost = w.eDir==RV_WALK_UP ? 40 + nRow*3 : 20 + nRow*3;
  return SQLITE_OK;
}

/* True if joins a and b compare the same columns */
static int rvWalkSameJoin(const RvJoin *a, const RvJoin *b){
  int i;
  if( a->nCol!=b->nCol ) return 0;
  for(i=0; i<a->nCol; i++){
    if( a->aiChild[i]!=b->aiChild[i] || a->aiParent[i]!=b->aiParent[i] ){
      return 0;
    }
  }
  return 1;
}

/* True if pD is a view of the direct links transitive view pT walks, in
** either direction: the same tables, joined by the same columns */
static int rvWalkIsDirect(const RvDecl *pT, const RvDecl *pD){
  int i;
  if( pD->bTransitive || pD->nSide!=pT->nSide ) return 0;
  for(i=0; i<pT->nSide; i++){
    const RvTable *x = pT->aSide[i].pTab, *y = pD->aSide[i].pTab;
    if( sqlite3_stricmp(x->zSchema, y->zSchema)
     || sqlite3_stricmp(x->zName, y->zName) ){
      return 0;
    }
  }
  if( pT->nJoin==1 ) return rvWalkSameJoin(&pT->aJoin[0], &pD->aJoin[0]);
  return (rvWalkSameJoin(&pT->aJoin[0], &pD->aJoin[0])
       && rvWalkSameJoin(&pT->aJoin[1], &pD->aJoin[1]))
      || (rvWalkSameJoin(&pT->aJoin[0], &pD->aJoin[1])
       && rvWalkSameJoin(&pT->aJoin[1], &pD->aJoin[0]));
}

/*
** xUpdate of a transitive view: refused.  Its rows are pairs of rows
** linked through others, not links; the message names a view of the
** direct links to write instead, if the schema has one, else the foreign
** key.
*/
int rvWalkRefuse(RvVtab *p){
  RvDecl *pT = p->pDecl;
  sqlite3_stmt *pStmt = 0;
  char *zDirect = 0;
  char *zSql;
  int rc;
  assert( pT && pT->bTransitive );
  zSql = sqlite3_mprintf("SELECT name, sql FROM \"%w\".sqlite_master"
      " WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%%' ORDER BY name",
      pT->zSchema);
  rc = zSql ? sqlite3_prepare_v2(p->db, zSql, -1, &pStmt, 0) : SQLITE_NOMEM;
  sqlite3_free(zSql);
  while( rc==SQLITE_OK && zDirect==0 && sqlite3_step(pStmt)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(pStmt, 0);
    const char *zDef = (const char*)sqlite3_column_text(pStmt, 1);
    char **azArg = 0;
    int nArg = 0;
    if( zName==0 || zDef==0 ) continue;
    rc = rvSplitCreateSql(zDef, &nArg, &azArg);
    if( rc==SQLITE_OK && nArg>0 ){
      RvDecl *pD = 0;
      char *zErr = 0;
      rc = rvDeclBuild(p->db, pT->zSchema, zName, nArg,
                       (const char*const*)azArg, &pD, &zErr, 0);
      if( rc==SQLITE_ERROR ) rc = SQLITE_OK;
      if( pD && rvWalkIsDirect(pT, pD) ){
        zDirect = sqlite3_mprintf("%s", zName);
        if( zDirect==0 ) rc = SQLITE_NOMEM;
      }
      rvDeclFree(pD);
      sqlite3_free(zErr);
    }
    sqlite3_free(azArg);
  }
  {
    /* A step that failed (out of memory) is no "no such view" */
    int rc2 = sqlite3_finalize(pStmt);
    if( rc==SQLITE_OK ) rc = rc2;
  }
  if( rc!=SQLITE_OK ){
    sqlite3_free(zDirect);
    return rc==SQLITE_NOMEM ? rc : rvStmtError(p, rc);
  }
  if( zDirect ){
    rc = rvVtabError(&p->base, SQLITE_ERROR, "relview: %s is transitive: "
        "its rows are every ancestor and descendant pair, which cannot be "
        "written; write the direct links through %s", p->zName, zDirect);
  }else if( pT->nSide==3 ){
    rc = rvVtabError(&p->base, SQLITE_ERROR, "relview: %s is transitive: "
        "its rows are every pair linked through one or more rows of %s, "
        "which cannot be written; write the direct links to %s, or through "
        "a view declared without transitive=yes", p->zName,
        pT->aSide[RV_ASSOC].pTab->zName, pT->aSide[RV_ASSOC].pTab->zName);
  }else{
    char *zJoin = rvJoinText(pT, 0);
    rc = zJoin==0 ? SQLITE_NOMEM
       : rvVtabError(&p->base, SQLITE_ERROR, "relview: %s is transitive: "
        "its rows are every ancestor and descendant pair, which cannot be "
        "written; write the direct links (%s) to the table, or through a "
        "view declared without transitive=yes", p->zName, zJoin);
    sqlite3_free(zJoin);
  }
  sqlite3_free(zDirect);
  return rc;
}
