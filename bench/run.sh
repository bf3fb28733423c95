#!/usr/bin/env bash
# The load benchmark of issue 7 (docs/benchmarks.md): loads N generated petitions into a fresh
# database (or reuses the one of an earlier run), starts `xinfang serve` on it, drives each
# operation over loopback with wrk and prints throughput, p50/p95/p99 latency, the server's
# peak memory and the load average of the machine beside each figure.
#
#   bench/run.sh [--engine sqlite|postgres] [--count N] [--duration 10s] [--reuse] [--guard]
#
#   --count N     petitions to load (default 1000000)
#   --duration D  wrk run per operation (default 10s); each run is bounded by it
#   --reuse       keep the database of an earlier run with the same engine and N if present
#   --guard       the small run of `make test`: 10,000 petitions, 1 s per operation, and checks
#                 of the answers (bench/check.mjs); fails on any error or wrong answer, never on
#                 speed
#
# Everything listens on 127.0.0.1 only; the server and a throwaway PostgreSQL are stopped on
# exit. Results go to var/bench/results-ENGINE-N.json as well as stdout.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

engine=sqlite
count=1000000
duration=10s
reuse=0
guard=0
while [ $# -gt 0 ]; do
    case $1 in
        --engine) engine=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --reuse) reuse=1; shift ;;
        --guard) guard=1; count=10000; duration=1s; shift ;;
        *) echo "usage: bench/run.sh [--engine sqlite|postgres] [--count N] [--duration D] [--reuse] [--guard]" >&2; exit 2 ;;
    esac
done
case $engine in sqlite | postgres) ;; *) echo "bench: --engine is sqlite or postgres" >&2; exit 2 ;; esac

bin=$root/build
for tool in xinfang xinfang-bench-load; do
    [ -x "$bin/$tool" ] || { echo "bench: build/$tool is missing (run make build)" >&2; exit 1; }
done
command -v wrk >/dev/null 2>&1 || scripts/bootstrap.sh
command -v wrk >/dev/null 2>&1 || { echo "bench: wrk is not installed" >&2; exit 1; }

if [ $guard -eq 1 ]; then
    work=$(mktemp -d /tmp/xinfang-bench.XXXXXX)
else
    work=$root/var/bench
fi
mkdir -p "$work"
name=$engine-$count
fixtures=$work/$name-fixtures
results=$work/results-$name.json
server_pid=""
pg_dir=$work/pg-$count
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [ "$engine" = postgres ] && scripts/pg-test.sh stop "$pg_dir" >/dev/null 2>&1
    [ $guard -eq 1 ] && rm -rf "$work"
}
trap cleanup EXIT

export XINFANG_ADMIN_PASSWORD=${XINFANG_ADMIN_PASSWORD:-bench-admin-password}
export XINFANG_DEMO_PASSWORD=$XINFANG_ADMIN_PASSWORD
export XINFANG_LOG_LEVEL=warn
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# Database ----------------------------------------------------------------------------------
if [ "$engine" = sqlite ]; then
    db_url=sqlite:$work/$name.db
    key_file=$work/$name.db.key
else
    db_url=$(scripts/pg-test.sh start "$pg_dir") || { echo "bench: PostgreSQL did not start" >&2; exit 1; }
    key_file=$pg_dir/xinfang.key
fi
if [ $reuse -eq 1 ] && [ -f "$fixtures/expected.json" ]; then
    echo "== reusing $db_url ($count petitions), upgraded by xinfang init (load average $(load_average))"
    "$bin/xinfang" init --db "$db_url" --key-file "$key_file" > "$work/$name-init.log" 2>&1 ||
        { cat "$work/$name-init.log"; exit 1; }
else
    [ "$engine" = sqlite ] && rm -f "$work/$name.db" "$work/$name.db-wal" "$work/$name.db-shm" "$key_file"
    rm -rf "$fixtures"
    "$bin/xinfang" init --db "$db_url" --key-file "$key_file" --demo > "$work/$name-init.log" 2>&1 ||
        { cat "$work/$name-init.log"; exit 1; }
    echo "== loading $count petitions into $engine (load average $(load_average))"
    "$bin/xinfang-bench-load" --db "$db_url" --key-file "$key_file" --count "$count" \
        --fixtures "$fixtures" | tee "$work/$name-load.json" || exit 1
    echo "   load average after loading: $(load_average)"
fi
echo "/api/v1/supervision" > "$fixtures/supervision.txt"

# Server ------------------------------------------------------------------------------------
threads=${XINFANG_BENCH_THREADS:-8}
started=$(date +%s.%N)
"$bin/xinfang" serve --db "$db_url" --key-file "$key_file" --listen 127.0.0.1:0 \
    --threads "$threads" > "$work/$name-serve.out" 2> "$work/$name-serve.log" &
server_pid=$!
url=""
for _ in $(seq 1 300); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/$name-serve.out" | head -n 1)
    if [ -n "$url" ] && curl -fsS "$url/healthz" >/dev/null 2>&1; then break; fi
    url=""
    sleep 0.02
