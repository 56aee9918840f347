/*
** key.c: relview_key, the identity of a view row whose row table has no
** rowid (a WITHOUT ROWID table): that row's PRIMARY KEY values, each as a
** literal, joined by commas.  It is an exact codec: every value SQLite
** can store has exactly one text, and the text gives back the value bit
** for bit.
**
**   INTEGER   decimal, canonical: -9223372036854775808 ... 0 ... 42
**   REAL      an integral value below 2^53 in magnitude as "<n>.0"
**             ("2.0", "-0.0"); a value that is exactly a short decimal
**             (n/2^k, k<=19: "1.5", "0.25") as that decimal; infinities
**             as 1e999 and -1e999; any other as the hexadecimal form of
**             its IEEE-754 bits, "[-]0x1.<13 hex digits>p<exponent>"
**             (subnormals "0x0."), since no decimal of 17 digits reads
**             back the same on every platform
**   TEXT      'text' with '' for a quote; a text that holds a NUL byte
**             as CAST(X'<hex>' AS TEXT)
**   BLOB      X'<hex>' (upper case), X'' when empty
**   NULL      NULL
**
** cursor.c writes it (rvKeyColumn), write.c reads it back (rvKeyParse).
** A text that is not the canonical text of some key is refused, so that
** two texts never name one row.
*/
#include "relviewInt.h"
#include <string.h>
#include <math.h>

/* Bits of a double, and back, without aliasing */
static sqlite3_uint64 rvDoubleBits(double r){
  sqlite3_uint64 u;
  memcpy(&u, &r, sizeof(u));
  return u;
}
static double rvBitsDouble(sqlite3_uint64 u){
  double r;
  memcpy(&r, &u, sizeof(r));
  return r;
}

/* Append the hexadecimal digits of the n bytes at a */
static void rvAppendHex(sqlite3_str *pStr, const unsigned char *a, int n){
  static const char azHex[] = "0123456789ABCDEF";
  char zBuf[64];
  int i, j = 0;
  for(i=0; i<n; i++){
    zBuf[j++] = azHex[a[i]>>4];
    zBuf[j++] = azHex[a[i]&0xf];
    if( j==(int)sizeof(zBuf) ){
      sqlite3_str_append(pStr, zBuf, j);
      j = 0;
    }
  }
  if( j ) sqlite3_str_append(pStr, zBuf, j);
}

/* 5^k, for k<=27 */
static sqlite3_uint64 rvPow5(int k){
  sqlite3_uint64 u = 1;
  while( k-- > 0 ) u *= 5;
  return u;
}

/*
** If |r| is n/2^k for the least k in 1..19, with n < 2^53 and n*5^k
** (the digits of the exact decimal) < 2^64: set *pu to n*5^k and return
** k, the number of digits after the decimal point.  Else 0.
*/
static int rvDyadic(double r, sqlite3_uint64 *pu){
  int k;
  r = fabs(r);
  if( r>=9007199254740992.0 ) return 0;
  for(k=1; k<=19; k++){
    double t = ldexp(r, k);
    if( t>=9007199254740992.0 ) return 0;
    if( t==floor(t) ){
      sqlite3_uint64 n = (sqlite3_uint64)t;
      sqlite3_uint64 p5 = rvPow5(k);
      if( n > ~(sqlite3_uint64)0 / p5 ) return 0;
      *pu = n*p5;
      return k;
    }
  }
  return 0;
}

