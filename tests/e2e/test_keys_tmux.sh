#!/bin/sh
# The settings file in the reader, through tmux: bind and unbind change
# what keys do (bind x scroll-down, unbind j, M-s and F2), the help shows
# the keys as bound; date-format writes the lists' dates; related-position
# puts the related articles beside the article; browser opens links with
# its own words and the link as one argument; refresh-on-start = no starts
# from the cache alone.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
bantin=$1
trap 'tui_stop; httpfix_stop' EXIT INT TERM

conf="$XDG_CONFIG_HOME/bantin/config"
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$conf"
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
U=$HTTPFIX_URL
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$U/a.xml \"~Tin A\"" "$U/port.xml" > "$feeds"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh

screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
row() { screen | sed -n "$1p"; }
# run COLS ROWS [OPTION]...: the reader on the cache, in a shell that says how it ended
run() {
	_cols=$1
	_rows=$2
	shift 2
	tui_start "$_cols" "$_rows" sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
		env LANG=en_US.UTF-8 BROWSER= "$bantin" --db "$db" --feeds "$feeds" "$@"
}

# ---- bind and unbind ----
printf '%s\n' '#!/bin/sh' 'for a in "$@"; do printf "<%s>\n" "$a"; done > "$BROWSER_OUT"' > "$ASSERT_TMP/browser"
chmod +x "$ASSERT_TMP/browser"
cat > "$conf" <<CONF
article-pages = no
bind x scroll-down
unbind j
bind M-s star
bind F2 help
date-format = %Y-%m-%d
related-position = beside
browser = $ASSERT_TMP/browser --new-tab
CONF
BROWSER_OUT="$ASSERT_TMP/browser.out"
export BROWSER_OUT
run 100 24 --offline
tui_wait_for "All articles"
case "$(row 2)" in ">  All articles"*) assert_pass ;; *) assert_fail "feeds: All articles selected: $(row 2)" ;; esac
tui_send x
tui_wait_for ">  Tin A"
assert_pass
tui_send j
tui_wait_for "j does nothing here (? for help)"
case "$(row 3)" in ">  Tin A"*) assert_pass ;; *) assert_fail "unbind j: j moves nothing: $(row 3)" ;; esac
tui_send F2
tui_wait_for "Help — keys"
screen > "$ASSERT_TMP/help"
grep -q "^  Down x  *move down a line" "$ASSERT_TMP/help" && assert_pass ||
	assert_fail "help: down's keys as bound (Down x, no j): $(grep 'move down' "$ASSERT_TMP/help")"
grep -q "^  F2 ?  *show the keys of this view\|^  ? F2  *show the keys of this view" "$ASSERT_TMP/help" && assert_pass ||
	assert_fail "help: F2 shows it too: $(grep 'show the keys' "$ASSERT_TMP/help")"
tui_send q
tui_wait_for ">  Tin A"
# ---- date-format in the list ----
tui_send k Enter
tui_wait_for "1/5"
case "$(row 2)" in ">N  2022-12-30  Hàng hải "*"Tàu container 14.000 TEU rời cảng Lạch Huyện") assert_pass ;;
*) assert_fail "date-format: the list's dates: $(row 2)" ;; esac
# ---- M-s stars; related-position = beside at 100 columns ----
tui_send M-s
tui_wait_for "Starred"
tui_send Enter
tui_wait_for "Hàng hải ·"
tui_wait_for "│ Related (1)"
case "$(row 2)" in *"│ Related (1)") assert_pass ;; *) assert_fail "beside: the pane on the right: $(row 2)" ;; esac
# ---- browser: its words, then the link as one argument ----
tui_send o
tui_wait_for "Opened https://hanghai.example/tau-roi-cang"
wait_until [ -s "$BROWSER_OUT" ] || true
assert_equal "<--new-tab>
<https://hanghai.example/tau-roi-cang>" "$(cat "$BROWSER_OUT")" "browser: its own words, then the link"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" list --starred
case "$ASSERT_OUT" in *"Tàu container 14.000 TEU"*) assert_pass ;; *) assert_fail "M-s starred it: $ASSERT_OUT" ;; esac

# ---- refresh-on-start = no: nothing fetched until r ----
printf '%s\n' "article-pages = no" "refresh-on-start = no" > "$conf"
: > "$HTTPFIX_LOG"
run 80 24
tui_wait_for "All articles"
tui_send r
tui_wait_for "2 feeds refreshed"
assert_equal 1 "$(grep -c '"path": "/a.xml"' "$HTTPFIX_LOG")" "refresh-on-start = no: one refresh, the one r asked for"
# and r started it: no refresh of its own was under way (which would have swallowed r)
tui_send M
tui_wait_for "Messages (newest first)"
screen > "$ASSERT_TMP/log"
assert_equal 1 "$(grep -c 'feeds refreshed' "$ASSERT_TMP/log")" "refresh-on-start = no: one summary"
grep -q "under way" "$ASSERT_TMP/log" && assert_fail "refresh-on-start = no: r met no refresh under way" ||
	assert_pass
