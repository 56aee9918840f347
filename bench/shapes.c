/*
 * bench/shapes.c: query shapes over the data of bench gen (bench/bench.c),
 * each three ways: "relview" through the virtual tables, "join" the
 * hand-written join the view means (3-way for many-to-many), "user" what a
 * user writes by hand with the fewest tables. It does not write the
 * database; it reads the teams and players counts from bench_meta.
 *
 *   shapes run -d DB -x EXT -s SCALE -r REPS
 *                      each shape, each way, REPS times: "shape way rep
 *                      seconds ops rows checksum ok|MISMATCH" lines (against
 *                      the join way of the same shape and rep); rep 0 runs
 *                      each batch once untimed first (a warm cache)
 *   shapes one -d DB -x EXT -s SCALE -w SHAPE -y relview|join|user
 *                      one batch of a tenth of the ops twice, the second in
 *                      measured_batch() (for callgrind --toggle-collect)
 *   shapes list        each shape id and what it is
 *
 *   l1  team_players by team_id: 1,000 keys of a CTE per op
 *   l2  player_team by player_id: 1,000 keys of a CTE per op
 *   l3  player_teams by player_id: 1,000 keys of a CTE per op
 *   l4  team_members by team_id: 1,000 keys of a CTE per op
 *   p1  EXISTS in player_teams for 1,000 players and a random team
 *   p2  EXISTS in player_teams for the ~2,000 memberships of 1,000 players,
 *       the team their own (odd player) or the next one (even player)
 *   c1  count of player_teams of one team
 *   c2  correlated count of team_members for 1,000 teams
 *   i1  player_teams by player_id IN 50 players
 *   i2  team_players by team_id IN 50 teams
 *   k1  keys of all player_teams rows (one op is the whole scan)
 *   k2  keys of all team_players rows (one op is the whole scan)
 */
#define _POSIX_C_SOURCE 200809L
#define BENCH_NAME "shapes"
#include "util.h"
#include <string.h>
#include <unistd.h>

/* 1,000 keys from ?1 (an offset) and ?2 (the key count), all distinct
 * (7919 is a prime, so prime to 10^k) */
#define K "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM k" \
          " WHERE i < 999) "
#define KEY "((k.i * 7919 + ?1) % ?2) + 1"
#define Q10 "?,?,?,?,?,?,?,?,?,?"
#define IN50 " IN (" Q10 "," Q10 "," Q10 "," Q10 "," Q10 ")"
#define PMT " FROM players p JOIN memberships m ON m.player_id = p.id" \
            " JOIN teams t ON t.id = m.team_id"
#define TMP " FROM teams t JOIN memberships m ON m.team_id = t.id" \
            " JOIN players p ON p.id = m.player_id"
#define RANGE_P "SELECT count(*) FROM players p" \
                " WHERE p.id BETWEEN ?1 AND ?1+999 AND EXISTS (SELECT 1"
#define RANGE_M "SELECT count(*) FROM memberships o" \
                " WHERE o.player_id BETWEEN ?1 AND ?1+999 AND EXISTS" \
                " (SELECT 1"
#define OWN "o.team_id + (o.player_id & 1)"
#define RANGE_T " FROM teams t WHERE t.id BETWEEN ?1 AND ?1+999"

/* the parameters of an op: CTE ?1 offset ?2 count, RANGE ?1 first key,
 * RANGE_TEAM and a team ?2, ONE ?1 a key, IN 50 distinct keys, SCAN none */
enum { CTE, RANGE, RANGE_TEAM, ONE, IN, SCAN };
static const int NPARAM[] = { 2, 1, 2, 1, 50, 0 };
#define MAXPARAM 50

struct shape {
  const char *id, *desc;
  int kind, players;          /* keys over players (1) or teams (0) */
  int base, min;              /* ops: max(min, base * scale); SCAN base */
  const char *sql[3];         /* relview, join, user */
};

