/*
 * bench/util.h: what bench/tree.c and bench/shapes.c share: messages,
 * the clock, a seeded xorshift generator, running SQL.  Each program
 * defines BENCH_NAME (its messages' prefix) before it includes this.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static void die(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "%s: ", BENCH_NAME);
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static uint64_t rnd(uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static int64_t rnd_below(uint64_t *s, int64_t n)
{
  return (int64_t)(rnd(s) % (uint64_t)n);
}

static void exec(sqlite3 *db, const char *sql)
{
  char *err = 0;
  if (sqlite3_exec(db, sql, 0, 0, &err) != SQLITE_OK) die("%s: %s", sql, err);
}

/* The options of "PROGRAM MODE -d DB -x EXT -s SCALE -r REPS -w ID -y WAY",
 * from argv[2] on; dies on one it does not know or without -d, -x, -s */
struct opts {
  const char *path, *ext, *wid, *way;
  double scale;
  int reps;
};

static void parse_opts(int argc, char **argv, struct opts *o)
{
  int c;
  o->path = o->ext = o->wid = o->way = 0;
  o->scale = 1;
  o->reps = 5;
  optind = 2;
  while ((c = getopt(argc, argv, "d:x:s:r:w:y:")) != -1) {
    switch (c) {
    case 'd': o->path = optarg; break;
    case 'x': o->ext = optarg; break;
    case 's': o->scale = atof(optarg); break;
    case 'r': o->reps = atoi(optarg); break;
    case 'w': o->wid = optarg; break;
    case 'y': o->way = optarg; break;
    default: die("unknown option");
    }
  }
  if (!o->path || !o->ext || o->scale <= 0 || o->reps < 1)
    die("missing -d, -x or -s");
}

/* One batch of a workload w, way way, over the keys a[]: its time, rows
 * and checksum (each program's batch()) */
struct res { double sec; int64_t rows, sum; };
static void batch(sqlite3 *db, int w, int way, const int64_t *a, int count,
                  struct res *r);

/* The same, in a function of its own, so callgrind can count only it
 * (--toggle-collect=measured_batch) */
NOINLINE void measured_batch(sqlite3 *db, int w, int way, const int64_t *a,
                             int count, struct res *r);
NOINLINE void measured_batch(sqlite3 *db, int w, int way, const int64_t *a,
                             int count, struct res *r)
{
  batch(db, w, way, a, count, r);
}

/* The "one" mode: the batch once to warm the cache, then again counted
 * (measured_batch), and a line "id way count rows checksum" */
static void one_batch(sqlite3 *db, int w, int way, const int64_t *a,
                      int count, const char *zId, const char *zWay)
{
  struct res r;
  batch(db, w, way, a, count, &r);
  measured_batch(db, w, way, a, count, &r);
  printf("%s\t%s\t%d\t%lld\t%lld\n", zId, zWay, count, (long long)r.rows,
         (long long)r.sum);
}

#endif