/* Append one value as its literal */
void rvKeyAppend(sqlite3_str *pStr, const RvKeyVal *pV){
  assert( pV->eType>=SQLITE_INTEGER && pV->eType<=SQLITE_NULL );
  assert( pV->n>=0 && (pV->n==0 || pV->z!=0) );
  switch( pV->eType ){
    case SQLITE_INTEGER:
      sqlite3_str_appendf(pStr, "%lld", pV->iVal);
      break;
    case SQLITE_FLOAT: {
      double r = pV->rVal;
      sqlite3_uint64 u = rvDoubleBits(r);
      int bNeg = (int)(u>>63);
      int e = (int)((u>>52) & 0x7ff);
      sqlite3_uint64 m = u & (((sqlite3_uint64)1<<52)-1);
      sqlite3_uint64 uDec = 0;
      int k;
      if( e==0x7ff ){
        /* Infinity (SQLite stores no NaN: it becomes NULL) */
        sqlite3_str_appendall(pStr, bNeg ? "-1e999" : "1e999");
      }else if( r==0.0 || (fabs(r)<9007199254740992.0 && r==(double)(i64)r) ){
        sqlite3_str_appendf(pStr, "%s%lld.0", bNeg ? "-" : "",
                            (i64)fabs(r));
      }else if( (k = rvDyadic(r, &uDec))>0 ){
        sqlite3_uint64 p10 = 1;
        int j;
        for(j=0; j<k; j++) p10 *= 10;
        sqlite3_str_appendf(pStr, "%s%llu.%0*llu", bNeg ? "-" : "",
                            uDec/p10, k, uDec%p10);
      }else{
        sqlite3_str_appendf(pStr, "%s0x%d.%013llxp%d", bNeg ? "-" : "",
                            e ? 1 : 0, m, e ? e-1023 : -1022);
      }
      break;
    }
    case SQLITE_TEXT: {
      if( pV->n>0 && memchr(pV->z, 0, pV->n) ){
        sqlite3_str_appendall(pStr, "CAST(X'");
        rvAppendHex(pStr, pV->z, pV->n);
        sqlite3_str_appendall(pStr, "' AS TEXT)");
      }else{
        int i, iStart = 0;
        sqlite3_str_appendchar(pStr, 1, '\'');
        for(i=0; i<pV->n; i++){
          if( pV->z[i]=='\'' ){
            sqlite3_str_append(pStr, (const char*)&pV->z[iStart], i+1-iStart);
            iStart = i;
          }
        }
        sqlite3_str_append(pStr, (const char*)&pV->z[iStart], pV->n-iStart);
        sqlite3_str_appendchar(pStr, 1, '\'');
      }
      break;
    }
    case SQLITE_BLOB:
      sqlite3_str_appendall(pStr, "X'");
      rvAppendHex(pStr, pV->z, pV->n);
      sqlite3_str_appendchar(pStr, 1, '\'');
      break;
    default:
      sqlite3_str_appendall(pStr, "NULL");
      break;
  }
}

/* The value of hex digit c, or -1 (upper case only: the canonical form) */
static int rvHexDigit(char c){
  if( c>='0' && c<='9' ) return c-'0';
  if( c>='A' && c<='F' ) return c-'A'+10;
  return -1;
}

/* Parse "X'<hex>'" at z[0..n): the bytes go to zOut (n/2 bytes at
** least).  Returns the length of the literal, or 0 */
static int rvParseHex(const char *z, int n, unsigned char *zOut, int *pnOut){
  int i, nOut = 0;
  if( n<3 || z[0]!='X' || z[1]!='\'' ) return 0;
  for(i=2; i+1<n && z[i]!='\''; i+=2){
    int h = rvHexDigit(z[i]), l = rvHexDigit(z[i+1]);
    if( h<0 || l<0 ) return 0;
    zOut[nOut++] = (unsigned char)(h*16 + l);
  }
  if( i>=n || z[i]!='\'' ) return 0;
  *pnOut = nOut;
  return i+1;
}

