#!/bin/sh
# HTTP/2 (tests/httpfix/h2serve.js, with node): many feeds of one https host
# share one connection. Feeds that bring a body go 16 at a time (their bodies
# wait in temporary files, so more at once costs no memory and hides a far
# server's latency); feeds asked with validators, likely to answer 304, go
# all at once, multiplexed.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
# The fixtures' items are summaries of the portal's articles: their web pages
# are not fetched here (tests/cli/test_pages.sh is about them).
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
if ! command -v node > /dev/null 2>&1 || ! node -e 'require("http2")' 2> /dev/null; then
	echo "no node with http2: skipped" >&2
	exit 77
fi
trap 'httpfix_stop' EXIT

pki="$ASSERT_TMP/pki"
httpfix_pki "$pki"
www="$ASSERT_TMP/www"
mkdir "$www"
feeds="$ASSERT_TMP/feeds"
: > "$feeds"
n=1
while [ "$n" -le 24 ]; do
	cp "$BANTIN_SOURCE_DIR/tests/fixtures/refresh/a.xml" "$www/feed-$n.xml"
	n=$((n + 1))
done
httpfix_start_h2 "$www" "$pki" 300
n=1
while [ "$n" -le 24 ]; do
	echo "$HTTPFIX_URL/feed-$n.xml cafile=$pki/ca.pem" >> "$feeds"
	n=$((n + 1))
done
bt() { "$bantin" --db "$ASSERT_TMP/cache.db" --feeds "$feeds" "$@"; }
# FIELD of the requests logged after line FROM: "max" of inflight, "sessions" distinct.
logged() { "$PYTHON" -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]).readlines()[int(sys.argv[2]):]]
if sys.argv[3] == "max":
    print(max(r["inflight"] for r in rows))
else:
    print(len({r["session"] for r in rows}), len(rows))' "$HTTPFIX_LOG" "$1" "$2"; }

assert_status 0 bt refresh
assert_equal "24 feeds: 72 new, 0 updated, 0 failed" "$ASSERT_OUT" "h2: first refresh"
assert_equal "1 24" "$(logged 0 sessions)" "h2: 24 feeds, one connection, one request each"
assert_equal "16" "$(logged 0 max)" "h2: bodies 16 at a time"

assert_status 0 bt refresh
assert_equal "24 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" "h2: second refresh, all 304"
assert_equal "1 24" "$(logged 24 sessions)" "h2: again one connection"
assert_equal "24" "$(logged 24 max)" "h2: every conditional request at once, multiplexed"
assert_done
