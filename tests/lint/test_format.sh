#!/bin/sh
# Every C file follows .clang-format. Formatting differs between
# clang-format releases, so the check runs with the release the style was
# written for (14, Debian 12's) and is skipped (exit 77) without it.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"

cf=
for c in clang-format-14 clang-format; do
	if command -v "$c" > /dev/null 2>&1 &&
		"$c" --version | grep -q 'version 14\.'; then
		cf=$c
		break
	fi
done
if [ -z "$cf" ]; then
	echo "skipped: clang-format 14 is not installed"
	exit 77
fi

cd "$BANTIN_SOURCE_DIR"
for f in $(find src tools tests bench -name '*.[ch]' | sort); do
	assert_status 0 "$cf" --style=file --dry-run -Werror "$f"
	[ "$ASSERT_STATUS" -eq 0 ] || printf '%s\n' "$ASSERT_ERR" | head -20 >&2
done
assert_done
