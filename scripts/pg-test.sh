#!/usr/bin/env bash
# Runs a throwaway PostgreSQL 15 server for tests, in a directory of its own.
#
#   scripts/pg-test.sh start DIR   create (first time) and start the cluster; print its URL
#   scripts/pg-test.sh url DIR     print the URL of the cluster in DIR again
#   scripts/pg-test.sh stop DIR    stop it (fast mode); does nothing when it is not running
#
# stdout carries exactly one line, the connection URL, so that callers can write
# `export XINFANG_TEST_PG_URL=$(scripts/pg-test.sh start /tmp/pg)`. Server and tool output goes
# to DIR/log, messages to stderr.
#
# The server is for tests only: trust authentication, no fsync. It listens on 127.0.0.1 and on a
# unix socket inside DIR, never on other interfaces.
set -euo pipefail

readonly kDatabase=xinfang_test
readonly kSuperuser=postgres
readonly kFirstPort=55432
readonly kPortAttempts=100

die() {
    echo "pg-test: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
}

find_bindir() {
    local dir
    dir=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$dir/initdb" ] || dir=/usr/lib/postgresql/15/bin
    [ -x "$dir/initdb" ] || die "PostgreSQL 15 server binaries not found (install postgresql-15)"
    echo "$dir"
}

# initdb refuses to run as root, so as root the cluster belongs to the postgres user.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

is_running() {
    [ -f "$data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" status -D "$data" >/dev/null 2>&1
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

print_url() {
    [ -f "$dir/port" ] || die "no cluster in $dir (run: $0 start $dir)"
    echo "postgresql://$kSuperuser@127.0.0.1:$(cat "$dir/port")/$kDatabase"
}

init_cluster() {
    # The server's socket path must fit in sun_path (107 bytes on Linux).
    [ ${#dir} -le 90 ] || die "directory path too long for a unix socket: $dir"

    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir" "$dir/log"
        as_owner test -w "$dir" ||
            die "user postgres cannot write to $dir (choose a directory under /tmp)"
    fi

    # C collation keeps sorting identical on every machine; UTF-8 holds the Chinese text.
    as_owner "$bindir/initdb" -D "$data" -U "$kSuperuser" --auth=trust --encoding=UTF8 \
        --no-locale --no-sync >>"$dir/log" 2>&1 || die "initdb failed, see $dir/log"

    cat >>"$data/postgresql.conf" <<EOF

# pg-test.sh: a throwaway test server; durability is traded for speed.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

# Another server may take a port between the check and the bind, so a failed start on a busy
# port moves on to the next one instead of giving up.
start_server() {
    local port=$kFirstPort attempt log_lines
    [ -f "$dir/port" ] && port=$(cat "$dir/port")

    # pg_ctl's own lines and the server's go to the same log; both open it for appending.
    # shellcheck disable=SC2094
    for ((attempt = 0; attempt < kPortAttempts; attempt++, port++)); do
        port_in_use "$port" && continue
        log_lines=$(wc -l <"$dir/log")
        if as_owner "$bindir/pg_ctl" start -w -D "$data" -l "$dir/log" -o "-p $port" \
            >>"$dir/log" 2>&1; then
            echo "$port" >"$dir/port"
            return 0
        fi
        tail -n "+$((log_lines + 1))" "$dir/log" | grep -q "Address already in use" ||
            die "server did not start, see $dir/log"
    done
    die "no free port from $kFirstPort to $((kFirstPort + kPortAttempts - 1))"
}

create_database() {
    local port exists
    port=$(cat "$dir/port")
    exists=$(as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$kSuperuser" -d postgres -Atq \
        -c "SELECT 1 FROM pg_database WHERE datname = '$kDatabase'") ||
        die "cannot query the new server, see $dir/log"
    [ "$exists" = 1 ] && return 0

    as_owner "$bindir/createdb" -h "$dir" -p "$port" -U "$kSuperuser" "$kDatabase" \
        >>"$dir/log" 2>&1 || die "createdb failed, see $dir/log"
}

cmd_start() {
    mkdir -p "$dir"
    touch "$dir/log"
    if is_running; then
        print_url
        return 0
    fi

    [ -f "$data/PG_VERSION" ] || init_cluster
    start_server
    create_database
    print_url
}

cmd_stop() {
    [ -d "$dir" ] || return 0
    is_running || return 0
    as_owner "$bindir/pg_ctl" stop -w -m fast -D "$data" >>"$dir/log" 2>&1 \
        || die "pg_ctl stop failed, see $dir/log"
}

[ $# -eq 2 ] || usage
command=$1
if [ "$command" = start ]; then
    mkdir -p "$2" || die "cannot create $2"
fi
dir=$(cd "$2" 2>/dev/null && pwd) || dir=$2
data=$dir/data
bindir=$(find_bindir)

case "$command" in
start) cmd_start ;;
stop) cmd_stop ;;
url) print_url ;;
*) usage ;;
esac
