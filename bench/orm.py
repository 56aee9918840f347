#!/usr/bin/python3
"""The ORM way of bench/bench.c: SQLAlchemy declarative models with
relationship(), backref and secondary=, over the benchmark database.

bench.c starts this with Debian's /usr/bin/python3 (python3-sqlalchemy)
and sends one request a line: "<workload> <n> <arguments...>".  The
answer is "ok <ops> <rows> <seconds> <checksum>" or "err <message>".  The
checksum adds the integers and the lengths of the strings of every row
read, as bench.c does.  Reads clear the session's identity map after each
operation (one request each); writes commit once per batch.
"""
import sys
import time

from sqlalchemy import (Column, ForeignKey, Integer, Table, Text,
                        create_engine, event, select)
from sqlalchemy.orm import (Session, configure_mappers, declarative_base,
                            relationship, selectinload)
from sqlalchemy.pool import StaticPool

Base = declarative_base()

memberships = Table(
    "memberships", Base.metadata,
    Column("player_id", Integer, ForeignKey("players.id"), primary_key=True),
    Column("team_id", Integer, ForeignKey("teams.id"), primary_key=True),
    Column("joined_at", Text))


class Team(Base):
    __tablename__ = "teams"
    id = Column(Integer, primary_key=True)
    name = Column(Text, nullable=False)
    city = Column(Text, nullable=False)


class Player(Base):
    __tablename__ = "players"
    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, ForeignKey("teams.id"))
    name = Column(Text, nullable=False)
    position = Column(Text, nullable=False)
    # team_players / player_team, and player_teams / team_members
    team = relationship(Team, backref="players")
    teams = relationship(Team, secondary=memberships, backref="members")


def t_sum(t):
    return t.id + len(t.name) + len(t.city)


def p_sum(p):
    return p.id + len(p.name) + len(p.position)


# Each workload: (session, arguments) -> (operations, rows, checksum).

def w1(s, args):
    """Teams 1..L with all their players, through team.players."""
    rows = total = 0
    q = (select(Team).where(Team.id <= args[0])
         .options(selectinload(Team.players)))
    for t in s.scalars(q):
        for p in t.players:
            rows += 1
            total += t_sum(t) + p_sum(p)
    return 1, rows, total


def w2(s, args):
    rows = total = 0
    q = select(Team.id, Player.id).join(Team.players).where(Team.id <= args[0])
    for tid, pid in s.execute(q):
        rows += 1
        total += tid + pid
    return 1, rows, total


def w3(s, args):
    rows = total = 0
    for tid in args:
        t = s.get(Team, tid)
        for p in t.players:
            rows += 1
            total += t_sum(t) + p_sum(p)
        s.expunge_all()
    return len(args), rows, total


def w4(s, args):
    rows = total = 0
    for pid in args:
        p = s.get(Player, pid)
        t = p.team
        if t is not None:
            rows += 1
            total += t_sum(t) + p_sum(p)
        s.expunge_all()
    return len(args), rows, total


def w5a(s, args):
    rows = total = 0
    for pid in args:
        p = s.get(Player, pid)
        for t in p.teams:
            rows += 1
            total += p_sum(p) + t_sum(t)
        s.expunge_all()
    return len(args), rows, total


def w5b(s, args):
    rows = total = 0
    for tid in args:
        t = s.get(Team, tid)
        for p in t.members:
            rows += 1
            total += t_sum(t) + p_sum(p)
        s.expunge_all()
    return len(args), rows, total


def w6(s, args):
    """The teams of a city and their players (SELECT t.name, player_name,
    player_position)."""
    rows = total = 0
    for city in args:
        q = (select(Team).where(Team.city == city.replace("_", " "))
             .options(selectinload(Team.players)))
        for t in s.scalars(q):
            for p in t.players:
                rows += 1
                total += len(t.name) + len(p.name) + len(p.position)
        s.expunge_all()
    return len(args), rows, total


