#!/bin/sh
# bantin search, related and reindex on a corpus of 66 Vietnamese articles
# in six topics (tests/fixtures/corpus), some of them decomposed (NFD):
# topic phrases with and without marks find their topic first, related
# lists stay within the topic (an article without words has none), no input
# is an index syntax error, a damaged index is found and rebuilt, and a
# rebuild that cannot read the articles fails and keeps the index.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
# The fixtures' items are summaries of the portal's articles: their web pages
# are not fetched here (tests/cli/test_pages.sh is about them).
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
trap 'httpfix_stop' EXIT

root="$ASSERT_TMP/corpus"
"$PYTHON" "$BANTIN_SOURCE_DIR/tests/fixtures/corpus/make-corpus.py" "$root"
# and, for a cache of its own, a feed whose one article has no words at all
cat > "$root/no-words.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Trống</title><link>http://example.org/</link>
<item><link>http://example.org/a</link></item>
</channel></rss>
EOF
httpfix_start "$root"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$HTTPFIX_URL/tin-1.xml ~Tin1" "$HTTPFIX_URL/tin-2.xml" "$HTTPFIX_URL/tin-3.xml" > "$feeds"
db="$ASSERT_TMP/cache.db"
bt() { "$bantin" --db "$db" --feeds "$feeds" "$@"; }
assert_status 0 bt refresh
assert_equal "3 feeds: 66 new, 0 updated, 0 failed" "$ASSERT_OUT" "the corpus is cached"
printf '%s\n' "$HTTPFIX_URL/no-words.xml" > "$ASSERT_TMP/feeds-no-words"
bt_no_words() { "$bantin" --db "$ASSERT_TMP/no-words.db" --feeds "$ASSERT_TMP/feeds-no-words" "$@"; }
assert_status 0 bt_no_words refresh
httpfix_stop
# An article without a word has nothing to be related by: an empty list, no error.
assert_status 0 bt_no_words related 1
assert_equal "" "$ASSERT_OUT$ASSERT_ERR" "related: an article without words"

# The topics of the articles listed as JSON lines on stdin, one a line.
topics_of() { "$PYTHON" -c '
import json, sys
topic = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8"))
for line in sys.stdin:
    link = json.loads(line)["link"]
    print(topic[link.rsplit("/", 1)[1][:-5]])' "$root/topics.tsv"; }
nfd() { "$PYTHON" -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]))' "$1"; }

# ---- each topic's key phrase finds that topic first, with or without marks ----
check_topic() {
	_topic=$1
	shift
	for _q in "$@"; do
		assert_status 0 bt search --json -n 5 "$_q"
		_got=$(printf '%s\n' "$ASSERT_OUT" | topics_of | sort | uniq -c | sed 's/^ *//')
		assert_equal "5 $_topic" "$_got" "search '$_q': the top 5 are all $_topic"
	done
}
check_topic cang "cảng container" "cang container" "CẢNG CONTAINER" "$(nfd "cảng container")"
check_topic nong "lúa" "lua" "nông sản" "nong san"
check_topic giao "học sinh" "hoc sinh" "HỌC SINH" "giáo viên"
check_topic yte "bệnh viện" "benh vien" "$(nfd "bệnh viện")" "bac si"
check_topic vanhoa "lễ hội" "le hoi" "nghệ thuật" "nghe thuat truyen thong"
check_topic giaothong "đường cao tốc" "duong cao toc" "thông xe" "giao thong"

