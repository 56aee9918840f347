#!/bin/sh
# make demo: the teams/players walkthrough (tool/demo.sql) in the sqlite3
# shell, on an in-memory database.
set -eu
cd "$(dirname "$0")/.."
if ! command -v sqlite3 >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq sqlite3 >/dev/null
  fi
fi
sqlite3 :memory: <tool/demo.sql
