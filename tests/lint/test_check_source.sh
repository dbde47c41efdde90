#!/bin/sh
# The boundary checker must pass on the project and fail, naming the file,
# line and rule, on a tree that breaks each rule.
set -eu
. "$BANTIN_SOURCE_DIR/tests/lib/assert.sh"

check="$BANTIN_SOURCE_DIR/scripts/check-source.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir -p "$tmp/src/store" "$tmp/src/net" "$tmp/src/ui" "$tmp/src/text" "$tmp/tools"

# Allowed: each header in its own place; banned names in comments and strings.
cat > "$tmp/src/store/store_db.c" <<'C'
#include <sqlite3.h>
C
cat > "$tmp/src/net/net_fetch.c" <<'C'
#include <curl/curl.h>
C
cat > "$tmp/src/ui/ui_term.c" <<'C'
#include <curses.h>
/* never strcpy(a, b) or system("x") here */
static const char *s = "sprintf(x) atoi(y)";
// gets(line)
static int my_system(void);
static int snprintf_like = 0;
C
assert_status 0 "$PYTHON" "$check" "$tmp"
assert_equal "" "$ASSERT_OUT" "clean tree prints nothing"

# Forbidden: each rule broken once.
cat > "$tmp/src/text/text_bad.c" <<'C'
#include <stdio.h>
#include <sqlite3.h>
#  include "curl/curl.h"
#include <ncursesw/curses.h>
static void f(char *d, const char *s)
{
	strcpy(d, s); strcat(d, s);
	sprintf(d, "%s", s);
	int n = atoi (s);
	system("ls");
	popen("ls", "r");
	gets(d);
}
C
cat > "$tmp/src/ui/ui_list.c" <<'C'
#include <curses.h>
C
cat > "$tmp/tools/tool.h" <<'C'
#include <sqlite3.h>
C
assert_status 1 "$PYTHON" "$check" "$tmp"
assert_equal "src/text/text_bad.c:2: <sqlite3.h> is included outside src/store/
src/text/text_bad.c:3: <curl/curl.h> is included outside src/net/
src/text/text_bad.c:4: a curses header is included outside src/ui/ui_term.c
src/text/text_bad.c:7: strcpy() is not allowed: use memcpy with a known length, or xstrdup
src/text/text_bad.c:7: strcat() is not allowed: use a core_buf
src/text/text_bad.c:8: sprintf() is not allowed: use snprintf or xasprintf
src/text/text_bad.c:9: atoi() is not allowed: use strtol and check the range
src/text/text_bad.c:10: system() is not allowed: run a program with posix_spawn and an argv, never a shell
src/text/text_bad.c:11: popen() is not allowed: run a program with posix_spawn and an argv, never a shell
src/text/text_bad.c:12: gets() is not allowed: use fgets
src/ui/ui_list.c:1: a curses header is included outside src/ui/ui_term.c
tools/tool.h:1: <sqlite3.h> is included outside src/store/" "$ASSERT_OUT" "every broken rule reported"

# The arrows between modules: a table written in the tree, checked through headers.
rm -rf "$tmp/src" "$tmp/tools"
mkdir -p "$tmp/src/core" "$tmp/src/text" "$tmp/src/html" "$tmp/src/store" "$tmp/src/net" \
	"$tmp/src/refresh" "$tmp/src/ui"
cat > "$tmp/src/ARROWS" <<'T'
# comments and blank lines are allowed

core:
text: core
html: text core
store: text core
net: core
refresh: net store text core
ui: refresh store text core
T
printf '#include "core.h"\n' > "$tmp/src/text/text.h"
: > "$tmp/src/core/core.h"
printf '#include "text.h"\n' > "$tmp/src/html/html.h"
printf '#include "text.h"\n' > "$tmp/src/store/store.h"
: > "$tmp/src/net/net.h"
printf '#include "store.h"\n' > "$tmp/src/refresh/refresh.h"
printf '#include "store.h"\n#include "refresh.h"\n' > "$tmp/src/ui/ui.c"
printf '#include "refresh.h"\n#include "net.h"\n' > "$tmp/src/refresh/refresh.c"
assert_status 0 "$PYTHON" "$check" "$tmp"
assert_equal "" "$ASSERT_OUT" "arrows along the table pass"
printf '#include "store.h"\n#include "html.h"\n' > "$tmp/src/store/store_articles.c"
printf '#include "store.h"\n#include "net.h"\n' > "$tmp/src/refresh/refresh.h"
mkdir -p "$tmp/src/extra"
: > "$tmp/src/extra/extra.c"
assert_status 1 "$PYTHON" "$check" "$tmp"
assert_equal "src/extra/extra.c:1: module 'extra' is not in src/ARROWS
src/store/store_articles.c:2: store may not include html (html.h)
src/ui/ui.c:2: ui may not include net (net.h, through refresh.h)" "$ASSERT_OUT" \
	"an arrow against the table, directly or through a header, names the file, line and arrow"

# And the real tree is clean.
assert_status 0 "$PYTHON" "$check" "$BANTIN_SOURCE_DIR"
assert_done
