# Drives a program in tmux for end-to-end tests of the terminal interface:
# a private tmux server (its own socket, no user configuration), a fixed
# window size, keys sent with send-keys, the screen read with capture-pane.
#
#   tui_start COLS ROWS CMD [ARG...]  runs CMD (no shell) in a new session
#   tui_send KEY...                   tmux send-keys (names such as Enter, Up)
#   tui_type TEXT                     sends TEXT literally
#   tui_wait_for TEXT [SECONDS]       waits until TEXT is on the screen
#   tui_capture FILE                  writes the screen, one line per row
#   tui_expect_screen WANT_FILE WHAT  compares the screen with WANT_FILE
#   tui_resize COLS ROWS
#   tui_stop                          kills the session and its server
#
# Uses assert.sh for tui_expect_screen.

TUI_SOCKET="bantin-test-$$"
TUI_TARGET="bt:0.0"

tui_tmux() {
	tmux -u -L "$TUI_SOCKET" "$@"
}

tui_start() {
	_cols=$1
	_rows=$2
	shift 2
	tui_tmux -f /dev/null \
		new-session -d -s bt -x "$_cols" -y "$_rows" -- "$@" \; \
		set-option -g status off \; \
		set-option -g remain-on-exit on
}

tui_send() {
	tui_tmux send-keys -t "$TUI_TARGET" "$@"
}

tui_type() {
	tui_tmux send-keys -t "$TUI_TARGET" -l -- "$1"
}

tui_capture() {
	tui_tmux capture-pane -p -t "$TUI_TARGET" > "$1"
}

tui_wait_for() {
	_deadline=$(( $(date +%s) + ${2:-10} ))
	while :; do
		if tui_tmux capture-pane -p -t "$TUI_TARGET" | grep -qF -- "$1"; then
			return 0
		fi
		if [ "$(date +%s)" -ge "$_deadline" ]; then
			echo "tui: timed out waiting for: $1" >&2
			tui_tmux capture-pane -p -t "$TUI_TARGET" | sed 's/^/    |/' >&2
			return 1
		fi
		sleep 0.05
	done
}

tui_expect_screen() {
	tui_capture "$ASSERT_TMP/screen"
	assert_file_equal "$1" "$ASSERT_TMP/screen" "$2"
}

tui_resize() {
	tui_tmux resize-window -t bt -x "$1" -y "$2"
}

tui_stop() {
	tui_tmux kill-server 2> /dev/null || true
	# Wait for it to be gone, so that a tui_start right after gets a new one.
	_i=0
	while tui_tmux list-sessions > /dev/null 2>&1 && [ "$_i" -lt 40 ]; do
		_i=$((_i + 1))
		sleep 0.05
	done
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TUI_SOCKET"
}

# wait_until CMD...: until CMD succeeds, at most 10 s (a state, never a fixed time)
wait_until() {
	_until=$(($(date +%s) + 10))
	until "$@"; do
		[ "$(date +%s)" -lt "$_until" ] || return 1
		sleep 0.05
	done
}
