CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE players(id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(id),
                     name TEXT NOT NULL, position TEXT NOT NULL);
INSERT INTO teams VALUES (1, 'The Piggers', 'Austin, TX'), (2, 'The Sharks', 'Miami, FL');
INSERT INTO players VALUES (1, 1, 'Joe McMan', 'Quarterback'), (2, 1, 'Ann Lee', 'Linebacker'),
                           (3, 2, 'Bo Diaz', 'Kicker');
CREATE VIRTUAL TABLE player_team USING relview(players, teams, backref=team_players);
SELECT player_name, player_position, team_name, team_city FROM player_team;
SELECT team_name, player_name FROM team_players WHERE team_id = 1;
SELECT * FROM team_players WHERE player_id > 1 ORDER BY team_name DESC LIMIT 2 OFFSET 1;
SELECT count(*), rowid FROM player_team WHERE team_city LIKE 'M%' OR player_id IN (1,3);
SELECT player_team_id FROM player_team WHERE player_team_id IS NOT NULL;
