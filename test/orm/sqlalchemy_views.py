"""relview's views through SQLAlchemy (test/orm.test).

    /usr/bin/python3 sqlalchemy_views.py RELVIEW_SO DATABASE

DATABASE holds the tutorial schema and its views (orm.test makes it):
player_team (backref team_players) and player_teams (secondary=
memberships, backref team_members); and player_rosters (secondary=
rosters, an association with a key of its own, id).  relview is loaded by an event
listener on each connection the engine opens; automap reflects the
views as classes; the script reads and writes through them.  It prints
sections, each headed "== name", that orm.test compares with the
expected text: what it read through the views, and after each write the
base tables as plain SQL on a connection of its own (no relview, no
SQLAlchemy) shows them.
"""
import sqlite3
import sys

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.ext.automap import automap_base
from sqlalchemy.orm import Session

so, path = sys.argv[1], sys.argv[2]

engine = create_engine("sqlite:///" + path)


@event.listens_for(engine, "connect")
def load_relview(dbapi_conn, connection_record):
    dbapi_conn.enable_load_extension(True)
    dbapi_conn.load_extension(so)
    dbapi_conn.enable_load_extension(False)


def section(name):
    print("== " + name)


def show(label, rows):
    print(label)
    for r in rows:
        print("  " + repr(tuple(r)))


def show_sql(sql):
    """Rows of the base tables, read without relview or SQLAlchemy."""
    conn = sqlite3.connect(path)
    try:
        show(sql, conn.execute(sql).fetchall())
    finally:
        conn.close()


section("automap")
Base = automap_base()
Base.prepare(autoload_with=engine)
print("classes:", " ".join(sorted(Base.classes.keys())))
VIEWS = ["player_team", "team_players", "player_teams", "team_members"]
for name in VIEWS:
    mapper = inspect(getattr(Base.classes, name))
    print("%s: primary key (%s); columns %s" % (
        name, ", ".join(c.name for c in mapper.primary_key),
        " ".join(c.key for c in mapper.columns)))

PlayerTeam = Base.classes.player_team
TeamPlayers = Base.classes.team_players
PlayerTeams = Base.classes.player_teams
TeamMembers = Base.classes.team_members

section("reads")
with Session(engine) as s:
    show("player_team:", [
        (o.player_id, o.player_name, o.team_id, o.team_name)
        for o in s.query(PlayerTeam).order_by(PlayerTeam.player_id)])
    show("team_players, team_id = 1:", [
        (o.team_name, o.player_name)
        for o in s.query(TeamPlayers).filter(TeamPlayers.team_id == 1)
                  .order_by(TeamPlayers.player_id)])
    show("player_teams:", [
        (o.player_name, o.team_name, o.membership_joined_at)
        for o in s.query(PlayerTeams)
                  .order_by(PlayerTeams.player_id, PlayerTeams.team_id)])
    show("team_members, team_id = 2:", [
        (o.player_id, o.player_name)
        for o in s.query(TeamMembers).filter(TeamMembers.team_id == 2)
                  .order_by(TeamMembers.player_id)])
    # By primary key: the identity the session keeps is the declared key
    o = s.get(PlayerTeams, (1, 2))
    print("get(player_teams, (1, 2)):", (o.player_name, o.team_name,
                                         o.membership_joined_at))
    o = s.get(PlayerTeam, 3)
    print("get(player_team, 3):", (o.player_name, o.team_name))

section("add")
# A new link: a player_teams object with both keys, added and committed
with Session(engine) as s:
    s.add(PlayerTeams(player_id=2, team_id=2,
                      membership_joined_at="2026-11-25"))
    s.commit()
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")

section("update")
# A column of the association and one of a side, changed on the object
with Session(engine) as s:
    o = s.get(PlayerTeams, (1, 2))
    o.membership_joined_at = "2021-03-02"
    o.team_city = "Miami Beach, FL"
    s.commit()
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")
show_sql("SELECT * FROM teams ORDER BY id")

section("delete")
# session.delete() unlinks: the association row goes, the player and the
# team stay
with Session(engine) as s:
    s.delete(s.get(PlayerTeams, (1, 1)))
    s.commit()
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")
show_sql("SELECT count(*) FROM players")
show_sql("SELECT count(*) FROM teams")

section("move")
# Many-to-one: player 3 moved to team 1 by setting team_id.  The
# session's UPDATE sets the attribute that changed only, so the teams
# are as they were
with Session(engine) as s:
    o = s.get(PlayerTeam, 3)
    o.team_id = 1
    s.commit()
show_sql("SELECT id, team_id, name FROM players ORDER BY id")
show_sql("SELECT * FROM teams ORDER BY id")
with Session(engine) as s:
    o = s.get(PlayerTeam, 3)
    print("get(player_team, 3):", (o.player_name, o.team_id, o.team_name))

section("own key")
# A many-to-many view keyed by its association's own key (rosters.id,
# the view's roster_id): a new link gets its key from the cursor's
# lastrowid, the view's last_insert_rowid(), the new rosters row
PlayerRosters = Base.classes.player_rosters
print("player_rosters: primary key (%s)" % ", ".join(
    c.name for c in inspect(PlayerRosters).primary_key))
with Session(engine) as s:
    o = PlayerRosters(player_id=2, team_id=1)
    s.add(o)
    s.commit()
    print("added:", (o.roster_id, o.player_name, o.team_name))
    o.team_id = 2
    s.commit()
    show_sql("SELECT * FROM rosters ORDER BY id")
    s.delete(s.get(PlayerRosters, 1))
    s.commit()
    show_sql("SELECT * FROM rosters ORDER BY id")
