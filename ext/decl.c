/*
** decl.c: a relationship view's declaration.
**
**   CREATE VIRTUAL TABLE <view> USING relview(
**       <source> [AS alias], <target> [AS alias] [, key=value ...])
**
** rvDeclBuild() parses the arguments, loads the tables (model.c), infers
** the kind and the join columns from the foreign keys as SQLAlchemy does,
** names the view's columns <alias>_<column> and hides the columns that
** only repeat a key shown elsewhere.  Every error names the user's tables
** and columns and the argument that would fix it.
*/
#include "relviewInt.h"
#include <string.h>
#include <stdarg.h>

/**************************************************************************
** Tokens of an argument: identifiers (bare or quoted) and . = ( ) ,
*/
#define TK_END   0
#define TK_ID    1
#define TK_DOT   2
#define TK_EQ    3
#define TK_LP    4
#define TK_RP    5
#define TK_COMMA 6
#define TK_BAD   7

typedef struct RvTok RvTok;
struct RvTok {
  int eType;
  const char *z;                /* Start of the token */
  int n;                        /* Its length */
};

static int rvIsIdChar(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
      || c=='_' || c=='$' || c>=0x80;
}

/* The token at z; white space and comments before it are skipped */
static RvTok rvToken(const char *z){
  RvTok t;
  while( 1 ){
    if( *z==' ' || *z=='\t' || *z=='\n' || *z=='\r' || *z=='\f' ){
      z++;
    }else if( z[0]=='-' && z[1]=='-' ){
      while( *z && *z!='\n' ) z++;
    }else if( z[0]=='/' && z[1]=='*' ){
      z += 2;
      while( *z && (z[0]!='*' || z[1]!='/') ) z++;
      if( *z ) z += 2;
    }else{
      break;
    }
  }
  t.z = z;
  t.n = 1;
  switch( *z ){
    case 0:   t.eType = TK_END; t.n = 0; break;
    case '.': t.eType = TK_DOT; break;
    case '=': t.eType = TK_EQ; break;
    case '(': t.eType = TK_LP; break;
    case ')': t.eType = TK_RP; break;
    case ',': t.eType = TK_COMMA; break;
    case '"': case '\'': case '`': case '[': {
      char cEnd = *z=='[' ? ']' : *z;
      int i = 1;
      t.eType = TK_BAD;
      while( z[i] ){
        if( z[i]==cEnd ){
          if( cEnd!=']' && z[i+1]==cEnd ){ i += 2; continue; }
          t.eType = TK_ID;
          i++;
          break;
        }
        i++;
      }
      t.n = i;
      break;
    }
    default:
      if( rvIsIdChar((unsigned char)*z) ){
        while( rvIsIdChar((unsigned char)z[t.n]) ) t.n++;
        t.eType = TK_ID;
      }else{
        t.eType = TK_BAD;
      }
      break;
  }
  return t;
}

/* The name a TK_ID token stands for, dequoted, in the arena */
static char *rvTokName(RvArena *pA, RvTok *pTok){
  char *z = rvAlloc(pA, pTok->n+1);
  int i, j = 0;
  if( z==0 ) return 0;
  if( pTok->z[0]=='"' || pTok->z[0]=='\'' || pTok->z[0]=='`'
   || pTok->z[0]=='[' ){
    char cEnd = pTok->z[0]=='[' ? ']' : pTok->z[0];
    for(i=1; i<pTok->n-1; i++){
      z[j++] = pTok->z[i];
      if( pTok->z[i]==cEnd ) i++;
    }
  }else{
    memcpy(z, pTok->z, pTok->n);
    j = pTok->n;
  }
  z[j] = 0;
  return z;
}

static int rvTokIs(RvTok *pTok, const char *zWord){
  return pTok->eType==TK_ID && (int)strlen(zWord)==pTok->n
      && sqlite3_strnicmp(pTok->z, zWord, pTok->n)==0;
}

/**************************************************************************
** Parsing the arguments
*/
typedef struct RvParse RvParse;
typedef struct RvTabRef RvTabRef;
typedef struct RvColRef RvColRef;

struct RvTabRef {               /* [schema.]table [AS alias] */
  char *zSchema, *zName, *zAlias;
  const char *zText;            /* The argument as written */
};

struct RvColRef {               /* [qualifier.]column, or a list of them */
  int nCol;
  char **azQual;                /* Qualifier of each column, or NULL */
  char **azCol;
  const char *zText;            /* The value as written */
};

/* The key=value arguments relview knows */
#define RV_ARG_SECONDARY   0
#define RV_ARG_BACKREF     1
#define RV_ARG_FK          2
#define RV_ARG_REF         3
#define RV_ARG_SRC_FK      4
#define RV_ARG_TGT_FK      5
#define RV_ARG_SRC_REF     6
#define RV_ARG_TGT_REF     7
#define RV_ARG_UNLINK      8
#define RV_ARG_TRUST       9
#define RV_ARG_TRANSITIVE  10
#define RV_ARG_ORDER       11
#define RV_ARG_BACK_ORDER  12
#define RV_NARG            13
static const char *const azArgName[RV_NARG] = {
  "secondary", "backref", "foreign_key", "references",
  "source_foreign_key", "target_foreign_key",
  "source_references", "target_references", "unlink", "trust_keys",
  "transitive", "order_by", "backref_order_by"
};
/* The argument a backref view gets in place of each */
static const int aiArgSwap[RV_NARG] = {
  RV_ARG_SECONDARY, RV_ARG_BACKREF, RV_ARG_FK, RV_ARG_REF,
  RV_ARG_TGT_FK, RV_ARG_SRC_FK, RV_ARG_TGT_REF, RV_ARG_SRC_REF, RV_ARG_UNLINK,
  RV_ARG_TRUST, RV_ARG_TRANSITIVE, RV_ARG_BACK_ORDER, RV_ARG_ORDER
};
/* The values of unlink=, by RV_UNLINK_* */
static const char *const azUnlink[3] = { "set_null", "delete", "refuse" };

/* order_by= or backref_order_by= as written: view column names, each
** with ASC or DESC (resolved by rvResolveOrder() once the columns are
** named) */
typedef struct RvOrderRef RvOrderRef;
struct RvOrderRef {
  int nTerm;
  char **azCol;
  int *abDesc;
  const char *zText;            /* The value as written */
};

struct RvParse {
  RvArena *pA;
  char **pzErr;
  int bNoSchema;                /* The error is a schema not attached */
  RvTabRef aTab[2];             /* Source and target */
  int nTab;
  RvTabRef sec;                 /* secondary= */
  char *zBackref;
  int eUnlink;                  /* unlink=, RV_UNLINK_* */
  int bTrustKeys;               /* trust_keys=yes */
  int bTransitive;              /* transitive=yes */
  RvColRef aRef[RV_NARG];       /* Column lists, by RV_ARG_* */
  const char *azValue[RV_NARG]; /* Value text of each argument given */
  sqlite3_str *pOptions;        /* The key=value arguments, as written */
  RvOrderRef aOrd[2];           /* order_by=, backref_order_by= */
};

static int rvParseErr(RvParse *p, const char *zArg, const char *zWhat){
  rvSetErr(p->pzErr, "relview: cannot parse argument \"%s\": %s", zArg, zWhat);
  return SQLITE_ERROR;
}

/* Parse "[schema.]table [AS alias]" at z, up to the end of the argument */
static int rvParseTabRef(RvParse *p, const char *zArg, const char *z,
                         RvTabRef *pRef){
  RvTok t = rvToken(z);
  char *zA = 0, *zB = 0;
  pRef->zText = zArg;
  if( t.eType!=TK_ID ) return rvParseErr(p, zArg, "expected a table name");
  zA = rvTokName(p->pA, &t);
  z = t.z + t.n;
  t = rvToken(z);
  if( t.eType==TK_DOT ){
    t = rvToken(t.z+1);
    if( t.eType!=TK_ID ){
      return rvParseErr(p, zArg, "expected a table name after the dot");
    }
    zB = rvTokName(p->pA, &t);
    if( zB==0 ) return SQLITE_NOMEM;
    z = t.z + t.n;
    t = rvToken(z);
  }
  if( zA==0 ) return SQLITE_NOMEM;
  pRef->zSchema = zB ? zA : 0;
  pRef->zName = zB ? zB : zA;
  if( rvTokIs(&t, "AS") ){
    t = rvToken(t.z+t.n);
    if( t.eType!=TK_ID ) return rvParseErr(p, zArg, "expected an alias after AS");
  }
  if( t.eType==TK_ID ){
    pRef->zAlias = rvTokName(p->pA, &t);
    if( pRef->zAlias==0 ) return SQLITE_NOMEM;
    t = rvToken(t.z+t.n);
  }
  if( t.eType!=TK_END ){
    return rvParseErr(p, zArg, "expected [schema.]table [AS alias]");
  }
  return SQLITE_OK;
}

/* Parse "[qual.]col" or "([qual.]col, ...)" at z */
static int rvParseColRef(RvParse *p, const char *zArg, const char *z,
                         RvColRef *pRef){
  RvTok t = rvToken(z);
  int bList = t.eType==TK_LP;
  int nMax = 1;
  const char *zc;
  pRef->zText = z;
  for(zc=z; *zc; zc++) if( *zc==',' ) nMax++;
  pRef->azQual = rvAlloc(p->pA, sizeof(char*)*nMax);
  pRef->azCol = rvAlloc(p->pA, sizeof(char*)*nMax);
  if( pRef->azQual==0 || pRef->azCol==0 ) return SQLITE_NOMEM;
  if( bList ) t = rvToken(t.z+1);
  while( 1 ){
    char *zName;
    if( t.eType!=TK_ID || pRef->nCol>=nMax ){
      return rvParseErr(p, zArg, "expected a column name");
    }
    zName = rvTokName(p->pA, &t);
    if( zName==0 ) return SQLITE_NOMEM;
    t = rvToken(t.z+t.n);
    if( t.eType==TK_DOT ){
      t = rvToken(t.z+1);
      if( t.eType!=TK_ID ){
        return rvParseErr(p, zArg, "expected a column name after the dot");
      }
      pRef->azQual[pRef->nCol] = zName;
      zName = rvTokName(p->pA, &t);
      if( zName==0 ) return SQLITE_NOMEM;
      t = rvToken(t.z+t.n);
    }
    pRef->azCol[pRef->nCol++] = zName;
    if( !bList || t.eType!=TK_COMMA ) break;
    t = rvToken(t.z+1);
  }
  if( bList ){
    if( t.eType!=TK_RP ) return rvParseErr(p, zArg, "expected )");
    t = rvToken(t.z+1);
  }
  if( t.eType!=TK_END ){
    return rvParseErr(p, zArg,
        "expected a column, [table.]column, or a list of them in ( )");
  }
  return SQLITE_OK;
}

