/*
** util.c: the helpers every other file uses and that use nothing of
** relview's: the arena, strings, quoted identifiers and error messages;
** and the loadable library's sqlite3_api pointer.
*/
#include "relviewInt.h"
#include <string.h>
#include <stdarg.h>

#ifndef SQLITE_CORE
/* The loadable library's pointer to SQLite's functions, set by
** sqlite3_relview_init() (relview.c); the other files declare it with
** SQLITE_EXTENSION_INIT3 (relviewInt.h) */
SQLITE_EXTENSION_INIT1
#endif

/* Every arena allocation is preceded by this link to the previous one */
typedef union RvAlloc RvAlloc;
union RvAlloc {
  RvAlloc *pPrev;
  double dAlign;
  i64 iAlign;
};

void *rvAlloc(RvArena *pA, i64 nByte){
  assert( nByte>=0 );
  RvAlloc *p = sqlite3_malloc64(sizeof(RvAlloc) + (nByte>0 ? nByte : 1));
  if( p==0 ) return 0;
  memset(p, 0, sizeof(RvAlloc) + (nByte>0 ? nByte : 1));
  p->pPrev = pA->pFirst;
  pA->pFirst = p;
  return (void*)&p[1];
}

char *rvStrdup(RvArena *pA, const char *z){
  i64 n;
  char *zNew;
  if( z==0 ) return 0;
  n = (i64)strlen(z);
  zNew = rvAlloc(pA, n+1);
  if( zNew ) memcpy(zNew, z, n+1);
  return zNew;
}

char *rvStrFinish(RvArena *pA, sqlite3_str *pStr){
  char *z, *zCopy;
  if( sqlite3_str_errcode(pStr) ){
    sqlite3_free(sqlite3_str_finish(pStr));
    return 0;
  }
  z = sqlite3_str_finish(pStr);
  if( z==0 ) return rvAlloc(pA, 1);   /* An empty string */
  zCopy = rvStrdup(pA, z);
  sqlite3_free(z);
  return zCopy;
}

void rvArenaFree(RvArena *pA){
  RvAlloc *p = pA->pFirst;
  while( p ){
    RvAlloc *pPrev = p->pPrev;
    sqlite3_free(p);
    p = pPrev;
  }
  pA->pFirst = 0;
}

void rvAppendId(sqlite3_str *pStr, const char *z){
  int i;
  assert( z!=0 );
  int bPlain = (z[0]<'0' || z[0]>'9');
  for(i=0; z[i] && bPlain; i++){
    char c = z[i];
    bPlain = (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
          || c=='_';
  }
  if( bPlain && i>0 && !sqlite3_keyword_check(z, i) ){
    sqlite3_str_appendall(pStr, z);
  }else{
    sqlite3_str_appendf(pStr, "\"%w\"", z);
  }
}

void rvSetErr(char **pzErr, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  sqlite3_free(*pzErr);
  *pzErr = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
}

/* True if the two values are the same value (type and content) */
int rvSameValue(sqlite3_value *a, sqlite3_value *b){
  int t = sqlite3_value_type(a);
  if( t!=sqlite3_value_type(b) ) return 0;
  switch( t ){
    case SQLITE_NULL:    return 1;
    case SQLITE_INTEGER: return sqlite3_value_int64(a)==sqlite3_value_int64(b);
    case SQLITE_FLOAT:   return sqlite3_value_double(a)==sqlite3_value_double(b);
    default: {
      int n = sqlite3_value_bytes(a);
      const void *pA = t==SQLITE_TEXT ? (const void*)sqlite3_value_text(a)
                                      : sqlite3_value_blob(a);
      const void *pB = t==SQLITE_TEXT ? (const void*)sqlite3_value_text(b)
                                      : sqlite3_value_blob(b);
      return n==sqlite3_value_bytes(b) && (n==0 || memcmp(pA, pB, n)==0);
    }
  }
}

/* Append "schema.table", each quoted where it must be */
void rvAppendTable(sqlite3_str *pStr, const RvTable *pTab){
  rvAppendId(pStr, pTab->zSchema);
  sqlite3_str_appendall(pStr, ".");
  rvAppendId(pStr, pTab->zName);
}

int rvVtabError(sqlite3_vtab *pVtab, int rc, const char *zFmt, ...){
  va_list ap;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = 0;
  if( zFmt==0 ) return rc;
  va_start(ap, zFmt);
  pVtab->zErrMsg = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  /* No message (out of memory): the error is that, not rc's bare text */
  return pVtab->zErrMsg ? rc : SQLITE_NOMEM;
}


/* Make the text of pStr (consumed) the result of ctx, with its length (a
** text value may hold a NUL byte); if rc is not SQLITE_OK, or the text
** could not be made, free it and return the error */
int rvResultStr(sqlite3_context *ctx, sqlite3_str *pStr, int rc){
  int n;
  if( rc==SQLITE_OK && sqlite3_str_errcode(pStr) ) rc = SQLITE_NOMEM;
  if( rc!=SQLITE_OK ){
    sqlite3_free(sqlite3_str_finish(pStr));
    return rc;
  }
  n = sqlite3_str_length(pStr);
  sqlite3_result_text(ctx, sqlite3_str_finish(pStr), n, sqlite3_free);
  return SQLITE_OK;
}
