"""relview's views through peewee (test/orm.test).

    /usr/bin/python3 peewee_views.py RELVIEW_SO DATABASE

relview is loaded with SqliteDatabase.load_extension(), which peewee
repeats on each connection it opens.  playhouse.reflection makes the
models of the views.  The script prints sections, each headed
"== name", that orm.test compares with the expected text: the models'
keys and fields, what it reads through them, and after each write
(Model.create(), Model.save(), delete_instance()) the base tables as
plain SQL on a connection of its own (no relview, no peewee) shows them.
"""
import sqlite3
import sys

from peewee import SqliteDatabase
from playhouse.reflection import generate_models

so, path = sys.argv[1], sys.argv[2]

db = SqliteDatabase(path)
db.load_extension(so)


def section(name):
    print("== " + name)


def show(label, rows):
    print(label)
    for r in rows:
        print("  " + repr(tuple(r)))


def show_sql(sql):
    """Rows of the base tables, read without relview or peewee."""
    conn = sqlite3.connect(path)
    try:
        show(sql, conn.execute(sql).fetchall())
    finally:
        conn.close()


VIEWS = ["player_team", "team_players", "player_teams", "team_members"]

section("generate_models")
models = generate_models(db, table_names=VIEWS)
for name in VIEWS:
    meta = models[name]._meta
    pk = meta.primary_key
    print("%s: primary key %s(%s); fields %s" % (
        name, type(pk).__name__,
        ", ".join(getattr(pk, "field_names", [pk.name])),
        ", ".join(f.name + ("" if f.null else " NOT NULL")
                  for f in meta.sorted_fields)))

PlayerTeam = models["player_team"]
PlayerTeams = models["player_teams"]

section("reads")
show("player_team:", [
    (o.player_id, o.player_name, o.team_id, o.team_name)
    for o in PlayerTeam.select().order_by(PlayerTeam.player_id)])
show("player_teams:", [
    (o.player_id, o.team_id, o.player_name, o.team_name,
     o.membership_joined_at)
    for o in PlayerTeams.select().order_by(PlayerTeams.player_id,
                                           PlayerTeams.team_id)])

section("create")
# A new player on team 2; the key comes back from the view's rowid
# (last_insert_rowid(), that of the new players row)
o = PlayerTeam.create(player_name="Cy Park", player_position="Goalie",
                      team_id=2)
print("created:", o.player_id)
show_sql("SELECT * FROM players ORDER BY id")

section("save")
# save() of a row read through the view writes every field back: here
# the changed player_position, and the team's columns as they are.  A
# move to another team saves the changed field only (only_save_dirty):
# all of them would write team 2's name and city into team 1, the row
# the player is linked to after the move
o = PlayerTeam.get(PlayerTeam.player_id == 3)
o.player_position = "Punter"
o.save()
PlayerTeam._meta.only_save_dirty = True
o.team_id = 1
o.save()
show_sql("SELECT * FROM players ORDER BY id")
show_sql("SELECT * FROM teams ORDER BY id")

section("many-to-many")
# create() links a pair; save() of a row of the pair's key writes its
# association column
PlayerTeams.create(player_id=2, team_id=2, membership_joined_at="2026-11-25")
o = PlayerTeams.get((PlayerTeams.player_id == 1) & (PlayerTeams.team_id == 2))
o.membership_joined_at = "2021-03-02"
o.save()
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")

section("delete")
# delete_instance() unlinks: the association row goes; the child's
# foreign key becomes NULL (unlink=set_null)
print("deleted from player_teams:", PlayerTeams.get(
    (PlayerTeams.player_id == 1) & (PlayerTeams.team_id == 1)
).delete_instance())
print("deleted from player_team:",
      PlayerTeam.get(PlayerTeam.player_id == 2).delete_instance())
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")
show_sql("SELECT * FROM players ORDER BY id")
show_sql("SELECT count(*) FROM teams")
