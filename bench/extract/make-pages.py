#!/usr/bin/env python3
"""Writes the extraction evaluation set: for each layout of layouts.py, pages
of articles of articles.py (PAGE.html) with their true body text (PAGE.txt)
and the URL the page was served from (PAGE.url), into pages/.

    python3 bench/extract/make-pages.py

The pages are committed; run this again after changing a layout or an article.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from articles import ARTICLES  # noqa: E402
from layouts import LAYOUTS, truth  # noqa: E402

HOSTS = {
    "portal": "https://thanhphohaiphong.gov.vn/%s.html",
    "eportal": "https://haiphong.gov.vn/tin-tuc-su-kien/%s-6012",
    "wordpress": "https://mycity.example.org/2023/05/%s/",
    "vnexpress": "https://vnexpress.net/%s-4552001.html",
    "tuoitre": "https://tuoitre.vn/%s-20230512.htm",
    "dantri": "https://dantri.com.vn/xa-hoi/%s-20221229.htm",
    "bbc": "https://www.bbc.co.uk/news/uk-%s-68350000",
    "guardian": "https://www.theguardian.com/uk-news/2024/feb/20/%s",
    "nyt": "https://www.nytimes.com/2024/02/20/nyregion/%s.html",
    "medium": "https://medium.com/@writer/%s-4f1c2a",
    "oldtable": "http://www.oldnews.example.com/news/%s.asp",
    "divparas": "https://www.wire.example.com/world/%s-2024-02-20/",
    "lemonde": "https://www.lemonde.fr/societe/article/2023/11/24/%s_6201.html",
    "spiegel": "https://www.spiegel.de/panorama/%s-a-1234.html",
    "bigcomments": "https://blog.example.net/posts/%s",
    "pressrelease": "https://press.example.gov/releases/%s",
    "zing": "https://znews.vn/%s-post1400.html",
}
VI_ONLY = {"portal", "eportal", "vnexpress", "tuoitre", "dantri", "zing"}
NON_VI = {"bbc", "guardian", "nyt", "divparas", "lemonde", "spiegel"}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pages")
    os.makedirs(out, exist_ok=True)
    for f in os.listdir(out):
        os.remove(os.path.join(out, f))
    vi = [a for a in ARTICLES if a["lang"] == "vi"]
    other = [a for a in ARTICLES if a["lang"] != "vi"]
    n = 0
    for li, (name, layout) in enumerate(LAYOUTS):
        pool = vi if name in VI_ONLY else other if name in NON_VI else ARTICLES
        if name == "lemonde":
            pool = [a for a in other if a["lang"] == "fr"] + pool
        if name == "spiegel":
            pool = [a for a in other if a["lang"] == "de"] + pool
        picks = [pool[li % len(pool)], pool[(li + 3) % len(pool)]]
        if picks[0] is picks[1]:
            picks = picks[:1]
        for a in picks:
            url = HOSTS[name] % a["slug"]
            others = [(b["title"], HOSTS[name] % b["slug"]) for b in pool if b is not a][:5]
            while len(others) < 3:
                others.append(("Một bài viết khác của chuyên mục số %d" % len(others), HOSTS[name] % ("khac-%d" % len(others))))
            page = "%s-%s" % (name, a["slug"])
            with open(os.path.join(out, page + ".html"), "w", encoding="utf-8") as f:
                f.write(layout(a, others))
            with open(os.path.join(out, page + ".txt"), "w", encoding="utf-8") as f:
                f.write(truth(a))
            with open(os.path.join(out, page + ".url"), "w", encoding="utf-8") as f:
                f.write(url + "\n")
            n += 1
            if name == "portal" and a is picks[0]:
                # The same page in decomposed Unicode ("Unicode tổ hợp"): the same true text.
                import unicodedata
                nfd = page + "-nfd"
                with open(os.path.join(out, nfd + ".html"), "w", encoding="utf-8") as f:
                    f.write(unicodedata.normalize("NFD", layout(a, others)))
                with open(os.path.join(out, nfd + ".txt"), "w", encoding="utf-8") as f:
                    f.write(truth(a))
                with open(os.path.join(out, nfd + ".url"), "w", encoding="utf-8") as f:
                    f.write(url + "\n")
                n += 1
    # Pages the weight of real ones: the same articles under a large head of inline
    # scripts and styles, a mega menu and long sidebars (what real pages carry).
    for name, layout in LAYOUTS:
        if name not in ("portal", "bbc", "vnexpress", "wordpress"):
            continue
        pool = vi if name in VI_ONLY else other if name in NON_VI else ARTICLES
        a = pool[1 % len(pool)]
        url = HOSTS[name] % a["slug"]
        others = [(b["title"], HOSTS[name] % b["slug"]) for b in pool if b is not a][:5]
        page = layout(a, others)
        script = "<script>var config = %s;</script>" % ("[" + ",".join('{"id":%d,"name":"item %d","tags":["a","b","c"]}' % (i, i) for i in range(6000)) + "]")
        style = "<style>%s</style>" % "".join(".c%d{margin:0 %dpx;color:#%06x}" % (i, i % 9, i * 997 % 0xFFFFFF) for i in range(4000))
        mega = '<div class="mega-menu">%s</div>' % "".join('<ul class="sub">%s</ul>' % "".join('<li><a href="/c/%d/%d">Mục %d.%d</a></li>' % (i, j, i, j) for j in range(20)) for i in range(40))
        side = '<div class="sidebar-extra">%s</div>' % "".join('<div class="item"><a href="/x/%d"><img src="/t/%d.jpg"></a><h4><a href="/x/%d">%s %d</a></h4><p>%s</p></div>' % (i, i, i, "Tin mới số", i, "Tóm tắt ngắn của một tin khác trên trang, vài dòng mô tả.") for i in range(150))
        page = page.replace("</head>", script + style + "</head>", 1).replace("<body", "<body", 1)
        i = page.index(">", page.index("<body")) + 1
        page = page[:i] + mega + page[i:]
        page = page.replace("</body>", side + "</body>", 1)
        base = "%s-%s-heavy" % (name, a["slug"])
        with open(os.path.join(out, base + ".html"), "w", encoding="utf-8") as f:
            f.write(page)
        with open(os.path.join(out, base + ".txt"), "w", encoding="utf-8") as f:
            f.write(truth(a))
        with open(os.path.join(out, base + ".url"), "w", encoding="utf-8") as f:
            f.write(url + "\n")
        n += 1
    print("%d pages in %s" % (n, os.path.relpath(out)))


if __name__ == "__main__":
    main()
