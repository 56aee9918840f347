CREATE TABLE teams(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE players(id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER REFERENCES teams(id));
CREATE TABLE memberships(player_id INTEGER REFERENCES players(id), team_id INTEGER REFERENCES teams(id), n INT);
CREATE TABLE log(x);
INSERT INTO teams VALUES(1, 'a'), (2, 'b');
INSERT INTO players VALUES(1, 'p', 1), (2, 'q', 2);
CREATE VIRTUAL TABLE pt USING relview(players, teams, secondary=memberships);
CREATE VIRTUAL TABLE tp USING relview(teams, players);
CREATE TRIGGER m_ins AFTER INSERT ON memberships WHEN new.n < 3 BEGIN
  INSERT INTO pt(player_id, team_id, membership_n) VALUES(new.player_id, new.team_id, new.n + 1);
  INSERT INTO log SELECT count(*) FROM pt;
END;
CREATE TRIGGER p_upd AFTER UPDATE OF team_id ON players BEGIN
  INSERT INTO log VALUES('moved ' || new.id);
  DELETE FROM pt WHERE player_id = new.id;
END;
INSERT INTO pt(player_id, team_id, membership_n) VALUES(1, 2, 0);
UPDATE tp SET team_id = 2 WHERE player_id = 1;
SELECT * FROM log; SELECT * FROM memberships;
