seed 21039: the view and the hand-written join disagree
-- script (RELVIEW_DIFF_SEED0=21039 RELVIEW_DIFF_SEEDS=1):
ATTACH ':memory:' AS aux;
CREATE TABLE "main"."staff"("k1" TEXT COLLATE NOCASE, "k2" COLLATE RTRIM, "name" TEXT, UNIQUE("k1", "k2"));
CREATE TABLE "main"."people"("id" DOUBLE PRECISION, "name" TEXT, UNIQUE("id"));
CREATE TABLE "main"."roles"("id" INTEGER PRIMARY KEY, "src_k1" BLOBBY TEXT, "src_k2" COLLATE NOCASE, "dst_id" TEXT, "note");
INSERT INTO "main"."staff"(rowid, "k1", "k2", "name") VALUES(4, '-1', ' ', '1');
INSERT INTO "main"."people"(rowid, "id", "name") VALUES(3, 10.0, 'n3');
INSERT INTO "main"."people"(rowid, "id", "name") VALUES(5, -1.0, 'n5');
INSERT INTO "main"."roles"("id", "src_k1", "src_k2", "dst_id", "note") VALUES(12, '-1', '', ' 10 ', 1.0e+20);
INSERT INTO "main"."roles"("id", "src_k1", "src_k2", "dst_id", "note") VALUES(9, '1.0', NULL, '-1', (CAST(X'6100' AS TEXT)||''));
DELETE FROM "main"."roles" WHERE "src_k1" IS NOT NULL AND "src_k2" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "main"."staff" AS x WHERE x."k1" = +"main"."roles"."src_k1" AND x."k2" = +"main"."roles"."src_k2");
DELETE FROM "main"."roles" WHERE "dst_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "main"."people" AS x WHERE x."id" = +"main"."roles"."dst_id");
DELETE FROM "main"."roles" WHERE "src_k1" IS NOT NULL AND "src_k2" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "main"."staff" AS x WHERE x."k1" = +"main"."roles"."src_k1" AND x."k2" = +"main"."roles"."src_k2");
DELETE FROM "main"."roles" WHERE "dst_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "main"."people" AS x WHERE x."id" = +"main"."roles"."dst_id");
CREATE VIRTUAL TABLE "main"."v1" USING relview("main"."staff", "main"."people" AS "t", source_references=("staff"."k1", "staff"."k2"), secondary="main"."roles", trust_keys=yes, backref=v1_back, source_foreign_key=("roles"."src_k1", "roles"."src_k2"), target_foreign_key="roles"."dst_id", target_references="t"."id");
-- query (bag):
SELECT typeof(v.rowid), v.rowid FROM "main"."roles" AS b LEFT JOIN "main"."v1_back" AS v ON b."dst_id" = v."staff_k1";
-- against:
SELECT typeof(v.relview_rowid__), v.relview_rowid__ FROM "main"."roles" AS b LEFT JOIN (SELECT "t"."id" AS "t_id", "t"."name" AS "t_name", "staff"."k1" AS "staff_k1", "staff"."k2" AS "staff_k2", "staff"."name" AS "staff_name", "role"."id" AS "role_id", "role"."src_k1" AS "role_src_k1", "role"."src_k2" AS "role_src_k2", "role"."dst_id" AS "role_dst_id", "role"."note" AS "role_note", "role".rowid AS relview_rowid__ FROM "main"."staff" AS "staff" JOIN "main"."roles" AS "role" ON "staff"."k1" = +"role"."src_k1" AND "staff"."k2" = +"role"."src_k2" JOIN "main"."people" AS "t" ON "t"."id" = +"role"."dst_id") AS v ON b."dst_id" = v."staff_k1";
-- view: (NULL) (NULL)
-- join: (12) (NULL)
