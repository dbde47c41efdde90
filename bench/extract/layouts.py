"""Page layouts of the evaluation set, each modelled on a family of real
news pages: its markup for the body's blocks (paragraphs, figures with
captions, lists, tables, quotes, the byline) and the furniture around it
(menus, share and print boxes, QR boxes, comment sections with forms,
sidebars, related-article lists, newsletter boxes, cookie banners,
footers). A layout is a function (article, others) -> HTML, where others
are (title, url) pairs for its related and sidebar lists.
"""
import html as H

E = H.escape


def _date_vi(iso):
    # "Thứ Năm, 29/12/2022 16:05" from "2022-12-29T16:05:00+07:00" (the date as written, local).
    import datetime
    d = datetime.datetime.fromisoformat(iso)
    days = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
    return "%s, %02d/%02d/%04d %02d:%02d" % (days[d.weekday()], d.day, d.month, d.year, d.hour, d.minute)


def _dmy(iso):
    import datetime
    d = datetime.datetime.fromisoformat(iso)
    return "%02d/%02d/%04d %02d:%02d" % (d.day, d.month, d.year, d.hour, d.minute)


def body(a, p="<p>%s</p>", fig="figure", lst="ul", quote="<blockquote><p>%s</p></blockquote>",
         table='<table class="table">%s</table>', byline='<p style="text-align:right"><strong>%s</strong></p>',
         h="<h2>%s</h2>", between=None, host=""):
    """The article's blocks in one markup style. fig: figure | wp | tpl | vcs | em | plain.
    between: a function(i) -> HTML put after block i (ads, inline related boxes)."""
    out = []
    for i, b in enumerate(a["body"]):
        k = b[0]
        if k == "p":
            out.append(p % E(b[1]) if "%s" in p else p(E(b[1])))
        elif k == "h":
            out.append(h % E(b[1]))
        elif k in ("ul", "ol"):
            tag = k if lst != "p" else None
            if tag:
                out.append("<%s>%s</%s>" % (tag, "".join("<li>%s</li>" % E(x) for x in b[1]), tag))
            else:
                out.append("".join("<p>- %s</p>" % E(x) for x in b[1]))
        elif k == "fig":
            cap, src = E(b[1]), host + b[2]
            if fig == "figure":
                out.append('<figure class="image"><img src="%s" alt="" width="800" height="533"><figcaption>%s</figcaption></figure>' % (src, cap))
            elif fig == "wp":
                out.append('<div id="attachment_%d" style="width: 810px" class="wp-caption aligncenter"><img aria-describedby="caption-attachment-%d" class="size-full wp-image-%d" src="%s" alt="" width="800" height="533" /><p id="caption-attachment-%d" class="wp-caption-text">%s</p></div>' % (i, i, i, src, i, cap))
            elif fig == "tpl":
                out.append('<table align="center" border="0" cellpadding="3" cellspacing="0" class="tplCaption" style="width:100%%"><tbody><tr><td><img alt="%s" data-src="%s" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></td></tr><tr><td><p class="Image">%s</p></td></tr></tbody></table>' % (cap, src, cap))
            elif fig == "vcs":
                out.append('<div class="VCSortableInPreviewMode" type="Photo"><div><a href="%s" data-fancybox="img"><img src="%s" alt="%s" title="%s"></a></div><div class="PhotoCMS_Caption"><p data-placeholder="Nhập chú thích ảnh" class="">%s</p></div></div>' % (src, src, cap, cap, cap))
            elif fig == "em":
                out.append('<p style="text-align: center;"><img class="aligncenter" src="%s" alt="" /></p><p style="text-align: center;"><em>%s</em></p>' % (src, cap))
            else:
                out.append('<img src="%s"><br><i>%s</i>' % (src, cap))
        elif k == "quote":
            out.append(quote % E(b[1]))
        elif k == "table":
            rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % E(c) for c in r) for r in b[1])
            out.append(table % rows)
        elif k == "byline":
            out.append(byline % E(b[1]))
        if between:
            out.append(between(i))
    return "\n".join(out)


def truth(a):
    paras = []
    for b in a["body"]:
        k = b[0]
        if k in ("p", "h", "quote", "byline"):
            paras.append(b[1])
        elif k in ("ul", "ol"):
            paras.extend(b[1])
        elif k == "fig":
            paras.append(b[1])
        elif k == "table":
            paras.extend("\t".join(r) for r in b[1])
    return "\n\n".join(paras) + "\n"


def links(others, cls="", fmt='<li%s><a href="%s">%s</a></li>'):
    return "".join(fmt % (cls, E(u), E(t)) for t, u in others)


MENU_VI = ["Trang chủ", "Tin tức", "Chính trị", "Kinh tế", "Văn hóa – Xã hội", "Quốc phòng – An ninh", "Du lịch", "Văn bản", "Liên hệ"]
MENU_EN = ["Home", "News", "World", "Business", "Politics", "Sport", "Culture", "Opinion", "Travel", "Contact"]


