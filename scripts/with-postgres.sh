#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: initdb into a temporary directory, listen only on
# 127.0.0.1 on a free port, export UNISYNC_TEST_POSTGRES_URL, run the command, then stop the server and
# delete its files (also when the command fails or is interrupted).
#
#   scripts/with-postgres.sh mvn -B verify
#
# Needs the PostgreSQL server binaries (Debian package `postgresql`); installs them with apt-get when
# they are missing and this user may do so. As root the server runs as the `postgres` OS user, since
# PostgreSQL refuses to run as root.
set -euo pipefail

log() { printf '[with-postgres] %s\n' "$*" >&2; }

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return 0
  fi
  return 1
}

if ! PG_BIN=$(find_pg_bin); then
  log "PostgreSQL server binaries not found; installing the Debian package 'postgresql'"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    log "cannot install PostgreSQL: not root and no sudo. Install the 'postgresql' package and retry."
    exit 1
  fi
  PG_BIN=$(find_pg_bin) || { log "PostgreSQL installation did not provide initdb/pg_ctl"; exit 1; }
fi

as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$(( (RANDOM % 20000) + 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  return 1
}

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/unisync-pg.XXXXXX")
chmod 755 "$PG_DIR"
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$PG_DIR"
fi
PG_PORT=$(free_port) || { log "no free port found"; exit 1; }

cleanup() {
  local status=$?
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "starting PostgreSQL ($("$PG_BIN/postgres" --version | awk '{print $3}')) on 127.0.0.1:$PG_PORT"
as_pg_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U unisync --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
  || as_pg_user "$PG_BIN/initdb" -D "$PG_DIR/data" -U unisync --auth=trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
  || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
# Durability settings are off: this server lives for one test run and is thrown away.
as_pg_user "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$PG_DIR/server.log" >&2; exit 1; }
as_pg_user "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U unisync unisync_test

export UNISYNC_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/unisync_test?user=unisync"
log "UNISYNC_TEST_POSTGRES_URL=$UNISYNC_TEST_POSTGRES_URL"
set +e
"$@"
status=$?
set -e
exit "$status"
