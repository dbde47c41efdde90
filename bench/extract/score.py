#!/usr/bin/env python3
"""Scores bantin's extractor on the evaluation set (pages/): for each page,
`bantin extract --json --url URL PAGE.html`, its "text" against PAGE.txt by
word-4-gram shingles (multisets of lower-cased words, NFC): per page
precision tp/(tp+fp) and recall tp/(tp+fn); the set's F1 is that of the
mean precision and the mean recall. Beside it, the same score of the whole
page as text (every text node but scripts and styles), and the time each
extraction took.

    python3 bench/extract/score.py BANTIN [PAGES_DIR] [-v]
"""
import html.parser
import json
import os
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text, n=4):
    words = WORD.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def prf(got, want):
    g, w = shingles(got), shingles(want)
    tp = sum((g & w).values())
    fp = sum(g.values()) - tp
    fn = sum(w.values()) - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def whole_page(path):
    t = Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        t.feed(f.read())
    return " ".join(t.out)


def f1(ps, rs):
    p, r = statistics.mean(ps), statistics.mean(rs)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    if not args:
        sys.exit("usage: score.py BANTIN [PAGES_DIR] [-v]")
    bantin = args[0]
    pages = args[1] if len(args) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")
    names = sorted(f[:-5] for f in os.listdir(pages) if f.endswith(".html"))
    ps, rs, bps, brs, times = [], [], [], [], []
    env = dict(os.environ, LC_ALL="C.UTF-8")
    for name in names:
        base = os.path.join(pages, name)
        with open(base + ".txt", encoding="utf-8") as f:
            want = f.read()
        url = open(base + ".url").read().strip() if os.path.exists(base + ".url") else None
        cmd = [bantin, "extract", "--json", base + ".html"] + (["--url", url] if url else [])
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
        got = json.loads(r.stdout)["article"]["text"] if r.returncode == 0 else ""
        p, rc = prf(got, want)
        ps.append(p)
        rs.append(rc)
        bp, br = prf(whole_page(base + ".html"), want)
        bps.append(bp)
        brs.append(br)
        if verbose or p < 0.9 or rc < 0.9:
            prof = json.loads(r.stdout)["article"]["profile"] if r.returncode == 0 else r.stderr.decode().strip()
            print("%-44s P %.3f R %.3f  %5.1f ms  %s" % (name, p, rc, times[-1] * 1000, prof))
    p, r, f = f1(ps, rs)
    bp, br, bf = f1(bps, brs)
    times.sort()
    print("pages: %d" % len(names))
    print("bantin extract: precision %.3f recall %.3f F1 %.3f" % (p, r, f))
    print("whole page as text: precision %.3f recall %.3f F1 %.3f" % (bp, br, bf))
    print("time a page (the command, start to exit): median %.1f ms, max %.1f ms" %
          (statistics.median(times) * 1000, times[-1] * 1000))


if __name__ == "__main__":
    main()
