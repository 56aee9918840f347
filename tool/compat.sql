-- make compat: a smoke test of relview in the oldest SQLite it supports
-- (3.26.0), for relview.so built against 3.26.0's headers and against the
-- host's.  tool/compat.sh runs it with the 3.26.0 shell and compares the
-- output with tool/compat.expected.
.headers on
.mode list
SELECT sqlite_version() >= '3.26.0' AS version_ok;
CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE players(id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(id),
                     name TEXT NOT NULL, position TEXT NOT NULL);
CREATE INDEX players_team ON players(team_id);
CREATE TABLE memberships(player_id INTEGER NOT NULL REFERENCES players(id),
                         team_id INTEGER NOT NULL REFERENCES teams(id),
                         joined_at TEXT, PRIMARY KEY(player_id, team_id)) WITHOUT ROWID;
INSERT INTO teams VALUES (1, 'The Piggers', 'Austin, TX'), (2, 'The Sharks', 'Miami, FL');
INSERT INTO players VALUES (1, 1, 'Joe McMan', 'Quarterback'), (2, 1, 'Ann Lee', 'Linebacker'),
                           (3, 2, 'Bo Diaz', 'Kicker');
INSERT INTO memberships VALUES (1, 1, '2019-07-11'), (1, 2, '2021-03-01'), (3, 2, '2020-01-15');
CREATE VIRTUAL TABLE player_team USING relview(players, teams, backref=team_players);
CREATE VIRTUAL TABLE player_teams USING relview(players, teams, secondary=memberships,
                                                backref=team_members);
.print -- reads
SELECT player_name, player_position, team_name, team_city FROM player_team;
SELECT team_name, player_name FROM team_players WHERE team_id = 1 ORDER BY player_id DESC;
SELECT player_name, team_name, membership_joined_at FROM player_teams
 WHERE player_id IN (1, 3) AND team_name LIKE 'The S%';
SELECT team_name, count(*) AS members FROM team_members GROUP BY team_id;
SELECT player_id FROM team_players ORDER BY player_id LIMIT 2 OFFSET 1;
SELECT name, kind, join_on FROM pragma_relview_list ORDER BY name;
.print -- writes
INSERT INTO player_teams(player_id, team_id, membership_joined_at) VALUES (2, 2, '2026-11-25');
INSERT INTO player_teams(player_id, team_name, team_city) VALUES (3, 'The Bears', 'Chicago, IL');
DELETE FROM player_teams WHERE player_id = 1 AND team_id = 1;
SELECT * FROM memberships;
UPDATE team_players SET team_id = 1 WHERE player_id = 3;
INSERT INTO team_players(team_id, player_name, player_position) VALUES (2, 'Cy Park', 'Goalie');
DELETE FROM team_players WHERE player_name = 'Ann Lee';
SELECT * FROM players;
SELECT * FROM teams;
.print -- a trigger reads a view
CREATE TABLE log(x);
CREATE TRIGGER t AFTER INSERT ON log BEGIN
  UPDATE log SET x = (SELECT count(*) FROM player_team) WHERE rowid = new.rowid;
END;
INSERT INTO log VALUES (NULL);
SELECT x FROM log;
.print -- a view survives its connection: a file database, reopened
ATTACH 'compat.db' AS f;
CREATE TABLE f.a(id INTEGER PRIMARY KEY, n TEXT);
CREATE TABLE f.b(id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));
INSERT INTO f.a VALUES (1, 'one');
INSERT INTO f.b VALUES (10, 1), (11, 1), (12, NULL);
CREATE VIRTUAL TABLE f.b_a USING relview(b, a);
DETACH f;
ATTACH 'compat.db' AS f;
SELECT b_id, a_n FROM f.b_a ORDER BY b_id;
.print -- automap and the declared keys
ATTACH ':memory:' AS g;
CREATE TABLE g.owners(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE g.pets(id INTEGER PRIMARY KEY, name TEXT,
                    owner_id INTEGER REFERENCES owners(id));
INSERT INTO g.owners VALUES (1, 'Ann');
INSERT INTO g.pets VALUES (1, 'Rex', 1), (2, 'Tom', NULL);
SELECT name, backref FROM pragma_relview_automap('g');
SELECT relview_automap('g');
SELECT pet_name, owner_name FROM g.owner_pets;
SELECT name, "notnull", pk FROM pragma_table_info('pet_owner', 'g');
.print -- a transitive view, down and up
CREATE TABLE g.staff(id INTEGER PRIMARY KEY, name TEXT,
                     boss INTEGER REFERENCES staff(id));
INSERT INTO g.staff VALUES (1, 'Ada', NULL), (2, 'Bo', 1), (3, 'Cy', 2);
CREATE VIRTUAL TABLE g.chain USING relview(staff AS boss, staff AS worker,
    foreign_key=worker.boss, transitive=yes);
SELECT worker_name, depth FROM g.chain WHERE boss_id = 1 ORDER BY depth;
SELECT boss_name, depth FROM g.chain WHERE worker_id = 3 ORDER BY depth;
.print -- the doctor
CREATE TABLE g.loose(id INTEGER PRIMARY KEY, s REFERENCES staff(id));
SELECT severity, object, problem FROM pragma_relview_doctor('g');