def menu(lang, cls="menu"):
    items = MENU_VI if lang == "vi" else MENU_EN
    return '<ul class="%s">%s</ul>' % (cls, "".join('<li><a href="/%d">%s</a></li>' % (i, E(t)) for i, t in enumerate(items)))


def comments(lang, n=4):
    vi = lang == "vi"
    texts = (["Bài viết rất hay, cảm ơn tác giả đã chia sẻ những thông tin hữu ích cho bạn đọc.",
              "Mong thành phố sớm triển khai, người dân chúng tôi rất mong chờ công trình này, vì hằng ngày đi làm rất vất vả.",
              "Tôi đồng ý với ý kiến trên, nhưng cũng cần chú ý tới việc bảo đảm an toàn giao thông trong quá trình thi công.",
              "Hy vọng các cơ quan chức năng lắng nghe ý kiến của người dân, công khai, minh bạch tiến độ, chi phí của dự án."]
             if vi else
             ["Great article, thanks for writing it up. It is good to finally see some progress on this after so many years of talking about it.",
              "I live near the site and nobody asked us anything. The consultation was a box-ticking exercise, and the traffic is already terrible.",
              "Does anyone know whether the rail link will carry passengers as well, or only freight? The article does not say.",
              "This is exactly the kind of investment the region needs, and the conditions attached seem sensible to me."])
    items = "".join('<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">%s</b> <time>2 days ago</time></footer><div class="comment-content"><p>%s</p></div><div class="reply"><a class="comment-reply-link" href="#">%s</a></div></article></li>' % (("Bạn đọc %d" if vi else "Reader %d") % j, E(texts[j % 4]), "Trả lời" if vi else "Reply") for j in range(n))
    form = '<div id="respond" class="comment-respond"><h3 class="comment-reply-title">%s</h3><form action="/wp-comments-post.php" method="post" id="commentform"><p class="comment-notes">%s</p><p><label>%s</label><textarea name="comment"></textarea></p><p><input name="author"><input name="email"></p><p class="form-submit"><input type="submit" value="%s"></p></form></div>' % (("Gửi bình luận", "Email của bạn sẽ không được hiển thị công khai.", "Bình luận", "Gửi") if vi else ("Leave a Reply", "Your email address will not be published. Required fields are marked *", "Comment", "Post Comment"))
    return '<div id="comments" class="comments-area"><h2 class="comments-title">%s</h2><ol class="comment-list">%s</ol>%s</div>' % ("Bình luận" if vi else "%d thoughts on this story" % n, items, form)


def sidebar(lang, others, title=None):
    t = title or ("Tin mới" if lang == "vi" else "Most read")
    return '<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">%s</h2><ul>%s</ul></section><section class="widget widget_search"><form role="search"><input type="search" placeholder="%s"><button>%s</button></form></section></aside>' % (E(t), links(others), "Tìm kiếm" if lang == "vi" else "Search", "Tìm" if lang == "vi" else "Go")


# ---------------------------------------------------------------- layouts

def portal(a, others):
    """thanhphohaiphong.gov.vn: WordPress, a date line, Print and Gốc, the body, the byline,
    Tiện ích thông tin, Nguồn tin, QR Code, social links, Tin khác."""
    date = _date_vi(a["date"])
    b = body(a, p='<p style="text-align: justify;">%s</p>', fig="em", byline='<p style="text-align: right;"><strong>%s</strong></p>', h="<p><strong>%s</strong></p>", host="")
    tinkhac = "".join('<li><a href="%s" title="%s">%s</a> <span class="date">(%s)</span></li>' % (E(u), E(t), E(t), "28/12/2022") for t, u in others)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
