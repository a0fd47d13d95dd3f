#!/usr/bin/env bash
# Local test infrastructure for this repository: PostgreSQL + RabbitMQ, run as
# ordinary background processes (no Docker, no systemd) under <repo>/.local/.
#
# Usage: scripts/infra.sh {start|stop|reset|status|env}
#
#   start   start both servers (installs rabbitmq-server via apt when missing)
#           and wait until they accept connections; harmless when already up
#   stop    stop both servers; harmless when not running
#   reset   stop, delete all their data, start fresh
#   status  print state and addresses; exit 0 if both are up, 3 otherwise
#   env     print `export NAME=value` lines: eval "$(scripts/infra.sh env)"
#
# start/stop/reset must run as root: the servers run as the OS users
# `postgres` and `rabbitmq` (PostgreSQL refuses to run as root).
#
# PostgreSQL's durability follows KYODO_PG_DURABILITY (read by start):
#   durable  (the default) fsync, synchronous_commit and full_page_writes on, as
#            PostgreSQL ships: an acknowledged write survives a crash
#   fast     all three off, for the test suite and benchmarks only: a crash of the
#            server (not of a client) can lose acknowledged writes or corrupt data
# A start against a running server switches it to the mode asked (a reload; turning
# fsync back on checkpoints and syncs what was written without it). The credentials
# are fixed: this is a developer's machine, never a deployment.
set -euo pipefail

# ---------------------------------------------------------------------------
# Fixed settings (other code depends on exactly these values)
# ---------------------------------------------------------------------------
HOST=127.0.0.1
PG_PORT=55432
PG_USER=kyodo
PG_PASSWORD=kyodo
RMQ_PORT=55672          # AMQP
RMQ_MGMT_PORT=55673     # management plugin HTTP API
RMQ_DIST_PORT=55674     # Erlang distribution (used by rabbitmqctl)
RMQ_NODE=kyodo@localhost
RMQ_USER=kyodo
RMQ_PASSWORD=kyodo
WAIT_SECONDS=60
PG_DURABILITY="${KYODO_PG_DURABILITY:-durable}"
case "$PG_DURABILITY" in
    durable|fast) ;;
    *) echo "infra: ERROR: KYODO_PG_DURABILITY must be durable or fast, not '$PG_DURABILITY'" >&2; exit 2 ;;
esac

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
LOCAL_LINK="$REPO_DIR/.local"
# Server data lives in <repo>/.local. When the postgres/rabbitmq users cannot reach the
# repository (a clone under a private folder such as /root), .local becomes a symlink to
# a folder they can reach, and its real path is used so they never pass through the
# repository's parents (see prepare_local_dir).
LOCAL_DIR="$(readlink -m "$LOCAL_LINK")"
ORIGINAL_ARGS=("$@")

PG_DIR="$LOCAL_DIR/postgres"          # also holds the unix socket
PG_DATA="$PG_DIR/data"
PG_LOG="$PG_DIR/postgres.log"

RMQ_DIR="$LOCAL_DIR/rabbitmq"
RMQ_MNESIA="$RMQ_DIR/mnesia"
RMQ_LOGDIR="$RMQ_DIR/log"
RMQ_CONF="$RMQ_DIR/rabbitmq.conf"
RMQ_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
RMQ_PIDFILE="$RMQ_DIR/rabbitmq.pid"
RMQ_STARTUP_LOG="$RMQ_LOGDIR/startup.log"    # stdout/stderr of the server script
RMQ_NODE_LOG="$RMQ_LOGDIR/$RMQ_NODE.log"     # RabbitMQ's own log
# Call the real scripts, not the /usr/sbin wrappers: the wrappers re-quote
# arguments and go through `su`; we switch user ourselves with runuser.
RMQ_BIN=/usr/lib/rabbitmq/bin
# The rabbitmq user's home holds the Erlang cookie (created by the Debian
# package). Server and rabbitmqctl must use the same HOME to share it; keeping
# the default also lets a plain `rabbitmqctl -n kyodo@localhost ...` work.
RMQ_HOME=/var/lib/rabbitmq

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
say() { echo "infra: $*"; }
die() { echo "infra: ERROR: $*" >&2; exit 1; }

