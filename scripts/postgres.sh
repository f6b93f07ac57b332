#!/usr/bin/env bash
# Starts a throw-away PostgreSQL (Debian's package) on 127.0.0.1:${CQS_PG_PORT:-54329} and prints the URL the
# tests read from CQS_TEST_POSTGRES_URL. Usage: eval "$(scripts/postgres.sh)"
set -euo pipefail
PORT="${CQS_PG_PORT:-54329}"
DATA="${CQS_PG_DATA:-/tmp/cqs-postgres}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then
  rm -rf "$DATA" && mkdir -p "$DATA" && chown postgres:postgres "$DATA"
  su postgres -c "$BIN/initdb -D $DATA -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -c "$BIN/pg_ctl -D $DATA -l $DATA/server.log -w -o '-h 127.0.0.1 -p $PORT -k /tmp -c max_connections=300 -c fsync=off' start" >/dev/null
fi
echo "export CQS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