<title>{E(a['title'])} &#8211; Cổng tin tức Thành phố Hải Phòng</title>
<meta name="generator" content="WordPress 6.1.1">
<link rel="alternate" type="application/rss+xml" title="Cổng tin tức Thành phố Hải Phòng &raquo; Feed" href="/feed/">
<link rel='stylesheet' href='/wp-content/themes/hpportal/style.css'></head>
<body class="post-template-default single single-post postid-1234 single-format-standard">
<div id="page" class="site"><header id="masthead" class="site-header"><div class="logo"><a href="/"><img src="/wp-content/themes/hpportal/logo.png" alt="Cổng tin tức Thành phố Hải Phòng"></a></div>
<nav id="site-navigation" class="main-navigation">{menu('vi')}</nav></header>
<div class="breadcrumbs"><a href="/">Trang chủ</a> » <a href="/category/tin-tuc/">Tin tức</a></div>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1234" class="post-1234 post type-post status-publish format-standard hentry category-tin-tuc tag-hai-phong">
<header class="entry-header"><h1 class="entry-title">{E(a['title'])}</h1>
<div class="tool-bar"><a class="print-btn" href="javascript:window.print()">Print</a> <span class="post-date">{date}</span> <a class="goc" href="#">Gốc</a></div></header>
<div class="entry-content">
{b}
</div>
<div class="tien-ich"><h3>Tiện ích thông tin</h3><div class="nguon-tin">Nguồn tin: Cổng Thông tin điện tử thành phố</div>
<div class="qr-code"><p>QR Code</p><img src="/qr/1234.png" alt="QR CODE: {E(a['title'])}"><p>QR CODE: {E(a['title'])}</p></div></div>
<div class="social"><h4>Chúng tôi trên Mạng Xã hội</h4><a href="https://facebook.com/haiphong"><img src="/fb.png" alt="Mã QR Code truy cập vào Fanpage Cổng tin tức Thành phố Hải Phòng"></a></div>
</article>
<div class="tin-khac"><h3 class="title">Tin khác</h3><ul>{tinkhac}</ul></div>
</main></div>{sidebar('vi', others[:3])}</div>
<footer id="colophon" class="site-footer"><p>CỔNG TIN TỨC THÀNH PHỐ HẢI PHÒNG</p><p>Cơ quan chủ quản: Ủy ban nhân dân thành phố Hải Phòng. Địa chỉ: Số 18 Hoàng Diệu, quận Hồng Bàng, thành phố Hải Phòng.</p></footer>
</div></body></html>
"""


def eportal(a, others):
    """haiphong.gov.vn: another platform, "Thời gian:" lines, layout tables, Tin khác with dates."""
    b = body(a, p='<p style="text-align: justify;"><span style="font-size:14px;"><span style="font-family:Arial,Helvetica,sans-serif;">%s</span></span></p>', fig="plain", byline='<p style="text-align: right;"><b>%s</b></p>', h="<p><b>%s</b></p>")
    other = "".join('<div class="other-item"><a href="%s">%s</a> <span>(11/05/2022)</span></div>' % (E(u), E(t)) for t, u in others)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{E(a['title'])}</title></head>
<body><form method="post" action="/tin-tuc-su-kien/x-1" id="Form">
<div id="dnn_HeaderPane"><table width="100%"><tr><td><img src="/Portals/0/banner.jpg"></td></tr></table>
<div class="menu-top">{menu('vi', 'nav-menu')}</div></div>
<table width="100%" cellpadding="0" cellspacing="0"><tr>
<td valign="top" width="220" class="left-col"><div class="box-left"><div class="title-box">Liên kết</div>{links(others[:3], fmt='<div%s><a href="%s">%s</a></div>')}</div></td>
<td valign="top"><div id="dnn_ctr_ContentPane">
<div class="news-detail"><h2 class="title-news">{E(a['title'])}</h2>
<div class="time-news">Thời gian: {_dmy(a['date'])}</div>
<div class="ArticleContent">{b}</div>
<div class="ArticleFooter"><a href="javascript:print()">In bài</a> | <a href="mailto:?subject=x">Gửi email</a></div>
<div class="other-news"><div class="title-other">Tin khác</div>{other}</div>
</div></div></td></tr></table>
<div class="footer">Cổng thông tin điện tử thành phố Hải Phòng. Bản quyền thuộc UBND thành phố Hải Phòng.</div>
</form></body></html>
"""