static const struct shape SH[] = {
  { "l1", "team_players by team_id (one-to-many, source key), 1000 CTE keys",
    CTE, 0, 150, 15,
    { K "SELECT v.team_id, v.player_id, v.player_name FROM k"
        " JOIN team_players v ON v.team_id = " KEY,
      K "SELECT t.id, p.id, p.name FROM k JOIN teams t ON t.id = " KEY
        " JOIN players p ON p.team_id = t.id",
      K "SELECT p.team_id, p.id, p.name FROM k"
        " JOIN players p ON p.team_id = " KEY } },
  { "l2", "player_team by player_id (many-to-one), 1000 CTE keys;"
          " join and user coincide",
    CTE, 1, 600, 60,
    { K "SELECT v.player_id, v.team_id, v.team_name FROM k"
        " JOIN player_team v ON v.player_id = " KEY,
      K "SELECT p.id, t.id, t.name FROM k JOIN players p ON p.id = " KEY
        " JOIN teams t ON t.id = p.team_id",
      K "SELECT p.id, t.id, t.name FROM k JOIN players p ON p.id = " KEY
        " JOIN teams t ON t.id = p.team_id" } },
  { "l3", "player_teams by player_id (many-to-many), 1000 CTE keys",
    CTE, 1, 400, 40,
    { K "SELECT v.player_id, v.team_id, v.team_name FROM k"
        " JOIN player_teams v ON v.player_id = " KEY,
      K "SELECT p.id, t.id, t.name FROM k JOIN players p ON p.id = " KEY
        " JOIN memberships m ON m.player_id = p.id"
        " JOIN teams t ON t.id = m.team_id",
      K "SELECT m.player_id, t.id, t.name FROM k"
        " JOIN memberships m ON m.player_id = " KEY
        " JOIN teams t ON t.id = m.team_id" } },
  { "l4", "team_members by team_id (many-to-many back), 1000 CTE keys",
    CTE, 0, 80, 8,
    { K "SELECT v.team_id, v.player_id, v.player_name FROM k"
        " JOIN team_members v ON v.team_id = " KEY,
      K "SELECT t.id, p.id, p.name FROM k JOIN teams t ON t.id = " KEY
        " JOIN memberships m ON m.team_id = t.id"
        " JOIN players p ON p.id = m.player_id",
      K "SELECT m.team_id, p.id, p.name FROM k"
        " JOIN memberships m ON m.team_id = " KEY
        " JOIN players p ON p.id = m.player_id" } },
  { "p1", "EXISTS in player_teams, 1000 players, a random team"
          " (almost never found)",
    RANGE_TEAM, 1, 1000, 100,
    { RANGE_P " FROM player_teams v WHERE v.player_id = p.id"
              " AND v.team_id = ?2)",
      RANGE_P " FROM players p2 JOIN memberships m ON m.player_id = p2.id"
              " JOIN teams t ON t.id = m.team_id"
              " WHERE p2.id = p.id AND t.id = ?2)",
      RANGE_P " FROM memberships m WHERE m.player_id = p.id"
              " AND m.team_id = ?2)" } },
  { "p2", "EXISTS in player_teams, the ~2000 memberships of 1000 players,"
          " own or next team (half found)",
    RANGE, 1, 500, 50,
    { RANGE_M " FROM player_teams v WHERE v.player_id = o.player_id"
              " AND v.team_id = " OWN ")",
      RANGE_M " FROM players p2 JOIN memberships m ON m.player_id = p2.id"
              " JOIN teams t ON t.id = m.team_id"
              " WHERE p2.id = o.player_id AND t.id = " OWN ")",
      RANGE_M " FROM memberships m WHERE m.player_id = o.player_id"
              " AND m.team_id = " OWN ")" } },
  { "c1", "count(*) of player_teams WHERE team_id = one team",
    ONE, 0, 60000, 6000,
    { "SELECT count(*) FROM player_teams WHERE team_id = ?1",
      "SELECT count(*)" PMT " WHERE t.id = ?1",
      "SELECT count(*) FROM memberships WHERE team_id = ?1" } },
  { "c2", "correlated count(*) of team_members for 1000 teams",
    RANGE, 0, 200, 20,
    { "SELECT t.id, (SELECT count(*) FROM team_members v"
      " WHERE v.team_id = t.id)" RANGE_T,
      "SELECT t.id, (SELECT count(*) FROM teams t2"
      " JOIN memberships m ON m.team_id = t2.id"
      " JOIN players p ON p.id = m.player_id WHERE t2.id = t.id)" RANGE_T,
      "SELECT t.id, (SELECT count(*) FROM memberships m"
      " WHERE m.team_id = t.id)" RANGE_T } },
  { "i1", "player_teams by player_id IN 50 players",
    IN, 1, 10000, 1000,
    { "SELECT player_id, team_id, team_name FROM player_teams"
      " WHERE player_id" IN50,
      "SELECT p.id, t.id, t.name" PMT " WHERE p.id" IN50,
      "SELECT m.player_id, t.id, t.name FROM memberships m"
      " JOIN teams t ON t.id = m.team_id WHERE m.player_id" IN50 } },
  { "i2", "team_players by team_id IN 50 teams",
    IN, 0, 4000, 400,
    { "SELECT team_id, player_id, player_name FROM team_players"
      " WHERE team_id" IN50,
      "SELECT t.id, p.id, p.name FROM teams t"
      " JOIN players p ON p.team_id = t.id WHERE t.id" IN50,
      "SELECT team_id, id, name FROM players WHERE team_id" IN50 } },
  { "k1", "keys of all player_teams rows: player_id, team_id (a full scan)",
    SCAN, 1, 2, 2,
    { "SELECT player_id, team_id FROM player_teams",
      "SELECT p.id, t.id" PMT,
      "SELECT player_id, team_id FROM memberships" } },
  { "k2", "keys of all team_players rows: team_id, player_id (a full scan)",
    SCAN, 0, 2, 2,
    { "SELECT team_id, player_id FROM team_players",
      "SELECT t.id, p.id FROM teams t JOIN players p ON p.team_id = t.id",
      "SELECT team_id, id FROM players WHERE team_id IS NOT NULL" } },
};
#define NSHAPE ((int)(sizeof SH / sizeof SH[0]))
static const char *const WAY[3] = { "relview", "join", "user" };
#define JOIN 1

