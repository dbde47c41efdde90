#!/bin/sh
# Benchmark: `bantin refresh` of many realistic Vietnamese feeds served by
# the loopback fixture server. Prints, for a first refresh into an empty
# cache and for a second one where nothing changed (every feed a 304): wall
# time, CPU time and peak resident memory from /usr/bin/time -v (and the CPU
# time the server spent meanwhile, on the same cores), and checks
# that every article is stored and in the search index when the command
# returns; then one where every document changed but no article did. When
# newsboat is installed, `newsboat -x reload` runs on the same documents
# (over plain HTTP/1.1 for both when they are served over HTTPS: newsboat
# takes no CA of its own) and, when it stored every article, the ratio is
# printed. With curl and xmllint installed, the floor (the documents fetched
# 64 at once and read by a streaming parser, nothing stored) and bantin's
# ratio to it.
#
# usage: sh bench/refresh.sh [FEEDS [ITEMS [LATENCY_MS [BANTIN]]]]
#        (defaults: 50 feeds, 100 items each, 50 ms a request,
#         build/src/main/bantin)
#
# The feeds are served over HTTPS with HTTP/2 (tests/httpfix/h2serve.js, a private
# CA given to bantin with cafile=) when node and openssl are installed, as
# the portal serves them; otherwise over plain HTTP/1.1 by the fixture
# server, where 16 connections to the one host bound the no-change refresh
# to about FEEDS / 16 x LATENCY. BENCH_HTTP1=1 forces the latter.
#
#   sh bench/refresh.sh                 # 50 x 100, about 35 MB, 50 ms latency
#   sh bench/refresh.sh 200 200 0       # 200 x 200, about 300 MB
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nfeeds=${1:-50}
nitems=${2:-100}
latency=${3:-50}
bantin=${4:-$here/../build/src/main/bantin}
. "$here/lib.sh"
. "$here/../tests/lib/httpfix.sh"

