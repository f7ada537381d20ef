#!/usr/bin/env python3
"""Writes the page fixtures. The GBK ones are encoded here, so the committed files hold
real GBK bytes (run once; the bytes are what the tests read)."""
from pathlib import Path

HERE = Path(__file__).parent


def write(name, text, encoding="utf-8", prefix=b"", insert=None):
    data = text.encode(encoding)
    if insert:
        marker, raw = insert
        data = data.replace(marker.encode(encoding), raw)
    (HERE / name).write_bytes(prefix + data)


UTF8 = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>关于做好2026年冬季安全生产工作的通知_某某县人民政府</title>
</head>
<body>
<h1>关于做好冬季安全生产工作的通知</h1>
<p>各乡镇人民政府，县直各单位：</p>
<p>为认真部署全年工作，现将有关事项通知如下。</p>
<p><a href="/zwgk/tzgg/202611/t20261105_1.html">相关通知</a>
<a href="https://www.gov.cn/zhengce/">中国政府网</a></p>
</body>
</html>
"""
write("utf8.html", UTF8)

GBK_META = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>某某县人民政府办公室关于印发工作要点的通知</title>
</head>
<body>
<div class="content">
<p>各乡镇人民政府：现将《二〇二六年政务公开工作要点》印发给你们，请认真贯彻执行。</p>
<p><a href="fujian/yaodian.doc">附件：工作要点</a></p>
</div>
</body>
</html>
"""
write("gbk-meta.html", GBK_META, "gbk")

GBK_UNDECLARED = """<html>
<head>
<title>政务公开工作动态</title>
</head>
<body>
<p>县政务公开办召开专题会议，研究部署政府网站常态化监管工作。</p>
<p><a href="/zwdt/1.html">会议强调要压实主体责任</a></p>
</body>
</html>
"""
write("gbk-undeclared.html", GBK_UNDECLARED, "gbk")

# Labelled gb2312 but holding GBK-only characters (堃 喆 镕 are not in GB2312) and one byte
# (0xFF) that is valid in no GB encoding: all text and links after it must survive.
GB2312_GBK_ONLY = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>人事任免信息</title>
</head>
<body>
<p>任命王堃同志为县发展和改革局局长。</p>
<p>任命李喆同志为县财政局副局长。</p>
<p>BADBYTE任命朱镕同志为县统计局副局长。</p>
<p><a href="/rsxx/202611/t20261105_9.html">上一篇：县人民政府关于人事任免的通知</a></p>
<p>本页面最后一段文字。</p>
</body>
</html>
"""
write("gb2312-gbk-only.html", GB2312_GBK_ONLY, "gbk", insert=("BADBYTE", b"\xff"))

# Served with a wrong header (charset=gbk in the test) but starting with a UTF-8 BOM.
BOM = """<html><head><title>网站标识码说明</title></head>
<body><p>政府网站标识码是政府网站的唯一身份代码。</p></body></html>
"""
write("bom-utf8.html", BOM, prefix=b"\xef\xbb\xbf")

BROKEN = """<html><head><title>残缺页面</title>
<body>
<div class=main>
<p>第一段没有结束标签
<p>第二段<b>加粗<i>交叉</b>嵌套</i>
<table><tr><td>单元格一<td>单元格二</table>
</span></div></div>
<a href=/a/1.html>未加引号的链接
<a href="/a/2.html">第二个链接</a>
<p>属性没有结束 <img src="x.png" alt="图片说明>
<p>页面最后一句话。
"""
write("broken.html", BROKEN)

HIDDEN = """<html><head><title>暗链测试页</title>
<style>
.hide { display: none }
#gone, span.away { visibility: hidden; }
@media print { .screen { display: none } }
.visible { color: red }
</style>
</head>
<body>
<p><a href="/zwgk/index.html">政务公开</a></p>
<div style="display:none"><a href="http://spam1.example.com/">赌博网站一</a></div>
<div style="VISIBILITY: hidden !important"><a href="http://spam2.example.com/">赌博网站二</a></div>
<div style="width:0;height:0;overflow:hidden"><a href="http://spam3.example.com/">赌博网站三</a></div>
<div style="position:absolute;left:-9999px;top:0"><a href="http://spam4.example.com/">赌博网站四</a></div>
<p style="text-indent:-2000px"><a href="http://spam5.example.com/">赌博网站五</a></p>
<div hidden><a href="http://spam6.example.com/">赌博网站六</a></div>
<div class="box hide"><p><a href="http://spam7.example.com/">赌博网站七</a></p></div>
<div id="gone"><a href="http://spam8.example.com/">赌博网站八</a></div>
<span class="away"><a href="http://spam9.example.com/">赌博网站九</a></span>
<p style="font-size:0"><a href="http://spam10.example.com/">赌博网站十</a></p>
<div class="screen"><a href="/print/1.html">打印版</a></div>
<div class="visible"><a href="/zwgk/2.html">公开目录</a></div>
<iframe src="http://spam11.example.com/" width="0" height="0"></iframe>
<div class="late"><a href="http://spam12.example.com/">赌博网站十二</a></div>
<style>.late{display:none}</style>
<a href="javascript:void(0)">无效链接</a>
<a href="mailto:gkb@example.gov.cn">联系我们</a>
<a href="#top">返回顶部</a>
</body></html>
"""
write("hidden-links.html", HIDDEN)

LIST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>通知公告_某某县人民政府</title>
<meta name="ColumnName" content="通知公告">
</head>
<body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<ul class="list">
<li><a href="./202611/t20261105_1.html" title="关于开展2026年度政府信息公开工作年度报告编制工作的通知">关于开展2026年度政府信息公开工作年度报告编...</a><span>2026-11-05</span></li>
<li><a href="./202611/t20261102_2.html">2026年11月1日县政府常务会议纪要</a><span>[2026-11-02]</span></li>
<li><a href="./202610/t20261030_3.html">关于调整办公时间的公告</a> 2026年10月30日</li>
<li><a href="./202610/t20261028_4.html">没有日期的条目</a></li>
</ul>
<table class="list">
<tr><th>标题</th><th>发布日期</th></tr>
<tr><td><a href="/zwgk/tzgg/202609/t20260915_5.html">县人民政府关于秋季防火的通告</a></td><td>2026/09/15</td></tr>
</table>
<div class="footer">主办单位：某某县人民政府办公室 网站标识码：1304000009 冀ICP备15003849号</div>
</body></html>
"""
write("list.html", LIST)

