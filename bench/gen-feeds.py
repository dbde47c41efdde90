#!/usr/bin/env python3
"""Writes many realistic Vietnamese WordPress-style RSS 2.0 feeds.

usage: gen-feeds.py DIR FEEDS ITEMS [PARAGRAPHS] [SEED]

DIR/feed-N.xml for N from 1 to FEEDS, each with ITEMS items of
PARAGRAPHS paragraphs on average (default 22: about 7.5 KB an item, as
on the portal). Every item's guid and link is unique across the feeds.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vnfeed  # noqa: E402


def main():
    out, nfeeds, nitems = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    paras = int(sys.argv[4]) if len(sys.argv) > 4 else 22
    r = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
    os.makedirs(out, exist_ok=True)
    for n in range(1, nfeeds + 1):
        with open(os.path.join(out, f"feed-{n}.xml"), "w", encoding="utf-8") as f:
            f.write(vnfeed.head(f"Chuyên mục {n}"))
            for i in range(1, nitems + 1):
                f.write(vnfeed.item(r, i, (max(1, paras - 4), paras + 4), prefix=f"c{n}"))
            f.write(vnfeed.TAIL)


if __name__ == "__main__":
    main()
