"""Realistic Vietnamese WordPress-style RSS 2.0, as the Hai Phong portal
writes it: titles, dc:creator, categories, a description and a
content:encoded of several paragraphs with a figure and a byline.
Shared by the benchmark generators."""

WORDS = ("thành phố Hải Phòng cảng biển Lạch Huyện đón tàu container hội nghị tổng kết "
         "giáo dục đào tạo y tế bệnh viện nông nghiệp lúa gạo thu hoạch lễ hội văn hóa "
         "giao thông cầu đường cao tốc đầu tư phát triển kinh tế xã hội người dân huyện "
         "Thủy Nguyên Cát Hải Kiến An Đồ Sơn năm 2022 kế hoạch triển khai nhiệm vụ ủy ban "
         "nhân dân chủ tịch đoàn công tác sở ngành doanh nghiệp xuất khẩu hàng hóa").split()
CATS = ["Kinh tế", "Cảng biển - Logistics", "Giáo dục", "Y tế", "Nông nghiệp",
        "Văn hóa - Xã hội", "Giao thông", "Tin nổi bật"]
NAMES = ["Nguyễn Hải", "Đặng Thuỳ Dương", "Phạm Ngọc Ánh", "Lê Văn Tâm", "Hoàng Việt"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def sentence(r, n):
    s = " ".join(r.choice(WORDS) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def head(title="Cổng tin tức Thành phố Hải Phòng"):
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
            f'<title>{title}</title>\n'
            '<link>https://thanhphohaiphong.gov.vn</link>\n'
            '<description>Tin tức</description><language>vi</language>\n')


TAIL = "</channel>\n</rss>\n"


def item(r, i, paragraphs=(4, 8), prefix="tin"):
    paras = "\n".join(f"<p>{sentence(r, r.randint(25, 60))}</p>"
                      for _ in range(r.randint(*paragraphs)))
    return f"""<item>
<title>{sentence(r, r.randint(8, 16))}</title>
<link>https://thanhphohaiphong.gov.vn/{prefix}-{i}.html</link>
<dc:creator><![CDATA[{r.choice(NAMES)}]]></dc:creator>
<pubDate>{DAYS[i % 7]}, {1 + i % 28:02d} Dec 2022 {i % 24:02d}:{i % 60:02d}:00 +0700</pubDate>
<category><![CDATA[{r.choice(CATS)}]]></category>
<guid isPermaLink="false">https://thanhphohaiphong.gov.vn/?p={prefix}-{i}</guid>
<description><![CDATA[{sentence(r, 30)} [&#8230;]]]></description>
<content:encoded><![CDATA[{paras}
<figure><img src="https://thanhphohaiphong.gov.vn/wp-content/uploads/{i}.jpg" alt="{sentence(r, 6)}"/><figcaption>{sentence(r, 10)}</figcaption></figure>
<p>{r.choice(NAMES)}. Ảnh: {r.choice(NAMES)}</p>]]></content:encoded>
</item>
"""
