#!/bin/sh
# Benchmark: search and related lists, and the reader's first frame, on a
# cache of ARTICLES articles. Builds the cache with `bantin refresh` from
# generated Vietnamese feeds (served by the loopback fixture server), then
# times 50 varied searches and the related lists of 50 articles in-process
# (bench_store) and prints the median and 95th percentile of each; then
# what the reader does before its first frame and on its first keys, with
# the peak resident memory (bench_ui).
#
# usage: sh bench/search.sh [ARTICLES [BUILD]]   (defaults: 100000, build)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
articles=${1:-100000}
build=${2:-$here/../build}
. "$here/lib.sh"

per=500
nfeeds=$(((articles + per - 1) / per))
"$python" "$here/gen-feeds.py" "$tmp/www" "$nfeeds" "$per" 4
"$python" "$here/../tests/httpfix/server.py" --root "$tmp/www" --port-file "$tmp/port" \
	--lifetime 3600 &
server=$!
bench_feeds "http://127.0.0.1:$(bench_port)" "$nfeeds" > "$tmp/feeds"
start=$(date +%s)
"$build/src/main/bantin" --db "$tmp/cache.db" --feeds "$tmp/feeds" refresh --max-size 64M --no-pages
printf 'cache built in %d s, %d MiB\n' $(($(date +%s) - start)) \
	$(($(cat "$tmp"/cache.db* | wc -c) >> 20))
"$build/bench/bench_store" "$tmp/cache.db"
"$build/bench/bench_ui" "$tmp/cache.db"
# Whole lists from the command line, paged by key (the last row's time and id), the
# starred ones through their own index; beside them the floor, sqlite3 reading the same rows.
"$python" - "$tmp/cache.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE articles SET starred = 1 WHERE id % 50 = 0")
db.commit()
PY
timed() {
	"$python" -c 'import subprocess, sys, time
t = time.monotonic(); subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, check=True)
print("%-40s %6.2f s" % (sys.argv[1], time.monotonic() - t))' "$@"
}
timed "list -n 0 ($articles rows)" "$build/src/main/bantin" --db "$tmp/cache.db" \
	--feeds "$tmp/feeds" list -n 0
timed "list -n 0 --starred" "$build/src/main/bantin" --db "$tmp/cache.db" \
	--feeds "$tmp/feeds" list -n 0 --starred
timed "floor: the same rows, read by python's sqlite3" "$python" -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute("SELECT a.id, a.time, a.title, f.title FROM articles a JOIN feeds f ON f.id = a.feed_id ORDER BY a.time DESC, a.id DESC"): pass' "$tmp/cache.db"