require_root() {
    [ "$(id -u)" -eq 0 ] || die "'$1' must run as root (servers run as the postgres/rabbitmq OS users)"
}

# Run a command as another OS user (environment is passed through; runuser
# resets HOME/SHELL/USER/LOGNAME only).
as_user() {
    local user=$1; shift
    runuser -u "$user" -- "$@"
}

# True if something accepts TCP connections on 127.0.0.1:$1.
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Fail with a clear message if a port we need is taken by someone else.
require_port_free() {
    local port=$1 what=$2
    if port_open "$port"; then
        echo "infra: ERROR: port $port ($what) on $HOST is already in use by another process:" >&2
        ss -ltnpH "sport = :$port" 2>/dev/null | sed 's/^/    /' >&2 || true
        exit 1
    fi
}

show_log_tail() {
    local f
    for f in "$@"; do
        [ -f "$f" ] || continue
        echo "----- last 30 lines of $f -----" >&2
        tail -n 30 "$f" >&2
    done
}

# .local and the service folders must be traversable by the service users
# even when the repository is owned by root (only .local is touched).
prepare_local_dir() {
    mkdir -p "$LOCAL_DIR"
    chmod o+x "$LOCAL_DIR"
    # A parent directory may still block the service users: move the data out of their way.
    if ! as_user postgres test -x "$LOCAL_DIR"; then
        [ -L "$LOCAL_LINK" ] && die "user 'postgres' cannot reach $LOCAL_DIR (a parent directory is not traversable)"
        local outside
        outside="/var/lib/kyodo-local/$(printf '%s' "$REPO_DIR" | sha1sum | cut -c1-12)"
        say "users postgres/rabbitmq cannot reach $REPO_DIR: keeping server data in $outside (linked as .local)"
        mkdir -p "$outside"
        chmod 711 /var/lib/kyodo-local "$outside"
        cp -a "$LOCAL_DIR"/. "$outside"/
        rm -rf "$LOCAL_DIR"
        ln -s "$outside" "$LOCAL_LINK"
        exec "$0" "${ORIGINAL_ARGS[@]}"
    fi
}

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------
pg_psql() {
    PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=3 \
        psql -h "$HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -X -Atq "$@"
}

pg_accepting() { pg_psql -c 'select 1' >/dev/null 2>&1; }

pg_running() {
    [ -f "$PG_DATA/PG_VERSION" ] && as_user postgres pg_ctl -D "$PG_DATA" status >/dev/null 2>&1
}

pg_init() {
    mkdir -p "$PG_DIR"
    chown postgres:postgres "$PG_DIR"
    # 755: other local users may reach the unix socket (access still needs the password)
    chmod 755 "$PG_DIR"
    if [ -f "$PG_DATA/PG_VERSION" ]; then
        return
    fi
    rm -rf "$PG_DATA"      # leftovers of an interrupted initdb
    say "postgres: initializing $PG_DATA"
    local pwfile="$PG_DIR/.pwfile"
    ( umask 077; printf '%s\n' "$PG_PASSWORD" >"$pwfile" )
    chown postgres:postgres "$pwfile"
    # The bootstrap superuser is kyodo itself, so no extra role setup needed.
    if ! as_user postgres initdb -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
            --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1; then
        rm -f "$pwfile"
        show_log_tail "$PG_DIR/initdb.log"
        die "postgres: initdb failed"
    fi
    rm -f "$pwfile"
    echo "include 'kyodo.conf'" >>"$PG_DATA/postgresql.conf"
}

# A quarter of the memory /proc/meminfo reports, in MB, at least PostgreSQL's default 128MB.
pg_shared_buffers() {
    local mb=$(( $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 4 / 1024 ))
    (( mb < 128 )) && mb=128
    echo "${mb}MB"
}

