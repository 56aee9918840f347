/*
** Private declarations shared by the files of ext/.  Each file calls
** only those above it here (tool/deps.sh shows it):
**
**   util.c     helpers: arena, strings, identifiers, error messages
**   key.c      relview_key: the text of a PRIMARY KEY, and back
**   model.c    what a base table is (columns, keys, references, affinity)
**   decl.c     parse a declaration, infer the join, name the view's columns
**   stmt.c     a view's statement cache
**   plan.c     xBestIndex: choose a plan and write the inner SQL
**   walk.c     the same for a transitive view: a recursive walk
**   graph.c    a transitive many-to-many view: breadth-first walks
**   cursor.c   xFilter/xNext/xColumn: stream rows from the inner statement
**   store.c    the SQL that writes run on the base tables; the undo log
**   write.c    xUpdate: link, unlink, relink, write through (write.h)
**   automap.c  the relationships a schema implies; relview_automap()
**   doctor.c   what is wrong with a schema's relationships
**   pragma.c   pragma_relview_list, _columns, _automap and _doctor
**   relview.c  the module's life cycle, its registration, relview_version()
*/
#ifndef RELVIEW_INT_H
#define RELVIEW_INT_H

#ifndef SQLITE_CORE
# include "sqlite3ext.h"
  SQLITE_EXTENSION_INIT3
#else
# include "sqlite3.h"
#endif
#include "relview.h"

/* assert()s state the invariants the code relies on.  As in SQLite, they
** are compiled only into a debugging build (-DRELVIEW_DEBUG, or SQLite's
** -DSQLITE_DEBUG): the tests run one (make test, make asan, the fuzz
** target); relview.so and librelview.a are built without them. */
#if !defined(NDEBUG) && !defined(RELVIEW_DEBUG) && !defined(SQLITE_DEBUG)
# define NDEBUG 1
#endif
#include <assert.h>

typedef sqlite3_int64 i64;

/* The oldest SQLite relview runs on: table_xinfo, sqlite3_str */
#define RV_MIN_SQLITE 3026000

/* Constants of SQLite 3.30.0 and 3.31.0, with their values, for headers
** older than that (3.26.0 to 3.30.1).  They are passed to SQLite only once
** sqlite3_libversion_number() says it knows them. */
#ifndef SQLITE_INNOCUOUS
# define SQLITE_INNOCUOUS 0x000200000
#endif
#ifndef SQLITE_DIRECTONLY
# define SQLITE_DIRECTONLY 0x000080000
#endif
#ifndef SQLITE_VTAB_INNOCUOUS
# define SQLITE_VTAB_INNOCUOUS 2
#endif

/* Columns a key may have: each join's, and the PRIMARY KEY of the row
** table.  decl.c refuses a declaration with a wider one, so write.c can
** keep keys in arrays of this size */
#define RV_MAX_KEY 64

struct RvTable;                 /* model.c */

/*
** util.c: the helpers that use nothing else of relview's.
**
** An arena: every allocation of a declaration hangs here and is freed in
** one call.  rvAlloc() returns zeroed memory or NULL.
*/
typedef struct RvArena RvArena;
struct RvArena {
  void *pFirst;                 /* Allocations, newest first */
};
void *rvAlloc(RvArena*, i64 nByte);
char *rvStrdup(RvArena*, const char *z);
char *rvStrFinish(RvArena*, sqlite3_str*);   /* Consumes the sqlite3_str */
void rvArenaFree(RvArena*);

/* Append identifier z to p, quoted only when it must be */
void rvAppendId(sqlite3_str *p, const char *z);

/* Append "schema.table" for table pTab (model.c) */
void rvAppendTable(sqlite3_str *p, const struct RvTable *pTab);

/* Replace *pzErr with a message (the old one is freed) */
void rvSetErr(char **pzErr, const char *zFmt, ...);

/* Set a virtual table's error message (none if zFmt is NULL) and return
** rc; SQLITE_NOMEM if the message cannot be made */
int rvVtabError(sqlite3_vtab*, int rc, const char *zFmt, ...);

