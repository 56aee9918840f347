ATTACH ':memory:' AS aux;
CREATE TABLE aux.teams(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE aux.players(id INTEGER PRIMARY KEY, name TEXT, team_id INTEGER REFERENCES teams(id));
SAVEPOINT s;
CREATE VIRTUAL TABLE aux.tp USING relviem(teams, players);
CREATE VIRTUAL TABLE temp.tp2 USING relview(aux.teams, aux.players);
SELECT * FROM temp.tp2;