# (Re)written on every start so the configuration always matches this script.
pg_write_config() {
    cat >"$PG_DATA/kyodo.conf" <<EOF
# Generated by scripts/infra.sh on every start -- edit the script, not this file.
listen_addresses = '$HOST'
port = $PG_PORT
unix_socket_directories = '$PG_DIR'
# Tests create many databases and connection pools.
max_connections = 300
# A quarter of this machine's memory, PostgreSQL's own starting point for a server of its own
# (its default, 128MB, is sized for a small machine). The national benchmark's reporting database
# is 4-5 GiB: with 128MB its backlog drain spent a quarter of its writes' time reading pages back
# from the kernel and writing dirty ones out to make room (decision 046); with 2GB it still read
# pages back (pread, about 4 % of PostgreSQL's CPU; decision 050).
shared_buffers = $(pg_shared_buffers)
password_encryption = 'scram-sha-256'
$(pg_durability_settings)
EOF
    cat >"$PG_DATA/pg_hba.conf" <<EOF
# Generated by scripts/infra.sh on every start.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  scram-sha-256
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
    chown postgres:postgres "$PG_DATA/kyodo.conf" "$PG_DATA/pg_hba.conf"
}

# The settings of PG_DURABILITY (see the header). All three take effect on a reload.
pg_durability_settings() {
    if [ "$PG_DURABILITY" = fast ]; then
        printf '%s\n' "# KYODO_PG_DURABILITY=fast: TESTS AND BENCHMARKS ONLY. A server crash can lose acknowledged writes." \
            "fsync = off" "synchronous_commit = off" "full_page_writes = off"
    else
        printf '%s\n' "# KYODO_PG_DURABILITY=durable: PostgreSQL's own defaults." \
            "fsync = on" "synchronous_commit = on" "full_page_writes = on"
    fi
}

pg_fsync_setting() { pg_psql -c 'SHOW fsync' 2>/dev/null || echo unknown; }

# A running server takes the mode asked by a reload. When fsync comes back on, what was written
# without it may still sit in the kernel's cache only: a checkpoint and sync put it on disk.
pg_apply_durability() {
    local was now want=on
    [ "$PG_DURABILITY" = fast ] && want=off
    was=$(pg_fsync_setting)
    [ "$was" = "$want" ] && return 0
    pg_write_config
    as_user postgres pg_ctl -D "$PG_DATA" reload >/dev/null
    local deadline=$((SECONDS + 10))
    until now=$(pg_fsync_setting); [ "$now" = "$want" ]; do
        [ "$SECONDS" -ge "$deadline" ] && die "postgres: the reload did not set fsync=$want (log: $PG_LOG)"
        sleep 0.2
    done
    if [ "$want" = on ]; then
        pg_psql -c 'CHECKPOINT' >/dev/null
        sync
    fi
}

pg_describe_durability() {
    if [ "$PG_DURABILITY" = fast ]; then
        say "postgres: durability FAST (fsync, synchronous_commit, full_page_writes off): for tests and benchmarks only"
    else
        say "postgres: durability on (fsync, synchronous_commit, full_page_writes on)"
    fi
}

pg_start() {
    if pg_running; then
        say "postgres: already running"
    else
        require_port_free "$PG_PORT" "PostgreSQL"
        pg_init
        pg_write_config
        say "postgres: starting on $HOST:$PG_PORT"
        # pg_ctl detaches the postmaster (setsid, stdin from /dev/null), so it
        # outlives this script; -w waits until it accepts connections.
        if ! as_user postgres pg_ctl -D "$PG_DATA" -l "$PG_LOG" \
                -w -t "$WAIT_SECONDS" start >/dev/null 2>&1; then
            show_log_tail "$PG_LOG"
            die "postgres: did not start within ${WAIT_SECONDS}s (log: $PG_LOG)"
        fi
    fi
    # pg_ctl -w only knows the postmaster is up; also check a real login works.
    local deadline=$((SECONDS + WAIT_SECONDS))
    until pg_accepting; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            show_log_tail "$PG_LOG"
            die "postgres: not accepting connections as $PG_USER on $HOST:$PG_PORT after ${WAIT_SECONDS}s"
        fi
        sleep 1
    done
    pg_apply_durability
    say "postgres: ready at $HOST:$PG_PORT (user $PG_USER)"
    pg_describe_durability
}

