CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE friendships(a INTEGER REFERENCES people(id), b INTEGER REFERENCES people(id), since TEXT);
INSERT INTO people VALUES(1, 'x'), (2, 'y'), (3, 'z');
INSERT INTO friendships VALUES(1, 2, '2020'), (2, 3, '2021');
CREATE VIRTUAL TABLE friends USING relview(people AS me, people AS friend, secondary=friendships);
CREATE VIRTUAL TABLE friends USING relview(people AS me, people AS friend, secondary=friendships,
    source_foreign_key=a, target_foreign_key=b, source_references=id, target_references=me.id,
    backref=friend_of);
SELECT * FROM friends; SELECT * FROM friend_of;
INSERT INTO friends(me_id, friend_id, friendship_since) VALUES(3, 1, '2022');
UPDATE friends SET friend_id = 3 WHERE me_id = 1 AND friend_id = 2;
DELETE FROM friend_of WHERE me_id = 3;
INSERT INTO friends(me_name, friend_id) VALUES('new', 2);
SELECT * FROM friendships ORDER BY rowid;
CREATE VIRTUAL TABLE same USING relview(people AS p, people AS q, secondary=friendships, source_foreign_key=a, target_foreign_key=a);
