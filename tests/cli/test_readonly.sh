#!/bin/sh
# A cache the user cannot write (a shared cache on a server, a cache on
# read-only media): every command that only reads works on it, those that
# would write say in one line that it is read-only, nothing is written and no
# -wal or -shm file appears beside it; the reader shows it, marks nothing and
# refreshes nothing. As root (CI), the commands run as nobody, for whom the
# cache is read-only as it is for any other user.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/httpfix.sh"
. "$BANTIN_SOURCE_DIR/tests/lib/tui.sh"
bantin=$1
trap 'tui_stop; httpfix_stop' EXIT INT TERM

if [ "$(id -u)" = 0 ]; then
	# nobody may not reach the build tree (a checkout under /root): the binary and the
	# sanitizers' suppressions go where it can
	chmod 755 "$ASSERT_TMP"
	mkdir "$ASSERT_TMP/bin"
	cp "$bantin" "$ASSERT_TMP/bin/bantin"
	cp "$BANTIN_SOURCE_DIR/tests/lsan.supp" "$ASSERT_TMP/bin/lsan.supp"
	chmod -R a+rX "$ASSERT_TMP/bin"
	bantin=$ASSERT_TMP/bin/bantin
	LSAN_OPTIONS="suppressions=$ASSERT_TMP/bin/lsan.supp:print_suppressions=0"
	export LSAN_OPTIONS
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$ASSERT_TMP" "$@"; }
	as_user "$bantin" --help > /dev/null 2>&1 || { echo "nobody cannot run bantin here: skipped"; exit 77; }
else
	as_user() { "$@"; }
fi
mkdir -p "$XDG_CONFIG_HOME/bantin"
echo "article-pages = no" > "$XDG_CONFIG_HOME/bantin/config"
chmod -R a+rX "$XDG_CONFIG_HOME"

httpfix_start "$BANTIN_SOURCE_DIR/tests/fixtures/refresh"
shared="$ASSERT_TMP/shared"
mkdir -p "$shared"
db="$shared/cache.db"
feeds="$ASSERT_TMP/feeds"
printf '%s\n' "$HTTPFIX_URL/a.xml \"~Tin A\"" "$HTTPFIX_URL/b.atom" > "$feeds"
assert_status 0 "$bantin" --db "$db" --feeds "$feeds" refresh
httpfix_stop
"$bantin" --db "$db" --feeds "$feeds" list -n 0 > "$ASSERT_TMP/list-rw"
"$bantin" --db "$db" --feeds "$feeds" show 1 --width 60 > "$ASSERT_TMP/show-rw"
"$bantin" --db "$db" --feeds "$feeds" search container > "$ASSERT_TMP/search-rw"
[ ! -e "$db-wal" ] && assert_pass || assert_fail "the writer left no log beside the cache"
chmod 444 "$db"
chmod 555 "$shared"
chmod 644 "$feeds"
before=$(cksum < "$db")

ro() { as_user "$bantin" --db "$db" --feeds "$feeds" "$@"; }
assert_status 0 ro list -n 0
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/list-ro"
assert_file_equal "$ASSERT_TMP/list-rw" "$ASSERT_TMP/list-ro" "list on a read-only cache"
assert_equal "" "$ASSERT_ERR" "list: nothing said"
assert_status 0 ro show 1 --width 60
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/show-ro"
assert_file_equal "$ASSERT_TMP/show-rw" "$ASSERT_TMP/show-ro" "show on a read-only cache"
assert_status 0 ro search container
printf '%s\n' "$ASSERT_OUT" > "$ASSERT_TMP/search-ro"
assert_file_equal "$ASSERT_TMP/search-rw" "$ASSERT_TMP/search-ro" "search on a read-only cache"
assert_status 0 ro related 1
assert_status 0 ro feeds
case "$ASSERT_OUT" in "1  Tin A  3/3 unread"*) assert_pass ;; *) assert_fail "feeds on a read-only cache: $ASSERT_OUT" ;; esac
assert_status 0 ro reindex --check
assert_equal "the cache and its search index are sound" "$ASSERT_OUT" "reindex --check on a read-only cache"
# what would write says so, in one line
assert_status 1 ro mark-read 1
assert_equal "bantin: $db: the cache is read-only; this needs to write it" "$ASSERT_ERR" "mark-read: read-only"
assert_status 1 ro refresh
assert_equal "bantin: $db: the cache is read-only; this needs to write it" "$ASSERT_ERR" "refresh: read-only"
assert_status 1 ro reindex
assert_equal "bantin: $db: the cache is read-only; this needs to write it" "$ASSERT_ERR" "reindex: read-only"
assert_equal "$before" "$(cksum < "$db")" "nothing written to the read-only cache"
assert_equal "cache.db" "$(ls "$shared")" "no -wal or -shm beside it"
# a folder anyone may write in (/tmp, a shared folder), a cache only its owner may write:
# the reader of it leaves no -wal or -shm of its own there
chmod 1777 "$shared"
assert_status 0 ro list -n 0
assert_equal "cache.db" "$(ls "$shared")" "a writable folder: no -wal or -shm left by a reader"
chmod 555 "$shared"

# the reader: shows it, says read-only, marks nothing read, refreshes nothing
tui_start 80 24 sh -c '"$@"; printf "[exit %d]\n" $?; exec sleep 60' sh \
	env LANG=en_US.UTF-8 XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	$( [ "$(id -u)" = 0 ] && echo setpriv --reuid=65534 --regid=65534 --clear-groups ) \
	"$bantin" --db "$db" --feeds "$feeds"
screen() { tui_tmux capture-pane -p -t "$TUI_TARGET"; }
tui_wait_for "All articles"
case "$(screen | sed -n 24p)" in *read-only) assert_pass ;; *) assert_fail "reader: read-only is shown: $(screen)" ;; esac
tui_send Enter
tui_wait_for "1/5"
tui_send Enter
tui_wait_for "Tin A ·"
tui_send r
tui_wait_for "The cache is read-only: no refresh"
tui_send q q q
tui_wait_for "[exit 0]"
assert_equal "$before" "$(cksum < "$db")" "the reader wrote nothing"
assert_equal "cache.db" "$(ls "$shared")" "the reader left no -wal or -shm"
chmod 755 "$shared"
assert_done
