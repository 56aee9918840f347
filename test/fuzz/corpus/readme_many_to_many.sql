CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE players(id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES teams(id),
                     name TEXT NOT NULL, position TEXT NOT NULL);
INSERT INTO teams VALUES (1, 'The Piggers', 'Austin, TX'), (2, 'The Sharks', 'Miami, FL');
INSERT INTO players VALUES (1, 1, 'Joe McMan', 'Quarterback'), (2, 1, 'Ann Lee', 'Linebacker'),
                           (3, 2, 'Bo Diaz', 'Kicker');
CREATE TABLE memberships(player_id INTEGER NOT NULL REFERENCES players(id),
                         team_id INTEGER NOT NULL REFERENCES teams(id),
                         joined_at TEXT, PRIMARY KEY(player_id, team_id));
INSERT INTO memberships VALUES (1, 1, '2019-07-11'), (1, 2, '2021-03-01'), (3, 2, '2020-01-15');
CREATE VIRTUAL TABLE player_teams USING relview(players, teams, secondary=memberships,
                                                backref=team_members);
SELECT player_name, team_name, membership_joined_at FROM player_teams;
SELECT name, kind, join_on FROM pragma_relview_list;
INSERT INTO player_teams(player_id, team_id, membership_joined_at) VALUES (2, 2, '2026-11-25');
INSERT INTO player_teams(player_id, team_name, team_city) VALUES (3, 'The Bears', 'Chicago, IL');
DELETE FROM player_teams WHERE player_id = 1 AND team_id = 1;
UPDATE team_members SET player_id = 2 WHERE team_id = 3;
SELECT * FROM memberships;
SELECT * FROM teams;
