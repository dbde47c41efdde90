#!/bin/sh
# The cache survives what happens to real caches: a refresh killed with
# SIGKILL in the middle of 100 feeds leaves a consistent database that the
# next refresh completes without duplicates, and two refreshes at the same
# time (cron and a user) both succeed and store each article once.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
# The fixtures' items are summaries of the portal's articles: their web pages
# are not fetched here (tests/cli/test_pages.sh is about them).
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
trap 'httpfix_stop' EXIT

root="$ASSERT_TMP/root"
"$PYTHON" "$BANTIN_SOURCE_DIR/bench/gen-feeds.py" "$root" 100 20 3
# Every feed comes slowly, in pieces, so that the kill lands mid-refresh.
"$PYTHON" - "$root" << 'EOF'
import json, sys
routes = {f"/feed-{n}.xml": {"chunk_size": 8192, "chunk_delay": 0.05} for n in range(1, 101)}
json.dump(routes, open(sys.argv[1] + "/routes.json", "w"))
EOF
HTTPFIX_LIFETIME=200 httpfix_start "$root"
feeds="$ASSERT_TMP/feeds"
for n in $(seq 1 100); do echo "$HTTPFIX_URL/feed-$n.xml"; done > "$feeds"

check_db() { "$PYTHON" - "$1" << 'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("PRAGMA integrity_check").fetchone()[0])
db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
a = db.execute("SELECT count(*) FROM articles").fetchone()[0]
i = db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
d = db.execute("SELECT count(*) FROM (SELECT guid FROM articles GROUP BY guid HAVING count(*) > 1)").fetchone()[0]
print(f"{a} {i} {d}")
EOF
}

# ---- kill -9 in the middle ----
db="$ASSERT_TMP/killed.db"
"$bantin" --db "$db" --feeds "$feeds" refresh > /dev/null 2>&1 &
pid=$!
i=0
# Kill once some feeds are in, but long before the last one.
while :; do
	i=$((i + 1))
	n=$("$PYTHON" -c 'import sqlite3, sys
print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute("SELECT count(*) FROM articles").fetchone()[0])' "$db" 2> /dev/null || true)
	[ -n "$n" ] && [ "$n" -ge 200 ] && break
	[ "$i" -gt 300 ] && break
	sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2> /dev/null || true
out=$(check_db "$db")
assert_equal "ok" "$(printf '%s\n' "$out" | sed -n 1p)" "after kill -9: PRAGMA integrity_check is ok"
set -- $(printf '%s\n' "$out" | sed -n 2p)
before=$1
[ "$before" -ge 200 ] && [ "$before" -lt 2000 ] && assert_pass ||
	assert_fail "the kill came mid-refresh ($before of 2000 articles stored)"
assert_equal "$before" "$2" "after kill -9: the index holds exactly the stored articles"
assert_equal "0" "$3" "after kill -9: no duplicates"
[ $((before % 20)) -eq 0 ] && assert_pass ||
	assert_fail "after kill -9: only whole feeds are stored ($before articles)"

assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_equal "100 feeds: $((2000 - before)) new, 0 updated, 0 failed" "$ASSERT_OUT" \
	"the next refresh completes the cache"
assert_equal "ok
2000 2000 0" "$(check_db "$db")" "then: 2000 articles, all indexed, no duplicates"

# ---- deep pages of a long list (read from its end) are the same rows ----
want=$("$PYTHON" -c 'import sqlite3, sys
for (i,) in sqlite3.connect(sys.argv[1]).execute("SELECT id FROM articles ORDER BY time DESC, id DESC"):
    print(i)' "$db")
got=$("$bantin" --db "$db" --feeds "$feeds" list --json --limit 0 | sed 's/{"id": \([0-9]*\),.*/\1/')
assert_equal "$want" "$got" "list: every page in order, also past the middle"
got=$("$bantin" --db "$db" --feeds "$feeds" list --json --offset 1990 --limit 20 | sed 's/{"id": \([0-9]*\),.*/\1/')
assert_equal "$(printf '%s\n' "$want" | sed -n '1991,2000p')" "$got" "list: the last page, cut at the end"

# ---- two refreshes at the same time ----
db="$ASSERT_TMP/twice.db"
"$bantin" --db "$db" --feeds "$feeds" refresh > "$ASSERT_TMP/one.out" 2> "$ASSERT_TMP/one.err" &
one=$!
"$bantin" --db "$db" --feeds "$feeds" refresh > "$ASSERT_TMP/two.out" 2> "$ASSERT_TMP/two.err" &
two=$!
s1=0
s2=0
wait "$one" || s1=$?
wait "$two" || s2=$?
assert_equal "0 0" "$s1 $s2" "two refreshes at once: both succeed"
assert_equal "" "$(cat "$ASSERT_TMP/one.err" "$ASSERT_TMP/two.err")" "two refreshes at once: no errors"
new=$(($(sed 's/.*: \([0-9]*\) new.*/\1/' "$ASSERT_TMP/one.out") + $(sed 's/.*: \([0-9]*\) new.*/\1/' "$ASSERT_TMP/two.out")))
assert_equal "2000" "$new" "two refreshes at once: each article counted new once"
assert_equal "ok
2000 2000 0" "$(check_db "$db")" "two refreshes at once: 2000 articles, no duplicates"

assert_done