/*
** Parse "[-]0x<0|1>.<13 hex digits>p<exponent>" at z[0..n), a real's
** bits (rvKeyAppend()), into *pV.  Returns its length, or 0.
*/
static int rvParseHexReal(const char *z, int n, RvKeyVal *pV){
  int i = z[0]=='-';
  sqlite3_uint64 m = 0;
  int j, e = 0, bNegE = 0, nE = 0, bOne;
  assert( i+2<n && z[i]=='0' && z[i+1]=='x' );     /* rvParseOne() saw it */
  if( i+5+13>n || (z[i+2]!='0' && z[i+2]!='1') || z[i+3]!='.' ) return 0;
  bOne = z[i+2]=='1';
  for(j=i+4; j<i+4+13; j++){
    int d = (z[j]>='a' && z[j]<='f') ? z[j]-'a'+10
          : (z[j]>='0' && z[j]<='9') ? z[j]-'0' : -1;
    if( d<0 ) return 0;
    m = (m<<4) | (sqlite3_uint64)d;
  }
  if( j>=n || z[j]!='p' ) return 0;
  j++;
  if( j<n && z[j]=='-' ){ bNegE = 1; j++; }
  while( j<n && z[j]>='0' && z[j]<='9' && nE<5 ){
    e = e*10 + (z[j]-'0');
    j++;
    nE++;
  }
  if( nE==0 ) return 0;
  if( bNegE ) e = -e;
  if( bOne ){
    if( e<-1022 || e>1023 ) return 0;
    e += 1023;
  }else{
    if( e!=-1022 ) return 0;
    e = 0;
  }
  pV->eType = SQLITE_FLOAT;
  pV->rVal = rvBitsDouble(((sqlite3_uint64)(i ? 1 : 0)<<63)
                          | ((sqlite3_uint64)e<<52) | m);
  return j;
}

/*
** Parse one literal at z[0..n) into *pV.  Text and blob bytes are written
** to zBuf (which has room for n bytes) and pV->z points there.  Returns
** the literal's length, or 0 if there is none.  Any spelling is read
** here; rvKeyParse() then accepts only the canonical one.
*/
static int rvParseOne(const char *z, int n, RvKeyVal *pV, unsigned char *zBuf){
  int i;
  assert( n>0 );          /* zBuf has room for n bytes: a literal's value
                          ** is never longer than its text */
  memset(pV, 0, sizeof(*pV));
  if( n>=4 && memcmp(z, "NULL", 4)==0 ){
    pV->eType = SQLITE_NULL;
    return 4;
  }
  if( z[0]=='\'' ){
    int nOut = 0;
    for(i=1; i<n; i++){
      if( z[i]=='\'' ){
        if( i+1<n && z[i+1]=='\'' ){ i++; }else{ break; }
      }
      zBuf[nOut++] = (unsigned char)z[i];
    }
    if( i>=n ) return 0;
    pV->eType = SQLITE_TEXT;
    pV->z = zBuf;
    pV->n = nOut;
    return i+1;
  }
  if( z[0]=='X' ){
    int nLit = rvParseHex(z, n, zBuf, &pV->n);
    pV->eType = SQLITE_BLOB;
    pV->z = zBuf;
    return nLit;
  }
  if( n>=5 && memcmp(z, "CAST(", 5)==0 ){
    int nLit = rvParseHex(z+5, n-5, zBuf, &pV->n);
    if( nLit==0 || n-5-nLit<9 || memcmp(z+5+nLit, " AS TEXT)", 9)!=0 ){
      return 0;
    }
    pV->eType = SQLITE_TEXT;
    pV->z = zBuf;
    return 5+nLit+9;
  }
  i = z[0]=='-';
  if( i+2<n && z[i]=='0' && z[i+1]=='x' ) return rvParseHexReal(z, n, pV);
  if( n-i>=5 && memcmp(&z[i], "1e999", 5)==0 ){
    pV->eType = SQLITE_FLOAT;
    pV->rVal = i ? -HUGE_VAL : HUGE_VAL;
    return i+5;
  }
  {
    /* Decimal digits: an integer, or with ".0" an integral real */
    sqlite3_uint64 u = 0;
    int nDigit = 0;
    for(; i<n && z[i]>='0' && z[i]<='9'; i++){
      if( u>((sqlite3_uint64)1<<63)/10 ) return 0;
      u = u*10 + (sqlite3_uint64)(z[i]-'0');
      if( u>((sqlite3_uint64)1<<63) ) return 0;
      nDigit++;
    }
    if( nDigit==0 ) return 0;
    if( i+1<n && z[i]=='.' && z[i+1]>='0' && z[i+1]<='9' ){
      /* <n>.<k digits>: n*10^k + digits is the exact n'*5^k of a real
      ** n'/2^k (rvDyadic), or k==1 and the digit is 0: integral */
      int k = 0;
      for(i++; i<n && z[i]>='0' && z[i]<='9'; i++){
        if( k++>=19 || u>(~(sqlite3_uint64)0 - 9)/10 ) return 0;
        u = u*10 + (sqlite3_uint64)(z[i]-'0');
      }
      if( k>1 || z[i-1]!='0' ){
        sqlite3_uint64 p5 = rvPow5(k);
        if( u%p5 ) return 0;
        u /= p5;
      }else{
        u /= 10;                                /* "<n>.0" */
        k = 0;
      }
      if( u>=((sqlite3_uint64)1<<53) ) return 0;
      pV->eType = SQLITE_FLOAT;
      pV->rVal = ldexp((double)u, -k);
      if( z[0]=='-' ) pV->rVal = -pV->rVal;
      return i;
    }
    if( z[0]=='-' ){
      pV->eType = SQLITE_INTEGER;
      pV->iVal = (i64)(0-u);
    }else{
      if( u>>63 ) return 0;
      pV->eType = SQLITE_INTEGER;
      pV->iVal = (i64)u;
    }
    return i;
  }
}

