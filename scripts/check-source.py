#!/usr/bin/env python3
"""Checks bantin's C sources for the project's boundaries and banned calls.

usage: check-source.py ROOT

Looks at every .c and .h file below ROOT/src and ROOT/tools:
- <sqlite3.h> may be included only below src/store/,
- <curl/...> only below src/net/,
- curses headers only in src/ui/ui_term.c, the one file that talks to the
  terminal,
- strcpy, strcat, sprintf, vsprintf, gets, atoi, system and popen are never
  called (comments and string literals are not code and are ignored).
Prints one line per problem, `path:line: what is wrong`, and exits 1 if
there was any.
"""
import os
import re
import sys

INCLUDE_RULES = [
    # (pattern of the header, directory or file allowed, what it is)
    (re.compile(r"^sqlite3\.h$"), "src/store/", "<sqlite3.h>"),
    (re.compile(r"^curl/"), "src/net/", "<curl/curl.h>"),
    (re.compile(r"^(ncursesw/)?n?curses\.h$|^ncursesw/|^term\.h$"),
     "src/ui/ui_term.c", "a curses header"),
]

BANNED_CALLS = {
    "strcpy": "use memcpy with a known length, or xstrdup",
    "strcat": "use a core_buf",
    "sprintf": "use snprintf or xasprintf",
    "vsprintf": "use vsnprintf or xvasprintf",
    "gets": "use fgets",
    "atoi": "use strtol and check the range",
    "system": "run a program with posix_spawn and an argv, never a shell",
    "popen": "run a program with posix_spawn and an argv, never a shell",
}
CALL = re.compile(r"\b(" + "|".join(BANNED_CALLS) + r")\s*\(")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def strip_code(text):
    """Blanks out comments, string and character literals, keeping newlines."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j == -1 else j
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j == -1 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def check_file(root, rel):
    problems = []
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
        text = f.read()
    for lineno, line in enumerate(text.splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        for pattern, allowed, what in INCLUDE_RULES:
            if pattern.search(m.group(1)):
                ok = rel.startswith(allowed) if allowed.endswith("/") else rel == allowed
                if not ok:
                    problems.append(f"{rel}:{lineno}: {what} is included outside {allowed}")
    for lineno, line in enumerate(strip_code(text).splitlines(), 1):
        if line.lstrip().startswith("#"):
            continue
        for m in CALL.finditer(line):
            name = m.group(1)
            problems.append(f"{rel}:{lineno}: {name}() is not allowed: {BANNED_CALLS[name]}")
    return problems


def main(argv):
    if len(argv) != 2:
        print("usage: check-source.py ROOT", file=sys.stderr)
        return 2
    root = argv[1]
    problems = []
    for top in ("src", "tools"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    problems += check_file(root, rel.replace(os.sep, "/"))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
