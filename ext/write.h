/*
** write.h: what the write side shares between write.c (xUpdate: link,
** unlink, relink, write through) and store.c (the SQL those run on the
** base tables, and its undo log).
*/
#ifndef RELVIEW_WRITE_H
#define RELVIEW_WRITE_H
#include "relviewInt.h"

/* Columns a key may have (decl.c refuses wider keys: every join and the
** row table's PRIMARY KEY have at most RV_MAXVAL columns, which the
** assert()s below restate where arrays hold them); twice and three times
** that bound the columns of one INSERT and one UPDATE, which are counted
** where they are gathered ("too many columns to write") */
#define RV_MAXVAL RV_MAX_KEY

/* A value to bind: pVal if not NULL, else an integer (a rowid) */
typedef struct RvArg RvArg;
struct RvArg {
  sqlite3_value *pVal;
  i64 iVal;
};

/* How to undo one write: a statement and its arguments (owned copies) */
typedef struct RvUndo RvUndo;
struct RvUndo {
  RvUndo *pNext;                /* The write before this one */
  char *zSql;
  int nArg;
  RvArg aArg[1];                /* nArg of them */
};

/* The texts of the statements that writes run most, made once per view
** (the statements themselves are in the view's cache, stmt.c) */
typedef struct RvInsMemo RvInsMemo;
struct RvInsMemo {              /* The last INSERT into one side */
  char *zSql;                   /* Its text */
  sqlite3_uint64 mCol;          /* The columns it writes */
  int bReplace;                 /* INSERT OR REPLACE */
};
struct RvWriteSql {
  char *zLinkCheck;             /* Are both rows of a link there (and, with
                                ** no unique key on the pair, is it not
                                ** linked yet)? */
  RvInsMemo aInsMemo[3];        /* By side */
  char *zDeleteSql;             /* DELETE of a row by its key */
  char *zRelinkSql;             /* The one-statement relink */
};

/* One xUpdate call */
typedef struct RvWrite RvWrite;
struct RvWrite {
  RvVtab *p;
  RvDecl *pD;
  RvWriteSql *pSql;             /* p->pWriteSql */
  sqlite3_value **aNew;         /* New value of each view column (argv+2) */
  int bReplace;                 /* OR REPLACE */
  RvUndo *pUndo;                /* Writes made, newest first */
  int nOwn, nOwnAlloc;          /* Values this call made (keys read back) */
  sqlite3_value **apOwn;
  int rcInner;                  /* Extended code of the last statement that
                                ** failed (SQLITE_CONSTRAINT_UNIQUE...) */
};

/* store.c: running statements, the undo log */
int rvRunSql(RvWrite*, const char *zSql, int nArg, const RvArg *aArg,
             RvStmt **ppRow);
int rvRun(RvWrite*, sqlite3_str *pStr, int nArg, const RvArg *aArg,
          RvStmt **ppRow);                  /* Consumes pStr */
int rvPushUndo(RvWrite*, const char *zSql, int nArg, const RvArg *aArg);
int rvUndoAll(RvWrite*, int rc);
sqlite3_value *rvOwn(RvWrite*, sqlite3_value *pVal);
void rvWriteEnd(RvWrite*);
int rvUpdateCols(
  RvWrite*, RvTable *pTab, int nCol, const int *aiCol, sqlite3_value **apNew,
  const char *zWhere, int nWhere, const RvArg *aWhere,
  const char *zUndoWhere, int nUndoWhere, const RvArg *aUndo, int bUndo
);
int rvJournalSchemas(RvWrite*);

/* store.c: the text of statements and their parts */
void rvAppendInsert(sqlite3_str*, RvTable*, int bReplace, int nCol,
                    const int *aiCol);
void rvAppendUpdate(sqlite3_str*, RvTable*, int bReplace, int nCol,
                    const int *aiCol, int iFirst);
void rvAppendMatch(sqlite3_str*, RvTable*, int nCol, const int *aiCol,
                   int iFirst);
char *rvMatchText(RvTable*, int nCol, const int *aiCol);
void rvAppendRowWhere(sqlite3_str*, RvDecl*, int iFirst);
char *rvRowWhereText(RvDecl*);
int rvRowWhereArgs(RvDecl*);
void rvAppendExists(sqlite3_str*, RvDecl*, RvJoin*, int iFirst);
void rvAppendSame(sqlite3_str*, RvTable*, int nCol, const int *aiCol,
                  int iFirst);
void rvAppendNotLinked(sqlite3_str*, RvTable*, int nCol, const int *aiCol,
                       int iFirst);
int rvPairCols(RvDecl*, int *aiFk);
void rvAppendPairRow(sqlite3_str*, RvDecl*, const char *zWhat);
char *rvPairWhereText(RvDecl*);

#endif /* RELVIEW_WRITE_H */
