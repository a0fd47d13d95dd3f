#!/usr/bin/env bash
# Backs up and restores Kyodo's four databases as one quiet cut (docs/decisions/038-backup-and-restore.md).
# `./dev backup` and `./dev restore` call this around stopping and starting the apps; it touches
# databases and queues only, never a process.
#
#   scripts/backup.sh backup DIR    wait until the queues are empty, dump the four databases and the
#                                   broker's definitions, check nothing moved meanwhile, write DIR/manifest.json
#   scripts/backup.sh check DIR     is DIR a complete backup whose migrations the code knows? (changes nothing)
#   scripts/backup.sh restore DIR   check, restore the four dumps into fresh databases, swap them in, purge the queues
#   scripts/backup.sh restore-reporting DIR
#                                   only reporting's dump, queues kept: the services' events since the backup
#                                   are still owed to it, and it finds and repairs the rest itself (decision 039)
#
# Settings (the local servers of scripts/infra.sh unless set):
#   KYODO_BACKUP_DATABASES   "plan=kyodo_plan budget=kyodo_budget subsidy=kyodo_subsidy reporting=kyodo_reporting"
#   KYODO_BACKUP_VHOST       the broker's virtual host, default /
#   KYODO_BACKUP_DRAIN_SECONDS  how long to wait for the queues to empty, default 60 (0: they must be empty now)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
eval "$("$ROOT/scripts/infra.sh" env)"
export PGHOST=$KYODO_POSTGRES_HOST PGPORT=$KYODO_POSTGRES_PORT PGUSER=$KYODO_POSTGRES_USER PGPASSWORD=$KYODO_POSTGRES_PASSWORD
DATABASES=${KYODO_BACKUP_DATABASES:-"plan=kyodo_plan budget=kyodo_budget subsidy=kyodo_subsidy reporting=kyodo_reporting"}
VHOST=${KYODO_BACKUP_VHOST:-/}
DRAIN_SECONDS=${KYODO_BACKUP_DRAIN_SECONDS:-60}
TRIES=3
STATS_SECONDS=6   # RabbitMQ's management statistics are refreshed every 5 s

say() { printf 'backup: %s\n' "$*"; }
die() { printf 'backup: ERROR: %s\n' "$*" >&2; exit 1; }

# The manifest is JSON: jq writes and reads it (installed from Debian's packages when missing).
ensure_jq() {
  command -v jq >/dev/null && return 0
  [[ $(id -u) -eq 0 ]] || die "jq is missing; install as root: apt-get install --no-install-recommends jq"
  apt-get install -y -qq --no-install-recommends jq >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends jq >/dev/null; }
}

psql_in() { local db=$1; shift; psql -d "$db" -X -Atq -v ON_ERROR_STOP=1 "$@"; }

# "service database" per line.
each_database() { local pair; for pair in $DATABASES; do printf '%s %s\n' "${pair%%=*}" "${pair#*=}"; done; }

vhost_path() { jq -rn --arg v "$VHOST" '$v|@uri'; }

rmq_api() { # method path [curl args]
  local method=$1 path=$2; shift 2
  curl -fsS --max-time 10 -u "$KYODO_RABBITMQ_USER:$KYODO_RABBITMQ_PASSWORD" -X "$method" \
    "http://$KYODO_RABBITMQ_HOST:$KYODO_RABBITMQ_MANAGEMENT_PORT/api/$path" "$@"
}

# name<TAB>messages (ready + unacknowledged) of every queue of the virtual host.
queues() { rmq_api GET "queues/$(vhost_path)?columns=name,messages" | jq -r '.[] | [.name, (.messages // 0)] | @tsv'; }

is_parking_queue() { [[ $1 == *_error || $1 == *_skipped ]]; }

# Messages waiting in ordinary queues: events published and not yet consumed.
queued_messages() {
  local name count total=0
  while IFS=$'\t' read -r name count; do
    [[ -z $name ]] && continue
    is_parking_queue "$name" || total=$((total + count))
  done < <(queues)
  echo "$total"
}

