#!/usr/bin/env bash
# A PostgreSQL server of the benchmark's own with the durable settings production runs with
# (fsync=on, synchronous_commit=on, full_page_writes=on), for the README's durable run. The shared
# local server (scripts/infra.sh) runs with fsync off and is never restarted for this: this one has
# its own data directory and port, and the benchmarks use it through KYODO_POSTGRES_PORT.
#
#   benchmarks/postgres-durable.sh start   initialise (first time) and start it; prints where it listens
#   benchmarks/postgres-durable.sh env     `export` lines pointing the benchmarks at it
#   benchmarks/postgres-durable.sh stop    stop it (its data stays; delete the directory to drop it)
#
#   sudo-less: run as root (the server runs as the OS user postgres, as scripts/infra.sh does).
#   KYODO_DURABLE_PG_PORT (55440) and KYODO_DURABLE_PG_DIR (/var/tmp/kyodo-postgres-durable) move it.
#
# Then, for example:
#   eval "$(benchmarks/postgres-durable.sh env)"
#   KYODO_TEST_INFRA=local dotnet run -c Release --project benchmarks/Kyodo.Calls.Benchmarks
set -euo pipefail
PORT="${KYODO_DURABLE_PG_PORT:-55440}"
DIR="${KYODO_DURABLE_PG_DIR:-/var/tmp/kyodo-postgres-durable}"
DATA="$DIR/data"
USER_NAME=kyodo
PASSWORD=kyodo   # the same fixed development credentials as scripts/infra.sh's server
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

die() { echo "postgres-durable: ERROR: $*" >&2; exit 1; }
[[ -x "$BIN/postgres" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql (scripts/infra.sh installs them)"
as_postgres() { runuser -u postgres -- "$@"; }

start() {
  [[ $(id -u) -eq 0 ]] || die "run as root (the server runs as the OS user postgres)"
  mkdir -p "$DIR" && chown postgres: "$DIR" && chmod 700 "$DIR"
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    local pwfile; pwfile="$(mktemp)"; echo "$PASSWORD" >"$pwfile"; chown postgres: "$pwfile"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" --auth-local=peer --auth-host=scram-sha-256 >/dev/null
    rm -f "$pwfile"
  fi
  if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w start -o \
      "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300" >/dev/null
  fi
  as_postgres psql -h "$DIR" -p "$PORT" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
    CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
  echo "postgres-durable: listening on 127.0.0.1:$PORT (data $DATA): $(as_postgres psql -h "$DIR" -p "$PORT" -U postgres -d postgres -qAt \
    -c "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync','synchronous_commit','full_page_writes')")"
}

case "${1:-}" in
  start) start ;;
  stop) [[ -f "$DATA/PG_VERSION" ]] && as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast stop || true ;;
  env) printf 'export KYODO_POSTGRES_HOST=127.0.0.1 KYODO_POSTGRES_PORT=%s KYODO_POSTGRES_USER=%s KYODO_POSTGRES_PASSWORD=%s\n' "$PORT" "$USER_NAME" "$PASSWORD" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
