/*
 * bench.c: the relview benchmark.
 *
 * Times the same reads and writes four ways over one generated database:
 * relview's virtual tables, the hand-written join and DML on the base
 * tables ("native"), ordinary SQL views with INSTEAD OF triggers
 * ("trigger"), and SQLAlchemy's ORM (bench/orm.py, a child process that
 * this program drives over a pipe).  Within each repetition the four ways
 * take turns on every workload, in an order that rotates from one
 * repetition to the next, so that drift of the machine hits them alike.
 *
 *   bench gen -d DB -s SCALE -x EXT           generate DB (or keep it)
 *   bench run -d DB -s SCALE -x EXT -p ORM.py -r REPS -o RAW.tsv
 *   bench one -d DB -s SCALE -x EXT -w ID -y WAY   one read workload, for
 *             callgrind: the batch runs twice, the second in measured_batch()
 *   bench mem -d DB -x EXT -y WAY             full scan of team_players with
 *             a page cache of 16 pages; prints the memory it took
 *   bench info -x EXT                         SQLite's and relview's versions
 *
 * Every row read adds its integers and the lengths of its strings to a
 * checksum; the ways must agree on it, and on the tables after a write.
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Under callgrind, only the measured batch is instrumented
 * (valgrind --instr-atstart=no): the rest runs at near full speed. */
#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#endif

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#define GEN_VERSION 4          /* bump when the generated data changes */
#define MAX_IN 50              /* longest IN list of workload 7 */

enum way { RELVIEW, NATIVE, TRIGGER, ORM, NWAY };
static const char *const way_name[NWAY] = {"relview", "native", "trigger",
                                           "orm"};

/* What the arguments of one operation are. */
enum kind {
  K_SCAN,    /* no argument, one statement over the whole view */
  K_TEAM,    /* one random teams.id */
  K_PLAYER,  /* one random players.id */
  K_CITY,    /* one random city */
  K_IN,      /* 10..50 distinct teams.id */
  K_PLAIN,   /* no argument, a short query */
  K_LINK,    /* (player, team) not linked yet */
  K_UNLINK,  /* the pairs just linked */
  K_RELINK   /* (new team, player) */
};

struct wl {
  const char *id;
  int kind;
  int n_full;      /* operations per batch at scale 1 */
  int n_min;       /* ... at least */
  int n_orm;       /* operations of the ORM's batch, at most */
  int n_cg;        /* operations under callgrind */
  const char *sql[3];   /* relview, native, trigger; K_IN: %s = "?,?,.." */
};

/* The writes: relview, native, trigger view */
#define LINK_SQL \
  "INSERT INTO player_teams(player_id, team_id) VALUES (?1, ?2)", \
  "INSERT INTO memberships(player_id, team_id) VALUES (?1, ?2)", \
  "INSERT INTO player_teams_v(player_id, team_id) VALUES (?1, ?2)"
#define UNLINK_SQL \
  "DELETE FROM player_teams WHERE player_id = ?1 AND team_id = ?2", \
  "DELETE FROM memberships WHERE player_id = ?1 AND team_id = ?2", \
  "DELETE FROM player_teams_v WHERE player_id = ?1 AND team_id = ?2"
#define RELINK_SQL \
  "UPDATE team_players SET team_id = ?1 WHERE player_id = ?2", \
  "UPDATE players SET team_id = ?1 WHERE id = ?2", \
  "UPDATE team_players_v SET team_id = ?1 WHERE player_id = ?2"

#define TP_NATIVE_COLS "SELECT t.id, t.name, t.city, p.id, p.name, p.position "
#define TP_JOIN "FROM teams t JOIN players p ON p.team_id = t.id"

static const struct wl WL[] = {
  {"w1", K_SCAN, 1, 1, 1, 1,
   {"SELECT * FROM team_players",
    TP_NATIVE_COLS TP_JOIN,
    "SELECT * FROM team_players_v"}},
  {"w2", K_SCAN, 1, 1, 1, 1,
   {"SELECT team_id, player_id FROM team_players",
    "SELECT t.id, p.id " TP_JOIN,
    "SELECT team_id, player_id FROM team_players_v"}},
  {"w2t", K_SCAN, 1, 1, 1, 1,
   {"SELECT team_id, player_id FROM team_players_tk",
    "SELECT t.id, p.id " TP_JOIN,
    "SELECT team_id, player_id FROM team_players_v"}},
  {"w3", K_TEAM, 100000, 2000, 1000, 500,
   {"SELECT * FROM team_players WHERE team_id = ?1",
    TP_NATIVE_COLS TP_JOIN " WHERE t.id = ?1",
    "SELECT * FROM team_players_v WHERE team_id = ?1"}},
  {"w4", K_PLAYER, 100000, 2000, 1000, 500,
   {"SELECT * FROM team_players WHERE player_id = ?1",
    TP_NATIVE_COLS TP_JOIN " WHERE p.id = ?1",
    "SELECT * FROM team_players_v WHERE player_id = ?1"}},
  {"w5a", K_PLAYER, 100000, 2000, 1000, 500,
   {"SELECT player_id, player_name, player_position, team_id, team_name,"
    " team_city FROM player_teams WHERE player_id = ?1",
    "SELECT p.id, p.name, p.position, t.id, t.name, t.city FROM players p"
    " JOIN memberships m ON m.player_id = p.id"
    " JOIN teams t ON t.id = m.team_id WHERE p.id = ?1",
    "SELECT player_id, player_name, player_position, team_id, team_name,"
    " team_city FROM player_teams_v WHERE player_id = ?1"}},
  {"w5b", K_TEAM, 100000, 2000, 1000, 500,
   {"SELECT team_id, team_name, team_city, player_id, player_name,"
    " player_position FROM team_members WHERE team_id = ?1",
    "SELECT t.id, t.name, t.city, p.id, p.name, p.position FROM teams t"
    " JOIN memberships m ON m.team_id = t.id"
    " JOIN players p ON p.id = m.player_id WHERE t.id = ?1",
    "SELECT team_id, team_name, team_city, player_id, player_name,"
    " player_position FROM team_members_v WHERE team_id = ?1"}},
  {"w6", K_CITY, 200, 50, 10, 5,
   {"SELECT t.name, v.player_name, v.player_position FROM teams t"
    " JOIN team_players v ON v.team_id = t.id WHERE t.city = ?1",
    "SELECT t.name, p.name, p.position " TP_JOIN " WHERE t.city = ?1",
    "SELECT t.name, v.player_name, v.player_position FROM teams t"
    " JOIN team_players_v v ON v.team_id = t.id WHERE t.city = ?1"}},
  {"w7", K_IN, 20000, 1000, 100, 50,
   {"SELECT * FROM team_players WHERE team_id IN (%s)",
    TP_NATIVE_COLS TP_JOIN " WHERE t.id IN (%s)",
    "SELECT * FROM team_players_v WHERE team_id IN (%s)"}},
  {"w8a", K_PLAIN, 10000, 1000, 100, 50,
   {"SELECT * FROM team_players ORDER BY player_id LIMIT 100",
    TP_NATIVE_COLS TP_JOIN " ORDER BY p.id LIMIT 100",
    "SELECT * FROM team_players_v ORDER BY player_id LIMIT 100"}},
  {"w8b", K_PLAIN, 10000, 1000, 100, 50,
   {"SELECT * FROM team_players ORDER BY team_id DESC LIMIT 100",
    TP_NATIVE_COLS TP_JOIN " ORDER BY t.id DESC LIMIT 100",
    "SELECT * FROM team_players_v ORDER BY team_id DESC LIMIT 100"}},
  {"w9", K_LINK, 100000, 2000, 1000, 500, {LINK_SQL}},
  {"w10", K_UNLINK, 100000, 2000, 1000, 500, {UNLINK_SQL}},
  {"w11", K_RELINK, 100000, 2000, 1000, 500, {RELINK_SQL}},
  /* the same writes with PRAGMA foreign_keys = ON (the C ways only) */
  {"w9f", K_LINK, 100000, 2000, 0, 500, {LINK_SQL}},
  {"w10f", K_UNLINK, 100000, 2000, 0, 500, {UNLINK_SQL}},
  {"w11f", K_RELINK, 100000, 2000, 0, 500, {RELINK_SQL}},
};
#define NWL ((int)(sizeof WL / sizeof WL[0]))
#define W_LINK 11                 /* w9, w10, w11; + W_FK: w9f, w10f, w11f */
#define W_UNLINK 12
#define W_RELINK 13
#define W_FK 3

