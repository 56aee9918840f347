CREATE TABLE p(c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,c49,c50,c51,c52,c53,c54,c55,c56,c57,c58,c59,c60, v,
  PRIMARY KEY(c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,c49,c50,c51,c52,c53,c54,c55,c56,c57,c58,c59,c60)) WITHOUT ROWID;
CREATE TABLE c(id INTEGER PRIMARY KEY, k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12,k13,k14,k15,k16,k17,k18,k19,k20,k21,k22,k23,k24,k25,k26,k27,k28,k29,k30,k31,k32,k33,k34,k35,k36,k37,k38,k39,k40,k41,k42,k43,k44,k45,k46,k47,k48,k49,k50,k51,k52,k53,k54,k55,k56,k57,k58,k59,k60, w,
  FOREIGN KEY(k1,k2,k3,k4,k5,k6,k7,k8,k9,k10,k11,k12,k13,k14,k15,k16,k17,k18,k19,k20,k21,k22,k23,k24,k25,k26,k27,k28,k29,k30,k31,k32,k33,k34,k35,k36,k37,k38,k39,k40,k41,k42,k43,k44,k45,k46,k47,k48,k49,k50,k51,k52,k53,k54,k55,k56,k57,k58,k59,k60)
  REFERENCES p(c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29,c30,c31,c32,c33,c34,c35,c36,c37,c38,c39,c40,c41,c42,c43,c44,c45,c46,c47,c48,c49,c50,c51,c52,c53,c54,c55,c56,c57,c58,c59,c60));
INSERT INTO p VALUES(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,'v');
CREATE VIRTUAL TABLE pc USING relview(p, c, backref=cp);
INSERT INTO pc(p_c1,p_c2,p_c3,p_c4,p_c5,p_c6,p_c7,p_c8,p_c9,p_c10,p_c11,p_c12,p_c13,p_c14,p_c15,p_c16,p_c17,p_c18,p_c19,p_c20,p_c21,p_c22,p_c23,p_c24,p_c25,p_c26,p_c27,p_c28,p_c29,p_c30,p_c31,p_c32,p_c33,p_c34,p_c35,p_c36,p_c37,p_c38,p_c39,p_c40,p_c41,p_c42,p_c43,p_c44,p_c45,p_c46,p_c47,p_c48,p_c49,p_c50,p_c51,p_c52,p_c53,p_c54,p_c55,p_c56,p_c57,p_c58,p_c59,p_c60, c_w)
  VALUES(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60, 'w');
INSERT INTO pc(p_v, c_w) VALUES('new', 'x');
UPDATE pc SET p_c1 = 1, p_v = 'v2', c_w = 'y';
UPDATE cp SET p_c60 = 61;
DELETE FROM pc;
SELECT * FROM c;
