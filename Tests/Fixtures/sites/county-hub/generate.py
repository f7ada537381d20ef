#!/usr/bin/env python3
"""Writes the county-hub fixture site (rerun after editing; the HTML is committed).

A TRS-style county portal: the homepage links to a 政务公开 overview (hub) page that lists
the newest items of three sub-columns — 通知公告, 政策文件, 人事信息 — whose pages live in
their own directories (/zwgk/tzgg/, /zwgk/zcwj/, /zwgk/rsxx/). Each sub-column has its own
list pages: index.html (10 items) and index_1.html (its second page, 3 items). Articles
declare their column three ways: 通知公告 by ColumnName meta, 政策文件 by breadcrumb only,
人事信息 by neither (its directory alone). One page is genuinely misfiled: a 职务任免 notice
published in 通知公告. The 政策文件 pages are normative documents whose validity line
(有效期至…) comes after 600 characters of text."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
HEAD = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}_某某县人民政府</title>
<meta name="SiteName" content="某某县人民政府">
<meta name="SiteDomain" content="www.hub.example.gov.cn">
<meta name="SiteIDCode" content="1304000011">
{meta}</head>
<body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
"""
FOOT = """<div class="footer">主办单位：某某县人民政府办公室 网站标识码：1304000011 冀ICP备15003850号 冀公网安备 13042002000524号</div>
</body></html>
"""

NOTICES = [
    "关于做好今冬明春森林防火工作的通知", "关于2027年元旦放假安排的通知", "关于开展全县安全生产大检查的通知",
    "关于城区部分路段临时停水的通知", "关于开展冬季供暖安全检查的通知", "关于做好寒潮天气防范工作的通知",
    "关于开展农村自建房安全排查的通知", "关于调整县政务服务中心办公时间的通知", "关于做好冬季道路交通安全工作的通知",
    "关于开展消防安全隐患排查整治的通知", "关于做好农民工工资支付工作的通知", "关于开展燃气安全专项检查的通知",
]
MISFILED = "关于王某某等同志职务任免的通知"
POLICIES = [
    "城市绿化管理办法", "农村宅基地管理办法", "城区停车管理办法", "政府投资项目管理办法", "公共资源交易管理办法",
    "住房公积金管理办法", "城乡环境卫生管理办法", "农村集体资产管理办法", "政府采购管理办法",
    "城市供水管理办法", "殡葬管理办法", "户外广告设置管理办法", "建筑垃圾管理办法",
]
PERSONNEL = [
    "县管干部任前公示", "2026年县直事业单位公开招聘拟聘用人员名单", "关于张某某同志任职的通知",
    "2026年县属国有企业公开招聘工作人员公告", "关于李某某等同志职务任免的通知", "2026年公开选调县直机关工作人员公告",
    "县管领导干部任职试用期满考核结果公示", "2026年乡镇事业单位公开招聘体检人员名单", "关于赵某某同志免职的通知",
    "2026年县教育系统公开招聘教师拟聘人员公示", "关于孙某某同志任职的通知", "2026年县卫健系统公开招聘面试成绩公示",
    "关于周某某等同志职务任免的通知",
]


def write(path, text):
    full = os.path.join(HERE, path.lstrip("/"))
    if full.endswith("/"):
        full += "index.html"
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def day(i):
    return f"2026-11-{27 - i:02d}"


def article(column, i, title, meta, crumb, paragraphs):
    extra = f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="{day(i)} 09:00">\n' + meta
    body = HEAD.format(title=title, meta=extra)
    if crumb:
        body += f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {crumb} &gt; 正文</div>\n'
    body += f"<h1>{title}</h1>\n<p>发布时间：{day(i)}</p>\n"
    body += "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return body + FOOT


def items(entries):
    return "".join(f'<li><a href="{url}">{title}</a><span>{d}</span></li>\n' for url, title, d in entries)