/* The ORM scans teams 1..ORM_SCAN_TEAMS (about ten rows per team). */
#define ORM_SCAN_TEAMS 2000

/* ---- data for the generator ---- */

static const char *const CITY[] = {
  "New York, NY", "Los Angeles, CA", "Chicago, IL", "Houston, TX",
  "Phoenix, AZ", "Philadelphia, PA", "San Antonio, TX", "San Diego, CA",
  "Dallas, TX", "San Jose, CA", "Austin, TX", "Jacksonville, FL",
  "Fort Worth, TX", "Columbus, OH", "Charlotte, NC", "Indianapolis, IN",
  "San Francisco, CA", "Seattle, WA", "Denver, CO", "Oklahoma City, OK",
  "Nashville, TN", "El Paso, TX", "Washington, DC", "Boston, MA",
  "Las Vegas, NV", "Portland, OR", "Detroit, MI", "Louisville, KY",
  "Memphis, TN", "Baltimore, MD", "Milwaukee, WI", "Albuquerque, NM",
  "Tucson, AZ", "Fresno, CA", "Sacramento, CA", "Mesa, AZ",
  "Kansas City, MO", "Atlanta, GA", "Omaha, NE", "Colorado Springs, CO",
  "Raleigh, NC", "Long Beach, CA", "Virginia Beach, VA", "Miami, FL",
  "Oakland, CA", "Minneapolis, MN", "Tulsa, OK", "Bakersfield, CA",
  "Wichita, KS", "Arlington, TX", "Aurora, CO", "Tampa, FL",
  "New Orleans, LA", "Cleveland, OH", "Honolulu, HI", "Anaheim, CA",
  "Lexington, KY", "Stockton, CA", "Corpus Christi, TX", "Henderson, NV",
  "Riverside, CA", "Newark, NJ", "Saint Paul, MN", "Santa Ana, CA",
  "Cincinnati, OH", "Irvine, CA", "Orlando, FL", "Pittsburgh, PA",
  "St. Louis, MO", "Greensboro, NC", "Jersey City, NJ", "Anchorage, AK",
  "Lincoln, NE", "Plano, TX", "Durham, NC", "Buffalo, NY",
  "Chandler, AZ", "Chula Vista, CA", "Toledo, OH", "Madison, WI",
  "Gilbert, AZ", "Reno, NV", "Fort Wayne, IN", "North Las Vegas, NV",
  "St. Petersburg, FL", "Lubbock, TX", "Irving, TX", "Laredo, TX",
  "Winston-Salem, NC", "Chesapeake, VA", "Glendale, AZ", "Garland, TX",
  "Scottsdale, AZ", "Norfolk, VA", "Boise, ID", "Fremont, CA",
  "Spokane, WA", "Santa Clarita, CA", "Baton Rouge, LA", "Richmond, VA"};
#define NCITY ((int)(sizeof CITY / sizeof CITY[0]))

static const char *const MASCOT[] = {
  "Armadillos", "Bears", "Bison", "Cardinals", "Comets", "Cougars",
  "Coyotes", "Eagles", "Falcons", "Foxes", "Grizzlies", "Hawks",
  "Hornets", "Jaguars", "Knights", "Lions", "Lynx", "Mustangs", "Owls",
  "Panthers", "Pelicans", "Pioneers", "Ravens", "Rockets", "Sharks",
  "Stallions", "Thunder", "Tigers", "Vipers", "Wolves"};
#define NMASCOT ((int)(sizeof MASCOT / sizeof MASCOT[0]))

static const char *const FIRST[] = {
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
  "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan",
  "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen",
  "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
  "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly",
  "Andrew", "Emily", "Kenneth", "Donna", "Joshua", "Michelle"};
#define NFIRST ((int)(sizeof FIRST / sizeof FIRST[0]))

static const char *const LAST[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
  "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
  "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
  "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
  "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores"};
#define NLAST ((int)(sizeof LAST / sizeof LAST[0]))

static const char *const POSITION[] = {
  "Quarterback", "Running Back", "Wide Receiver", "Tight End",
  "Offensive Tackle", "Offensive Guard", "Center", "Defensive End",
  "Defensive Tackle", "Linebacker", "Cornerback", "Safety", "Kicker",
  "Punter"};
#define NPOSITION ((int)(sizeof POSITION / sizeof POSITION[0]))

/* ---- small helpers ---- */

