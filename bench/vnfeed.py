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


# Words of six topics, so that articles of one topic share words as news does.
TOPIC_WORDS = [
    "cảng container tàu bến luồng hàng hải logistics kho bãi cần cẩu xếp dỡ hải quan thông quan "
    "vận tải biển hãng tàu trọng tải TEU cảng cạn xuất nhập khẩu",
    "lúa gạo nông dân thu hoạch ruộng đồng giống cây trồng sâu bệnh khuyến nông hợp tác xã "
    "rau màu thủy sản tôm cá chăn nuôi phân bón vụ mùa đông xuân",
    "học sinh giáo viên trường lớp học thi tuyển sinh tốt nghiệp sách giáo khoa thư viện "
    "học bổng đại học sinh viên giảng dạy chương trình phổ thông",
    "bệnh viện bác sĩ bệnh nhân phẫu thuật điều trị tiêm chủng vắc xin dịch bệnh thuốc "
    "khám chữa trạm y tế cấp cứu sức khỏe bảo hiểm điều dưỡng",
    "lễ hội nghệ thuật biểu diễn di tích đền chùa bảo tàng văn nghệ ca trù múa rối "
    "truyền thống du khách ẩm thực nhà hát triển lãm nghệ nhân",
    "cầu đường cao tốc quốc lộ nút giao xe buýt ùn tắc thi công nhà thầu mặt bằng "
    "làn xe đèn tín hiệu tốc độ sân bay nhà ga vành đai",
]
TOPIC_WORDS = [t.split() for t in TOPIC_WORDS]
# Syllables of names: two of them make a rare word, as names of people and places are.
SYLLABLES = ("an anh bao bich binh cam canh chau chi chinh cong cuong dan dao dat diem dien dinh "
             "dong duc dung duong gia giang ha hai han hang hanh hao hien hieu hoa hoai hoan "
             "hoang hong hue hung huong huy khai khanh khoa kien kim lam lan lien linh loc long "
             "luan mai manh minh my nam nga ngan nghia ngoc nguyen nhan nhung ninh phat phong "
             "phu phuc phuong quang que quoc quy sang son tai tam tan thach thai thang thanh "
             "thao the thinh tho thu thuan thuy tien tin toan trang tri trinh trung tuan tuyet "
             "uyen van viet vinh vu xuan yen").split()


def name(r):
    return f"{r.choice(SYLLABLES).title()} {r.choice(SYLLABLES).title()}"


def sentence(r, n, topic=None):
    words = []
    for _ in range(n):
        x = r.random()
        if topic is not None and x < 0.45:
            words.append(r.choice(TOPIC_WORDS[topic]))
        elif topic is not None and x < 0.55:
            words.append(name(r))
        else:
            words.append(r.choice(WORDS))
    s = " ".join(words)
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
    topic = r.randrange(len(TOPIC_WORDS))
    paras = "\n".join(f"<p>{sentence(r, r.randint(25, 60), topic)}</p>"
                      for _ in range(r.randint(*paragraphs)))
    return f"""<item>
<title>{sentence(r, r.randint(8, 16), topic)}</title>
<link>https://thanhphohaiphong.gov.vn/{prefix}-{i}.html</link>
<dc:creator><![CDATA[{r.choice(NAMES)}]]></dc:creator>
<pubDate>{DAYS[i % 7]}, {1 + i % 28:02d} Dec 2022 {i % 24:02d}:{i % 60:02d}:00 +0700</pubDate>
<category><![CDATA[{r.choice(CATS)}]]></category>
<guid isPermaLink="false">https://thanhphohaiphong.gov.vn/?p={prefix}-{i}</guid>
<description><![CDATA[{sentence(r, 30, topic)} [&#8230;]]]></description>
<content:encoded><![CDATA[{paras}
<figure><img src="https://thanhphohaiphong.gov.vn/wp-content/uploads/{i}.jpg" alt="{sentence(r, 6)}"/><figcaption>{sentence(r, 10)}</figcaption></figure>
<p>{r.choice(NAMES)}. Ảnh: {r.choice(NAMES)}</p>]]></content:encoded>
</item>
"""
