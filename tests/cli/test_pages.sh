#!/bin/sh
# Whole articles from their web pages, end to end: the real binary, a real
# SQLite file and the loopback fixture server standing in for the portal
# (reached as http://thanhphohaiphong.gov.vn through it as a proxy, so the
# portal's site profile is chosen by host) and for a host with no profile.
# The site is made by tests/fixtures/pages/make-site.py.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
trap 'httpfix_stop' EXIT
expected="$BANTIN_SOURCE_DIR/tests/cli/expected" # BANTIN_REGEN=1 writes the shown articles there

root="$ASSERT_TMP/site"
# made before the server starts, which reads its routes then; its port goes in after
"$PYTHON" "$BANTIN_SOURCE_DIR/tests/fixtures/pages/make-site.py" "$root" "http://127.0.0.1:PORT"
HTTPFIX_LIFETIME=120 httpfix_start "$root"
U=$HTTPFIX_URL
sed "s/PORT/$HTTPFIX_PORT/g" "$root/other/feed.xml" > "$ASSERT_TMP/other.xml"
mv "$ASSERT_TMP/other.xml" "$root/other/feed.xml"
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
P=http://thanhphohaiphong.gov.vn
cat > "$feeds" << EOF
$P/feed/ "~Cổng tin tức"
$U/other/feed.xml "~Harbour Gazette" full-article=yes
EOF
bt() { "$bantin" --db "$db" --feeds "$feeds" "$@"; }
requests_for() { grep -c "\"path\": \"$1\"" "$HTTPFIX_LOG" || true; }
page_requests() { grep -v '"path": "/feed/"' "$HTTPFIX_LOG" | grep -c '"path": "/[a-z-]*/"\|/other/harbour.html' || true; }

# ---- the first refresh: each summary's page fetched once, the failures said ----
# (a feed at a time, so that the articles' numbers do not depend on which comes first)
assert_status 0 bt refresh --proxy "$U" "Harbour Gazette"
assert_equal "1 feed: 1 new, 0 updated, 0 failed
1 article page: 1 read, 0 unchanged, 0 failed" "$ASSERT_OUT" "first refresh: a host with no profile, full-article=yes"
assert_status 0 bt refresh --proxy "$U" "Cổng tin tức"
assert_equal "1 feed: 5 new, 0 updated, 0 failed
5 article pages: 3 read, 0 unchanged, 2 failed" "$ASSERT_OUT" "first refresh: the feed, then its pages"
assert_equal "bantin: $P/chuyen-doi-so/: the page could not be read (HTTP 404 Not Found); the feed's text stays, tried again in 1 hour
bantin: $P/thong-bao-loi/: the page could not be read (no article found in the page); the feed's text stays, tried again in 1 hour" \
	"$ASSERT_ERR" "first refresh: a line for each page that failed, with when it is tried again"
for p in hoi-nghi-tong-ket khoi-cong-cau-vuot le-hoi-hoa-phuong chuyen-doi-so thong-bao-loi; do
	assert_equal 1 "$(requests_for "/$p/")" "the page of $p is fetched once"
done
assert_equal 0 "$(requests_for "/giao-duc-tuyen-sinh/")" "a 'Tin khác' article the feed does not carry is not fetched"
assert_equal 1 "$(requests_for "/other/harbour.html")" "full-article=yes: the page of a host without a profile"

# ---- show: the whole body, captions, the byline, 'Tin khác'; none of the boxes ----
assert_status 0 bt show 2 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1"
[ "${BANTIN_REGEN:-}" != 1 ] || cp "$ASSERT_TMP/show1" "$expected/pages-show-1.txt"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1" "show: the page's whole article"
for junk in Print "Gốc" "Tiện ích" "Nguồn tin" "QR" "Chia sẻ" "Mạng Xã hội" "Bình luận" "Tin mới" "Cơ quan chủ quản" "Tìm kiếm"; do
	case "$ASSERT_OUT" in *"$junk"*) assert_fail "show: no '$junk' from the page's furniture" ;; *) assert_pass ;; esac