# One line per database: what moves when an event is written, published or consumed there
# ("service rows/max-sequence/pending inbox-rows"; reporting has no outbox).
marks() {
  local service db outbox inbox
  while read -r service db; do
    outbox=0/0/0 inbox=0
    if [[ $(psql_in "$db" -c "SELECT to_regclass('outbox_messages') IS NOT NULL") == t ]]; then
      outbox=$(psql_in "$db" -c "SELECT count(*) || '/' || coalesce(max(sequence), 0) || '/' || count(*) FILTER (WHERE sent_at IS NULL AND dead_lettered_at IS NULL) FROM outbox_messages")
    fi
    if [[ $(psql_in "$db" -c "SELECT to_regclass('inbox_messages') IS NOT NULL") == t ]]; then
      inbox=$(psql_in "$db" -c "SELECT count(*) FROM inbox_messages")
    fi
    printf '%s %s %s\n' "$service" "$outbox" "$inbox"
  done < <(each_database)
}

wait_for_empty_queues() {
  local deadline=$((SECONDS + DRAIN_SECONDS)) waiting
  while waiting=$(queued_messages); [[ $waiting -gt 0 ]]; do
    [[ $SECONDS -ge $deadline ]] && die "$waiting message(s) still wait in the queues of virtual host '$VHOST' after ${DRAIN_SECONDS} s: a backup needs them consumed (are the services running?); nothing written"
    sleep 1
  done
}

# Migration ids the code has for a service (its [Migration] attributes).
code_migrations() {
  local dir="$ROOT/services/Kyodo.${1^}/Data/Migrations"
  grep -rhoE '\[Migration\("[^"]+"\)\]' "$dir" | sed -E 's/.*\("([^"]+)"\).*/\1/' | sort -u
}

applied_migrations() { psql_in "$1" -c 'SELECT "MigrationId" FROM __ef_migrations_history ORDER BY 1'; }

