#!/bin/sh
# How the search index is written: a feed's new and changed articles go
# into the index together, as one segment of it, and so do the rows a
# cleanup takes out (the index is FTS5's: a segment written per article, as
# when each article was indexed right after its row, makes a first refresh
# merge the index over and over). With the index's own merging off, the
# number of segments is the number of writes. Then search finds what was
# written, and reindex --check holds.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
trap 'httpfix_stop' EXIT INT TERM
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
root="$ASSERT_TMP/www"
"$PYTHON" "$BANTIN_SOURCE_DIR/bench/gen-feeds.py" "$root" 3 25 2
httpfix_start "$root"
feeds="$ASSERT_TMP/feeds"
db="$ASSERT_TMP/cache.db"
for n in 1 2 3; do echo "$HTTPFIX_URL/feed-$n.xml"; done > "$feeds"
sql() { "$PYTHON" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute(sys.argv[2]):
    print("|".join(str(c) for c in row))
db.commit()' "$db" "$1"; }
segments() { sql 'SELECT count(DISTINCT segid) FROM articles_fts_idx'; }

# an empty cache, its index left unmerged
: > "$ASSERT_TMP/none"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/none" refresh
sql "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0)"
assert_equal "0" "$(segments)" "an empty cache: no segment"

assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_equal "3 feeds: 75 new, 0 updated, 0 failed" "$ASSERT_OUT" "the first refresh"
assert_equal "3" "$(segments)" "three feeds of 25 articles: one segment each"

# every item of feed 2 changed: its rows come out and go in again, in one segment
"$PYTHON" - "$root/feed-2.xml" << 'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace("</title>\n<link>https://thanhphohaiphong",
                                               " (cập nhật)</title>\n<link>https://thanhphohaiphong"))
EOF
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_equal "3 feeds: 0 new, 25 updated, 0 failed" "$ASSERT_OUT" "feed 2's articles changed"
assert_equal "4" "$(segments)" "25 changed articles: one segment more"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" search --json --limit 100 "cap nhat"
assert_equal "25" "$(printf '%s\n' "$ASSERT_OUT" | grep -c '"id"')" \
	"search finds the 25 changed titles"

# a cleanup of 20 articles of each feed: one segment a feed
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" mark-read --all
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" cleanup --keep-per-feed 5
assert_equal "60 articles removed" "$(printf '%s\n' "$ASSERT_OUT" | tail -1)" "the cleanup"
assert_equal "7" "$(segments)" "three feeds cleaned up: three segments more"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" reindex --check
assert_equal "the cache and its search index are sound" "$ASSERT_OUT" \
	"reindex --check holds"
assert_done