ARTICLE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>县政府召开全县安全生产工作会议_某某县人民政府</title>
<meta name="SiteName" content="某某县人民政府">
<meta name="SiteDomain" content="www.a.example.gov.cn">
<meta name="SiteIDCode" content="1304000009">
<meta name="ColumnName" content="政务动态">
<meta name="ColumnType" content="工作动态">
<meta name="ArticleTitle" content="县政府召开全县安全生产工作会议">
<meta name="PubDate" content="2026-11-05 10:00">
<meta name="ContentSource" content="县政府办公室">
<meta name="keywords" content="安全生产,工作会议">
<meta name="description" content="县政府召开全县安全生产工作会议，部署冬季安全生产工作。">
<base href="https://www.a.example.gov.cn/zwdt/">
<script src="http://dcs.conac.cn/js/13/000/0000/60000000/CA130000000600000000.js"></script>
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<div class="crumb"><span>您的位置：</span><a href="/">网站首页</a> » <a href="/zwgk/">政务公开</a> » <a href="/zwdt/">政务动态</a></div>
<div class="article">
<div class="title">县政府召开全县安全生产工作会议</div>
<div class="info">来源：县政府办公室 &nbsp; 发布时间：2026-11-05 10:00 &nbsp; 浏览次数：120</div>
<div class="content">
<p>　　11月4日，县政府召开全县安全生产工作会议。成文日期：2026-11-01</p>
<p><img src="images/meeting.jpg" alt="会议现场" title="会议现场照片"></p>
<p><a href="files/anquan.pdf">附件：安全生产检查表.pdf</a></p>
</div>
</div>
<div id="footer">
<p>主办单位：某某县人民政府办公室</p>
<p>网站标识码：1304000009 <a href="https://beian.miit.gov.cn/">冀ICP备15003849号</a></p>
</div>
</body>
</html>
"""
write("article.html", ARTICLE)