/*
** Parse "col [ASC|DESC]" or "(col [ASC|DESC], ...)" at z: order_by= and
** backref_order_by=.  The columns are the view's, named as it names them
** (rvResolveOrder() checks them).  COLLATE is refused: a view column
** orders with its base column's collation, as a query's ORDER BY on it
** does, so that one can consume the other.
*/
static int rvParseOrder(RvParse *p, const char *zArg, const char *z,
                        RvOrderRef *pRef){
  RvTok t = rvToken(z);
  int bList = t.eType==TK_LP;
  int nMax = 1;
  const char *zc;
  pRef->zText = z;
  for(zc=z; *zc; zc++) if( *zc==',' ) nMax++;
  pRef->azCol = rvAlloc(p->pA, sizeof(char*)*nMax);
  pRef->abDesc = rvAlloc(p->pA, sizeof(int)*nMax);
  if( pRef->azCol==0 || pRef->abDesc==0 ) return SQLITE_NOMEM;
  if( bList ){
    t = rvToken(t.z+1);
    if( t.eType==TK_RP ){
      rvSetErr(p->pzErr, "relview: %s: the list is empty; name at least one "
          "column, e.g. order_by=(a, b DESC)", zArg);
      return SQLITE_ERROR;
    }
  }
  while( 1 ){
    char *zName;
    int j, bDir;
    if( t.eType!=TK_ID || pRef->nTerm>=nMax ){
      return rvParseErr(p, zArg, "expected the name of a column of the view");
    }
    zName = rvTokName(p->pA, &t);
    if( zName==0 ) return SQLITE_NOMEM;
    t = rvToken(t.z+t.n);
    if( t.eType==TK_DOT ){
      rvSetErr(p->pzErr, "relview: %s: name a column as the view names it, "
          "<alias>_<column> (player_name), not as <table>.<column>", zArg);
      return SQLITE_ERROR;
    }
    for(j=0; j<pRef->nTerm; j++){
      if( sqlite3_stricmp(pRef->azCol[j], zName)==0 ){
        rvSetErr(p->pzErr, "relview: %s names column %s twice; name each "
            "column once", zArg, zName);
        return SQLITE_ERROR;
      }
    }
    pRef->azCol[pRef->nTerm] = zName;
    bDir = rvTokIs(&t, "ASC") || rvTokIs(&t, "DESC");
    if( bDir ){
      pRef->abDesc[pRef->nTerm] = rvTokIs(&t, "DESC");
      t = rvToken(t.z+t.n);
    }
    if( rvTokIs(&t, "NULLS") ){
      rvSetErr(p->pzErr, "relview: %s: NULLS FIRST and NULLS LAST are not "
          "allowed here; NULLs come first in ASC order and last in DESC, as "
          "SQLite sorts them", zArg);
      return SQLITE_ERROR;
    }else if( rvTokIs(&t, "COLLATE") ){
      rvSetErr(p->pzErr, "relview: %s: COLLATE is not allowed here; a view "
          "column orders with the collation of its base column, as a "
          "query's ORDER BY on it does: declare the collation on the column",
          zArg);
      return SQLITE_ERROR;
    }else if( t.eType==TK_ID && !bDir ){
      rvSetErr(p->pzErr, "relview: %s: expected ASC or DESC after %s, not "
          "%.*s", zArg, zName, t.n, t.z);
      return SQLITE_ERROR;
    }
    pRef->nTerm++;
    if( !bList || t.eType!=TK_COMMA ) break;
    t = rvToken(t.z+1);
  }
  if( bList ){
    if( t.eType!=TK_RP ) return rvParseErr(p, zArg, "expected )");
    t = rvToken(t.z+1);
  }
  if( t.eType!=TK_END ){
    return rvParseErr(p, zArg, "expected a column [ASC|DESC], or a list of "
                      "them in ( )");
  }
  return SQLITE_OK;
}

static int rvParseArg(RvParse *p, const char *zArg){
  RvTok t1 = rvToken(zArg);
  RvTok t2 = t1.eType==TK_ID ? rvToken(t1.z+t1.n) : t1;
  int i;

  if( t2.eType!=TK_EQ ){
    if( p->nTab>=2 ){
      rvSetErr(p->pzErr, "relview: unexpected argument \"%s\": only the "
          "source and the target are written without key=", zArg);
      return SQLITE_ERROR;
    }
    return rvParseTabRef(p, zArg, zArg, &p->aTab[p->nTab++]);
  }
  for(i=0; i<RV_NARG; i++){
    if( rvTokIs(&t1, azArgName[i]) ) break;
  }
  if( i==RV_NARG ){
    /* The list, from azArgName[]: "secondary=, backref=, ... and x=" */
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zList;
    for(i=0; i<RV_NARG; i++){
      sqlite3_str_appendf(pStr, "%s%s=", i==0 ? "" : i<RV_NARG-1 ? ", "
                          : " and ", azArgName[i]);
    }
    zList = sqlite3_str_finish(pStr);
    if( zList==0 ) return SQLITE_NOMEM;
    rvSetErr(p->pzErr, "relview: unknown argument \"%s\"; the arguments are "
        "%s", zArg, zList);
    sqlite3_free(zList);
    return SQLITE_ERROR;
  }
  if( p->azValue[i] ){
    rvSetErr(p->pzErr, "relview: argument %s= is given twice", azArgName[i]);
    return SQLITE_ERROR;
  }
  sqlite3_str_appendf(p->pOptions, "%s%s",
      sqlite3_str_length(p->pOptions) ? ", " : "", zArg);
  p->azValue[i] = rvToken(t2.z+1).z;
  if( *p->azValue[i]==0 ){
    rvSetErr(p->pzErr, "relview: argument %s= has no value", azArgName[i]);
    return SQLITE_ERROR;
  }
  switch( i ){
    case RV_ARG_SECONDARY:
      return rvParseTabRef(p, zArg, p->azValue[i], &p->sec);
    case RV_ARG_BACKREF: {
      RvTok t = rvToken(p->azValue[i]);
      if( t.eType!=TK_ID || rvToken(t.z+t.n).eType!=TK_END ){
        return rvParseErr(p, zArg, "expected the name of the reverse view");
      }
      p->zBackref = rvTokName(p->pA, &t);
      return p->zBackref ? SQLITE_OK : SQLITE_NOMEM;
    }
    case RV_ARG_UNLINK: {
      RvTok t = rvToken(p->azValue[i]);
      int j;
      for(j=0; j<3 && !rvTokIs(&t, azUnlink[j]); j++){}
      if( j==3 || rvToken(t.z+t.n).eType!=TK_END ){
        return rvParseErr(p, zArg, "expected unlink=set_null, unlink=delete "
                          "or unlink=refuse");
      }
      p->eUnlink = j;
      return SQLITE_OK;
    }
    case RV_ARG_TRUST:
    case RV_ARG_TRANSITIVE: {
      RvTok t = rvToken(p->azValue[i]);
      if( rvToken(t.z+t.n).eType!=TK_END
       || (!rvTokIs(&t, "yes") && !rvTokIs(&t, "no")) ){
        return rvParseErr(p, zArg, i==RV_ARG_TRUST
            ? "expected trust_keys=yes or trust_keys=no"
            : "expected transitive=yes or transitive=no");
      }
      if( i==RV_ARG_TRUST ){
        p->bTrustKeys = rvTokIs(&t, "yes");
      }else{
        p->bTransitive = rvTokIs(&t, "yes");
      }
      return SQLITE_OK;
    }
    case RV_ARG_ORDER:
    case RV_ARG_BACK_ORDER:
      return rvParseOrder(p, zArg, p->azValue[i],
                          &p->aOrd[i==RV_ARG_ORDER ? 0 : 1]);
    default:
      return rvParseColRef(p, zArg, p->azValue[i], &p->aRef[i]);
  }
}

/**************************************************************************
** Names
*/

/*
** The default alias of a table: its name made singular by these rules,
** tried in order, ignoring case (the README lists them):
**   ...ies -> ...y            categories -> category
**   ...sses, ...shes, ...ches, ...xes -> drop "es"   classes -> class
**   ...ss, ...us, ...is -> unchanged                 status -> status
**   ...s -> drop "s"                                 players -> player
**   anything else -> unchanged                       staff -> staff
*/
char *rvSingular(RvArena *pA, const char *zName){
  int n = (int)strlen(zName);
  char *z = rvAlloc(pA, n+2);
  if( z==0 ) return 0;
  memcpy(z, zName, n+1);
#define ENDS(s) (n>(int)strlen(s) && sqlite3_stricmp(&z[n-strlen(s)], s)==0)
  if( ENDS("ies") ){
    z[n-3] = (z[n-1]=='S') ? 'Y' : 'y';
    z[n-2] = 0;
  }else if( ENDS("sses") || ENDS("shes") || ENDS("ches") || ENDS("xes") ){
    z[n-2] = 0;
  }else if( ENDS("ss") || ENDS("us") || ENDS("is") ){
    /* unchanged */
  }else if( ENDS("s") ){
    z[n-1] = 0;
  }
#undef ENDS
  return z;
}

/* How an error names side iSide's table: its alias when both sides are
** the same table (a self-referential relationship), else the table */
static const char *rvSideName(RvDecl *p, int iSide){
  const RvTable *pTab = p->aSide[iSide].pTab;
  int i;
  for(i=0; i<p->nSide; i++){
    if( i!=iSide && p->aSide[i].pTab
     && sqlite3_stricmp(p->aSide[i].pTab->zName, pTab->zName)==0 ){
      return p->aSide[iSide].zAlias;
    }
  }
  return pTab->zName;
}

/* "players.team_id" or "players.(a, b)" for columns aiCol of side iSide */
static void rvAppendCols(sqlite3_str *pStr, RvDecl *p, int iSide,
                         int nCol, const int *aiCol){
  const RvTable *pTab = p->aSide[iSide].pTab;
  int i;
  sqlite3_str_appendf(pStr, "%s.", rvSideName(p, iSide));
  if( nCol>1 ) sqlite3_str_appendall(pStr, "(");
  for(i=0; i<nCol; i++){
    sqlite3_str_appendf(pStr, "%s%s", i ? ", " : "", pTab->aCol[aiCol[i]].zName);
  }
  if( nCol>1 ) sqlite3_str_appendall(pStr, ")");
}