static void die(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("bench: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p) die("out of memory");
  return p;
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* splitmix64: a seeded generator, so every way gets the same keys. */
static uint64_t rnd(uint64_t *s)
{
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static int64_t rnd_below(uint64_t *s, int64_t n)
{
  return (int64_t)(rnd(s) % (uint64_t)n);
}

static void exec(sqlite3 *db, const char *sql)
{
  char *err = 0;
  if (sqlite3_exec(db, sql, 0, 0, &err) != SQLITE_OK)
    die("%s\n  in: %s", err ? err : sqlite3_errmsg(db), sql);
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, 0) != SQLITE_OK)
    die("%s\n  in: %s", sqlite3_errmsg(db), sql);
  return st;
}

/* The single integer answer of a query (0 for NULL). */
static int64_t query_int(sqlite3 *db, const char *sql)
{
  sqlite3_stmt *st = prep(db, sql);
  int64_t v = 0;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  else if (sqlite3_errcode(db) != SQLITE_DONE)
    die("%s\n  in: %s", sqlite3_errmsg(db), sql);
  sqlite3_finalize(st);
  return v;
}

static sqlite3 *open_db(const char *path, const char *ext, int big_cache)
{
  sqlite3 *db = 0;
  char *err = 0;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      0) != SQLITE_OK)
    die("cannot open %s: %s", path, sqlite3_errmsg(db));
  sqlite3_enable_load_extension(db, 1);
  if (sqlite3_load_extension(db, ext, 0, &err) != SQLITE_OK)
    die("cannot load %s: %s", ext, err ? err : "?");
  sqlite3_busy_timeout(db, 60000);
  /* Room for the whole database: timings are of work, not of I/O. */
  if (big_cache) exec(db, "PRAGMA cache_size = -2097152");
  return db;
}

/* ---- the data ---- */

struct size { int64_t teams, players; };

static struct size size_of(double scale)
{
  struct size z;
  z.teams = (int64_t)(100000 * scale + 0.5);
  z.players = (int64_t)(1000000 * scale + 0.5);
  if (z.teams < 10) z.teams = 10;
  if (z.players < 100) z.players = 100;
  return z;
}

static void person(uint64_t *s, char *buf, size_t n)
{
  const char *f = FIRST[rnd_below(s, NFIRST)];
  const char *l = LAST[rnd_below(s, NLAST)];
  int r = (int)rnd_below(s, 8);
  if (r == 0)           /* a double-barrelled surname */
    snprintf(buf, n, "%s %s-%s", f, l, LAST[rnd_below(s, NLAST)]);
  else if (r < 3 || strlen(f) + strlen(l) < 9)   /* a middle initial */
    snprintf(buf, n, "%s %c. %s", f, 'A' + (int)rnd_below(s, 26), l);
  else
    snprintf(buf, n, "%s %s", f, l);
}

static void gen_db(const char *path, const char *ext, double scale)
{
  struct size z = size_of(scale);
  uint64_t s = 20240611;
  char name[96], city[64], date[16], sql[512];
  sqlite3 *db;
  sqlite3_stmt *st;
  int64_t i, memberships = 0;
  double t0 = now();

  fprintf(stderr, "bench: generating %s: %lld teams, %lld players\n", path,
          (long long)z.teams, (long long)z.players);
  remove(path);
  snprintf(sql, sizeof sql, "%s-journal", path);
  remove(sql);
  db = open_db(path, ext, 1);
  exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
           "CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
           " city TEXT NOT NULL);"
           "CREATE TABLE players(id INTEGER PRIMARY KEY,"
           " team_id INTEGER REFERENCES teams(id), name TEXT NOT NULL,"
           " position TEXT NOT NULL);"
           "CREATE TABLE memberships("
           " player_id INTEGER NOT NULL REFERENCES players(id),"
           " team_id INTEGER NOT NULL REFERENCES teams(id), joined_at TEXT,"
           " PRIMARY KEY(player_id, team_id)) WITHOUT ROWID;"
           "CREATE TABLE bench_meta(k TEXT PRIMARY KEY, v);"
           "BEGIN");

  st = prep(db, "INSERT INTO teams VALUES (?1, ?2, ?3)");
  for (i = 1; i <= z.teams; i++) {
    int c = (int)rnd_below(&s, NCITY);
    const char *comma = strchr(CITY[c], ',');
    snprintf(city, sizeof city, "%s", CITY[c]);
    snprintf(name, sizeof name, "The %.*s %s", (int)(comma - CITY[c]),
             CITY[c], MASCOT[rnd_below(&s, NMASCOT)]);
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, city, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_DONE) die("%s", sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);

  st = prep(db, "INSERT INTO players VALUES (?1, ?2, ?3, ?4)");
  for (i = 1; i <= z.players; i++) {
    person(&s, name, sizeof name);
    sqlite3_bind_int64(st, 1, i);
    sqlite3_bind_int64(st, 2, 1 + rnd_below(&s, z.teams));
    sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, POSITION[rnd_below(&s, NPOSITION)], -1,
                      SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) die("%s", sqlite3_errmsg(db));
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);

  /* Each player belongs to 1..3 teams (2 on average), in key order. */
  st = prep(db, "INSERT INTO memberships VALUES (?1, ?2, ?3)");
  for (i = 1; i <= z.players; i++) {
    int64_t t[3];
    int k = 1 + (int)rnd_below(&s, 3), j, m;
    for (j = 0; j < k; j++) {
      int again;
      do {
        t[j] = 1 + rnd_below(&s, z.teams);
        for (again = 0, m = 0; m < j; m++) again |= t[m] == t[j];
      } while (again);
    }
    for (j = 1; j < k; j++)            /* insertion sort of 3 */
      for (m = j; m > 0 && t[m - 1] > t[m]; m--) {
        int64_t x = t[m];
        t[m] = t[m - 1];
        t[m - 1] = x;
      }
    for (j = 0; j < k; j++) {
      snprintf(date, sizeof date, "%04d-%02d-%02d",
               2000 + (int)rnd_below(&s, 26), 1 + (int)rnd_below(&s, 12),
               1 + (int)rnd_below(&s, 28));
      sqlite3_bind_int64(st, 1, i);
      sqlite3_bind_int64(st, 2, t[j]);
      sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
      if (sqlite3_step(st) != SQLITE_DONE) die("%s", sqlite3_errmsg(db));
      sqlite3_reset(st);
      memberships++;
    }
  }
  sqlite3_finalize(st);

  exec(db,
    "CREATE INDEX players_team_id ON players(team_id);"
    "CREATE INDEX memberships_team_id ON memberships(team_id);"
    /* what a user writes by hand: views with INSTEAD OF triggers */
    "CREATE VIEW team_players_v AS SELECT t.id AS team_id,"
    " t.name AS team_name, t.city AS team_city, p.id AS player_id,"
    " p.name AS player_name, p.position AS player_position"
    " FROM teams t JOIN players p ON p.team_id = t.id;"
    "CREATE VIEW player_teams_v AS SELECT p.id AS player_id,"
    " p.team_id AS player_team_id, p.name AS player_name,"
    " p.position AS player_position, t.id AS team_id, t.name AS team_name,"
    " t.city AS team_city, m.joined_at AS membership_joined_at"
    " FROM players p JOIN memberships m ON m.player_id = p.id"
    " JOIN teams t ON t.id = m.team_id;"
    "CREATE VIEW team_members_v AS SELECT t.id AS team_id,"
    " t.name AS team_name, t.city AS team_city, p.id AS player_id,"
    " p.team_id AS player_team_id, p.name AS player_name,"
    " p.position AS player_position, m.joined_at AS membership_joined_at"
    " FROM teams t JOIN memberships m ON m.team_id = t.id"
    " JOIN players p ON p.id = m.player_id;"
    "CREATE TRIGGER player_teams_v_link INSTEAD OF INSERT ON player_teams_v"
    " BEGIN INSERT INTO memberships(player_id, team_id, joined_at)"
    " VALUES (NEW.player_id, NEW.team_id, NEW.membership_joined_at); END;"
    "CREATE TRIGGER player_teams_v_unlink INSTEAD OF DELETE ON player_teams_v"
    " BEGIN DELETE FROM memberships"
    " WHERE player_id = OLD.player_id AND team_id = OLD.team_id; END;"
    "CREATE TRIGGER team_players_v_relink"
    " INSTEAD OF UPDATE OF team_id ON team_players_v"
    " BEGIN UPDATE players SET team_id = NEW.team_id"
    " WHERE id = OLD.player_id; END;"
    "COMMIT;"
    "CREATE VIRTUAL TABLE player_team USING relview(players, teams,"
    " backref=team_players);"
    "CREATE VIRTUAL TABLE player_teams USING relview(players, teams,"
    " secondary=memberships, backref=team_members);"
    "CREATE VIRTUAL TABLE player_team_tk USING relview(players, teams,"
    " backref=team_players_tk, trust_keys=yes);"
    "ANALYZE;");
  snprintf(sql, sizeof sql,
           "INSERT INTO bench_meta VALUES ('version', %d), ('scale', %.17g),"
           " ('teams', %lld), ('players', %lld), ('memberships', %lld),"
           " ('team_sum', (SELECT sum(team_id) FROM players))",
           GEN_VERSION, scale, (long long)z.teams, (long long)z.players,
           (long long)memberships);
  exec(db, sql);
  exec(db, "PRAGMA journal_mode = DELETE");
  sqlite3_close(db);
  fprintf(stderr, "bench: generated %lld memberships in %.1f s\n",
          (long long)memberships, now() - t0);
}

