"""relview's views through Django (test/orm.test).

    /usr/bin/python3 django_views.py RELVIEW_SO DATABASE

Settings: django_settings.py beside this file, whose database is
DATABASE.  relview is loaded by a connection_created signal handler, on
each connection Django opens.  The script prints sections, each headed
"== name", that orm.test compares with the expected text: what
inspectdb writes for the four views (its header of comments left out);
the columns Django's introspection reads from PRAGMA table_info (the
name, NOT NULL, part of the primary key); then reads and writes through
inspectdb's models of player_team and player_teams with primary_key=True
added by hand to their first key column (Django 3.2's inspectdb does not
see the key of a virtual table: it looks for it in the CREATE statement,
which for a virtual table names no column), and after each write the
base tables as plain SQL on a connection of its own (no relview, no
Django) shows them.
"""
import io
import os
import re
import sqlite3
import sys

so, path = sys.argv[1], sys.argv[2]
os.environ["RELVIEW_ORM_DB"] = path
os.environ["DJANGO_SETTINGS_MODULE"] = "django_settings"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import django  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402


def load_relview(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.enable_load_extension(True)
        connection.connection.load_extension(so)
        connection.connection.enable_load_extension(False)


connection_created.connect(load_relview)
django.setup()


def section(name):
    print("== " + name)


def show(label, rows):
    print(label)
    for r in rows:
        print("  " + repr(tuple(r)))


def show_sql(sql):
    """Rows of the base tables, read without relview or Django."""
    conn = sqlite3.connect(path)
    try:
        show(sql, conn.execute(sql).fetchall())
    finally:
        conn.close()


VIEWS = ["player_team", "team_players", "player_teams", "team_members"]

section("inspectdb")
print("Django %d.%d" % django.VERSION[:2])
out = io.StringIO()
call_command("inspectdb", *VIEWS, stdout=out)
for line in out.getvalue().splitlines():
    if not line.startswith("#"):
        print(line)

section("introspection")
with connection.cursor() as cursor:
    for name in VIEWS:
        desc = connection.introspection.get_table_description(cursor, name)
        print("%s: %s" % (name, ", ".join(
            f.name + ("" if f.null_ok else " NOT NULL") + (" pk" if f.pk else "")
            for f in desc)))

section("model")
# inspectdb's class PlayerTeam with its key marked, in an app label of
# its own (a model that is not migrated needs no installed app)
m = re.search(r"^class PlayerTeam\(models\.Model\):\n(?:    .*\n|\n)*",
              out.getvalue(), re.M)
if m is None:
    sys.exit("django_views.py: inspectdb wrote no class PlayerTeam")
code = m.group(0).replace("player_id = models.AutoField()",
                          "player_id = models.AutoField(primary_key=True)")
code = code.replace("        managed = False\n",
                    "        managed = False\n"
                    "        app_label = 'relview_orm'\n")
ns = {"models": models}
exec(code, ns)
PlayerTeam = ns["PlayerTeam"]
print("primary key:", PlayerTeam._meta.pk.name)
show("player_team:", PlayerTeam.objects.order_by("player_id").values_list(
    "player_id", "player_name", "team_id", "team_name"))

section("create")
# A new player on team 2; the key comes back from the view's rowid
# (last_insert_rowid(), that of the new players row)
o = PlayerTeam.objects.create(player_name="Cy Park", player_position="Goalie",
                              team_id=2)
print("created:", o.pk)
show_sql("SELECT * FROM players ORDER BY id")

section("save")
# save() writes every field back: here the changed player_position, and
# the team's columns as they are.  A move to another team saves the
# changed field only (update_fields): all of them would write team 2's
# name and city into team 1, the row the player is linked to after the
# move
o = PlayerTeam.objects.get(pk=3)
o.player_position = "Punter"
o.save()
o.team_id = 1
o.save(update_fields=["team_id"])
show_sql("SELECT * FROM players ORDER BY id")
show_sql("SELECT * FROM teams ORDER BY id")

section("delete")
# delete() unlinks (unlink=set_null: team_id becomes NULL)
print("deleted:", PlayerTeam.objects.get(pk=2).delete())
show_sql("SELECT * FROM players ORDER BY id")

section("many-to-many")
# Django 3.2 has keys of one column: inspectdb's PlayerTeams with
# player_id marked as its key reads, and writes with a QuerySet filtered
# on both keys (update(), delete()); save() or delete() of an instance
# would write every row of its player
code = re.search(r"^class PlayerTeams\(models\.Model\):\n(?:    .*\n|\n)*",
                 out.getvalue(), re.M).group(0)
code = code.replace("player_id = models.AutoField()",
                    "player_id = models.AutoField(primary_key=True)")
code = code.replace("        managed = False\n",
                    "        managed = False\n"
                    "        app_label = 'relview_orm'\n")
exec(code, ns)
PlayerTeams = ns["PlayerTeams"]
show("player_teams:", PlayerTeams.objects.order_by("player_id", "team_id")
     .values_list("player_id", "team_id", "membership_joined_at"))
print("updated:", PlayerTeams.objects.filter(player_id=1, team_id=2)
      .update(membership_joined_at="2021-03-02"))
print("deleted:", PlayerTeams.objects.filter(player_id=1, team_id=1).delete())
show_sql("SELECT * FROM memberships ORDER BY player_id, team_id")