def w7(s, args):
    """args: k, then k keys, for each operation."""
    rows = total = ops = i = 0
    while i < len(args):
        k = args[i]
        keys = args[i + 1:i + 1 + k]
        i += 1 + k
        ops += 1
        q = (select(Team).where(Team.id.in_(keys))
             .options(selectinload(Team.players)))
        for t in s.scalars(q):
            for p in t.players:
                rows += 1
                total += t_sum(t) + p_sum(p)
        s.expunge_all()
    return ops, rows, total


def ordered(make):
    """make() builds the query once the backrefs exist."""
    def run(s, n):
        rows = total = 0
        q = make()
        for _ in range(n):
            for a, b in s.execute(q):
                rows += 1
                total += (t_sum(a) + p_sum(b) if isinstance(a, Team)
                          else p_sum(a) + t_sum(b))
            s.expunge_all()
        return n, rows, total
    return run


w8a = ordered(lambda: select(Player, Team).join(Player.team)
              .order_by(Player.id).limit(100))
w8b = ordered(lambda: select(Team, Player).join(Team.players)
              .order_by(Team.id.desc()).limit(100))


def pairs(args):
    return zip(args[0::2], args[1::2])


def w9(s, args):
    """player.teams.append(team)"""
    keep = []   # the session holds objects weakly until they change
    for pid, tid in pairs(args):
        p, t = s.get(Player, pid), s.get(Team, tid)
        keep.append(p)
        p.teams.append(t)
    s.commit()
    return len(keep), 0, 0


def w10(s, args):
    """player.teams.remove(team)"""
    keep = []
    for pid, tid in pairs(args):
        p, t = s.get(Player, pid), s.get(Team, tid)
        keep.append(p)
        p.teams.remove(t)
    s.commit()
    return len(keep), 0, 0


def w11(s, args):
    """player.team = other_team"""
    keep = []
    for tid, pid in pairs(args):
        p = s.get(Player, pid)
        keep.append(p)
        p.team = s.get(Team, tid)
    s.commit()
    return len(keep), 0, 0


WORK = {"w1": w1, "w2": w2, "w2t": w2, "w3": w3, "w4": w4, "w5a": w5a, "w5b": w5b,
        "w6": w6, "w7": w7, "w9": w9, "w10": w10, "w11": w11}


def run(engine, wid, n, args):
    with Session(engine, future=True) as s:
        t0 = time.perf_counter()
        if wid in ("w8a", "w8b"):
            ops, rows, total = globals()[wid](s, n)
        else:
            ops, rows, total = WORK[wid](s, args)
        sec = time.perf_counter() - t0
    return ops, rows, sec, total


def main():
    engine = create_engine("sqlite:///" + sys.argv[1], future=True,
                           poolclass=StaticPool,
                           connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _cache(dbapi_conn, _record):
        # the same page cache as bench.c's connection
        dbapi_conn.execute("PRAGMA cache_size = -2097152")

    configure_mappers()
    # warm the mappers' and statements' caches once, not timed
    for wid, args in (("w1", [2]), ("w2", [2]), ("w3", [1]), ("w4", [1]),
                      ("w5a", [1]), ("w5b", [1]), ("w6", ["Austin,_TX"]),
                      ("w7", [2, 1, 2]), ("w8a", 1), ("w8b", 1)):
        run(engine, wid, args if isinstance(args, int) else 1,
            args if isinstance(args, list) else [])
    print("ready", flush=True)
    for line in sys.stdin:
        f = line.split()
        if not f:
            continue
        try:
            wid, n = f[0], int(f[1])
            args = f[2:] if wid == "w6" else [int(x) for x in f[2:]]
            ops, rows, sec, total = run(engine, wid, n, args)
            print("ok %d %d %.6f %d" % (ops, rows, sec, total), flush=True)
        except Exception as e:  # the C side stops with this message
            msg = " ".join(str(e).split())
            print("err %s: %s" % (type(e).__name__, msg[:500]), flush=True)


if __name__ == "__main__":
    main()
