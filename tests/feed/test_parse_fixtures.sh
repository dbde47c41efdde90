#!/bin/sh
# bantin parse on every fixture in tests/fixtures/feeds: stdout, stderr and
# exit status must equal FILE.expected, FILE.stderr and FILE.status (empty,
# empty and 0 when the file is absent). FILE.args holds extra arguments;
# FILE.same-as names another fixture whose output FILE must give exactly
# (the NFD, windows-1258 and gzip variants of the portal feed).
# Each run has 10 seconds: hostile documents must be refused fast.
# With BANTIN_REGEN=1 the expected files are written instead (review them!).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
dir="$BANTIN_SOURCE_DIR/tests/fixtures/feeds"
cd "$dir"

for f in *; do
	case $f in
	*.expected | *.stderr | *.status | *.args | *.same-as | *.py) continue ;;
	esac
	args=
	[ -f "$f.args" ] && args=$(cat "$f.args")
	# shellcheck disable=SC2086
	assert_status "$(cat "$f.status" 2> /dev/null || echo 0)" timeout 10 "$bantin" parse $args "$f"
	if [ -n "${BANTIN_REGEN:-}" ] && [ ! -f "$f.same-as" ]; then
		[ -n "$ASSERT_OUT" ] && printf '%s\n' "$ASSERT_OUT" > "$f.expected"
		[ -n "$ASSERT_ERR" ] && printf '%s\n' "$ASSERT_ERR" > "$f.stderr"
		[ "$ASSERT_STATUS" -ne 0 ] && echo "$ASSERT_STATUS" > "$f.status"
		continue
	fi
	want="$f"
	[ -f "$f.same-as" ] && want=$(cat "$f.same-as")
	assert_equal "$(cat "$want.expected" 2> /dev/null || true)" "$ASSERT_OUT" "stdout of parse $f"
	assert_equal "$(cat "$want.stderr" 2> /dev/null || true)" "$ASSERT_ERR" "stderr of parse $f"
done
assert_done