/*
** The usual key: nVal integers, each in its canonical text ("0", or an
** optional "-" and digits that do not begin with 0, within 64 bits),
** separated by commas.  True if z (n bytes) is exactly that, with the
** values in aVal[]; else false, and the general parser decides.
*/
static int rvKeyParseInts(const char *z, int n, int nVal, RvKeyVal *aVal){
  int i, iOff = 0;
  for(i=0; i<nVal; i++){
    sqlite3_uint64 u = 0;
    int bNeg = 0, nDigit = 0;
    if( iOff<n && z[iOff]=='-' ){
      bNeg = 1;
      iOff++;
    }
    while( iOff<n && z[iOff]>='0' && z[iOff]<='9' ){
      if( nDigit==19 ) return 0;                /* Too long for 64 bits */
      u = u*10 + (sqlite3_uint64)(z[iOff]-'0');
      nDigit++;
      iOff++;
    }
    if( nDigit==0 ) return 0;
    if( z[iOff-nDigit]=='0' && (nDigit>1 || bNeg) ) return 0;  /* "01" "-0" */
    if( u>(((sqlite3_uint64)1)<<63) - 1 + (sqlite3_uint64)bNeg ) return 0;
    aVal[i].eType = SQLITE_INTEGER;
    /* u-1 fits a negative value's magnitude too, -2^63 included */
    aVal[i].iVal = bNeg ? -(i64)(u-1) - 1 : (i64)u;
    if( i<nVal-1 ){
      if( iOff>=n || z[iOff]!=',' ) return 0;
      iOff++;
    }
  }
  return iOff==n;
}

/*
** Parse relview_key text z (n bytes) into nVal values aVal[].  Text and
** blob values point into *ppBuf, which the caller frees with
** sqlite3_free() (also on error).  Returns SQLITE_OK, SQLITE_NOMEM, or
** SQLITE_ERROR if z is not the canonical key text of nVal values.
*/
int rvKeyParse(const char *z, int n, int nVal, RvKeyVal *aVal, char **ppBuf){
  unsigned char *zBuf;
  sqlite3_str *pStr;
  char *zCanon;
  int i, iOff = 0, rc = SQLITE_OK;
  assert( nVal>0 && nVal<=RV_MAX_KEY );   /* aVal has room: the row table's
                                          ** PRIMARY KEY (decl.c) */
  assert( z!=0 && n>=0 );
  *ppBuf = 0;
  if( rvKeyParseInts(z, n, nVal, aVal) ) return SQLITE_OK;
  zBuf = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if( zBuf==0 ) return SQLITE_NOMEM;
  *ppBuf = (char*)zBuf;
  for(i=0; i<nVal; i++){
    int nLit = iOff<n ? rvParseOne(&z[iOff], n-iOff, &aVal[i], &zBuf[iOff]) : 0;
    if( nLit==0 ) return SQLITE_ERROR;
    iOff += nLit;
    if( i<nVal-1 ){
      if( iOff>=n || z[iOff]!=',' ) return SQLITE_ERROR;
      iOff++;
    }
  }
  if( iOff!=n ) return SQLITE_ERROR;

  /* Only the canonical text of those values is their key */
  pStr = sqlite3_str_new(0);
  for(i=0; i<nVal; i++){
    if( i ) sqlite3_str_appendchar(pStr, 1, ',');
    rvKeyAppend(pStr, &aVal[i]);
  }
  if( sqlite3_str_errcode(pStr) ) rc = SQLITE_NOMEM;
  if( rc==SQLITE_OK && (sqlite3_str_length(pStr)!=n
      || memcmp(sqlite3_str_value(pStr), z, n)!=0) ){
    rc = SQLITE_ERROR;
  }
  zCanon = sqlite3_str_finish(pStr);
  sqlite3_free(zCanon);
  return rc;
}

