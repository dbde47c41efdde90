#!/usr/bin/env python3
"""Writes one large, realistic Vietnamese WordPress-style RSS 2.0 feed.

usage: gen-feed.py OUT MEGABYTES [SEED]

Items (see vnfeed.py) are added until the file reaches the size asked for.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vnfeed  # noqa: E402


def main():
    out, mb = sys.argv[1], float(sys.argv[2])
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    target = int(mb * 1024 * 1024)
    with open(out, "w", encoding="utf-8") as f:
        f.write(vnfeed.head())
        i = 0
        while f.tell() < target:
            i += 1
            f.write(vnfeed.item(r, i))
        f.write(vnfeed.TAIL)


if __name__ == "__main__":
    main()
