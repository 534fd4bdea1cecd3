#!/usr/bin/env bash
# Load benchmark of `symcal serve` against nginx serving the same bytes.
# Not a test: it prints figures for docs/BENCHMARKS.md.
#
#   bash examples/serve-bench.sh [SECONDS] [CONNECTIONS] [ROUNDS]
#
# Each case runs ROUNDS times (default 3), the servers taking turns, and the
# median requests/s and p99 are reported: on a small shared machine one run
# of either server varies by 20-30%.
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light). Both servers
# and wrk share this machine's cores, so the figures compare the servers
# under the same contention, not their ceilings.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared}
seconds=${1:-10}
connections=${2:-64}
rounds=${3:-3}
page="$SHARED/corpus/faimi-site/2025-london-symposium.v6.md"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk nginx-light" >&2; exit 1; }
done
cargo build --release --locked -q
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
symcal_port=$(free_port)
nginx_port=$(free_port)

# the same tree, with the same absolute links, for both
target/release/symcal build "$page" -o "$work/tree" --base-url "http://127.0.0.1:$symcal_port/" 2>/dev/null
chmod -R a+rX "$work"
RUST_LOG=warn target/release/symcal serve "$page" --addr "127.0.0.1:$symcal_port" --base-url "http://127.0.0.1:$symcal_port/" &
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  types { text/calendar ics; text/html html; }
  charset utf-8;
  charset_types text/calendar text/html;
  etag on;
  gzip off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/tree;
    add_header Cache-Control "public, max-age=300";
    add_header Access-Control-Allow-Origin "*";
  }
}
EOF
nginx -c "$work/nginx.conf" &
for port in "$symcal_port" "$nginx_port"; do
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/feed.ics" && break
    sleep 0.1
  done
done
cmp <(curl -s "http://127.0.0.1:$symcal_port/feed.ics") <(curl -s "http://127.0.0.1:$nginx_port/feed.ics") \
  || { echo "the two servers do not serve the same feed" >&2; exit 1; }

etag() { curl -s -o /dev/null -D - "http://127.0.0.1:$1/feed.ics" | tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }'; }

# one wrk run -> "requests/s | p99 | errors"
run() {
  local port=$1; shift
  local out
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$port/feed.ics")
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Socket errors:/ { gsub(",", ""); s += $4 + $6 + $8 + $10 } /Non-2xx or 3xx/ { s += $NF } END { print s + 0 }' <<<"$out")
  echo "$rps|$p99|$errors"
}

# median of ROUNDS runs, the four cases interleaved
declare -A results
for _ in $(seq "$rounds"); do
  results[sym200]+="$(run "$symcal_port") "
  results[ngx200]+="$(run "$nginx_port") "
  results[sym304]+="$(run "$symcal_port" -H "If-None-Match: $(etag "$symcal_port")") "
  results[ngx304]+="$(run "$nginx_port" -H "If-None-Match: $(etag "$nginx_port")") "
done
median() {
  python3 - "$@" <<'PY'
import statistics, sys
runs = [r.split("|") for r in sys.argv[1:]]
ms = lambda t: float(t[:-2]) / 1000 if t.endswith("us") else float(t[:-2]) if t.endswith("ms") else float(t[:-1]) * 1000
rps = statistics.median(float(r[0]) for r in runs)
p99 = statistics.median(ms(r[1]) for r in runs)
errors = sum(int(r[2]) for r in runs)
print(f"{rps:.0f}|{p99:.2f}ms|{errors}")
PY
}
sym200=$(median ${results[sym200]})
ngx200=$(median ${results[ngx200]})
sym304=$(median ${results[sym304]})
ngx304=$(median ${results[ngx304]})

ratio() { python3 -c "print(f'{float(\"${1%%|*}\") / float(\"${2%%|*}\"):.2f}')"; }
row() { IFS='|' read -r rps p99 errors <<<"$2"; printf '| %s | %s | %s | %s | %s |\n' "$1" "$rps" "$p99" "$errors" "$3"; }
echo
echo "wrk -t2 -c$connections -d${seconds}s, median of $rounds runs, GET /feed.ics ($(curl -s "http://127.0.0.1:$symcal_port/feed.ics" | wc -c) bytes), $(nproc) cores shared by servers and wrk"
echo
echo "| server, request | requests/s | p99 latency | errors | symcal / nginx |"
echo "|---|---|---|---|---|"
row "symcal serve, 200" "$sym200" "$(ratio "$sym200" "$ngx200")"
row "nginx $(nginx -v 2>&1 | sed 's|.*/||'), 200" "$ngx200" ""
row "symcal serve, 304 (If-None-Match)" "$sym304" "$(ratio "$sym304" "$ngx304")"
row "nginx, 304 (If-None-Match)" "$ngx304" ""