/* Make the text of a sqlite3_str (consumed) a function's result; or free
** it and return rc if rc is not SQLITE_OK */
int rvResultStr(sqlite3_context*, sqlite3_str*, int rc);

/* True if the two values are the same value (type and content) */
int rvSameValue(sqlite3_value*, sqlite3_value*);

/*
** model.c: a base table, as table_xinfo, index_list and foreign_key_list
** describe it.
*/
typedef struct RvColumn RvColumn;
typedef struct RvKey RvKey;
typedef struct RvFkey RvFkey;
typedef struct RvTable RvTable;

struct RvColumn {
  char *zName;                  /* Name as declared */
  char *zType;                  /* Declared type, "" if none */
  char *zColl;                  /* Collation, NULL for BINARY */
  char cAff;                    /* Affinity: 'A' blob, 'B' text, 'C' numeric,
                                ** 'D' integer, 'E' real (as in SQLite) */
  unsigned char bNotNull;       /* NOT NULL */
  unsigned char bIndexed;       /* Leads an index (or is the rowid) */
  unsigned char bGenerated;     /* A generated column */
  int iPk;                      /* Position in the PRIMARY KEY, 1-based; 0 */
  double rPerKey;               /* Rows per value, if it leads an index that
                                ** ANALYZE counted (sqlite_stat1), else 0 */
};

struct RvKey {                  /* A PRIMARY KEY or UNIQUE index */
  int nCol;
  int *aiCol;                   /* Columns, as indexes into RvTable.aCol */
};

struct RvFkey {                 /* One FOREIGN KEY of the table */
  int nCol;
  int *aiFrom;                  /* Child columns in this table */
  char *zParent;                /* Parent table, same schema */
  char **azTo;                  /* Parent columns, or NULL: its PRIMARY KEY */
};

struct RvTable {
  char *zSchema;                /* Schema holding the table */
  char *zName;                  /* Name as stored in sqlite_schema */
  int nCol;
  RvColumn *aCol;
  int bRowid;                   /* Has a rowid (not WITHOUT ROWID, a view) */
  const char *zRowid;           /* "rowid", "_rowid_" or "oid", not shadowed */
  int iRowidCol;                /* The INTEGER PRIMARY KEY column, or -1 */
  int nPk;                      /* Columns in the PRIMARY KEY */
  int bPkCollation;             /* The PRIMARY KEY's index compares a
                                ** column with another collation than the
                                ** column's: it is no key (rvIsUniqueKey) */
  int nKey;
  RvKey *aKey;                  /* Unique keys; the PRIMARY KEY is first */
  int nFkey;
  RvFkey *aFkey;
  int bAutoinc;                 /* INTEGER PRIMARY KEY AUTOINCREMENT */
  double nRowEst;               /* Rows, as ANALYZE counted them, or 0 */
};

int rvTableLoad(
  sqlite3 *db, RvArena *pA,
  const char *zSchema,          /* Schema the user named, or NULL */
  const char *zPrefer,          /* Schema to try first when zSchema is NULL */
  const char *zName,
  RvTable **ppTab, char **pzErr,
  int *pbNoSchema               /* Set if the schema named is not attached */
);
int rvColumnIndex(const RvTable*, const char *zCol);   /* -1 if none */
int rvRowIdCount(const RvTable*);
void rvAppendRowId(sqlite3_str*, const RvTable*, const char *zAlias, int i);
int rvSchemaName(sqlite3*, const char *zSchema, RvArena*, const char **pzOut,
                 char **pzErr);                        /* As SQLite names it */
int rvIsUniqueKey(const RvTable*, int nCol, const int *aiCol);
char rvAffinity(const char *zType);
const char *rvAffinityName(char cAff);    /* "BLOB", "TEXT", ... */
int rvStoresAsGiven(const RvColumn*, sqlite3_value*);

