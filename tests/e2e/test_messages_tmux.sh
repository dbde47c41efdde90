#!/bin/sh
# What went wrong, where the user looks, through tmux at 80x24: a refresh in
# the reader that failed says which feed and why; a failed feed with no
# articles says why when it is opened; a message too long for the status
# line is cut with "…", and M shows every message whole; X stops a refresh
# that hangs; changes another bantin makes, and the feeds file edited, are
# noticed without a restart.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
bantin=$1
trap 'tui_stop; httpfix_stop' EXIT INT TERM

mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
U=$HTTPFIX_URL
db="$ASSERT_TMP/cache.db"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$U/a.xml \"~Tin A\"" "$U/missing.xml \"~Mất tích\"" > "$feeds"

tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 "$bantin" --db "$db" --feeds "$feeds"
screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
row() { screen | sed -n "$1p"; }
tui_wait_for "2 feeds refreshed: 3 new, 1 failed"
case "$(row 24)" in
" 2 feeds refreshed: 3 new, 1 failed: $U/missing.xml: HTTP"*"…") assert_pass ;;
*) assert_fail "the refresh says which feed failed and why, cut with …: $(row 24)" ;; esac
# the failed feed, opened: why it has no articles
tui_send j j Enter
tui_wait_for "No articles yet."
when="$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y) $(TZ=Asia/Ho_Chi_Minh date +%H:%M)"
assert_equal " The last refresh ($when) failed: HTTP 404 Not Found; no other feed
 found on its site" "$(screen | sed -n 4,5p | sed 's/ *$//' | sed "s|([0-9/]* [0-9:]*)|($when)|")" \
	"an empty failed feed says why, wrapped whole"
# M: every message whole
tui_send M
tui_wait_for "Messages (newest first)"
screen > "$ASSERT_TMP/log"
grep -q "  [0-9][0-9]:[0-9][0-9]  2 feeds refreshed: 3 new, 1 failed:" "$ASSERT_TMP/log" &&
	assert_pass || assert_fail "M: the summary, newest first: $(cat "$ASSERT_TMP/log")"
assert_equal 2 "$(grep -c "^         found on its site" "$ASSERT_TMP/log")" \
	"M: the long messages wrapped whole, not cut"
tui_send q
tui_wait_for "No articles yet."
tui_send Q
tui_wait_for "[exit 0]"

# A feed that hangs: X stops the refresh under way, and what was stored stays.
tui_stop
printf '%s\n' "$U/a.xml \"~Tin A\"" "$U/stall.xml \"~Treo\"" > "$feeds"
tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 "$bantin" --db "$ASSERT_TMP/hang.db" --feeds "$feeds"
tui_wait_for "Updating 1/2"
tui_send r
tui_wait_for "A refresh is under way (X stops it)"
tui_send X
tui_wait_for "Refresh stopped: 1 of 2 feeds done"
case "$(row 3)" in *"Tin A"*"3/3"*) assert_pass ;; *) assert_fail "what was stored stays: $(screen)" ;; esac
case "$(row 24)" in *Updating*) assert_fail "no refresh under way after X: $(row 24)" ;; *) assert_pass ;; esac
tui_send Q
tui_wait_for "[exit 0]"

# Another bantin changes the cache, and the feeds file is edited, while the reader is open:
# it notices both, by itself, when idle.
tui_stop
printf '%s\n' "$U/a.xml \"~Tin A\"" > "$feeds"
tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 "$bantin" --db "$ASSERT_TMP/shared.db" --feeds "$feeds"
tui_wait_for "1 feed refreshed: 3 new, 0 failed"
case "$(row 3)" in *"Tin A"*"3/3"*) assert_pass ;; *) assert_fail "the feed, unread: $(row 3)" ;; esac
assert_status 0 "$bantin" --db "$ASSERT_TMP/shared.db" --feeds "$feeds" mark-read --feed 1
tui_wait_for "0/3"
case "$(row 3)" in *"Tin A"*"0/3"*) assert_pass ;; *) assert_fail "marked read elsewhere: counts follow: $(row 3)" ;; esac
printf '%s\n' "$U/a.xml \"~Tin A\"" "$U/b.atom \"~Tin B\"" > "$feeds"
tui_wait_for "The feeds file was read again"
case "$(row 4)" in *"Tin B"*) assert_pass ;; *) assert_fail "the new feed of the edited file: $(screen)" ;; esac
tui_send r
tui_wait_for "2 feeds refreshed: 2 new, 0 failed"
tui_send Q
tui_wait_for "[exit 0]"
assert_done
