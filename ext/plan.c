/*
** plan.c: xBestIndex.
**
** A relationship view reads its rows from one inner statement, the join
** that the view means, written over the base tables and prepared on the
** same connection.  xBestIndex writes that statement for the constraints,
** the ORDER BY and the columns of each plan SQLite considers:
**
**   SELECT <row table's rowid>, <view column 0>, <view column 1>, ...
**     FROM <source> AS <alias> JOIN [<secondary> AS <alias> ON ... JOIN]
**          <target> AS <alias> ON <child column> = <parent column> ...
**    WHERE <column> <op> ?1 AND ...          -- the usable constraints
**    ORDER BY <column> [DESC], ...           -- when SQLite asks for one,
**                                            -- else order_by='s, if any
**    LIMIT ?N [OFFSET ?M]                     -- when SQLite offers them
**
** The plan handed to xFilter (and shown by EXPLAIN QUERY PLAN) is:
**
**   idxStr   that statement's text; ?N is bound to xFilter's argv[N-1]
**   idxNum   0 (unused)
**
** Result column 0 is the rowid of the table whose rows are the view's rows
** (the child of a one-to-many or many-to-one view, the association table
** of a many-to-many one) or NULL if it has none.  View column i is read
** from result column rvResultColumn(i) (decl.c): i+1, but the row table's
** INTEGER PRIMARY KEY, which is column 0 (reading an index's rowid twice
** costs a record decode per row), and whose own result column is NULL.  A
** column the query does not use (colUsed) is a NULL literal, and the
** columns after the last used one are left out, so the inner statement
** reads only what is needed and keeps covering indexes.  When the row
** table has no rowid, the last view column is relview_key, and the last
** result columns are that table's PRIMARY KEY.
**
** Constraints whose operator is =, <, <=, >, >=, IS, IS NULL, IS NOT
** NULL, LIKE or GLOB are pushed into the inner WHERE (rvOpSql()), with
** the collation of the comparison when it differs from the column's, and
** omitted from SQLite's own check.  <> and IS NOT stay with SQLite.  The
** inner planner then picks the base tables' indexes exactly as for the
** hand-written join.  An ORDER BY on view columns is always consumed: the
** inner statement orders its rows, by an index where one gives the order.
*/
#include "relviewInt.h"
#include <string.h>
#include <math.h>

/* The LIMIT and OFFSET constraints of SQLite 3.38, by value: older
** headers lack the names, older libraries never pass them */
#define RV_INDEX_CONSTRAINT_LIMIT  73
#define RV_INDEX_CONSTRAINT_OFFSET 74

/* The first SQLite whose LIMIT and OFFSET constraints mean that no term
** of the WHERE is left out of xBestIndex */
#define RV_LIMIT_SQLITE 3046000

/* Rows assumed in a table with no statistics, as SQLite assumes */
#define RV_DEFAULT_ROWS 1048576.0

/*
** trust_keys=yes: the sides whose join is left out of this plan, a bit
** (1<<side) each.  The parent of a join, whose rows the row table's
** foreign key names, is left out when the query reads none of its columns
** but those the join equates with the row table's (the view's team_id is
** then read from players.team_id).  Equal must mean identical, so each
** such pair has the same affinity and BINARY collation; the row table's
** NULL keys, which the join drops, are dropped by IS NOT NULL.  Since the
** parent's columns are a key, each row of the row table has exactly the
** one parent its key names: leaving the join out changes no row.  Equal
** means identical only under the BINARY collation and an affinity that
** is not BLOB: in a column of BLOB affinity 1 and 1.0 are equal, and the
** join would give the parent's value, not the child's.
*/
static int rvSkipMask(RvDecl *p, sqlite3_uint64 colUsed){
  int mSkip = 0;
  int i, j, k;
  if( !p->bTrustKeys ) return 0;
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    RvSide *pS = &p->aSide[pJ->iParent];
    int bSkip = 1;
    for(j=0; bSkip && j<pS->pTab->nCol; j++){
      int iCol = pS->iFirstCol + j;
      RvColumn *pPar = &pS->pTab->aCol[j];
      if( (colUsed & ((sqlite3_uint64)1<<(iCol<63 ? iCol : 63)))==0 ) continue;
      bSkip = 0;
      for(k=0; k<pJ->nCol; k++){
        RvColumn *pChild = &p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[k]];
        if( pJ->aiParent[k]==j && pChild->cAff==pPar->cAff
         && pPar->cAff!='A' && pChild->zColl==0 && pPar->zColl==0 ){
          bSkip = 1;
        }
      }
    }
    if( bSkip ) mSkip |= 1<<pJ->iParent;
  }
  return mSkip;
}

