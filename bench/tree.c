/*
 * bench/tree.c: the hierarchy workloads of make bench, a transitive view
 * against the hand-written recursive query in the same run.
 *
 *   tree gen -d DB -x EXT -s SCALE     staff: 1,000,000 rows at scale 1, a
 *                                      random tree (each row's manager an
 *                                      earlier row), and the view
 *   tree run -d DB -x EXT -s SCALE -r REPS
 *                                      each workload, each way, REPS times:
 *                                      "workload way rep seconds ops rows
 *                                      checksum" lines
 *   tree one -d DB -x EXT -s SCALE -w t1|t2 -y relview|native
 *                                      one batch twice, the second in
 *                                      measured_batch() (for callgrind)
 *
 *   t1  descendants of one row (rows whose subtree has about 100 to 1,000
 *       rows): id, name and depth of each
 *   t2  ancestors of one row: id, name and depth of each
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_NAME "tree"
#include "util.h"
#include <string.h>
#include <unistd.h>

#define TREE_VERSION 1

static const char *const SQL[2][2] = {
  { "SELECT report_id, report_name, depth FROM staff_tree"
    " WHERE manager_id = ?1",
    "WITH RECURSIVE d(id, depth) AS ("
    " SELECT id, 1 FROM staff WHERE manager_id = ?1"
    " UNION ALL SELECT s.id, d.depth+1 FROM staff s"
    " JOIN d ON s.manager_id = d.id)"
    " SELECT s.id, s.name, d.depth FROM d JOIN staff s ON s.id = d.id" },
  { "SELECT manager_id, manager_name, depth FROM staff_tree"
    " WHERE report_id = ?1",
    "WITH RECURSIVE a(id, depth) AS ("
    " SELECT manager_id, 1 FROM staff WHERE id = ?1"
    " UNION ALL SELECT s.manager_id, a.depth+1 FROM a"
    " JOIN staff s ON s.id = a.id)"
    " SELECT s.id, s.name, a.depth FROM a JOIN staff s ON s.id = a.id" },
};
static const char *const WNAME[2] = { "t1", "t2" };
static const char *const WAY[2] = { "relview", "native" };

static sqlite3 *open_db(const char *path, const char *ext)
{
  sqlite3 *db;
  char *err = 0;
  if (sqlite3_open(path, &db) != SQLITE_OK) die("cannot open %s", path);
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, ext, 0, &err) != SQLITE_OK)
    die("cannot load %s: %s", ext, err ? err : "?");
  exec(db, "PRAGMA cache_size = -1048576");
  return db;
}

static int64_t rows_of(double scale)
{
  int64_t n = (int64_t)(1000000 * scale + 0.5);
  return n < 10000 ? 10000 : n;
}

static int64_t meta(sqlite3 *db)
{
  sqlite3_stmt *st = 0;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, "SELECT v FROM tree_meta WHERE k = 'n'", -1,
                         &st, 0) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0) * 100 + TREE_VERSION;
  sqlite3_finalize(st);
  return v;
}

static void gen(const char *path, const char *ext, double scale)
{
  int64_t n = rows_of(scale), i;
  uint64_t s = 20261202;
  sqlite3 *db = open_db(path, ext);
  sqlite3_stmt *st;
  char name[32];
  if (meta(db) == n * 100 + TREE_VERSION) { sqlite3_close(db); return; }
  sqlite3_close(db);
  remove(path);
  db = open_db(path, ext);
  fprintf(stderr, "tree: generating %s: %lld rows\n", path, (long long)n);
  exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
           "CREATE TABLE staff(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
           " manager_id INTEGER REFERENCES staff(id));"
           "CREATE TABLE tree_meta(k TEXT PRIMARY KEY, v); BEGIN");
  if (sqlite3_prepare_v2(db, "INSERT INTO staff VALUES (?1, ?2, ?3)", -1,
                         &st, 0) != SQLITE_OK) die("%s", sqlite3_errmsg(db));
  for (i = 1; i <= n; i++) {
    snprintf(name, sizeof name, "e%lld", (long long)i);
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    if (i == 1) sqlite3_bind_null(st, 3);
    else sqlite3_bind_int64(st, 3, 1 + rnd_below(&s, i - 1));
    if (sqlite3_step(st) != SQLITE_DONE) die("%s", sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  exec(db, "CREATE INDEX staff_manager ON staff(manager_id); COMMIT;"
           "CREATE VIRTUAL TABLE staff_tree USING relview(staff AS manager,"
           " staff AS report, foreign_key=report.manager_id, transitive=yes);"
           "ANALYZE;");
  {
    char sql[128];
    snprintf(sql, sizeof sql, "INSERT INTO tree_meta VALUES('n', %lld)",
             (long long)n);
    exec(db, sql);
  }
  exec(db, "PRAGMA journal_mode = DELETE");
  sqlite3_close(db);
}

/* The nodes of a batch of workload w: t1 rows whose subtree is of about
 * 100 to 1,000 rows in a random tree (n/1000 to n/100), t2 any row */
