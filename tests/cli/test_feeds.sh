#!/bin/sh
# Changing the list of feeds from the shell, against the fixture server:
# feeds add with a feed's URL, a page naming its feed (its comments feed
# left out), a page naming two (listed; --all adds both), a page naming
# none (and none at the usual places), a site with its feed at /feed/;
# the feeds file edited in place; feeds remove by URL and by name; import
# of OPML (folders and categories as tags, hostile lines refused, an entity
# bomb refused at once) and of a newsboat urls file; export then import
# gives the same feeds and tags; list --tag and mark-read --tag.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
bantin=$1
trap 'httpfix_stop' EXIT INT TERM
feeds="$ASSERT_TMP/feeds"
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
printf '%s\n' "# my feeds, my order" "https://a.example/feed \"~A\"   # the first" "" > "$feeds"
chmod 640 "$feeds"

# ---- feeds add: pages and feeds ----
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/discover/links"
U=$HTTPFIX_URL
assert_status 0 "$bantin" --feeds "$feeds" feeds add "$U/" --name "Thử" --tag news --tag "tin tức"
assert_equal "added $U/posts.xml (Tin tức thử)" "$ASSERT_OUT" "add a page: its feed, not its comments feed"
assert_status 0 "$bantin" --feeds "$feeds" feeds add "$U/posts.xml"
assert_equal "$U/posts.xml is already in the feeds file" "$ASSERT_OUT" "add: a feed there already"
assert_status 1 "$bantin" --feeds "$feeds" feeds add "$U/two/" < /dev/null
assert_equal "bantin: $U/two/ offers 2 feeds:
  1  $U/two/rss.xml  Hai nguồn RSS (rss2.0)
  2  $U/two/atom.xml  Hai nguồn Atom (atom1.0)
bantin: say which with 'bantin feeds add URL', or add them all with --all" "$ASSERT_ERR" \
	"add a page with two feeds, not on a terminal: listed, none added"
assert_status 0 "$bantin" --feeds "$feeds" feeds add --all "$U/two/"
assert_equal "added $U/two/rss.xml (Hai nguồn RSS)
added $U/two/atom.xml (Hai nguồn Atom)" "$ASSERT_OUT" "add --all: both"
assert_status 1 "$bantin" --feeds "$feeds" feeds add "$U/plain.html"
assert_equal "bantin: $U/plain.html: no feed found: the page names none, and none is at the usual places (/feed/, /rss, /atom.xml...)" \
	"$ASSERT_ERR" "add a page with no feed"
assert_status 1 "$bantin" --feeds "$feeds" feeds add "$U/missing.html"
assert_equal "bantin: $U/missing.html: HTTP 404 Not Found" "$ASSERT_ERR" "add a page that is not there"
assert_status 2 "$bantin" --feeds "$feeds" feeds add "ftp://example.com/x"
assert_equal "bantin feeds: 'ftp://example.com/x' is not an http or https URL (see 'bantin feeds --help')" \
	"$ASSERT_ERR" "add: only http(s)"
assert_status 1 "$bantin" --offline --feeds "$feeds" feeds add "$U/"
httpfix_stop
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/discover/usual"
assert_status 0 "$bantin" --feeds "$feeds" feeds add "$HTTPFIX_URL/"
assert_equal "added $HTTPFIX_URL/feed/ (Blog thường)" "$ASSERT_OUT" "add: the feed at the usual place"
httpfix_stop
assert_equal "# my feeds, my order
https://a.example/feed \"~A\"   # the first

$U/posts.xml news \"tin tức\" \"~Thử\"
$U/two/rss.xml
$U/two/atom.xml
$HTTPFIX_URL/feed/" "$(cat "$feeds")" "the feeds file: its lines kept, the new ones at its end"

# ---- feeds remove ----
assert_status 0 "$bantin" --feeds "$feeds" feeds remove "thu"
assert_equal "removed $U/posts.xml from the feeds file (its articles stay in the cache)" "$ASSERT_OUT" \
	"remove by name, without marks"
assert_status 0 "$bantin" --feeds "$feeds" feeds remove "$U/two/atom.xml"
assert_status 1 "$bantin" --feeds "$feeds" feeds remove "nosuch"
assert_equal "bantin: nosuch: no such feed in the feeds file" "$ASSERT_ERR" "remove: no such feed"
assert_equal "# my feeds, my order
https://a.example/feed \"~A\"   # the first