/* Append the inner SQL's expression for base column iBase of side iSide
** (-1: the row table's rowid).  A column of a side left out (mSkip) is
** read from the row table's column that the join equates with it. */
static void rvAppendBase(sqlite3_str *pStr, RvDecl *p, int mSkip,
                         int iSide, int iBase){
  RvSide *pSide = &p->aSide[iSide];
  assert( iSide>=0 && iSide<p->nSide );
  assert( iBase<pSide->pTab->nCol );
  if( iBase<0 ){
    rvAppendId(pStr, pSide->zAlias);
    sqlite3_str_appendf(pStr, ".%s", pSide->pTab->zRowid);
    return;
  }
  if( mSkip & (1<<iSide) ){
    int i, j;
    for(i=0; i<p->nJoin; i++){
      RvJoin *pJ = &p->aJoin[i];
      if( pJ->iParent!=iSide ) continue;
      for(j=0; j<pJ->nCol; j++){
        if( pJ->aiParent[j]==iBase ){
          rvAppendBase(pStr, p, 0, pJ->iChild, pJ->aiChild[j]);
          return;
        }
      }
    }
  }
  rvAppendId(pStr, pSide->zAlias);
  sqlite3_str_appendall(pStr, ".");
  rvAppendId(pStr, pSide->pTab->aCol[iBase].zName);
}

/* Append the inner SQL's expression for view column iCol (-1: the rowid) */
static void rvAppendColExpr(sqlite3_str *pStr, RvDecl *p, int mSkip,
                            int iCol){
  if( iCol<0 ){
    rvAppendBase(pStr, p, 0, p->iRowSide, -1);
  }else if( p->aCol[iCol].iCol<0 ){
    /* relview_key: the row table's PRIMARY KEY columns (cursor.c makes
    ** one value of them) */
    RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
    RvKey *pPk = &pRowTab->aKey[0];
    int i;
    for(i=0; i<pPk->nCol; i++){
      if( i ) sqlite3_str_appendall(pStr, ", ");
      rvAppendBase(pStr, p, 0, p->iRowSide, pPk->aiCol[i]);
    }
  }else{
    rvAppendBase(pStr, p, mSkip, p->aCol[iCol].iSide, p->aCol[iCol].iCol);
  }
}

/* Append " FROM schema.table AS alias" for side iSide, or " JOIN ..." */
void rvAppendFrom(sqlite3_str *pStr, RvDecl *p, int iSide, int bJoin){
  RvSide *pSide = &p->aSide[iSide];
  sqlite3_str_appendall(pStr, bJoin ? " JOIN " : " FROM ");
  rvAppendTable(pStr, pSide->pTab);
  sqlite3_str_appendall(pStr, " AS ");
  rvAppendId(pStr, pSide->zAlias);
}

/*
** Append " JOIN <side> ON <child> = <parent> AND ..." for join iJoin,
** whose side iSide is the one not yet in the FROM clause.  Each pair
** compares as rvJoinCompare() says, "+child = parent COLLATE <parent's>"
** where the plain "=" would compare otherwise: that costs the child
** column's index for this comparison, as it would a hand-written join
** that compares so.
*/
static void rvAppendJoin(sqlite3_str *pStr, RvDecl *p, int iJoin, int iSide){
  rvAppendFrom(pStr, p, iSide, 1);
  sqlite3_str_appendall(pStr, " ON ");
  rvAppendJoinOn(pStr, p, iJoin, 1);
}