static sqlite3 *open_db(const char *path, const char *ext)
{
  sqlite3 *db = 0;
  char *err = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, 0) != SQLITE_OK)
    die("cannot open %s: %s", path, sqlite3_errmsg(db));
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, ext, 0, &err) != SQLITE_OK)
    die("cannot load %s: %s", ext, err ? err : "?");
  exec(db, "PRAGMA cache_size = -1048576");
  return db;
}

static double meta(sqlite3 *db, const char *path, const char *k)
{
  sqlite3_stmt *st = 0;
  double v;
  if (sqlite3_prepare_v2(db, "SELECT v FROM bench_meta WHERE k = ?1", -1,
                         &st, 0) != SQLITE_OK)
    die("%s has no bench_meta (%s): run bench gen first", path,
        sqlite3_errmsg(db));
  sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_ROW) die("%s: no %s in bench_meta", path, k);
  v = sqlite3_column_double(st, 0);
  sqlite3_finalize(st);
  return v;
}

struct size { int64_t teams, players; };

/* The keys of a batch of shape s: NPARAM values an op, the same for all
 * ways (seeded by rep and shape) */
static int64_t *keys(int s, const struct size *z, int count, int rep)
{
  uint64_t g = 7919u * (uint64_t)(rep + 1) + 104729u * (uint64_t)(s + 1);
  int np = NPARAM[SH[s].kind], i, j, m;
  int64_t n = SH[s].players ? z->players : z->teams;
  int64_t *a = malloc(sizeof(int64_t) * (size_t)(count * np + 1)), *o;
  if (!a) die("out of memory");
  for (i = 0; i < count; i++) {
    o = a + (size_t)i * np;
    switch (SH[s].kind) {
    case CTE: o[0] = rnd_below(&g, n); o[1] = n; break;
    case RANGE_TEAM: o[1] = 1 + rnd_below(&g, z->teams); /* fall through */
    case RANGE: o[0] = 1 + rnd_below(&g, n > 1000 ? n - 999 : 1); break;
    case ONE: o[0] = 1 + rnd_below(&g, n); break;
    case IN:
      for (j = 0; j < np; j++) {
        int again;
        do {
          o[j] = 1 + rnd_below(&g, n);
          for (again = 0, m = 0; m < j; m++) again |= o[m] == o[j];
        } while (again && n >= np);
      }
      break;
    }
  }
  return a;
}

