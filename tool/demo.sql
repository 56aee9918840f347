-- The walkthrough: the teams and players of the SQLAlchemy tutorial that
-- started relview, in plain SQL.  Run with: make demo
.load ./relview
.headers on
.mode box

.print "-- The models are ordinary tables; players.team_id references teams."
CREATE TABLE teams(
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  city TEXT NOT NULL
);
CREATE TABLE players(
  id       INTEGER PRIMARY KEY,
  team_id  INTEGER REFERENCES teams(id),
  name     TEXT NOT NULL,
  position TEXT NOT NULL
);
INSERT INTO teams VALUES (1, 'The Piggers', 'Austin, TX'),
                         (2, 'The Sharks', 'Miami, FL');
INSERT INTO players VALUES (1, 1, 'Joe McMan', 'Quarterback'),
                           (2, 1, 'Ann Lee', 'Linebacker'),
                           (3, 2, 'Bo Diaz', 'Kicker');

.print
.print "-- team = relationship(\"TeamModel\", backref=\"players\"), as one statement:"
.print "CREATE VIRTUAL TABLE player_team USING relview(players, teams, backref=team_players);"
CREATE VIRTUAL TABLE player_team USING relview(players, teams,
                                               backref=team_players);

.print
.print "-- The JOIN of the tutorial: every player with its team."
.print "SELECT player_name, player_position, team_name, team_city FROM player_team;"
SELECT player_name, player_position, team_name, team_city FROM player_team;

.print
.print "-- The backref: a team's players (TeamModel.players)."
.print "SELECT team_name, player_name FROM team_players WHERE team_id = 1;"
SELECT team_name, player_name FROM team_players WHERE team_id = 1;

.print
.print "-- Many-to-many: players may belong to several teams, through an"
.print "-- association table (secondary=association_table in SQLAlchemy)."
CREATE TABLE memberships(
  player_id INTEGER NOT NULL REFERENCES players(id),
  team_id   INTEGER NOT NULL REFERENCES teams(id),
  joined_at TEXT,
  PRIMARY KEY(player_id, team_id)
);
INSERT INTO memberships VALUES (1, 1, '2019-07-11'), (1, 2, '2021-03-01'),
                               (3, 2, '2020-01-15');
.print "CREATE VIRTUAL TABLE player_teams USING relview(players, teams, secondary=memberships, backref=team_members);"
CREATE VIRTUAL TABLE player_teams USING relview(players, teams,
                                 secondary=memberships, backref=team_members);
.print "SELECT player_name, team_name, membership_joined_at FROM player_teams;"
SELECT player_name, team_name, membership_joined_at FROM player_teams;
.print "SELECT team_name, player_name FROM team_members ORDER BY team_name, player_name;"
SELECT team_name, player_name FROM team_members ORDER BY team_name, player_name;

.print
.print "-- Writes go through the views.  Link Ann to the Sharks too"
.print "-- (player.teams.append(sharks)):"
.print "INSERT INTO player_teams(player_id, team_id, membership_joined_at) VALUES (2, 2, '2026-11-25');"
INSERT INTO player_teams(player_id, team_id, membership_joined_at) VALUES (2, 2, '2026-11-25');
.print "-- A team that does not exist yet is created, then linked:"
.print "INSERT INTO player_teams(player_id, team_name, team_city) VALUES (3, 'The Bears', 'Chicago, IL');"
INSERT INTO player_teams(player_id, team_name, team_city) VALUES (3, 'The Bears', 'Chicago, IL');
.print "-- Unlink Joe from the Piggers (player.teams.remove(piggers)):"
.print "DELETE FROM player_teams WHERE player_id = 1 AND team_id = 1;"
DELETE FROM player_teams WHERE player_id = 1 AND team_id = 1;
.print "SELECT * FROM memberships;"
SELECT * FROM memberships;
.print "SELECT * FROM teams;"
SELECT * FROM teams;

.print
.print "-- One-to-many: move Bo to the Piggers, sign a new player, release Ann."
.print "UPDATE team_players SET team_id = 1 WHERE player_id = 3;"
UPDATE team_players SET team_id = 1 WHERE player_id = 3;
.print "INSERT INTO team_players(team_id, player_name, player_position) VALUES (2, 'Cy Park', 'Goalie');"
INSERT INTO team_players(team_id, player_name, player_position) VALUES (2, 'Cy Park', 'Goalie');
.print "DELETE FROM team_players WHERE player_name = 'Ann Lee';   -- unlink=set_null: team_id becomes NULL"
DELETE FROM team_players WHERE player_name = 'Ann Lee';
.print "SELECT * FROM players;"
SELECT * FROM players;
.print "SELECT team_name, player_name FROM team_players ORDER BY team_id, player_id;"
SELECT team_name, player_name FROM team_players ORDER BY team_id, player_id;

.print
.print "-- What relview knows about the views."
.mode box --wrap 90
.print "SELECT name, kind, join_on FROM pragma_relview_list;"
SELECT name, kind, join_on FROM pragma_relview_list;