/* Append " FROM source [JOIN secondary ON ...] JOIN target ON ...", less
** the sides in mSkip, and for each join left out " WHERE <child column>
** IS NOT NULL AND ..." for the row table's nullable key columns.  Returns
** the number of WHERE terms written. */
static int rvAppendFromClause(sqlite3_str *pStr, RvDecl *p, int mSkip){
  static const int aOrder[3] = { RV_SOURCE, RV_ASSOC, RV_TARGET };
  int mIn = 0;                  /* Sides in the FROM clause so far */
  int nTerm = 0;
  int i, j;
  for(i=0; i<3; i++){
    int iSide = aOrder[i];
    if( iSide>=p->nSide || (mSkip & (1<<iSide)) ) continue;
    if( mIn==0 ){
      rvAppendFrom(pStr, p, iSide, 0);
    }else{
      for(j=0; j<p->nJoin; j++){
        RvJoin *pJ = &p->aJoin[j];
        int iOther = pJ->iChild==iSide ? pJ->iParent : pJ->iChild;
        if( (pJ->iChild==iSide || pJ->iParent==iSide)
         && (mIn & (1<<iOther)) ){
          rvAppendJoin(pStr, p, j, iSide);
          break;
        }
      }
    }
    mIn |= 1<<iSide;
  }
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    if( (mSkip & (1<<pJ->iParent))==0 ) continue;
    for(j=0; j<pJ->nCol; j++){
      if( p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[j]].bNotNull ) continue;
      sqlite3_str_appendall(pStr, nTerm++ ? " AND " : " WHERE ");
      rvAppendBase(pStr, p, 0, pJ->iChild, pJ->aiChild[j]);
      sqlite3_str_appendall(pStr, " IS NOT NULL");
    }
  }
  return nTerm;
}

/* The SQL operator of a constraint, or NULL if it is not pushed down.
** IS NULL and IS NOT NULL become IS ?N and IS NOT ?N: SQLite passes NULL
** for their right-hand side.  <> and IS NOT stay with SQLite: it does not
** tell their collation (sqlite3_vtab_collation() says BINARY), and no
** index helps them. */
const char *rvOpSql(int op){
  switch( op ){
    case SQLITE_INDEX_CONSTRAINT_EQ:        return "=";
    case SQLITE_INDEX_CONSTRAINT_GT:        return ">";
    case SQLITE_INDEX_CONSTRAINT_LE:        return "<=";
    case SQLITE_INDEX_CONSTRAINT_LT:        return "<";
    case SQLITE_INDEX_CONSTRAINT_GE:        return ">=";
    case SQLITE_INDEX_CONSTRAINT_LIKE:      return "LIKE";
    case SQLITE_INDEX_CONSTRAINT_GLOB:      return "GLOB";
    case SQLITE_INDEX_CONSTRAINT_IS:        return "IS";
    case SQLITE_INDEX_CONSTRAINT_ISNULL:    return "IS";
    case SQLITE_INDEX_CONSTRAINT_ISNOTNULL: return "IS NOT";
  }
  return 0;
}

/* Side and base column behind view column iCol; -1 for the rowid and
** relview_key, which identify a row of the row table */
static void rvBaseOf(RvDecl *p, int iCol, int *piSide, int *piBase){
  assert( iCol<p->nCol );
  if( iCol<0 || p->aCol[iCol].iCol<0 ){
    *piSide = p->iRowSide;
    *piBase = -1;
  }else{
    *piSide = p->aCol[iCol].iSide;
    *piBase = p->aCol[iCol].iCol;
  }
}