pg_stop() {
    if pg_running; then
        say "postgres: stopping"
        as_user postgres pg_ctl -D "$PG_DATA" -m fast -w -t "$WAIT_SECONDS" stop >/dev/null
        say "postgres: stopped"
    else
        say "postgres: not running"
    fi
}

# ---------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------
rmq_installed() {
    [ -x "$RMQ_BIN/rabbitmq-server" ] && id rabbitmq >/dev/null 2>&1
}

# Install the Debian package without letting it start the system service
# (Debian's default node on 5672 would otherwise be started by invoke-rc.d).
rmq_install() {
    say "rabbitmq: rabbitmq-server not installed; installing with apt-get"
    local policy=/usr/sbin/policy-rc.d backup=/usr/sbin/policy-rc.d.infra-sh-backup
    if [ -e "$policy" ]; then
        cp -p "$policy" "$backup"
    fi
    # Restore the previous policy-rc.d even if apt fails or we are interrupted.
    # shellcheck disable=SC2064
    trap "if [ -e '$backup' ]; then mv -f '$backup' '$policy'; else rm -f '$policy'; fi" EXIT
    printf '#!/bin/sh\n# temporary, from scripts/infra.sh: do not start services\nexit 101\n' >"$policy"
    chmod 755 "$policy"

    local aptlog="$LOCAL_DIR/apt-install.log"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -q && apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
            rabbitmq-server; } >"$aptlog" 2>&1; then
        show_log_tail "$aptlog"
        die "rabbitmq: apt-get install rabbitmq-server failed (log: $aptlog)"
    fi

    if [ -e "$backup" ]; then mv -f "$backup" "$policy"; else rm -f "$policy"; fi
    trap - EXIT
    rmq_installed || die "rabbitmq: installation finished but $RMQ_BIN/rabbitmq-server is missing"
    say "rabbitmq: installed $(dpkg-query -W -f '${Version}' rabbitmq-server)"
}

# rabbitmqctl against OUR node, as the rabbitmq user so it reads the same
# Erlang cookie. RABBITMQ_DIST_PORT is deliberately NOT passed: the CLI would
# derive its own port range as DIST_PORT+10000 (>65535).
rmqctl() {
    timeout 90 runuser -u rabbitmq -- env -C "$RMQ_HOME" HOME="$RMQ_HOME" \
        "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@"
}

# Pid of our running node, from its pid file. The node name is not on the
# beam command line, so check the process environment to make sure a stale
# pid reused by another process is not mistaken for our node (needs root).
rmq_pid() {
    local pid
    [ -f "$RMQ_PIDFILE" ] || return 1
    pid=$(tr -dc '0-9' <"$RMQ_PIDFILE")
    [ -n "$pid" ] && [ -r "/proc/$pid/environ" ] || return 1
    grep -qzx -- "RABBITMQ_NODENAME=$RMQ_NODE" "/proc/$pid/environ" 2>/dev/null || return 1
    echo "$pid"
}

rmq_running() { rmq_pid >/dev/null; }

rmq_api() {
    curl -fsS --max-time 5 -u "$RMQ_USER:$RMQ_PASSWORD" "http://$HOST:$RMQ_MGMT_PORT/api/$1"
}

rmq_accepting() { port_open "$RMQ_PORT" && rmq_api whoami >/dev/null 2>&1; }

# (Re)written on every start so the configuration always matches this script.
rmq_write_config() {
    mkdir -p "$RMQ_MNESIA" "$RMQ_LOGDIR"
    cat >"$RMQ_CONF" <<EOF
# Generated by scripts/infra.sh on every start -- edit the script, not this file.
listeners.tcp.local = $HOST:$RMQ_PORT
management.tcp.ip   = $HOST
management.tcp.port = $RMQ_MGMT_PORT
# Allow our non-guest users (and guest) to connect; everything is on 127.0.0.1 anyway.
loopback_users = none
EOF
    echo '[rabbitmq_management].' >"$RMQ_PLUGINS_FILE"
    chown -R rabbitmq:rabbitmq "$RMQ_DIR"
    chmod 750 "$RMQ_DIR"
}

