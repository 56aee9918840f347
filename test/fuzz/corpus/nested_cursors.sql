CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER REFERENCES teams(id));
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<50)
INSERT INTO teams SELECT i, 't' || i FROM c;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i<200)
INSERT INTO players SELECT i, 'p' || i, i % 50 + 1 FROM c;
CREATE VIRTUAL TABLE tp USING relview(teams, players, backref=pt);
SELECT a.team_id, count(*) FROM tp a JOIN pt b ON a.player_id = b.player_id GROUP BY 1 LIMIT 5;
SELECT * FROM tp WHERE team_id IN (SELECT team_id FROM pt WHERE player_id < 10) ORDER BY player_name DESC LIMIT 3;
UPDATE tp SET team_id = (SELECT max(team_id) FROM pt) WHERE player_id IN (SELECT player_id FROM tp WHERE team_id = 3);
DELETE FROM tp WHERE player_id IN (SELECT player_id FROM pt WHERE team_id > 45);
INSERT INTO tp(team_id, player_name) SELECT team_id, player_name || '!' FROM tp WHERE team_id = 2;
SELECT count(*) FROM tp; SELECT * FROM tp WHERE player_id = team_id LIMIT 2;
SELECT * FROM tp WHERE relview_key = '3,2' LIMIT 1;
SELECT * FROM tp, pt WHERE tp.player_id = pt.player_id AND tp.team_id <> 4 LIMIT 2;
