#!/bin/sh
# Display widths agree with a real terminal: text_termcheck draws samples
# (Vietnamese NFC and NFD, CJK, emoji, ZWJ, flags, controls...) in tmux and
# compares the cursor column tmux reports with the text module's width and
# with wcwidth (what ncursesw counts).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
termcheck=$1
trap tui_stop EXIT INT TERM

report="$ASSERT_TMP/report"
tui_start 80 24 "$termcheck" "$report"
tui_wait_for "termcheck done" 30
cat "$report"
last=$(tail -n 1 "$report")
case $last in
*" passed, 0 failed") assert_pass ;;
*) assert_fail "widths disagree with the terminal: $last" ;;
esac
assert_done