$U/two/rss.xml
$HTTPFIX_URL/feed/" "$(cat "$feeds")" "remove: only the feed's line goes"
assert_equal 640 "$(stat -c %a "$feeds")" "the feeds file keeps its permissions"

# ---- import: OPML ----
cat > "$ASSERT_TMP/subs.opml" <<'OPML'
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Từ newsboat</title></head><body>
<outline text="Tin tức" title="Tin tức">
  <outline type="rss" text="VnExpress" xmlUrl="https://vnexpress.net/rss/tin-moi-nhat.rss"/>
  <outline text="Hải Phòng">
    <outline type="rss" text="Cổng" xmlUrl="https://thanhphohaiphong.gov.vn/feed/" category="portal,vi"/>
  </outline>
</outline>
<outline type="rss" text="Blog &amp; tin" xmlUrl="https://blog.example/feed"/>
<outline type="rss" text="Evil" xmlUrl="exec:rm -rf ~"/>
<outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
<outline type="rss" text="Pipe" xmlUrl="|cat /etc/passwd"/>
<outline text="Công nghệ"><outline type="rss" text="VnExpress" xmlUrl="https://vnexpress.net/rss/tin-moi-nhat.rss"/></outline>
</body></opml>
OPML
new="$ASSERT_TMP/new-feeds"
assert_status 0 "$bantin" --feeds "$new" import "$ASSERT_TMP/subs.opml"
assert_equal "3 feeds added, 0 already there" "$ASSERT_OUT" "import: the feeds"
assert_equal "bantin: $ASSERT_TMP/subs.opml: line 10: 'exec:rm -rf ~' is not an http or https URL; skipped
bantin: $ASSERT_TMP/subs.opml: line 11: 'file:///etc/passwd' is not an http or https URL; skipped
bantin: $ASSERT_TMP/subs.opml: line 12: '|cat /etc/passwd' is not an http or https URL; skipped" \
	"$ASSERT_ERR" "import: what is not http(s) refused, by line"
assert_equal 'https://vnexpress.net/rss/tin-moi-nhat.rss "Tin tức" "Công nghệ" "~VnExpress"
https://thanhphohaiphong.gov.vn/feed/ "Tin tức" "Hải Phòng" portal vi "~Cổng"
https://blog.example/feed "~Blog & tin"' "$(grep -v '^#' "$new" | grep .)" \
	"import: folders and categories are tags; a feed in two folders once"
assert_status 0 "$bantin" --feeds "$new" import "$ASSERT_TMP/subs.opml"
assert_equal "0 feeds added, 3 already there" "$ASSERT_OUT" "import twice: nothing twice"
# a feed already listed gets the tags it lacks, on its own line, the rest of it kept
printf '%s\n' '# mine' 'https://thanhphohaiphong.gov.vn/feed/ portal "~Cổng"  # the portal' > "$ASSERT_TMP/have"
assert_status 0 "$bantin" --feeds "$ASSERT_TMP/have" import "$ASSERT_TMP/subs.opml"
assert_equal "2 feeds added, 1 already there (1 given the tags they lacked)" "$ASSERT_OUT" \
	"import: a feed there already is given its tags"
assert_equal '# mine
https://thanhphohaiphong.gov.vn/feed/ "Tin tức" "Hải Phòng" vi portal "~Cổng"  # the portal' \
	"$(sed -n 1,2p "$ASSERT_TMP/have")" "import: the tags go after the URL, the rest of the line as it was"
# export, then import into an empty list: the same feeds and tags
assert_status 0 "$bantin" --feeds "$new" export
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/out.opml"
case "$ASSERT_OUT" in '<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">'*'text="Blog &amp; tin"'*'<outline text="Tin tức" title="Tin tức">'*) assert_pass ;;
*) assert_fail "export: OPML 2.0, tags as folders, escaped: $ASSERT_OUT" ;; esac
assert_status 0 "$bantin" --feeds "$ASSERT_TMP/again" import "$ASSERT_TMP/out.opml"
assert_equal "$(grep -v '^#' "$new" | grep . | sort)" "$(grep -v '^#' "$ASSERT_TMP/again" | grep . | sort)" \
	"export then import: the same feeds and tags"
