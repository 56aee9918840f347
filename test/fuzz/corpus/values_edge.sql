CREATE TABLE k(id PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE r(id INTEGER PRIMARY KEY, kid REFERENCES k(id), w);
INSERT INTO k VALUES(9223372036854775807, 'max'), (-9223372036854775808, 'min'), (1.5, 'real'),
  ('k', 'text'), (char(107,0,101), 'nul'), (x'', 'emptyblob'), (x'00ff', 'blob'), (1e308, 'big'),
  (-0.0, 'negzero'), ('1', 'textone'), (1234567890123456789, 'wide');
INSERT INTO r(kid, w) SELECT id, v FROM k;
INSERT INTO r(kid, w) VALUES(NULL, 'null'), ('01', 'dangling'), (1, 'int one');
CREATE VIRTUAL TABLE kr USING relview(k, r, backref=rk);
SELECT *, typeof(k_id), length(k_id) FROM kr ORDER BY r_id;
SELECT r_id FROM kr WHERE k_id = x'';
SELECT r_id FROM kr WHERE k_id IS char(107,0,101);
SELECT r_id FROM kr WHERE k_id IN (1.5, 'k', -9223372036854775808);
UPDATE kr SET k_id = 'k' WHERE r_id = 1;
DELETE FROM rk WHERE k_v = 'nul';
INSERT INTO kr(k_id, r_w) VALUES(x'00ff', 'again');
CREATE VIRTUAL TABLE kk USING relview(r, k);
SELECT relview_key, * FROM rk;