done
assert_status 0 bt list -n 0
assert_equal "     2 N  29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 2p)" "list: the page's date where the feed gives none"
# NFD on the page, NFC in the cache
assert_status 0 bt show 4 --width 72 --lang vi
case "$ASSERT_OUT" in
*"Ban tổ chức cho biết đã có hàng vạn lượt du khách"*) assert_pass ;;
*) assert_fail "show: a page in NFD reads as NFC: $ASSERT_OUT" ;; esac
case "$ASSERT_OUT" in *"Thu Hà. Ảnh: Hoàng Việt"*) assert_pass ;; *) assert_fail "show: the NFD page's byline" ;; esac
# the host without a profile: the generic extractor
assert_status 0 bt show 1 --width 72 --lang en
printf '%s\n' "$ASSERT_OUT" | sed "s/:$HTTPFIX_PORT/:PORT/" > "$ASSERT_TMP/show6"
[ "${BANTIN_REGEN:-}" != 1 ] || cp "$ASSERT_TMP/show6" "$expected/pages-show-6.txt"
assert_file_equal "$expected/pages-show-6.txt" "$ASSERT_TMP/show6" "show: a page of a host with no profile"

# ---- a page that failed keeps the feed's summary and says why ----
assert_status 0 bt show 5 --width 72 --lang en
assert_equal "[The article's page could not be read (HTTP 404 Not Found): this is the
feed's text.]

Thành phố đẩy mạnh chuyển đổi số trong các cơ quan hành chính nhà nước
[…]" "$(printf '%s\n' "$ASSERT_OUT" | sed -n '9,$p')" "show: a 404 page leaves the summary, and says so"
assert_status 0 bt feeds
assert_equal "1  Cổng tin tức  5/5 unread" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" \
	"feeds: the 'Tin khác' article is not an article yet"
case "$ASSERT_OUT" in
*"    3 article pages read, 2 failed (the newest: HTTP 404 Not Found)"*) assert_pass ;;
*) assert_fail "feeds: pages read and failed, with the newest failure: $ASSERT_OUT" ;; esac
case "$ASSERT_OUT" in
*"    article pages: for every item"*) assert_pass ;;
*) assert_fail "feeds: full-article=yes is shown: $ASSERT_OUT" ;; esac

# ---- for scripts: show --json and feeds --json ----
assert_status 0 bt show 2 --json --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show2.json"
assert_equal "Hội nghị tổng kết công tác năm 2022|Nguyễn Hải. Ảnh: Đàm Thanh|2022-12-29T09:05:00Z|fetched|Tin tức|5|Công bố phương án tuyển sinh vào lớp 10|True" \
	"$("$PYTHON" -c 'import json, sys
a = json.load(open(sys.argv[1]))["article"]
print("|".join(str(x) for x in [a["title"], a["author"], a["published"], a["page"], a["categories"][0],
      len(a["related"]), a["related"][3]["title"], "bằng khen" in a["text"] and "QR" not in a["text"]]))' "$ASSERT_TMP/show2.json")" \
	"show --json: the article's fields, its page, its text laid out, its own list"
assert_status 0 bt show 5 --json
assert_equal "failed|HTTP 404 Not Found" "$("$PYTHON" -c 'import json, sys
a = json.loads(sys.argv[1])["article"]
print(a["page"] + "|" + a["page_error"])' "$ASSERT_OUT")" "show --json: a page that failed, and why"
assert_status 0 bt feeds --json
assert_equal "1|Cổng tin tức|5|3|2|HTTP 404 Not Found" "$(printf '%s\n' "$ASSERT_OUT" | head -1 | "$PYTHON" -c 'import json, sys
f = json.loads(sys.stdin.read())
print("|".join(str(x) for x in [f["id"], f["name"], f["total"], f["pages"], f["pages_failed"], f["page_error"]]))')" \
	"feeds --json: a feed a line, with its counts and pages"

# ---- related: the page's own "Tin khác" first, then similar ones, none twice ----
assert_status 0 bt related 2
assert_equal "     3 N  28/12/2022 09:30  Cổng tin tức          Khởi công xây dựng cầu vượt nút giao Nam Hải
     4 N  28/12/2022 08:00  Cổng tin tức          Lễ hội Hoa Phượng Đỏ thu hút hàng vạn du khách
     5 N  27/12/2022 11:00  Cổng tin tức          Đẩy mạnh chuyển đổi số
     -                      thanhphohaiphong.go…  Công bố phương án tuyển sinh vào lớp 10
        $P/giao-duc-tuyen-sinh/
     6 N  27/12/2022 10:00  Cổng tin tức          Thông báo nghỉ Tết" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 1,6p)" \
	"related: the page's list first, in its order, the one not cached by title and link"
