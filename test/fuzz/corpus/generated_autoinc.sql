CREATE TABLE teams(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL DEFAULT 'anon',
                   upper_name TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL);
CREATE TABLE players(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT,
                     team_id INTEGER REFERENCES teams(id),
                     g INT GENERATED ALWAYS AS (team_id * 2) STORED);
INSERT INTO teams(name) VALUES('a'), ('b');
INSERT INTO players(name, team_id) VALUES('p', 1);
CREATE VIRTUAL TABLE tp USING relview(teams, players, backref=pt);
SELECT * FROM tp;
INSERT INTO tp(team_name, player_name) VALUES(NULL, 'q');
INSERT INTO tp(team_upper_name, player_name) VALUES('X', 'q');
UPDATE tp SET player_g = 5;
INSERT INTO pt(player_name, team_id) VALUES('r', 2);
SELECT * FROM sqlite_sequence; SELECT * FROM players;
