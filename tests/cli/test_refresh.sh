#!/bin/sh
# bantin refresh, feeds, list, show and mark-read against the loopback
# fixture server and a real SQLite file: what is stored, what each failure
# says, conditional GET, updates that keep read state, --offline.
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
cp -R "$BANTIN_SOURCE_DIR/tests/fixtures/refresh" "$root"
# A document over the 1 MiB limit, and one that gzips 20 MiB into a few KiB.
"$PYTHON" - "$root" << 'EOF'
import sys
root = sys.argv[1]
head = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>t</title><description>'
with open(root + "/big.xml", "w") as f:
    f.write(head + "x" * (2 << 20) + "</description></item></channel></rss>")
with open(root + "/bomb.xml", "w") as f:
    f.write(head + " " * (20 << 20) + "</description></item></channel></rss>")
EOF
HTTPFIX_LIFETIME=120 httpfix_start "$root"
U=$HTTPFIX_URL
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
cat > "$feeds" << EOF
# the test's feeds
$U/a.xml news "~Tin A"
$U/b.atom
$U/missing.xml
$U/error.xml
$U/slow.xml
$U/stall.xml
$U/loop
$U/tofile
$U/big.xml
$U/bomb.xml
$U/page.html
$U/moved.xml
$U/busy.json
EOF
bt() { "$bantin" --db "$db" --feeds "$feeds" "$@"; }
requests_for() { grep -c "\"path\": \"$1\"" "$HTTPFIX_LOG" || true; }
# A header of every request for path, one a line.
header_of() { "$PYTHON" -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r["path"] == sys.argv[2]:
        print(r["headers"].get(sys.argv[3], "-"))' "$HTTPFIX_LOG" "$1" "$2"; }
sql() { "$PYTHON" -c '
import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join(str(c) for c in row))' "$db" "$1"; }

# ---- the first refresh stores every article; each failure gets its line ----
assert_status 1 bt refresh --timeout 2 --stall-time 1 --max-size 1M
ASSERT_ERR=$(printf '%s\n' "$ASSERT_ERR" | sed 's/after 2 s ([0-9]* bytes/after 2 s (N bytes/')
assert_equal "13 feeds: 7 new, 0 updated, 9 failed" "$ASSERT_OUT" "first refresh: summary"
want=$(cat << EOF
bantin: $U/missing.xml: HTTP 404 Not Found; no other feed found on its site
bantin: $U/error.xml: HTTP 500 Internal Server Error
bantin: $U/slow.xml: 127.0.0.1:$HTTPFIX_PORT timed out after 2 s (N bytes received)
bantin: $U/stall.xml: 127.0.0.1:$HTTPFIX_PORT stalled: nothing received for 1 s
bantin: $U/loop: too many redirects (more than 5)
bantin: $U/tofile: redirected to 'file:///etc/passwd', which is not an http or https URL
bantin: $U/big.xml: the document is larger than the limit of 1 MiB (after decompression)
bantin: $U/bomb.xml: the document is larger than the limit of 1 MiB (after decompression)
bantin: $U/page.html: not a feed (an HTML page); no other feed found on its site
bantin: $U/moved.xml: moved for good to $U/c.xml; fetched from there from now on (update the feeds file)
EOF
)
assert_equal "$want" "$ASSERT_ERR" "first refresh: one line per failed feed, in feed order"
assert_equal "2" "$(requests_for /error.xml)" "a 500 is retried once"
assert_equal "2" "$(requests_for /slow.xml)" "a timeout is retried once"
assert_equal "2" "$(requests_for /stall.xml)" "a stalled transfer is retried once"
assert_equal "2" "$(requests_for /busy.json)" "a 503 with Retry-After is retried"
assert_equal "bantin/$(sed -n 's/^project(bantin VERSION \([0-9.]*\).*/\1/p' "$BANTIN_SOURCE_DIR/CMakeLists.txt")" \
	"$(header_of /a.xml User-Agent)" "a truthful User-Agent"
assert_equal "7|7" "$(sql 'SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_fts_docsize)')" \
	"every article is stored and indexed"

# Article numbers follow the order feeds arrive in: look them up by title.
id_of() { sql "SELECT id FROM articles WHERE title = '$1'"; }
cang=$(id_of "Cảng Lạch Huyện đón tàu container lớn nhất")
hoinghi=$(id_of "Hội nghị tổng kết ngành Giáo dục năm 2022")
lehoi=$(id_of "Lễ hội Hoa Phượng Đỏ 2023")
doan=$(id_of "Đoàn viên ra quân tình nguyện")
hienmau=$(id_of "Hiến máu nhân đạo")

assert_status 0 bt list --json --limit 0
assert_equal 7 "$(printf '%s\n' "$ASSERT_OUT" | grep -c '"id"')" "list --json: 7 articles"
assert_status 0 bt list --feed "Tin A"
want=$(cat << EOF
$(printf '%6d' "$cang") N  29/12/2022 16:05  Tin A                 Cảng Lạch Huyện đón tàu container lớn nhất
$(printf '%6d' "$hoinghi") N  28/12/2022 10:30  Tin A                 Hội nghị tổng kết ngành Giáo dục năm 2022
$(printf '%6d' "$lehoi") N  27/12/2022 21:00  Tin A                 Lễ hội Hoa Phượng Đỏ 2023
EOF
)
assert_equal "$want" "$ASSERT_OUT" "list --feed NAME: newest first, Vietnam time"
assert_status 0 bt list --feed 2 --json
assert_equal '{"id": '"$doan"', "feed_id": 2, "feed": "Đoàn Thanh niên", "title": "Đoàn viên ra quân tình nguyện", "link": "https://doanthanhnien.example/tinh-nguyen", "date": "2022-12-26T01:00:00Z", "read": false, "starred": false, "other_feeds": 0}
{"id": '"$hienmau"', "feed_id": 2, "feed": "Đoàn Thanh niên", "title": "Hiến máu nhân đạo", "link": "https://doanthanhnien.example/hien-mau", "date": "2022-12-25T01:00:00Z", "read": false, "starred": false, "other_feeds": 0}' \
	"$ASSERT_OUT" "list --feed ID --json: the feed's own title when it has no name"

assert_status 0 bt show "$cang" --width 50 --lang vi
# The image's relative URL is resolved against the feed document's URL.
want=$(cat << EOF
Cảng Lạch Huyện đón tàu container lớn nhất
══════════════════════════════════════════

Tin A · Thứ Năm, 29/12/2022 16:05
Nguyễn Hải
https://thanhphohaiphong.gov.vn/cang-lach-
huyen.html

──────────────────────────────────────────────────

Sáng 29/12, cảng Lạch Huyện đón tàu container lớn
nhất.

[Ảnh: Tàu cập cảng sáng 29/12][1]

Nguyễn Hải. Ảnh: Đàm Thanh

[1] $U/wp-
    content/uploads/tau.jpg
EOF
)
assert_equal "$want" "$ASSERT_OUT" "show: header in Vietnam time, body, links"
# The image's label follows the labels' language: English by this locale (C.UTF-8).
assert_status 0 bt show "$cang" --width 50
assert_equal "[Image: Tàu cập cảng sáng 29/12][1]" "$(printf '%s\n' "$ASSERT_OUT" | grep '^\[Im')" \
	"show: the image label in English without --lang"
assert_status 2 bt show "$cang" --lang fr
assert_equal "bantin show: option '--lang' needs vi or en, not 'fr' (see 'bantin show --help')" \
	"$ASSERT_ERR" "show --lang: vi or en"

assert_status 0 bt feeds
printf '%s\n' "$ASSERT_OUT" | sed -n '1,4p' > "$ASSERT_TMP/feeds-head"
printf '%s\n' "1  Tin A  3/3 unread" "    $U/a.xml" > "$ASSERT_TMP/feeds-want"
assert_equal "$(cat "$ASSERT_TMP/feeds-want")" "$(sed -n '1,2p' "$ASSERT_TMP/feeds-head")" "feeds: name and counts"
assert_equal "    last refresh failed" \
	"$(printf '%s\n' "$ASSERT_OUT" | grep -A4 "^3  $U/missing.xml" | grep 'last refresh failed' | cut -c1-23)" \
	"feeds: a failed feed says so"
assert_equal "    last refresh failed" \
	"$(printf '%s\n' "$ASSERT_OUT" | grep -A4 "^3  " | grep -o '    last refresh failed' | head -1)" \
	"feeds: the failure line"
printf '%s\n' "$ASSERT_OUT" | grep -q ": HTTP 404 Not Found; no other feed found on its site$" &&
	assert_pass || assert_fail "feeds: the failure's reason"
printf '%s\n' "$ASSERT_OUT" | grep -q "moved for good to $U/c.xml (update the feeds file)" &&
	assert_pass || assert_fail "feeds: a moved feed says where"

# ---- the second refresh sends the validators and writes no article ----
before=$(sql 'SELECT group_concat(id || hash, ",") FROM articles')
: > "$HTTPFIX_LOG"
assert_status 0 bt refresh "$U/a.xml" "Đoàn Thanh niên" 12
assert_equal "3 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" "second refresh: nothing new"
assert_equal "" "$ASSERT_ERR" "second refresh: nothing on stderr"
etag=$(header_of /a.xml If-None-Match | tail -1)
[ "$etag" != "-" ] && assert_pass || assert_fail "the second request sends If-None-Match"
assert_equal "$(header_of /c.xml If-Modified-Since | tail -1 | grep -c GMT)" "1" \
	"the moved feed is fetched at its new place, with If-Modified-Since"
assert_equal "0" "$(requests_for /moved.xml)" "the old place of a moved feed is not asked again"
assert_equal "$before" "$(sql 'SELECT group_concat(id || hash, ",") FROM articles')" \
	"a 304 writes no article"
assert_equal "304 304 304" "$("$PYTHON" -c '
import json, sys
print(" ".join(str(json.loads(l)["status"]) for l in open(sys.argv[1])))' "$HTTPFIX_LOG")" \
	"second refresh: every feed answered 304 Not Modified"

# ---- a changed article is updated and keeps its read state ----
assert_status 0 bt mark-read "$hoinghi"
assert_status 0 bt list --unread --feed "tin a"
assert_equal 2 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "mark-read: one fewer unread"
cp "$root/a-changed.xml" "$root/a.xml"
touch -d '2030-01-01' "$root/a.xml"
assert_status 0 bt refresh "Tin A"
assert_equal "1 feed: 1 new, 1 updated, 0 failed" "$ASSERT_OUT" "changed feed: one new, one updated"
assert_equal "1" "$(sql "SELECT read FROM articles WHERE id = $hoinghi")" "the updated article stays read"
assert_equal "8|8" "$(sql 'SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_fts_docsize)')" \
	"no duplicates, index in step"
assert_equal "$hoinghi" "$(sql "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'nhiem vu'")" \
	"the index holds the updated text, folded"
# "tổ chức" was only in the old text: a stale index row would still hold it.
assert_equal "" "$(sql "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'body:chuc'")" \
	"the index lost the old text"
assert_equal "$doan" "$(sql "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'doan vien'")" \
	"đ is folded to d in the index"
assert_status 0 bt reindex --check

# ---- fetched bodies wait in temporary files, not in memory ----
# DIR COMMAND...: runs COMMAND with TMPDIR=DIR, watching DIR (inotify); prints
# its output, then "files: M made, R removed" of bantin's temporary files there.
watch_tmp() { "$PYTHON" - "$@" << 'EOF'
import ctypes, os, struct, subprocess, sys
d = sys.argv[1]
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init1(os.O_NONBLOCK)
if fd < 0 or libc.inotify_add_watch(fd, d.encode(), 0x100 | 0x200) < 0:  # CREATE, DELETE
    sys.exit("inotify: " + os.strerror(ctypes.get_errno()))
rc = subprocess.run(sys.argv[2:], env=dict(os.environ, TMPDIR=d)).returncode
made = removed = 0
try:
    data = os.read(fd, 1 << 16)
except BlockingIOError:
    data = b""
i = 0
while i < len(data):
    wd, mask, cookie, n = struct.unpack_from("iIII", data, i)
    name = data[i + 16:i + 16 + n].rstrip(b"\0")
    i += 16 + n
    if name.startswith(b"bantin-"):
        made += 1 if mask & 0x100 else 0
        removed += 1 if mask & 0x200 else 0
print("files: %d made, %d removed" % (made, removed), flush=True)
sys.exit(rc)
EOF
}
spool="$ASSERT_TMP/spool"
mkdir "$spool"
printf '\n' >> "$root/a.xml" # another ETag: one body, two 304s, and a 404's page
assert_status 1 watch_tmp "$spool" "$bantin" --db "$db" --feeds "$feeds" refresh "Tin A" "$U/b.atom" "$U/moved.xml" "$U/missing.xml"
assert_equal "4 feeds: 0 new, 0 updated, 1 failed
files: 1 made, 1 removed" "$ASSERT_OUT" "the one body waits in a file of its own, removed at once; an error page in none"
assert_equal "bantin: $U/missing.xml: HTTP 404 Not Found; no other feed found on its site" "$ASSERT_ERR" "the 404 is told"
assert_equal "" "$(ls -A "$spool")" "no temporary file left behind"
# With room for no more than 1 MiB a file (RLIMIT_FSIZE), the 2 MiB document
# cannot be written to its temporary file: proof it goes there, not to memory.
printf '%s\n' "$U/big.xml" > "$ASSERT_TMP/bigfeeds"
assert_status 1 "$PYTHON" -c '
import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
os.execv(sys.argv[1], sys.argv[1:])' "$bantin" --db "$ASSERT_TMP/fsize.db" \
	--feeds "$ASSERT_TMP/bigfeeds" refresh
assert_equal "bantin: $U/big.xml: cannot write what 127.0.0.1:$HTTPFIX_PORT sent to a temporary file in ${TMPDIR:-/tmp}: File too large" \
	"$ASSERT_ERR" "a body that cannot be written to its temporary file fails its feed, and says why"
printf '\n' >> "$root/a.xml"
assert_status 0 env TMPDIR="$spool/none" "$bantin" --db "$db" --feeds "$feeds" refresh "Tin A"
assert_equal "1 feed: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" \
	"no temporary file to be had: the body stays in memory"
printf '\n' >> "$root/a.xml"
assert_status 1 bt refresh --max-size 1K "Tin A"
assert_equal "bantin: $U/a.xml: the document is larger than the limit of 1 KiB (after decompression)" \
	"$(printf '%s\n' "$ASSERT_ERR" | grep '^bantin: ')" "a spooled body has the size limit too"
assert_equal "8|8" "$(sql 'SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles_fts_docsize)')" \
	"the refused body loses nothing cached"

assert_status 0 bt mark-read --feed "Tin A"
assert_equal "3 marked read" "$ASSERT_OUT" "mark-read --feed"
assert_status 0 bt mark-read --unread "$cang"
assert_status 0 bt mark-read --all
assert_equal "5 marked read" "$ASSERT_OUT" "mark-read --all"

# ---- errors and usage ----
assert_status 1 bt show 99
assert_equal "bantin: no article 99" "$ASSERT_ERR" "show: an article that is not there"
assert_status 2 bt show abc
assert_equal "bantin show: 'abc' is not an article number (see 'bantin show --help')" "$ASSERT_ERR" "show: not a number"
assert_status 2 bt mark-read
assert_equal "bantin mark-read: give article numbers, --feed F, --tag T or --all (see 'bantin mark-read --help')" "$ASSERT_ERR" "mark-read: nothing to mark"
assert_status 1 bt list --feed nope
assert_equal "bantin: nope: no such feed (see 'bantin feeds')" "$ASSERT_ERR" "list: unknown feed"
assert_status 2 bt list --limit x
assert_equal "bantin list: option '--limit' needs a number from 0 to 1000000000, not 'x' (see 'bantin list --help')" "$ASSERT_ERR" "list: bad limit"

# A line bantin cannot use is skipped with a warning naming it; the other feeds are refreshed.
printf '%s\n' "$U/a.xml" "ftp://example.com/feed" "$U/b.atom" > "$ASSERT_TMP/badfeeds"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/badfeeds" refresh
assert_equal "bantin: $ASSERT_TMP/badfeeds:2: 'ftp://example.com/feed' is not an http or https URL; line skipped" "$ASSERT_ERR" \
	"feeds file: FILE:LINE: what is wrong"
assert_equal "2 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" "feeds file: the other lines are refreshed"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/badfeeds" list -n 1
assert_equal "" "$ASSERT_ERR" "feeds file: its warnings only from refresh and feeds, not from every command"
printf '%s\n' "$U/a.xml \"~Unclosed" > "$ASSERT_TMP/badfeeds"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/badfeeds" feeds
assert_equal "bantin: $ASSERT_TMP/badfeeds:1: a quote is not closed; line skipped" "$ASSERT_ERR" "feeds file: unclosed quote"
printf '%s\n' "$U/a.xml colour=red" > "$ASSERT_TMP/badfeeds"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/badfeeds" feeds
assert_equal "bantin: $ASSERT_TMP/badfeeds:1: unknown feed option 'colour=red' (known: cafile=FILE, tls-verify=no, site=NAME, full-article=yes|no; quote a tag that holds '='); line skipped" "$ASSERT_ERR" "feeds file: unknown option"
printf '%s\n' "$U/a.xml \"colour=red\" \"~Tin A\"" > "$ASSERT_TMP/quotedtag"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/quotedtag" feeds
assert_equal "" "$ASSERT_ERR" "feeds file: a quoted tag may hold '=', as the message says"
printf '%s\n' "\"query:Old:age > 30\"" "$U/a.xml" "$U/a.xml" "\"query:Unread:unread = \\\"yes\\\"\"" > "$ASSERT_TMP/nbfeeds"
assert_status 0 "$bantin" --db "$db" --feeds "$ASSERT_TMP/nbfeeds" feeds
assert_equal "bantin: $ASSERT_TMP/nbfeeds:1: only newsboat queries of unread = \"yes\" and title =~ \"words\" are read (write a \"search:NAME:QUERY\" line); line skipped
bantin: $ASSERT_TMP/nbfeeds:3: the same feed as line 2; line skipped" "$ASSERT_ERR" \
	"newsboat lines bantin cannot read are skipped with a warning (unread = \"yes\" is read)"
printf 'garbage, not SQLite at all.............................................................................' > "$ASSERT_TMP/not.db"
assert_status 1 "$bantin" --db "$ASSERT_TMP/not.db" list
assert_equal "bantin: $ASSERT_TMP/not.db: not a bantin cache (not an SQLite database)" "$ASSERT_ERR" "a file that is not a cache"
# A cache of another version (a development build's) is refused in one line and never changed.
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
db.execute("PRAGMA user_version = 4")
db.commit()' "$ASSERT_TMP/other.db"
before=$(cksum < "$ASSERT_TMP/other.db")
assert_status 1 "$bantin" --db "$ASSERT_TMP/other.db" list
assert_equal "bantin: $ASSERT_TMP/other.db: a cache of another bantin (version 4; this one reads version 2): move it away and run 'bantin refresh' to make a new one" \
	"$ASSERT_ERR" "a cache of another version: what to do"
assert_equal "$before" "$(cksum < "$ASSERT_TMP/other.db")" "the cache of another version is left as it was"
[ ! -e "$ASSERT_TMP/other.db-wal" ] && assert_pass || assert_fail "no log made beside it"
# A cache of version 1, as the bantin before article pages made it (one read, one starred),
# gains what version 2 adds in place and loses nothing.
cp "$BANTIN_SOURCE_DIR/tests/fixtures/pages/cache-v1.db" "$ASSERT_TMP/v1.db"
printf '%s\n' 'http://127.0.0.1:37655/a.xml "~Tin A"' 'http://127.0.0.1:37655/b.atom' > "$ASSERT_TMP/v1feeds"
v1() { "$bantin" --db "$ASSERT_TMP/v1.db" --feeds "$ASSERT_TMP/v1feeds" "$@"; }
assert_status 0 v1 list -n 0
assert_equal "     3 N* 29/12/2022 16:05  Tin A                 Cảng Lạch Huyện đón tàu container lớn nhất
     4 N  28/12/2022 10:30  Tin A                 Hội nghị tổng kết ngành Giáo dục năm 2022
     5 N  27/12/2022 21:00  Tin A                 Lễ hội Hoa Phượng Đỏ 2023
     1 N  26/12/2022 08:00  Đoàn Thanh niên       Đoàn viên ra quân tình nguyện
     2    25/12/2022 08:00  Đoàn Thanh niên       Hiến máu nhân đạo" "$ASSERT_OUT" \
	"a cache of version 1: its articles, read and starred as they were"
assert_equal "2" "$("$PYTHON" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("PRAGMA user_version").fetchone()[0])' "$ASSERT_TMP/v1.db")" \
	"a cache of version 1 is now of version 2"
assert_status 0 v1 reindex --check
assert_equal "the cache and its search index are sound" "$ASSERT_OUT" "a cache of version 1: sound after"
assert_status 0 v1 search container
assert_equal "     3 N* 29/12/2022 16:05  Tin A                 Cảng Lạch Huyện đón tàu container lớn nhất" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" "a cache of version 1: its index answers"
assert_status 0 v1 show 1 --width 60
assert_equal "Đoàn viên ra quân tình nguyện" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" \
	"a cache of version 1: its articles show"

# ---- --proxy: every request goes to the proxy ----
printf '%s\n' "http://feeds.invalid/a.xml" > "$ASSERT_TMP/proxyfeeds"
: > "$HTTPFIX_LOG"
assert_status 0 "$bantin" --db "$ASSERT_TMP/proxy.db" --feeds "$ASSERT_TMP/proxyfeeds" refresh --proxy "$U"
assert_equal "1 feed: 4 new, 0 updated, 0 failed" "$ASSERT_OUT" "--proxy: the feed comes through the proxy"
assert_equal "1" "$(httpfix_requests)" "--proxy: one request, to the proxy"

# ---- the settings file: what the command line does not say ----
printf '# through the fixture server\nproxy = "%s"\narticle-pages = no\n' "$U" > "$ASSERT_TMP/settings"
: > "$HTTPFIX_LOG"
assert_status 0 "$bantin" --config "$ASSERT_TMP/settings" --db "$ASSERT_TMP/proxy2.db" \
	--feeds "$ASSERT_TMP/proxyfeeds" refresh
assert_equal "1 feed: 4 new, 0 updated, 0 failed" "$ASSERT_OUT" "settings: the proxy"
assert_equal "1" "$(httpfix_requests)" "settings: one request, to the proxy"
printf 'proxy = ""\narticle-pages = no\n' > "$ASSERT_TMP/noproxy"
printf '%s\n' "$U/a.xml" > "$ASSERT_TMP/directfeeds"
assert_status 0 env http_proxy=http://127.0.0.1:9 "$bantin" --config "$ASSERT_TMP/noproxy" \
	--db "$ASSERT_TMP/direct.db" --feeds "$ASSERT_TMP/directfeeds" refresh
assert_equal "1 feed: 4 new, 0 updated, 0 failed" "$ASSERT_OUT" \
	"settings: an empty proxy means none, whatever the environment says"
mkdir -p "$XDG_CONFIG_HOME/bantin"
printf '%s\n' "stall-time = 1" "  max-size=1M  " "timeout = 30" > "$XDG_CONFIG_HOME/bantin/config"
printf '%s\n' "$U/big.xml" "$U/stall.xml" > "$ASSERT_TMP/limitfeeds"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/limitfeeds" refresh
assert_equal "bantin: $U/big.xml: the document is larger than the limit of 1 MiB (after decompression)
bantin: $U/stall.xml: 127.0.0.1:$HTTPFIX_PORT stalled: nothing received for 1 s" "$ASSERT_ERR" \
	"settings: the default file's limits"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/limitfeeds" refresh \
	--stall-time 5 --timeout 1 --max-size 4M
ASSERT_ERR=$(printf '%s\n' "$ASSERT_ERR" | sed 's/after 1 s ([0-9]* bytes/after 1 s (N bytes/')
assert_equal "bantin: $U/stall.xml: 127.0.0.1:$HTTPFIX_PORT timed out after 1 s (N bytes received)" \
	"$ASSERT_ERR" "settings: the command line wins"
printf '%s\n' "# comment" "" "timeout = soon" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" list
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/config:3: \"timeout\" needs a number of seconds from 1 to 86400, not \"soon\"" \
	"$ASSERT_ERR" "settings: a wrong value names the file and the line"
printf '%s\n' "colour = red" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" list
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/config:1: unknown setting \"colour\"" "$ASSERT_ERR" \
	"settings: an unknown key"
printf '%s\n' "mouse" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" list
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/config:1: expected \"key = value\", \"bind KEY ACTION\", \"unbind KEY\" or \"include FILE\"" "$ASSERT_ERR" \
	"settings: a line without '='"
# as some editors write them: a byte order mark, CRLF line ends
printf '\357\273\277lang = en\r\nstall-time = 1\r\n' > "$XDG_CONFIG_HOME/bantin/config"
printf '\357\273\277%s "~Stalled"\r\n' "$U/stall.xml" > "$ASSERT_TMP/crlffeeds"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/crlffeeds" refresh
assert_equal "bantin: $U/stall.xml: 127.0.0.1:$HTTPFIX_PORT stalled: nothing received for 1 s" \
	"$ASSERT_ERR" "settings and feeds files with a byte order mark and CRLF line ends"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --config "$ASSERT_TMP/none" --db "$ASSERT_TMP/limits.db" list
assert_equal "bantin: $ASSERT_TMP/none: cannot read the settings file: No such file or directory" \
	"$ASSERT_ERR" "settings: a file named with --config must be there"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/proxyfeeds" refresh \
	--proxy "http://user:secret@127.0.0.1:9"
assert_equal "bantin: http://feeds.invalid/a.xml: cannot connect to the proxy 127.0.0.1:9: Connection refused" \
	"$ASSERT_ERR" "a proxy that cannot be reached is named, without its password"
assert_status 1 "$bantin" --db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/proxyfeeds" refresh \
	--proxy "127.0.0.1:9"
assert_equal "bantin: http://feeds.invalid/a.xml: cannot connect to the proxy 127.0.0.1:9: Connection refused" \
	"$ASSERT_ERR" "a proxy given as host:port is named so"
# One from the environment is curl's own choice (no_proxy may rule it out): the
# host curl could not reach is named, the proxy when it is not the feed's.
assert_status 1 env http_proxy=http://user:secret@127.0.0.1:9 "$bantin" \
	--db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/proxyfeeds" refresh
assert_equal "bantin: http://feeds.invalid/a.xml: cannot connect to the proxy 127.0.0.1:9: Connection refused" \
	"$ASSERT_ERR" "a proxy from the environment that cannot be reached is named, without its password"
printf '%s\n' "http://127.0.0.1:1/a.xml" > "$ASSERT_TMP/closedfeeds"
assert_status 1 env http_proxy=http://127.0.0.1:9 no_proxy=127.0.0.1 "$bantin" \
	--db "$ASSERT_TMP/limits.db" --feeds "$ASSERT_TMP/closedfeeds" refresh
assert_equal "bantin: http://127.0.0.1:1/a.xml: cannot connect to 127.0.0.1:1: Connection refused" \
	"$ASSERT_ERR" "no_proxy: the feed's own host is named"

# ---- what a feed's HTML holds reaches the terminal only cleaned ----
# Bodies are stored as the feed gives them (decomposed marks, a bidi
# override, an escape sequence as a character reference): show and search
# clean what they make of them.
"$PYTHON" - "$root" << 'EOF'
import sys
body = ("<p>Ha\u0309i Pho\u0300ng \u202egnoh\u202c &#x202E;x &#27;[31m\u0111o\u0309</p>"
        "<script>alert(1)</script>")
with open(sys.argv[1] + "/hostile.xml", "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>H</title>'
            '<item><title>Tin l\u1ea1</title><guid>h1</guid>'
            '<content:encoded><![CDATA[' + body + ']]></content:encoded></item></channel></rss>')
EOF
printf '%s\n' "$U/hostile.xml" > "$ASSERT_TMP/hostilefeeds"
hb() { "$bantin" --db "$ASSERT_TMP/hostile.db" --feeds "$ASSERT_TMP/hostilefeeds" "$@"; }
assert_status 0 hb refresh
assert_status 0 hb show 1 --width 60
assert_equal "Hải Phòng gnoh x đỏ" "$(printf '%s\n' "$ASSERT_OUT" | tail -n 1)" \
	"show: the body composed, without the override or the escape sequence"
[ "$(printf '%s' "$ASSERT_OUT" | LC_ALL=C grep -c -e "$(printf '\033')" -e "$(printf '\342\200\256')")" -eq 0 ] &&
	assert_pass || assert_fail "show: no escape or bidi override anywhere"
assert_status 0 hb search "hai phong"
assert_equal "        Hải Phòng gnoh x đỏ" "$(printf '%s\n' "$ASSERT_OUT" | tail -n 1)" \
	"search: the snippet is as clean"

# ---- items with only a description, or without a title (RSS allows either) ----
# A description is the body when there is no content (VnExpress's feeds); an
# untitled item is listed by its text's first words, else by its link.
"$PYTHON" - "$root" << 'EOF'
import sys
long = ("Sáng nay, <b>Hải Phòng</b> khai trương tuyến xe buýt điện đầu tiên nối trung tâm "
        "thành phố với sân bay Cát Bi &#27;[31m và bến phà Gót.")
with open(sys.argv[1] + "/untitled.xml", "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>U</title>'
            '<item><guid>u1</guid><title>Chỉ có mô tả</title><link>http://example.org/1</link>'
            '<description><![CDATA[<p>Giá vé <b>7.000</b> đồng &amp; chờ &lt;10 phút.</p>'
            '<p>Chạy từ 5 giờ.</p>]]>'
            '</description><pubDate>Thu, 29 Dec 2022 16:05:00 +0700</pubDate></item>'
            '<item><guid>u2</guid><link>http://example.org/2</link>'
            '<description><![CDATA[<p>' + long + '</p>]]></description>'
            '<pubDate>Thu, 29 Dec 2022 16:04:00 +0700</pubDate></item>'
            '<item><guid>u3</guid><link>http://example.org/3</link>'
            '<pubDate>Thu, 29 Dec 2022 16:03:00 +0700</pubDate></item>'
            '<item><guid>u4</guid><link>http://example.org/4</link>'
            '<description>Tuyến xe buýt điện ra sân bay Cát Bi đông khách.</description>'
            '<pubDate>Thu, 29 Dec 2022 16:02:00 +0700</pubDate></item>'
            '<item><guid>u5</guid><link>http://example.org/5</link>'
            '<description>' + 'ặ' * 120 + ' đây</description>'
            '<pubDate>Thu, 29 Dec 2022 16:01:00 +0700</pubDate></item>'
            '</channel></rss>')
EOF
printf '%s\n' "$U/untitled.xml" > "$ASSERT_TMP/untitledfeeds"
ub() { "$bantin" --db "$ASSERT_TMP/untitled.db" --feeds "$ASSERT_TMP/untitledfeeds" "$@"; }
assert_status 0 ub refresh
assert_status 0 ub show 1 --width 60 --lang vi
assert_equal "Chỉ có mô tả
════════════

U · Thứ Năm, 29/12/2022 16:05
http://example.org/1

────────────────────────────────────────────────────────────

Giá vé 7.000 đồng & chờ <10 phút.

Chạy từ 5 giờ." "$ASSERT_OUT" "show: a description without content is the body"
assert_status 0 ub list
assert_equal "     1 N  29/12/2022 16:05  U                     Chỉ có mô tả
     2 N  29/12/2022 16:04  U                     Sáng nay, Hải Phòng khai trương tuyến xe buýt điện đầu tiên nối trung tâm thành phố với sân bay Cát…
     3 N  29/12/2022 16:03  U                     http://example.org/3
     4 N  29/12/2022 16:02  U                     Tuyến xe buýt điện ra sân bay Cát Bi đông khách.
     5 N  29/12/2022 16:01  U                     $(printf 'ặ%.0s' $(seq 99))…" "$ASSERT_OUT" \
	"list: untitled items by their first words (cleaned), else by their link"
assert_status 0 ub list --json -n 1 --offset 2
assert_equal '{"id": 3, "feed_id": 1, "feed": "U", "title": "http://example.org/3", "link": "http://example.org/3", "date": "2022-12-29T09:03:00Z", "read": false, "starred": false, "other_feeds": 0}' \
	"$ASSERT_OUT" "list --json: the same stand-in"
assert_status 0 ub show 3 --width 60
assert_equal "http://example.org/3
════════════════════" "$(printf '%s\n' "$ASSERT_OUT" | head -n 2)" "show: the stand-in heads the article"
assert_status 0 ub search "ben pha got"
assert_equal "     2 N  29/12/2022 16:04  U                     Sáng nay, Hải Phòng khai trương tuyến xe buýt điện đầu tiên nối trung tâm thành phố với sân bay Cát…" \
	"$(printf '%s\n' "$ASSERT_OUT" | head -n 1)" "search: the stand-in too"
assert_status 0 ub related 2
assert_equal "     4 N  29/12/2022 16:02  U                     Tuyến xe buýt điện ra sân bay Cát Bi đông khách." \
	"$(printf '%s\n' "$ASSERT_OUT" | grep '^     4 ')" "related: an untitled article may be related to an untitled one"

# ---- the feeds file changes: a feed renamed, then one added ----
before=$("$PYTHON" -c '
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM feeds").fetchone()[0])' "$db")
sed -e 's/"~Tin A"/"~Tin Hải Phòng"/' "$feeds" > "$ASSERT_TMP/feeds2"
assert_status 0 "$bantin" --offline --db "$db" --feeds "$ASSERT_TMP/feeds2" feeds
assert_equal "Tin Hải Phòng" "$(printf '%s\n' "$ASSERT_OUT" | sed -n '1s/^1  \(.*\)  [0-9]*\/[0-9]* unread$/\1/p')" \
	"feeds file: a new name is taken"
printf '%s\n' "$U/new.xml \"~Tin mới\"" >> "$ASSERT_TMP/feeds2"
assert_status 0 "$bantin" --offline --db "$db" --feeds "$ASSERT_TMP/feeds2" feeds
assert_equal "Tin mới  0/0 unread
    $U/new.xml
    never updated" "$(printf '%s\n' "$ASSERT_OUT" | grep -A2 "^$((before + 1))  " | sed "s/^$((before + 1))  //")" \
	"feeds file: a new feed is added"
assert_equal "$((before + 1)) Tin Hải Phòng" "$("$PYTHON" -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT count(*) FROM feeds").fetchone()[0],
      db.execute("SELECT name FROM feeds WHERE id = 1").fetchone()[0])' "$db")" \
	"feeds file: both are in the cache"

# ---- --offline never touches the network ----
: > "$HTTPFIX_LOG"
assert_status 2 "$bantin" --offline --db "$db" --feeds "$feeds" refresh
assert_equal "bantin: refresh: not possible with --offline, which forbids the network" "$ASSERT_ERR" "--offline refresh refuses"
assert_status 0 "$bantin" --offline --db "$db" --feeds "$feeds" list
assert_equal "0" "$(httpfix_requests)" "--offline: zero requests"

# ---- the same article in two feeds (a site's main and category feeds) is one article ----
cp "$root/a.xml" "$root/a-category.xml"
printf '%s\n' "$U/a.xml \"~Tin A\"" "$U/a-category.xml \"~Chuyên mục\"" "$U/b.atom" > "$ASSERT_TMP/dupfeeds"
dup() { "$bantin" --db "$ASSERT_TMP/dup.db" --feeds "$ASSERT_TMP/dupfeeds" "$@"; }
assert_status 0 dup refresh "Tin A"
assert_status 0 dup refresh
n=$(grep -c "<item>" "$root/a.xml")
assert_status 0 dup list -n 0
assert_equal "$n" "$(printf '%s\n' "$ASSERT_OUT" | grep -c "  Tin A +1  ")" \
	"all articles: each of the feed's once, with how many other feeds carry it"
assert_equal $((n + 2)) "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "all articles: each once, not once a feed"
assert_status 0 dup list -n 0 -f 2
assert_equal "$n" "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "the category feed's own list has all of its own"
assert_status 0 dup search container
assert_equal 1 "$(printf '%s\n' "$ASSERT_OUT" | grep -c "Cảng Lạch Huyện")" "search: once"
assert_status 0 dup related 2
case "$ASSERT_OUT" in *"Hội nghị tổng kết ngành Giáo dục"*) assert_fail "related: not itself again: $ASSERT_OUT" ;; *) assert_pass ;; esac
# read in the category feed: read in the main one too
cat_id=$(dup list -n 0 -f 2 | grep "Cảng Lạch Huyện" | awk '{print $1}')
assert_status 0 dup mark-read "$cat_id"
assert_status 0 dup list -n 0
assert_equal "     1    29/12/2022 16:05  Tin A +1              Cảng Lạch Huyện đón tàu container lớn nhất" \
	"$(printf '%s\n' "$ASSERT_OUT" | grep "Cảng Lạch Huyện")" "read in one feed, read in all"
assert_status 0 dup list -n 0 --unread
assert_equal $((n + 1)) "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "unread: the others, each once"
assert_status 0 dup reindex --check

# ---- first run: the default files are created, privately ----
home="$ASSERT_TMP/home"
mkdir "$home"
assert_status 0 env HOME="$home" XDG_CONFIG_HOME= XDG_DATA_HOME= "$bantin" --offline feeds
assert_equal "1  Cổng tin tức Hải Phòng  0/0 unread
    https://thanhphohaiphong.gov.vn/feed/
    never updated" "$ASSERT_OUT" "first run: the portal's feed"
assert_equal "700 700 600" "$(stat -c %a "$home/.config/bantin" "$home/.local/share/bantin" "$home/.config/bantin/feeds" | tr '\n' ' ' | sed 's/ $//')" \
	"first run: private directories and feeds file"
[ -f "$home/.local/share/bantin/cache.db" ] && assert_pass || assert_fail "first run: the cache is created"

assert_done