/*
** decl.c: a relationship view's declaration, resolved against the schema.
*/
#define RV_ONE_TO_MANY   1
#define RV_MANY_TO_ONE   2
#define RV_MANY_TO_MANY  3

#define RV_SOURCE 0             /* Indexes into RvDecl.aSide */
#define RV_TARGET 1
#define RV_ASSOC  2

#define RV_UNLINK_SET_NULL 0    /* RvDecl.eUnlink: what DELETE does to the */
#define RV_UNLINK_DELETE   1    /* child row of a one-to-many or many-to- */
#define RV_UNLINK_REFUSE   2    /* one view */

#define RV_ROLE_DATA 0          /* RvViewCol.eRole */
#define RV_ROLE_KEY  1          /* Part of a key the join uses or a PK */
#define RV_ROLE_FKEY 2          /* Holds the other side's key */

typedef struct RvSide RvSide;
typedef struct RvJoin RvJoin;
typedef struct RvViewCol RvViewCol;
typedef struct RvDecl RvDecl;
typedef struct RvOrderTerm RvOrderTerm;

struct RvSide {
  RvTable *pTab;
  char *zAlias;                 /* Column prefix; alias in the inner SQL */
  int iFirstCol;                /* View column of its first column: all its
                                ** columns follow in order */
};

struct RvJoin {                 /* child.aiChild[i] = parent.aiParent[i] */
  int iChild, iParent;          /* RV_SOURCE, RV_TARGET or RV_ASSOC */
  int nCol;
  int *aiChild;
  int *aiParent;
};

struct RvViewCol {
  char *zName;                  /* <alias>_<column> */
  int iSide;                    /* RV_SOURCE, RV_TARGET or RV_ASSOC */
  int iCol;                     /* Column of that side's table, or
                                ** RV_COL_KEY or RV_COL_DEPTH */
  int bHidden;                  /* Repeats a key shown elsewhere */
  int eRole;                    /* RV_ROLE_* */
};

/* RvViewCol.iCol of the columns that are no base column: relview_key, the
** last column (the PRIMARY KEY of a row table that has no rowid, as one
** value; in a transitive view the two rows' keys), and a transitive
** view's depth, the one before it */
#define RV_COL_KEY   (-1)
#define RV_COL_DEPTH (-2)
struct RvOrderTerm {            /* A term of order_by= */
  int iSide;                    /* RV_SOURCE, RV_TARGET or RV_ASSOC */
  int iCol;                     /* Column of that side's table; -1: the row
                                ** table's rowid */
  int iView;                    /* View column, -1 for the rowid (unused in
                                ** backref_order_by=, whose view is not
                                ** this one) */
  int bDesc;                    /* DESC */
};

struct RvDecl {
  RvArena a;                    /* Owns everything below */
  char *zSchema;                /* Schema of the view */
  char *zName;                  /* Name of the view */
  int eKind;                    /* RV_ONE_TO_MANY ... */
  int nSide;                    /* 2, or 3 with an association table */
  RvSide aSide[3];
  int nJoin;                    /* 1, or 2 for many-to-many */
  RvJoin aJoin[2];              /* many-to-many: [0] to source, [1] target */
  int iRowSide;                 /* Side whose rows are the view's rows; its
                                ** rowid is the view's, or if it has none
                                ** the view is WITHOUT ROWID and its key is
                                ** the last column, relview_key */
  int nCol;
  RvViewCol *aCol;
  int iRowidView;               /* View column of the row table's INTEGER
                                ** PRIMARY KEY, or -1: the inner statement
                                ** reads it once, as the rowid (plan.c) */
  char *zBackref;               /* backref= name, or NULL */
  char *zBackrefArgs;           /* Arguments of the reverse view */
  char *zOptions;               /* key=value arguments, as written */
  int eUnlink;                  /* unlink=, RV_UNLINK_* */
  int bTrustKeys;               /* trust_keys=yes: every foreign key of the
                                ** row table that is not NULL names a row,
                                ** so a join whose other columns are not
                                ** read may be left out (plan.c) */
  int bTransitive;              /* transitive=yes: every ancestor and
                                ** descendant pair of a table related to
                                ** itself, and its depth (walk.c) */
  int nOrder;                   /* order_by=: the order of the rows of a */
  RvOrderTerm *aOrder;          /* query that asks none (plan.c) */
  int nBackOrder;               /* backref_order_by=: the reverse view's */
  RvOrderTerm *aBackOrder;      /* order_by=, for rvDeclSame() */
  int bPlainJoin;               /* rvJoinIsPlain() (decl.c) */
};

