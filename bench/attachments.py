#!/usr/bin/env python3
"""Attachment reading benchmark (issue 15): makes real-size files with the same real
programs as Tests/Fixtures/attachments/make.py (Chromium, python-docx, openpyxl, xlwt,
LibreOffice) in a temp folder, then times `govlint check` on each format — attachments per
second and CPU seconds per MB (govlint's own CPU plus its converters', from wait4's rusage).
Usage: bench/attachments.py [GOVLINT] [--runs N]; prints a Markdown table.
"""
import os, resource, subprocess, sys, tempfile, time, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
govlint = next((a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit()), ROOT + "/.build/release/govlint")
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
PARA = "为进一步规范城区道路交通管理，县公安局起草了本办法，现向社会公开征求意见，请于截止日期前反馈。"


def make(tmp):
    files = {}
    html = "<html><head><meta charset='utf-8'></head><body>" + "".join(
        f"<div style='page-break-after:always'>" + "".join(f"<p>{i}.{j} {PARA}</p>" for j in range(25)) + "</div>" for i in range(40)) + "</body></html>"
    open(f"{tmp}/p.html", "w").write(html)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--user-data-dir={tmp}/prof",
                    f"--print-to-pdf={tmp}/policy.pdf", f"file://{tmp}/p.html"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files["pdf (40 pages)"] = "policy.pdf"
    import docx
    d = docx.Document()
    for i in range(2000):
        d.add_paragraph(f"{i} {PARA}")
    t = d.add_table(rows=200, cols=4)
    for r in range(200):
        for c in range(4):
            t.cell(r, c).text = f"{r}-{c} 张伟"
    d.save(f"{tmp}/draft.docx")
    files["docx (2,000 paragraphs + 200-row table)"] = "draft.docx"
    import openpyxl
    b = openpyxl.Workbook()
    s = b.active
    for r in range(1, 20001):
        s.append([r, "张伟", f"1101051990030{r % 10000:04d}"[:18], "13812345678", PARA[:20]])
    b.save(f"{tmp}/list.xlsx")
    files["xlsx (20,000 rows × 5)"] = "list.xlsx"
    import xlwt
    w = xlwt.Workbook(encoding="utf-8")
    s = w.add_sheet("名单")
    for r in range(5000):
        for c, v in enumerate([str(r), "张伟", "110105199003071234", "13812345678", PARA[:20]]):
            s.write(r, c, v)
    w.save(f"{tmp}/list.xls")
    files["xls (5,000 rows × 5, via LibreOffice)"] = "list.xls"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "doc", "--outdir", tmp, f"{tmp}/draft.docx"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files["doc (same document, catdoc)"] = "draft.doc"
    with zipfile.ZipFile(f"{tmp}/notice.ofd", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages>' +
                   "".join(f'<ofd:Page ID="{i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(40)) + "</ofd:Pages></ofd:Document>")
        for i in range(40):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>' +
                       "".join(f'<ofd:TextObject Boundary="20 {10 + j * 8} 170 6"><ofd:TextCode X="0" Y="5">{PARA}</ofd:TextCode></ofd:TextObject>' for j in range(25)) +
                       "</ofd:Layer></ofd:Content></ofd:Page>")
    files["ofd (40 pages)"] = "notice.ofd"
    open(f"{tmp}/list.csv", "wb").write(("\r\n".join(f"{r},张伟,110105199003071234,13812345678" for r in range(20000))).encode("gb18030"))
    files["csv (20,000 rows, GB18030)"] = "list.csv"
    return files


def measure(path):
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        subprocess.run([govlint, "check", "--lexicon", ROOT + "/wordlists", "--fail-on", "none", "--quiet", path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if best is None or wall < best[0]:
            best = (wall, cpu)
    return best


with tempfile.TemporaryDirectory() as tmp:
    files = make(tmp)
    empty = f"{tmp}/empty.txt"
    open(empty, "w").write("无\n")
    base_wall, base_cpu = measure(empty)
    print(f"| format | size | attachments/s | CPU s | CPU s/MB (minus start-up) |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| start-up (a one-line text file: lexicon load) | – | {1 / base_wall:.1f} | {base_cpu:.2f} | – |")
    for label, name in files.items():
        path = f"{tmp}/{name}"
        mb = os.path.getsize(path) / 1e6
        wall, cpu = measure(path)
        print(f"| {label} | {mb:.2f} MB | {1 / wall:.2f} | {cpu:.2f} | {(cpu - base_cpu) / mb:.2f} |")
