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
assert_status 0 bt refresh --proxy "$U"
assert_equal "2 feeds: 6 new, 0 updated, 0 failed
6 article pages: 4 read, 0 unchanged, 2 failed" "$ASSERT_OUT" "first refresh: feeds, then pages"
assert_equal "bantin: $P/chuyen-doi-so/: the page could not be read (HTTP 404 Not Found); the feed's text stays, tried again in 1 hour
bantin: $P/thong-bao-loi/: the page could not be read (no article found in the page); the feed's text stays, tried again in 1 hour" \
	"$ASSERT_ERR" "first refresh: a line for each page that failed, with when it is tried again"
for p in hoi-nghi-tong-ket khoi-cong-cau-vuot le-hoi-hoa-phuong chuyen-doi-so thong-bao-loi; do
	assert_equal 1 "$(requests_for "/$p/")" "the page of $p is fetched once"
done
assert_equal 0 "$(requests_for "/giao-duc-tuyen-sinh/")" "a 'Tin khác' article the feed does not carry is not fetched"
assert_equal 1 "$(requests_for "/other/harbour.html")" "full-article=yes: the page of a host without a profile"

# ---- show: the whole body, captions, the byline, 'Tin khác'; none of the boxes ----
assert_status 0 bt show 1 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1"
[ "${BANTIN_REGEN:-}" != 1 ] || cp "$ASSERT_TMP/show1" "$expected/pages-show-1.txt"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1" "show: the page's whole article"
for junk in Print "Gốc" "Tiện ích" "Nguồn tin" "QR" "Chia sẻ" "Mạng Xã hội" "Bình luận" "Tin mới" "Cơ quan chủ quản" "Tìm kiếm"; do
	case "$ASSERT_OUT" in *"$junk"*) assert_fail "show: no '$junk' from the page's furniture" ;; *) assert_pass ;; esac
done
assert_status 0 bt list -n 0
assert_equal "     1 N  29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 2p)" "list: the page's date where the feed gives none"
# NFD on the page, NFC in the cache
assert_status 0 bt show 3 --width 72 --lang vi
case "$ASSERT_OUT" in
*"Ban tổ chức cho biết đã có hàng vạn lượt du khách"*) assert_pass ;;
*) assert_fail "show: a page in NFD reads as NFC: $ASSERT_OUT" ;; esac
case "$ASSERT_OUT" in *"Thu Hà. Ảnh: Hoàng Việt"*) assert_pass ;; *) assert_fail "show: the NFD page's byline" ;; esac
# the host without a profile: the generic extractor
assert_status 0 bt show 6 --width 72 --lang en
printf '%s\n' "$ASSERT_OUT" | sed "s/:$HTTPFIX_PORT/:PORT/" > "$ASSERT_TMP/show6"
[ "${BANTIN_REGEN:-}" != 1 ] || cp "$ASSERT_TMP/show6" "$expected/pages-show-6.txt"
assert_file_equal "$expected/pages-show-6.txt" "$ASSERT_TMP/show6" "show: a page of a host with no profile"

# ---- a page that failed keeps the feed's summary and says why ----
assert_status 0 bt show 4 --width 72 --lang en
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

# ---- related: the page's own "Tin khác" first, then similar ones, none twice ----
assert_status 0 bt related 1
assert_equal "     2 N  28/12/2022 09:30  Cổng tin tức          Khởi công xây dựng cầu vượt nút giao Nam Hải
     3 N  28/12/2022 08:00  Cổng tin tức          Lễ hội Hoa Phượng Đỏ thu hút hàng vạn du khách
     4 N  27/12/2022 11:00  Cổng tin tức          Đẩy mạnh chuyển đổi số
     -                      thanhphohaiphong.go…  Công bố phương án tuyển sinh vào lớp 10
        $P/giao-duc-tuyen-sinh/
     5 N  27/12/2022 10:00  Cổng tin tức          Thông báo nghỉ Tết" "$(printf '%s\n' "$ASSERT_OUT" | sed -n 1,6p)" \
	"related: the page's list first, in its order, the one not cached by title and link"
assert_equal "" "$(printf '%s\n' "$ASSERT_OUT" | grep -v '^        ' | cut -c1-6 | grep -v ' -$' | sort | uniq -d)" \
	"related: no article twice"
assert_status 0 bt related 1 --json
assert_equal '{"id": null, "feed_id": null, "feed": null, "title": "Công bố phương án tuyển sinh vào lớp 10", "link": "http://thanhphohaiphong.gov.vn/giao-duc-tuyen-sinh/", "date": null, "read": false, "starred": false, "score": 0.000, "from_page": true, "title_marks": [], "snippet": "", "marks": []}' \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 4p)" "related --json: one not cached"

# ---- search reads the page's words, which the feed never had ----
assert_status 0 bt search bang khen
assert_equal "     1 N  29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
	"$(printf '%s\n' "$ASSERT_OUT" | sed -n 1p)" "search: words of the page's article"
assert_status 0 bt reindex --check
assert_status 0 bt mark-read 1
assert_status 0 bt reindex
assert_status 0 bt search bang khen
assert_equal "     1    29/12/2022 16:05  Cổng tin tức          Hội nghị tổng kết công tác năm 2022" \
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
assert_status 0 bt show 1 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1b"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1b" "a page not modified keeps the article"
assert_status 0 bt reindex --check

# ---- offline, with the server gone: the same article and list ----
bt list -n 0 > "$ASSERT_TMP/list-online"
httpfix_stop
assert_status 0 bt --offline show 1 --width 72 --lang vi
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show1c"
assert_file_equal "$expected/pages-show-1.txt" "$ASSERT_TMP/show1c" "--offline: the whole article from the cache"
assert_status 0 bt --offline list -n 0
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/list-offline"
assert_file_equal "$ASSERT_TMP/list-online" "$ASSERT_TMP/list-offline" "--offline: the same list"
assert_done