def wordpress(a, others):
    """A WordPress theme (Twenty Twenty-One) with Jetpack sharing and related posts, comments."""
    lang = a["lang"]
    b = body(a, fig="wp", quote='<blockquote class="wp-block-quote"><p>%s</p></blockquote>', table='<figure class="wp-block-table"><table>%s</table></figure>', byline='<p class="has-text-align-right"><strong>%s</strong></p>')
    share = '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a href="?share=twitter"><span>Twitter</span></a></li><li class="share-facebook"><a href="?share=facebook"><span>Facebook</span></a></li></ul></div></div></div>'
    rel = '<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>%s</div>' % "".join('<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="%s">%s</a></h4></div>' % (E(u), E(t)) for t, u in others)
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="UTF-8"><title>{E(a['title'])} &#8211; My City Blog</title>
<meta name='generator' content='WordPress 6.2'><link rel="https://api.w.org/" href="/wp-json/">
<meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}"></head>
<body class="post-template-default single single-post"><div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">My City Blog</a></p><nav class="primary-navigation">{menu(lang, 'menu-wrapper')}</nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-77" class="post-77 post type-post status-publish format-standard has-post-thumbnail hentry category-news tag-city entry">
<header class="entry-header alignwide"><h1 class="entry-title">{E(a['title'])}</h1></header>
<div class="entry-content">
{b}
{share}{rel}
</div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">Published <time class="entry-date published" datetime="{a['date']}">date</time></span><span class="byline">By <a href="/author/x" rel="author">{E(a['author'])}</a></span></div><div class="post-taxonomies"><span class="cat-links">Categorized as <a href="/c/news" rel="category tag">News</a></span></div></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/prev">Previous post</a></div></div></nav>
{comments(lang)}
</main></div>{sidebar(lang, others)}</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress.</div></footer></div></body></html>
"""


def vnexpress(a, others):
    """VnExpress: article.fck_detail, p.description, p.Normal, table.tplCaption photos, lazy images."""
    body_ = a["body"]
    first, rest = body_[0], dict(a, body=body_[1:])
    b = body(rest, p='<p class="Normal">%s</p>', fig="tpl", byline='<p class="author_mail"><strong>%s</strong></p>', host="https://i1-vnexpress.vnecdn.net")
    rel = "".join('<li><a href="%s">%s</a></li>' % (E(u), E(t)) for t, u in others)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{E(a['title'])} - VnExpress</title>
<meta name="pubdate" content="{a['date']}"><meta name="author" content="{E(a['author'])}"></head>
<body><header class="section page-header"><div class="container"><a class="logo" href="/">VnExpress</a>{menu('vi', 'parent')}</div></header>
<section class="section page-detail top-detail"><div class="container"><div class="sidebar-1">
<div class="header-content width_common"><ul class="breadcrumb"><li><a href="/thoi-su">Thời sự</a></li></ul><span class="date">{_date_vi(a['date'])} (GMT+7)</span></div>
<h1 class="title-detail">{E(a['title'])}</h1>
<p class="description">{E(first[1])}</p>
<article class="fck_detail ">
{b}
</article>
<div class="footer-content"><div class="social_pin"><a href="#" class="btn_facebook" title="Chia sẻ bài viết lên facebook">Facebook</a><a class="btn_twitter" href="#">Twitter</a></div><div class="tags"><h4 class="item-tag"><a href="/tag/1">Hải Phòng</a></h4></div></div>
<div class="box-comment" id="box_comment_vne"><h3>Ý kiến</h3><div class="input-comment"><textarea placeholder="Ý kiến của bạn"></textarea><button>Gửi</button></div></div>
</div><div class="sidebar-2"><div class="box-category"><h2 class="title-box-category">Xem nhiều</h2><ul class="list-news">{rel}</ul></div></div></div></section>
<footer class="footer"><p>Báo tiếng Việt nhiều người xem nhất. Thuộc Bộ Khoa học và Công nghệ. Số giấy phép: 548/GP-BTTTT.</p></footer></body></html>
"""


def tuoitre(a, others):
    """Tuổi Trẻ: detail-sapo, detail-content with VCSortableInPreviewMode photos, an inline related box."""
    body_ = a["body"]
    first, rest = body_[0], dict(a, body=body_[1:])
    inline = '<div class="VCSortableInPreviewMode link-content-footer" type="RelatedNewsBox"><div class="kbwscwl-relatedbox"><strong>Đọc thêm</strong><ul class="kbwscwl-relatedbox-list">%s</ul></div></div>' % links(others[:2])
    b = body(rest, fig="vcs", byline='<p class="author">%s</p>', between=lambda i: inline if i == 1 else "")
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{E(a['title'])} - Tuổi Trẻ Online</title>
<meta property="og:title" content="{E(a['title'])}"><meta property="article:published_time" content="{a['date']}"><meta property="article:author" content="{E(a['author'])}"></head>
<body><div class="header__nav">{menu('vi', 'menu-nav')}</div>
<main class="detail-container"><div class="detail-top"><div class="detail-cate"><a href="/thoi-su.htm">Thời sự</a></div><div class="detail-time"><div data-role="publishdate">{_dmy(a['date'])} GMT+7</div></div></div>
<h1 class="detail-title article-title" data-role="title">{E(a['title'])}</h1>
<div class="detail-cmain"><h2 class="detail-sapo" data-role="sapo">{E(first[1])}</h2>
<div class="detail-content afcbc-body" data-role="content" itemprop="articleBody">
{b}
</div>
<div class="detail-author"><div class="author-info"><a href="/tac-gia/x.htm" class="name">{E(a['author'])}</a></div></div>
<div class="detail-tab"><ul class="detail-tab-list"><li><a href="/tag/a">Hải Phòng</a></li><li><a href="/tag/b">Thời sự</a></li></ul></div>
<div class="box-tin-lien-quan"><div class="box-heading"><p class="title">Tin liên quan</p></div>{links(others, fmt='<div class="box-category-item"%s><a href="%s" class="box-category-link-title">%s</a></div>')}</div>
</div></main><div class="footer__bottom">Cơ quan chủ quản: Thành Đoàn TP.HCM. Tổng biên tập: Lê Thế Chữ.</div></body></html>
"""


def dantri(a, others):
    """Dân trí: singular-content, figure.image, "Xem thêm" links inside the body, an author box."""
    xem = lambda i: ('<p><strong>Xem thêm: <a href="%s">%s</a></strong></p>' % (E(others[0][1]), E(others[0][0]))) if i == 2 else ""
    b = body(a, fig="figure", byline='<div class="author-name"><b>%s</b></div>', between=xem)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{E(a['title'])} | Báo Dân trí</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{E(a['title'])}","datePublished":"{a['date']}","author":{{"@type":"Person","name":"{E(a['author'])}"}}}}</script></head>
<body><nav class="menu-wrap">{menu('vi')}</nav><div class="grid-container"><main class="singular-wrap">
<article class="singular-container"><h1 class="title-page detail">{E(a['title'])}</h1><div class="author-wrap"><div class="author-time" datetime="{a['date']}">{_date_vi(a['date'])}</div></div>
<div class="singular-content">
{b}
</div>
<div class="singular-sticky"><div class="social-button"><a href="#">Chia sẻ</a><a href="#">Zalo</a></div></div>
<div class="tags-wrap"><span class="tags-label">Tags:</span><a href="/tag/x">Hải Phòng</a></div>
</article>
<section class="article-related"><h3 class="title">Tin liên quan</h3><ul>{links(others)}</ul></section>
</main><aside class="sidebar">{sidebar('vi', others, 'Đọc nhiều')}</aside></div><footer class="footer">Dân trí. Giấy phép số 298/GP-BTTTT.</footer></body></html>
"""