static void batch(sqlite3 *db, int s, int way, const int64_t *a, int count,
                  struct res *r)
{
  sqlite3_stmt *st;
  double t0 = now();
  int np = NPARAM[SH[s].kind], i, j, rc, nc;
  memset(r, 0, sizeof *r);
  if (sqlite3_prepare_v2(db, SH[s].sql[way], -1, &st, 0) != SQLITE_OK)
    die("%s %s: %s", SH[s].id, WAY[way], sqlite3_errmsg(db));
  nc = sqlite3_column_count(st);
  for (i = 0; i < count; i++) {
    for (j = 0; j < np; j++)
      sqlite3_bind_int64(st, j + 1, a[(size_t)i * np + j]);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      r->rows++;
      for (j = 0; j < nc; j++) {
        int t = sqlite3_column_type(st, j);
        if (t == SQLITE_INTEGER) r->sum += sqlite3_column_int64(st, j);
        else if (t == SQLITE_TEXT) r->sum += sqlite3_column_bytes(st, j);
      }
    }
    if (rc != SQLITE_DONE) die("%s: %s", SH[s].id, sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  r->sec = now() - t0;
}

static int count_of(int s, double scale)
{
  int n = (int)(SH[s].base * scale);
  if (SH[s].kind == SCAN) return SH[s].base;  /* an op grows with scale */
  return n < SH[s].min ? SH[s].min : n;
}

static int shape_by_id(const char *id)
{
  int s;
  for (s = 0; id && s < NSHAPE; s++)
    if (!strcmp(SH[s].id, id)) return s;
  die("unknown shape %s (shapes list)", id ? id : "(none: -w)");
  return -1;
}

static int way_by_name(const char *name)
{
  int w;
  for (w = 0; name && w < 3; w++)
    if (!strcmp(WAY[w], name)) return w;
  die("unknown way %s: relview, join or user", name ? name : "(none: -y)");
  return -1;
}

int main(int argc, char **argv)
{
  const char *path, *ext, *sid, *wayname, *mode;
  double scale;
  int reps, s, i, way, rep;
  struct opts o;
  if (argc < 2) die("usage: shapes run|one|list -d DB -x EXT -s SCALE ...");
  mode = argv[1];
  if (!strcmp(mode, "list")) {
    for (s = 0; s < NSHAPE; s++) printf("%s\t%s\n", SH[s].id, SH[s].desc);
    return 0;
  }
  parse_opts(argc, argv, &o);
  path = o.path; ext = o.ext; sid = o.wid; wayname = o.way;
  scale = o.scale; reps = o.reps;
  if (access(path, F_OK) != 0) die("no database %s: run bench gen", path);
  {
    sqlite3 *db = open_db(path, ext);
    struct size z;
    double mscale = meta(db, path, "scale");
    z.teams = (int64_t)meta(db, path, "teams");
    z.players = (int64_t)meta(db, path, "players");
    if (mscale != scale)
      die("%s holds the data of scale %g, not %g", path, mscale, scale);
    if (!strcmp(mode, "run")) {
      for (rep = 0; rep < reps; rep++) {
        for (s = 0; s < NSHAPE; s++) {
          int count = count_of(s, scale);
          int64_t *a = keys(s, &z, count, rep);
          struct res r[3];
          if (rep == 0)                            /* warm the cache */
            for (way = 0; way < 3; way++) batch(db, s, way, a, count, &r[way]);
          for (i = 0; i < 3; i++) {                /* rotate the order */
            way = (i + rep + s) % 3;
            batch(db, s, way, a, count, &r[way]);
          }
          for (way = 0; way < 3; way++) {
            printf("%s\t%s\t%d\t%.6f\t%d\t%lld\t%lld\t%s\n", SH[s].id,
                   WAY[way], rep, r[way].sec, count, (long long)r[way].rows,
                   (long long)r[way].sum,
                   r[way].rows == r[JOIN].rows && r[way].sum == r[JOIN].sum
                   ? "ok" : "MISMATCH");
          }
          fflush(stdout);
          free(a);
        }
      }
    } else if (!strcmp(mode, "one")) {
      int count;
      int64_t *a;
      s = shape_by_id(sid);
      way = way_by_name(wayname);
      count = count_of(s, scale) / 10;
      if (count < 1) count = 1;
      a = keys(s, &z, count, 0);
      one_batch(db, s, way, a, count, SH[s].id, WAY[way]);
      free(a);
    } else {
      die("unknown mode %s", mode);
    }
    sqlite3_close(db);
  }
  return 0;
}