/*
** Mark in aEq[] (one flag per column of the row table) the columns that an
** equality on (iSide, iBase) fixes: the column itself if it is in the row
** table, or the row table's child column that the join equates with it,
** when both have the same affinity (so equal means equal).
*/
static void rvMarkEq(RvDecl *p, int iSide, int iBase, unsigned char *aEq){
  int i, j;
  assert( iBase>=0 && iBase<p->aSide[iSide].pTab->nCol );
  if( iSide==p->iRowSide ){
    aEq[iBase] = 1;
    return;
  }
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    if( pJ->iChild!=p->iRowSide || pJ->iParent!=iSide ) continue;
    for(j=0; j<pJ->nCol; j++){
      if( pJ->aiParent[j]==iBase
       && p->aSide[iSide].pTab->aCol[iBase].cAff
          ==p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[j]].cAff ){
        aEq[pJ->aiChild[j]] = 1;
      }
    }
  }
}

/* True if base column iBase of side iSide leads an index (or is a key
** that the join reaches through an index of the child) */
static int rvIsIndexed(RvDecl *p, int iSide, int iBase){
  int i, j;
  if( iBase<0 ) return 1;
  if( p->aSide[iSide].pTab->aCol[iBase].bIndexed ) return 1;
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    if( pJ->iParent!=iSide ) continue;
    for(j=0; j<pJ->nCol; j++){
      if( pJ->aiParent[j]==iBase
       && p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[j]].bIndexed ){
        return 1;
      }
    }
  }
  return 0;
}

/* What xBestIndex is writing: the inner statement and what its terms do
** for the estimate */
typedef struct RvPlan RvPlan;
struct RvPlan {
  RvDecl *p;
  sqlite3_index_info *pInfo;
  sqlite3_str *pStr;            /* The inner statement so far */
  int mSkip;                    /* Sides left out: rvSkipMask() */
  int nArg;                     /* ?N bound so far (argvIndex) */
  int nWhere;                   /* Terms in the inner WHERE so far */
  int bSeek;                    /* An equality an index can seek */
  int bRange;                   /* A range an index can seek */
  int bUnique;                  /* At most one row */
  int nOther;                   /* Constraints that only filter */
  int bSort;                    /* The inner statement sorts its rows */
  double rPerKey;               /* Rows per value of the row table's column
                                ** an equality fixes, if ANALYZE said, or 0 */
};

/* True if the query reads view column i (colUsed; bit 63 is every column
** from 63 on) */
static int rvColUsed(sqlite3_index_info *pInfo, int i){
  return ((pInfo->colUsed >> (i<63 ? i : 63)) & 1)!=0;
}

/*
** SELECT: the result columns, in the layout of rvResultColumn().  A view
** column the query does not read is a NULL literal, and the columns after
** the last one read are left out.  relview_key, the last, is always read:
** SQLite reads it to tell rows apart (an OR over two indexes) without
** saying so in colUsed.
*/
static void rvPlanSelect(RvPlan *pP){
  RvDecl *p = pP->p;
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  int nLast = -1;               /* Last view column the query uses */
  int i;
  for(i=0; i<p->nCol; i++){
    if( rvColUsed(pP->pInfo, i) ) nLast = i;
  }
  if( !pRowTab->bRowid ) nLast = p->nCol-1;
  sqlite3_str_appendall(pP->pStr, "SELECT ");
  if( pRowTab->bRowid ){
    rvAppendColExpr(pP->pStr, p, 0, -1);
  }else{
    sqlite3_str_appendall(pP->pStr, "NULL");
  }
  for(i=0; i<=nLast; i++){
    int bUsed = rvColUsed(pP->pInfo, i) || p->aCol[i].iCol<0;
    sqlite3_str_appendall(pP->pStr, ", ");
    if( bUsed && rvResultColumn(p, i)==i+1 ){
      rvAppendColExpr(pP->pStr, p, pP->mSkip, i);
    }else{
      sqlite3_str_appendall(pP->pStr, "NULL");
    }
  }
}

