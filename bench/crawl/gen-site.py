#!/usr/bin/env python3
"""Writes a static site of N pages (default 20,000) for the crawler benchmark.

Page i links to its children 10i+1 … 10i+10 (a tree of depth 5 for 20,000 pages), to the
home page and a column page, and carries ~4 KB of plain Chinese government-style text with
the metadata a government page has. Deterministic: the same N gives the same bytes.
"""
import os
import sys

N = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
root = sys.argv[1]
os.makedirs(root, exist_ok=True)
PARAGRAPH = ("为深入贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，进一步提升政府网站建设管理水平，"
             "现将有关事项通知如下。各单位要高度重视，明确责任分工，按时报送工作进展情况。")


def page(i):
    children = [c for c in range(10 * i + 1, 10 * i + 11) if c < N]
    links = "".join(f'<li><a href="/p/{c}.html">第{c}号 通知公告</a><span>2026-11-{1 + c % 28:02d}</span></li>'
                    for c in children)
    text = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(12))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>第{i}号 关于做好政务公开工作的通知</title>
<meta name="SiteName" content="基准测试县人民政府"><meta name="SiteDomain" content="127.0.0.1">
<meta name="SiteIDCode" content="0000000001"><meta name="ColumnName" content="通知公告">
<meta name="ArticleTitle" content="第{i}号 关于做好政务公开工作的通知"><meta name="PubDate" content="2026-11-{1 + i % 28:02d} 09:00">
<meta name="ContentSource" content="县政府办公室"></head><body>
<div class="nav"><a href="/">首页</a> <a href="/p/0.html">通知公告</a></div>
<h1>第{i}号 关于做好政务公开工作的通知</h1><div class="date">发布时间：2026-11-{1 + i % 28:02d}</div>
{text}<ul>{links}</ul></body></html>
"""


os.makedirs(os.path.join(root, "p"), exist_ok=True)
for i in range(N):
    with open(os.path.join(root, "p", f"{i}.html"), "w", encoding="utf-8") as f:
        f.write(page(i))
with open(os.path.join(root, "index.html"), "w", encoding="utf-8") as f:
    f.write(page(0).replace("第0号", "首页"))
with open(os.path.join(root, "robots.txt"), "w") as f:
    f.write("User-agent: *\nDisallow:\n")
print(f"{N} pages in {root}")
