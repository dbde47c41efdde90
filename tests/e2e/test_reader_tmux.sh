#!/bin/sh
# End to end through tmux: the reader on a real cache filled by `bantin
# refresh` from the fixture server. Feeds → article list → article →
# scroll → next article → back; unread-only; help; a narrow feed list; a resize from 120x40 to
# 60x20 and below the minimum; LC_ALL=C, NO_COLOR=1 and TERM=vt100; the
# terminal restored after q and after SIGTERM.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
# The fixtures' items are summaries of the portal's articles: their web pages
# are not fetched here (tests/cli/test_pages.sh is about them).
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
bantin=$1
trap 'tui_stop; httpfix_stop' EXIT INT TERM

httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$HTTPFIX_URL/a.xml \"~Tin Hải Phòng\"" "$HTTPFIX_URL/b.atom" > "$feeds"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
# A second cache where one article has a truly related one (the same ship, in another feed).
rel_db="$ASSERT_TMP/related.db"
rel_feeds="$ASSERT_TMP/related-feeds"
printf '%s\n' "$HTTPFIX_URL/a.xml \"~Tin Hải Phòng\"" "$HTTPFIX_URL/port.xml" > "$rel_feeds"
assert_status 0 "$bantin" --db "$rel_db" --feeds "$rel_feeds" refresh
# Relative URLs in the articles were resolved against the feeds' URLs on this server.
cached_url=$HTTPFIX_URL
httpfix_stop

# The reader in a shell that says how it ended.
# run COLS ROWS [VAR=value]...: bantin with the environment given and the
# options in $opts (--offline unless set otherwise), on $db and $feeds.
opts=--offline
run() {
	_cols=$1
	_rows=$2
	shift 2
	tui_start "$_cols" "$_rows" sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
		env "$@" "$bantin" --db "$db" --feeds "$feeds" $opts
}
screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
has_lines() { [ "$(cat "$1" 2> /dev/null | wc -l)" -ge "$2" ]; }
row() { screen | sed -n "$1p"; }

run 80 24 LANG=en_US.UTF-8
tui_wait_for "All articles"
assert_equal " bantin — Feeds" "$(row 1)" "feeds: the title bar"
assert_equal ">  All articles                                                             5/5" \
	"$(row 2)" "feeds: every article first, selected"
case "$(row 3)" in "   Tin Hải Phòng "*"3/3  just now") assert_pass ;; *) assert_fail "feeds: a named feed with counts: $(row 3)" ;; esac
case "$(screen | sed -n 24p)" in *offline) assert_pass ;; *) assert_fail "feeds: offline is shown" ;; esac

tui_send Enter
tui_wait_for "1/5"
assert_equal ">N  29/12/2022   Tin Hải Phòng   Cảng Lạch Huyện đón tàu container lớn nhất" "$(row 2)" \
	"articles: newest first, selected"
assert_equal " N  26/12/2022   Đoàn Thanh ni…  Đoàn viên ra quân tình nguyện" "$(row 5)" \
	"articles: the feed's own title when it has no name, in 14 cells"
tui_send j
tui_wait_for "2/5"
tui_send Enter
tui_wait_for "Tin Hải Phòng ·"
assert_equal " Hội nghị tổng kết ngành Giáo dục năm 2022" "$(row 2)" "pager: the title"
assert_equal " Tin Hải Phòng · Wednesday, 28 Dec 2022 10:30" "$(row 5)" "pager: feed and date, Vietnam time, in the labels' language"
tui_send J
tui_wait_for "Lễ hội Hoa Phượng Đỏ"
tui_send q
tui_wait_for "3/5"
case "$(row 3)" in " N "*) assert_fail "articles: read articles do not stand out: $(row 3)" ;; *) assert_pass ;; esac
case "$(row 4)" in ">   "*) assert_pass ;; *) assert_fail "articles: the cursor stays on the article: $(row 4)" ;; esac
tui_send u
tui_wait_for "(unread)"
assert_equal "3" "$(screen | grep -c 'N  [0-9][0-9]/')" "unread only: three left"
tui_send '?'
tui_wait_for "Help — keys"
assert_equal "  Enter Right l         open the feed or the article (in the article: the
                        related one selected)" "$(screen | grep -A1 '^  Enter Right l')" \
	"help: a text too long for the window goes on under itself"
