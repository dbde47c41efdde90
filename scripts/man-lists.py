#!/usr/bin/env python3
"""Keeps the generated lists in a man page equal to what gen_man prints.

usage: man-lists.py GEN_MAN MANPAGE [--check]

Each list sits between the lines
    .\\" BEGIN GENERATED <kind>
    .\\" END GENERATED <kind>
and is replaced by the output of `GEN_MAN <kind>`. With --check nothing is
written: the script says which lists differ and exits 1.
"""
import re
import subprocess
import sys


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] != "--check"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    gen, page, check = argv[1], argv[2], len(argv) == 4
    with open(page, encoding="utf-8") as f:
        text = f.read()
    block = re.compile(
        r'(^\.\\" BEGIN GENERATED (\w+)\n)(.*?)(^\.\\" END GENERATED \2\n)',
        re.M | re.S)
    stale = []

    def fill(m):
        kind = m.group(2)
        want = subprocess.run([gen, kind], check=True, capture_output=True,
                              text=True).stdout
        if m.group(3) != want:
            stale.append(kind)
        return m.group(1) + want + m.group(4)

    new, count = block.subn(fill, text)
    if count == 0:
        print(f"{page}: no generated lists found", file=sys.stderr)
        return 1
    if check:
        for kind in stale:
            print(f"{page}: the {kind} list is out of date "
                  f"(run: cmake --build BUILD --target man)", file=sys.stderr)
        return 1 if stale else 0
    if stale:
        with open(page, "w", encoding="utf-8") as f:
            f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