/* The state every write batch must leave behind. */
struct meta { int64_t teams, players, memberships, team_sum; };

static int64_t meta_get(sqlite3 *db, const char *k)
{
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT v FROM bench_meta WHERE k = '%s'", k);
  return query_int(db, sql);
}

/* 1 if DB holds the data of this scale, unchanged. */
static int db_ok(const char *path, const char *ext, double scale)
{
  sqlite3 *db;
  sqlite3_stmt *st;
  int ok = 0;
  if (access(path, F_OK) != 0) return 0;
  db = open_db(path, ext, 0);
  if (sqlite3_prepare_v2(db,
        "SELECT (SELECT v FROM bench_meta WHERE k = 'version') = ?1"
        " AND (SELECT v FROM bench_meta WHERE k = 'scale') = ?2"
        " AND (SELECT v FROM bench_meta WHERE k = 'players')"
        "     = (SELECT count(*) FROM players)"
        " AND (SELECT v FROM bench_meta WHERE k = 'memberships')"
        "     = (SELECT count(*) FROM memberships)"
        " AND (SELECT v FROM bench_meta WHERE k = 'team_sum')"
        "     = (SELECT sum(team_id) FROM players)"
        " AND (SELECT count(*) FROM team_players WHERE team_id = 1) >= 0",
        -1, &st, 0) == SQLITE_OK) {
    sqlite3_bind_int(st, 1, GEN_VERSION);
    sqlite3_bind_double(st, 2, scale);
    ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return ok;
}

/* ---- operations ---- */

/* A batch: operation i has the arguments arg[off[i]] .. arg[off[i+1]-1]. */
struct ops {
  int n, cap_ops, n_arg, cap_arg;
  int *off;
  int64_t *arg;
};

static void ops_init(struct ops *o)
{
  memset(o, 0, sizeof *o);
  o->cap_ops = 16;
  o->off = xmalloc(sizeof(int) * 17);
  o->off[0] = 0;
}

static void ops_free(struct ops *o)
{
  free(o->off);
  free(o->arg);
}

static void ops_arg(struct ops *o, int64_t v)
{
  if (o->n_arg == o->cap_arg) {
    o->cap_arg = o->cap_arg ? 2 * o->cap_arg : 64;
    o->arg = realloc(o->arg, sizeof(int64_t) * (size_t)o->cap_arg);
    if (!o->arg) die("out of memory");
  }
  o->arg[o->n_arg++] = v;
}

static void ops_end(struct ops *o)
{
  if (o->n == o->cap_ops) {
    o->cap_ops *= 2;
    o->off = realloc(o->off, sizeof(int) * (size_t)(o->cap_ops + 1));
    if (!o->off) die("out of memory");
  }
  o->off[++o->n] = o->n_arg;
}

static int ops_count(const struct wl *w, double scale)
{
  double n = w->n_full * scale;
  return n < w->n_min ? w->n_min : (int)n;
}

/* The ORM's share: n_orm, less below scale 0.2 so that a quick run stays
 * quick, never more than the C ways do. */
static int orm_count(int n_orm, double scale, int n)
{
  double f = scale < 0.2 ? scale * 5 : 1;
  int m = (int)(n_orm * f + 0.5);
  if (m < 5) m = 5;
  return m < n ? m : n;
}

/* The keys of a read workload for repetition REP. */
static void build_reads(const struct wl *w, const struct size *z, int rep,
                        int n, struct ops *o)
{
  uint64_t s = 1000003u * (uint64_t)(rep + 1) + (uint64_t)(w - WL);
  int i, j, m;
  ops_init(o);
  for (i = 0; i < n; i++) {
    switch (w->kind) {
    case K_TEAM: ops_arg(o, 1 + rnd_below(&s, z->teams)); break;
    case K_PLAYER: ops_arg(o, 1 + rnd_below(&s, z->players)); break;
    case K_CITY: ops_arg(o, rnd_below(&s, NCITY)); break;
    case K_IN: {
      int k = 10 + (int)rnd_below(&s, MAX_IN - 10 + 1);
      int start = o->n_arg;
      for (j = 0; j < k; j++) {
        int64_t v;
        int again;
        do {
          v = 1 + rnd_below(&s, z->teams);
          for (again = 0, m = start; m < o->n_arg; m++)
            again |= o->arg[m] == v;
        } while (again);
        ops_arg(o, v);
      }
      break;
    }
    default: break;
    }
    ops_end(o);
  }
}

/* ---- the benchmark state ---- */

struct bench {
  sqlite3 *db;
  const char *db_path, *ext;
  double scale, cap;
  struct size z;
  struct meta m;
  sqlite3_stmt *st[NWL][NWAY - 1][MAX_IN + 1];
  sqlite3_stmt *data_version;
  int64_t last_version;
  pid_t orm_pid;
  FILE *orm_in, *orm_out;
};

static sqlite3_stmt *stmt_for(struct bench *b, int w, int way, int k)
{
  sqlite3_stmt **slot = &b->st[w][way][WL[w].kind == K_IN ? k : 0];
  if (!*slot) {
    if (WL[w].kind == K_IN) {
      char list[4 * MAX_IN], sql[1024];
      int j;
      for (j = 0; j < k; j++) {
        list[2 * j] = '?';
        list[2 * j + 1] = ',';
      }
      list[2 * k - 1] = 0;
      snprintf(sql, sizeof sql, WL[w].sql[way], list);
      *slot = prep(b->db, sql);
    } else {
      *slot = prep(b->db, WL[w].sql[way]);
    }
  }
  return *slot;
}

static void bench_open(struct bench *b)
{
  b->db = open_db(b->db_path, b->ext, 1);
  b->m.teams = meta_get(b->db, "teams");
  b->m.players = meta_get(b->db, "players");
  b->m.memberships = meta_get(b->db, "memberships");
  b->m.team_sum = meta_get(b->db, "team_sum");
  b->data_version = prep(b->db, "PRAGMA data_version");
  b->last_version = -1;
}

static void bench_close(struct bench *b)
{
  int w, way, k;
  for (w = 0; w < NWL; w++)
    for (way = 0; way < NWAY - 1; way++)
      for (k = 0; k <= MAX_IN; k++) sqlite3_finalize(b->st[w][way][k]);
  sqlite3_finalize(b->data_version);
  if (sqlite3_close(b->db) != SQLITE_OK) die("close: statements left open");
}

/* Reads every table and index once, into this connection's page cache:
 * at the start, and whenever the ORM's process changed the file (SQLite
 * then drops the cache).  Not timed. */
static void warm_if_needed(struct bench *b)
{
  static const char *const q[] = {
    "SELECT sum(length(name) + length(city)) FROM teams",
    "SELECT sum(length(name) + length(position)) FROM players",
    "SELECT sum(team_id) FROM players INDEXED BY players_team_id"
    " WHERE team_id > 0",
    "SELECT sum(length(joined_at)) FROM memberships",
    "SELECT sum(player_id) FROM memberships INDEXED BY memberships_team_id"
    " WHERE team_id > 0"};
  int64_t v;
  size_t i;
  sqlite3_step(b->data_version);
  v = sqlite3_column_int64(b->data_version, 0);
  sqlite3_reset(b->data_version);
  if (v == b->last_version) return;
  for (i = 0; i < sizeof q / sizeof q[0]; i++) query_int(b->db, q[i]);
  b->last_version = v;
}

/* ---- one batch of one way ---- */

struct res {
  int ops;              /* operations done */
  int64_t rows;         /* rows read */
  double sec;
  int64_t sum;          /* checksum of all rows */
  int64_t prefix_sum;   /* ... of the first PREFIX operations */
};

static int64_t row_sum(sqlite3_stmt *st)
{
  int c, n = sqlite3_column_count(st);
  int64_t sum = 0;
  for (c = 0; c < n; c++) {
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_INTEGER: sum += sqlite3_column_int64(st, c); break;
    case SQLITE_TEXT: sum += sqlite3_column_bytes(st, c); break;
    default: break;
    }
  }
  return sum;
}