tui_send q

# ---- search the cache, open a result, find in it ----
tui_send /
tui_type "lach huyen"
tui_wait_for "Search: lach huyen"
tui_send Enter
tui_wait_for "1/1"
assert_equal ">N  29/12/2022 16:05  Cảng Lạch Huyện đón tàu container lớn nhất" "$(row 2)" \
	"search without marks finds the article"
tui_send Enter
tui_wait_for "Tin Hải Phòng ·"
tui_send /
tui_type "CẢNG"
tui_send Enter
tui_wait_for "match 1 of"
tui_send n
tui_wait_for "match 2 of"
tui_send q
tui_wait_for "Search: lach huyen"
tui_send q q Q
tui_wait_for "[exit 0]"
assert_pass

# ---- $BROWSER gets the link as one argv element; y copies it with OSC 52 ----
tui_stop
printf '%s\n' '#!/bin/sh' 'for a in "$@"; do printf "<%s>\n" "$a"; done > "$BROWSER_OUT"' > "$ASSERT_TMP/browser"
chmod +x "$ASSERT_TMP/browser"
run 80 24 LANG=en_US.UTF-8 BROWSER="$ASSERT_TMP/browser --new-tab" \
	BROWSER_OUT="$ASSERT_TMP/browser.out"
tui_wait_for "All articles"
tui_tmux set-option -g set-clipboard on
tui_send Enter Enter
tui_wait_for "Tin Hải Phòng ·"
tui_send o
tui_wait_for "Opened https://thanhphohaiphong.gov.vn/cang-lach-huyen.html ("
assert_equal "<--new-tab>
<https://thanhphohaiphong.gov.vn/cang-lach-huyen.html>" "$(cat "$ASSERT_TMP/browser.out")" \
	"o: \$BROWSER with its own words, then the link as one argument"
: > "$ASSERT_TMP/browser.out"
tui_send 1 o
wait_until has_lines "$ASSERT_TMP/browser.out" 2 || true
assert_equal "<--new-tab>
<$cached_url/wp-content/uploads/tau.jpg>" "$(cat "$ASSERT_TMP/browser.out")" \
	"1 o: link [1] of the article"
tui_send 9 o
tui_wait_for "No link [9]"
tui_send y
tui_wait_for "Link copied"
wait_until sh -c '[ -n "$(tmux -L "$0" show-buffer 2> /dev/null)" ]' "$TUI_SOCKET" || true
assert_equal "https://thanhphohaiphong.gov.vn/cang-lach-huyen.html" "$(tui_tmux show-buffer 2> /dev/null)" \
	"y: the link reaches the clipboard through OSC 52"
# Nothing in this cache is about the port but the article itself: no pane.
assert_equal "" "$(screen | grep 'Related (')" "no related pane for an article nothing relates to"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
# The related pane below the article: Tab into it, open one, q back.
db_kept=$db feeds_kept=$feeds
db=$rel_db feeds=$rel_feeds
run 80 24 LANG=en_US.UTF-8
tui_wait_for "All articles"
tui_send Enter Enter
tui_wait_for "Hàng hải ·"
assert_equal " Tàu container 14.000 TEU rời cảng Lạch Huyện" "$(row 2)" "the newest article opens"
tui_wait_for "Related (1)"
assert_equal " 29/12 Cảng Lạch Huyện đón tàu container lớn nhất" "$(screen | grep -A1 'Related (1)' | tail -1)" \
	"the pane lists the article about the same ship, not the one about vegetables"
tui_send Tab Enter
tui_wait_for "Tin Hải Phòng ·"
assert_equal " Cảng Lạch Huyện đón tàu container lớn nhất" "$(row 2)" "a related article opens"
tui_send q
tui_wait_for "Hàng hải ·"
assert_equal " Tàu container 14.000 TEU rời cảng Lạch Huyện" "$(row 2)" "q goes back to the article"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
db=$db_kept feeds=$feeds_kept
run 80 24 LANG=en_US.UTF-8 BROWSER= PATH=/nonexistent
tui_wait_for "All articles"
tui_send Enter Enter
tui_wait_for "Tin Hải Phòng ·"
tui_send o
tui_wait_for "No \$BROWSER or xdg-open: https://thanhphohaiphong.gov.vn/cang"
tui_send Q
tui_wait_for "[exit 0]"

