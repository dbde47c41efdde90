#!/bin/sh
# HTTPS: certificates are verified; a failure names the host and the fix;
# cafile= in the feeds file trusts a private CA for one feed; tls-verify=no
# turns the check off for one feed and `bantin feeds` says so.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
# The fixtures' items are summaries of the portal's articles: their web pages
# are not fetched here (tests/cli/test_pages.sh is about them).
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
trap 'httpfix_stop' EXIT

# A private CA and a certificate for 127.0.0.1 signed by it.
pki="$ASSERT_TMP/pki"
httpfix_pki "$pki"

httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh" --tls "$pki/server.pem" "$pki/server.key"
U="https://127.0.0.1:$HTTPFIX_PORT"
mkdir "$ASSERT_TMP/conf"
cp "$pki/ca.pem" "$ASSERT_TMP/conf/ca.pem"
feeds="$ASSERT_TMP/conf/feeds"
printf '%s\n' "$U/a.xml" "$U/b.atom cafile=ca.pem" "$U/c.xml tls-verify=no" > "$feeds"
bt() { "$bantin" --db "$ASSERT_TMP/cache.db" --feeds "$feeds" "$@"; }

assert_status 1 bt refresh
assert_equal "3 feeds: 3 new, 0 updated, 1 failed" "$ASSERT_OUT" "https: summary"
assert_equal "bantin: $U/a.xml: the TLS certificate of 127.0.0.1:$HTTPFIX_PORT cannot be verified; if the server sends an incomplete chain, give this feed cafile=FILE in the feeds file" \
	"$ASSERT_ERR" "https: an unverifiable certificate names the host and the fix"
assert_status 0 bt feeds
printf '%s\n' "$ASSERT_OUT" | grep -A3 "^3  " | grep -qx "    TLS certificates NOT verified (tls-verify=no)" &&
	assert_pass || assert_fail "feeds: tls-verify=no is marked"
[ "$(printf '%s\n' "$ASSERT_OUT" | grep -c 'NOT verified')" -eq 1 ] && assert_pass ||
	assert_fail "feeds: only that feed is marked"

printf '%s\n' "$U/b.atom cafile=missing.pem" > "$feeds"
assert_status 1 bt refresh
assert_equal "bantin: $U/b.atom: cannot read cafile '$ASSERT_TMP/conf/missing.pem': No such file or directory" \
	"$ASSERT_ERR" "a cafile that cannot be read"
printf 'not a certificate\n' > "$ASSERT_TMP/conf/junk.pem"
printf '%s\n' "$U/b.atom cafile=junk.pem" > "$feeds"
assert_status 1 bt refresh
assert_equal "bantin: $U/b.atom: cannot read cafile '$ASSERT_TMP/conf/junk.pem': not a PEM certificate file" \
	"$ASSERT_ERR" "a cafile that holds no certificate"

# ---- many conditional requests at once to an https server that speaks HTTP/1.1 ----
# Feeds asked with validators all go at once, in case the server multiplexes;
# this one does not, so most of them wait for one of its 6 connections. The
# wait must not count against --timeout: 24 feeds of 0.3 s each take about
# 2 s, with a timeout of 1 s.
httpfix_stop
many="$ASSERT_TMP/many"
mkdir "$many"
n=1
while [ "$n" -le 24 ]; do
	sed "s|<guid isPermaLink=\"false\">|<guid isPermaLink=\"false\">$n-|" \
		"$BANTIN_SOURCE_DIR/tests/fixtures/refresh/a.xml" > "$many/f$n.xml"
	echo "https://127.0.0.1:PORT/f$n.xml cafile=ca.pem"
	n=$((n + 1))
done > "$ASSERT_TMP/many.feeds"
httpfix_start "$many" --tls "$pki/server.pem" "$pki/server.key" --latency 0.3
sed "s/PORT/$HTTPFIX_PORT/" "$ASSERT_TMP/many.feeds" > "$feeds"
assert_status 0 bt refresh --timeout 1
assert_equal "24 feeds: 72 new, 0 updated, 0 failed" "$ASSERT_OUT" "24 feeds over HTTP/1.1: first refresh"
: > "$HTTPFIX_LOG"
assert_status 0 bt refresh --timeout 1
assert_equal "24 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" \
	"24 conditional requests at once to an HTTP/1.1 server: none timed out"
assert_equal "24" "$("$PYTHON" -c '
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)["status"] == 304))' "$HTTPFIX_LOG")" \
	"each feed asked once, answered 304"
assert_done
