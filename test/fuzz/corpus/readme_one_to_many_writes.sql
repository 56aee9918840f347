CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE players(id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(id),
                     name TEXT NOT NULL, position TEXT NOT NULL);
INSERT INTO teams VALUES (1, 'The Piggers', 'Austin, TX'), (2, 'The Sharks', 'Miami, FL');
INSERT INTO players VALUES (1, 1, 'Joe McMan', 'Quarterback'), (2, 1, 'Ann Lee', 'Linebacker'),
                           (3, 2, 'Bo Diaz', 'Kicker');
CREATE VIRTUAL TABLE player_team USING relview(players, teams, backref=team_players);
UPDATE team_players SET team_id = 1 WHERE player_id = 3;
INSERT INTO team_players(team_id, player_name, player_position) VALUES (2, 'Cy Park', 'Goalie');
INSERT INTO team_players(team_name, team_city, player_id) VALUES ('Rays', 'Tampa', 2);
DELETE FROM team_players WHERE player_name = 'Ann Lee';
UPDATE player_team SET team_city = 'Orlando', player_name = 'Joe Mac' WHERE player_id = 1;
UPDATE player_team SET player_team_id = NULL WHERE player_id = 4;
INSERT INTO player_team(player_name, player_position, team_name, team_city) VALUES ('New', 'X', 'Newt', 'Y');
SELECT * FROM players;
SELECT * FROM teams;