# ---- a narrow window: a feed's name before the time of its last refresh ----
tui_stop
run 30 10 LANG=en_US.UTF-8
tui_wait_for "All articles"
assert_equal "   Tin Hải Phòng          0/3" "$(row 3)" "feeds: a narrow window keeps the name"
tui_send Enter
tui_wait_for "1/5"
assert_equal ">   2022   Cảng Lạch Huyện đ…" "$(row 2)" "articles: a narrow window gives the day without the time (an article of another year: the year)"
tui_send /
tui_type "hoa phuong"
tui_send Enter
tui_wait_for "1/1"
assert_equal ">   27/12/2022  Lễ hội Hoa P…
      Thành phố chuẩn bị cho…" "$(screen | sed -n 2,3p)" "search: the day without the time, and what is cut ends in …"
tui_send Q
tui_wait_for "[exit 0]"

# ---- resize ----
tui_stop
run 120 40 LC_ALL=vi_VN.UTF-8
tui_wait_for "Tất cả bài viết"
tui_send Enter Enter
tui_wait_for "Nguyễn Hải. Ảnh: Đàm Thanh"
assert_equal " ?: trợ giúp  q: quay lại$(printf '%*s' 83 '')ngoại tuyến" "$(screen | sed -n 40p)" \
	"Vietnamese labels when the locale is Vietnamese"
tui_send '?'
tui_wait_for "Trợ giúp — phím"
assert_equal "  j Down                xuống một dòng" "$(row 2)" "help: in Vietnamese too"
tui_send q
tui_wait_for "Nguyễn Hải. Ảnh: Đàm Thanh"
tui_resize 60 20
rule_is() { screen | "$PYTHON" -c 'import sys; print(" ".join(str(len(l.strip())) for l in sys.stdin if l.startswith(" \u2500")))' | grep -qx "$1"; }
wait_until rule_is 58 || true
tui_wait_for "Cảng Lạch Huyện"
# Laid out again at the new width: the rule under the header spans 58 cells, not 118.
rules=$(screen | "$PYTHON" -c 'import sys; print(" ".join(str(len(l.strip())) for l in sys.stdin if l.startswith(" \u2500")))')
assert_equal "58" "$rules" "after a resize the article is laid out at the new width"
tui_resize 15 4
tui_wait_for "Cửa sổ quá"
tui_resize 80 24
tui_wait_for "Cảng Lạch Huyện đón tàu container lớn nhất"
tui_send Q
tui_wait_for "[exit 0]"

# ---- other terminals and locales ----
for env in "LC_ALL=C" "NO_COLOR=1" "TERM=vt100"; do
	tui_stop
	run 80 24 LANG=en_US.UTF-8 "$env"
	tui_wait_for "All articles"
	tui_send Enter Enter
	tui_wait_for "Cảng Lạch Huyện đón tàu container lớn nhất"
	tui_send Q
	tui_wait_for "[exit 0]"
	assert_pass
done
tui_stop
run 80 24 LANG=en_US.UTF-8 NO_COLOR=1
tui_wait_for "All articles"
tui_tmux capture-pane -e -p -t "$TUI_TARGET" > "$ASSERT_TMP/colours"
assert_equal "" "$(grep -o '\[[0-9;]*3[0-7]m' "$ASSERT_TMP/colours" || true)" "NO_COLOR: no colours"

# ---- a refresh in the background, keys handled meanwhile ----
tui_stop
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
printf '%s\n' "$HTTPFIX_URL/slow-a.xml" "$HTTPFIX_URL/b.atom" > "$feeds"
db="$ASSERT_TMP/fresh.db"
opts=
run 80 24 LANG=en_US.UTF-8
opts=--offline
tui_wait_for "Updating"
tui_wait_for "Đoàn Thanh niên"
tui_send Enter
tui_wait_for "Hiến máu nhân đạo"
tui_send j
tui_wait_for "2/2"
case "$(row 3)" in ">N  25/12/2022 "*"Hiến máu nhân đạo") assert_pass ;;
*) assert_fail "keys work while the refresh goes on: $(row 3)" ;; esac
tui_wait_for "2 feeds refreshed: 5 new, 0 failed"
assert_equal "5/5" "$(row 1 | awk '{ print $NF }')" "the slow feed's articles came in, the cursor on the same one"
case "$(row 6)" in ">N  25/12/2022 "*"Hiến máu nhân đạo") assert_pass ;;
*) assert_fail "new articles above do not move the cursor off its article: $(screen)" ;; esac
tui_send Q
tui_wait_for "[exit 0]"
assert_equal "2" "$(httpfix_requests)" "one request a feed"
httpfix_stop