static int64_t *nodes(int w, int64_t n, int count, int rep)
{
  uint64_t s = 7919u * (uint64_t)(rep + 1) + (uint64_t)w + 1;
  int64_t *a = malloc(sizeof(int64_t) * (size_t)count);
  int i;
  if (!a) die("out of memory");
  for (i = 0; i < count; i++) {
    if (w == 0) a[i] = n / 1000 + 1 + rnd_below(&s, n / 100 - n / 1000);
    else a[i] = 1 + rnd_below(&s, n);
  }
  return a;
}

static void batch(sqlite3 *db, int w, int way, const int64_t *a, int count,
                  struct res *r)
{
  sqlite3_stmt *st;
  double t0 = now();
  int i, rc;
  memset(r, 0, sizeof *r);
  if (sqlite3_prepare_v2(db, SQL[w][way], -1, &st, 0) != SQLITE_OK)
    die("%s", sqlite3_errmsg(db));
  for (i = 0; i < count; i++) {
    sqlite3_bind_int64(st, 1, a[i]);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      r->rows++;
      r->sum += sqlite3_column_int64(st, 0) + sqlite3_column_bytes(st, 1)
              + sqlite3_column_int64(st, 2);
    }
    if (rc != SQLITE_DONE) die("%s", sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  r->sec = now() - t0;
}

static int count_of(int w, double scale)
{
  int n = (int)((w == 0 ? 2000 : 20000) * scale);
  return n < (w == 0 ? 200 : 2000) ? (w == 0 ? 200 : 2000) : n;
}

int main(int argc, char **argv)
{
  const char *path, *ext, *wid, *wayname, *mode;
  double scale;
  int reps, w, way, rep;
  struct opts o;
  if (argc < 2) die("usage: tree gen|run|one -d DB -x EXT -s SCALE ...");
  mode = argv[1];
  parse_opts(argc, argv, &o);
  path = o.path; ext = o.ext; wid = o.wid; wayname = o.way;
  scale = o.scale; reps = o.reps;
  gen(path, ext, scale);
  if (!strcmp(mode, "gen")) return 0;
  {
    sqlite3 *db = open_db(path, ext);
    int64_t n = rows_of(scale);
    if (!strcmp(mode, "run")) {
      for (rep = 0; rep < reps; rep++) {
        for (w = 0; w < 2; w++) {
          int count = count_of(w, scale);
          int64_t *a = nodes(w, n, count, rep);
          struct res r[2];
          for (way = 0; way < 2; way++) {
            int wy = (rep + w) % 2 ? 1 - way : way;   /* alternate the order */
            batch(db, w, wy, a, count, &r[wy]);
          }
          for (way = 0; way < 2; way++) {
            printf("%s\t%s\t%d\t%.6f\t%d\t%lld\t%lld\t%s\n", WNAME[w], WAY[way],
                   rep, r[way].sec, count, (long long)r[way].rows,
                   (long long)r[way].sum,
                   r[way].rows == r[1].rows && r[way].sum == r[1].sum
                   ? "ok" : "MISMATCH");
          }
          free(a);
        }
      }
    } else if (!strcmp(mode, "one") && wid && wayname) {
      int count;
      int64_t *a;
      w = !strcmp(wid, "t2");
      way = !strcmp(wayname, "native");
      count = count_of(w, scale) / 10;
      a = nodes(w, n, count, 0);
      one_batch(db, w, way, a, count, WNAME[w], WAY[way]);
      free(a);
    } else {
      die("unknown mode %s", mode);
    }
    sqlite3_close(db);
  }
  return 0;
}
