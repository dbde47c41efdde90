#!/bin/sh
# bantin related on a set shaped like real portal feeds
# (tests/fixtures/topical: descriptions that are only the article's opening,
# every body ending with its newsroom's footer, topics mixed across feeds):
# the top 5 stay within the article's topic, and articles that share only
# their feed's footer are not related at all.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
trap 'httpfix_stop' EXIT

root="$ASSERT_TMP/topical"
"$PYTHON" "$BANTIN_SOURCE_DIR/tests/fixtures/topical/make-topical.py" "$root"
# Three articles on three subjects, in one feed with one footer.
footer='<p>Phóng viên Báo Hải Phòng điện tử tiếp tục thông tin. Mời bạn đọc xem thêm các tin bài liên quan trên chuyên mục của báo.</p>'
{
	echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Chân trang</title><link>http://example.org/</link>'
	n=0
	for body in 'Đội bóng giành chiến thắng trên sân nhà trước đông đảo khán giả.' \
		'Mưa lớn kéo dài khiến nhiều tuyến phố ngập sâu.' \
		'Ngân hàng giảm lãi suất cho vay doanh nghiệp nhỏ.'; do
		n=$((n + 1))
		echo "<item><title>Tin $n</title><link>http://example.org/$n</link><pubDate>0$n Mar 2023 08:00:00 +0700</pubDate><content:encoded><![CDATA[<p>$body</p>$footer]]></content:encoded></item>"
	done
	echo '</channel></rss>'
} > "$root/footer.xml"
httpfix_start "$root"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$HTTPFIX_URL/hp-1.xml" "$HTTPFIX_URL/hp-2.xml" > "$feeds"
printf '%s\n' "$HTTPFIX_URL/footer.xml" > "$ASSERT_TMP/feeds-footer"
db="$ASSERT_TMP/cache.db"
bt() { "$bantin" --db "$db" --feeds "$feeds" "$@"; }
bt_footer() { "$bantin" --db "$ASSERT_TMP/footer.db" --feeds "$ASSERT_TMP/feeds-footer" "$@"; }
assert_status 0 bt refresh
assert_equal "2 feeds: 70 new, 0 updated, 0 failed" "$ASSERT_OUT" "the set is cached"
assert_status 0 bt_footer refresh
httpfix_stop

# ---- the top 5 stay within the article's topic ----
topics_of() { "$PYTHON" -c '
import json, sys
topic = dict(l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8"))
for line in sys.stdin:
    print(topic[json.loads(line)["link"].rsplit("/", 1)[1][:-5]])' "$root/topics.tsv"; }
bt list --json -n 0 > "$ASSERT_TMP/all"
sed 's/{"id": \([0-9]*\),.*/\1/' "$ASSERT_TMP/all" > "$ASSERT_TMP/ids"
topics_of < "$ASSERT_TMP/all" | paste -d' ' "$ASSERT_TMP/ids" - > "$ASSERT_TMP/id-topic"
: > "$ASSERT_TMP/pairs"
while read -r id mine; do
	bt related --json -n 5 "$id" | topics_of | sed "s/^/$mine /" >> "$ASSERT_TMP/pairs"
done < "$ASSERT_TMP/id-topic"
precision=$(awk '{ n++; if ($1 == $2) same++ } END { printf "%.2f %d", same / n, n }' "$ASSERT_TMP/pairs")
echo "related: precision of the top 5 over the topical set: $precision (share, pairs)"
awk -v p="${precision% *}" 'BEGIN { exit !(p >= 0.9) }' && assert_pass ||
	assert_fail "related precision ${precision% *} is under 0.9"
[ "${precision#* }" -ge 300 ] && assert_pass || assert_fail "related lists are nearly full (${precision#* } of 350)"

# ---- a feed's footer relates nothing ----
for id in 1 2 3; do
	assert_status 0 bt_footer related "$id"
	assert_equal "" "$ASSERT_OUT$ASSERT_ERR" "related $id: only the footer is shared"
done
assert_done
