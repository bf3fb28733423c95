#!/usr/bin/env bash
# `make test`: every test of xinfang, on both database engines, then one summary line.
#   1. C++ unit tests (CTest), with the PostgreSQL engine tests pointed at a throwaway server;
#   2. API tests (tests/api, node:test) against `xinfang serve` on SQLite, then on PostgreSQL;
#   3. browser tests (tests/e2e, Playwright driving Debian's Chromium) against SQLite;
#   4. the load benchmark's guard (bench/run.sh --guard): 10,000 generated petitions, every
#      operation for a second under wrk, then checks of the answers; it fails on errors or wrong
#      answers, never on speed.
# Every server listens on 127.0.0.1 only and is stopped on exit.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d /tmp/xinfang-test.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    scripts/pg-test.sh stop "$work/pg" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
failures=()
export XINFANG_ADMIN_PASSWORD=test-admin-password
export XINFANG_BIN="$root/build/xinfang"
mkdir -p tests/output

# Starts `xinfang serve` on a fresh database and a free port; sets $server_url.
start_server() {
    local name=$1 db=$2
    "$XINFANG_BIN" init --db "$db" --demo > "$work/$name-init.log" 2>&1 || {
        cat "$work/$name-init.log"
        return 1
    }
    # Every suite books and looks up from 127.0.0.1; the per-address limit of the public pages
    # has its own test on a server of its own (tests/api/public.test.mjs).
    "$XINFANG_BIN" serve --db "$db" --listen 127.0.0.1:0 --public-requests-per-hour 100000 \
        > "$work/$name.out" 2> "$work/$name.log" &
    pids+=($!)
    for _ in $(seq 1 100); do
        server_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name.out" | head -n 1)
        if [ -n "$server_url" ] && curl -fsS "$server_url/healthz" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    echo "server $name did not start:"
    cat "$work/$name.log"
    return 1
}

# Runs a node:test suite; adds its counts to the totals.
run_node_suite() {
    local label=$1 dir=$2
    local tap="$work/$label.tap"
    echo "== $label"
    node --test --test-concurrency=1 \
        --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$tap" "$dir"/*.test.mjs
    local p f
    p=$(grep -E '^# pass ' "$tap" | awk '{print $3}')
    f=$(grep -E '^# fail ' "$tap" | awk '{print $3}')
    p=${p:-0}
    f=${f:-1}
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$f" -eq 0 ] || failures+=("$label")
}

fail_stage() {
    failed=$((failed + 1))
    failures+=("$1")
}

echo "== PostgreSQL 15 for the tests"
pg_url=$(scripts/pg-test.sh start "$work/pg") || { fail_stage "postgresql start"; pg_url=""; }

echo "== unit tests (ctest)"
ctest_log="$work/ctest.log"
(cd build && XINFANG_TEST_PG_URL="$pg_url" ctest --output-on-failure -j2) | tee "$ctest_log"
line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$ctest_log" | tail -n 1)
if [ -n "$line" ]; then
    total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
    nfail=$(echo "$line" | sed -E 's/.*tests passed, ([0-9]+) tests? failed.*/\1/')
    passed=$((passed + total - nfail))
    failed=$((failed + nfail))
    [ "$nfail" -eq 0 ] || failures+=("unit tests")
else
    fail_stage "unit tests"
fi

if start_server api-sqlite "sqlite:$work/api.db"; then
    XINFANG_URL=$server_url XINFANG_ENGINE=sqlite XINFANG_DB_URL="sqlite:$work/api.db" \
        run_node_suite "api-sqlite" tests/api
else
    fail_stage "api-sqlite server"
fi

if [ -n "$pg_url" ] && start_server api-postgres "$pg_url"; then
    XINFANG_URL=$server_url XINFANG_ENGINE=postgres XINFANG_DB_URL="$pg_url" \
        run_node_suite "api-postgres" tests/api
else
    fail_stage "api-postgres server"
fi

if start_server e2e "sqlite:$work/e2e.db"; then
    XINFANG_URL=$server_url XINFANG_ENGINE=sqlite run_node_suite "e2e" tests/e2e
else
    fail_stage "e2e server"
fi

echo "== load benchmark guard"
guard_log="$work/guard.log"
bench/run.sh --guard 2>&1 | tee "$guard_log"
guard_status=${PIPESTATUS[0]}
line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$guard_log" | tail -n 1)
if [ -n "$line" ]; then
    passed=$((passed + $(echo "$line" | awk '{print $1}')))
    failed=$((failed + $(echo "$line" | awk '{print $3}')))
fi
# wrk errors or a failed load end the run without a checks line, or with one that passed.
if [ "$guard_status" -ne 0 ]; then
    [ -n "$line" ] && [ "$(echo "$line" | awk '{print $3}')" -gt 0 ] || failed=$((failed + 1))
    failures+=("load benchmark guard")
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
    echo "failed: ${failures[*]}"
    for log in "$work"/*.log; do
        echo "--- server log $(basename "$log") (last lines)"
        tail -n 20 "$log"
    done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