int rvDeclBuild(
  sqlite3 *db,
  const char *zSchema, const char *zName,     /* The view */
  int nArg, const char *const *azArg,         /* Its arguments */
  RvDecl **ppDecl, char **pzErr,
  int *pbNoSchema   /* If not NULL, set when the error is a schema of the
                    ** tables that is not attached: one ATTACH can mend, so
                    ** xConnect fails rather than keep the view unusable for
                    ** the life of the connection */
);
void rvDeclFree(RvDecl*);
int rvDeclSame(const RvDecl*, const RvDecl*);  /* The same view */
char *rvDeclSchemaSql(RvDecl*);               /* For sqlite3_declare_vtab() */
const char *rvKindName(int eKind);
int rvResultColumn(const RvDecl*, int iCol);  /* Inner statement's column */
int rvViewCol(const RvDecl*, int iSide, int iCol);  /* View column, or -1 */
char *rvJoinText(RvDecl*, int iJoin);         /* "players.team_id = teams.id" */
const char *rvJoinCompare(const RvDecl*, const RvJoin*, int i, int *pbPlus);
void rvAppendJoinOn(sqlite3_str*, RvDecl*, int iJoin, int bAlias);
int rvIsLooseKey(const RvDecl*, int iSide, int iCol);

/* The default alias of a table: its name made singular */
char *rvSingular(RvArena*, const char *zName);

/* Split the arguments of a stored CREATE VIRTUAL TABLE ... USING relview(...)
** statement.  Returns SQLITE_OK and sets *pnArg, *pazArg (one allocation,
** free with sqlite3_free) or 0 args when zSql is not a relview declaration.
*/
int rvSplitCreateSql(const char *zSql, int *pnArg, char ***pazArg);

/*
** key.c: relview_key, the exact text of a PRIMARY KEY's values.
*/
typedef struct RvKeyVal RvKeyVal;
struct RvKeyVal {               /* One value, typed */
  int eType;                    /* SQLITE_INTEGER ... SQLITE_NULL */
  i64 iVal;                     /* SQLITE_INTEGER */
  double rVal;                  /* SQLITE_FLOAT */
  const unsigned char *z;       /* SQLITE_TEXT, SQLITE_BLOB: n bytes */
  int n;
};
void rvKeyAppend(sqlite3_str*, const RvKeyVal*);
int rvKeyParse(const char *z, int n, int nVal, RvKeyVal *aVal, char **ppBuf);
int rvKeyBind(sqlite3_stmt*, int iVar, const RvKeyVal*);
int rvKeyFromColumn(sqlite3_stmt*, int iCol, RvKeyVal*);
int rvKeyAppendColumns(sqlite3_str*, sqlite3_stmt*, int iFirst, int n);
char *rvKeyColumnsText(sqlite3_stmt*, int iFirst, int n);
#define RV_KEY_INT_BUF (8*22)   /* 8 x (',', '-', 20 digits), and a NUL */
int rvKeyIntText(sqlite3_stmt*, int iFirst, int n, char *zBuf);

/* A set of key texts: open addressing, at most half full */
typedef struct RvKeySet RvKeySet;
struct RvKeySet {
  int nSlot;                    /* A power of two, or 0 */
  int nUsed;
  char **azSlot;                /* Keys (nul-terminated), or NULL */
};
void rvKeySetClear(RvKeySet*);
/* Add key z (sqlite3_malloc()ed, taken: freed if not kept); *pbNew is set
** if it was not in the set; SQLITE_NOMEM if it cannot be added */
int rvKeySetAdd(RvKeySet*, char *z, int *pbNew);

