# Assertions for the shell tests. Source it, assert, then call assert_done,
# which prints "N passed, N failed" and sets the exit status.
#
#   assert_status WANT CMD...  runs CMD; its stdout in $ASSERT_OUT, its
#                              stderr in $ASSERT_ERR; checks the exit status
#   assert_equal WANT GOT WHAT compares two strings, shows a diff if not equal
#   assert_file_equal WANT_FILE GOT_FILE WHAT
#   assert_done

ASSERT_PASSED=0
ASSERT_FAILED=0
ASSERT_TMP=$(mktemp -d)
# The user's own settings, feeds and cache never come into a test.
XDG_CONFIG_HOME=$ASSERT_TMP/xdg-config
XDG_DATA_HOME=$ASSERT_TMP/xdg-data
XDG_STATE_HOME=$ASSERT_TMP/xdg-state
export XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME
ASSERT_OUT=
ASSERT_ERR=
ASSERT_STATUS=

assert_pass() { ASSERT_PASSED=$((ASSERT_PASSED + 1)); }

assert_fail() {
	ASSERT_FAILED=$((ASSERT_FAILED + 1))
	printf 'FAIL: %s\n' "$1" >&2
}

assert_status() {
	_want=$1
	shift
	set +e
	"$@" > "$ASSERT_TMP/out" 2> "$ASSERT_TMP/err" < /dev/null
	ASSERT_STATUS=$?
	set -e
	ASSERT_OUT=$(cat "$ASSERT_TMP/out")
	ASSERT_ERR=$(cat "$ASSERT_TMP/err")
	if [ "$ASSERT_STATUS" -eq "$_want" ]; then
		assert_pass
	else
		assert_fail "exit status $ASSERT_STATUS, want $_want: $*"
		printf '%s\n' "--- stdout:" "$ASSERT_OUT" "--- stderr:" "$ASSERT_ERR" >&2
	fi
}

assert_equal() {
	if [ "$1" = "$2" ]; then
		assert_pass
		return 0
	fi
	assert_fail "$3"
	printf '%s\n' "$1" > "$ASSERT_TMP/want"
	printf '%s\n' "$2" > "$ASSERT_TMP/got"
	diff -u "$ASSERT_TMP/want" "$ASSERT_TMP/got" | sed 's/^/    /' >&2 || true
}

assert_file_equal() {
	if cmp -s "$1" "$2"; then
		assert_pass
		return 0
	fi
	assert_fail "$3"
	diff -u "$1" "$2" | sed 's/^/    /' >&2 || true
}

assert_done() {
	rm -rf "$ASSERT_TMP"
	printf '%d passed, %d failed\n' "$ASSERT_PASSED" "$ASSERT_FAILED"
	[ "$ASSERT_FAILED" -eq 0 ]
}
