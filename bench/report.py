#!/usr/bin/python3
"""bench/report.py OUT RESULTS.md: the results table of bench/run.sh.

Reads OUT/raw.tsv (bench run), OUT/cg.tsv (callgrind), OUT/mem.tsv and
OUT/info.tsv; writes RESULTS.md and OUT/ratios.dat for bench/plot.gp.
A ratio is time per operation (per row for the scans) of one way over
that of the native SQL in the same repetition; the table gives the median
over the repetitions, with the smallest and largest in parentheses.
"""
import csv
import os
import statistics
import sys

WORKLOADS = [
    ("w1", "Full scan of `team_players`, all columns", "row"),
    ("w2", "Full scan, keys only (`team_id, player_id`)", "row"),
    ("w2t", "The same, view declared `trust_keys=yes` (no join to `teams`)", "row"),
    ("w3", "`team_players WHERE team_id=?` (source key)", "op"),
    ("w4", "`team_players WHERE player_id=?` (target key)", "op"),
    ("w5a", "`player_teams WHERE player_id=?` (many-to-many)", "op"),
    ("w5b", "`team_members WHERE team_id=?` (many-to-many back)", "op"),
    ("w6", "`teams t JOIN team_players v ... WHERE t.city=?`", "op"),
    ("w7", "`team_players WHERE team_id IN (10..50 keys)`", "op"),
    ("w8a", "`team_players ORDER BY player_id LIMIT 100`", "op"),
    ("w8b", "`team_players ORDER BY team_id DESC LIMIT 100`", "op"),
    ("w9", "Link: `INSERT INTO player_teams(player_id, team_id)`", "op"),
    ("w10", "Unlink: `DELETE FROM player_teams WHERE player_id=? AND team_id=?`", "op"),
    ("w11", "Relink: `UPDATE team_players SET team_id=? WHERE player_id=?`", "op"),
    ("w9f", "Link, `PRAGMA foreign_keys = ON`", "op"),
    ("w10f", "Unlink, `PRAGMA foreign_keys = ON`", "op"),
    ("w11f", "Relink, `PRAGMA foreign_keys = ON`", "op"),
]
WAYS = ("relview", "trigger", "orm")


def read_tsv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def fmt_ratio(xs):
    if not xs:
        return "n/a", None
    med = statistics.median(xs)
    return "%.2f (%.2f–%.2f)" % (med, min(xs), max(xs)), (med, min(xs), max(xs))


def fmt_time(us):
    if us >= 1000:
        return "%.2f ms" % (us / 1000)
    if us >= 10:
        return "%.1f µs" % us
    return "%.2f µs" % us


def fmt_int(n):
    return "{:,}".format(int(n))


def cg_ir(path):
    """The Ir total of a callgrind output file, or None"""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        for line in f:
            if line.startswith("summary:"):
                return int(line.split()[1])
    return None


def shapes_section(out, info):
    """The query shapes of bench/shapes.c: time ratios (median over the
    repetitions of relview's time over the other way's in the same one)
    and callgrind Ir ratios, against the hand-written join and against
    what a user writes."""
    names = read_tsv_plain(os.path.join(out, "shapes-list.tsv"))
    rows = read_tsv_plain(os.path.join(out, "shapes.tsv"))
    if not names or not rows:
        return []
    sec, bad = {}, []
    for r in rows:
        shape, way, rep, s = r[0], r[1], int(r[2]), float(r[3])
        sec.setdefault((shape, way), {})[rep] = s
        if r[7] != "ok":
            bad.append("%s %s rep %d" % (shape, way, rep))
    out_lines = ["## Query shapes\n",
                 "Each shape three ways over the same data (`bench/shapes.c`): "
                 "through the view, the hand-written join the view means "
                 "(3-way for many-to-many), and what a user writes with the "
                 "fewest tables. Time: median over %s repetitions of relview's "
                 "time over the other's in the same repetition (smallest and "
                 "largest in parentheses), at scale %s; Ir: callgrind "
                 "instructions of one batch at scale %s.\n"
                 % (info.get("reps"), info.get("scale"), info.get("cg_scale")),
                 "| shape | what | join per op | relview / join | relview / user "
                 "| Ir relview / join | Ir relview / user |",
                 "|---|---|---|---|---|---|---|"]
    for shape, desc in names:
        rv = sec.get((shape, "relview"), {})
        cells = []
        for other in ("join", "user"):
            o = sec.get((shape, other), {})
            xs = [rv[k] / o[k] for k in sorted(rv) if k in o and o[k] > 0]
            cells.append(fmt_ratio(xs)[0])
        irs = [cg_ir(os.path.join(out, "cg", "shape-%s.%s.out" % (shape, w)))
               for w in ("relview", "join", "user")]
        for k in (1, 2):
            cells.append("%.2f" % (irs[0] / irs[k]) if irs[0] and irs[k] else "—")
        jt = sec.get((shape, "join"), {})
        ops = [int(r[4]) for r in rows if r[0] == shape and r[1] == "join"]
        per = (statistics.median(jt.values()) * 1e6 / ops[0]) if jt and ops else 0
        out_lines.append("| %s | %s | %s | %s | %s | %s | %s |"
                         % (shape, desc, fmt_time(per), cells[0], cells[1],
                            cells[2], cells[3]))
    out_lines.append("")
    if bad:
        out_lines.append("**Shapes whose rows differed from the join's:** "
                         + "; ".join(bad) + "\n")
    else:
        out_lines.append("Every way of every shape read the same rows (count "
                         "and checksum) as the join.\n")
    return out_lines


