#!/usr/bin/env python3
"""Checks bantin's C sources for the project's boundaries and banned calls.

usage: check-source.py ROOT

Looks at every .c and .h file below ROOT/src and ROOT/tools:
- <sqlite3.h> may be included only below src/store/,
- <curl/...> only below src/net/,
- curses headers only in src/ui/ui_term.c, the one file that talks to the
  terminal,
- strcpy, strcat, sprintf, vsprintf, gets, atoi, system and popen are never
  called (comments and string literals are not code and are ignored);
- a file of one module (a folder of src/) includes another module's headers,
  directly or through the headers it includes, only along the arrows of
  ROOT/src/ARROWS ("module: the modules it may include").
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


def read_arrows(root):
    """The table of allowed arrows: {module: set of modules}, or None without one."""
    path = os.path.join(root, "src", "ARROWS")
    if not os.path.exists(path):
        return None
    arrows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            name, _, rest = line.partition(":")
            arrows[name.strip()] = set(rest.split())
    return arrows


def check_arrows(root, files, arrows):
    """Problems with the include graph between the folders of src/."""
    owner = {}  # header basename -> module
    includes = {}  # rel -> [(lineno, basename)]
    for top in ("src",):
        for dirpath, _, filenames in os.walk(os.path.join(root, top)):
            rel_dir = os.path.relpath(dirpath, os.path.join(root, "src")).replace(os.sep, "/")
            module = rel_dir.split("/")[0]
            for name in filenames:
                if name.endswith((".h", ".def", ".h.in")):
                    owner[name[:-3] if name.endswith(".h.in") else name] = module
    for rel in files:
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            includes[rel] = [(n, os.path.basename(m.group(1)))
                             for n, line in enumerate(f.read().splitlines(), 1)
                             for m in [re.match(r'^\s*#\s*include\s*"([^"]+)"', line)] if m]
    by_name = {}
    for rel in includes:
        by_name.setdefault(os.path.basename(rel), rel)

    def reached(header, seen):
        """(module, header) pairs a header brings in, itself included."""
        if header in seen:
            return []
        seen.add(header)
        out = [(owner[header], header)] if header in owner else []
        for _, h in includes.get(by_name.get(header, ""), []):
            out += [(m, via) for m, via in reached(h, seen)]
        return out

    problems = []
    for rel in sorted(includes):
        if not rel.startswith("src/") or rel.count("/") < 2:
            continue
        module = rel.split("/")[1]
        if module not in arrows:
            problems.append(f"{rel}:1: module '{module}' is not in src/ARROWS")
            continue
        for lineno, header in includes[rel]:
            for target, via in reached(header, set()):
                if target != module and target not in arrows[module]:
                    how = via if via == header else f"{via}, through {header}"
                    problems.append(f"{rel}:{lineno}: {module} may not include {target} ({how})")
    return problems


def main(argv):
    if len(argv) != 2:
        print("usage: check-source.py ROOT", file=sys.stderr)
        return 2
    root = argv[1]
    problems = []
    files = []
    for top in ("src", "tools"):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    files.append(rel.replace(os.sep, "/"))
                    problems += check_file(root, files[-1])
    arrows = read_arrows(root)
    if arrows is not None:
        problems += check_arrows(root, files, arrows)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
