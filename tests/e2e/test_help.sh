#!/bin/sh
# End to end through tmux: bantin --help in an 80x24 terminal shows exactly
# the expected screen and exits 0.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
bantin=$1
trap tui_stop EXIT INT TERM

tui_start 80 24 sh -c '"$0" --help; printf "[exit %d]\n" $?; exec sleep 60' "$bantin"
tui_wait_for "[exit 0]"
tui_expect_screen "$BANTIN_SOURCE_DIR/tests/e2e/expected/help-80x24.txt" "help screen at 80x24"
assert_done
