#!/bin/sh
# The command line: --help, --version, and one-line usage errors (exit 2).
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
bantin=$1
expected="$BANTIN_SOURCE_DIR/tests/cli/expected"

assert_status 0 "$bantin" --help
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/help"
assert_file_equal "$expected/help.txt" "$ASSERT_TMP/help" "--help text"
assert_equal "" "$ASSERT_ERR" "--help writes nothing on stderr"

assert_status 0 "$bantin" -h
assert_equal "$(cat "$expected/help.txt")" "$ASSERT_OUT" "-h is --help"

assert_status 0 "$bantin"
assert_equal "$(cat "$expected/help.txt")" "$ASSERT_OUT" "no arguments print the help"

version=$(sed -n 's/^project(bantin VERSION \([0-9.]*\).*/\1/p' "$BANTIN_SOURCE_DIR/CMakeLists.txt")
assert_status 0 "$bantin" --version
assert_equal "bantin $version" "$ASSERT_OUT" "--version"
assert_status 0 "$bantin" -V
assert_equal "bantin $version" "$ASSERT_OUT" "-V"

assert_status 0 "$bantin" --version --help
assert_equal "$(cat "$expected/help.txt")" "$ASSERT_OUT" "--help wins over --version"

# Usage errors: exit 2, nothing on stdout, exactly one line on stderr.
usage_error() {
	_expect=$1
	shift
	assert_status 2 "$bantin" "$@"
	assert_equal "" "$ASSERT_OUT" "stdout of: bantin $*"
	assert_equal "$_expect" "$ASSERT_ERR" "stderr of: bantin $*"
}
usage_error "bantin: unknown option '--frobnicate' (see 'bantin --help')" --frobnicate
usage_error "bantin: unknown option '--frobnicate' (see 'bantin --help')" --frobnicate=1
usage_error "bantin: unknown option '-z' (see 'bantin --help')" -z
usage_error "bantin: option '--lang' needs vi or en, not 'fr' (see 'bantin --help')" --lang fr
usage_error "bantin: unknown option '-z' (see 'bantin --help')" -Vz
usage_error "bantin: unknown option '--bogus' (see 'bantin --help')" --help --bogus
usage_error "bantin: unknown option '--hel' (see 'bantin --help')" --hel
usage_error "bantin: option '--version' takes no argument (see 'bantin --help')" --version=2
usage_error "bantin: unknown command 'frobnicate' (see 'bantin --help')" frobnicate
usage_error "bantin: unknown command 'tin tức' (see 'bantin --help')" "tin tức"
# The commands' own options, read by the one option loop.
usage_error "bantin parse: option '--max-size' needs a size such as 16M, not '1Q' (see 'bantin parse --help')" \
	parse --max-size 1Q feed.xml
usage_error "bantin parse: give one file only (see 'bantin parse --help')" parse a.xml b.xml
usage_error "bantin parse: no file given (use - for standard input) (see 'bantin parse --help')" parse
usage_error "bantin render: option '--width' needs a number from 1 to 10000, not '0' (see 'bantin render --help')" \
	render --width 0 a.html
usage_error "bantin render: unknown option '--bogus' (see 'bantin render --help')" render --bogus
usage_error "bantin render: give one file only (see 'bantin render --help')" render a.html b.html
usage_error "bantin show: give one article number only (see 'bantin show --help')" show 1 2
usage_error "bantin related: give one article number only (see 'bantin related --help')" \
	related 1 2
usage_error "bantin refresh: option '--max-size' needs a size such as 16M, not '0' (see 'bantin refresh --help')" \
	--offline refresh --max-size 0
# What a user typed is quoted, never sent raw to the terminal.
esc=$(printf '\033')
usage_error "bantin: unknown option '--\\x1b[2J' (see 'bantin --help')" "--${esc}[2J"
usage_error "bantin: unknown command '\\x1b]52;c;eA==\\x07' (see 'bantin --help')" \
	"${esc}]52;c;eA==$(printf '\007')"

# Every --help fits an 80-column terminal.
for c in "" parse render refresh feeds list show mark-read search related reindex; do
	assert_status 0 "$bantin" $c --help
	widest=$(printf '%s\n' "$ASSERT_OUT" | "$PYTHON" -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))')
	[ "$widest" -le 80 ] && assert_pass || assert_fail "bantin $c --help has a line of $widest columns"
done
# ---- what a mistake on the command line or in a file gets: one line, the reason ----
assert_status 2 "$bantin" --db "$ASSERT_TMP/c.db" show
assert_equal "bantin show: no article number given (see 'bantin list')" "$ASSERT_ERR" "show without a number: one hint"
mkdir "$ASSERT_TMP/dir.db"
assert_status 1 "$bantin" --db "$ASSERT_TMP/dir.db" list
assert_equal "bantin: $ASSERT_TMP/dir.db: a directory, not a cache" "$ASSERT_ERR" "--db a directory: the reason"
assert_status 1 "$bantin" --db "$ASSERT_TMP/typo.db" list
assert_equal "bantin: $ASSERT_TMP/typo.db: no such cache (run 'bantin refresh' to make one)" "$ASSERT_ERR" \
	"a mistyped --db for a command that reads: no such cache"
[ ! -e "$ASSERT_TMP/typo.db" ] && assert_pass || assert_fail "a mistyped --db makes no empty cache"
mkdir -p "$XDG_CONFIG_HOME/bantin"
printf '%s\n' "# newsboat's" "bind-key j down" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --db "$ASSERT_TMP/c.db" list
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/config:2: \"bind-key\" is newsboat's; in bantin: \"bind KEY ACTION [VIEW]\" lines (the actions: man 5 bantin.conf)" \
	"$ASSERT_ERR" "a newsboat bind-key line: what to do"
printf '%s\n' "browser lynx" > "$XDG_CONFIG_HOME/bantin/config"
assert_status 1 "$bantin" --db "$ASSERT_TMP/c.db" list
assert_equal "bantin: $XDG_CONFIG_HOME/bantin/config:1: \"browser\" is newsboat's; in bantin: browser = COMMAND" \
	"$ASSERT_ERR" "a newsboat setting line: what it is"
rm "$XDG_CONFIG_HOME/bantin/config"
assert_done
