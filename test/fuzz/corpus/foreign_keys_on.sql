PRAGMA foreign_keys=ON;
CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT,
                     team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE memberships(player_id INTEGER REFERENCES players(id) ON DELETE RESTRICT,
                         team_id INTEGER REFERENCES teams(id) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO teams VALUES(1, 'a'), (2, 'b');
INSERT INTO players VALUES(1, 'p', 1), (2, 'q', 2);
INSERT INTO memberships VALUES(1, 1), (2, 2);
CREATE VIRTUAL TABLE tp USING relview(teams, players, unlink=delete);
CREATE VIRTUAL TABLE pt USING relview(players, teams, secondary=memberships);
DELETE FROM tp WHERE player_id = 1;
UPDATE tp SET team_id = 1 WHERE player_id = 2;
UPDATE pt SET team_id = 99;
INSERT INTO pt(player_id, team_id) VALUES(2, 99);
UPDATE OR IGNORE tp SET player_team_id = 99;
PRAGMA foreign_key_check;
SELECT * FROM players; SELECT * FROM memberships;