/*
** How column pair i of join pJ compares: as SQLite's foreign-key check
** does, with the parent column's affinity applied to the child's value and
** the parent column's collation.  So each child row has at most one parent
** (the parent's key is unique under that comparison).  The plain "child =
** parent" compares otherwise when the collations differ (the parent's is
** named: the return value, else NULL) or when the affinity it applies is
** not the parent's (*pbPlus: "+child" removes the child's).  Two columns
** compare with NUMERIC affinity if either is numeric, else with none; the
** parent's affinity applied to the child is that only if the parent is
** numeric, or both are TEXT, or the parent is BLOB and the child is not
** numeric.
*/
const char *rvJoinCompare(const RvDecl *p, const RvJoin *pJ, int i,
                          int *pbPlus){
  const RvColumn *pC = &p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[i]];
  const RvColumn *pP = &p->aSide[pJ->iParent].pTab->aCol[pJ->aiParent[i]];
  const char *zCC = pC->zColl ? pC->zColl : "BINARY";
  const char *zPC = pP->zColl ? pP->zColl : "BINARY";
  assert( i>=0 && i<pJ->nCol && pJ->nCol<=RV_MAX_KEY );
  *pbPlus = (pP->cAff=='B' && pC->cAff!='B')
         || (pP->cAff=='A' && pC->cAff>='C');
  return sqlite3_stricmp(zCC, zPC)!=0 ? zPC : 0;
}

/*
** Append join iJoin's condition, "[+]c.col = p.col [COLLATE x] AND ...",
** as rvJoinCompare() says each pair compares.  The tables are named by
** their aliases (bAlias: SQL over "table AS alias") or as pragma_relview_
** list shows them (rvSideName()).
*/
void rvAppendJoinOn(sqlite3_str *pStr, RvDecl *p, int iJoin, int bAlias){
  RvJoin *pJ = &p->aJoin[iJoin];
  const char *zChild, *zParent;
  int i;
  assert( iJoin>=0 && iJoin<p->nJoin );
  zChild = bAlias ? p->aSide[pJ->iChild].zAlias : rvSideName(p, pJ->iChild);
  zParent = bAlias ? p->aSide[pJ->iParent].zAlias : rvSideName(p, pJ->iParent);
  for(i=0; i<pJ->nCol; i++){
    int bPlus;
    const char *zColl = rvJoinCompare(p, pJ, i, &bPlus);
    if( i ) sqlite3_str_appendall(pStr, " AND ");
    if( bPlus ) sqlite3_str_appendall(pStr, "+");
    rvAppendId(pStr, zChild);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[i]].zName);
    sqlite3_str_appendall(pStr, " = ");
    rvAppendId(pStr, zParent);
    sqlite3_str_appendall(pStr, ".");
    rvAppendId(pStr, p->aSide[pJ->iParent].pTab->aCol[pJ->aiParent[i]].zName);
    if( zColl ) sqlite3_str_appendf(pStr, " COLLATE \"%w\"", zColl);
  }
}

char *rvJoinText(RvDecl *p, int iJoin){
  sqlite3_str *pStr = sqlite3_str_new(0);
  rvAppendJoinOn(pStr, p, iJoin, 0);
  return sqlite3_str_finish(pStr);
}

/*
** True if base column iCol of side iSide holds a join's key in a column
** that compares otherwise than the key it references (another affinity or
** collation): rows that the join gives one parent may then hold values
** that differ ('10.0' and '1e1' for the key 10).
*/
int rvIsLooseKey(const RvDecl *p, int iSide, int iCol){
  int i, j;
  for(j=0; j<p->nJoin; j++){
    const RvJoin *pJ = &p->aJoin[j];
    if( pJ->iChild!=iSide ) continue;
    for(i=0; i<pJ->nCol; i++){
      const RvColumn *pC, *pP;
      if( pJ->aiChild[i]!=iCol ) continue;
      pC = &p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[i]];
      pP = &p->aSide[pJ->iParent].pTab->aCol[pJ->aiParent[i]];
      if( pC->cAff!=pP->cAff ) return 1;
      if( sqlite3_stricmp(pC->zColl ? pC->zColl : "BINARY",
                          pP->zColl ? pP->zColl : "BINARY")!=0 ) return 1;
    }
  }
  return 0;
}

/*
** True if the row table's key columns of every join compare as the join
** compares them: each has the affinity and the collation of the key it
** references.  Then "child.col = ?" finds the rows the view links to the
** row ? names, and a unique index on those columns is unique as the view
** sees it; else only the join says (store.c, rvAppendPairRow()).  Kept
** as RvDecl.bPlainJoin.
*/
static int rvJoinIsPlain(const RvDecl *p){
  int i, j;
  for(j=0; j<p->nJoin; j++){
    const RvJoin *pJ = &p->aJoin[j];
    for(i=0; i<pJ->nCol; i++){
      const RvColumn *pC = &p->aSide[pJ->iChild].pTab->aCol[pJ->aiChild[i]];
      const RvColumn *pP = &p->aSide[pJ->iParent].pTab->aCol[pJ->aiParent[i]];
      if( pC->cAff!=pP->cAff ) return 0;
      if( sqlite3_stricmp(pC->zColl ? pC->zColl : "BINARY",
                          pP->zColl ? pP->zColl : "BINARY")!=0 ) return 0;
    }
  }
  return 1;
}

/* The view column of base column iCol of side iSide, or -1 */
int rvViewCol(const RvDecl *pD, int iSide, int iCol){
  assert( iSide>=0 && iSide<pD->nSide );
  assert( iCol<pD->aSide[iSide].pTab->nCol );
  if( iCol<0 || pD->aSide[iSide].iFirstCol<0 ) return -1;
  return pD->aSide[iSide].iFirstCol + iCol;
}

/*
** The inner statement's result column that holds view column iCol (the
** layout plan.c writes and cursor.c reads): column 0 is the row table's
** rowid, view column i is column i+1, but the row table's INTEGER PRIMARY
** KEY is read from column 0.
*/
int rvResultColumn(const RvDecl *p, int iCol){
  assert( iCol>=0 && iCol<p->nCol );
  return iCol==p->iRowidView ? 0 : iCol+1;
}

const char *rvKindName(int eKind){
  switch( eKind ){
    case RV_ONE_TO_MANY: return "one-to-many";
    case RV_MANY_TO_ONE: return "many-to-one";
    default:             return "many-to-many";
  }
}

/**************************************************************************
** Inferring the join
*/

/* Which of the sides in aiSide[] a qualifier names: alias first, then the
** table name if only one side has it.  -1 if none. */
static int rvQualSide(RvDecl *p, const char *zQual, int nSide,
                      const int *aiSide){
  int i, iFound = -1, nFound = 0;
  for(i=0; i<nSide; i++){
    if( sqlite3_stricmp(p->aSide[aiSide[i]].zAlias, zQual)==0 ){
      return aiSide[i];
    }
  }
  for(i=0; i<nSide; i++){
    if( sqlite3_stricmp(p->aSide[aiSide[i]].pTab->zName, zQual)==0 ){
      iFound = aiSide[i];
      nFound++;
    }
  }
  return nFound==1 ? iFound : -1;
}

/*
** Resolve the columns of argument iArg (a RvColRef) against the sides in
** aiSide[].  Sets *piSide to the one side they all belong to and fills
** aiCol[] (arena).
*/
static int rvResolveCols(
  RvDecl *p, RvParse *pParse, int iArg,
  int nSide, const int *aiSide,
  int *piSide, int **paiCol
){
  RvColRef *pRef = &pParse->aRef[iArg];
  int iSide = -1;
  int i, j;
  int *aiCol = rvAlloc(&p->a, sizeof(int)*pRef->nCol);
  if( aiCol==0 ) return SQLITE_NOMEM;
  for(i=0; i<pRef->nCol; i++){
    int iThis = -1;
    const char *zCol = pRef->azCol[i];
    if( pRef->azQual[i] ){
      iThis = rvQualSide(p, pRef->azQual[i], nSide, aiSide);
      if( iThis<0 && nSide>1 && sqlite3_stricmp(pRef->azQual[i],
            p->aSide[aiSide[0]].pTab->zName)==0 ){
        rvSetErr(pParse->pzErr, "relview: %s=%s: %s is both the source (%s) "
            "and the target (%s); qualify columns with %s or %s",
            azArgName[iArg], pRef->zText, pRef->azQual[i],
            p->aSide[aiSide[0]].zAlias, p->aSide[aiSide[1]].zAlias,
            p->aSide[aiSide[0]].zAlias, p->aSide[aiSide[1]].zAlias);
        return SQLITE_ERROR;
      }
      if( iThis<0 ){
        rvSetErr(pParse->pzErr, "relview: %s=%s: %s is not a table of this "
            "relationship; qualify columns with %s%s%s", azArgName[iArg],
            pRef->zText, pRef->azQual[i], p->aSide[aiSide[0]].zAlias,
            nSide>1 ? " or " : "", nSide>1 ? p->aSide[aiSide[1]].zAlias : "");
        return SQLITE_ERROR;
      }
    }else if( iSide>=0 ){
      iThis = iSide;
    }else{
      int nHave = 0;
      for(j=0; j<nSide; j++){
        if( rvColumnIndex(p->aSide[aiSide[j]].pTab, zCol)>=0 ){
          if( nHave++==0 ) iThis = aiSide[j];
        }
      }
      if( nHave>1 ){
        rvSetErr(pParse->pzErr, "relview: %s=%s is ambiguous: both %s and %s "
            "have a column %s; write %s=%s.%s", azArgName[iArg], pRef->zText,
            p->aSide[aiSide[0]].zAlias, p->aSide[aiSide[1]].zAlias, zCol,
            azArgName[iArg], p->aSide[aiSide[0]].zAlias, zCol);
        return SQLITE_ERROR;
      }
      if( iThis<0 ) iThis = aiSide[0];
    }
    if( iSide>=0 && iThis!=iSide ){
      rvSetErr(pParse->pzErr, "relview: the columns of %s=%s are in two "
          "tables, %s and %s; they must all be columns of one",
          azArgName[iArg], pRef->zText, rvSideName(p, iSide),
          rvSideName(p, iThis));
      return SQLITE_ERROR;
    }
    iSide = iThis;
    aiCol[i] = rvColumnIndex(p->aSide[iSide].pTab, zCol);
    if( aiCol[i]<0 ){
      rvSetErr(pParse->pzErr, "relview: %s=%s: table %s has no column %s",
          azArgName[iArg], pRef->zText, p->aSide[iSide].pTab->zName, zCol);
      return SQLITE_ERROR;
    }
  }
  *piSide = iSide;
  *paiCol = aiCol;
  return SQLITE_OK;
}

/* True if aiA[] and aiB[] (nCol each) hold the same columns, in any order */
static int rvSameCols(int nCol, const int *aiA, const int *aiB){
  int i, j;
  for(i=0; i<nCol; i++){
    for(j=0; j<nCol && aiB[j]!=aiA[i]; j++){}
    if( j==nCol ) return 0;
  }
  return 1;
}

