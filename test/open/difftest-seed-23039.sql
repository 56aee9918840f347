seed 23039: the view and the hand-written join disagree
-- script (RELVIEW_DIFF_SEED0=23039 RELVIEW_DIFF_SEEDS=1):
ATTACH ':memory:' AS aux;
CREATE TABLE "aux"."Parents"("rid" INTEGER PRIMARY KEY, "code" FLOATING POINT COLLATE RTRIM, "name" TEXT, UNIQUE("code"));
CREATE TABLE "aux"."Children"("id" [weird type], "ref_id" COLLATE NOCASE, "name" TEXT, PRIMARY KEY("id"), FOREIGN KEY("ref_id") REFERENCES "Parents"("code")) WITHOUT ROWID;
INSERT INTO "aux"."Parents"("rid", "code", "name") VALUES(1, 0, 'n1');
INSERT INTO "aux"."Children"("id", "ref_id", "name") VALUES(X'31', '-0', 'n4');
DELETE FROM "aux"."Children" WHERE "ref_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "aux"."Parents" AS x WHERE x."code" = +"aux"."Children"."ref_id");
DELETE FROM "aux"."Children" WHERE "ref_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "aux"."Parents" AS x WHERE x."code" = +"aux"."Children"."ref_id");
CREATE VIRTUAL TABLE "temp"."v0" USING relview("aux"."Parents", "aux"."Children", unlink=refuse, trust_keys=yes, backref=v0_back);
-- query (bag):
SELECT typeof(min(v."Children_ref_id")), min(v."Children_ref_id") FROM "temp"."v0" AS v WHERE (v."Parent_rid" <= v."Children_ref_id" AND v."Parent_rid" = 1);
-- against:
SELECT typeof(min(v."Children_ref_id")), min(v."Children_ref_id") FROM (SELECT "Parent"."rid" AS "Parent_rid", "Parent"."code" AS "Parent_code", "Parent"."name" AS "Parent_name", "Children"."id" AS "Children_id", "Children"."ref_id" AS "Children_ref_id", "Children"."name" AS "Children_name" FROM "aux"."Parents" AS "Parent" JOIN "aux"."Children" AS "Children" ON "Parent"."code" = +"Children"."ref_id") AS v WHERE (v."Parent_rid" <= v."Children_ref_id" AND v."Parent_rid" = 1);
-- view: ('-0')
-- join: (NULL)