rmq_ensure_user() {
    if rmq_api whoami >/dev/null 2>&1; then
        return       # kyodo already logs in; nothing to do
    fi
    say "rabbitmq: creating user $RMQ_USER"
    if rmqctl list_users --quiet --no-table-headers 2>/dev/null | awk '{print $1}' | grep -qx "$RMQ_USER"; then
        rmqctl change_password "$RMQ_USER" "$RMQ_PASSWORD" >/dev/null
    else
        rmqctl add_user "$RMQ_USER" "$RMQ_PASSWORD" >/dev/null
    fi
    rmqctl set_user_tags "$RMQ_USER" administrator >/dev/null
    rmqctl set_permissions -p / "$RMQ_USER" '.*' '.*' '.*' >/dev/null
}

rmq_fail() {
    show_log_tail "$RMQ_STARTUP_LOG" "$RMQ_NODE_LOG"
    die "rabbitmq: $* (logs: $RMQ_LOGDIR)"
}

rmq_start() {
    local launcher=
    if rmq_running; then
        say "rabbitmq: already running"
    else
        require_port_free "$RMQ_PORT" "RabbitMQ AMQP"
        require_port_free "$RMQ_MGMT_PORT" "RabbitMQ management"
        require_port_free "$RMQ_DIST_PORT" "RabbitMQ Erlang distribution"
        rmq_write_config
        rm -f "$RMQ_PIDFILE"
        say "rabbitmq: starting node $RMQ_NODE (AMQP $HOST:$RMQ_PORT, management $HOST:$RMQ_MGMT_PORT)"
        # Detached (setsid: own session; nohup; no stdin) so it outlives this
        # script. $! is runuser, which lives exactly as long as the server.
        # The extra Erlang args bind the distribution port, and ERL_EPMD_ADDRESS
        # the epmd daemon (port 4369, started by the node), to loopback only.
        setsid nohup runuser -u rabbitmq -- env -C "$RMQ_DIR" \
            HOME="$RMQ_HOME" \
            RABBITMQ_NODENAME="$RMQ_NODE" \
            RABBITMQ_NODE_IP_ADDRESS="$HOST" \
            RABBITMQ_NODE_PORT="$RMQ_PORT" \
            RABBITMQ_DIST_PORT="$RMQ_DIST_PORT" \
            RABBITMQ_MNESIA_BASE="$RMQ_MNESIA" \
            RABBITMQ_LOG_BASE="$RMQ_LOGDIR" \
            RABBITMQ_CONFIG_FILE="$RMQ_CONF" \
            RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_PLUGINS_FILE" \
            RABBITMQ_PID_FILE="$RMQ_PIDFILE" \
            RABBITMQ_CONF_ENV_FILE=/dev/null \
            RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
            ERL_EPMD_ADDRESS="$HOST" \
            "$RMQ_BIN/rabbitmq-server" </dev/null >>"$RMQ_STARTUP_LOG" 2>&1 &
        launcher=$!
    fi

    # Cheap polling first (TCP connect): AMQP listeners open at the end of boot.
    # rabbitmqctl is avoided in the loop, each call boots an Erlang VM.
    local deadline=$((SECONDS + WAIT_SECONDS))
    until port_open "$RMQ_PORT"; do
        if [ -n "$launcher" ] && ! kill -0 "$launcher" 2>/dev/null; then
            rmq_fail "server process exited during startup"
        fi
        [ "$SECONDS" -lt "$deadline" ] || rmq_fail "AMQP port $RMQ_PORT not open after ${WAIT_SECONDS}s"
        sleep 1
    done
    rmqctl await_startup --timeout "$WAIT_SECONDS" >/dev/null 2>&1 || rmq_fail "node $RMQ_NODE did not finish booting"
    rmq_ensure_user
    until rmq_api whoami >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || rmq_fail "management API on $HOST:$RMQ_MGMT_PORT does not accept $RMQ_USER"
        sleep 1
    done
    say "rabbitmq: ready at amqp://$HOST:$RMQ_PORT, management http://$HOST:$RMQ_MGMT_PORT (user $RMQ_USER)"
}