assert_equal "" "$(printf '%s\n' "$ASSERT_OUT" | grep -v '^        ' | cut -c1-6 | grep -v ' -$' | sort | uniq -d)" \
	"related: no article twice"
assert_status 0 bt related 2 --json
assert_equal '{"id": null, "feed_id": null, "feed": null, "title": "Công bố phương án tuyển sinh vào lớp 10", "link": "http://thanhphohaiphong.gov.vn/giao-duc-tuyen-sinh/", "date": null, "read": false, "starred": false, "other_feeds": 0, "score": 0.000, "from_page": true, "title_marks": [], "snippet": "", "marks": []}' \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 4p)" "related --json: one not cached"

# ---- search reads the page's words, which the feed never had ----
assert_status 0 bt search bang khen
assert_equal "     2 N  29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" "search: words of the page's article"
assert_status 0 bt reindex --check
assert_status 0 bt mark-read 2
assert_status 0 bt reindex
assert_status 0 bt search bang khen
assert_equal "     2    29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" "reindex: the index made again from the pages"

# ---- a second refresh downloads no page again ----
before=$(page_requests)
assert_status 0 bt refresh --proxy "$U"
assert_equal "2 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" "second refresh: nothing new, no page due"
assert_equal "$before" "$(page_requests)" "second refresh: no page fetched again (the failed ones wait)"
# the feed changes an item: its page is asked again, with its validators
assert_status 0 bt refresh --proxy "$U"
assert_equal "2 feeds: 0 new, 1 updated, 0 failed
1 article page: 0 read, 1 unchanged, 0 failed" "$ASSERT_OUT" "a changed item's page is checked again"
assert_equal 2 "$(requests_for "/hoi-nghi-tong-ket/")" "the changed item's page is asked once more"
assert_status 0 bt show 2 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1b"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1b" "a page not modified keeps the article"
assert_status 0 bt reindex --check

# ---- finding the articles however a site publishes them, and the archive ----
# A new cache: the portal with --older 3 (its ?paged=2 and 3; 4 is a 404), a blog whose
# /feed/ is a 404 but whose WordPress REST API answers (two pages, then 400), and the
# e-portal's section, which has no feed: its listing pages, read with its site profile.
db2="$ASSERT_TMP/cache2.db"
feeds2="$ASSERT_TMP/feeds2"
printf '%s\n' "$P/feed/ \"~Cổng tin tức\"" 'http://blog.example.vn/tin/feed/ "~Blog"' \
	'http://haiphong.gov.vn/tin-tuc-su-kien "~Tin tức sự kiện"' > "$feeds2"
bt2() { "$bantin" --db "$db2" --feeds "$feeds2" "$@"; }
# The three feeds are written in whatever order they come: articles by title, not number.
unnumbered() { printf '%s\n' "$ASSERT_OUT" | cut -c7-; }
id_of() { bt2 list -n 0 | grep -F "$1" | head -1 | awk '{print $1}'; }
REST=http://blog.example.vn/wp-json/wp/v2/posts?per_page=20\&_embed=1
assert_status 0 bt2 refresh --older 3 --proxy "$U"
assert_equal "3 feeds: 14 new, 0 updated, 0 failed
11 article pages: 9 read, 0 unchanged, 2 failed" "$ASSERT_OUT" "--older 3: every feed and its older pages"
assert_equal "bantin: $P/chuyen-doi-so/: the page could not be read (HTTP 404 Not Found); the feed's text stays, tried again in 1 hour
bantin: $P/thong-bao-loi/: the page could not be read (no article found in the page); the feed's text stays, tried again in 1 hour
bantin: http://blog.example.vn/tin/feed/: no feed there (HTTP 404 Not Found); its articles are read from http://blog.example.vn/wp-json/wp/v2/posts?per_page=20&_embed=1 (the WordPress REST API) from now on
bantin: http://haiphong.gov.vn/tin-tuc-su-kien: a web page, not a feed: read as a listing page read with its site profile" \
	"$ASSERT_ERR" "where each feed's articles were found, said once"
for q in "/feed/?paged=2" "/feed/?paged=3" "/feed/?paged=4"; do
	assert_equal 1 "$(grep -c "\"path\": \"$q\"" "$HTTPFIX_LOG")" "--older: $q asked once"
