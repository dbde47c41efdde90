#!/bin/sh
# bantin render on every HTML fixture at widths 40, 80 and 120, compared
# with FILE.wWIDTH.expected; and no line is ever wider than the width.
# With BANTIN_REGEN=1 the expected files are written instead (review them!).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
cd "$BANTIN_SOURCE_DIR/tests/fixtures/html"
for f in *.html; do
	for w in 40 80 120; do
		assert_status 0 timeout 10 "$bantin" render --lang vi --width "$w" --url https://portal.example.vn/tin/bai.html "$f"
		if [ -n "${BANTIN_REGEN:-}" ]; then
			printf '%s\n' "$ASSERT_OUT" > "$f.w$w.expected"
			continue
		fi
		assert_equal "$(cat "$f.w$w.expected")" "$ASSERT_OUT" "render --width $w $f"
		widest=$(printf '%s\n' "$ASSERT_OUT" | "$PYTHON" -c "
import sys, unicodedata
def cells(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
print(max([cells(l.rstrip('\n')) for l in sys.stdin] + [0]))")
		[ "$widest" -le "$w" ] && assert_pass || assert_fail "$f at $w: a line of $widest cells"
	done
done
# The image label follows the labels' language.
assert_status 0 "$bantin" render --lang en --width 80 inline-images.html
assert_equal "[Image: Cảng Lạch Huyện][2]" "$(printf '%s\n' "$ASSERT_OUT" | grep 'Cảng')" "render --lang en"
assert_status 0 env LC_ALL=vi_VN.UTF-8 "$bantin" render --width 80 inline-images.html
assert_equal "[Ảnh: Cảng Lạch Huyện][2]" "$(printf '%s\n' "$ASSERT_OUT" | grep 'Cảng')" \
	"render: Vietnamese labels by the locale"
assert_status 2 "$bantin" render --lang fr x.html
assert_equal "bantin render: option '--lang' needs vi or en, not 'fr' (see 'bantin render --help')" "$ASSERT_ERR" "render --lang fr"
assert_status 2 "$bantin" render --width 0 x.html
assert_equal "bantin render: option '--width' needs a number from 1 to 10000, not '0' (see 'bantin render --help')" "$ASSERT_ERR" "width 0"
assert_done
