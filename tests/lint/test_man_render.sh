#!/bin/sh
# The man pages render without a single groff warning, and `man -l` shows
# them, with no stray "file ..." where a command takes no operands.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"

for page in "$BANTIN_SOURCE_DIR"/man/*.[1-9]; do
	name=$(basename "$page")
	assert_status 0 groff -mandoc -Tutf8 -ww -z "$page"
	assert_equal "" "$ASSERT_ERR" "groff warnings for $name"
	assert_status 0 env MANWIDTH=80 man -l "$page"
	case $ASSERT_OUT in
	*NAME*) assert_pass ;;
	*) assert_fail "man -l $name shows no NAME section" ;;
	esac
	# an empty argument (.Ar with nothing after it) renders as "file ..."
	case $ASSERT_OUT in
	*"file ..."*) assert_fail "man -l $name shows a stray 'file ...': $(printf '%s\n' "$ASSERT_OUT" | grep -F 'file ...')" ;;
	*) assert_pass ;;
	esac
done
assert_done