/*
** The relationship-view module: a view (RvVtab), its cursors and its
** statements.
*/
typedef struct RvConn RvConn;
typedef struct RvStmt RvStmt;
typedef struct RvWriteSql RvWriteSql;
typedef struct RvVtab RvVtab;
typedef struct RvCursor RvCursor;

struct RvStmt {                 /* A prepared inner statement */
  RvStmt *pNext;
  char *zSql;                   /* Its text: the plan's idxStr */
  sqlite3_stmt *pStmt;
  int bBusy;                    /* A cursor is using it now */
  int bWrite;                   /* INSERT, UPDATE or DELETE: see cursor.c */
  int bNoVtab;                  /* Writes, and its program (triggers and
                                ** foreign key actions too) uses no virtual
                                ** table: kept after the transaction */
  int nReprep;                  /* Its SQLITE_STMTSTATUS_REPREPARE then */
  int bNested;                  /* A relview cursor stepped inside it, or it
                                ** inside one: it may hold a view, so it is
                                ** finalized when released (cursor.c) */
};

/*
** What relview keeps per connection: the module's client data, made by
** sqlite3_relview_init() and freed by SQLite with the module.  No state is
** shared between connections.
*/
struct RvConn {
  int nWriteDepth;              /* xUpdate calls running now: a trigger on a
                                ** base table that writes to a view nests
                                ** one in another (write.c) */
  int nReadDepth;               /* Inner statements stepping now, one in
                                ** another (cursor.c) */
  unsigned nReadStep;           /* Inner statement steps so far (cursor.c) */
};

/* Levels of xUpdate one in another that rvUpdate() allows.  A level costs
** up to about 14 KiB of C stack (13.6 KiB measured for an UPDATE written
** through to a parent whose trigger updates the view again, x86-64, -O2;
** 18 KiB at -O0), so 8 levels stay near 120 KiB, well inside the 512 KiB
** of a secondary thread on a phone */
#define RV_MAX_WRITE_DEPTH 8

/* Levels of cursor steps one in another that rvNext() allows.  A view's
** inner statement reads base tables, so it steps a relview cursor only
** when a base table read a relview view (an SQL view left where a table
** was, in a connection that has used the view since): a cycle, if deep */
#define RV_MAX_READ_DEPTH 8

struct RvVtab {
  sqlite3_vtab base;
  sqlite3 *db;
  RvConn *pConn;                /* The connection's relview state */
  RvDecl *pDecl;                /* NULL when the view cannot be used */
  char *zBroken;                /* Why not, when pDecl is NULL */
  char *zName;                  /* Name of the view */
  RvStmt *pStmtList;            /* Cache of inner statements, newest first */
  int nStmt;                    /* Statements in pStmtList */
  RvWriteSql *pWriteSql;        /* write.c's statement texts, or NULL */
};

struct RvCursor {
  sqlite3_vtab_cursor base;
  RvStmt *pStmt;                /* Statement in use, or NULL */
  const char *zIdxStr;          /* Plan of pStmt, to reuse it cheaply */
  int bEof;
  int bDistinct;                /* RV_PLAN_DISTINCT: rows of one key after
                                ** the first are skipped */
  RvKeySet seen;                /* The keys of the rows so far */
};

/* idxNum of a plan whose inner statement may return a row of the view
** twice, the first time at its place (walk.c, up a chain that ends in a
** cycle): the cursor keeps the first row of each relview_key */
#define RV_PLAN_DISTINCT 1

/* stmt.c: the statement cache */
int rvStmtAcquire(RvVtab*, const char *zSql, RvStmt**);
void rvStmtRelease(RvVtab*, RvStmt*);
void rvStmtCacheFree(RvVtab*, int bWriteOnly);
int rvStmtError(RvVtab*, int rc);
int rvStmtStep(RvVtab*, RvStmt*);   /* SQLITE_ROW, SQLITE_DONE or an error */

