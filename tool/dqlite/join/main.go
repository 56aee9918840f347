// join: manage a dqlite cluster: add a node, show the cluster, move the
// leadership, copy the leader's database files.
//
//	join -s HOST:PORT[,...] add ID ADDRESS   add node ID at ADDRESS as a voter
//	join -s HOST:PORT[,...] cluster          the nodes, their roles, the leader
//	join -s HOST:PORT[,...] transfer ID      make node ID the leader
//	join -s HOST:PORT[,...] dump DB DIR      the leader's files of database DB
//	                                         (the database and its WAL) into DIR
//	join -s HOST:PORT[,...] bench DB N       N links, relinks and unlinks through
//	                                         a view, and the same native writes,
//	                                         each its own transaction; the times
//
// It asks the servers given for the leader and sends the request there
// (go-dqlite's client, from Debian's golang-github-canonical-go-dqlite-dev).
// SQL goes through the dqlite shell (go-dqlite's "dqlite" command).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/canonical/go-dqlite/client"
	"github.com/canonical/go-dqlite/driver"
)

// bench: the writes of a many-to-many view against the native writes that
// do the same to the association table, on tables of their own
func bench(store client.NodeStore, dbname string, n int) {
	drv, err := driver.New(store)
	if err != nil {
		fail("driver: %v", err)
	}
	sql.Register("dqlite", drv)
	db, err := sql.Open("dqlite", dbname)
	if err != nil {
		fail("open %s: %v", dbname, err)
	}
	defer db.Close()
	exec := func(q string, args ...interface{}) {
		if _, err := db.Exec(q, args...); err != nil {
			fail("%s: %v", q, err)
		}
	}
	exec("DROP TABLE IF EXISTS bench_pt")
	exec("DROP TABLE IF EXISTS bench_m")
	exec("DROP TABLE IF EXISTS bench_p")
	exec("DROP TABLE IF EXISTS bench_t")
	exec("CREATE TABLE bench_t(id INTEGER PRIMARY KEY, name TEXT)")
	exec("CREATE TABLE bench_p(id INTEGER PRIMARY KEY, name TEXT)")
	exec("CREATE TABLE bench_m(p INTEGER NOT NULL REFERENCES bench_p(id)," +
		" t INTEGER NOT NULL REFERENCES bench_t(id), PRIMARY KEY(p, t))")
	exec("INSERT INTO bench_t VALUES(1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
	exec("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM k WHERE i<?)"+
		" INSERT INTO bench_p SELECT i, 'p' || i FROM k", n)
	exec("CREATE VIRTUAL TABLE bench_pt USING relview(bench_p, bench_t, secondary=bench_m)")
	run := func(what, q string) time.Duration {
		t0 := time.Now()
		for i := 1; i <= n; i++ {
			exec(q, i)
		}
		d := time.Since(t0)
		fmt.Printf("%-8s %-64s %8.0f us\n", what, q, float64(d.Microseconds())/float64(n))
		return d
	}
	// each write did what it says: the association rows per team
	expect := func(want string) {
		var got string
		q := "SELECT ifnull(group_concat(t || ':' || c), '') FROM" +
			" (SELECT t, count(*) AS c FROM bench_m GROUP BY t ORDER BY t)"
		if err := db.QueryRow(q).Scan(&got); err != nil {
			fail("%s: %v", q, err)
		}
		if got != want {
			fail("bench: association rows per team %q, not %q", got, want)
		}
	}
	// the view writes team 1 and 3, the native ones team 2 and 4
	v1 := run("link", "INSERT INTO bench_pt(bench_p_id, bench_t_id) VALUES(?, 1)")
	n1 := run("native", "INSERT INTO bench_m(p, t) VALUES(?, 2)")
	expect(fmt.Sprintf("1:%d,2:%d", n, n))
	v2 := run("relink", "UPDATE bench_pt SET bench_t_id = 3 WHERE bench_p_id = ? AND bench_t_id = 1")
	n2 := run("native", "UPDATE bench_m SET t = 4 WHERE p = ? AND t = 2")
	expect(fmt.Sprintf("3:%d,4:%d", n, n))
	v3 := run("unlink", "DELETE FROM bench_pt WHERE bench_p_id = ? AND bench_t_id = 3")
	n3 := run("native", "DELETE FROM bench_m WHERE p = ? AND t = 4")
	expect("")
	fmt.Printf("ratios (view / native): link %.2f, relink %.2f, unlink %.2f (%d statements each)\n",
		v1.Seconds()/n1.Seconds(), v2.Seconds()/n2.Seconds(), v3.Seconds()/n3.Seconds(), n)
	exec("DROP TABLE bench_pt")
	exec("DROP TABLE bench_m")
	exec("DROP TABLE bench_p")
	exec("DROP TABLE bench_t")
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "join: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	servers := flag.String("s", "", "comma-separated list of the cluster's addresses")
	timeout := flag.Duration("t", 10*time.Second, "how long to try")
	flag.Parse()
	args := flag.Args()
	if *servers == "" || len(args) == 0 {
		fail("usage: join -s HOST:PORT[,...] add ID ADDRESS | cluster")
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	store := client.NewInmemNodeStore()
	var infos []client.NodeInfo
	for _, a := range strings.Split(*servers, ",") {
		infos = append(infos, client.NodeInfo{Address: a})
	}
	store.Set(ctx, infos)
	leader, err := client.FindLeader(ctx, store)
	if err != nil {
		fail("no leader among %s: %v", *servers, err)
	}
	defer leader.Close()
	switch {
	case args[0] == "add" && len(args) == 3:
		id, err := strconv.ParseUint(args[1], 10, 64)
		if err != nil || id == 0 {
			fail("node ID %q: a positive integer", args[1])
		}
		node := client.NodeInfo{ID: id, Address: args[2], Role: client.Voter}
		if err := leader.Add(ctx, node); err != nil {
			fail("add %d %s: %v", id, args[2], err)
		}
	case args[0] == "cluster" && len(args) == 1:
		nodes, err := leader.Cluster(ctx)
		if err != nil {
			fail("cluster: %v", err)
		}
		li, err := leader.Leader(ctx)
		if err != nil {
			fail("leader: %v", err)
		}
		for _, n := range nodes {
			mark := ""
			if li != nil && n.ID == li.ID {
				mark = " leader"
			}
			fmt.Printf("%d %s %s%s\n", n.ID, n.Address, n.Role, mark)
		}
	case args[0] == "transfer" && len(args) == 2:
		id, err := strconv.ParseUint(args[1], 10, 64)
		if err != nil || id == 0 {
			fail("node ID %q: a positive integer", args[1])
		}
		if err := leader.Transfer(ctx, id); err != nil {
			fail("transfer %d: %v", id, err)
		}
	case args[0] == "dump" && len(args) == 3:
		files, err := leader.Dump(ctx, args[1])
		if err != nil {
			fail("dump %s: %v", args[1], err)
		}
		for _, f := range files {
			path := filepath.Join(args[2], filepath.Base(f.Name))
			if err := os.WriteFile(path, f.Data, 0644); err != nil {
				fail("dump %s: %v", path, err)
			}
		}
	case args[0] == "bench" && len(args) == 3:
		n, err := strconv.Atoi(args[2])
		if err != nil || n <= 0 {
			fail("bench: N %q: a positive integer", args[2])
		}
		bench(store, args[1], n)
	default:
		fail("unknown command %q", strings.Join(args, " "))
	}
}
