#!/bin/sh
# Benchmark: the article extractor on the evaluation set (bench/extract/pages,
# written by bench/extract/make-pages.py from layouts modelled on real news
# pages). Prints the word-4-gram F1 of `bantin extract` against each page's
# true text, beside that of the whole page as text, the time of the command
# a page, and the time of the extraction itself in-process (bench_extract).
#
# usage: sh bench/extract.sh [BUILD [PAGES_DIR]]   (defaults: build, bench/extract/pages)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
pages=${2:-$here/extract/pages}
python=${PYTHON:-python3}
"$python" "$here/extract/score.py" "$build/src/main/bantin" "$pages"
"$build/bench/bench_extract" "$pages" "$here/../sites" 20
# Hostile pages: deep nesting, tens of thousands of paragraphs or links, a
# flood of spans; each is read or refused within the second.
mkdir -p "${TMPDIR:-/tmp}/bantin-extract-stress.$$"
stress="${TMPDIR:-/tmp}/bantin-extract-stress.$$"
trap 'rm -rf "$stress"' EXIT
"$python" - "$stress" <<'PY'
import sys
d = sys.argv[1]
para = "<p>" + "A sentence of the article, with words. " * 30 + "</p>"
pages = {
    "deep": "<html><body>" + '<div class="a">' * 20000 + para + "</div>" * 20000 + "</body></html>",
    "paragraphs": "<html><body><div>" + "".join("<p>Paragraph %d, with a comma, and words enough to count.</p>" % i for i in range(20000)) + "</div></body></html>",
    "links": "<html><body>" + "".join('<ul class="x">' + "".join('<li><a href="/%d">Link number %d, a title</a></li>' % (i, i) for i in range(50)) + "</ul>" for j in range(400)) + para + "</body></html>",
    "spans": "<html><body><div>" + "<span>" * 5000 + "word, " * 50000 + "</span>" * 5000 + "</div></body></html>",
    "tables": "<html><body>" + "<table><tr><td>" * 3000 + para + "</td></tr></table>" * 3000 + "</body></html>",
}
for name, html in pages.items():
    open("%s/%s.html" % (d, name), "w").write(html)
PY
printf 'hostile pages (%s): ' "$(cd "$stress" && ls | sed 's/\.html$//' | tr '\n' ' ')"
"$build/bench/bench_extract" "$stress" "$here/../sites" 1