columns = []
# 通知公告: ColumnName meta; the planted 职务任免 notice is its newest item.
notices = [MISFILED] + NOTICES
entries = []
for i, title in enumerate(notices):
    url = f"/zwgk/tzgg/202611/t202611{27 - i:02d}_{1000 + i}.html"
    paragraphs = [f"各乡镇人民政府，县政府各部门：", f"现将{title[2:-3]}有关事项通知如下，请认真贯彻落实。",
                  "一、提高思想认识，加强组织领导。", "二、明确工作责任，抓好工作落实。", "某某县人民政府办公室"]
    if title == MISFILED:
        paragraphs = ["各乡镇人民政府，县政府各部门：", "经县委研究决定：任命王某某同志为县发展和改革局局长；免去刘某某同志县发展和改革局局长职务。",
                      "某某县人民政府"]
    write(url, article("通知公告", i, title, '<meta name="ColumnName" content="通知公告">\n', None, paragraphs))
    entries.append((url, title, day(i)))
columns.append(("通知公告", "/zwgk/tzgg/", entries))

# 政策文件: breadcrumb only; long normative documents, validity stated at the end.
entries = []
for i, name in enumerate(POLICIES):
    title = "某某县" + name
    url = f"/zwgk/zcwj/202611/t202611{27 - i:02d}_{2000 + i}.html"
    clauses = [f"某政规〔2026〕{i + 1}号"]
    for n, text in enumerate(["为了规范管理，维护公共利益，根据有关法律法规，结合本县实际，制定本办法。",
                              "本办法适用于本县行政区域内的相关管理活动。县人民政府有关部门按照各自职责做好相关工作。",
                              "县主管部门负责本办法的组织实施，乡镇人民政府配合做好辖区内的相关工作。",
                              "相关单位和个人应当遵守本办法的规定，自觉接受主管部门的监督检查。",
                              "主管部门应当建立健全监督检查制度，定期开展检查，发现问题及时责令整改。",
                              "违反本办法规定的，由主管部门责令限期改正；逾期不改正的，依法予以处理。",
                              "国家机关工作人员在管理工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分。",
                              "本办法实施中的具体问题，由县主管部门负责解释。"], start=1):
        clauses.append(f"第{'一二三四五六七八'[n - 1]}条　{text}")
    clauses.append("第九条　本办法自2026年12月1日起施行，有效期至2031年11月30日。")
    write(url, article("政策文件", i, title, "", "政策文件", clauses))
    entries.append((url, title, day(i)))
columns.append(("政策文件", "/zwgk/zcwj/", entries))

# 人事信息: neither ColumnName nor breadcrumb; its directory alone files it.
entries = []
for i, title in enumerate(PERSONNEL):
    url = f"/zwgk/rsxx/202611/t202611{27 - i:02d}_{3000 + i}.html"
    paragraphs = [f"{title}。", "根据干部人事管理有关规定，现将有关情况予以公布。", "联系电话：0311-12345678", "中共某某县委组织部　某某县人力资源和社会保障局"]
    write(url, article("人事信息", i, title, "", None, paragraphs))
    entries.append((url, title, day(i)))
columns.append(("人事信息", "/zwgk/rsxx/", entries))

for name, base, entries in columns:
    for page, chunk in [(base, entries[:10]), (base + "index_1.html", entries[10:])]:
        crumbs = f'<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; {name}</div>\n'
        pager = f'<div class="page"><a href="{base}">首页</a> <a href="{base}index_1.html">下一页</a></div>\n'
        write(page, HEAD.format(title=name, meta=f'<meta name="ColumnName" content="{name}">\n') + crumbs
              + f'<ul class="list">\n{items(chunk)}</ul>\n' + pager + FOOT)

hub = HEAD.format(title="政务公开", meta='<meta name="ColumnName" content="政务公开">\n')
hub += '<div class="position">当前位置：<a href="/">首页</a> &gt; 政务公开</div>\n'
for name, base, entries in columns:
    hub += f'<div class="box"><h2>{name}</h2><a href="{base}">更多</a>\n<ul class="list">\n{items(entries[:5])}</ul></div>\n'
write("/zwgk/", hub + FOOT)

home = HEAD.format(title="首页", meta="").replace("<title>首页_某某县人民政府</title>", "<title>某某县人民政府</title>")
home += "<h1>某某县人民政府</h1>\n<p>欢迎访问某某县人民政府门户网站。</p>\n"
write("/", home + FOOT)