def bbc(a, others):
    """BBC-like: main > article, text blocks as data-component divs, figures, topic and related lists."""
    tb = '<div data-component="text-block" class="ssrcss-11r1m41-RichTextComponentWrapper"><div class="ssrcss-7uxr49-RichTextContainer"><p class="ssrcss-1q0x1qg-Paragraph">%s</p></div></div>'
    b = body(a, p=tb, fig="figure", h='<div data-component="subheadline-block"><h2 class="ssrcss-x-StyledHeading">%s</h2></div>')
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{E(a['title'])} - BBC News</title>
<meta property="og:title" content="{E(a['title'])}"><script type="application/ld+json">{{"@type":"ReportageNewsArticle","datePublished":"{a['date']}","author":{{"@type":"NewsMediaOrganization","name":"BBC News"}}}}</script></head>
<body><header role="banner"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<div id="main-wrapper"><main id="main-content" role="main"><article class="ssrcss-pv1rh6-ArticleWrapper">
<header><h1 id="main-heading" class="ssrcss-15xko80-StyledHeading">{E(a['title'])}</h1></header>
<div data-component="byline-block"><div class="ssrcss-68pt20-Text-TextContributorName">By {E(a['author'])}</div><time datetime="{a['date']}">2 hours ago</time></div>
{b}
<div data-component="topic-list"><h2>Related Topics</h2><ul><li><a href="/topics/1">Transport</a></li><li><a href="/topics/2">Local government</a></li></ul></div>
<section data-component="links-block"><h2>More on this story</h2><ul>{links(others)}</ul></section>
</article></main></div>
<div data-component="most-read"><h2>Most read</h2><ol>{links(others)}</ol></div>
<footer role="contentinfo"><p>Copyright 2024 BBC. The BBC is not responsible for the content of external sites.</p></footer></body></html>
"""


def guardian(a, others):
    """Guardian-like: a standfirst, article-body with inline aside links, "Most viewed", a newsletter."""
    first, rest = a["body"][0], dict(a, body=a["body"][1:])
    aside = lambda i: ('<aside data-spacefinder-role="richLink" class="element-rich-link"><p><span>Related: </span><a href="%s">%s</a></p></aside>' % (E(others[1][1]), E(others[1][0]))) if i == 1 else ""
    b = body(rest, p='<p class="dcr-n6w1lc">%s</p>', fig="figure", between=aside)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{E(a['title'])} | News | The Guardian</title>
<meta property="article:published_time" content="{a['date']}"><meta name="author" content="{E(a['author'])}"></head>
<body><div id="bannerandheader"><header><nav aria-label="Guardian sections">{menu('en', 'pillars')}</nav></header></div>
<main data-layout="StandardLayout"><div class="dcr-1y8sq3"><div data-gu-name="headline"><h1>{E(a['title'])}</h1></div>
<div data-gu-name="standfirst"><div class="dcr-1yi1cnj"><p>{E(first[1])}</p></div></div>
<div data-gu-name="meta"><address aria-label="Contributor info"><a rel="author" href="/profile/x">{E(a['author'])}</a></address><details><summary>Tue 20 Feb 2024 09.45 GMT</summary></details></div>
<div data-gu-name="body"><div id="maincontent"><div class="article-body-commercial-selector article-body-viewer-selector dcr-1r94quw">
{b}
</div></div>
<div class="submeta"><span>Explore more on these topics</span><ul><li><a href="/t1">Transport</a></li></ul><div class="share"><a href="#">Share</a><a href="#">Reuse this content</a></div></div></div>
</div>
<section data-component="most-popular"><h2>Most viewed</h2><ol>{links(others)}</ol></section>
<div class="newsletter-signup"><h3>Sign up to First Edition</h3><p>Our morning email breaks down the key stories of the day, telling you what’s happening and why it matters.</p><form><input type="email"><button>Sign up</button></form></div>
</main><footer><p>© 2024 Guardian News &amp; Media Limited or its affiliated companies. All rights reserved.</p></footer></body></html>
"""


