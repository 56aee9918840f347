CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT UNIQUE, CHECK(name <> 'bad'));
CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, team_id INTEGER REFERENCES teams(id));
CREATE TABLE memberships(player_id INTEGER NOT NULL REFERENCES players(id),
                         team_id INTEGER NOT NULL REFERENCES teams(id), role TEXT CHECK(role IS NOT 'bad'),
                         PRIMARY KEY(player_id, team_id)) WITHOUT ROWID;
INSERT INTO teams VALUES(1, 'a'), (2, 'b');
INSERT INTO players VALUES(1, 'p', 1), (2, 'q', 2);
INSERT INTO memberships VALUES(1, 1, 'x');
CREATE VIRTUAL TABLE pt USING relview(players, teams, secondary=memberships);
CREATE VIRTUAL TABLE tp USING relview(teams, players);
INSERT OR IGNORE INTO pt(player_id, team_id, membership_role) VALUES(1, 1, 'y'), (2, 99, 'z'), (2, 1, 'bad'), (2, 2, 'ok');
INSERT OR REPLACE INTO pt(player_id, team_id, membership_role) VALUES(1, 1, 'vice');
INSERT OR FAIL INTO pt(player_id, team_name, membership_role) VALUES(1, 'c', 'one'), (2, 'bad', 'two');
BEGIN;
INSERT INTO pt(player_id, team_id) VALUES(2, 1);
INSERT OR ROLLBACK INTO pt(player_id, team_name) VALUES(1, 'bad');
SAVEPOINT s;
UPDATE OR REPLACE tp SET player_name = 'p' WHERE player_id = 2;
UPDATE OR IGNORE tp SET team_id = 99;
ROLLBACK TO s;
RELEASE s;
COMMIT;
REPLACE INTO tp(team_id, player_id, player_name) VALUES(2, 1, 'q');
SELECT * FROM memberships; SELECT * FROM players; SELECT * FROM teams;
