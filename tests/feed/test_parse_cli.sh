#!/bin/sh
# bantin parse as a command: standard input, options, limits, errors, and
# documents generated here because they are too big to keep (deep nesting,
# a gzip bomb, a large feed).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
fx="$BANTIN_SOURCE_DIR/tests/fixtures/feeds"
tmp="$ASSERT_TMP"

# Standard input gives the same as the file.
assert_status 0 sh -c "\"$bantin\" parse - < \"$fx/portal-rss2.xml\""
assert_equal "$(cat "$fx/portal-rss2.xml.expected")" "$ASSERT_OUT" "parse - reads standard input"

# Usage errors: one line, exit 2.
assert_status 2 "$bantin" parse
assert_equal "bantin parse: no file given (use - for standard input) (see 'bantin parse --help')" \
	"$ASSERT_ERR" "no operand"
assert_status 2 "$bantin" parse a.xml b.xml
assert_equal "bantin parse: give one file only (see 'bantin parse --help')" "$ASSERT_ERR" "two operands"
assert_status 2 "$bantin" parse --bogus x.xml
assert_equal "bantin parse: unknown option '--bogus' (see 'bantin parse --help')" "$ASSERT_ERR" \
	"unknown option"
assert_status 2 "$bantin" parse --url
assert_equal "bantin parse: option '--url' needs an argument (URL) (see 'bantin parse --help')" \
	"$ASSERT_ERR" "missing argument"
assert_status 2 "$bantin" parse --max-size 12Q x.xml
assert_equal "bantin parse: option '--max-size' needs a size such as 16M, not '12Q' (see 'bantin parse --help')" \
	"$ASSERT_ERR" "bad size"
assert_status 0 "$bantin" parse --help
case $ASSERT_OUT in
"Usage: bantin parse [OPTION]... FILE|-"*) assert_pass ;;
*) assert_fail "parse --help: $ASSERT_OUT" ;;
esac

# A file that cannot be read: exit 66.
assert_status 66 "$bantin" parse "$tmp/missing.xml"
assert_equal "bantin: $tmp/missing.xml: cannot open: No such file or directory" "$ASSERT_ERR" "missing file"
assert_status 66 "$bantin" parse "$tmp"
assert_equal "bantin: $tmp: cannot read: Is a directory" "$ASSERT_ERR" "a directory"

# The size limit, plain and after gunzip.
assert_status 65 "$bantin" parse --max-size 1K "$fx/portal-rss2.xml"
assert_equal "bantin: $fx/portal-rss2.xml: too large (over 1024 bytes)" "$ASSERT_ERR" "--max-size 1K"
"$PYTHON" -c "import gzip,sys; sys.stdout.buffer.write(gzip.compress(b'<rss>' + b'<a/>' * (5 << 20)))" > "$tmp/bomb.xml.gz"
assert_status 65 timeout 10 "$bantin" parse "$tmp/bomb.xml.gz"
assert_equal "bantin: $tmp/bomb.xml.gz: too large (over 16 MiB when decompressed)" "$ASSERT_ERR" "gzip bomb"
head -c 300 "$fx/portal-rss2.xml.gz" > "$tmp/cut.xml.gz"
assert_status 65 "$bantin" parse "$tmp/cut.xml.gz"
assert_equal "bantin: $tmp/cut.xml.gz: broken gzip data (it ends too soon)" "$ASSERT_ERR" "truncated gzip"

# 100,000 nested elements inside an item: refused fast, the item before kept.
"$PYTHON" -c "
import sys
sys.stdout.write('<rss version=\"2.0\"><channel><title>Deep</title><item><title>ok</title><guid>g1</guid></item><item><title>deep</title>')
sys.stdout.write('<a>' * 100000)
sys.stdout.write('</a>' * 100000)
sys.stdout.write('</item></channel></rss>')" > "$tmp/deep.xml"
assert_status 0 timeout 10 "$bantin" parse "$tmp/deep.xml"
assert_equal '{"feed": {"title": "Deep", "link": "", "description": "", "language": "", "format": "rss2.0"}}
{"entry": {"id": "g1", "title": "ok", "link": "", "author": "", "published": null, "updated": null, "categories": [], "summary": "", "content": "", "enclosures": []}}' \
	"$ASSERT_OUT" "deep nesting keeps the item before"
case $ASSERT_ERR in
"bantin: $tmp/deep.xml: the XML is broken at line 1 (Excessive depth in document: 256 use XML_PARSE_HUGE option); kept 1 item") assert_pass ;;
*) assert_fail "deep nesting message: $ASSERT_ERR" ;;
esac

assert_done
