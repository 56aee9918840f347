// join: manage a dqlite cluster: add a node, show the cluster, move the
// leadership, copy the leader's database files.
//
//	join -s HOST:PORT[,...] add ID ADDRESS   add node ID at ADDRESS as a voter
//	join -s HOST:PORT[,...] cluster          the nodes, their roles, the leader
//	join -s HOST:PORT[,...] transfer ID      make node ID the leader
//	join -s HOST:PORT[,...] dump DB DIR      the leader's files of database DB
//	                                         (the database and its WAL) into DIR
//
// It asks the servers given for the leader and sends the request there
// (go-dqlite's client, from Debian's golang-github-canonical-go-dqlite-dev).
// SQL goes through the dqlite shell (go-dqlite's "dqlite" command).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/canonical/go-dqlite/client"
)

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
	default:
		fail("unknown command %q", strings.Join(args, " "))
	}
}
