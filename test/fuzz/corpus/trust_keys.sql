CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER REFERENCES teams(id));
CREATE TABLE memberships(player_id INTEGER REFERENCES players(id), team_id INTEGER REFERENCES teams(id),
                         PRIMARY KEY(player_id, team_id)) WITHOUT ROWID;
INSERT INTO teams VALUES(1, 't1'), (2, 't2');
INSERT INTO players VALUES(1, 'a', 1), (2, 'b', 99), (3, 'c', NULL);
INSERT INTO memberships VALUES(1, 1), (2, 2), (3, 7);
CREATE VIRTUAL TABLE player_team USING relview(players, teams, backref=team_players, trust_keys=yes);
CREATE VIRTUAL TABLE player_teams USING relview(players, teams, secondary=memberships, trust_keys=yes);
SELECT team_id, player_id FROM team_players;
SELECT count(*) FROM team_players;
SELECT count(*) FROM player_teams WHERE team_id = 7;
SELECT team_name, player_id FROM team_players ORDER BY player_id;
EXPLAIN QUERY PLAN SELECT team_id, player_id FROM team_players;
CREATE VIRTUAL TABLE bad USING relview(players, teams, trust_keys=maybe);