/* What an equality, a range or another constraint on view column iCol
** does for the estimate; aEq as rvMarkEq() */
static void rvPlanEstimate(RvPlan *pP, int op, int iCol, unsigned char *aEq){
  int iSide, iBase;
  rvBaseOf(pP->p, iCol, &iSide, &iBase);
  if( op==SQLITE_INDEX_CONSTRAINT_EQ ){
    if( iBase<0 ){
      pP->bUnique = 1;
    }else{
      rvMarkEq(pP->p, iSide, iBase, aEq);
    }
    if( rvIsIndexed(pP->p, iSide, iBase) ) pP->bSeek = 1; else pP->nOther++;
  }else if( op==SQLITE_INDEX_CONSTRAINT_IS
         || op==SQLITE_INDEX_CONSTRAINT_ISNULL ){
    if( rvIsIndexed(pP->p, iSide, iBase) ) pP->bSeek = 1; else pP->nOther++;
  }else if( op<=SQLITE_INDEX_CONSTRAINT_GE
         && rvIsIndexed(pP->p, iSide, iBase) ){
    pP->bRange = 1;
  }else{
    pP->nOther++;
  }
}

/* Append constraint i as " AND <column> <op> ?N [COLLATE <coll>]" */
static void rvPlanTerm(RvPlan *pP, int i, const char *zOp){
  const struct sqlite3_index_constraint *pC = &pP->pInfo->aConstraint[i];
  const char *zColl;
  int iSide, iBase;
  rvBaseOf(pP->p, pC->iColumn, &iSide, &iBase);
  sqlite3_str_appendall(pP->pStr, pP->nWhere++ ? " AND " : " WHERE ");
  rvAppendColExpr(pP->pStr, pP->p, pP->mSkip, pC->iColumn);
  zColl = iBase>=0 ? pP->p->aSide[iSide].pTab->aCol[iBase].zColl : 0;
  rvAppendTermOp(pP->pStr, pP->pInfo, i, zOp, ++pP->nArg,
                 iBase>=0 ? (zColl ? zColl : "BINARY") : 0);
}

/* Append the rest of constraint i after its column: " <op> ?iArg", and
** " COLLATE <coll>" if the comparison's collation is not zColColl, the
** column's (NULL: a rowid or key, compared as it is).  Marks the
** constraint used: argv[iArg-1] is its value and SQLite omits its check. */
void rvAppendTermOp(sqlite3_str *pStr, sqlite3_index_info *pInfo, int i,
                    const char *zOp, int iArg, const char *zColColl){
  const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
  const char *zColl = sqlite3_vtab_collation(pInfo, i);
  sqlite3_str_appendf(pStr, " %s ?%d", zOp, iArg);
  if( zColColl && zColl && pC->op!=SQLITE_INDEX_CONSTRAINT_LIKE
   && pC->op!=SQLITE_INDEX_CONSTRAINT_GLOB
   && pC->op!=SQLITE_INDEX_CONSTRAINT_ISNULL
   && pC->op!=SQLITE_INDEX_CONSTRAINT_ISNOTNULL
   && sqlite3_stricmp(zColl, zColColl)!=0 ){
    sqlite3_str_appendf(pStr, " COLLATE \"%w\"", zColl);
  }
  pInfo->aConstraintUsage[i].argvIndex = iArg;
  pInfo->aConstraintUsage[i].omit = 1;
}

/* The columns that have a LIKE or GLOB constraint, a bit each (column i
** is bit i%63, the rowid bit 63), for rvIsLikeRange() */
sqlite3_uint64 rvLikeMask(sqlite3_index_info *pInfo){
  sqlite3_uint64 mLike = 0;
  int i;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    if( pC->op==SQLITE_INDEX_CONSTRAINT_LIKE
     || pC->op==SQLITE_INDEX_CONSTRAINT_GLOB ){
      mLike |= (sqlite3_uint64)1 << (pC->iColumn<0 ? 63 : pC->iColumn%63);
    }
  }
  return mLike;
}

/* True if constraint i is a range on a column that has a LIKE or GLOB
** too (mLike from rvLikeMask()): it is not pushed down (rvPlanWhere()) */
int rvIsLikeRange(sqlite3_index_info *pInfo, int i, sqlite3_uint64 mLike){
  const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
  return pC->op<=SQLITE_INDEX_CONSTRAINT_GE
      && pC->op!=SQLITE_INDEX_CONSTRAINT_EQ
      && (mLike & ((sqlite3_uint64)1 << (pC->iColumn<0 ? 63 : pC->iColumn%63)));
}

