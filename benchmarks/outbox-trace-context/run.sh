#!/usr/bin/env bash
# What storing the trace context with each outbox row costs: pgbench inserts outbox rows
# shaped as the services write them (a ~600-byte jsonb payload, the unsent-row partial index),
# without and with the 55-character trace_parent, in alternating rounds in one run, and prints
# transactions/s, average latency and their ratio beside the load average and the PostgreSQL
# settings used. Needs only the servers scripts/infra.sh starts; uses a scratch database of its
# own, dropped at the end.
#   benchmarks/outbox-trace-context/run.sh [--seconds 10] [--rounds 3] [--clients 8]
set -euo pipefail
seconds=10 rounds=3 clients=8
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;; --rounds) rounds=$2; shift 2 ;; --clients) clients=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds N] [--rounds N] [--clients N]" >&2; exit 2 ;;
  esac
done
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
eval "$("$ROOT/scripts/infra.sh" env)"
export PGHOST=$KYODO_POSTGRES_HOST PGPORT=$KYODO_POSTGRES_PORT PGUSER=$KYODO_POSTGRES_USER PGPASSWORD=$KYODO_POSTGRES_PASSWORD
db="bench_outbox_trace_$$"
work=$(mktemp -d)
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
createdb "$db"
psql -q -d "$db" <<'SQL'
CREATE TABLE outbox_messages (
  sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id uuid NOT NULL UNIQUE,
  message_type varchar(300) NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  sent_at timestamptz, dead_lettered_at timestamptz,
  attempts int NOT NULL DEFAULT 0, last_error text,
  trace_parent varchar(55));
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (sequence) WHERE sent_at IS NULL AND dead_lettered_at IS NULL;
SQL
payload=$(printf '{"eventId":"%s","occurredAt":"2026-12-01T09:00:00+09:00","municipalityCode":"20208","applicationId":"%s","programName":"%s","courseName":"%s","fiscalYear":2026,"round":1,"applicantName":"%s","projectTitle":"%s","from":"UnderReview","to":"Awarded","requestedYen":200000,"awardedYen":200000,"settledYen":0,"by":"tanaka","revision":3}' \
  00000000-0000-0000-0000-000000000000 00000000-0000-0000-0000-000000000000 小諸市協働のまちづくり補助金 チャレンジ 市民活動団体 地域の見守り活動)
printf "INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at) VALUES (gen_random_uuid(), 'Kyodo.Contracts.Subsidy.ApplicationStatusChanged', '%s', now());\n" "$payload" >"$work/without.sql"
printf "INSERT INTO outbox_messages (message_id, message_type, payload, occurred_at, trace_parent) VALUES (gen_random_uuid(), 'Kyodo.Contracts.Subsidy.ApplicationStatusChanged', '%s', now(), '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');\n" "$payload" >"$work/with.sql"

echo "PostgreSQL: $(psql -Atc 'SHOW server_version' -d "$db"), fsync=$(psql -Atc 'SHOW fsync' -d "$db"), synchronous_commit=$(psql -Atc 'SHOW synchronous_commit' -d "$db"), shared_buffers=$(psql -Atc 'SHOW shared_buffers' -d "$db")"
echo "pgbench: $clients clients, $seconds s per run, $rounds rounds alternating which goes first"
run() { # script → "tps latency_ms" (pgbench's own errors in $work/<script>.err)
  pgbench -n -c "$clients" -j 2 -T "$seconds" -f "$work/$1.sql" "$db" 2>"$work/$1.err" |
    awk '/^latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%.0f %.3f\n", tps, lat}'
}
printf '%-6s %-8s %10s %12s %14s\n' round variant "tx/s" "latency ms" "load (1 min)"
for r in $(seq 1 "$rounds"); do
  order=(without with); ((r % 2 == 0)) && order=(with without)
  for variant in "${order[@]}"; do
    read -r tps lat < <(run "$variant")
    printf '%-6s %-8s %10s %12s %14s\n' "$r" "$variant" "$tps" "$lat" "$(cut -d' ' -f1 /proc/loadavg)"
    echo "$variant $tps $lat" >>"$work/results"
  done
done
awk '{n[$1]++; t[$1]+=$2; l[$1]+=$3} END {
  printf "mean without: %.0f tx/s %.3f ms; with trace_parent: %.0f tx/s %.3f ms; with/without: tx/s %.3f, latency %.3f\n",
    t["without"]/n["without"], l["without"]/n["without"], t["with"]/n["with"], l["with"]/n["with"],
    (t["with"]/n["with"])/(t["without"]/n["without"]), (l["with"]/n["with"])/(l["without"]/n["without"]) }' "$work/results"
echo "table size after the run: $(psql -Atc "SELECT pg_size_pretty(pg_total_relation_size('outbox_messages'))" -d "$db"), $(psql -Atc 'SELECT count(*) FROM outbox_messages' -d "$db") rows"