/* Bind value pV to parameter iVar of pStmt */
int rvKeyBind(sqlite3_stmt *pStmt, int iVar, const RvKeyVal *pV){
  switch( pV->eType ){
    case SQLITE_INTEGER: return sqlite3_bind_int64(pStmt, iVar, pV->iVal);
    case SQLITE_FLOAT:   return sqlite3_bind_double(pStmt, iVar, pV->rVal);
    case SQLITE_TEXT:
      return sqlite3_bind_text(pStmt, iVar, (const char*)pV->z, pV->n,
                               SQLITE_TRANSIENT);
    case SQLITE_BLOB:
      return sqlite3_bind_blob(pStmt, iVar, pV->z, pV->n, SQLITE_TRANSIENT);
    default:
      return sqlite3_bind_null(pStmt, iVar);
  }
}

/* Value pV as column iCol of pStmt: text and blob point into pStmt */
int rvKeyFromColumn(sqlite3_stmt *pStmt, int iCol, RvKeyVal *pV){
  memset(pV, 0, sizeof(*pV));
  pV->eType = sqlite3_column_type(pStmt, iCol);
  switch( pV->eType ){
    case SQLITE_INTEGER:
      pV->iVal = sqlite3_column_int64(pStmt, iCol);
      break;
    case SQLITE_FLOAT:
      pV->rVal = sqlite3_column_double(pStmt, iCol);
      break;
    case SQLITE_TEXT:
      pV->z = sqlite3_column_text(pStmt, iCol);
      pV->n = sqlite3_column_bytes(pStmt, iCol);
      if( pV->z==0 ) return SQLITE_NOMEM;
      break;
    case SQLITE_BLOB:
      pV->z = sqlite3_column_blob(pStmt, iCol);
      pV->n = sqlite3_column_bytes(pStmt, iCol);
      if( pV->z==0 && pV->n>0 ) return SQLITE_NOMEM;
      break;
  }
  return SQLITE_OK;
}

/* Append the values of result columns iFirst..iFirst+n-1 of pStmt as a
** key's text, separated by commas.  SQLITE_NOMEM if one cannot be read
** or the text cannot grow. */
int rvKeyAppendColumns(sqlite3_str *pStr, sqlite3_stmt *pStmt, int iFirst,
                       int n){
  int i, rc = SQLITE_OK;
  for(i=0; i<n && rc==SQLITE_OK; i++){
    RvKeyVal v;
    if( i ) sqlite3_str_appendchar(pStr, 1, ',');
    rc = rvKeyFromColumn(pStmt, iFirst+i, &v);
    if( rc==SQLITE_OK ) rvKeyAppend(pStr, &v);
  }
  if( rc==SQLITE_OK && sqlite3_str_errcode(pStr) ) rc = SQLITE_NOMEM;
  return rc;
}