# đ folds to d; a phrase keeps its order; a prefix; an excluded word.
assert_status 0 bt search --json "do son"
assert_equal "vanhoa" "$(printf '%s\n' "$ASSERT_OUT" | topics_of | sort -u)" "'do son' finds Đồ Sơn"
assert_status 0 bt search --json '"thông quan"'
assert_equal "cang" "$(printf '%s\n' "$ASSERT_OUT" | topics_of | sort -u)" "a phrase"
assert_equal "Hải quan cảng đẩy mạnh thông quan điện tử cho hàng container" \
	"$(printf '%s\n' "$ASSERT_OUT" | head -1 | sed 's/.*"title": "\([^"]*\)".*/\1/')" \
	"a phrase in the title ranks first"
assert_status 0 bt search --json -n 100 'container -lạch'
assert_equal "" "$(printf '%s\n' "$ASSERT_OUT" | grep -i 'Lạch Huyện' || true)" "-word leaves articles out"
[ "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" -ge 3 ] && assert_pass || assert_fail "-word keeps the others"
# a query's words after its first may begin with '-', as separate arguments too
bt search --json -n 100 'container -lạch' > "$ASSERT_TMP/one-arg"
assert_status 0 bt search --json -n 100 container -lạch
assert_equal "$(cat "$ASSERT_TMP/one-arg")" "$ASSERT_OUT" "search container -lạch: -lạch is a word of the query"
assert_status 0 bt search container -lạch -n 2
assert_equal 4 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "search WORD -WORD -n 2: -n is still the option"
assert_status 0 bt search --json -n 100 'phau*'
assert_equal "yte" "$(printf '%s\n' "$ASSERT_OUT" | topics_of | sort -u)" "prefix* finds phẫu thuật"

# The matches are marked in the original, unfolded text.
assert_status 0 bt search --json -n 1 "lach huyen"
printf '%s\n' "$ASSERT_OUT" | "$PYTHON" -c '
import json, sys
h = json.loads(sys.stdin.readline())
t = h["title"].encode()
print(" ".join(t[a:b].decode() for a, b in h["title_marks"]))' > "$ASSERT_TMP/marks"
assert_equal "Lạch Huyện" "$(cat "$ASSERT_TMP/marks")" "title marks are the unfolded words"

# Filters: feed, since, until.
assert_status 0 bt search --json -n 100 "container feed:tin1"
assert_equal "Tin1" "$(printf '%s\n' "$ASSERT_OUT" | sed 's/.*"feed": "\([^"]*\)".*/\1/' | sort -u)" "feed:NAME"
assert_status 0 bt search --json -n 100 "since:2022-12-10 until:2022-12-12"
printf '%s\n' "$ASSERT_OUT" | sed 's/.*"date": "\([^"]*\)".*/\1/' > "$ASSERT_TMP/dates"
want=$("$PYTHON" -c '
import re, sys
from datetime import datetime, timedelta, timezone
n = 0
for f in ("tin-1.xml", "tin-2.xml", "tin-3.xml"):
    for d in re.findall(r"<pubDate>([^<]*)</pubDate>", open(sys.argv[1] + "/" + f, encoding="utf-8").read()):
        t = datetime.strptime(d, "%d %b %Y %H:%M:%S %z")
        n += datetime(2022, 12, 10, tzinfo=timezone(timedelta(hours=7))) <= t < datetime(2022, 12, 13, tzinfo=timezone(timedelta(hours=7)))
print(n)' "$root")
assert_equal "$want" "$(wc -l < "$ASSERT_TMP/dates" | tr -d ' ')" "since: and until: keep every article of those days"
assert_equal "" "$(awk '$0 < "2022-12-09T17:00:00Z" || $0 >= "2022-12-12T17:00:00Z"' "$ASSERT_TMP/dates")" \
	"since: and until: are whole days in Vietnam time"
assert_status 1 bt search "lua since:2022-13-01"
assert_equal "bantin: lua since:2022-13-01: since: needs a date such as 2022-12-29, not '2022-13-01'" \
	"$ASSERT_ERR" "a bad date"

# ---- nothing a user types is an index syntax error ----
for q in '"' '*' '-' ':' '(' 'NEAR(' '"hai' 'AND OR NOT' 'title:x' '^lua' 'hai phong)' "'" '{a b}'; do
	set +e
	"$bantin" --db "$db" search "$q" > "$ASSERT_TMP/out" 2> "$ASSERT_TMP/err"
	s=$?
	set -e
	case "$s:$(cat "$ASSERT_TMP/err")" in
	0:) assert_pass ;;
	"1:bantin: "*": nothing to search for") assert_pass ;;
	*) assert_fail "search '$q': status $s, stderr: $(cat "$ASSERT_TMP/err")" ;;
	esac
done
assert_status 1 bt search '"'
assert_equal "bantin: \": nothing to search for" "$ASSERT_ERR" "a lone quote"
assert_status 1 bt search -- -lua
assert_equal "bantin: -lua: a search needs a word that is not excluded" "$ASSERT_ERR" "only an excluded word"
assert_status 0 bt search "AND OR NOT"
assert_equal "" "$ASSERT_OUT" "AND OR NOT are words, found nowhere"
assert_status 2 bt search
assert_equal "bantin search: no query given (see 'bantin search --help')" "$ASSERT_ERR" "no query"

# ---- related: the top 5 stay within the article's topic ----
bt list --json -n 0 > "$ASSERT_TMP/all"
sed 's/{"id": \([0-9]*\),.*/\1/' "$ASSERT_TMP/all" > "$ASSERT_TMP/ids"
topics_of < "$ASSERT_TMP/all" | paste -d' ' "$ASSERT_TMP/ids" - > "$ASSERT_TMP/id-topic"
: > "$ASSERT_TMP/pairs"
while read -r id mine; do
	bt related --json -n 5 "$id" | topics_of | sed "s/^/$mine /" >> "$ASSERT_TMP/pairs"
done < "$ASSERT_TMP/id-topic"
precision=$(awk '{ n++; if ($1 == $2) same++ } END { printf "%.2f %d", same / n, n }' "$ASSERT_TMP/pairs")
echo "related: precision of the top 5 over the corpus: $precision (share, pairs)"
awk -v p="${precision% *}" 'BEGIN { exit !(p >= 0.8) }' && assert_pass ||
	assert_fail "related precision ${precision% *} is under 0.8"
[ "${precision#* }" -ge 250 ] && assert_pass || assert_fail "related lists are mostly full (${precision#* } of 330)"
assert_status 1 bt related 999
assert_equal "bantin: no article 999" "$ASSERT_ERR" "related: no such article"

# ---- reindex finds and mends a damaged index ----
"$PYTHON" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO articles_fts(articles_fts) VALUES (\"delete-all\")")
db.commit()' "$db"
assert_status 1 bt reindex --check
assert_equal "bantin: $db: the search index holds 0 articles of 66 (run 'bantin reindex')" "$ASSERT_ERR" "a damaged index is found"
assert_status 0 bt reindex
assert_equal "66 articles indexed; the cache and its search index are sound" "$ASSERT_OUT" "reindex"
assert_status 0 bt search --json -n 5 "benh vien"
assert_equal "5" "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "search works again after reindex"
assert_status 0 bt reindex --check
assert_equal "the cache and its search index are sound" "$ASSERT_OUT" "reindex --check"

# ---- reindex on articles it cannot read fails, and keeps the index it had ----
damaged="$ASSERT_TMP/damaged.db"
"$PYTHON" -c 'import shutil, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
page = db.execute("PRAGMA page_size").fetchone()[0]
root = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = \"articles\"").fetchone()[0]
db.close()
shutil.copyfile(sys.argv[1], sys.argv[2])
with open(sys.argv[2], "r+b") as f:  # the articles table'"'"'s first page made garbage
    f.seek((root - 1) * page)
    f.write(b"\xff" * 64)' "$db" "$damaged"
assert_status 1 "$bantin" --db "$damaged" --feeds "$feeds" reindex
assert_equal "bantin: $damaged: cannot read the articles to index: the cache is damaged (bantin recover saves what can be read)" \
	"$ASSERT_ERR" "reindex: unreadable articles"
assert_equal "66" "$("$PYTHON" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0])' "$damaged")" \
	"reindex: the index it had is kept"

assert_done
