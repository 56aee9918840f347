CREATE TABLE teams(id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT);
CREATE TABLE players(id INTEGER PRIMARY KEY, home_id INTEGER REFERENCES teams(id),
                     away_id INTEGER REFERENCES teams(id), team_code TEXT, name TEXT);
CREATE UNIQUE INDEX players_name ON players(name);
INSERT INTO teams VALUES(1, 'A', 'ta'), (2, 'B', 'tb');
INSERT INTO players VALUES(1, 1, 2, 'B', 'p1'), (2, 2, 1, 'A', 'p2');
CREATE VIRTUAL TABLE home USING relview(players, teams);
CREATE VIRTUAL TABLE home USING relview(players, teams, foreign_key=player.home_id);
CREATE VIRTUAL TABLE away USING relview(players, teams, foreign_key=(away_id));
CREATE VIRTUAL TABLE bycode USING relview(teams AS t, players AS p, foreign_key=p.team_code, references=t.code);
CREATE VIRTUAL TABLE byname USING relview(teams, players, foreign_key=teams.name, references=players.name);
SELECT * FROM home; SELECT * FROM away; SELECT * FROM bycode;
INSERT INTO bycode(t_code, p_name) VALUES('A', 'p3');
UPDATE bycode SET t_code = 'B' WHERE p_name = 'p3';
SELECT * FROM players;
