#!/usr/bin/env bash
# Brings up the PostgreSQL server the storage tests use: a PRIVATE cluster (nothing else on the machine
# is touched) in $GATEHOUSE_PG_DIR (default /tmp/gatehouse-pg), listening on 127.0.0.1 on a free port,
# with role and database gatehouse/gatehouse (password gatehouse). Idempotent: installs Debian's
# postgresql with apt only when it is missing (run as root or with sudo rights), creates the cluster
# only once, starts it only when it is not running. Writes the JDBC url to $GATEHOUSE_PG_DIR/jdbc-url,
# where the tests find it (GATEHOUSE_PG_URL in the environment overrides it). No systemd needed.
set -euo pipefail
dir="${GATEHOUSE_PG_DIR:-/tmp/gatehouse-pg}"
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() {
  if [ "$(id -un)" = postgres ]; then sh -c "$1"
  elif [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"
  else sudo -u postgres sh -c "$1"; fi
}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "pg-up: installing postgresql"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
fi
bin="$(pg_bin)"

if [ ! -f "$dir/data/PG_VERSION" ]; then
  echo "pg-up: creating a private cluster in $dir/data"
  sudo_ mkdir -p "$dir"
  sudo_ chown postgres:postgres "$dir"
  sudo_ chmod 755 "$dir"
  as_postgres "'$bin/initdb' -D '$dir/data' -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >'$dir/initdb.log'"
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! as_postgres "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
  port="$(cat "$dir/port" 2>/dev/null || echo 55432)"
  while listening "$port"; do port=$((port + 1)); done
  echo "pg-up: starting PostgreSQL on 127.0.0.1:$port (log: $dir/server.log)"
  # a test cluster: durability traded for speed, never for data that matters
  as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 30 -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 \
-c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
  echo "$port" | sudo_ tee "$dir/port" >/dev/null
fi
port="$(cat "$dir/port")"

psql_() { as_postgres "'$bin/psql' -h '$dir' -p $port -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ -z "$(psql_ "SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse'")" ]; then
  psql_ "CREATE ROLE gatehouse LOGIN PASSWORD 'gatehouse'"
fi
if [ -z "$(psql_ "SELECT 1 FROM pg_database WHERE datname = 'gatehouse'")" ]; then
  psql_ "CREATE DATABASE gatehouse OWNER gatehouse"
fi

url="jdbc:postgresql://127.0.0.1:$port/gatehouse"
echo "$url" | sudo_ tee "$dir/jdbc-url" >/dev/null
sudo_ chmod 644 "$dir/jdbc-url"
echo "pg-up: PostgreSQL is up: $url (user gatehouse, password gatehouse; url also in $dir/jdbc-url)"
