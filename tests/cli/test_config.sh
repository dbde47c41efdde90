#!/bin/sh
# The settings file's language from the command line: config check names
# every wrong line with its near miss and exits 1, a good file exits 0;
# config dump prints every setting and binding as a settings file that
# config check accepts and that dumps the same again; include; themes
# lists the shipped themes and the user's, the one in use marked; the
# reader and every command refuse to start on a wrong settings file, with
# every message; text-width narrows bantin show.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
conf="$XDG_CONFIG_HOME/bantin/config"
mkdir -p "$XDG_CONFIG_HOME/bantin"

# ---- no settings file: the defaults ----
assert_status 0 "$bantin" config check
assert_equal "$conf: no settings file there: every setting has its default" "$ASSERT_OUT" \
	"check: no file is no problem"
assert_status 0 "$bantin" config dump
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/defaults"
grep -qx "timeout = 60" "$ASSERT_TMP/defaults" && grep -qx "refresh-on-start = yes" "$ASSERT_TMP/defaults" &&
	grep -qx "# proxy = (the environment's)" "$ASSERT_TMP/defaults" &&
	grep -qx "bind j down" "$ASSERT_TMP/defaults" && grep -qx "bind n find-next" "$ASSERT_TMP/defaults" &&
	assert_pass || assert_fail "dump: every default setting and binding: $(head -20 "$ASSERT_TMP/defaults")"

# ---- a file with mistakes: every one named, the near miss suggested ----
printf '%s\n' "# mine" "refesh-on-start = yes" "timeout = soon" "bind x scrol-down" \
	"bind p toggle-related feeds" "bind-key j down" "related-position = left" > "$conf"
assert_status 1 "$bantin" config check
assert_equal "bantin: $conf:2: unknown setting \"refesh-on-start\" (did you mean \"refresh-on-start\"?)
bantin: $conf:3: \"timeout\" needs a number of seconds from 1 to 86400, not \"soon\"
bantin: $conf:4: no action \"scrol-down\" (did you mean \"scroll-down\"?) (the actions: man 5 bantin.conf, KEYS)
bantin: $conf:5: \"toggle-related\" does nothing in the feeds view (it works in: article)
bantin: $conf:6: \"bind-key\" is newsboat's; in bantin: \"bind KEY ACTION [VIEW]\" lines (the actions: man 5 bantin.conf)
bantin: $conf:7: \"related-position\" needs one of auto,below,beside, not \"left\"" "$ASSERT_ERR" \
	"check: every wrong line, with its place and the near miss"
assert_equal "" "$ASSERT_OUT" "check: nothing on stdout when wrong"
# any other command refuses to start, with the same messages
assert_status 1 "$bantin" --db "$ASSERT_TMP/c.db" list
assert_equal 6 "$(printf '%s\n' "$ASSERT_ERR" | grep -c "^bantin: $conf:")" "list: every message too"
assert_status 1 "$bantin" config dump
assert_equal "" "$ASSERT_OUT" "dump: nothing from a wrong file"

# ---- a good file, with an include; check FILE checks that one ----
printf '%s\n' "bind x scroll-down" "unbind J" "bind M-s star article" "bind F5 refresh-all" > "$ASSERT_TMP/keys.conf"
printf '%s\n' "timeout = 30" "lang = en" "include ../../keys.conf" "related-position = beside" > "$conf"
assert_status 0 "$bantin" config check
assert_equal "$conf: no problems" "$ASSERT_OUT" "check: a good file"
assert_status 0 "$bantin" config dump
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/dump"
for want in "timeout = 30" "lang = en" "related-position = beside" "bind x down" \
	"bind M-s star article" "bind F5 refresh-all" "unbind *"; do
	grep -qxF "$want" "$ASSERT_TMP/dump" && assert_pass || assert_fail "dump holds '$want'"
done
grep -q "^bind J " "$ASSERT_TMP/dump" && assert_fail "dump: J was unbound" || assert_pass
assert_status 0 "$bantin" config check "$ASSERT_TMP/dump"
assert_equal "$ASSERT_TMP/dump: no problems" "$ASSERT_OUT" "check FILE: the dump reads back"
assert_status 0 "$bantin" --config "$ASSERT_TMP/dump" config dump
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/dump2"
assert_file_equal "$ASSERT_TMP/dump" "$ASSERT_TMP/dump2" "dump of the dump: the same"
assert_status 1 "$bantin" config check "$ASSERT_TMP/none.conf"
assert_equal "bantin: $ASSERT_TMP/none.conf: cannot read the settings file: No such file or directory" \
	"$ASSERT_ERR" "check FILE: a file named must be there"