done
[ -n "$url" ] || { echo "bench: the server did not start"; cat "$work/$name-serve.log"; exit 1; }
startup=$(awk "BEGIN {printf \"%.3f\", $(date +%s.%N) - $started}")
echo "== server up in ${startup}s at $url (load average $(load_average))"

headers=$(mktemp)
login=$(curl -fsS -D "$headers" -H 'Content-Type: application/json' \
    -d "{\"username\":\"tiaochu\",\"password\":\"$XINFANG_ADMIN_PASSWORD\"}" "$url/api/v1/session") ||
    { echo "bench: login failed"; exit 1; }
export XF_SESSION=$(grep -io 'xf_session=[^;]*' "$headers" | head -n 1 | cut -d= -f2)
export XF_CSRF=$(echo "$login" | sed -E 's/.*"csrf_token":"([^"]*)".*/\1/')
rm -f "$headers"
export XF_FIXTURES=$fixtures XF_WRK_DIR=$root/bench/wrk XF_THREADS=2

peak_kb() { awk '/VmHWM/ {print $2}' "/proc/$server_pid/status"; }
# Ids are dense and none is deleted, so the newest id is the total: the register run's petitions
# follow it (a reused database holds earlier runs' registrations too).
max_id=$(curl -fsS -H "Cookie: xf_session=$XF_SESSION" "$url/api/v1/petitions?page_size=1" |
    sed -E 's/.*"total":([0-9]+).*/\1/')

# Operations --------------------------------------------------------------------------------
lines=()
failures=0
# run OPERATION CONNECTIONS SCRIPT [ENV=VALUE...]
run() {
    local op=$1 conns=$2 script=$3
    shift 3
    local out
    local threads=2
    [ "$conns" -lt 2 ] && threads=1
    out=$(env XF_OPERATION="$op" "$@" wrk -t$threads -c"$conns" -d"$duration" --timeout 10s \
        -s "$root/bench/wrk/$script" "$url" | grep '^{"operation"')
    local load
    load=$(load_average)
    out=${out%\}},\"connections\":$conns,\"server_peak_rss_mb\":$(( $(peak_kb) / 1024 )),\"load_average\":\"$load\"}
    echo "$out"
    lines+=("$out")
    if ! echo "$out" | grep -q '"errors":{"connect":0,"read":0,"write":0,"status":0,"timeout":0}'; then
        echo "bench: $op had errors" >&2
        failures=$((failures + 1))
    fi
}

run register 16 post_lines.lua XF_LIST=register.jsonl XF_PATH=/api/v1/petitions
registered=$(echo "${lines[0]}" | sed -E 's/.*"requests":([0-9]+).*/\1/')
run list 16 get_lines.lua XF_LIST=list.txt
run search 16 get_lines.lua XF_LIST=search.txt
run repeat_candidates 16 post_lines.lua XF_LIST=repeat.jsonl \
    XF_PATH=/api/v1/petitions/repeat-candidates
run detail 16 get_lines.lua XF_LIST=ids.txt
# Each transition accepts one of the petitions the registration run made, once.
run transition 16 transition.lua XF_FIRST_ID=$((max_id + 1)) XF_LAST_ID=$((max_id + registered))
run supervision 4 get_lines.lua XF_LIST=supervision.txt

# The dashboard's statistics of last year (GET /api/v1/stats: every breakdown, the rates and the
# leaders' table), for all regions and for each region in turn, one client at a time.
year=$(( $(date +%Y) - 1 ))
echo "/api/v1/stats?from=$year-01-01&to=$year-12-31" > "$fixtures/stats-all.txt"
grep -o 'region_id=[0-9]*' "$fixtures/list.txt" | sort -u |
    sed "s|^|/api/v1/stats?from=$year-01-01\&to=$year-12-31\&|" > "$fixtures/stats-region.txt"
run stats_year_all_regions 1 get_lines.lua XF_LIST=stats-all.txt
run stats_year_one_region 1 get_lines.lua XF_LIST=stats-region.txt

rss_mb=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$server_pid/status")
{
    echo "{\"engine\":\"$engine\",\"count\":$count,\"commit\":\"$(git rev-parse --short HEAD)\","
    echo "\"startup_seconds\":$startup,\"server_rss_mb\":$rss_mb,\"server_peak_rss_mb\":$(( $(peak_kb) / 1024 )),"
    echo "\"operations\":["
    (IFS=,; echo "${lines[*]}")
    echo "]}"
} > "$results"
echo "== server memory: ${rss_mb} MB resident now, $(( $(peak_kb) / 1024 )) MB peak; results in $results"

if [ $guard -eq 1 ]; then
    XINFANG_URL=$url node "$root/bench/check.mjs" "$fixtures/expected.json" "$registered" ||
        failures=$((failures + 1))
fi
[ $failures -eq 0 ]
