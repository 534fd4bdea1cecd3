#!/usr/bin/env bash
# Times `symcal invite` in outbox mode for 1,000 / 10,000 / 100,000
# registrants (a fresh outbox and state each time), and the re-run that
# finds nothing to send.
#
#   cargo build --release && bash examples/invite-bench.sh [N...]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=target/release/symcal
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source=fixtures/json/online-utc.json
for n in "${@:-1000 10000 100000}"; do
  for k in $n; do
    csv="$work/r-$k.csv"
    python3 -c "import sys; n=int(sys.argv[1]); print('Email Address,Name'); [print(f'p{i}@example.org,Person {i}') for i in range(n)]" "$k" > "$csv"
    out="$work/outbox-$k"
    start=$(date +%s.%N)
    SOURCE_DATE_EPOCH=1750000000 "$bin" invite "$source" --attendees "$csv" -o "$out" >/dev/null 2>&1
    mid=$(date +%s.%N)
    SOURCE_DATE_EPOCH=1750000000 "$bin" invite "$source" --attendees "$csv" -o "$out" >/dev/null 2>&1
    end=$(date +%s.%N)
    printf '%7d registrants: %6.2f s to send, %5.2f s to find nothing to send, %d files\n' \
      "$k" "$(echo "$mid - $start" | bc)" "$(echo "$end - $mid" | bc)" "$(ls "$out" | wc -l)"
    rm -rf "$out"
  done
done