def read_tsv_plain(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def main():
    out, md_path = sys.argv[1], sys.argv[2]
    raw = read_tsv(os.path.join(out, "raw.tsv"))
    cg = {(r["workload"], r["way"]): r for r in read_tsv(os.path.join(out, "cg.tsv"))}
    mem = read_tsv(os.path.join(out, "mem.tsv"))
    info = {}
    with open(os.path.join(out, "info.tsv")) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            info[k] = v

    # time per unit, by (workload, way, rep)
    us, ops, bad = {}, {}, []
    for r in raw:
        key = (r["workload"], r["way"])
        us.setdefault(key, {})[int(r["rep"])] = float(r["us_per_unit"])
        ops.setdefault(key, []).append(int(r["ops"]) if r["workload"] not in ("w1", "w2", "w2t")
                                       else int(r["rows"]))
        if r["check"] != "ok":
            bad.append("%s %s rep %s: %s" % (r["workload"], r["way"], r["rep"], r["check"]))

    lines = []
    dat = []
    lines.append("# relview benchmark results\n")
    lines.append("Generated by `bench/run.sh` (`make bench`); see the end of this file "
                 "for what the columns mean.\n")
    lines.append("| | |\n|---|---|")
    lines.append("| command | `%s` |" % info.get("command", "?"))
    lines.append("| date | %s |" % info.get("date", "?"))
    lines.append("| machine | %s, %s cores, %s |" % (info.get("cpu"), info.get("cores"),
                                                    info.get("memory")))
    lines.append("| system | %s, %s |" % (info.get("os"), info.get("kernel")))
    v = info.get("versions", "?\t?").split("\t")
    lines.append("| software | SQLite %s (Debian's libsqlite3), relview %s at %s, %s; %s |"
                 % (v[0], v[1] if len(v) > 1 else "?", info.get("commit"),
                    info.get("python"), info.get("compiler")))
    secs = [int(x) for x in info.get("seconds", "0 0 0 0").split()]
    secs.append(int(info.get("shapes_seconds", "0")))
    lines.append("| time taken | %d s: data %d s, timed run %d s, callgrind %d s, memory %d s,"
                 " query shapes %d s (then the hierarchies) |"
                 % (sum(secs), secs[0], secs[1], secs[2], secs[3], secs[4]))
    scale = float(info.get("scale", "1"))
    lines.append("| data | scale %s: %s teams, %s players, about %s memberships; "
                 "%s repetitions |" % (info.get("scale"), fmt_int(100000 * scale),
                                       fmt_int(1000000 * scale), fmt_int(2000000 * scale),
                                       info.get("reps")))
    lines.append("")
    lines.append("## Time, relative to the hand-written SQL\n")
    lines.append("| # | workload | native per unit | relview / native | trigger view / native "
                 "| ORM / native | Ir relview / native (callgrind, scale %s) "
                 "| units per batch: C ways, ORM |" % info.get("cg_scale", "?"))
    lines.append("|---|---|---|---|---|---|---|---|")
    for wid, title, unit in WORKLOADS:
        nat = us.get((wid, "native"), {})
        if not nat:
            continue
        cells = []
        meds = []
        for way in WAYS:
            mine = us.get((wid, way), {})
            xs = [mine[r] / nat[r] for r in sorted(mine) if r in nat and nat[r] > 0]
            text, m = fmt_ratio(xs)
            cells.append(text)
            meds.append(m or (float("nan"),) * 3)
        a, b = cg.get((wid, "relview")), cg.get((wid, "native"))
        if a and b and a["Ir"] not in ("NA", "") and b["Ir"] not in ("NA", ""):
            irr = "%.2f" % (int(a["Ir"]) / int(b["Ir"]))
            if a["checksum"] != b["checksum"]:
                irr += " (results differ!)"
        else:
            irr = "—"
        c_ops = statistics.median(ops.get((wid, "native"), [0]))
        o_ops = statistics.median(ops.get((wid, "orm"), [0]))
        lines.append("| %s | %s | %s / %s | %s | %s | %s | %s | %s, %s |"
                     % (wid, title, fmt_time(statistics.median(nat.values())), unit,
                        cells[0], cells[1], cells[2], irr, fmt_int(c_ops), fmt_int(o_ops)))
        dat.append((wid, meds))
    lines.append("")
    if bad:
        lines.append("**Checks that failed:** " + "; ".join(bad) + "\n")
    else:
        lines.append("Every batch of relview and of the trigger views read the same rows "
                     "(checksum of all values) as the native SQL, the ORM's batches read "
                     "the same as the native SQL's first operations, and after every "
                     "write batch the tables held what they should.\n")

    lines.extend(shapes_section(out, info))

    if mem:
        lines.append("## Memory of a full scan of `team_players`\n")
        lines.append("A page cache of 16 pages (`PRAGMA cache_size = 16`), so that what "
                     "can grow is the statement's own memory; `sqlite3_memory_highwater()` "
                     "minus the memory in use before the statement was prepared, and the "
                     "process's peak resident size (VmHWM), in a fresh process each.\n")
        lines.append("| scale | way | rows | SQLite memory high-water of the scan | process VmHWM |")
        lines.append("|---|---|---|---|---|")
        for r in mem:
            lines.append("| %s | %s | %s | %.0f KiB | %.1f MiB |"
                         % (r["scale"], r["way"], fmt_int(r["rows"]),
                            int(r["highwater_delta"]) / 1024, int(r["vmhwm_kb"]) / 1024))
        lines.append("")

    lines.append("## How it was measured\n")
    lines.append("""- One C program (`bench/bench.c`, `-O2`, Debian's libsqlite3) runs relview
  (`CREATE VIRTUAL TABLE player_team USING relview(players, teams,
  backref=team_players)` and `player_teams ... secondary=memberships,
  backref=team_members`), the hand-written join or DML on the base tables
  (native), and ordinary `CREATE VIEW`s with `INSTEAD OF` triggers
  (trigger view), each statement prepared once, then bound, stepped and
  reset; every value read is added to a checksum. The ORM is
  `bench/orm.py` (SQLAlchemy declarative models, `relationship()` with
  `backref` and `secondary=`, Debian's python3), a child process that the C
  program drives over a pipe, so the four ways take turns on every
  workload of every repetition, in an order that rotates between
  repetitions.
- Reads: a scan is timed per row; the ORM scans the first 2,000 teams
  (below scale 0.2 the ORM does a share of its operations, 5 x scale)
  (`selectinload(Team.players)`, or a `select(Team.id, Player.id)` join
  for the keys). Lookups are timed per operation; the ORM does fewer
  (`session.get()` and navigation `team.players`, `player.team`,
  `player.teams`, `team.members`; the identity map cleared after each).
- Writes: one transaction per batch, its COMMIT included. Link inserts
  pairs not linked yet, unlink deletes the same pairs, relink moves
  players to another team (put back afterwards, not timed). The ORM does
  `player.teams.append(team)`, `.remove(team)`, `player.team = other`,
  committing once per batch. w9f, w10f and w11f are the same writes with
  `PRAGMA foreign_keys = ON`, by the C ways only.
- The database file is read into the page cache before each timed batch
  of a C way (again whenever the ORM's process changed the file).
- Ir: total instructions of the measured batch alone
  (`valgrind --tool=callgrind --toggle-collect=measured_batch`, the batch
  run once before to warm the caches) on the smaller database of the
  callgrind scale, with fewer operations (500 lookups, 50 IN lists or
  LIMIT queries, 5 cities, one full scan, 500 writes: the batch that
  makes the rows a write batch needs and the one that undoes it are not
  counted); relview's count over the native SQL's for the same
  operations.
""")
    with open(md_path, "w") as f:
        f.write("\n".join(lines))

    with open(os.path.join(out, "ratios.dat"), "w") as f:
        f.write("# workload relview(med min max) trigger(med min max) orm(med min max)\n")
        for wid, meds in dat:
            f.write("%s %s\n" % (wid, " ".join("%.4g %.4g %.4g" % m for m in meds)))


if __name__ == "__main__":
    main()