/*
** WHERE: every usable constraint with an SQL operator (rvOpSql()), but a
** range on a column that also has a LIKE or GLOB: SQLite derives "x >=
** 'A' AND x < 'b'" from "x LIKE 'a%'" (the LIKE optimization) and offers
** it to a virtual table too, where a value that matches the LIKE but not
** the range (a BLOB, a number) would be lost.  Left unused, a derived
** range is dropped and one the query wrote is checked by SQLite.
*/
static int rvPlanWhere(RvPlan *pP){
  sqlite3_index_info *pInfo = pP->pInfo;
  RvDecl *p = pP->p;
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  sqlite3_uint64 mLike = rvLikeMask(pInfo);
  unsigned char *aEq;           /* Row table columns fixed by an equality */
  int i;
  aEq = sqlite3_malloc(pRowTab->nCol+1);
  if( aEq==0 ) return SQLITE_NOMEM;
  memset(aEq, 0, pRowTab->nCol+1);
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    const char *zOp = rvOpSql(pC->op);
    assert( pC->iColumn<p->nCol );
    if( !pC->usable || zOp==0 ) continue;
    if( pC->iColumn<0 && !pRowTab->bRowid ) continue;
    if( pC->iColumn>=0 && p->aCol[pC->iColumn].iCol<0 ) continue;
    if( rvIsLikeRange(pInfo, i, mLike) ) continue;
    rvPlanTerm(pP, i, zOp);
    rvPlanEstimate(pP, pC->op, pC->iColumn, aEq);
  }
  /* Rows per value of a column the equalities fix (sqlite_stat1) */
  for(i=0; i<pRowTab->nCol; i++){
    double r = pRowTab->aCol[i].rPerKey;
    if( aEq[i] && r>0 && (pP->rPerKey==0 || r<pP->rPerKey) ) pP->rPerKey = r;
  }
  /* Equalities on every column of a key of the row table: one row */
  for(i=0; i<pRowTab->nKey && !pP->bUnique; i++){
    int j;
    RvKey *pKey = &pRowTab->aKey[i];
    for(j=0; j<pKey->nCol && aEq[pKey->aiCol[j]]; j++){}
    if( j==pKey->nCol ) pP->bUnique = 1;
  }
  sqlite3_free(aEq);
  return SQLITE_OK;
}

/*
** ORDER BY: consumed when every term is a column of the view, but a
** foreign key that compares otherwise than its key (rvIsLooseKey()).
** There SQLite (3.34 to 3.53 at least) takes the inner statement's join
** equality and an equality on the key (WHERE category.id = ?) for one on
** the foreign key, and drops that ORDER BY term as constant, though the
** rows hold different values ('10.0' and '1e1' for 10): SQLite sorts
** those rows itself.
*/
static void rvPlanOrderBy(RvPlan *pP){
  sqlite3_index_info *pInfo = pP->pInfo;
  RvDecl *p = pP->p;
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  int iSide, iBase;
  int i;
  if( pInfo->nOrderBy<=0 ) return;
  for(i=0; i<pInfo->nOrderBy; i++){
    int iCol = pInfo->aOrderBy[i].iColumn;
    assert( iCol<p->nCol );
    if( iCol<0 ? !pRowTab->bRowid : p->aCol[iCol].iCol<0 ) return;
    if( iCol>=0 && rvIsLooseKey(p, p->aCol[iCol].iSide, p->aCol[iCol].iCol) ){
      return;
    }
  }
  for(i=0; i<pInfo->nOrderBy; i++){
    sqlite3_str_appendall(pP->pStr, i ? ", " : " ORDER BY ");
    rvAppendColExpr(pP->pStr, p, pP->mSkip, pInfo->aOrderBy[i].iColumn);
    if( pInfo->aOrderBy[i].desc ) sqlite3_str_appendall(pP->pStr, " DESC");
  }
  pInfo->orderByConsumed = 1;
  rvBaseOf(p, pInfo->aOrderBy[0].iColumn, &iSide, &iBase);
  if( !pP->bUnique && !rvIsIndexed(p, iSide, iBase) ) pP->bSort = 1;
}