# opens_with OPTIONS TEXT: the reader started with OPTIONS shows TEXT, and quits.
opens_with() {
	tui_stop
	opts=$1
	run 80 24 LANG=en_US.UTF-8
	tui_wait_for "$2"
	assert_pass
	tui_send Q
	tui_wait_for "[exit 0]"
}
opens_with "--offline --lang vi" "bantin — Nguồn tin"

# ---- the settings file: the command line wins over it ----
printf '%s\n' "# the reader in Vietnamese" "lang = vi" "hyperlinks = no" > "$ASSERT_TMP/settings"
opens_with "--offline --config $ASSERT_TMP/settings" "bantin — Nguồn tin"
opens_with "--offline --config $ASSERT_TMP/settings --lang en" "bantin — Feeds"
# The reader's own refresh goes through the settings file's proxy: the feed's
# host does not exist, the fixture server answers as the proxy.
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
printf 'proxy = %s\n' "$HTTPFIX_URL" > "$ASSERT_TMP/proxied"
printf '%s\n' "http://feeds.invalid/a.xml" > "$ASSERT_TMP/proxiedfeeds"
opens_with "--config $ASSERT_TMP/proxied --db $ASSERT_TMP/proxied.db --feeds $ASSERT_TMP/proxiedfeeds" \
	"1 feed refreshed: 3 new, 0 failed"
httpfix_stop

# ---- the mouse: the reader asks the terminal for it unless told not to ----
# mouse_with OPTIONS WANT: with OPTIONS, tmux's flag for a pane that wants
# the mouse reads WANT.
mouse_with() {
	tui_stop
	opts=$1
	run 80 24 LANG=en_US.UTF-8
	tui_wait_for "All articles"
	assert_equal "$2" "$(tui_tmux display-message -p -t "$TUI_TARGET" '#{mouse_any_flag}')" \
		"the mouse with '$1'"
	tui_send Q
	tui_wait_for "[exit 0]"
}
printf '%s\n' "mouse = no" > "$ASSERT_TMP/nomouse"
mouse_with "--offline" 1
mouse_with "--offline --no-mouse" 0
mouse_with "--offline --config $ASSERT_TMP/nomouse" 0

# ---- OSC 8 hyperlinks in an article, unless told not to ----
# links_with OPTIONS WANT: what the reader writes while it opens the first
# article holds an OSC 8 hyperlink to its link [1] ("yes") or none ("no").
links_with() {
	tui_stop
	opts=$1
	run 80 24 LANG=en_US.UTF-8
	tui_wait_for "All articles"
	: > "$ASSERT_TMP/raw"
	tui_tmux pipe-pane -o -t "$TUI_TARGET" "cat >> '$ASSERT_TMP/raw'"
	tui_send Enter Enter
	tui_wait_for "/wp-content/uploads/tau.jpg"
	# a key that does nothing draws a message after the article's frame (and its links):
	# once it is in the pipe, so is all the article wrote
	tui_send x
	tui_wait_for "x does nothing here"
	wait_until grep -q "does nothing here" "$ASSERT_TMP/raw" || true
	tui_tmux pipe-pane -t "$TUI_TARGET"
	if grep -q "$(printf '\033')]8;[^;]*;http[^ ]*/wp-content/uploads/tau.jpg" \
		"$ASSERT_TMP/raw"; then got=yes; else got=no; fi
	assert_equal "$2" "$got" "hyperlinks with '$1'"
	tui_send Q
	tui_wait_for "[exit 0]"
}
printf '%s\n' "hyperlinks = no" > "$ASSERT_TMP/nolinks"
links_with "--offline" yes
links_with "--offline --no-hyperlinks" no
links_with "--offline --config $ASSERT_TMP/nolinks" no