cmd_backup() {
  local dir=$1
  ensure_jq
  [[ -e $dir && -n $(ls -A "$dir" 2>/dev/null) ]] && die "$dir exists and is not empty: give a new folder"
  local service db
  while read -r service db; do
    [[ $(psql_in postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'") == 1 ]] || die "database $db (of $service) does not exist on $PGHOST:$PGPORT; nothing written"
  done < <(each_database)
  queues >/dev/null || die "the broker's management API on $KYODO_RABBITMQ_HOST:$KYODO_RABBITMQ_MANAGEMENT_PORT does not answer for virtual host '$VHOST'; nothing written"

  mkdir -p "$(dirname "$dir")"
  local work; work=$(mktemp -d "${dir%/}.partial.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  local try before after marked
  for try in $(seq 1 $TRIES); do
    wait_for_empty_queues
    before=$(marks) marked=$SECONDS
    while read -r service db; do
      pg_dump -Fc -d "$db" -f "$work/$service.dump" || die "pg_dump of $db failed; nothing written"
    done < <(each_database)
    after=$(marks)
    # The management API's counts are up to STATS_SECONDS old: the last look at the queues must
    # see them as they were after the first marks were read.
    while [[ $SECONDS -lt $((marked + STATS_SECONDS)) ]]; do sleep 1; done
    if [[ $before == "$after" && $(queued_messages) -eq 0 && $(marks) == "$after" ]]; then break; fi
    say "events moved while dumping (try $try of $TRIES): dumping again"
    [[ $try -eq $TRIES ]] && die "events kept moving while dumping ($TRIES tries): something still writes; nothing written"
  done
  rmq_api GET "definitions/$(vhost_path)" >"$work/rabbitmq-definitions.json" || die "reading the broker's definitions failed; nothing written"
  write_manifest "$work" "$after"
  rmdir "$dir" 2>/dev/null || true
  mv "$work" "$dir"
  trap - EXIT
  local parked; parked=$(jq '[.parked_messages[]] | add // 0' "$dir/manifest.json")
  if [[ $parked -gt 0 ]]; then say "WARNING: $parked message(s) parked in _error/_skipped queues are not in this backup (see manifest.json); a restore purges them"; fi
  say "backup written to $dir"
}

write_manifest() { # work-dir marks
  local work=$1 marks=$2 service db databases='[]' parked='{}' name count
  while read -r service db; do
    local mark outbox inbox
    mark=$(awk -v s="$service" '$1 == s { print $2 " " $3 }' <<<"$marks")
    read -r outbox inbox <<<"$mark"
    IFS=/ read -r outbox_rows outbox_max outbox_pending <<<"$outbox"
    databases=$(jq --arg service "$service" --arg db "$db" --arg file "$service.dump" \
      --argjson size "$(stat -c %s "$work/$service.dump")" \
      --argjson dbsize "$(psql_in "$db" -c 'SELECT pg_database_size(current_database())')" \
      --argjson migrations "$(applied_migrations "$db" | jq -R . | jq -s .)" \
      --argjson outbox "{\"rows\":$outbox_rows,\"max_sequence\":$outbox_max,\"pending\":$outbox_pending}" \
      --argjson inbox "$inbox" \
      '. + [{service: $service, database: $db, file: $file, dump_bytes: $size, database_bytes: $dbsize, migrations: $migrations, outbox: $outbox, inbox_rows: $inbox}]' <<<"$databases")
  done < <(each_database)
  while IFS=$'\t' read -r name count; do
    if [[ -n $name ]] && is_parking_queue "$name" && [[ $count -gt 0 ]]; then
      parked=$(jq --arg q "$name" --argjson n "$count" '. + {($q): $n}' <<<"$parked")
    fi
  done < <(queues)
  jq -n --arg time "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)" \
    --arg dirty "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -c1)" \
    --arg pg "$(psql_in postgres -c 'SHOW server_version')" \
    --arg vhost "$VHOST" --argjson databases "$databases" --argjson parked "$parked" \
    '{format: 1, time: $time, kyodo_commit: $commit, kyodo_tree_changed: ($dirty != ""), postgresql_version: $pg,
      rabbitmq_virtual_host: $vhost, rabbitmq_definitions: "rabbitmq-definitions.json",
      databases: $databases, parked_messages: $parked}' >"$work/manifest.json"
}

# Everything a restore needs, checked before anything changes.
cmd_check() {
  local dir=$1
  ensure_jq
  [[ -d $dir ]] || die "$dir is not a folder"
  [[ -f $dir/manifest.json ]] || die "$dir/manifest.json is missing: not a backup of ./dev backup"
  jq -e '.format == 1 and (.databases | type == "array")' "$dir/manifest.json" >/dev/null 2>&1 || die "$dir/manifest.json is not a Kyodo backup manifest (format 1)"
  local service db file unknown
  while read -r service db; do
    file=$(jq -r --arg s "$service" '.databases[] | select(.service == $s) | .file' "$dir/manifest.json")
    [[ -n $file ]] || die "$dir/manifest.json has no database of $service"
    [[ -f $dir/$file ]] || die "$dir/$file (the $service database) is missing"
    pg_restore --list "$dir/$file" >/dev/null 2>&1 || die "$dir/$file (the $service database) is not a readable pg_dump archive"
    unknown=$(comm -23 <(jq -r --arg s "$service" '.databases[] | select(.service == $s) | .migrations[]' "$dir/manifest.json" | sort -u) <(code_migrations "$service"))
    [[ -z $unknown ]] || die "the $service database of this backup has migrations this code does not know (a backup of newer code): $(tr '\n' ' ' <<<"$unknown")"
  done < <(each_database)
}

cmd_restore() {
  local dir=$1
  cmd_check "$dir"
  queues >/dev/null || die "the broker's management API does not answer for virtual host '$VHOST'; nothing changed"
  restore_databases "$dir"
  purge_queues
  say "databases restored from $dir (backup of $(jq -r .time "$dir/manifest.json"))"
}

# Reporting alone, from a backup older than the services: what its queues hold is the current timeline
# (not purged), and what it missed since the backup its gap watch rebuilds from the services (for a
# backup younger than the publishers' outbox retention; beyond it the watch warns, and the rebuild settles it).
cmd_restore_reporting() {
  local dir=$1
  DATABASES=$(each_database | awk '$1 == "reporting" { print $1 "=" $2 }')
  [[ -n $DATABASES ]] || die "no reporting database among KYODO_BACKUP_DATABASES; nothing changed"
  cmd_check "$dir"
  restore_databases "$dir"
  say "reporting restored from $dir (backup of $(jq -r .time "$dir/manifest.json")); the queues are kept"
}

# Each database of DATABASES from DIR into a fresh one, then all swapped in; a failure changes none.
restore_databases() {
  local dir=$1
  local stamp service db file restoring; stamp=$(date -u +%Y%m%d%H%M%S)
  # Into fresh databases first: a failure leaves the current ones as they were.
  local made=()
  trap 'for d in "${made[@]}"; do psql_in postgres -c "DROP DATABASE IF EXISTS \"$d\"" || true; done' EXIT
  while read -r service db; do
    file=$(jq -r --arg s "$service" '.databases[] | select(.service == $s) | .file' "$dir/manifest.json")
    restoring="${db}_restoring_$stamp"
    psql_in postgres -c "CREATE DATABASE \"$restoring\""
    made+=("$restoring")
    pg_restore --no-owner --exit-on-error -d "$restoring" "$dir/$file" || die "restoring $dir/$file into $restoring failed; the current databases are unchanged"
    verify_restored "$dir" "$service" "$restoring"
    say "$service: restored into $restoring"
  done < <(each_database)
  # All four restored: swap them in (each old one renamed aside, then dropped once all are in).
  while read -r service db; do
    psql_in postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db'" >/dev/null
    if [[ $(psql_in postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'") == 1 ]]; then
      psql_in postgres -c "ALTER DATABASE \"$db\" RENAME TO \"${db}_before_restore_$stamp\""
    fi
    psql_in postgres -c "ALTER DATABASE \"${db}_restoring_$stamp\" RENAME TO \"$db\""
  done < <(each_database)
  made=()
  trap - EXIT
  while read -r service db; do
    psql_in postgres -c "DROP DATABASE IF EXISTS \"${db}_before_restore_$stamp\""
  done < <(each_database)
}

# The restored database holds exactly the backup's migrations.
verify_restored() { # dir service database
  local expected actual
  expected=$(jq -r --arg s "$2" '.databases[] | select(.service == $s) | .migrations[]' "$1/manifest.json" | sort)
  actual=$(applied_migrations "$3" | sort)
  [[ $expected == "$actual" ]] || die "$3 holds other migrations than the backup's manifest says; the current databases are unchanged"
}

# What the queues hold was published after the backup: consumed, it would apply writes the restored
# databases no longer have. Parking queues too: their messages belong to the same lost timeline.
purge_queues() {
  local name count path; path=$(vhost_path)
  while IFS=$'\t' read -r name count; do
    [[ -z $name ]] && continue
    rmq_api DELETE "queues/$path/$(jq -rn --arg q "$name" '$q|@uri')/contents" >/dev/null
    if [[ $count -gt 0 ]]; then say "queue $name: purged $count message(s)"; fi
  done < <(queues)
  return 0
}

case "${1:-}" in
  backup) [[ -n ${2:-} ]] || die "usage: scripts/backup.sh backup DIR"; cmd_backup "$2" ;;
  check) [[ -n ${2:-} ]] || die "usage: scripts/backup.sh check DIR"; cmd_check "$2"; say "$2 is a complete backup this code can restore" ;;
  restore) [[ -n ${2:-} ]] || die "usage: scripts/backup.sh restore DIR"; cmd_restore "$2" ;;
  restore-reporting) [[ -n ${2:-} ]] || die "usage: scripts/backup.sh restore-reporting DIR"; cmd_restore_reporting "$2" ;;
  *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