/* A set of keys (graph.c, cursor.c): open addressing, at most half full */
static unsigned rvKeyHash(const char *z){
  unsigned h = 0;
  while( *z ) h = (h ^ (unsigned char)*z++) * 16777619u;
  return h;
}

void rvKeySetClear(RvKeySet *p){
  int i;
  for(i=0; i<p->nSlot; i++) sqlite3_free(p->azSlot[i]);
  sqlite3_free(p->azSlot);
  memset(p, 0, sizeof(*p));
}

/* Add key z (taken: freed here if not kept).  *pbNew is set if it was
** not in the set.  SQLITE_NOMEM if it cannot be added. */
int rvKeySetAdd(RvKeySet *p, char *z, int *pbNew){
  unsigned h;
  *pbNew = 0;
  if( (p->nUsed+1)*2>p->nSlot ){
    int nNew = p->nSlot ? p->nSlot*2 : 64;
    char **azNew = sqlite3_malloc64(sizeof(char*)*(i64)nNew);
    int i;
    if( azNew==0 ){ sqlite3_free(z); return SQLITE_NOMEM; }
    memset(azNew, 0, sizeof(char*)*(size_t)nNew);
    for(i=0; i<p->nSlot; i++){
      if( p->azSlot[i] ){
        h = rvKeyHash(p->azSlot[i]) & (unsigned)(nNew-1);
        while( azNew[h] ) h = (h+1) & (unsigned)(nNew-1);
        azNew[h] = p->azSlot[i];
      }
    }
    sqlite3_free(p->azSlot);
    p->azSlot = azNew;
    p->nSlot = nNew;
  }
  h = rvKeyHash(z) & (unsigned)(p->nSlot-1);
  while( p->azSlot[h] ){
    if( strcmp(p->azSlot[h], z)==0 ){ sqlite3_free(z); return SQLITE_OK; }
    h = (h+1) & (unsigned)(p->nSlot-1);
  }
  p->azSlot[h] = z;
  p->nUsed++;
  *pbNew = 1;
  return SQLITE_OK;
}


/*
** The key text of result columns iFirst..iFirst+n-1 of pStmt when they
** are all integers and n<=8, the usual key, written into zBuf (room for
** RV_KEY_INT_BUF bytes) without allocating: the text rvKeyAppend()
** writes.  Returns its length, or -1 if the key is not such.
*/
int rvKeyIntText(sqlite3_stmt *pStmt, int iFirst, int n, char *zBuf){
  int i, m = 0;
  if( n>8 ) return -1;
  for(i=0; i<n; i++){
    sqlite3_value *pV = sqlite3_column_value(pStmt, iFirst+i);
    sqlite3_uint64 u;
    char aDigit[20];
    int k = 0;
    if( sqlite3_value_type(pV)!=SQLITE_INTEGER ) return -1;
    u = (sqlite3_uint64)sqlite3_value_int64(pV);
    if( i ) zBuf[m++] = ',';
    if( u>>63 ){ zBuf[m++] = '-'; u = 0-u; }
    do{ aDigit[k++] = (char)('0' + u%10); u /= 10; }while( u );
    while( k ) zBuf[m++] = aDigit[--k];
    assert( m<RV_KEY_INT_BUF );
  }
  zBuf[m] = 0;
  return m;
}

/* The key text of result columns iFirst..iFirst+n-1 of pStmt (NULL: out
** of memory), sqlite3_malloc()ed */
char *rvKeyColumnsText(sqlite3_stmt *pStmt, int iFirst, int n){
  sqlite3_str *pStr;
  char zBuf[RV_KEY_INT_BUF];
  int m = rvKeyIntText(pStmt, iFirst, n, zBuf);
  if( m>=0 ){
    char *z = sqlite3_malloc(m+1);
    if( z ) memcpy(z, zBuf, (size_t)m+1);
    return z;
  }
  pStr = sqlite3_str_new(0);
  if( rvKeyAppendColumns(pStr, pStmt, iFirst, n)!=SQLITE_OK ){
    sqlite3_free(sqlite3_str_finish(pStr));
    return 0;
  }
  return sqlite3_str_finish(pStr);
}