# hostile documents
cat > "$ASSERT_TMP/bomb.opml" <<'OPML'
<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>
<opml version="1.0"><body><outline text="&g;" xmlUrl="https://x.example/&g;"/></body></opml>
OPML
assert_status 65 "$bantin" --feeds "$new" import "$ASSERT_TMP/bomb.opml"
assert_equal "bantin: $ASSERT_TMP/bomb.opml: refused: it declares XML entities (an OPML file needs none)" \
	"$ASSERT_ERR" "import: an entity bomb refused"
printf '%s\n' '<?xml version="1.0"?><html><body/></html>' > "$ASSERT_TMP/page.xml"
assert_status 65 "$bantin" --feeds "$new" import "$ASSERT_TMP/page.xml"
assert_equal "bantin: $ASSERT_TMP/page.xml: not an OPML file (its root is not <opml>)" "$ASSERT_ERR" \
	"import: not OPML"
assert_status 66 "$bantin" --feeds "$new" import "$ASSERT_TMP/none.opml"
# a newsboat urls file
printf '%s\n' 'https://n.example/rss "~Newsboat" tech' '"query:Unread:unread = \"yes\""' \
	'exec:~/bin/feed.sh' 'filter:~/bin/f.sh:https://f.example/' 'ftp://x.example/' > "$ASSERT_TMP/urls"
assert_status 0 "$bantin" --feeds "$new" import "$ASSERT_TMP/urls"
assert_equal "1 feed added, 0 already there" "$ASSERT_OUT" "import a newsboat urls file"
assert_equal 3 "$(printf '%s\n' "$ASSERT_ERR" | grep -c "^bantin: $ASSERT_TMP/urls:[3-5]: ")" \
	"import urls: exec:, filter: and ftp:// lines warned about, by line"
grep -qx 'https://n.example/rss tech "~Newsboat"' "$new" && assert_pass || assert_fail "import urls: its line"

# ---- tags: list --tag, mark-read --tag ----
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
printf '%s\n' "$HTTPFIX_URL/a.xml hp \"~Tin A\"" "$HTTPFIX_URL/b.atom \"thanh niên\"" "$HTTPFIX_URL/port.xml hp" > "$feeds"
db="$ASSERT_TMP/tags.db"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
httpfix_stop
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list --tag hp
assert_equal 5 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "list --tag: the articles of the feeds with the tag"
printf '%s\n' "$ASSERT_OUT" | grep -q "Đoàn" && assert_fail "list --tag: no other feed's" || assert_pass
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list --tag "Thanh Nien"
assert_equal 2 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "list --tag: compared without marks and case"
assert_status 1 "$bantin" --db "$db" --feeds "$feeds" list --tag nope
assert_equal "bantin: no feed has the tag 'nope' (the tags: 'hp', 'thanh niên')" "$ASSERT_ERR" "list --tag: no such tag"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" mark-read --tag hp
assert_equal "5 marked read" "$ASSERT_OUT" "mark-read --tag"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list --unread
assert_equal 2 "$(printf '%s\n' "$ASSERT_OUT" | wc -l)" "mark-read --tag: the others stay unread"

# ---- saved searches: "search:NAME:QUERY" lines, counted as the cache changes ----
mkdir -p "$ASSERT_TMP/www"
cp "$BANTIN_SOURCE_DIR/tests/fixtures/refresh/a.xml" "$ASSERT_TMP/www/a.xml"
httpfix_start "$ASSERT_TMP/www"
printf '%s\n' "$HTTPFIX_URL/a.xml \"~Tin A\"" '"search:Cầu mới:cau -cang"' \
	'"query:Chưa đọc:unread = \"yes\""' > "$feeds"
db="$ASSERT_TMP/search.db"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" feeds
assert_equal "search  Cầu mới  0/0 unread
    cau -cang
search  Chưa đọc  3/3 unread
    every unread article" "$(printf '%s\n' "$ASSERT_OUT" | sed -n '/^search/,$p')" \
	"feeds: the saved searches with what they find"
cp "$BANTIN_SOURCE_DIR/tests/fixtures/refresh/a-changed.xml" "$ASSERT_TMP/www/a.xml"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" feeds --json
assert_equal '{"search": "Cầu mới", "query": "cau -cang", "unread_only": false, "unread": 1, "total": 1}
{"search": "Chưa đọc", "query": "", "unread_only": true, "unread": 4, "total": 4}' \
	"$(printf '%s\n' "$ASSERT_OUT" | grep '^{"search"')" "a saved search's count follows a refresh"
httpfix_stop
assert_done