def nyt(a, others):
    """NYT-like: section[name=articleBody] of companion columns, "Advertisement" between them."""
    ad = lambda i: '<div class="ad" id="story-ad-%d"><div class="ad-wrapper"><p>Advertisement</p></div></div>' % i if i % 3 == 2 else ""
    b = body(a, p='<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1vkm6nb"><p class="css-at9mc1 evys1bk0">%s</p></div></div>', fig="figure", between=ad)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{E(a['title'])} - The New York Times</title>
<meta property="og:title" content="{E(a['title'])}"><meta name="byl" content="By {E(a['author'])}"><meta property="article:published_time" content="{a['date']}"></head>
<body><div id="app"><header class="css-ahe4g0"><nav><a href="/">Today’s Paper</a>{menu('en', 'css-nav')}</nav></header>
<main id="site-content"><article id="story"><header class="css-1vxca1d"><h1 data-testid="headline">{E(a['title'])}</h1>
<div class="css-xt80pu"><p class="css-aknsld"><span>By {E(a['author'])}</span></p><time datetime="{a['date']}">Feb. 20, 2024</time></div></header>
<section name="articleBody" class="meteredContent css-1r7ky0e">
{b}
</section>
<div class="bottom-of-article"><div class="css-1jp38cm">A version of this article appears in print on Feb. 21, 2024, Section A, Page 18 of the New York edition.</div>
<div class="css-related"><h2>Related Coverage</h2><ul>{links(others)}</ul></div></div>
</article></main><footer class="css-1bt5v8w"><nav><a href="/help">Help</a><a href="/subscribe">Subscriptions</a></nav></footer></div></body></html>
"""


def medium(a, others):
    """A blog platform with generated class names: no hints, only text."""
    b = body(a, p='<p class="pw-post-body-paragraph lj lk ho ll b lm ln lo lp lq lr ls lt lu lv lw lx ly lz ma mb mc md me mf mg hh bk" data-selectable-paragraph="">%s</p>', fig="figure", h='<h2 class="mh mi ho be mj mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz">%s</h2>')
    return f"""<!doctype html><html lang="{a['lang']}"><head><meta charset="utf-8"><title>{E(a['title'])} | by {E(a['author'])} | Medium</title></head>
<body><div id="root"><div class="a b c"><div class="l d e"><div class="bm bn"><a href="/">Medium</a><a href="/signin">Sign in</a><a href="/new-story">Write</a></div></div>
<div class="ab cb"><div class="ch bg ci cj ck cl"><article><div class="l"><div class="l"><section><div><div class="fr fs ft fu fv"><div class="ab cb"><div class="ch bg ci cj ck cl">
<div><h1 class="pw-post-title gq gr gs be gt gu gv gw gx">{E(a['title'])}</h1></div>
<div class="speechify-ignore ab co"><div class="ab q"><a href="/@x">{E(a['author'])}</a><span>·</span><span>6 min read</span></div></div>
{b}
</div></div></div></div></section></div></div></article>
<div class="ab cb"><div><h2 class="be">More from {E(a['author'])}</h2>{links(others, fmt='<div%s><a href="%s"><h2>%s</h2></a></div>')}</div></div>
<div class="ab cb"><p class="be b">Recommended from Medium</p>{links(others, fmt='<div%s><a href="%s"><h2>%s</h2></a></div>')}</div>
</div></div></div></div></body></html>
"""


def oldtable(a, others):
    """An old table layout: font tags, paragraphs written with br pairs in one cell."""
    paras = []
    for b_ in a["body"]:
        if b_[0] in ("p", "quote", "h", "byline"):
            paras.append(E(b_[1]))
        elif b_[0] in ("ul", "ol"):
            paras.extend("- " + E(x) for x in b_[1])
        elif b_[0] == "fig":
            paras.append('<img src="%s"><br><i>%s</i>' % (b_[2], E(b_[1])))
        elif b_[0] == "table":
            paras.extend(E("\t".join(r)) for r in b_[1])
    text = "<br><br>\n".join(paras)
    side = "".join('<a href="%s"><font size="1">%s</font></a><br>' % (E(u), E(t)) for t, u in others)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{E(a['title'])}</title></head>
<body bgcolor="#ffffff"><table width="780" border="0" align="center"><tr><td colspan="2"><img src="/banner.gif"><br>{" | ".join('<a href="/%d">%s</a>' % (i, t) for i, t in enumerate(MENU_VI if a['lang']=='vi' else MENU_EN))}</td></tr>
<tr><td width="160" valign="top" bgcolor="#eeeeee">{side}</td>
<td valign="top"><font face="Arial" size="4"><b>{E(a['title'])}</b></font><br><font size="1">{_dmy(a['date'])}</font><br><br>
<font face="Arial" size="2">{text}</font></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright 2004. All rights reserved. Webmaster: webmaster@example.com</font></td></tr></table></body></html>
"""