/*
** order_by=: a query that asks no order (nOrderBy 0: none, or one SQLite
** does not hand the view, which it sorts itself) gets the rows in the
** declared order, the inner statement's ORDER BY; SQLite asked nothing,
** so orderByConsumed stays 0.  A view that is the inner loop of a join
** orders each lookup so.  A term on a foreign key that compares otherwise
** than its key (rvIsLooseKey()) is written "+child.col": SQLite would
** drop "child.col" as constant where the key is (rvPlanOrderBy()), and
** the unary + keeps the column's collation.  rvPlanDeclaredUsed() is what
** the terms read, so that trust_keys= keeps the joins they need.
*/
static sqlite3_uint64 rvPlanDeclaredUsed(RvDecl *p, sqlite3_index_info *pInfo){
  sqlite3_uint64 m = 0;
  int i;
  if( pInfo->nOrderBy>0 ) return 0;
  for(i=0; i<p->nOrder; i++){
    int iView = p->aOrder[i].iView;
    if( iView>=0 ) m |= (sqlite3_uint64)1 << (iView<63 ? iView : 63);
  }
  return m;
}
static void rvPlanDeclaredOrder(RvPlan *pP){
  RvDecl *p = pP->p;
  int iSide, iBase;
  int i;
  if( pP->pInfo->nOrderBy>0 || p->nOrder==0 ) return;
  for(i=0; i<p->nOrder; i++){
    const RvOrderTerm *pT = &p->aOrder[i];
    assert( pT->iView<p->nCol );
    assert( pT->iView>=0 || p->aSide[p->iRowSide].pTab->bRowid );
    assert( pT->iView<0 || p->aCol[pT->iView].iCol>=0 );
    sqlite3_str_appendall(pP->pStr, i ? ", " : " ORDER BY ");
    if( pT->iCol>=0 && rvIsLooseKey(p, pT->iSide, pT->iCol) ){
      sqlite3_str_appendall(pP->pStr, "+");
    }
    rvAppendColExpr(pP->pStr, p, pP->mSkip, pT->iView);
    if( pT->bDesc ) sqlite3_str_appendall(pP->pStr, " DESC");
  }
  rvBaseOf(p, p->aOrder[0].iView, &iSide, &iBase);
  if( !pP->bUnique && !rvIsIndexed(p, iSide, iBase) ) pP->bSort = 1;
}

/*
** LIMIT and OFFSET (3.38 and later offer them when the view is alone in
** the query): the inner statement stops early.  SQLite applies the LIMIT
** again; the OFFSET it leaves to us.  Only when no row can be filtered
** after the cursor: every other constraint is in the inner WHERE and
** omitted from SQLite's check (which it honours for argv 1 to 16 only),
** and the ORDER BY, if any, is consumed.  Before 3.46, SQLite offers them
** also when a term it keeps compares two columns of the view (WHERE
** player_id = team_id), and never says so: there they are not used.
*/
static void rvPlanLimit(RvPlan *pP){
  sqlite3_index_info *pInfo = pP->pInfo;
  int iLimit = -1, iOffset = -1;
  int bAll = pP->nArg+2<=16;    /* Every other constraint is omitted */
  int i;
  if( (pInfo->nOrderBy>0 && !pInfo->orderByConsumed)
   || sqlite3_libversion_number()<RV_LIMIT_SQLITE ){
    return;
  }
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *pC = &pInfo->aConstraint[i];
    if( pC->op==RV_INDEX_CONSTRAINT_LIMIT ){
      if( pC->usable ) iLimit = i;
    }else if( pC->op==RV_INDEX_CONSTRAINT_OFFSET ){
      if( pC->usable ) iOffset = i;
    }else if( pInfo->aConstraintUsage[i].omit==0 ){
      bAll = 0;
    }
  }
  if( iLimit<0 || !bAll ) return;
  pInfo->aConstraintUsage[iLimit].argvIndex = ++pP->nArg;
  pInfo->aConstraintUsage[iLimit].omit = 1;
  sqlite3_str_appendf(pP->pStr, " LIMIT ?%d", pP->nArg);
  if( iOffset>=0 ){
    pInfo->aConstraintUsage[iOffset].argvIndex = ++pP->nArg;
    pInfo->aConstraintUsage[iOffset].omit = 1;
    sqlite3_str_appendf(pP->pStr, " OFFSET ?%d", pP->nArg);
  }
}

