#!/bin/sh
# Benchmark: `bantin parse` on a large generated feed. Prints the feed's
# size and item count, then wall time and peak resident memory from
# /usr/bin/time -v. The memory must stay flat whatever the size of the
# document (the parser streams it), well under 100 MB for 50 MB.
#
# usage: sh bench/parse.sh [BANTIN] [MEGABYTES]   (defaults: build/src/main/bantin, 50)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bantin=${1:-$here/../build/src/main/bantin}
mb=${2:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 "$here/gen-feed.py" "$tmp/feed.xml" "$mb"
size=$(wc -c < "$tmp/feed.xml")
/usr/bin/time -v "$bantin" parse --max-size $((mb + 16))M "$tmp/feed.xml" > "$tmp/out.jsonl" 2> "$tmp/time"
items=$(($(wc -l < "$tmp/out.jsonl") - 1))
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
printf 'feed:      %d bytes (%s MiB), %d items\n' "$size" "$mb" "$items"
printf 'wall time: %s\n' "$wall"
printf 'peak RSS:  %d KiB (%d MiB)\n' "$rss" $((rss / 1024))