def divparas(a, others):
    """Paragraphs as divs (Reuters-like): no p elements in the body."""
    b = body(a, p='<div data-testid="paragraph" class="text__text__1FZLe article-body__element__2p5pI">%s</div>', fig="figure", h='<h2 data-testid="Heading" class="article-body__heading__33FkS">%s</h2>')
    return f"""<!DOCTYPE html><html lang="{a['lang']}"><head><meta charset="utf-8"><title>{E(a['title'])} | Wire</title>
<meta name="article:published_time" content="{a['date']}"><meta property="og:title" content="{E(a['title'])}"></head>
<body><div id="fusion-app"><header class="site-header"><nav>{menu(a['lang'], 'nav-bar')}</nav></header>
<main id="main-content"><article class="article__container__2KTsp"><header class="article-header"><h1 data-testid="Heading">{E(a['title'])}</h1><div class="article-header__dateline"><time datetime="{a['date']}">February 20, 2024</time></div><div class="byline"><a href="/authors/x">{E(a['author'])}</a></div></header>
<div class="article-body__container__3ypuX">
{b}
<p class="trust-badge">Our Standards: <a href="/principles">The Trust Principles.</a></p>
</div>
<div class="related-coverage"><h2>Read Next</h2><ul>{links(others)}</ul></div>
</article></main><footer class="site-footer"><p>All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.</p></footer></div></body></html>
"""


def lemonde(a, others):
    """Le Monde-like: article__content, "Lire aussi" links in the body, a paywall teaser box."""
    lire = lambda i: ('<section class="catcher catcher--inline"><span class="catcher__label">Lire aussi :</span> <a class="js-article-read-also" href="%s">%s</a></section>' % (E(others[0][1]), E(others[0][0]))) if i == 1 else ""
    b = body(a, p='<p class="article__paragraph ">%s</p>', fig="figure", h='<h2 class="article__sub-title">%s</h2>', between=lire)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{E(a['title'])}</title>
<meta property="og:article:published_time" content="{a['date']}"><meta property="og:title" content="{E(a['title'])}"></head>
<body><header class="Header">{menu('en', 'Nav__list')}</header>
<main><section class="zone zone--article"><header class="article__header"><h1 class="article__title">{E(a['title'])}</h1><p class="article__desc">Reportage · les premiers visiteurs étaient au rendez-vous.</p>
<span class="meta__author">Par {E(a['author'])}</span><span class="meta__date">Publié le 24 novembre 2023 à 18h00</span></header>
<article class="article__content">
{b}
</article>
<section class="article__reactions"><h3>Réactions</h3><p>Vous pouvez lire Le Monde sur un seul appareil à la fois. Ce message s’affichera sur l’autre appareil.</p><a href="/abo">S’abonner</a></section>
<section class="services services--footer"><h3>Services</h3><ul>{links(others)}</ul></section>
</section></main><footer class="footer"><p>Le Monde. Tous droits réservés. Reproduction interdite.</p></footer></body></html>
"""


def spiegel(a, others):
    """Spiegel-like: data-area text blocks, RichText divs, an "Mehr zum Thema" box."""
    b = body(a, p='<div data-area="text" data-pos="1"><div class="RichText RichText--iconLinks lg:w-8/12 md:w-10/12 lg:mx-auto md:mx-auto lg:px-24 md:px-24 sm:px-16 break-words word-wrap"><p>%s</p></div></div>', fig="figure")
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{E(a['title'])} - DER SPIEGEL</title>
<meta name="date" content="{a['date']}"><meta name="author" content="{E(a['author'])}"></head>
<body><header data-area="header">{menu('en', 'nav')}</header>
<main id="Inhalt"><article aria-label="{E(a['title'])}"><header data-area="intro"><h2><span class="align-middle">{E(a['title'])}</span></h2><div class="font-sansUI">Ein Artikel von {E(a['author'])}</div></header>
<section class="relative" data-area="body">
{b}
</section>
<div data-area="related_articles"><h3>Mehr zum Thema</h3><ul>{links(others)}</ul></div>
<div data-area="article_footer"><a href="#">Feedback</a> <a href="#">Teilen</a></div>
</article></main><footer><p>Impressum Datenschutz Nutzungsbedingungen Kontakt</p></footer></body></html>
"""


