#!/bin/sh
# Faults, bounded in time: a file size limit (ulimit -f) and a full
# filesystem (a small tmpfs, when the tests run as root and may mount one)
# make a refresh fail with one clear line and lose nothing cached; reading
# commands work without a readable feeds file; search says when it stops
# at the ranked window.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
mnt=
cleanup() {
	httpfix_stop
	[ -z "$mnt" ] || umount "$mnt" 2> /dev/null || true
}
trap cleanup EXIT INT TERM
mkdir -p "$XDG_CONFIG_HOME/bantin" "$ASSERT_TMP/www"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
# feed N FILE: a feed of N articles, each with a paragraph of text
feed() {
	"$PYTHON" - "$1" "$2" <<'PY'
import sys
n = int(sys.argv[1])
items = "".join(
    "<item><title>Tin %d</title><link>https://tin.example/%d</link><description>%s</description></item>"
    % (k, k, " ".join("Hải Phòng tin %d đoạn %d." % (k, j) for j in range(20))) for k in range(n))
open(sys.argv[2], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin</title>'
    '<link>https://tin.example/</link><description>Tin</description>' + items + "</channel></rss>")
PY
}
feed 5 "$ASSERT_TMP/www/small.xml"
feed 3000 "$ASSERT_TMP/www/big.xml"
httpfix_start "$ASSERT_TMP/www"
U=$HTTPFIX_URL
printf '%s\n' "$U/small.xml" > "$ASSERT_TMP/small"
printf '%s\n' "$U/small.xml" "$U/big.xml" > "$ASSERT_TMP/both"

# ---- ulimit -f: a clear line, the summary, nothing lost ----
db="$ASSERT_TMP/limit.db"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/small" refresh
assert_status 1 sh -c 'ulimit -f 2048; exec "$@"' sh "$bantin" --db "$db" --feeds "$ASSERT_TMP/both" refresh
case "$ASSERT_ERR" in *"the file size limit (ulimit -f) is reached"* | *"big.xml: "*"File too large"*) assert_pass ;;
*) assert_fail "ulimit -f: said in one line, no SIGXFSZ: status $ASSERT_STATUS: $ASSERT_ERR" ;; esac
case "$ASSERT_OUT" in "2 feeds: "*"1 failed"*) assert_pass ;; *) assert_fail "ulimit -f: the summary still printed: $ASSERT_OUT" ;; esac
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/small" list -n 0
assert_equal 5 "$(printf '%s\n' "$ASSERT_OUT" | grep -c 'Tin [0-9]')" "ulimit -f: what was cached stays"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/small" reindex --check

# ---- a full filesystem ----
if [ "$(id -u)" = 0 ] && mkdir -p "$ASSERT_TMP/mnt" && mount -t tmpfs -o size=1m tmpfs "$ASSERT_TMP/mnt" 2> /dev/null; then
	mnt="$ASSERT_TMP/mnt"
	full="$mnt/cache.db"
	assert_status 0 "$bantin" --db "$full" --feeds "$ASSERT_TMP/small" refresh
	assert_status 1 "$bantin" --db "$full" --feeds "$ASSERT_TMP/both" refresh
	case "$ASSERT_ERR" in *"the disk is full"*) assert_pass ;; *) assert_fail "a full disk: said so: $ASSERT_ERR" ;; esac
	assert_status 0 "$bantin" --db "$full" --feeds "$ASSERT_TMP/small" list -n 0
	assert_equal 5 "$(printf '%s\n' "$ASSERT_OUT" | grep -c 'Tin [0-9]')" "a full disk: what was cached stays"
	# not a byte left: reading still works (read-only), and leaves nothing beside the cache
	assert_status 0 "$bantin" --db "$full" --feeds "$ASSERT_TMP/small" reindex --check
	dd if=/dev/zero of="$mnt/fill" bs=4k 2> /dev/null || true
	assert_status 0 "$bantin" --db "$full" --feeds "$ASSERT_TMP/small" list -n 0
	assert_equal 5 "$(printf '%s\n' "$ASSERT_OUT" | grep -c 'Tin [0-9]')" "a full disk: the cache is read"
	assert_equal "cache.db fill" "$(ls "$mnt" | tr '\n' ' ' | sed 's/ $//')" \
		"a full disk: no log or shared memory left beside the cache"
	umount "$mnt"
	mnt=
else
	echo "skipped: a full filesystem (needs root and mount)" >&2
fi

# ---- a 5 MB title, a 9 KB link: cut and dropped when the feed is read ----
"$PYTHON" - "$ASSERT_TMP/www/huge.xml" <<'PY'
import sys
title = "Tiêu đề dài " * 400000
open(sys.argv[1], "w", encoding="utf-8").write(
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Lớn</title>'
    '<link>https://lon.example/</link><description>Lớn</description><item><title>' + title +
    '</title><link>https://lon.example/' + "a" * 9000 + '</link><guid>lon-1</guid>'
    '<description>Nội dung.</description></item></channel></rss>')
PY
printf '%s\n' "$U/huge.xml" > "$ASSERT_TMP/huge"
assert_status 0 "$bantin" --db "$ASSERT_TMP/huge.db" --feeds "$ASSERT_TMP/huge" refresh --max-size 64M
assert_status 0 "$bantin" --db "$ASSERT_TMP/huge.db" --feeds "$ASSERT_TMP/huge" list --json
"$PYTHON" -c 'import json, sys
r = json.loads(sys.argv[1])
assert len(r["title"]) == 1000 and r["title"].endswith("…"), len(r["title"])
assert r["link"] is None or r["link"] == "", r["link"][:40]' "$ASSERT_OUT" && assert_pass ||
	assert_fail "a huge title is cut to 1000 characters with …, a huge link dropped"

# ---- reading without the feeds file ----
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/gone" list -n 0
assert_equal "bantin: $ASSERT_TMP/gone: cannot read the feeds file: No such file or directory (the cache is read without it)" \
	"$ASSERT_ERR" "list without the feeds file: a warning"
assert_equal 5 "$(printf '%s\n' "$ASSERT_OUT" | grep -c 'Tin [0-9]')" "list without the feeds file: the cache"
assert_status 1 "$bantin" --db "$db" --feeds "$ASSERT_TMP/gone" mark-read --feed 1

# ---- search past the ranked window says so ----
db="$ASSERT_TMP/many.db"
feed 5200 "$ASSERT_TMP/www/many.xml"
printf '%s\n' "$U/many.xml" > "$ASSERT_TMP/many"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/many" refresh --max-size 64M
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/many" search -n 6000 phong
assert_equal 5000 "$(printf '%s\n' "$ASSERT_OUT" | grep -c '^ *[0-9]')" "search: the ranked window"
assert_equal "bantin: search 'phong': the first 5000 of 5200 matches, the newest 5000 ranked (more words, since: or feed: narrow it)" \
	"$ASSERT_ERR" "search: says it stopped, and why"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/many" search -n 1 --json phong
case "$ASSERT_OUT" in *'"matches": 5200, '*) assert_pass ;; *) assert_fail "search --json: the number of matches: $ASSERT_OUT" ;; esac
assert_done
