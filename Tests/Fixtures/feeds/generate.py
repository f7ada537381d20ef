#!/usr/bin/env python3
"""Writes the feed fixtures (the GBK one as real GBK bytes)."""
from pathlib import Path

HERE = Path(__file__).parent

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>某某县发布</title>
<link>https://mp.example.com/a</link>
<description>某某县人民政府新闻办公室</description>
<item>
<title>县政府召开常务会议</title>
<link>https://mp.example.com/a/1</link>
<guid isPermaLink="false">wx-a-0001</guid>
<pubDate>Thu, 05 Nov 2026 10:00:00 +0800</pubDate>
<dc:creator>县融媒体中心</dc:creator>
<description>摘要不应被采用</description>
<content:encoded><![CDATA[<p>会议强调，要认真部署全年工作。</p><p>会议还研究了其他事项。<script>var x = "不是正文";</script></p>]]></content:encoded>
</item>
<item>
<title>冬季防火提示</title>
<link>/a/2</link>
<pubDate>Wed, 04 Nov 2026 02:30:00 GMT</pubDate>
<description>&lt;p&gt;请注意&lt;b&gt;用火安全&lt;/b&gt;。&lt;/p&gt;</description>
</item>
<item>
<title>中文星期的日期</title>
<link>https://mp.example.com/a/3</link>
<pubDate>星期二, 03 11月 2026 18:00:00 +0800</pubDate>
<description>纯文本摘要</description>
</item>
<item>
<title>Java 风格的日期</title>
<link>https://mp.example.com/a/4</link>
<pubDate>Mon Nov 02 09:15:00 CST 2026</pubDate>
<description></description>
</item>
<item>
<title>没有时区的日期</title>
<link>https://mp.example.com/a/5</link>
<pubDate>2026-11-01 08:00:00</pubDate>
</item>
</channel>
</rss>
"""
(HERE / "rss.xml").write_text(RSS, encoding="utf-8")

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">某某市生态环境局</title>
<link rel="self" href="https://feeds.example.com/sthj.atom"/>
<link rel="alternate" href="https://sthj.example.gov.cn/"/>
<id>tag:sthj.example.gov.cn,2026:feed</id>
<updated>2026-11-05T02:00:00Z</updated>
<entry>
<title type="html">空气质量&lt;em&gt;周报&lt;/em&gt;</title>
<link rel="alternate" href="https://sthj.example.gov.cn/kqzl/1.html"/>
<id>tag:sthj.example.gov.cn,2026:1</id>
<published>2026-11-05T02:00:00Z</published>
<updated>2026-11-05T03:00:00Z</updated>
<author><name>监测科</name></author>
<content type="html">&lt;p&gt;本周空气质量优良天数为6天。&lt;/p&gt;</content>
</entry>
<entry>
<title>水质公报</title>
<link href="/szgb/2.html"/>
<id>tag:sthj.example.gov.cn,2026:2</id>
<updated>2026-11-04T23:30:00+08:00</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>主要河流断面水质<strong>达标</strong>。</p></div></content>
</entry>
<entry>
<title>纯文本条目</title>
<id>tag:sthj.example.gov.cn,2026:3</id>
<updated>2026-11-03T16:30:00.000-05:00</updated>
<summary>这是一段纯文本摘要。</summary>
</entry>
</feed>
"""
(HERE / "atom.xml").write_text(ATOM, encoding="utf-8")

JSON = """{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "某某县发布（微博）",
  "home_page_url": "https://weibo.example.com/a",
  "items": [
    {"id": "101", "url": "https://weibo.example.com/a/101", "title": "政务服务中心延时服务",
     "content_html": "<p>即日起，政务服务中心提供<b>延时服务</b>。</p>",
     "date_published": "2026-11-05T09:00:00+08:00", "authors": [{"name": "县政务服务中心"}]},
    {"id": 102, "url": "/a/102", "content_text": "纯文本的微博内容。",
     "date_published": "2026-11-04T16:00:00Z"}
  ]
}
"""
(HERE / "feed.json").write_text(JSON, encoding="utf-8")

# A gb2312-labelled RSS holding a GBK-only character (镕): must read right, not truncate.
GBK_RSS = """<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>某某县人事信息</title><link>http://rs.example.gov.cn/</link>
<item><title>任命朱镕同志职务的通知</title><link>http://rs.example.gov.cn/1.html</link>
<pubDate>Thu, 05 Nov 2026 10:00:00 +0800</pubDate><description>任命朱镕同志为县统计局副局长。全文完。</description></item>
</channel></rss>
"""
(HERE / "gbk-rss.xml").write_bytes(GBK_RSS.encode("gbk"))

# Broken but recoverable: an unclosed <b> and a bare ampersand inside an item.
BROKEN = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>残缺的订阅源</title>
<item><title>第一条 & 未转义</title><link>https://mp.example.com/b/1</link><description>正文<b>未闭合</description></item>
<item><title>第二条</title><link>https://mp.example.com/b/2</link></item>
</channel></rss>
"""
(HERE / "broken-recoverable.xml").write_text(BROKEN, encoding="utf-8")

(HERE / "not-a-feed.html").write_text("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n", encoding="utf-8")
(HERE / "garbage.xml").write_text("<<<>>> this is not xml at all\n", encoding="utf-8")
