CREATE TABLE a(x TEXT, y INTEGER, v TEXT, PRIMARY KEY(x, y)) WITHOUT ROWID;
CREATE TABLE b(p INTEGER, q BLOB, w REAL, PRIMARY KEY(p, q));
CREATE TABLE ab(ax TEXT, ay INTEGER, bp INTEGER, bq BLOB, note TEXT,
                PRIMARY KEY(ax, ay, bp, bq),
                FOREIGN KEY(ax, ay) REFERENCES a(x, y),
                FOREIGN KEY(bp, bq) REFERENCES b(p, q)) WITHOUT ROWID;
INSERT INTO a VALUES('k', 1, 'one'), ('k', 2, 'two'), ('', 0, 'zero');
INSERT INTO b VALUES(1, x'00', 1.5), (2, x'', 2.5), (3, NULL, 3.5);
INSERT INTO ab VALUES('k', 1, 1, x'00', 'n1'), ('k', 2, 2, x'', 'n2');
CREATE VIRTUAL TABLE a_bs USING relview(a, b, secondary=ab, backref=b_as);
SELECT *, relview_key FROM a_bs;
SELECT relview_key FROM b_as WHERE b_q = x'';
DELETE FROM a_bs WHERE relview_key = (SELECT relview_key FROM a_bs LIMIT 1);
INSERT INTO a_bs(a_x, a_y, b_p, b_q, ab_note) VALUES('', 0, 1, x'00', 'n3');
UPDATE b_as SET a_y = 1, a_x = 'k' WHERE b_p = 2;
UPDATE a_bs SET ab_note = 'changed', a_v = 'V', b_w = -0.0;
SELECT * FROM ab;
