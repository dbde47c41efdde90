#!/bin/sh
# The reader on whole articles, through tmux at 80x24: an article whose page
# was fetched shows the page's body; its related pane lists the page's own
# "Tin khác" first; one of those not cached yet opens at once and shows its
# page's article when it comes (fetched through the settings file's proxy,
# the fixture server); q comes back; a page that failed says so; past the end
# of the list, O brings the feed's older articles.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
bantin=$1
trap 'tui_stop; httpfix_stop' EXIT INT TERM

root="$ASSERT_TMP/site"
"$PYTHON" "$BANTIN_SOURCE_DIR/tests/fixtures/pages/make-site.py" "$root" "http://127.0.0.1:PORT"
HTTPFIX_LIFETIME=120 httpfix_start "$root"
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' 'http://thanhphohaiphong.gov.vn/feed/ "~Cổng tin tức"' > "$feeds"
mkdir -p "$XDG_CONFIG_HOME/bantin"
printf 'proxy = "%s"\n' "$HTTPFIX_URL" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
requests_for() { grep -c "\"path\": \"$1\"" "$HTTPFIX_LOG" || true; }

tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 "$bantin" --db "$db" --feeds "$feeds"
screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
row() { screen | sed -n "$1p"; }
tui_wait_for "All articles"
tui_send Enter
tui_wait_for "1/5"
tui_send Enter
tui_wait_for "Cổng tin tức ·"
assert_equal " Hội nghị tổng kết công tác năm 2022" "$(row 2)" "pager: the title"
screen > "$ASSERT_TMP/article"
grep -q "Chiều 29/12, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết" "$ASSERT_TMP/article" &&
	assert_pass || assert_fail "pager: the page's body: $(cat "$ASSERT_TMP/article")"
# The pane below the article: the page's own list first, in its order.
pane=$(screen | grep -n "Related (" | cut -d: -f1)
[ -n "$pane" ] && assert_pass || assert_fail "pager: the related pane: $(screen)"
assert_equal " Related (5)" "$(row "$pane" | sed 's/ *$//')" "pane: the page's five"
assert_equal 19 "$pane" "pane: a fifth of the rows (four of its five), the body the rest"
case "$(row $((pane + 1)))" in *"Khởi công xây dựng cầu vượt nút giao Nam Hải"*) assert_pass ;;
*) assert_fail "pane: 'Tin khác' first: $(row $((pane + 1)))" ;; esac
assert_equal "   -   Công bố phương án tuyển sinh vào lớp 10" "$(row $((pane + 4)) | sed 's/ *$//')" \
	"pane: the one not cached, by its title, with no date"

# Opening the one not cached: at once, then its page's article.
assert_equal 0 "$(requests_for /giao-duc-tuyen-sinh/)" "not fetched before it is opened"
tui_send Tab j j j Enter
tui_wait_for "Sở Giáo dục và Đào tạo công bố phương án tuyển sinh"
assert_equal " Công bố phương án tuyển sinh vào lớp 10" "$(row 2)" "the 'Tin khác' article opened"
assert_equal 1 "$(requests_for /giao-duc-tuyen-sinh/)" "its page fetched once, when opened"
screen | grep -q "Lan Phương" && assert_pass || assert_fail "its byline: $(screen)"
tui_send q
tui_wait_for "Chiều 29/12, Ủy ban nhân dân"
assert_equal " Hội nghị tổng kết công tác năm 2022" "$(row 2)" "q comes back to the article"

# An article whose page failed says so above the feed's text.
tui_send q
tui_wait_for "/6"
tui_send G Enter
tui_wait_for "could not be read"
screen | grep -q "The article's page could not be read (no article found in the page)" &&
	assert_pass || assert_fail "a failed page says why: $(screen)"
# Past the end of the list: older articles are offered, and O brings them (its pages 2, 3).
tui_send q
tui_wait_for "/6"
tui_send G j
tui_wait_for "The end of the list: O loads older articles"
tui_send O
tui_wait_for "/9"
tui_send G
tui_wait_for "9/9"
case "$(screen)" in *"Ra quân chiến dịch Tình nguyện mùa đông"*) assert_pass ;;
*) assert_fail "O: the feed's older articles in the list: $(screen)" ;; esac
assert_equal 1 "$(requests_for "/feed/?paged=3")" "O: the feed's third page asked once"
tui_send q q
tui_wait_for "[exit 0]"

# The reader again, offline, on the newest article of All articles.
open_first() {
	tui_stop
	tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
		env LANG=en_US.UTF-8 "$bantin" --db "$db" --feeds "$feeds" --offline
	tui_wait_for "All articles"
	tui_send Enter
	tui_wait_for "/9"
	tui_send g Enter
	tui_wait_for "Cổng tin tức ·"
}
# until TEXT has left the screen, at most 10 s
wait_gone() {
	_t=$(( $(date +%s) + 10 ))
	while screen | grep -qF "$1"; do
		[ "$(date +%s)" -lt "$_t" ] || return 1
		sleep 0.05
	done
}

# related-pane = no: articles open without the pane; p shows it
printf 'proxy = "%s"\nrelated-pane = no\n' "$HTTPFIX_URL" > "$XDG_CONFIG_HOME/bantin/config"
open_first
case "$(screen)" in *"Related ("*) assert_fail "related-pane = no: no pane: $(screen)" ;; *) assert_pass ;; esac
tui_send p
tui_wait_for "Related ("
tui_send Q
tui_wait_for "[exit 0]"

# p is remembered from one session to the next (the settings file saying nothing)
printf 'proxy = "%s"\n' "$HTTPFIX_URL" > "$XDG_CONFIG_HOME/bantin/config"
open_first
tui_wait_for "Related ("
tui_send p
wait_gone "Related (" && assert_pass || assert_fail "p hides the pane"
tui_send Q
tui_wait_for "[exit 0]"
open_first
case "$(screen)" in *"Related ("*) assert_fail "the next session: the pane stays hidden: $(screen)" ;; *) assert_pass ;; esac
assert_equal "related-pane = no" "$(grep '^related-pane' "$XDG_STATE_HOME/bantin/reader")" "p is kept in the reader's state file"
tui_send p
tui_wait_for "Related ("
tui_send Q
tui_wait_for "[exit 0]"
assert_done