/* True if foreign key pFk of a table in schema zSchema references pParent */
static int rvFkeyTargets(const RvFkey *pFk, const char *zSchema,
                         const RvTable *pParent){
  int i;
  for(i=0; i<pFk->nCol; i++) if( pFk->aiFrom[i]<0 ) return 0;
  return sqlite3_stricmp(zSchema, pParent->zSchema)==0
      && sqlite3_stricmp(pFk->zParent, pParent->zName)==0;
}

/*
** Complete join pJ, whose child side and columns are set: find the parent
** columns (references= if given as iRefArg, else the foreign key the
** schema declares on those columns, else the parent's PRIMARY KEY) and
** check that they are a PRIMARY KEY or UNIQUE.  pFk, when not NULL, is the
** foreign key the join was inferred from.
*/
static int rvFinishJoin(RvDecl *p, RvParse *pParse, RvJoin *pJ,
                        const RvFkey *pFk, int iRefArg){
  RvTable *pChild = p->aSide[pJ->iChild].pTab;
  RvTable *pParent = p->aSide[pJ->iParent].pTab;
  int i;
  char **azTo = 0;
  int nTo = 0;
  int bHaveTo = 0;

  if( iRefArg>=0 && pParse->azValue[iRefArg] ){
    int iSide;
    int rc = rvResolveCols(p, pParse, iRefArg, 1, &pJ->iParent,
                           &iSide, &pJ->aiParent);
    if( rc ) return rc;
    nTo = pParse->aRef[iRefArg].nCol;
    bHaveTo = 1;
  }else{
    if( pFk==0 ){
      for(i=0; i<pChild->nFkey; i++){
        const RvFkey *pF = &pChild->aFkey[i];
        if( pF->nCol==pJ->nCol && rvFkeyTargets(pF, pChild->zSchema, pParent)
         && rvSameCols(pJ->nCol, pF->aiFrom, pJ->aiChild) ){
          pFk = pF;
          break;
        }
      }
    }
    if( pFk ){
      /* Order the child columns as the foreign key does */
      memcpy(pJ->aiChild, pFk->aiFrom, sizeof(int)*pJ->nCol);
      azTo = pFk->azTo;
    }
    pJ->aiParent = rvAlloc(&p->a, sizeof(int)*pJ->nCol);
    if( pJ->aiParent==0 ) return SQLITE_NOMEM;
    if( azTo ){
      nTo = pJ->nCol;
      for(i=0; i<nTo; i++){
        pJ->aiParent[i] = rvColumnIndex(pParent, azTo[i]);
        if( pJ->aiParent[i]<0 ){
          rvSetErr(pParse->pzErr, "relview: the foreign key on %s.%s "
              "references %s.%s, which does not exist; fix the schema",
              pChild->zName, pChild->aCol[pJ->aiChild[i]].zName,
              pParent->zName, azTo[i]);
          return SQLITE_ERROR;
        }
      }
      bHaveTo = 1;
    }else if( pParent->nPk>0 ){
      nTo = pParent->nPk;
      if( nTo==pJ->nCol ){
        memcpy(pJ->aiParent, pParent->aKey[0].aiCol, sizeof(int)*nTo);
        bHaveTo = 1;
      }
    }
  }
  if( !bHaveTo || nTo!=pJ->nCol ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *z;
    rvAppendCols(pStr, p, pJ->iChild, pJ->nCol, pJ->aiChild);
    z = sqlite3_str_finish(pStr);
    if( z==0 ) return SQLITE_NOMEM;
    if( bHaveTo ){
      rvSetErr(pParse->pzErr, "relview: %s has %d column%s but the key of "
          "%s it references has %d; name as many columns on each side",
          z, pJ->nCol, pJ->nCol>1 ? "s" : "", rvSideName(p, pJ->iParent), nTo);
    }else{
      rvSetErr(pParse->pzErr, "relview: which columns of %s does %s "
          "reference? %s has no PRIMARY KEY of %d column%s; name them with "
          "%s=", rvSideName(p, pJ->iParent), z, pParent->zName, pJ->nCol,
          pJ->nCol>1 ? "s" : "",
          iRefArg>=0 ? azArgName[iRefArg] : "references");
    }
    sqlite3_free(z);
    return SQLITE_ERROR;
  }
  if( !rvIsUniqueKey(pParent, pJ->nCol, pJ->aiParent) ){
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zP, *zC;
    rvAppendCols(pStr, p, pJ->iParent, pJ->nCol, pJ->aiParent);
    zP = sqlite3_str_finish(pStr);
    pStr = sqlite3_str_new(0);
    rvAppendCols(pStr, p, pJ->iChild, pJ->nCol, pJ->aiChild);
    zC = sqlite3_str_finish(pStr);
    if( zP && zC ){
      rvSetErr(pParse->pzErr, "relview: %s is neither PRIMARY KEY nor "
          "UNIQUE, so %s cannot reference it; make it UNIQUE (CREATE UNIQUE "
          "INDEX) or reference the primary key", zP, zC);
    }
    sqlite3_free(zP);
    sqlite3_free(zC);
    return (zP && zC) ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Set join pJ from foreign key pFk of side iChild, pointing at iParent */
static int rvJoinFromFkey(RvDecl *p, RvParse *pParse, RvJoin *pJ,
                          int iChild, int iParent, const RvFkey *pFk){
  pJ->iChild = iChild;
  pJ->iParent = iParent;
  pJ->nCol = pFk->nCol;
  pJ->aiChild = rvAlloc(&p->a, sizeof(int)*pFk->nCol);
  if( pJ->aiChild==0 ) return SQLITE_NOMEM;
  memcpy(pJ->aiChild, pFk->aiFrom, sizeof(int)*pFk->nCol);
  return rvFinishJoin(p, pParse, pJ, pFk, -1);
}

/* Append "players.team_id -> teams" for candidate foreign key pFk */
static void rvAppendCandidate(sqlite3_str *pStr, RvDecl *p, int iChild,
                              int iParent, const RvFkey *pFk){
  rvAppendCols(pStr, p, iChild, pFk->nCol, pFk->aiFrom);
  sqlite3_str_appendf(pStr, " -> %s", rvSideName(p, iParent));
}

/* One-to-many or many-to-one: find the one join between source and target */
static int rvInferPair(RvDecl *p, RvParse *pParse){
  RvJoin *pJ = &p->aJoin[0];
  static const int aiBoth[2] = { RV_SOURCE, RV_TARGET };
  p->nJoin = 1;

  if( pParse->azValue[RV_ARG_FK] ){
    int rc = rvResolveCols(p, pParse, RV_ARG_FK, 2, aiBoth,
                           &pJ->iChild, &pJ->aiChild);
    if( rc ) return rc;
    pJ->iParent = pJ->iChild==RV_SOURCE ? RV_TARGET : RV_SOURCE;
    pJ->nCol = pParse->aRef[RV_ARG_FK].nCol;
    return rvFinishJoin(p, pParse, pJ, 0, RV_ARG_REF);
  }else{
    /* Candidates: keys of the target to the source, then the reverse */
    int nCand = 0;
    int iDir, i;
    int iChild = 0;
    const RvFkey *pFk = 0;
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zList;
    int rc;
    if( pParse->azValue[RV_ARG_REF] ){
      sqlite3_free(sqlite3_str_finish(pStr));
      rvSetErr(pParse->pzErr, "relview: references= needs foreign_key=, "
          "which names the columns of %s or %s that reference the other",
          rvSideName(p, RV_SOURCE), rvSideName(p, RV_TARGET));
      return SQLITE_ERROR;
    }
    for(iDir=0; iDir<2; iDir++){
      int iC = iDir==0 ? RV_TARGET : RV_SOURCE;
      RvTable *pC = p->aSide[iC].pTab;
      RvTable *pP = p->aSide[1-iC].pTab;
      for(i=0; i<pC->nFkey; i++){
        if( !rvFkeyTargets(&pC->aFkey[i], pC->zSchema, pP) ) continue;
        if( nCand++ ) sqlite3_str_appendall(pStr, ", ");
        rvAppendCandidate(pStr, p, iC, 1-iC, &pC->aFkey[i]);
        if( pFk==0 ){                   /* The first is the example */
          pFk = &pC->aFkey[i];
          iChild = iC;
        }
      }
    }
    zList = sqlite3_str_finish(pStr);
    if( zList==0 && nCand>0 ) return SQLITE_NOMEM;
    if( nCand==0 ){
      rvSetErr(pParse->pzErr, "relview: no foreign key links %s and %s; "
          "declare one in the schema, or name the referencing columns with "
          "foreign_key=, e.g. foreign_key=%s.<column>",
          rvSideName(p, RV_SOURCE), rvSideName(p, RV_TARGET),
          p->aSide[RV_TARGET].zAlias);
      rc = SQLITE_ERROR;
    }else if( nCand>1 ){
      rvSetErr(pParse->pzErr, "relview: more than one foreign key links %s "
          "and %s: %s; choose one with foreign_key=, e.g. foreign_key=%s.%s",
          rvSideName(p, RV_SOURCE), rvSideName(p, RV_TARGET), zList,
          p->aSide[iChild].zAlias,
          p->aSide[iChild].pTab->aCol[pFk->aiFrom[0]].zName);
      rc = SQLITE_ERROR;
    }else{
      rc = rvJoinFromFkey(p, pParse, pJ, iChild, 1-iChild, pFk);
    }
    sqlite3_free(zList);
    return rc;
  }
}

/*
** Many-to-many: the association table's join to side iEnd (source or
** target).  iFkArg and iRefArg are the arguments that name its columns.
** pOther, if not NULL, is the other end's join: its columns are not a
** candidate for this one.
*/
static int rvInferEnd(RvDecl *p, RvParse *pParse, int iEnd,
                      int iFkArg, int iRefArg, const RvJoin *pOther){
  RvJoin *pJ = &p->aJoin[iEnd==RV_SOURCE ? 0 : 1];
  RvTable *pA = p->aSide[RV_ASSOC].pTab;
  RvTable *pE = p->aSide[iEnd].pTab;
  static const int aiAssoc[1] = { RV_ASSOC };
  pJ->iChild = RV_ASSOC;
  pJ->iParent = iEnd;
  if( pParse->azValue[iFkArg] ){
    int iSide;
    int rc = rvResolveCols(p, pParse, iFkArg, 1, aiAssoc, &iSide,
                           &pJ->aiChild);
    if( rc ) return rc;
    pJ->nCol = pParse->aRef[iFkArg].nCol;
    return rvFinishJoin(p, pParse, pJ, 0, iRefArg);
  }else{
    int nCand = 0, i, rc;
    const RvFkey *pFk = 0;
    sqlite3_str *pStr = sqlite3_str_new(0);
    char *zList;
    if( pParse->azValue[iRefArg] ){
      sqlite3_free(sqlite3_str_finish(pStr));
      rvSetErr(pParse->pzErr, "relview: %s= needs %s=, which names the "
          "columns of %s that reference %s", azArgName[iRefArg],
          azArgName[iFkArg], pA->zName, rvSideName(p, iEnd));
      return SQLITE_ERROR;
    }
    for(i=0; i<pA->nFkey; i++){
      const RvFkey *pF = &pA->aFkey[i];
      if( !rvFkeyTargets(pF, pA->zSchema, pE) ) continue;
      if( pOther && pOther->nCol==pF->nCol
       && rvSameCols(pF->nCol, pF->aiFrom, pOther->aiChild) ) continue;
      if( nCand++ ) sqlite3_str_appendall(pStr, ", ");
      rvAppendCandidate(pStr, p, RV_ASSOC, iEnd, pF);
      if( pFk==0 ) pFk = pF;            /* The first is the example */
    }
    zList = sqlite3_str_finish(pStr);
    if( zList==0 && nCand>0 ) return SQLITE_NOMEM;
    if( nCand==0 ){
      rvSetErr(pParse->pzErr, "relview: association table %s has no "
          "foreign key to %s; declare one in the schema, or name its "
          "columns with %s=", pA->zName, rvSideName(p, iEnd),
          azArgName[iFkArg]);
      rc = SQLITE_ERROR;
    }else if( nCand>1 ){
      rvSetErr(pParse->pzErr, "relview: association table %s has more than "
          "one foreign key to %s: %s; choose one with %s=%s",
          pA->zName, rvSideName(p, iEnd), zList, azArgName[iFkArg],
          pA->aCol[pFk->aiFrom[0]].zName);
      rc = SQLITE_ERROR;
    }else{
      rc = rvJoinFromFkey(p, pParse, pJ, RV_ASSOC, iEnd, pFk);
    }
    sqlite3_free(zList);
    return rc;
  }
}

static int rvInferSecondary(RvDecl *p, RvParse *pParse){
  int rc;
  int i;
  for(i=RV_ARG_FK; i<=RV_ARG_REF; i++){
    if( pParse->azValue[i] ){
      rvSetErr(pParse->pzErr, "relview: %s= is for one-to-many and "
          "many-to-one views; with secondary= use source_%s= and target_%s=",
          azArgName[i], azArgName[i], azArgName[i]);
      return SQLITE_ERROR;
    }
  }
  p->nJoin = 2;
  /* Ends named explicitly first, so that inference can avoid their keys */
  if( pParse->azValue[RV_ARG_TGT_FK] && !pParse->azValue[RV_ARG_SRC_FK] ){
    rc = rvInferEnd(p, pParse, RV_TARGET, RV_ARG_TGT_FK, RV_ARG_TGT_REF, 0);
    if( rc==SQLITE_OK ){
      rc = rvInferEnd(p, pParse, RV_SOURCE, RV_ARG_SRC_FK, RV_ARG_SRC_REF,
                      &p->aJoin[1]);
    }
  }else{
    rc = rvInferEnd(p, pParse, RV_SOURCE, RV_ARG_SRC_FK, RV_ARG_SRC_REF, 0);
    if( rc==SQLITE_OK ){
      rc = rvInferEnd(p, pParse, RV_TARGET, RV_ARG_TGT_FK, RV_ARG_TGT_REF,
                      &p->aJoin[0]);
    }
  }
  return rc;
}

/**************************************************************************
** Columns
*/

/* True if column iCol of side iSide is a child column of some join */
static int rvIsChildCol(RvDecl *p, int iSide, int iCol, int bParent){
  int i, j;
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    if( (bParent ? pJ->iParent : pJ->iChild)!=iSide ) continue;
    for(j=0; j<pJ->nCol; j++){
      if( (bParent ? pJ->aiParent[j] : pJ->aiChild[j])==iCol ) return 1;
    }
  }
  return 0;
}

static int rvBuildColumns(RvDecl *p, char **pzErr){
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  int nCol = 2;                 /* 2 for depth and relview_key */
  int iSide, i, j;
  if( !pRowTab->bRowid && pRowTab->nPk==0 ){
    rvSetErr(pzErr, "relview: the rows of %s cannot be told apart: it has "
        "neither a rowid nor a PRIMARY KEY; relate a table that has one",
        pRowTab->zName);
    return SQLITE_ERROR;
  }
  if( !pRowTab->bRowid && pRowTab->bPkCollation ){
    rvSetErr(pzErr, "relview: the rows of %s cannot be told apart: its "
        "PRIMARY KEY compares a column with another collation than the "
        "column's own; declare the collation on the column instead",
        pRowTab->zName);
    return SQLITE_ERROR;
  }
  for(iSide=0; iSide<p->nSide; iSide++) nCol += p->aSide[iSide].pTab->nCol;
  p->aCol = rvAlloc(&p->a, sizeof(RvViewCol)*nCol);
  if( p->aCol==0 ) return SQLITE_NOMEM;
  for(iSide=0; iSide<p->nSide; iSide++){
    RvTable *pTab = p->aSide[iSide].pTab;
    if( iSide==RV_ASSOC && p->bTransitive ){
      /* A pair is linked through a path of association rows: none of
      ** their columns is the pair's */
      p->aSide[iSide].iFirstCol = -1;
      continue;
    }
    p->aSide[iSide].iFirstCol = p->nCol;
    for(i=0; i<pTab->nCol; i++){
      RvViewCol *pCol = &p->aCol[p->nCol++];
      pCol->iSide = iSide;
      pCol->iCol = i;
      {
        sqlite3_str *pStr = sqlite3_str_new(0);
        sqlite3_str_appendf(pStr, "%s_%s", p->aSide[iSide].zAlias,
                            pTab->aCol[i].zName);
        pCol->zName = rvStrFinish(&p->a, pStr);
      }
      if( pCol->zName==0 ) return SQLITE_NOMEM;
      if( rvIsChildCol(p, iSide, i, 0) ){
        /* Hidden, unless it has a collation: SQLite (3.40 at least) loses
        ** the collation of a hidden column of a virtual table.  In a
        ** transitive view it holds the key of the row's parent, not of
        ** the other side's row: shown */
        pCol->bHidden = pTab->aCol[i].zColl==0 && !p->bTransitive;
        pCol->eRole = RV_ROLE_FKEY;
      }else if( pTab->aCol[i].iPk || rvIsChildCol(p, iSide, i, 1) ){
        pCol->eRole = RV_ROLE_KEY;
      }
    }
  }
  p->iRowidView = -1;
  if( pRowTab->bRowid && pRowTab->iRowidCol>=0 && !p->bTransitive ){
    p->iRowidView = p->aSide[p->iRowSide].iFirstCol + pRowTab->iRowidCol;
  }
  if( p->bTransitive ){
    RvViewCol *pCol = &p->aCol[p->nCol++];
    pCol->zName = rvStrdup(&p->a, "depth");
    if( pCol->zName==0 ) return SQLITE_NOMEM;
    pCol->iSide = RV_SOURCE;
    pCol->iCol = RV_COL_DEPTH;
    pCol->eRole = RV_ROLE_DATA;
  }
  if( !pRowTab->bRowid || p->bTransitive ){
    RvViewCol *pCol = &p->aCol[p->nCol++];
    pCol->zName = rvStrdup(&p->a, "relview_key");
    if( pCol->zName==0 ) return SQLITE_NOMEM;
    /* The row table's key; a transitive view's pairs are of the source */
    pCol->iSide = p->bTransitive ? RV_SOURCE : p->iRowSide;
    pCol->iCol = RV_COL_KEY;
    pCol->bHidden = 1;
    pCol->eRole = RV_ROLE_KEY;
  }
  for(i=0; i<p->nCol; i++){
    for(j=0; j<i; j++){
      if( sqlite3_stricmp(p->aCol[i].zName, p->aCol[j].zName)==0 ){
        RvViewCol *a = &p->aCol[j], *b = &p->aCol[i];
        rvSetErr(pzErr, "relview: column name %s would stand for both "
            "%s.%s and %s.%s; give one table another name with AS",
            b->zName,
            p->aSide[a->iSide].pTab->zName,
            p->aSide[a->iSide].pTab->aCol[a->iCol].zName,
            p->aSide[b->iSide].pTab->zName,
            b->iCol==RV_COL_KEY ? "(its key)" :
            b->iCol==RV_COL_DEPTH ? "(the depth)" :
            p->aSide[b->iSide].pTab->aCol[b->iCol].zName);
        return SQLITE_ERROR;
      }
    }
  }
  return SQLITE_OK;
}

/*
** Resolve order_by= (iWhich 0) or backref_order_by= (1) against the view's
** columns: the reverse view has the same columns, named alike, with the
** target's first.  A name may also be rowid (_rowid_, oid) where the row
** table has one; relview_key, whose text orders otherwise than its key,
** may not.
*/
static int rvResolveOrder(RvDecl *p, RvParse *pParse, int iWhich){
  static const int aiFwd[3] = { RV_SOURCE, RV_TARGET, RV_ASSOC };
  static const int aiRev[3] = { RV_TARGET, RV_SOURCE, RV_ASSOC };
  const int *aiSide = iWhich ? aiRev : aiFwd;
  RvOrderRef *pRef = &pParse->aOrd[iWhich];
  const char *zArg = azArgName[iWhich ? RV_ARG_BACK_ORDER : RV_ARG_ORDER];
  const char *zView = iWhich ? p->zBackref : p->zName;
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  RvOrderTerm *aTerm;
  int i, j, k;
  if( pRef->nTerm==0 ) return SQLITE_OK;
  if( p->bTransitive ){
    rvSetErr(pParse->pzErr, "relview: %s= is not for a transitive view; "
        "order a query's pairs with its own ORDER BY (depth, the keys)", zArg);
    return SQLITE_ERROR;
  }
  aTerm = rvAlloc(&p->a, sizeof(RvOrderTerm)*pRef->nTerm);
  if( aTerm==0 ) return SQLITE_NOMEM;
  for(i=0; i<pRef->nTerm; i++){
    const char *zCol = pRef->azCol[i];
    RvOrderTerm *pT = &aTerm[i];
    for(j=0; j<p->nCol && sqlite3_stricmp(p->aCol[j].zName, zCol); j++){}
    pT->bDesc = pRef->abDesc[i];
    if( j<p->nCol && p->aCol[j].iCol<0 ){
      sqlite3_str *pStr = sqlite3_str_new(0);
      char *zKey;
      for(k=0; k<pRowTab->aKey[0].nCol; k++){
        sqlite3_str_appendf(pStr, "%s%s", k ? ", " : "",
            p->aCol[rvViewCol(p, p->iRowSide, pRowTab->aKey[0].aiCol[k])].zName);
      }
      zKey = sqlite3_str_finish(pStr);
      if( zKey==0 ) return SQLITE_NOMEM;
      rvSetErr(pParse->pzErr, "relview: %s=%s: relview_key orders as its "
          "text, not as the key it stands for; order by the key's columns, "
          "%s=%s%s%s", zArg, pRef->zText, zArg,
          pRowTab->aKey[0].nCol>1 ? "(" : "", zKey,
          pRowTab->aKey[0].nCol>1 ? ")" : "");
      sqlite3_free(zKey);
      return SQLITE_ERROR;
    }else if( j<p->nCol ){
      pT->iSide = p->aCol[j].iSide;
      pT->iCol = p->aCol[j].iCol;
      pT->iView = j;
    }else if( pRowTab->bRowid && (sqlite3_stricmp(zCol, "rowid")==0
           || sqlite3_stricmp(zCol, "_rowid_")==0
           || sqlite3_stricmp(zCol, "oid")==0) ){
      pT->iSide = p->iRowSide;
      pT->iCol = -1;
      pT->iView = -1;
    }else{
      sqlite3_str *pStr = sqlite3_str_new(0);
      char *zList;
      int n = 0;
      for(k=0; k<p->nSide; k++){
        const RvSide *pS = &p->aSide[aiSide[k]];
        for(j=0; j<pS->pTab->nCol; j++){
          sqlite3_str_appendf(pStr, "%s%s", n++ ? ", " : "",
                              p->aCol[pS->iFirstCol+j].zName);
        }
      }
      if( pRowTab->bRowid ){
        sqlite3_str_appendall(pStr, ", or its rowid");
      }
      zList = sqlite3_str_finish(pStr);
      if( zList==0 ) return SQLITE_NOMEM;
      if( zView ){
        rvSetErr(pParse->pzErr, "relview: %s=%s: %s has no column %s; its "
            "columns are %s", zArg, pRef->zText, zView, zCol, zList);
      }else{
        rvSetErr(pParse->pzErr, "relview: %s=%s: the reverse view has no "
            "column %s; its columns are %s", zArg, pRef->zText, zCol, zList);
      }
      sqlite3_free(zList);
      return SQLITE_ERROR;
    }
    for(k=0; k<i; k++){
      if( aTerm[k].iSide==pT->iSide && aTerm[k].iCol==pT->iCol ){
        rvSetErr(pParse->pzErr, "relview: %s=%s names column %s twice; "
            "name each column once", zArg, pRef->zText, zCol);
        return SQLITE_ERROR;
      }
    }
  }
  if( iWhich ){
    p->nBackOrder = pRef->nTerm;
    p->aBackOrder = aTerm;
  }else{
    p->nOrder = pRef->nTerm;
    p->aOrder = aTerm;
  }
  return SQLITE_OK;
}

/* Load the tables, give each side its alias, and check the aliases differ */
static int rvLoadSides(RvDecl *p, RvParse *pParse, sqlite3 *db){
  static const char *const azRole[3] = {"source", "target", "secondary"};
  int i, j, rc = SQLITE_OK;
  for(i=0; i<p->nSide && rc==SQLITE_OK; i++){
    RvTabRef *pRef = i<2 ? &pParse->aTab[i] : &pParse->sec;
    rc = rvTableLoad(db, &p->a, pRef->zSchema, p->zSchema, pRef->zName,
                     &p->aSide[i].pTab, pParse->pzErr, &pParse->bNoSchema);
    if( rc==SQLITE_ERROR ){
      char *zOld = *pParse->pzErr;
      *pParse->pzErr = sqlite3_mprintf("%s (the %s of %s)", zOld, azRole[i],
                                       p->zName);
      sqlite3_free(zOld);
      if( *pParse->pzErr==0 ) rc = SQLITE_NOMEM;
      break;
    }
    if( rc ) break;
    if( sqlite3_stricmp(p->aSide[i].pTab->zSchema, "temp")==0
     && sqlite3_stricmp(p->zSchema, "temp")!=0 ){
      /* As SQLite refuses for a view: the temp table is gone when the
      ** database is opened again, or another one has its name */
      rvSetErr(pParse->pzErr, "relview: view %s cannot reference objects "
          "in database temp (%s, the %s of %s); declare it as temp.%s",
          p->zName, p->aSide[i].pTab->zName, azRole[i], p->zName, p->zName);
      rc = SQLITE_ERROR;
      break;
    }
    p->aSide[i].zAlias = pRef->zAlias ? pRef->zAlias
                       : rvSingular(&p->a, p->aSide[i].pTab->zName);
    if( p->aSide[i].zAlias==0 ) rc = SQLITE_NOMEM;
  }
  for(i=0; i<p->nSide && rc==SQLITE_OK; i++){
    for(j=0; j<i; j++){
      if( sqlite3_stricmp(p->aSide[i].zAlias, p->aSide[j].zAlias)==0 ){
        if( i==RV_TARGET ){
          rvSetErr(pParse->pzErr, "relview: source and target would both be "
              "named %s; name them with AS, e.g. relview(%s AS a, %s AS b)",
              p->aSide[i].zAlias, pParse->aTab[0].zName,
              pParse->aTab[1].zName);
        }else{
          rvSetErr(pParse->pzErr, "relview: the %s and the %s would both be "
              "named %s; name one with AS, e.g. secondary=%s AS link",
              azRole[j], azRole[i], p->aSide[i].zAlias, pParse->sec.zName);
        }
        rc = SQLITE_ERROR;
        break;
      }
    }
  }
  return rc;
}

/* The arguments of the reverse view: target and source swapped, and each
** source_ argument made target_ and the other way round */
static int rvBackrefArgs(RvDecl *p, RvParse *pParse){
  sqlite3_str *pStr = sqlite3_str_new(0);
  int i;
  sqlite3_str_appendf(pStr, "%s, %s", pParse->aTab[1].zText,
                      pParse->aTab[0].zText);
  for(i=0; i<RV_NARG; i++){
    if( i==RV_ARG_BACKREF || pParse->azValue[i]==0 ) continue;
    sqlite3_str_appendf(pStr, ", %s=%s", azArgName[aiArgSwap[i]],
                        pParse->azValue[i]);
  }
  p->zBackrefArgs = rvStrFinish(&p->a, pStr);
  return p->zBackrefArgs ? SQLITE_OK : SQLITE_NOMEM;
}

/*
** Check the joins once they are inferred: no key wider than RV_MAX_KEY
** columns (write.c relies on it), no column named twice in one
** join, and in a many-to-many view no column of the association table
** that holds the key of both ends (a link would store one end's value in
** it and lose the other's).
*/
static int rvCheckJoins(RvDecl *p, char **pzErr){
  RvTable *pRowTab = p->aSide[p->iRowSide].pTab;
  int i, j, k;
  for(i=0; i<p->nJoin; i++){
    RvJoin *pJ = &p->aJoin[i];
    if( pJ->nCol>RV_MAX_KEY ){
      rvSetErr(pzErr, "relview: the key of %s has %d columns; relview "
          "supports keys of up to %d columns",
          p->aSide[pJ->iParent].pTab->zName, pJ->nCol, RV_MAX_KEY);
      return SQLITE_ERROR;
    }
    for(k=0; k<2; k++){
      int iSide = k ? pJ->iParent : pJ->iChild;
      const int *aiCol = k ? pJ->aiParent : pJ->aiChild;
      for(j=1; j<pJ->nCol; j++){
        int m;
        for(m=0; m<j && aiCol[m]!=aiCol[j]; m++){}
        if( m<j ){
          sqlite3_str *pStr = sqlite3_str_new(0);
          char *z;
          rvAppendCols(pStr, p, iSide, pJ->nCol, aiCol);
          z = sqlite3_str_finish(pStr);
          if( z==0 ) return SQLITE_NOMEM;
          rvSetErr(pzErr, "relview: %s names column %s twice; name each "
              "column once", z, p->aSide[iSide].pTab->aCol[aiCol[j]].zName);
          sqlite3_free(z);
          return SQLITE_ERROR;
        }
      }
    }
  }
  if( pRowTab->nPk>RV_MAX_KEY ){
    rvSetErr(pzErr, "relview: the PRIMARY KEY of %s has %d columns; relview "
        "supports keys of up to %d columns", pRowTab->zName, pRowTab->nPk,
        RV_MAX_KEY);
    return SQLITE_ERROR;
  }
  if( p->nJoin==2 ){
    RvJoin *pJ0 = &p->aJoin[0], *pJ1 = &p->aJoin[1];
    for(i=0; i<pJ0->nCol; i++){
      for(j=0; j<pJ1->nCol; j++){
        if( pJ0->aiChild[i]==pJ1->aiChild[j] ){
          RvTable *pA = p->aSide[RV_ASSOC].pTab;
          rvSetErr(pzErr, "relview: %s.%s cannot hold the key of both %s "
              "and %s; give each end columns of its own with "
              "source_foreign_key= and target_foreign_key=", pA->zName,
              pA->aCol[pJ0->aiChild[i]].zName, rvSideName(p, RV_SOURCE),
              rvSideName(p, RV_TARGET));
          return SQLITE_ERROR;
        }
      }
    }
  }
  return SQLITE_OK;
}


/*
** transitive=yes: the source and the target are one table (a table related
** to itself by one of its foreign keys, or through an association table),
** whose rows can be told apart.  The walk (walk.c, graph.c) keeps each row
** by its rowid or PRIMARY KEY.
*/
static int rvCheckTransitive(RvDecl *p, char **pzErr){
  RvTable *pTab = p->aSide[RV_SOURCE].pTab;
  if( pTab!=p->aSide[RV_TARGET].pTab
   && (sqlite3_stricmp(pTab->zSchema, p->aSide[RV_TARGET].pTab->zSchema)
    || sqlite3_stricmp(pTab->zName, p->aSide[RV_TARGET].pTab->zName)) ){
    rvSetErr(pzErr, "relview: transitive=yes is for a table related to "
        "itself (employees AS manager, employees AS report); %s and %s are "
        "two tables", rvSideName(p, RV_SOURCE), rvSideName(p, RV_TARGET));
    return SQLITE_ERROR;
  }
  if( !pTab->bRowid ){
    /* Its PRIMARY KEY tells the rows apart: no NULL in it (a table whose
    ** rowid names are all columns may have one), each column compared as
    ** its index compares it */
    int i, bNull = 0;
    for(i=0; i<pTab->nPk && i<pTab->aKey[0].nCol; i++){
      if( !pTab->aCol[pTab->aKey[0].aiCol[i]].bNotNull ) bNull = 1;
    }
    if( pTab->nPk==0 || pTab->bPkCollation || bNull ){
      rvSetErr(pzErr, "relview: the rows of %s cannot be told apart: it "
          "has no rowid and no PRIMARY KEY of NOT NULL columns that compares "
          "them as they do", pTab->zName);
      return SQLITE_ERROR;
    }
  }
  return SQLITE_OK;
}

#ifndef NDEBUG
/* The invariants of a built declaration that plan.c, cursor.c and write.c
** rely on, for assert() */
static int rvDeclCheck(const RvDecl *p){
  int i, j;
  if( p->nSide!=p->nJoin+1 || p->nJoin<1 || p->nJoin>2 ) return 0;
  if( (p->nJoin==2)!=(p->eKind==RV_MANY_TO_MANY) ) return 0;
  if( p->iRowSide<0 || p->iRowSide>=p->nSide ) return 0;
  for(i=0; i<p->nJoin; i++){
    const RvJoin *pJ = &p->aJoin[i];
    if( pJ->nCol<1 || pJ->nCol>RV_MAX_KEY ) return 0;
    if( pJ->iChild!=p->iRowSide ) return 0;   /* The row table holds keys */
    for(j=0; j<pJ->nCol; j++){
      if( pJ->aiChild[j]<0 || pJ->aiChild[j]>=p->aSide[pJ->iChild].pTab->nCol
       || pJ->aiParent[j]<0
       || pJ->aiParent[j]>=p->aSide[pJ->iParent].pTab->nCol ){
        return 0;
      }
    }
  }
  for(i=0; i<p->nCol; i++){
    const RvViewCol *pC = &p->aCol[i];
    if( pC->iSide<0 || pC->iSide>=p->nSide ) return 0;
    if( pC->iCol>=p->aSide[pC->iSide].pTab->nCol ) return 0;
    if( pC->iCol==RV_COL_KEY && (i!=p->nCol-1
     || pC->iSide!=(p->bTransitive ? RV_SOURCE : p->iRowSide)) ){
      return 0;
    }
    if( pC->iCol==RV_COL_DEPTH && (i!=p->nCol-2 || !p->bTransitive) ){
      return 0;
    }
    if( pC->iCol<RV_COL_DEPTH ) return 0;
  }
  if( p->bTransitive ){
    /* A table related to itself, its rows told apart by relview_key; no
    ** column of an association table */
    if( p->aSide[0].pTab->nCol!=p->aSide[1].pTab->nCol ) return 0;
    for(i=0; i<p->nCol; i++) if( p->aCol[i].iSide==RV_ASSOC ) return 0;
    if( p->aCol[p->nCol-1].iCol!=RV_COL_KEY || p->iRowidView>=0 ) return 0;
  }
  if( p->aSide[p->iRowSide].pTab->aKey[0].nCol>RV_MAX_KEY ) return 0;
  return p->iRowidView<p->nCol;
}
#endif

int rvDeclBuild(
  sqlite3 *db,
  const char *zSchema, const char *zName,
  int nArg, const char *const *azArg,
  RvDecl **ppDecl, char **pzErr, int *pbNoSchema
){
  RvDecl *p;
  RvParse parse;
  int rc = SQLITE_OK;
  int i;

  *ppDecl = 0;
  p = sqlite3_malloc(sizeof(RvDecl));
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  memset(&parse, 0, sizeof(parse));
  parse.pA = &p->a;
  parse.pzErr = pzErr;
  parse.pOptions = sqlite3_str_new(0);
  p->zSchema = rvStrdup(&p->a, zSchema);
  p->zName = rvStrdup(&p->a, zName);
  if( p->zSchema==0 || p->zName==0 ) rc = SQLITE_NOMEM;

  /* The arguments are parsed from copies: the SQL that loading the tables
  ** runs may make SQLite reload the schema, which frees the strings that
  ** xCreate and xConnect were given */
  for(i=0; i<nArg && rc==SQLITE_OK; i++){
    char *zArg = rvStrdup(&p->a, azArg[i]);
    rc = zArg ? rvParseArg(&parse, zArg) : SQLITE_NOMEM;
  }
  if( rc==SQLITE_OK && parse.nTab<2 ){
    rvSetErr(pzErr, "relview: missing %s table; write "
        "relview(<source>, <target> [, key=value ...])",
        parse.nTab==0 ? "source and target" : "target");
    rc = SQLITE_ERROR;
  }
  if( sqlite3_str_errcode(parse.pOptions) ){
    rc = SQLITE_NOMEM;
  }else if( rc==SQLITE_OK && sqlite3_str_length(parse.pOptions)>0 ){
    p->zOptions = rvStrFinish(&p->a, parse.pOptions);
    parse.pOptions = 0;
    if( p->zOptions==0 ) rc = SQLITE_NOMEM;
  }
  sqlite3_free(sqlite3_str_finish(parse.pOptions));
  p->zBackref = parse.zBackref;
  p->eUnlink = parse.eUnlink;
  p->bTrustKeys = parse.bTrustKeys;
  if( rc==SQLITE_OK && p->zBackref && sqlite3_stricmp(p->zBackref, zName)==0 ){
    rvSetErr(pzErr, "relview: backref=%s: the reverse view needs a name of "
        "its own, not the name of this view", p->zBackref);
    rc = SQLITE_ERROR;
  }
  if( rc==SQLITE_OK ){
    p->nSide = parse.azValue[RV_ARG_SECONDARY] ? 3 : 2;
    rc = rvLoadSides(p, &parse, db);
  }
  if( rc==SQLITE_OK && p->nSide==3 && parse.azValue[RV_ARG_UNLINK] ){
    rvSetErr(pzErr, "relview: unlink= is for one-to-many and many-to-one "
        "views; a DELETE from a many-to-many view removes the %s row only",
        parse.sec.zName);
    rc = SQLITE_ERROR;
  }
  if( rc==SQLITE_OK ){
    if( p->nSide==3 ){
      p->eKind = RV_MANY_TO_MANY;
      rc = rvInferSecondary(p, &parse);
      p->iRowSide = RV_ASSOC;
    }else{
      for(i=RV_ARG_SRC_FK; i<=RV_ARG_TGT_REF && rc==SQLITE_OK; i++){
        if( parse.azValue[i] ){
          rvSetErr(pzErr, "relview: %s= is for many-to-many views, with "
              "secondary=; here use %s=", azArgName[i],
              i>=RV_ARG_SRC_REF ? "references" : "foreign_key");
          rc = SQLITE_ERROR;
        }
      }
      if( rc==SQLITE_OK ) rc = rvInferPair(p, &parse);
      if( rc==SQLITE_OK ){
        p->iRowSide = p->aJoin[0].iChild;
        p->eKind = p->iRowSide==RV_TARGET ? RV_ONE_TO_MANY : RV_MANY_TO_ONE;
      }
    }
  }
  p->bTransitive = parse.bTransitive;
  if( rc==SQLITE_OK ) rc = rvCheckJoins(p, pzErr);
  if( rc==SQLITE_OK && p->bTransitive ) rc = rvCheckTransitive(p, pzErr);
  if( rc==SQLITE_OK ) rc = rvBuildColumns(p, pzErr);
  if( rc==SQLITE_OK ) rc = rvResolveOrder(p, &parse, 0);
  if( rc==SQLITE_OK ) rc = rvResolveOrder(p, &parse, 1);
  if( rc==SQLITE_OK && p->zBackref ) rc = rvBackrefArgs(p, &parse);

  /* An error whose message could not be allocated is out of memory */
  if( rc==SQLITE_ERROR && *pzErr==0 ) rc = SQLITE_NOMEM;
  if( pbNoSchema ) *pbNoSchema = rc==SQLITE_ERROR && parse.bNoSchema;
  if( rc==SQLITE_OK ){
    /* What the other files rely on: the shape of a declaration */
    assert( rvDeclCheck(p) );
    p->bPlainJoin = rvJoinIsPlain(p);
    *ppDecl = p;
  }else{
    if( rc==SQLITE_NOMEM ){
      sqlite3_free(*pzErr);
      *pzErr = 0;
    }
    rvDeclFree(p);
  }
  return rc;
}

/* True if two orders are the same terms */
static int rvSameOrder(int nA, const RvOrderTerm *aA,
                       int nB, const RvOrderTerm *aB){
  int i;
  if( nA!=nB ) return 0;
  for(i=0; i<nA; i++){
    if( aA[i].iSide!=aB[i].iSide || aA[i].iCol!=aB[i].iCol
     || aA[i].bDesc!=aB[i].bDesc ){
      return 0;
    }
  }
  return 1;
}

/*
** True if two resolved declarations make the same view: the same kind,
** tables and aliases on each side, the same joins, the same unlink= and
** trust_keys=, the same order_by= and backref_order_by=.  (Its name and
** its backref= do not count.)
*/
int rvDeclSame(const RvDecl *pA, const RvDecl *pB){
  int i;
  if( pA->eKind!=pB->eKind || pA->nSide!=pB->nSide || pA->nJoin!=pB->nJoin
   || pA->eUnlink!=pB->eUnlink || pA->bTrustKeys!=pB->bTrustKeys
   || pA->bTransitive!=pB->bTransitive ){
    return 0;
  }
  if( !rvSameOrder(pA->nOrder, pA->aOrder, pB->nOrder, pB->aOrder)
   || !rvSameOrder(pA->nBackOrder, pA->aBackOrder,
                   pB->nBackOrder, pB->aBackOrder) ){
    return 0;
  }
  for(i=0; i<pA->nSide; i++){
    const RvSide *a = &pA->aSide[i], *b = &pB->aSide[i];
    if( sqlite3_stricmp(a->pTab->zSchema, b->pTab->zSchema)
     || sqlite3_stricmp(a->pTab->zName, b->pTab->zName)
     || sqlite3_stricmp(a->zAlias, b->zAlias) ){
      return 0;
    }
  }
  for(i=0; i<pA->nJoin; i++){
    const RvJoin *a = &pA->aJoin[i], *b = &pB->aJoin[i];
    if( a->iChild!=b->iChild || a->iParent!=b->iParent || a->nCol!=b->nCol
     || memcmp(a->aiChild, b->aiChild, sizeof(int)*a->nCol)
     || memcmp(a->aiParent, b->aiParent, sizeof(int)*a->nCol) ){
      return 0;
    }
  }
  return 1;
}

void rvDeclFree(RvDecl *p){
  if( p ){
    rvArenaFree(&p->a);
    sqlite3_free(p);
  }
}

/*
** True if declared type zType can go into the vtab's CREATE TABLE as it
** is: words of letters, digits and '_' (none an SQL keyword, none HIDDEN)
** and at most one "(n)" or "(n, m)" at the end.  A type stored in a
** database file can hold any text ('INT)--', 'TEXT, a, b'); one that is
** not this plain is declared by its affinity's name instead.
*/
static int rvTypeIsPlain(const char *zType){
  const char *z = zType;
  int nWord = 0;
  while( 1 ){
    int n = 0;
    while( *z==' ' ) z++;
    if( (*z>='0' && *z<='9') || !rvIsIdChar((unsigned char)*z) ) break;
    while( rvIsIdChar((unsigned char)z[n]) ){
      if( (unsigned char)z[n]>=0x80 || z[n]=='$' ) return 0;
      n++;
    }
    if( sqlite3_keyword_check(z, n) || (n==6 && sqlite3_strnicmp(z, "hidden", 6)==0) ){
      return 0;
    }
    nWord++;
    z += n;
  }
  if( nWord==0 ) return 0;
  if( *z=='(' ){
    int nNum = 0;
    z++;
    while( 1 ){
      while( *z==' ' ) z++;
      if( *z=='+' || *z=='-' ) z++;
      if( *z<'0' || *z>'9' ) return 0;
      while( *z>='0' && *z<='9' ) z++;
      while( *z==' ' ) z++;
      if( ++nNum<2 && *z==',' ){ z++; continue; }
      break;
    }
    if( *z++!=')' ) return 0;
    while( *z==' ' ) z++;
  }
  return *z==0;
}

/*
** True if view column iCol is never NULL: its base column is NOT NULL or
** is the rowid, or a join compares it (an inner join drops NULL keys).
*/
static int rvViewColNotNull(RvDecl *p, int iCol){
  const RvViewCol *pVCol = &p->aCol[iCol];
  const RvTable *pTab = p->aSide[pVCol->iSide].pTab;
  assert( pVCol->iCol>=0 && pVCol->iCol<pTab->nCol );
  return pTab->aCol[pVCol->iCol].bNotNull
      || (pTab->bRowid && pVCol->iCol==pTab->iRowidCol)
      || rvIsChildCol(p, pVCol->iSide, pVCol->iCol, 0)
      || rvIsChildCol(p, pVCol->iSide, pVCol->iCol, 1);
}

/*
** The view columns that tell its rows apart, for a view whose row table
** has a rowid (one without is told apart by relview_key): the row table's
** PRIMARY KEY, or else a UNIQUE key whose columns the view never shows
** NULL (rvViewColNotNull()).  A key column
** that holds a join's key is hidden; it stands as the visible column of
** the key it references when the join compares it as that column does
** (same affinity and collation: rvIsLooseKey()), so that two rows equal
** there are equal in the row table's key.  Writes the columns to aiView
** (room for RV_MAX_KEY) and returns their number, 0 if there is no key.
*/
static int rvViewKey(RvDecl *p, int *aiView){
  const RvSide *pRow = &p->aSide[p->iRowSide];
  const RvTable *pTab = pRow->pTab;
  const RvKey *pKey = 0;
  int i, j, k;
  assert( pTab->bRowid );
  if( pTab->nPk>0 ){
    if( !pTab->bPkCollation ) pKey = &pTab->aKey[0];
  }else{
    for(i=0; i<pTab->nKey && pKey==0; i++){
      pKey = &pTab->aKey[i];
      for(j=0; j<pKey->nCol; j++){
        int iView = rvViewCol(p, p->iRowSide, pKey->aiCol[j]);
        if( !rvViewColNotNull(p, iView) ){ pKey = 0; break; }
      }
    }
  }
  if( pKey==0 || pKey->nCol>RV_MAX_KEY ) return 0;
  for(i=0; i<pKey->nCol; i++){
    int iCol = pKey->aiCol[i];
    aiView[i] = rvViewCol(p, p->iRowSide, iCol);
    if( !p->aCol[aiView[i]].bHidden || rvIsLooseKey(p, p->iRowSide, iCol) ){
      continue;
    }
    for(j=0; j<p->nJoin; j++){
      const RvJoin *pJ = &p->aJoin[j];
      if( pJ->iChild!=p->iRowSide ) continue;
      for(k=0; k<pJ->nCol; k++){
        if( pJ->aiChild[k]==iCol ){
          aiView[i] = rvViewCol(p, pJ->iParent, pJ->aiParent[k]);
        }
      }
    }
  }
  /* Two key columns that reference one column: keep the row table's own */
  for(i=0; i<pKey->nCol; i++){
    for(j=0; j<i; j++){
      if( aiView[i]==aiView[j] ){
        for(k=0; k<pKey->nCol; k++){
          aiView[k] = rvViewCol(p, p->iRowSide, pKey->aiCol[k]);
        }
        return pKey->nCol;
      }
    }
  }
  return pKey->nCol;
}

/*
** The CREATE TABLE for sqlite3_declare_vtab(): each view column with its
** type, HIDDEN, NOT NULL where it holds and its collation, and the key
** that tells the rows apart as PRIMARY KEY.  SQLite enforces neither on a
** virtual table; its planner relies on both (a DISTINCT over the key
** columns is no-op), so each is declared only where the join makes it
** true.
*/
char *rvDeclSchemaSql(RvDecl *p){
  sqlite3_str *pStr = sqlite3_str_new(0);
  int aiKey[RV_MAX_KEY];
  int nKey = 0;
  int i;
  sqlite3_str_appendall(pStr, "CREATE TABLE x(");
  for(i=0; i<p->nCol; i++){
    RvViewCol *pVCol = &p->aCol[i];
    RvColumn *pCol;
    sqlite3_str_appendf(pStr, "%s\"%w\"", i ? ", " : "", pVCol->zName);
    if( pVCol->iCol==RV_COL_KEY ){
      sqlite3_str_appendf(pStr, " TEXT HIDDEN, PRIMARY KEY(\"%w\")",
                          pVCol->zName);
      continue;
    }
    if( pVCol->iCol==RV_COL_DEPTH ){
      sqlite3_str_appendall(pStr, " INTEGER NOT NULL");
      continue;
    }
    pCol = &p->aSide[pVCol->iSide].pTab->aCol[pVCol->iCol];
    /* The type: the base column's if it is plain and has the affinity
    ** SQLite gave the column, else the affinity's name (so a hidden
    ** column without a type is BLOB, not the NUMERIC of "HIDDEN").  The
    ** view column compares as the base column: same affinity, same
    ** collation. */
    assert( pCol->cAff>='A' && pCol->cAff<='E' );
    if( !pVCol->bHidden && pCol->zType[0]==0 && pCol->cAff=='A' ){
      /* No declared type */
    }else if( !pVCol->bHidden && rvTypeIsPlain(pCol->zType)
           && rvAffinity(pCol->zType)==pCol->cAff ){
      sqlite3_str_appendf(pStr, " %s", pCol->zType);
    }else{
      sqlite3_str_appendf(pStr, " %s", rvAffinityName(pCol->cAff));
    }
    if( pVCol->bHidden ) sqlite3_str_appendall(pStr, " HIDDEN");
    if( rvViewColNotNull(p, i) ) sqlite3_str_appendall(pStr, " NOT NULL");
    if( pCol->zColl ) sqlite3_str_appendf(pStr, " COLLATE \"%w\"", pCol->zColl);
  }
  if( p->aSide[p->iRowSide].pTab->bRowid && !p->bTransitive ){
    nKey = rvViewKey(p, aiKey);
  }
  assert( nKey>=0 && nKey<=RV_MAX_KEY );
  for(i=0; i<nKey; i++){
    sqlite3_str_appendf(pStr, "%s\"%w\"", i ? ", " : ", PRIMARY KEY(",
                        p->aCol[aiKey[i]].zName);
  }
  sqlite3_str_appendall(pStr, nKey ? "))" : ")");
  if( !p->aSide[p->iRowSide].pTab->bRowid || p->bTransitive ){
    sqlite3_str_appendall(pStr, " WITHOUT ROWID");
  }
  return sqlite3_str_finish(pStr);
}

/*
** Split the stored text of "CREATE VIRTUAL TABLE ... USING relview(...)"
** into its arguments, as SQLite does for xCreate: at the commas outside
** parentheses, each argument the text from its first token to its last.
*/
int rvSplitCreateSql(const char *zSql, int *pnArg, char ***pazArg){
  const char *z = zSql;
  const char *zStart = 0;       /* First token of the current argument */
  const char *zEnd = 0;         /* End of its last token */
  int nArg = 0, nDepth = 0;
  i64 nSql = (i64)strlen(zSql);
  char **azArg;
  char *zOut;
  RvTok t;
  *pnArg = 0;
  *pazArg = 0;
  /* Find USING relview ( */
  do{
    t = rvToken(z);
    if( t.eType==TK_END ) return SQLITE_OK;
    z = t.z + t.n;
  }while( !rvTokIs(&t, "USING") );
  t = rvToken(z);
  if( t.eType!=TK_ID || t.n>9 ) return SQLITE_OK;
  {
    char zMod[10];
    int i, j = 0;
    for(i=0; i<t.n; i++){
      if( !strchr("\"'`[]", t.z[i]) ) zMod[j++] = t.z[i];
    }
    zMod[j] = 0;
    if( sqlite3_stricmp(zMod, "relview")!=0 ) return SQLITE_OK;
  }
  t = rvToken(t.z+t.n);
  if( t.eType!=TK_LP ) return SQLITE_OK;
  /* Room for an argument per byte, and a copy of the text */
  azArg = sqlite3_malloc64(sizeof(char*)*(nSql+1) + nSql+1);
  if( azArg==0 ) return SQLITE_NOMEM;
  zOut = (char*)&azArg[nSql+1];
  z = t.z+1;
  while( 1 ){
    t = rvToken(z);
    if( t.eType==TK_END ) break;
    if( nDepth==0 && (t.eType==TK_COMMA || t.eType==TK_RP) ){
      if( zStart ){
        memcpy(zOut, zStart, zEnd-zStart);
        zOut[zEnd-zStart] = 0;
        azArg[nArg++] = zOut;
        zOut += zEnd-zStart+1;
      }
      zStart = 0;
      if( t.eType==TK_RP ) break;
    }else{
      if( t.eType==TK_LP ) nDepth++;
      if( t.eType==TK_RP ) nDepth--;
      if( zStart==0 ) zStart = t.z;
      zEnd = t.z + t.n;
    }
    z = t.z + t.n;
  }
  *pnArg = nArg;
  *pazArg = azArg;
  return SQLITE_OK;
}
