CREATE TABLE divisions(league TEXT, code INTEGER, name TEXT, PRIMARY KEY(league, code));
CREATE TABLE clubs(id INTEGER PRIMARY KEY, name TEXT, league TEXT, division INTEGER,
                   FOREIGN KEY(league, division) REFERENCES divisions(league, code));
INSERT INTO divisions VALUES('A', 1, 'North'), ('A', 2, 'South'), ('B', 1, 'East');
INSERT INTO clubs VALUES(1, 'c1', 'A', 1), (2, 'c2', 'A', 2), (3, 'c3', 'B', 1), (4, 'c4', NULL, 1);
CREATE VIRTUAL TABLE division_clubs USING relview(divisions, clubs, backref=club_division);
SELECT * FROM division_clubs WHERE division_league = 'A' AND division_code = 2;
SELECT * FROM club_division ORDER BY division_league, division_code DESC;
INSERT INTO division_clubs(division_league, division_code, club_name) VALUES('B', 1, 'c5');
INSERT INTO division_clubs(division_league, club_name) VALUES('B', 'c6');
INSERT INTO club_division(club_name, division_league, division_code, division_name) VALUES('c7', 'C', 9, 'West');
UPDATE division_clubs SET division_league = 'B', division_code = 1 WHERE club_id = 1;
DELETE FROM division_clubs WHERE division_code = 2;
SELECT * FROM clubs;
SELECT * FROM divisions;