def bigcomments(a, others):
    """A blog post followed by a comment thread longer than the post itself."""
    lang = a["lang"]
    b = body(a, fig="figure")
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{E(a['title'])}</title></head>
<body><div class="container"><div class="navbar">{menu(lang, 'navbar-nav')}</div>
<div class="row"><div class="col-md-8"><div class="post"><h1 class="post-title">{E(a['title'])}</h1><div class="post-meta">{E(a['author'])} · {a['date'][:10]}</div>
<div class="post-body">
{b}
</div></div>
{comments(lang, 12)}
</div><div class="col-md-4">{sidebar(lang, others)}</div></div>
<div class="cookie-banner" id="cookie-notice"><p>We use cookies to improve your experience. By continuing you accept our use of cookies.</p><button>OK</button></div>
</div></body></html>
"""


def pressrelease(a, others):
    """A government press release: one div of text with br pairs, a download box, a print link."""
    paras = []
    for b_ in a["body"]:
        if b_[0] in ("p", "quote", "h", "byline"):
            paras.append(E(b_[1]))
        elif b_[0] in ("ul", "ol"):
            paras.append("<ul>%s</ul>" % "".join("<li>%s</li>" % E(x) for x in b_[1]))
        elif b_[0] == "fig":
            paras.append('<div class="image-block"><img src="%s"><div class="caption">%s</div></div>' % (b_[2], E(b_[1])))
        elif b_[0] == "table":
            paras.append('<table border="1">%s</table>' % "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % E(c) for c in r) for r in b_[1]))
    text = "<br><br>\n".join(paras)
    return f"""<!DOCTYPE html><html lang="{a['lang']}"><head><meta charset="utf-8"><title>{E(a['title'])} - Press office</title></head>
<body><div id="top-bar"><a href="/">Portal</a> <a href="/en">English</a></div><div id="nav">{menu(a['lang'])}</div>
<div id="wrapper"><div id="left">{links(others, fmt='<p%s><a href="%s">%s</a></p>')}</div>
<div id="center"><h1>{E(a['title'])}</h1><div class="date">{_dmy(a['date'])}</div>
<div class="press-text">
{text}
</div>
<div class="attachments"><h4>Tệp đính kèm</h4><a href="/files/x.pdf">Tải về (PDF, 120 KB)</a></div>
<div class="tools"><a href="javascript:print()">Print</a> <a href="#top">Back to top</a></div>
</div></div><div id="footer">Press office · Contact · Accessibility</div></body></html>
"""


def zing(a, others):
    """Znews-like: the-article-summary, the-article-body with an inner article box of related news."""
    first, rest = a["body"][0], dict(a, body=a["body"][1:])
    box = lambda i: ('<div class="inner-article"><a href="%s"><img src="/t.jpg"></a><h3><a href="%s">%s</a></h3><p class="summary">%s</p></div>' % (E(others[2][1]), E(others[2][1]), E(others[2][0]), "Tin liên quan")) if i == 2 else ""
    b = body(rest, fig="figure", byline='<p class="the-article-credit"><strong>%s</strong></p>', between=box)
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{E(a['title'])} - Znews.vn</title>
<meta property="article:published_time" content="{a['date']}"></head>
<body><div id="site-header">{menu('vi', 'category-menu')}</div>
<div class="page-wrapper"><article class="the-article type_text"><header class="the-article-header"><p class="the-article-category"><a href="/xa-hoi.html">Xã hội</a></p><h1 class="the-article-title">{E(a['title'])}</h1>
<ul class="the-article-meta"><li class="the-article-author"><a href="/tac-gia/x.html">{E(a['author'])}</a></li><li class="the-article-publish">{_dmy(a['date'])}</li></ul></header>
<p class="the-article-summary">{E(first[1])}</p>
<div class="the-article-body">
{b}
</div>
<div class="the-article-tags"><strong>Tags:</strong><a href="/tieu-diem/x.html">Hải Phòng</a></div>
<div class="article-social-share"><a href="#">Facebook</a><a href="#">Zalo</a></div>
</article>
<section id="related-articles" class="section"><h2 class="section-title">Tin liên quan</h2>{links(others, fmt='<article class="article-item"%s><p class="article-title"><a href="%s">%s</a></p></article>')}</section>
</div><div class="site-footer">Giấy phép: 75/GP-BTTTT. Chịu trách nhiệm: Hoàng Văn Hiền.</div></body></html>
"""


LAYOUTS = [
    ("portal", portal), ("eportal", eportal), ("wordpress", wordpress), ("vnexpress", vnexpress),
    ("tuoitre", tuoitre), ("dantri", dantri), ("bbc", bbc), ("guardian", guardian), ("nyt", nyt),
    ("medium", medium), ("oldtable", oldtable), ("divparas", divparas), ("lemonde", lemonde),
    ("spiegel", spiegel), ("bigcomments", bigcomments), ("pressrelease", pressrelease), ("zing", zing),
]