rmq_stop() {
    local pid
    if ! pid=$(rmq_pid); then
        say "rabbitmq: not running"
    else
        say "rabbitmq: stopping node $RMQ_NODE (pid $pid)"
        # Graceful stop; waits until the OS process is gone. Fall back to signals.
        if ! rmqctl stop "$RMQ_PIDFILE" >/dev/null 2>&1; then
            say "rabbitmq: rabbitmqctl stop failed; sending SIGTERM"
            kill -TERM "$pid" 2>/dev/null || true
            local i
            for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        rm -f "$RMQ_PIDFILE"
        say "rabbitmq: stopped"
    fi
    # The node auto-started epmd (Erlang port mapper, port 4369). Stop it too,
    # but only when no other Erlang node is registered with it.
    if command -v epmd >/dev/null && epmd -names >/dev/null 2>&1 && \
       [ "$(epmd -names 2>/dev/null | grep -c '^name ')" -eq 0 ]; then
        epmd -kill >/dev/null 2>&1 || true
    fi
}

# ---------------------------------------------------------------------------
# Subcommands
# ---------------------------------------------------------------------------
cmd_start() {
    require_root start
    # Check every port before starting anything, so a conflict leaves nothing half-started.
    pg_running || require_port_free "$PG_PORT" "PostgreSQL"
    if ! rmq_running; then
        require_port_free "$RMQ_PORT" "RabbitMQ AMQP"
        require_port_free "$RMQ_MGMT_PORT" "RabbitMQ management"
        require_port_free "$RMQ_DIST_PORT" "RabbitMQ Erlang distribution"
    fi
    prepare_local_dir
    rmq_installed || rmq_install
    pg_start
    rmq_start
}

cmd_stop() {
    require_root stop
    pg_stop
    if rmq_installed; then rmq_stop; else say "rabbitmq: not installed"; fi
}

cmd_reset() {
    require_root reset
    cmd_stop
    say "deleting $PG_DIR and $RMQ_DIR"
    rm -rf "$PG_DIR" "$RMQ_DIR"
    cmd_start
}

cmd_status() {
    local rc=0
    if pg_accepting; then
        say "postgres: running, accepting connections at $HOST:$PG_PORT (user $PG_USER, data $PG_DATA, fsync=$(pg_fsync_setting))"
    elif [ -f "$PG_DATA/postmaster.pid" ]; then
        say "postgres: NOT accepting connections at $HOST:$PG_PORT (postmaster.pid present; log $PG_LOG)"; rc=3
    else
        say "postgres: not running (would listen on $HOST:$PG_PORT)"; rc=3
    fi
    if ! rmq_installed; then
        say "rabbitmq: not installed (run: scripts/infra.sh start)"; rc=3
    elif rmq_accepting; then
        say "rabbitmq: running, node $RMQ_NODE, AMQP $HOST:$RMQ_PORT, management http://$HOST:$RMQ_MGMT_PORT (user $RMQ_USER)"
    elif rmq_running; then
        say "rabbitmq: process running but NOT accepting connections on $HOST:$RMQ_PORT/$RMQ_MGMT_PORT (logs $RMQ_LOGDIR)"; rc=3
    else
        say "rabbitmq: not running (would listen on AMQP $HOST:$RMQ_PORT, management $HOST:$RMQ_MGMT_PORT)"; rc=3
    fi
    return "$rc"
}

cmd_env() {
    cat <<EOF
export KYODO_POSTGRES_HOST=$HOST
export KYODO_POSTGRES_PORT=$PG_PORT
export KYODO_POSTGRES_USER=$PG_USER
export KYODO_POSTGRES_PASSWORD=$PG_PASSWORD
export KYODO_RABBITMQ_HOST=$HOST
export KYODO_RABBITMQ_PORT=$RMQ_PORT
export KYODO_RABBITMQ_MANAGEMENT_PORT=$RMQ_MGMT_PORT
export KYODO_RABBITMQ_USER=$RMQ_USER
export KYODO_RABBITMQ_PASSWORD=$RMQ_PASSWORD
EOF
}

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

case "${1:-}" in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    reset)  cmd_reset ;;
    status) cmd_status ;;
    env)    cmd_env ;;
    *)      usage ;;
esac
