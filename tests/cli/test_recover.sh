#!/bin/sh
# A damaged cache: every command that meets the damage names the file and
# points to bantin recover; recover copies what can still be read (feeds,
# articles with their read and starred state) into a new cache, rebuilds
# the index, keeps the damaged file beside it as cache.db.damaged-DATE and
# says what was saved; the new cache is sound (reindex --check).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
trap 'httpfix_stop' EXIT INT TERM
mkdir -p "$XDG_CONFIG_HOME/bantin" "$ASSERT_TMP/www"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
# one feed of 600 articles with some text each: many pages of the articles table
"$PYTHON" - "$ASSERT_TMP/www/feed.xml" <<'PY'
import sys
items = []
for k in range(600, 0, -1):
    body = " ".join("Hải Phòng tin số %d đoạn %d." % (k, j) for j in range(40))
    items.append("<item><title>Tin số %d</title><link>https://tin.example/%d</link>"
                 "<pubDate>Thu, 01 Dec 2022 %02d:%02d:00 +0000</pubDate>"
                 "<description>%s</description></item>" % (k, k, k // 60 % 24, k % 60, body))
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>'
    '<link>https://tin.example/</link><description>Tin</description>' + "".join(items) +
    "</channel></rss>")
PY
httpfix_start "$ASSERT_TMP/www"
feeds="$ASSERT_TMP/feeds"
db="$ASSERT_TMP/cache.db"
echo "$HTTPFIX_URL/feed.xml" > "$feeds"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
httpfix_stop
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" mark-read 1 2 3
"$PYTHON" - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE articles SET starred = 1 WHERE id = 5")
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
page = db.execute("PRAGMA page_size").fetchone()[0]
leaves = [r[0] for r in db.execute(
    "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY pageno")]
db.close()
with open(sys.argv[1], "r+b") as f:  # two leaf pages of the articles in the middle made garbage
    for p in (leaves[len(leaves) // 2], leaves[len(leaves) // 2 + 1]):
        f.seek((p - 1) * page)
        f.write(b"\xff" * page)
PY
assert_status 1 "$bantin" --db "$db" --feeds "$feeds" search phong
assert_equal "bantin: $db: cannot count the matches: the cache is damaged (bantin recover saves what can be read)" \
	"$ASSERT_ERR" "search: the damage named, with what to do (not the query as the subject)"
assert_status 1 "$bantin" --db "$db" --feeds "$feeds" reindex
case "$ASSERT_ERR" in "bantin: $db: "*"the cache is damaged (bantin recover saves what can be read)") assert_pass ;;
*) assert_fail "reindex: the damage named: $ASSERT_ERR" ;; esac
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" recover
day=$(date +%Y%m%d)
saved=$(printf '%s\n' "$ASSERT_OUT" | sed -n 's/^saved \([0-9]*\) articles of 600 (1 feed, their read and starred state; the search index rebuilt)$/\1/p')
[ -n "$saved" ] && [ "$saved" -gt 500 ] && [ "$saved" -lt 600 ] && assert_pass ||
	assert_fail "recover: most of the 600 saved, said so: $ASSERT_OUT"
assert_equal "the damaged cache is kept as $db.damaged-$day" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 2p)" \
	"recover: where the damaged file is"
[ -f "$db.damaged-$day" ] && assert_pass || assert_fail "the damaged file is kept"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" reindex --check
assert_equal "the cache and its search index are sound" "$ASSERT_OUT" "the new cache is sound"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0
assert_equal "$saved" "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "list: what was saved"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0 --starred
case "$ASSERT_OUT" in *"Tin số 596"*) assert_pass ;; *) assert_fail "the starred state is kept: $ASSERT_OUT" ;; esac
assert_equal 3 "$("$bantin" --db "$db" --feeds "$feeds" list -n 0 | grep -c "^ *[0-9][0-9]*    [0-9]")" \
	"the read state is kept"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" search "tin so 600"
case "$ASSERT_OUT" in *"Tin số 600"*) assert_pass ;; *) assert_fail "search works on the new cache: $ASSERT_OUT" ;; esac
assert_status 1 "$bantin" --db "$ASSERT_TMP/none.db" --feeds "$feeds" recover
assert_equal "bantin: $ASSERT_TMP/none.db: no cache there" "$ASSERT_ERR" "recover: no cache"
printf 'not a database at all, not at all, not at all...........................................' > "$ASSERT_TMP/junk.db"
assert_status 1 "$bantin" --db "$ASSERT_TMP/junk.db" --feeds "$feeds" recover
case "$ASSERT_ERR" in "bantin: $ASSERT_TMP/junk.db: "*) assert_pass ;; *) assert_fail "recover: junk: $ASSERT_ERR" ;; esac
[ -f "$ASSERT_TMP/junk.db" ] && [ ! -e "$ASSERT_TMP/junk.db.recovering" ] && assert_pass ||
	assert_fail "recover that saves nothing leaves the file as it was, and no new one"
assert_done