/* plan.c */
int rvBestIndex(sqlite3_vtab*, sqlite3_index_info*);
void rvAppendFrom(sqlite3_str*, RvDecl*, int iSide, int bJoin);
                                        /* " FROM|JOIN table AS alias" */
const char *rvOpSql(int op);        /* A constraint's SQL operator, or NULL */
void rvAppendTermOp(sqlite3_str*, sqlite3_index_info*, int iCons,
                    const char *zOp, int iArg, const char *zColColl);
sqlite3_uint64 rvLikeMask(sqlite3_index_info*);
int rvIsLikeRange(sqlite3_index_info*, int iCons, sqlite3_uint64 mLike);

/* walk.c: a transitive view's xBestIndex, and its refusal of writes */
int rvWalkBestIndex(sqlite3_vtab*, sqlite3_index_info*);
int rvWalkRefuse(RvVtab*);

/* graph.c: a transitive many-to-many view's plan and cursor */
typedef struct RvGraph RvGraph;
int rvGraphBestIndex(sqlite3_vtab*, sqlite3_index_info*);
int rvGraphOpen(sqlite3_vtab*, sqlite3_vtab_cursor**);
int rvGraphClose(sqlite3_vtab_cursor*);
int rvGraphFilter(sqlite3_vtab_cursor*, int, const char*, int, sqlite3_value**);
int rvGraphNext(sqlite3_vtab_cursor*);
int rvGraphEof(sqlite3_vtab_cursor*);
int rvGraphColumn(sqlite3_vtab_cursor*, sqlite3_context*, int);

/* cursor.c */
int rvOpen(sqlite3_vtab*, sqlite3_vtab_cursor**);
int rvClose(sqlite3_vtab_cursor*);
int rvFilter(sqlite3_vtab_cursor*, int, const char*, int, sqlite3_value**);
int rvNext(sqlite3_vtab_cursor*);
int rvEof(sqlite3_vtab_cursor*);
int rvColumn(sqlite3_vtab_cursor*, sqlite3_context*, int);
int rvRowid(sqlite3_vtab_cursor*, sqlite_int64*);

/* write.c */
int rvUpdate(sqlite3_vtab*, int argc, sqlite3_value **argv, sqlite_int64*);
void rvWriteSqlFree(RvWriteSql*);

/* automap.c: the rows of pragma_relview_automap, in the caller's arena.
** *paRow has one more row, all NULL but zSchema: the schema as SQLite
** names it */
typedef struct RvMapRow RvMapRow;
struct RvMapRow {
  const char *zSchema, *zName, *zBackref, *zKind, *zSource, *zTarget;
  const char *zSecondary;       /* NULL but for many-to-many */
  const char *zReason;
  const char *zSql;             /* NULL: not declared, zReason says why */
};
int rvAutomapList(sqlite3*, const char *zSchema, RvArena*, int *pnRow,
                  RvMapRow **paRow, char **pzErr);
void rvAutomapFunc(sqlite3_context*, int, sqlite3_value**);

/* doctor.c: the rows of pragma_relview_doctor, in the caller's arena,
** most severe first.  *paRow has one more row, all NULL but zObject: the
** schema as SQLite names it */
typedef struct RvDocRow RvDocRow;
struct RvDocRow {
  const char *zSeverity;        /* "error" or "warning" */
  const char *zObject;          /* The table or view */
  const char *zProblem;         /* A fixed phrase per kind of problem */
  const char *zDetail;
  const char *zFix;             /* SQL, or a declaration argument; NULL */
};
int rvDoctorList(sqlite3*, const char *zSchema, RvArena*, int *pnRow,
                 RvDocRow **paRow, char **pzErr);

/* pragma.c */
int rvRegisterPragmas(sqlite3 *db);

#endif /* RELVIEW_INT_H */