"$python" "$here/gen-feeds.py" "$tmp/www" "$nfeeds" "$nitems"
sync # the generated files' writeback would otherwise land in the first run
bytes=$(cat "$tmp"/www/*.xml | wc -c)
if [ -z "${BENCH_HTTP1:-}" ] && command -v node > /dev/null 2>&1 &&
	command -v openssl > /dev/null 2>&1; then
	httpfix_pki "$tmp" # a private CA and a certificate for 127.0.0.1
	node "$here/../tests/httpfix/h2serve.js" "$tmp/www" "$tmp/server.pem" "$tmp/server.key" "$tmp/port" \
		"$latency" 3600 &
	server=$!
	scheme=https
	extra="cafile=$tmp/ca.pem"
	proto="HTTPS, HTTP/2"
else
	"$python" "$here/../tests/httpfix/server.py" --root "$tmp/www" --port-file "$tmp/port" \
		--lifetime 3600 --latency "$(awk "BEGIN { print $latency / 1000 }")" &
	server=$!
	scheme=http
	extra=
	proto="HTTP/1.1"
fi
bench_feeds "$scheme://127.0.0.1:$(bench_port)" "$nfeeds" "$extra" > "$tmp/feeds"

# CPU seconds the server serving the runs ($serving) has used so far (0
# where /proc cannot tell).
serving=$server
server_cpu() {
	awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$serving/stat" 2> /dev/null ||
		echo 0
}

# Runs a command under /usr/bin/time -v; prints LABEL, wall, CPU and peak RSS,
# and the CPU the server spent meanwhile (on the same 2 cores).
measure() {
	label=$1
	shift
	s0=$(server_cpu)
	/usr/bin/time -v "$@" > "$tmp/out" 2> "$tmp/time" || true
	s1=$(server_cpu)
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
	user=$(sed -n 's/.*User time (seconds): //p' "$tmp/time")
	sys=$(sed -n 's/.*System time (seconds): //p' "$tmp/time")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	secs=$(printf '%s\n' "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	printf '%-22s wall %6.2f s   cpu %6.2f s   peak RSS %5.1f MiB (%.1f MB)   server cpu %.2f s\n' \
		"$label" "$secs" "$(awk "BEGIN { print $user + $sys }")" \
		"$(awk "BEGIN { print $rss / 1024 }")" "$(awk "BEGIN { print $rss * 1024 / 1000000 }")" \
		"$(awk "BEGIN { print $s1 - $s0 }")"
	eval "last_secs=$secs"
}

printf 'feeds: %d x %d items, %d bytes (%d MiB) of XML, %s, %s ms latency a request\n' \
	"$nfeeds" "$nitems" "$bytes" $((bytes >> 20)) "$proto" "$latency"
# The items link to the real portal, whose pages are not what is measured: --no-pages.
measure "bantin first refresh" "$bantin" --db "$tmp/cache.db" --feeds "$tmp/feeds" refresh --no-pages
first=$last_secs
printf '    %s\n' "$(cat "$tmp/out")"
grep '^bantin: ' "$tmp/time" | sed 's/^/    /' || true
counts=$("$python" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM articles").fetchone()[0],
      db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0])' "$tmp/cache.db")
set -- $counts
if [ "$1" -eq $((nfeeds * nitems)) ] && [ "$2" -eq "$1" ]; then
	printf '    %d articles stored, %d in the search index\n' "$1" "$2"
else
	printf '    WRONG: %d articles stored, %d indexed, %d expected\n' "$1" "$2" \
		$((nfeeds * nitems))
	exit 1
fi
# The floor: the same documents fetched by curl (64 at once) and read by xmllint's streaming
# parser, nothing stored; when both are installed (Debian: curl, libxml2-utils).
if command -v curl > /dev/null 2>&1 && command -v xmllint > /dev/null 2>&1; then
	mkdir -p "$tmp/floor"
	sed 's/ .*//' "$tmp/feeds" | awk -v d="$tmp/floor" '{ printf "url = \"%s\"\noutput = \"%s/%d.xml\"\n", $1, d, NR }' \
		> "$tmp/curl.cfg"
	cacert=
	[ "$scheme" = https ] && cacert="--cacert $tmp/ca.pem"
	measure "floor (curl + xmllint)" sh -c 'curl -s --parallel --parallel-max 64 $2 -K "$1" &&
		for f in "$0"/*.xml; do xmllint --stream --noout "$f" || exit 1; done' \
		"$tmp/floor" "$tmp/curl.cfg" "$cacert"
	floor=$last_secs
	printf '    bantin first refresh / floor: %.2fx\n' "$(awk "BEGIN { print $first / $floor }")"
fi
measure "bantin no-change" "$bantin" --db "$tmp/cache.db" --feeds "$tmp/feeds" refresh --no-pages
printf '    %s\n' "$(cat "$tmp/out")"
# Every document changed (new validators, bodies to parse), no article did.
sleep 1 # a new modification time for the servers' validators
for f in "$tmp"/www/*.xml; do echo "<!-- changed -->" >> "$f"; done
measure "bantin all changed" "$bantin" --db "$tmp/cache.db" --feeds "$tmp/feeds" refresh --no-pages
printf '    %s\n' "$(cat "$tmp/out")"

if command -v newsboat > /dev/null 2>&1; then
	# newsboat cannot be given a CA of its own: when the feeds are served
	# over HTTPS, both run once more on the same documents over plain
	# HTTP/1.1 (the fixture server, the same latency), each into an empty
	# cache, and those two runs are compared.
	nbfeeds=$tmp/feeds
	base=$first
	if [ "$scheme" = https ]; then
		rm -f "$tmp/port"
		"$python" "$here/../tests/httpfix/server.py" --root "$tmp/www" --port-file "$tmp/port" \
			--lifetime 3600 --latency "$(awk "BEGIN { print $latency / 1000 }")" &
		server2=$!
		serving=$server2
		nbfeeds=$tmp/feeds-http
		bench_feeds "http://127.0.0.1:$(bench_port)" "$nfeeds" > "$nbfeeds"
		measure "bantin over HTTP/1.1" "$bantin" --db "$tmp/cache-http.db" --feeds "$nbfeeds" refresh --no-pages
		printf '    %s\n' "$(cat "$tmp/out")"
		base=$last_secs
	fi
	mkdir -p "$tmp/nb"
	measure "newsboat -x reload" env HOME="$tmp/nb" newsboat -u "$nbfeeds" \
		-c "$tmp/nb/cache.db" -C /dev/null -x reload
	stored=$("$python" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM rss_item").fetchone()[0])' \
		"$tmp/nb/cache.db" 2> /dev/null || echo 0)
	if [ "$stored" -eq $((nfeeds * nitems)) ]; then
		printf '    %d articles stored\n' "$stored"
		printf '    newsboat / bantin: %.1fx\n' "$(awk "BEGIN { print $last_secs / $base }")"
	else
		printf '    newsboat stored %d articles of %d: no comparison\n' "$stored" \
			$((nfeeds * nitems))
	fi
fi