/*
** Estimates, in the units of SQLite's own: a full scan of N rows ~ N.  The
** view has a row per row of the row table: as many as ANALYZE counted
** (sqlite_stat1), else RV_DEFAULT_ROWS as SQLite assumes; an equality an
** index seeks gives the rows per value ANALYZE counted, else 10.  So a
** small view joined with a big table is read once, outside, as SQLite
** reads a small table.
*/
static void rvPlanCost(RvPlan *pP){
  RvTable *pRowTab = pP->p->aSide[pP->p->iRowSide].pTab;
  double nTab = pRowTab->nRowEst>0 ? pRowTab->nRowEst : RV_DEFAULT_ROWS;
  double nRow = nTab;
  double nCost;
  int i;
  if( pP->bUnique ){
    nRow = 1;
    nCost = 10;
    pP->pInfo->idxFlags |= SQLITE_INDEX_SCAN_UNIQUE;
  }else{
    int n = pP->nOther;
    double nJoinCost = pP->p->nSide;      /* Tables read per row */
    for(i=0; i<3; i++) if( pP->mSkip & (1<<i) ) nJoinCost -= 1.0;
    if( pP->bSeek ){
      nRow = pP->rPerKey>0 ? pP->rPerKey : 10;
    }else if( pP->bRange ){
      nRow = nTab/4;
    }
    nCost = (pP->bSeek || pP->bRange) ? 20 + nRow*nJoinCost : nRow*nJoinCost;
    while( n-- > 0 && nRow>1 ) nRow /= 4;
    if( pP->bSort ) nCost += nRow*log(nRow+1)/log(2.0);
  }
  pP->pInfo->estimatedCost = nCost;
  pP->pInfo->estimatedRows = (sqlite3_int64)nRow;
}

/* xBestIndex: the plan, its inner statement in idxStr (see the top of
** this file for the contract with xFilter) */
int rvBestIndex(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  RvVtab *pV = (RvVtab*)pVtab;
  RvPlan sPlan;
  int rc;

  if( pV->pDecl==0 ){
    return rvVtabError(&pV->base, SQLITE_ERROR, "%s", pV->zBroken);
  }
  assert( pV->pDecl->nCol>0 && pV->pDecl->nJoin>=1 && pV->pDecl->nJoin<=2 );
  assert( pV->pDecl->nSide==pV->pDecl->nJoin+1 );
  memset(&sPlan, 0, sizeof(sPlan));
  sPlan.p = pV->pDecl;
  sPlan.pInfo = pInfo;
  sPlan.mSkip = rvSkipMask(sPlan.p, pInfo->colUsed
                                    | rvPlanDeclaredUsed(sPlan.p, pInfo));
  sPlan.pStr = sqlite3_str_new(0);
  rvPlanSelect(&sPlan);
  /* FROM: source, then the secondary, then the target */
  sPlan.nWhere = rvAppendFromClause(sPlan.pStr, sPlan.p, sPlan.mSkip);
  rc = rvPlanWhere(&sPlan);
  if( rc!=SQLITE_OK ){
    sqlite3_free(sqlite3_str_finish(sPlan.pStr));
    return rc;
  }
  rvPlanOrderBy(&sPlan);
  rvPlanDeclaredOrder(&sPlan);
  rvPlanLimit(&sPlan);
  rvPlanCost(&sPlan);
  pInfo->idxStr = sqlite3_str_finish(sPlan.pStr);
  if( pInfo->idxStr==0 ) return SQLITE_NOMEM;
  pInfo->needToFreeIdxStr = 1;
  pInfo->idxNum = 0;
  return SQLITE_OK;
}
