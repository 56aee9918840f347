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
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dqlite.h>
#include <sqlite3.h>
#include "relview.h"

/* SIGTERM and SIGINT, in whichever thread they arrive (libdqlite's own
** threads do not block them), write a byte that main() waits for */
static int aStopPipe[2];
static void on_stop(int sig){
  char c = (char)sig;
  (void)!write(aStopPipe[1], &c, 1);
}

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
  struct sigaction sa;
  char c;
  int i, rc;

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

  signal(SIGPIPE, SIG_IGN);
  if( pipe(aStopPipe) ){
    perror("relview-node: pipe");
    return 1;
  }
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_stop;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, 0);
  sigaction(SIGINT, &sa, 0);
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

  while( read(aStopPipe[0], &c, 1)<0 && errno==EINTR ){}
  dqlite_node_stop(node);
  dqlite_node_destroy(node);
  return 0;
}
