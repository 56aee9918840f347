/*
** relview-node: one dqlite node whose SQLite connections all have relview.
**
**   relview-node --id N --address HOST:PORT --dir DIR
**                [--latency-ms MS] [--snapshot THRESHOLD,TRAILING]
**
** dqlite opens its connections itself (sqlite3_open_v2 in its leader and
** follower code) and offers no extension hook, so relview is registered
** with sqlite3_auto_extension() before the node starts: every connection
** the node opens then has it.  Every node of a cluster must run so.  Node 1
** bootstraps a new cluster; the others join it when a client adds them
** (tool/dqlite/join).  --latency-ms sets the one-way network latency
** dqlite derives its heartbeat and election timeouts from;
** --snapshot sets when a node snapshots (dqlite needs TRAILING >=
** THRESHOLD and TRAILING >= 4).  libdqlite does not ignore SIGPIPE, which
** would end the node when a peer dies: this program ignores it.  It prints
** "ready" once the node serves, and stops on SIGTERM or SIGINT.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dqlite.h>
#include <sqlite3.h>
#include "relview.h"

static void usage(void){
  fprintf(stderr, "usage: relview-node --id N --address HOST:PORT --dir DIR"
                  " [--latency-ms MS] [--snapshot THRESHOLD,TRAILING]\n");
  exit(2);
}

int main(int argc, char **argv){
  unsigned long long id = 0;
  const char *zAddr = 0, *zDir = 0;
  unsigned latency = 0, threshold = 0, trailing = 0;
  dqlite_node *node = 0;
  sigset_t set;
  int i, sig, rc;

  for(i=1; i+1<argc; i+=2){
    if( strcmp(argv[i], "--id")==0 ) id = strtoull(argv[i+1], 0, 10);
    else if( strcmp(argv[i], "--address")==0 ) zAddr = argv[i+1];
    else if( strcmp(argv[i], "--dir")==0 ) zDir = argv[i+1];
    else if( strcmp(argv[i], "--latency-ms")==0 ) latency = atoi(argv[i+1]);
    else if( strcmp(argv[i], "--snapshot")==0 ){
      if( sscanf(argv[i+1], "%u,%u", &threshold, &trailing)!=2 ) usage();
    }else usage();
  }
  if( i!=argc || id==0 || zAddr==0 || zDir==0 ) usage();

  /* SIGTERM and SIGINT wait for sigwait() below, in every thread dqlite
  ** starts too */
  signal(SIGPIPE, SIG_IGN);
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigprocmask(SIG_BLOCK, &set, 0);
  rc = sqlite3_auto_extension((void(*)(void))sqlite3_relview_init);
  if( rc!=SQLITE_OK ){
    fprintf(stderr, "relview-node: cannot register relview: %s\n",
            sqlite3_errstr(rc));
    return 1;
  }
  if( dqlite_node_create(id, zAddr, zDir, &node)
   || dqlite_node_set_bind_address(node, zAddr)
   || (latency && dqlite_node_set_network_latency_ms(node, latency))
   || (threshold && dqlite_node_set_snapshot_params(node, threshold, trailing))
   || dqlite_node_start(node) ){
    fprintf(stderr, "relview-node: node %llu at %s: %s\n", id, zAddr,
            node ? dqlite_node_errmsg(node) : "cannot create");
    if( node ) dqlite_node_destroy(node);
    return 1;
  }
  printf("ready %llu %s\n", id, zAddr);
  fflush(stdout);

  sigwait(&set, &sig);
  dqlite_node_stop(node);
  dqlite_node_destroy(node);
  return 0;
}
