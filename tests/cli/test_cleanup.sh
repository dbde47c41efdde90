#!/bin/sh
# Keeping the cache in bounds: bantin cleanup removes read, unstarred
# articles past a feed's newest N or older than N days, never unread or
# starred ones, with their index rows (search finds them no more, reindex
# --check holds); --dry-run removes nothing; a refresh never brings back
# what was removed while the feed still lists it; keep-days in the settings
# cleans up after each refresh; --vacuum makes the file smaller.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
trap 'httpfix_stop' EXIT INT TERM
mkdir -p "$XDG_CONFIG_HOME/bantin" "$ASSERT_TMP/www"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
# feed.xml with items N..1 (item K dated K days into December 2022)
write_feed() {
	{
		printf '%s\n' '<?xml version="1.0" encoding="UTF-8"?>' '<rss version="2.0"><channel><title>Tin</title><link>https://tin.example/</link><description>Tin</description>'
		k=$1
		while [ "$k" -ge 1 ]; do
			printf '<item><title>Bài số %d về chủđề%d</title><link>https://tin.example/%d</link><guid>https://tin.example/%d</guid><pubDate>%s, %02d Dec 2022 08:00:00 +0000</pubDate><description>Nội dung chủđề%d.</description></item>\n' \
				"$k" "$k" "$k" "$k" Thu "$k" "$k"
			k=$((k - 1))
		done
		printf '%s\n' '</channel></rss>'
	} > "$ASSERT_TMP/www/feed.xml"
}
write_feed 6
httpfix_start "$ASSERT_TMP/www"
feeds="$ASSERT_TMP/feeds"
db="$ASSERT_TMP/cache.db"
echo "$HTTPFIX_URL/feed.xml" > "$feeds"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
# ids 1..6 are items 6..1 (newest first); read all but the newest two's... :
# read 2..6, star 3 (item 4): unread 1 (item 6), starred 3
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" mark-read 2 3 4 5 6
"$PYTHON" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE articles SET starred = 1 WHERE id = 3"); c.commit()' "$db"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" cleanup --keep-per-feed 2 --dry-run
assert_equal "     3  Tin
3 articles would be removed" "$ASSERT_OUT" "dry run: what would go"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0
assert_equal 6 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "dry run: nothing removed"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" cleanup --keep-per-feed 2
assert_equal "     3  Tin
3 articles removed" "$ASSERT_OUT" "cleanup: past the newest 2, read and unstarred"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0
assert_equal "1 2 3" "$(printf '%s\n' "$ASSERT_OUT" | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')" \
	"cleanup: the newest two, and the starred one, stay"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" search "chude2"
assert_equal "" "$ASSERT_OUT" "cleanup: a removed article is out of the index"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" search "chude4"
case "$ASSERT_OUT" in *"Bài số 4"*) assert_pass ;; *) assert_fail "cleanup: the starred one is still found: $ASSERT_OUT" ;; esac
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" reindex --check
# the feed changes (a new item) and still lists the removed ones: they stay removed
write_feed 7
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_equal "1 feed: 1 new, 0 updated, 0 failed" "$ASSERT_OUT" "refresh: only the new item is new"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0
assert_equal 4 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "refresh: the removed ones are not back"
# keep-days in the settings: after each refresh
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" mark-read --all
printf '%s\n' "article-pages = no" "keep-days = 30" > "$XDG_CONFIG_HOME/bantin/config"
write_feed 8
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_equal "1 feed: 1 new, 0 updated, 0 failed
3 old articles removed (keep-days, keep-per-feed)" "$ASSERT_OUT" \
	"keep-days: a refresh removes the read, unstarred ones older than 30 days"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list -n 0
assert_equal 2 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "keep-days: the new unread one and the starred one stay"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" cleanup --vacuum
case "$ASSERT_OUT" in *"the cache file made smaller") assert_pass ;; *) assert_fail "--vacuum: $ASSERT_OUT" ;; esac
printf '%s\n' "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 2 "$bantin" --db "$db" --feeds "$feeds" cleanup
assert_equal "bantin cleanup: say what to keep: --keep-days N or --keep-per-feed N (or keep-days, keep-per-feed in the settings file) (see 'bantin cleanup --help')" \
	"$ASSERT_ERR" "cleanup with nothing to keep"
assert_done