tui_send q
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
printf '%s\n' "article-pages = no" > "$conf"
: > "$HTTPFIX_LOG"
run 80 24
tui_wait_for "2 feeds refreshed"
tui_send r
wait_until [ "$(grep -c '"path": "/a.xml"' "$HTTPFIX_LOG")" -ge 2 ] || true
assert_equal 2 "$(grep -c '"path": "/a.xml"' "$HTTPFIX_LOG")" "by default: a refresh on start, then r's"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop

# ---- links that are no http(s) URL are never opened ----
printf '%s\n' "$U/links.xml" > "$ASSERT_TMP/links-feeds"
assert_status 0 "$bantin" --db "$ASSERT_TMP/links.db" --feeds "$ASSERT_TMP/links-feeds" refresh
printf '%s\n' "article-pages = no" "browser = $ASSERT_TMP/browser" > "$conf"
: > "$BROWSER_OUT"
tui_start 100 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 BROWSER= "$bantin" --db "$ASSERT_TMP/links.db" \
	--feeds "$ASSERT_TMP/links-feeds" --offline
tui_wait_for "All articles"
tui_send Enter Enter
tui_wait_for "Bài có liên kết lạ"
tui_send o
tui_wait_for "Not an http or https link, not opened: -oProxyCommand=touch /tmp/bantin-pwned"
tui_send 1 o
tui_wait_for "Not an http or https link, not opened: \`id\`"
tui_send 2 y
tui_wait_for "Not an http or https link, not copied: x;touch%20/tmp/bantin-pwned"
tui_send 3 o
tui_wait_for "Opened https://lienket.example/b%C3%A0i%20vi%E1%BA%BFt"
wait_until [ -s "$BROWSER_OUT" ] || true
assert_equal "<https://lienket.example/b%C3%A0i%20vi%E1%BA%BFt>" "$(cat "$BROWSER_OUT")" \
	"only the http(s) link reached the browser, percent-encoded"
[ ! -e /tmp/bantin-pwned ] && assert_pass || assert_fail "nothing ran the links"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
printf '%s\n' "article-pages = no" > "$conf"

# ---- tags and saved searches in the feeds view ----
printf '%s\n' "$U/a.xml hp \"~Tin A\"" "$U/port.xml hp biển" '"search:Tàu:tau"' > "$feeds"
run 80 24 --offline
tui_wait_for "Search: Tàu"
case "$(screen | grep 'Search: Tàu')" in "   Search: Tàu"*"/2") assert_pass ;;
*) assert_fail "a saved search is a row with its counts: $(screen | grep 'Search')" ;; esac
tui_send t
tui_wait_for "bantin — Feeds by tag"
assert_equal "   All articles
   Search: Tàu
   #hp
     Tin A
     Hàng hải
   #biển
     Hàng hải" "$(screen | sed -n 2,8p | sed 's/  *[0-9]*\/[0-9]*.*$//' | sed 's/^>/ /')" \
	"t: the feeds under their tags"
case "$(screen | grep '#hp')" in *"/5") assert_pass ;; *) assert_fail "a tag's count: $(screen | grep '#hp')" ;; esac
tui_send Down Down Enter
tui_wait_for "#hp"
tui_wait_for "/5"
case "$(row 1)" in " #hp"*"/5") assert_pass ;; *) assert_fail "a tag opened: its feeds' articles: $(row 1)" ;; esac
tui_send q
tui_wait_for "bantin — Feeds by tag"
case "$(row 4)" in ">  #hp"*) assert_pass ;; *) assert_fail "q: back on the tag: $(row 4)" ;; esac
tui_send Up Enter
tui_wait_for "tau"
case "$(screen)" in *"Tàu container 14.000 TEU"*) assert_pass ;; *) assert_fail "a saved search opened: its results: $(screen)" ;; esac
tui_send q
tui_wait_for "bantin — Feeds by tag"
tui_send t
wait_until sh -c '[ "$(tmux -L "$0" capture-pane -p -t "$1" | sed -n 1p)" = " bantin — Feeds" ]' \
	"$TUI_SOCKET" "$TUI_TARGET" && assert_pass || assert_fail "t again: one list: $(row 1)"
tui_send Q
tui_wait_for "[exit 0]"
assert_done