printf '%s\n' "include loop.conf" > "$ASSERT_TMP/loop.conf"
assert_status 1 "$bantin" config check "$ASSERT_TMP/loop.conf"
assert_equal "bantin: $ASSERT_TMP/loop.conf:1: \"$ASSERT_TMP/loop.conf\" includes itself" \
	"$ASSERT_ERR" "check: an include loop"
printf '%s\n' "theme = nosuch" > "$ASSERT_TMP/theme.conf"
assert_status 1 "$bantin" config check "$ASSERT_TMP/theme.conf"
assert_equal "bantin: $ASSERT_TMP/theme.conf: no theme \"nosuch\" (bantin themes lists them)" \
	"$ASSERT_ERR" "check: a theme that cannot be found"
usage() { assert_equal "$1" "$ASSERT_ERR" "$2"; }
assert_status 2 "$bantin" config
usage "bantin config: say dump or check (see 'bantin config --help')" "config alone"
assert_status 2 "$bantin" config show
usage "bantin config: say dump or check, not 'show' (see 'bantin config --help')" "config show"

# ---- themes: shipped, built in and the user's; the one in use marked ----
rm "$conf"
assert_status 0 "$bantin" themes
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/themes"
grep -q '^\* default  ' "$ASSERT_TMP/themes" && grep -q '^  light  .*/light\.theme$' "$ASSERT_TMP/themes" &&
	grep -q '^  high-contrast  .*/high-contrast\.theme$' "$ASSERT_TMP/themes" && grep -q '^  mono  ' "$ASSERT_TMP/themes" &&
	assert_pass || assert_fail "themes: the shipped ones, default in use: $(cat "$ASSERT_TMP/themes")"
mkdir -p "$XDG_CONFIG_HOME/bantin/themes"
printf '%s\n' "normal = white black" > "$XDG_CONFIG_HOME/bantin/themes/night.theme"
printf '%s\n' "normal = black white" > "$XDG_CONFIG_HOME/bantin/themes/light.theme"
echo "theme = night" > "$conf"
assert_status 0 "$bantin" themes
assert_equal "* night          $XDG_CONFIG_HOME/bantin/themes/night.theme" \
	"$(printf '%s\n' "$ASSERT_OUT" | grep night)" "themes: the user's, in use by the settings"
assert_equal "  light          $XDG_CONFIG_HOME/bantin/themes/light.theme" \
	"$(printf '%s\n' "$ASSERT_OUT" | grep light)" "themes: the user's own light wins over the shipped one"
assert_status 0 "$bantin" --theme light themes
assert_equal "* light" "$(printf '%s\n' "$ASSERT_OUT" | grep '^\*' | cut -c1-7)" "themes: --theme wins"
rm -r "$conf" "$XDG_CONFIG_HOME/bantin/themes"

# ---- text-width: bantin show lays out no wider ----
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
trap 'httpfix_stop' EXIT INT TERM
httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
printf '%s\n' "$HTTPFIX_URL/a.xml" > "$ASSERT_TMP/w.feeds"
echo "article-pages = no" > "$conf"
assert_status 0 "$bantin" --db "$ASSERT_TMP/w.db" --feeds "$ASSERT_TMP/w.feeds" refresh
httpfix_stop
widest() { LC_ALL=C.UTF-8 wc -L | tr -d ' '; }
assert_status 0 "$bantin" --db "$ASSERT_TMP/w.db" --feeds "$ASSERT_TMP/w.feeds" show --width 100 1
wide=$(printf '%s\n' "$ASSERT_OUT" | widest)
printf '%s\n' "article-pages = no" "text-width = 30" > "$conf"
COLUMNS=100 assert_status 0 "$bantin" --db "$ASSERT_TMP/w.db" --feeds "$ASSERT_TMP/w.feeds" show 1
narrow=$(printf '%s\n' "$ASSERT_OUT" | widest)
[ "$narrow" -le 30 ] && [ "$wide" -gt 30 ] && assert_pass ||
	assert_fail "text-width = 30: show lays out at most 30 columns (got $narrow; $wide with --width 100)"
assert_status 0 "$bantin" --db "$ASSERT_TMP/w.db" --feeds "$ASSERT_TMP/w.feeds" show --width 100 1
again=$(printf '%s\n' "$ASSERT_OUT" | widest)
assert_equal "$wide" "$again" "text-width: --width still wins"
assert_done