static int is_write(int w)
{
  return WL[w].kind == K_LINK || WL[w].kind == K_UNLINK ||
         WL[w].kind == K_RELINK;
}

/* Runs the first N operations of O through statement(s) of WAY: prepared
 * once, then bind, step, reset.  A write batch is one transaction, its
 * COMMIT timed.  Stops early past b->cap seconds. */
static void run_c(struct bench *b, int w, int way, const struct ops *o,
                  int n, int prefix, struct res *r)
{
  double t0;
  int i;
  memset(r, 0, sizeof *r);
  warm_if_needed(b);
  t0 = now();
  if (is_write(w)) exec(b->db, "BEGIN");
  for (i = 0; i < n; i++) {
    int j, k = o->off[i + 1] - o->off[i], rc;
    sqlite3_stmt *st = stmt_for(b, w, way, k);
    const int64_t *a = o->arg + o->off[i];
    for (j = 0; j < k; j++) {
      if (WL[w].kind == K_CITY)
        sqlite3_bind_text(st, j + 1, CITY[a[j]], -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64(st, j + 1, a[j]);
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      r->rows++;
      r->sum += row_sum(st);
    }
    if (rc != SQLITE_DONE)
      die("%s %s: %s\n  in: %s", WL[w].id, way_name[way],
          sqlite3_errmsg(b->db), sqlite3_sql(st));
    sqlite3_reset(st);
    if (i + 1 == prefix) r->prefix_sum = r->sum;
    if (now() - t0 > b->cap) {
      fprintf(stderr, "bench: %s %s stopped after %d of %d operations"
              " (over %.0f s)\n", WL[w].id, way_name[way], i + 1, n, b->cap);
      i++;
      break;
    }
  }
  if (is_write(w)) exec(b->db, "COMMIT");
  r->sec = now() - t0;
  r->ops = i;
}

/* A separate function, so callgrind can count only it (--toggle-collect). */
NOINLINE void measured_batch(struct bench *b, int w, int way,
                             const struct ops *o, struct res *r);
NOINLINE void measured_batch(struct bench *b, int w, int way,
                             const struct ops *o, struct res *r)
{
  run_c(b, w, way, o, o->n, 0, r);
}

/* ---- the ORM's process ---- */

static void orm_start(struct bench *b, const char *script)
{
  int to[2], from[2];
  char line[256];
  if (pipe(to) || pipe(from)) die("pipe: %s", strerror(errno));
  fflush(0);
  b->orm_pid = fork();
  if (b->orm_pid < 0) die("fork: %s", strerror(errno));
  if (b->orm_pid == 0) {
    dup2(to[0], 0);
    dup2(from[1], 1);
    close(to[0]); close(to[1]); close(from[0]); close(from[1]);
    execl("/usr/bin/python3", "python3", script, b->db_path, (char *)0);
    fprintf(stderr, "bench: cannot run /usr/bin/python3: %s\n",
            strerror(errno));
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  b->orm_in = fdopen(to[1], "w");
  b->orm_out = fdopen(from[0], "r");
  if (!b->orm_in || !b->orm_out) die("fdopen: %s", strerror(errno));
  if (!fgets(line, sizeof line, b->orm_out) || strncmp(line, "ready", 5))
    die("the ORM process (%s) did not start", script);
}

static void orm_stop(struct bench *b)
{
  int status;
  fclose(b->orm_in);
  fclose(b->orm_out);
  waitpid(b->orm_pid, &status, 0);
}

/* Sends the first N operations of O to the ORM (cities with '_' for ' ')
 * and reads back what it did. */
static void run_orm(struct bench *b, int w, const struct ops *o, int n,
                    struct res *r)
{
  char line[4096];
  long long rows, sum;
  int i, j;
  memset(r, 0, sizeof *r);
  fprintf(b->orm_in, "%s %d", WL[w].id, n);
  for (i = 0; i < n; i++) {
    int k = o->off[i + 1] - o->off[i];
    const int64_t *a = o->arg + o->off[i];
    if (WL[w].kind == K_IN) fprintf(b->orm_in, " %d", k);
    for (j = 0; j < k; j++) {
      if (WL[w].kind == K_CITY) {
        const char *c;
        fputc(' ', b->orm_in);
        for (c = CITY[a[j]]; *c; c++) fputc(*c == ' ' ? '_' : *c, b->orm_in);
      } else {
        fprintf(b->orm_in, " %lld", (long long)a[j]);
      }
    }
  }
  fputc('\n', b->orm_in);
  fflush(b->orm_in);
  if (!fgets(line, sizeof line, b->orm_out)) die("the ORM process died");
  if (sscanf(line, "ok %d %lld %lf %lld", &r->ops, &rows, &r->sec, &sum) != 4)
    die("ORM %s: %s", WL[w].id, line);
  r->rows = rows;
  r->sum = r->prefix_sum = sum;
}

/* ---- the run ---- */

static void report(FILE *raw, int rep, int w, int way, const struct res *r,
                   const char *check)
{
  int per_row = WL[w].kind == K_SCAN;
  double unit = per_row ? (double)r->rows : (double)r->ops;
  double us = unit > 0 ? r->sec * 1e6 / unit : 0;
  fprintf(raw, "%d\t%s\t%s\t%d\t%lld\t%.6f\t%.4f\t%s\n", rep, WL[w].id,
          way_name[way], r->ops, (long long)r->rows, r->sec, us, check);
  fflush(raw);
  fprintf(stderr, "  rep %d %-4s %-8s %7d ops %9lld rows %9.4f s %10.3f us/%s"
          " %s\n", rep, WL[w].id, way_name[way], r->ops, (long long)r->rows,
          r->sec, us, per_row ? "row" : "op", check);
}

/* The checksum of the ORM's part of a scan: teams 1..L, the same columns. */
static int64_t scan_reference(struct bench *b, int w, int64_t teams)
{
  sqlite3_stmt *st = prep(b->db, w == 0
      ? TP_NATIVE_COLS TP_JOIN " WHERE t.id <= ?1"
      : "SELECT t.id, p.id " TP_JOIN " WHERE t.id <= ?1");
  int64_t sum = 0;
  sqlite3_bind_int64(st, 1, teams);
  while (sqlite3_step(st) == SQLITE_ROW) sum += row_sum(st);
  sqlite3_finalize(st);
  return sum;
}

static void run_reads(struct bench *b, int rep, const int *order, FILE *raw)
{
  int w, i;
  for (w = 0; w < NWL; w++) {
    struct ops o;
    struct res r[NWAY];
    int n, n_orm;
    if (is_write(w)) continue;
    n = ops_count(&WL[w], b->scale);
    build_reads(&WL[w], &b->z, rep, n, &o);
    n_orm = orm_count(WL[w].n_orm, b->scale, n);
    for (i = 0; i < NWAY; i++) {
      int way = order[i];
      if (way == ORM) {
        if (WL[w].kind == K_SCAN) {
          /* the ORM scans teams 1..L: one operation whose argument is L */
          struct ops so;
          ops_init(&so);
          ops_arg(&so, orm_count(ORM_SCAN_TEAMS, b->scale, (int)b->z.teams));
          ops_end(&so);
          run_orm(b, w, &so, 1, &r[ORM]);
          ops_free(&so);
        } else {
          run_orm(b, w, &o, n_orm, &r[ORM]);
        }
      } else {
        run_c(b, w, way, &o, n, n_orm, &r[way]);
      }
    }
    /* relview and the trigger views must read what the native join reads */
    for (i = 0; i < NWAY; i++) {
      const char *check = "ok";
      if (i == ORM) {
        int64_t want = WL[w].kind == K_SCAN
            ? scan_reference(b, w, orm_count(ORM_SCAN_TEAMS, b->scale,
                                             (int)b->z.teams))
            : r[NATIVE].prefix_sum;
        if (r[ORM].sum != want || (WL[w].kind != K_SCAN && r[ORM].ops != n_orm))
          check = "MISMATCH";
      } else if (r[i].ops != r[NATIVE].ops) {
        check = "capped";
      } else if (r[i].sum != r[NATIVE].sum || r[i].rows != r[NATIVE].rows) {
        check = "MISMATCH";
      }
      report(raw, rep, w, i, &r[i], check);
    }
    ops_free(&o);
  }
}

/* Distinct random players: the first N of a shuffle of 1..players. */
static int64_t *some_players(const struct size *z, uint64_t *s, int n)
{
  int64_t *p = xmalloc(sizeof(int64_t) * (size_t)z->players), i;
  for (i = 0; i < z->players; i++) p[i] = i + 1;
  for (i = 0; i < n; i++) {
    int64_t j = i + rnd_below(s, z->players - i), x = p[i];
    p[i] = p[j];
    p[j] = x;
  }
  return p;
}

static const char *check_state(struct bench *b, int64_t memberships,
                               int64_t team_sum)
{
  int64_t m = query_int(b->db, "SELECT count(*) FROM memberships");
  int64_t t = query_int(b->db, "SELECT sum(team_id) FROM players");
  if (m != memberships || t != team_sum) {
    fprintf(stderr, "bench: expected %lld memberships and team_id sum %lld,"
            " found %lld and %lld\n", (long long)memberships,
            (long long)team_sum, (long long)m, (long long)t);
    return "WRONG";
  }
  return "ok";
}

/* The operations of the write batches of repetition REP: N_LINK pairs not
 * linked yet (link, then unlink the same), N_REL players moved to another
 * team (relink) and back (restore); delta[i] is what the first i moves add
 * to the sum of players.team_id. */
struct writes { struct ops link, relink, restore; int64_t *delta; };

static void build_writes(struct bench *b, int rep, int n_link, int n_rel,
                         struct writes *wr)
{
  uint64_t s = 7777777u * (uint64_t)(rep + 1);
  int i;
  int64_t *pl;
  sqlite3_stmt *linked, *team_of;

  linked = prep(b->db, "SELECT 1 FROM memberships"
                       " WHERE player_id = ?1 AND team_id = ?2");
  team_of = prep(b->db, "SELECT team_id FROM players WHERE id = ?1");
  pl = some_players(&b->z, &s, n_link);
  ops_init(&wr->link);
  for (i = 0; i < n_link; i++) {
    int64_t t;
    int taken;
    do {
      t = 1 + rnd_below(&s, b->z.teams);
      sqlite3_bind_int64(linked, 1, pl[i]);
      sqlite3_bind_int64(linked, 2, t);
      taken = sqlite3_step(linked) == SQLITE_ROW;
      sqlite3_reset(linked);
    } while (taken);
    ops_arg(&wr->link, pl[i]);
    ops_arg(&wr->link, t);
    ops_end(&wr->link);
  }
  free(pl);

  pl = some_players(&b->z, &s, n_rel);
  wr->delta = xmalloc(sizeof(int64_t) * (size_t)(n_rel + 1));
  ops_init(&wr->relink);
  ops_init(&wr->restore);
  wr->delta[0] = 0;
  for (i = 0; i < n_rel; i++) {
    int64_t t, old;
    sqlite3_bind_int64(team_of, 1, pl[i]);
    if (sqlite3_step(team_of) != SQLITE_ROW) die("no player %lld",
                                                 (long long)pl[i]);
    old = sqlite3_column_int64(team_of, 0);
    sqlite3_reset(team_of);
    do t = 1 + rnd_below(&s, b->z.teams); while (t == old);
    ops_arg(&wr->relink, t);
    ops_arg(&wr->relink, pl[i]);
    ops_end(&wr->relink);
    ops_arg(&wr->restore, old);
    ops_arg(&wr->restore, pl[i]);
    ops_end(&wr->restore);
    wr->delta[i + 1] = wr->delta[i] + t - old;
  }
  free(pl);
  sqlite3_finalize(linked);
  sqlite3_finalize(team_of);
}

static void free_writes(struct writes *wr)
{
  ops_free(&wr->link);
  ops_free(&wr->relink);
  ops_free(&wr->restore);
  free(wr->delta);
}

/* Put the first N players of a relink back on their teams, not timed */
static void put_back(struct bench *b, const struct writes *wr, int n)
{
  sqlite3_stmt *st = prep(b->db,
                          "UPDATE players SET team_id = ?1 WHERE id = ?2");
  int j;
  exec(b->db, "BEGIN");
  for (j = 0; j < n; j++) {
    sqlite3_bind_int64(st, 1, wr->restore.arg[2 * j]);
    sqlite3_bind_int64(st, 2, wr->restore.arg[2 * j + 1]);
    if (sqlite3_step(st) != SQLITE_DONE) die("%s", sqlite3_errmsg(b->db));
    sqlite3_reset(st);
  }
  exec(b->db, "COMMIT");
  sqlite3_finalize(st);
}

/* Link (w9) and unlink (w10) the same pairs, then relink players (w11) and
 * put them back: each way in turn, so the tables end as they began.  FK:
 * the same with PRAGMA foreign_keys = ON (w9f, w10f, w11f; not the ORM). */
static void run_writes(struct bench *b, int rep, const int *order, FILE *raw,
                       int fk)
{
  int n_link = ops_count(&WL[W_LINK], b->scale);
  int n_rel = ops_count(&WL[W_RELINK], b->scale);
  int w_link = W_LINK + (fk ? W_FK : 0), w_unlink = W_UNLINK + (fk ? W_FK : 0);
  int w_relink = W_RELINK + (fk ? W_FK : 0);
  int i, maxn;
  struct writes wr;

  maxn = (int)(b->z.players / 2);
  if (n_link > maxn) n_link = maxn;
  if (n_rel > maxn) n_rel = maxn;
  build_writes(b, rep + (fk ? 1000 : 0), n_link, n_rel, &wr);
  if (fk) exec(b->db, "PRAGMA foreign_keys = ON");

  for (i = 0; i < NWAY; i++) {
    int way = order[i];
    struct res r;
    const char *check;
    int n;

    if (fk && way == ORM) continue;
    n = way == ORM ? orm_count(WL[W_LINK].n_orm, b->scale, n_link) : n_link;
    if (way == ORM) run_orm(b, W_LINK, &wr.link, n, &r);
    else run_c(b, w_link, way, &wr.link, n, 0, &r);
    check = check_state(b, b->m.memberships + r.ops, b->m.team_sum);
    report(raw, rep, w_link, way, &r, check);

    n = r.ops;   /* unlink what was linked */
    if (way == ORM) run_orm(b, W_UNLINK, &wr.link, n, &r);
    else run_c(b, w_unlink, way, &wr.link, n, 0, &r);
    check = check_state(b, b->m.memberships, b->m.team_sum);
    report(raw, rep, w_unlink, way, &r, check);
    if (strcmp(check, "ok")) die("the tables are not as they were");

    n = way == ORM ? orm_count(WL[W_RELINK].n_orm, b->scale, n_rel) : n_rel;
    if (way == ORM) run_orm(b, W_RELINK, &wr.relink, n, &r);
    else run_c(b, w_relink, way, &wr.relink, n, 0, &r);
    check = check_state(b, b->m.memberships, b->m.team_sum + wr.delta[r.ops]);
    report(raw, rep, w_relink, way, &r, check);
    put_back(b, &wr, r.ops);
    if (strcmp(check_state(b, b->m.memberships, b->m.team_sum), "ok"))
      die("the tables are not as they were");
  }
  if (fk) exec(b->db, "PRAGMA foreign_keys = OFF");
  free_writes(&wr);
}

static int way_by_name(const char *s)
{
  int i;
  for (i = 0; i < NWAY; i++)
    if (!strcmp(s, way_name[i])) return i;
  die("unknown way %s", s ? s : "(none)");
  return -1;
}

static int wl_by_id(const char *s)
{
  int i;
  for (i = 0; i < NWL; i++)
    if (!strcmp(s, WL[i].id)) return i;
  die("unknown workload %s", s ? s : "(none)");
  return -1;
}

static long vm_hwm_kb(void)
{
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld", &kb) == 1) break;
  fclose(f);
  return kb;
}

static void usage(void)
{
  die("usage: bench gen|run|one|mem|info -d DB -x EXT [-s SCALE] [-r REPS]"
      " [-p ORM.py] [-o RAW.tsv] [-w WORKLOAD] [-y WAY] [-c CAP_SECONDS]");
}

int main(int argc, char **argv)
{
  struct bench b;
  const char *mode, *orm = "bench/orm.py", *out = 0, *wid = 0, *wayname = 0;
  int reps = 5, c;

  memset(&b, 0, sizeof b);
  b.scale = 1.0;
  b.cap = 60;
  if (argc < 2) usage();
  mode = argv[1];
  optind = 2;
  while ((c = getopt(argc, argv, "d:x:s:r:p:o:w:y:c:")) != -1) {
    switch (c) {
    case 'd': b.db_path = optarg; break;
    case 'x': b.ext = optarg; break;
    case 's': b.scale = atof(optarg); break;
    case 'r': reps = atoi(optarg); break;
    case 'p': orm = optarg; break;
    case 'o': out = optarg; break;
    case 'w': wid = optarg; break;
    case 'y': wayname = optarg; break;
    case 'c': b.cap = atof(optarg); break;
    default: usage();
    }
  }
  if (!strcmp(mode, "info") && b.ext) {
    /* the versions, for the report */
    sqlite3 *db = open_db(":memory:", b.ext, 0);
    sqlite3_stmt *st = prep(db, "SELECT relview_version()");
    if (sqlite3_step(st) != SQLITE_ROW) die("%s", sqlite3_errmsg(db));
    printf("%s\t%s\n", sqlite3_libversion(), sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
  }
  if (!b.db_path || !b.ext || b.scale <= 0 || reps < 1) usage();
  b.z = size_of(b.scale);

  if (!strcmp(mode, "gen") || !strcmp(mode, "run")) {
    if (!db_ok(b.db_path, b.ext, b.scale)) gen_db(b.db_path, b.ext, b.scale);
  } else if (!strcmp(mode, "one") && !db_ok(b.db_path, b.ext, b.scale)) {
    die("%s does not hold the data of scale %g: run bench gen first",
        b.db_path, b.scale);
  } else if (access(b.db_path, F_OK) != 0) {
    die("no database %s", b.db_path);
  }

  if (!strcmp(mode, "gen")) return 0;

  if (!strcmp(mode, "run")) {
    FILE *raw = out ? fopen(out, "w") : stdout;
    int rep, i, order[NWAY];
    double t0 = now();
    if (!raw) die("cannot write %s", out);
    fprintf(raw, "rep\tworkload\tway\tops\trows\tseconds\tus_per_unit"
                 "\tcheck\n");
    bench_open(&b);
    orm_start(&b, orm);
    for (rep = 0; rep < reps; rep++) {
      for (i = 0; i < NWAY; i++) order[i] = (i + rep) % NWAY;
      fprintf(stderr, "bench: repetition %d of %d (%.0f s so far)\n",
              rep + 1, reps, now() - t0);
      run_reads(&b, rep, order, raw);
      run_writes(&b, rep, order, raw, 0);
      run_writes(&b, rep, order, raw, 1);
    }
    orm_stop(&b);
    bench_close(&b);
    if (raw != stdout) fclose(raw);
    fprintf(stderr, "bench: %d repetitions in %.0f s\n", reps, now() - t0);
    return 0;
  }

  if (!strcmp(mode, "one")) {
    int w = wl_by_id(wid), way = way_by_name(wayname);
    struct ops o;
    struct res r;
    if (way == ORM) die("one: a C way");
    bench_open(&b);
    if (is_write(w)) {
      /* a write: the batch before it (link before unlink) and after it
       * (unlink after link, the players put back after relink) are not
       * counted, so the tables end as they began */
      int fk = w >= W_LINK + W_FK, base = w - (fk ? W_FK : 0);
      int n = WL[w].n_cg;
      struct writes wr;
      build_writes(&b, 0, n, n, &wr);
      if (fk) exec(b.db, "PRAGMA foreign_keys = ON");
      if (base == W_RELINK) {
        run_c(&b, w, way, &wr.relink, n, 0, &r);   /* warm */
        put_back(&b, &wr, n);
        CALLGRIND_START_INSTRUMENTATION;
        measured_batch(&b, w, way, &wr.relink, &r);
        put_back(&b, &wr, n);
      } else {
        run_c(&b, W_LINK, way, &wr.link, n, 0, &r);   /* warm */
        run_c(&b, W_UNLINK, way, &wr.link, n, 0, &r);
        CALLGRIND_START_INSTRUMENTATION;
        if (base == W_LINK) measured_batch(&b, w, way, &wr.link, &r);
        else run_c(&b, W_LINK, way, &wr.link, n, 0, &r);
        if (base == W_UNLINK) measured_batch(&b, w, way, &wr.link, &r);
        else run_c(&b, W_UNLINK, way, &wr.link, n, 0, &r);
      }
      if (strcmp(check_state(&b, b.m.memberships, b.m.team_sum), "ok"))
        die("the tables are not as they were");
      printf("%s\t%s\t%d\t%lld\t%lld\n", WL[w].id, way_name[way], r.ops,
             (long long)r.rows, (long long)r.sum);
      free_writes(&wr);
      bench_close(&b);
      return 0;
    }
    build_reads(&WL[w], &b.z, 0, WL[w].n_cg, &o);
    run_c(&b, w, way, &o, o.n, 0, &r);          /* warm */
    CALLGRIND_START_INSTRUMENTATION;
    measured_batch(&b, w, way, &o, &r);
    printf("%s\t%s\t%d\t%lld\t%lld\n", WL[w].id, way_name[way], r.ops,
           (long long)r.rows, (long long)r.sum);
    ops_free(&o);
    bench_close(&b);
    return 0;
  }

  if (!strcmp(mode, "mem")) {
    int way = way_by_name(wayname);
    sqlite3 *db;
    sqlite3_stmt *st;
    sqlite3_int64 used0;
    int64_t rows = 0, sum = 0;
    if (way == ORM) die("mem: a C way");
    /* a page cache of 16 pages, so that what grows is the statement's */
    db = open_db(b.db_path, b.ext, 0);
    exec(db, "PRAGMA cache_size = 16");
    query_int(db, "SELECT count(*) FROM sqlite_schema");
    used0 = sqlite3_memory_used();
    sqlite3_memory_highwater(1);
    st = prep(db, WL[0].sql[way]);
    while (sqlite3_step(st) == SQLITE_ROW) {
      rows++;
      sum += row_sum(st);
    }
    printf("%s\t%lld\t%lld\t%lld\t%lld\t%ld\n", way_name[way],
           (long long)rows, (long long)sum, (long long)used0,
           (long long)(sqlite3_memory_highwater(0) - used0), vm_hwm_kb());
    sqlite3_finalize(st);
    sqlite3_close(db);
    return 0;
  }
  usage();
  return 1;
}