done
assert_equal 0 "$(grep -c '"path": "/feed/?paged=5"' "$HTTPFIX_LOG" || true)" "--older: nothing after the 404"
assert_status 0 bt2 list -n 0 -f 1
assert_equal " N  29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022
 N  28/12/2022 09:30  Cổng tin tức          Khởi công xây dựng cầu vượt nút giao Nam Hải
 N  28/12/2022 08:00  Cổng tin tức          Lễ hội Hoa Phượng Đỏ thu hút hàng vạn du khách
 N  27/12/2022 11:00  Cổng tin tức          Đẩy mạnh chuyển đổi số
 N  27/12/2022 10:00  Cổng tin tức          Thông báo nghỉ Tết
 N  26/12/2022 08:00  Cổng tin tức          Cảng Lạch Huyện đón tàu container lớn nhất
 N  25/12/2022 08:00  Cổng tin tức          Hiến máu nhân đạo đầu năm
 N  24/12/2022 07:30  Cổng tin tức          Ra quân chiến dịch Tình nguyện mùa đông" "$(unnumbered)" \
	"--older 3: the feed's pages 2 and 3 in the cache"
assert_status 0 bt2 list -n 0 -f 2
assert_equal " N  03/01/2023 09:00  Blog                  Biển Đồ Sơn vào mùa
 N  02/01/2023 09:00  Blog                  Cát Bà mùa đông
 N  01/01/2023 09:00  Blog                  Phố hoa phượng" "$(unnumbered)" \
	"the REST API fills the cache, its second page too"
assert_status 0 bt2 show "$(id_of "Biển Đồ Sơn")" --width 72
assert_equal "Blog · Tuesday, 3 Jan 2023 09:00
Trần Thu" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 4,5p)" "a REST post: its date and its author's name"
assert_status 0 bt2 list -n 0 -f 3
assert_equal " N  15/11/2022 08:30  Tin tức sự kiện       Khởi công cầu vượt nút giao Nam Hải
 N  11/05/2022 12:15  Tin tức sự kiện       Đẩy mạnh chuyển đổi số
 N  10/05/2022 09:00  Tin tức sự kiện       Phương án tuyển sinh lớp 10" "$(unnumbered)" \
	"the e-portal's listing pages as a feed, its next page too"
assert_status 0 bt2 show "$(id_of "Khởi công cầu vượt nút giao Nam Hải")" --width 72
assert_equal "Sáng 15/11, Ban Quản lý dự án tổ chức lễ khởi công xây dựng cầu vượt nút
giao Nam Hải, quận Hải An." "$(printf '%s\n' "$ASSERT_OUT" | sed -n 10,11p)" \
	"the e-portal's article from its page"
case "$ASSERT_OUT" in *"In bài"* | *"Gửi email"* | *"Liên kết"*) assert_fail "no e-portal furniture: $ASSERT_OUT" ;; *) assert_pass ;; esac
assert_status 0 bt2 feeds
case "$ASSERT_OUT" in
*"    no feed at its URL: read from http://blog.example.vn/wp-json/wp/v2/posts?per_page=20&_embed=1 (the WordPress REST API)"*) assert_pass ;;
*) assert_fail "feeds: where the blog's articles are read from: $ASSERT_OUT" ;; esac
case "$ASSERT_OUT" in
*"    a web page, not a feed: read as a listing page read with its site profile"*) assert_pass ;;
*) assert_fail "feeds: the e-portal's listing: $ASSERT_OUT" ;; esac
# the next refresh goes straight there, and says nothing of it again
: > "$HTTPFIX_LOG"
assert_status 0 bt2 refresh --proxy "$U"
assert_equal "3 feeds: 0 new, 0 updated, 0 failed" "$ASSERT_OUT" "the next refresh: nothing new"
assert_equal "" "$ASSERT_ERR" "the next refresh: nothing said again"
assert_equal 0 "$(grep -c '"path": "/tin/feed/"' "$HTTPFIX_LOG" || true)" "the blog's dead feed is not asked again"
assert_status 0 bt2 reindex --check

# ---- offline, with the server gone: the same article and list ----
bt list -n 0 > "$ASSERT_TMP/list-online"
httpfix_stop
assert_status 0 bt --offline show 2 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1c"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1c" "--offline: the whole article from the cache"
assert_status 0 bt --offline list -n 0
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/list-offline"
assert_file_equal "$ASSERT_TMP/list-online" "$ASSERT_TMP/list-offline" "--offline: the same list"
assert_done