# ---- themes ----
tui_stop
opts="--offline --theme nope"
run 80 24 LANG=en_US.UTF-8
tui_wait_for "no theme 'nope' (looked for nope.theme in the theme folders)"
tui_send Q
tui_wait_for "[exit 0]"
tui_stop
mkdir -p "$ASSERT_TMP/xdg/bantin/themes"
cp "$BANTIN_SOURCE_DIR/themes/light.theme" "$ASSERT_TMP/xdg/bantin/themes/mine.theme"
opts="--offline --theme mine"
run 80 24 LANG=en_US.UTF-8 XDG_CONFIG_HOME="$ASSERT_TMP/xdg"
opts=--offline
tui_wait_for "All articles"
tui_tmux capture-pane -e -p -t "$TUI_TARGET" > "$ASSERT_TMP/colours"
grep -q '44m' "$ASSERT_TMP/colours" && assert_pass || assert_fail "a user's theme colours the title bar (blue)"
case "$(row 24)" in *"no theme"*) assert_fail "a user's theme is found" ;; *) assert_pass ;; esac
tui_send Q
tui_wait_for "[exit 0]"

# the shipped themes, from the build tree as the quick start runs it (not installed)
for theme in light high-contrast; do
	tui_stop
	opts="--offline --theme $theme"
	run 80 24 LANG=en_US.UTF-8
	opts=--offline
	tui_wait_for "All articles"
	case "$(row 24)" in *"no theme"*) assert_fail "--theme $theme is found from the build: $(row 24)" ;; *) assert_pass ;; esac
	tui_tmux capture-pane -e -p -t "$TUI_TARGET" > "$ASSERT_TMP/colours"
	case $theme in
	light) grep -q '44m' "$ASSERT_TMP/colours" && assert_pass || assert_fail "--theme light: a blue title bar" ;;
	*) grep -q '107m\|47m' "$ASSERT_TMP/colours" && assert_pass || assert_fail "--theme high-contrast: a white title bar" ;;
	esac
	tui_send Q
	tui_wait_for "[exit 0]"
done

# ---- after a large refresh, the next write shrinks the log file back ----
# (a refresh lets SQLite's log grow past 16 MiB; a reader that stays open
# would keep it that size on disk until it quits)
tui_stop
"$PYTHON" "$BANTIN_SOURCE_DIR/bench/gen-feeds.py" "$ASSERT_TMP/big" 20 100
httpfix_start "$ASSERT_TMP/big"
db_was=$db feeds_was=$feeds opts_was=$opts
db="$ASSERT_TMP/big.db"
feeds="$ASSERT_TMP/bigfeeds"
opts=
n=1
while [ "$n" -le 20 ]; do echo "$HTTPFIX_URL/feed-$n.xml" && n=$((n + 1)); done > "$feeds"
run 80 24 LANG=en_US.UTF-8
tui_wait_for "20 feeds refreshed: 2000 new, 0 failed" 60
size=$(stat -c %s "$db-wal")
[ "$size" -gt 16777216 ] && assert_pass || assert_fail "a large refresh grows the log past 16 MiB: $size"
tui_send Enter Enter # opening an article marks it read: a write
n=0
while [ "$(stat -c %s "$db-wal")" -gt 16777216 ] && [ "$n" -lt 50 ]; do sleep 0.1 && n=$((n + 1)); done
size=$(stat -c %s "$db-wal")
[ "$size" -le 16777216 ] && assert_pass || assert_fail "the next write shrinks the log to 16 MiB: $size"
tui_send Q
tui_wait_for "[exit 0]"
httpfix_stop
db=$db_was feeds=$feeds_was opts=$opts_was

# ---- SIGTERM and a crash (SIGSEGV) restore the terminal ----
# Sends SIGNAL to a running reader; it must end with STATUS and leave no screen.
killed_restores() {
	tui_stop
	run 80 24 LANG=en_US.UTF-8
	tui_wait_for "All articles"
	pane=$(tui_tmux display-message -p -t "$TUI_TARGET" '#{pane_pid}')
	pkill -"$1" -P "$pane" -x bantin
	tui_wait_for "[exit $2]"
	assert_equal "0" "$(screen | grep -c 'All articles')" "after SIG$1 the reader's screen is gone"
}
killed_restores TERM 143
killed_restores SEGV 139

assert_done
