#!/bin/sh
# bantin extract on every page of tests/fixtures/extract and on the pages of
# the evaluation set that tests/fixtures/extract/from-bench names (PAGE.html,
# served from the URL in PAGE.url): its JSON line compared with
# PAGE.json.expected and its layout at 80 columns with PAGE.w80.expected
# (both in tests/fixtures/extract); the same article from
# a page in NFD and in windows-1258; site profiles (the user's override the
# shipped ones; a broken one is named with its line); errors.
# With BANTIN_REGEN=1 the expected files are written instead (review them!).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
export XDG_CONFIG_HOME="$ASSERT_TMP/config"
cd "$BANTIN_SOURCE_DIR/tests/fixtures/extract"
bench=$BANTIN_SOURCE_DIR/bench/extract/pages
for f in *.html $(sed "s|^\(.*\)$|$bench/\1.html|" from-bench); do
	page=$(basename "${f%.html}")
	url=$(cat "${f%.html}.url")
	assert_status 0 timeout 10 "$bantin" extract --json --url "$url" "$f"
	json=$ASSERT_OUT
	assert_status 0 timeout 10 "$bantin" extract --lang vi --width 80 --url "$url" "$f"
	if [ -n "${BANTIN_REGEN:-}" ]; then
		printf '%s\n' "$json" > "$page.json.expected"
		printf '%s\n' "$ASSERT_OUT" > "$page.w80.expected"
		continue
	fi
	assert_equal "$(cat "$page.json.expected")" "$json" "extract --json $f"
	assert_equal "$(cat "$page.w80.expected")" "$ASSERT_OUT" "extract --width 80 $f"
done

# The same article, whatever the page's Unicode form or encoding.
want=$(cat portal-hoi-nghi-tong-ket.json.expected)
url=$(cat "$bench/portal-hoi-nghi-tong-ket.url")
for f in "$bench/portal-hoi-nghi-tong-ket-nfd.html" portal-windows-1258.html; do
	assert_status 0 "$bantin" extract --json --url "$url" "$f"
	assert_equal "$want" "$ASSERT_OUT" "$f reads as the NFC UTF-8 page"
done

# Standard input, and a profile named on the command line rather than by the host.
assert_status 0 sh -c '"$0" extract --json --site thanhphohaiphong.gov.vn - < "$1"' "$bantin" "$bench/portal-hoi-nghi-tong-ket.html"
case $ASSERT_OUT in
*'"author": "Nguyễn Hải. Ảnh: Đàm Thanh"'*'"profile": "thanhphohaiphong.gov.vn"}}') assert_pass ;;
*) assert_fail "--site: $ASSERT_OUT" ;;
esac

# A profile of the user's overrides the shipped one of its name.
mkdir -p "$XDG_CONFIG_HOME/bantin/sites"
cat > "$XDG_CONFIG_HOME/bantin/sites/thanhphohaiphong.gov.vn.site" <<'SITE'
host = thanhphohaiphong.gov.vn
body = //footer[@id = 'colophon']
SITE
assert_status 0 "$bantin" extract --json --url "$url" "$bench/portal-hoi-nghi-tong-ket.html"
case $ASSERT_OUT in
*'"text": "CỔNG TIN TỨC THÀNH PHỐ HẢI PHÒNG'*) assert_pass ;;
*) assert_fail "the user's profile: $ASSERT_OUT" ;;
esac
# A broken profile is named with its line, and nothing is extracted.
printf 'host = example.org\nbodyy = //div\n' > "$XDG_CONFIG_HOME/bantin/sites/broken.site"
assert_status 1 "$bantin" extract --url "$url" "$bench/portal-hoi-nghi-tong-ket.html"
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/sites/broken.site:2: unknown key 'bodyy'" "$ASSERT_ERR" "unknown key"
printf 'host = example.org\nbody = //div[\n' > "$XDG_CONFIG_HOME/bantin/sites/broken.site"
assert_status 1 "$bantin" extract --url "$url" "$bench/portal-hoi-nghi-tong-ket.html"
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/sites/broken.site:2: 'body' is not an XPath expression: //div[" "$ASSERT_ERR" "bad XPath"
printf 'body = //div\n' > "$XDG_CONFIG_HOME/bantin/sites/broken.site"
assert_status 1 "$bantin" extract --url "$url" "$bench/portal-hoi-nghi-tong-ket.html"
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/sites/broken.site: no host and no detect line: no page would use it" "$ASSERT_ERR" "no host"
rm -r "$XDG_CONFIG_HOME/bantin/sites"

# Errors: one line naming the file.
printf '<html><body><nav><a href="/">Home</a></nav></body></html>' > "$ASSERT_TMP/empty.html"
assert_status 65 "$bantin" extract "$ASSERT_TMP/empty.html"
assert_equal "bantin: $ASSERT_TMP/empty.html: no article found in the page" "$ASSERT_ERR" "a page without an article"
: > "$ASSERT_TMP/nothing.html"
assert_status 65 "$bantin" extract "$ASSERT_TMP/nothing.html"
assert_equal "bantin: $ASSERT_TMP/nothing.html: not an HTML page" "$ASSERT_ERR" "an empty file"
assert_status 66 "$bantin" extract "$ASSERT_TMP/missing.html"
assert_equal "bantin: $ASSERT_TMP/missing.html: cannot open: No such file or directory" "$ASSERT_ERR" "a missing file"
assert_status 2 "$bantin" extract --site nosuch "$bench/portal-hoi-nghi-tong-ket.html"
assert_equal "bantin extract: no site profile named 'nosuch' (see 'bantin extract --help')" "$ASSERT_ERR" "an unknown profile"
assert_status 2 "$bantin" extract
assert_equal "bantin extract: no file given (use - for standard input) (see 'bantin extract --help')" "$ASSERT_ERR" "no file"
assert_done
