CREATE TABLE employees(id INTEGER PRIMARY KEY, name TEXT,
                       manager_id INTEGER REFERENCES employees(id));
INSERT INTO employees VALUES(1, 'Boss', NULL), (2, 'Ann', 1), (3, 'Bo', 1), (4, 'Cy', 2);
CREATE VIRTUAL TABLE manager_reports USING relview(
    employees AS manager, employees AS report, foreign_key=report.manager_id,
    backref=report_manager);
SELECT * FROM manager_reports;
SELECT manager_name, report_name FROM manager_reports WHERE manager_id = 1 ORDER BY report_id;
INSERT INTO manager_reports(manager_id, report_name) VALUES(2, 'Di');
UPDATE manager_reports SET manager_id = 3 WHERE report_id = 4;
DELETE FROM report_manager WHERE report_id = 2;
INSERT INTO report_manager(report_id, manager_id) VALUES(1, 1);
SELECT * FROM employees;
CREATE VIRTUAL TABLE bad USING relview(employees, employees);
