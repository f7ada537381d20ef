#!/usr/bin/env python3
"""Makes the attachment fixtures with real programs (rerunnable; outputs are committed).

  policy.pdf      HTML printed to PDF by headless Chromium, five pages; page 4 holds a typo
                  and an ID number, page 5 a masked and a checksum-failing number
  draft.docx      python-docx: paragraphs and a table (an ID number in 表格1 第3行第2列)
  list.xlsx       openpyxl: sheet 说明 and sheet 名单 (second sheet) with IDs, mobiles, cards
  legacy.xls      xlwt (BIFF8; read through LibreOffice, xls2csv as the fallback)
  legacy.doc      LibreOffice headless (soffice --convert-to doc) from a python-docx file
  notice.ofd      OFD is a zip of XML (GB/T 33190) and no OFD writer is packaged for Debian:
                  written here with zipfile, in the layout the standard prescribes
  list.csv        GB18030-encoded CSV, notice.txt GB18030 text
  hostile/        bomb.docx (a document.xml of 48 MiB of zeros' worth of paragraphs,
                  ~50 KB on disk), truncated.pdf, truncated.docx, encrypted.pdf (qpdf
                  --encrypt with a user password), heavy.pdf (a deflated content stream of
                  millions of text operators: pdftotext needs seconds of CPU for it)
  scanned.png     (`make.py scanned` alone remakes just these two) a Chromium screenshot of
                  a name, a valid ID number and the typo 截止目前, for OCR; scanned.pdf the
                  same picture wrapped by img2pdf, a PDF without a text layer. Not in
                  planted.tsv: only OCR reads them (AttachmentOCRTests, OCRTests).
The planted problems are listed in planted.tsv (file, location, rule, match).
Needs: img2pdf (scanned), chromium, python3-docx/openpyxl/xlwt (pip), soffice, qpdf, fonts-noto-cjk.
"""
import io, os, shutil, subprocess, sys, tempfile, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
os.makedirs("hostile", exist_ok=True)


def id_number(region, birth, seq):
    body = f"{region}{birth}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def broken_id(number):
    """Same number with a wrong check character: not an ID number."""
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


def card(prefix, length=19):
    digits = [int(c) for c in prefix] + [0] * (length - len(prefix) - 1)
    for i in range(len(prefix), length - 1):
        digits[i] = (i * 7 + 3) % 10
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


IDS = [id_number("110105", f"19{70 + i}0{(i % 9) + 1}1{i % 9}", 100 + i) for i in range(12)]
MASKED = "110105********1234"
BROKEN = broken_id(id_number("320106", "19900307", 123))
MOBILES = [f"13{8 - i % 3}{(12345670 + i * 1111) % 100000000:08d}" for i in range(12)]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴斌", "徐丽", "孙浩"]
planted = []


def plant(file, location, rule, match):
    planted.append((file, location, rule, match))


def pdf():
    pages = [
        "<h1>关于做好2026年度秋冬季农业生产工作的通知</h1><p>各乡镇人民政府，县直各有关单位：为切实做好秋冬季农业生产工作，现将有关事项通知如下。</p>",
        "<p>一、提高思想认识。截止目前，全县已完成秋播面积十二万亩，各地要认真总结经验。</p>",
        "<p>二、加强组织领导。各乡镇要成立工作专班，明确责任分工，确保各项措施落到实处。</p>",
        f"<p>三、强化工作落实。会议要求，各乡镇要认真布署全年工作。</p><p>申请人王芳，身份证号{IDS[0]}，经审核符合条件。</p>",
        f"<p>四、其他事项。已脱敏的号码{MASKED}不是泄露，校验位错误的号码{BROKEN}也不是身份证号。</p>",
    ]
    plant("policy.pdf", "第2页", "typo", "截止目前")
    plant("policy.pdf", "第4页", "typo", "布署")
    plant("policy.pdf", "第4页", "privacy", IDS[0][:6] + "********" + IDS[0][-4:])
    html = "<html><head><meta charset='utf-8'><style>body{font-family:'Noto Serif CJK SC';font-size:16pt}" \
           ".p{page-break-after:always}</style></head><body>" + "".join(f"<div class='p'>{p}</div>" for p in pages) + "</body></html>"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "policy.html")
        open(src, "w", encoding="utf-8").write(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={HERE}/policy.pdf", "file://" + src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def docx(path, paragraphs, table=None):
    import docx as python_docx
    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.save(path)


def word():
    paragraphs = ["关于征求《县城区道路交通管理办法（征求意见稿）》意见的公告",
                  "为进一步规范城区道路交通管理，县公安局起草了本办法。",
                  "对过期的票据要及时消毁，严禁随意丢弃。",
                  f"已脱敏的号码{MASKED}和校验位错误的号码{BROKEN}都不应报告。"]
    table = [["姓名", "身份证号码", "备注"], ["张伟", "（见附件）", "无"], ["王芳", IDS[1], "各单位己经确认"]]
    docx("draft.docx", paragraphs, table)
    plant("draft.docx", "段落3", "typo", "消毁")
    plant("draft.docx", "表格1 第3行第2列", "privacy", IDS[1][:6] + "********" + IDS[1][-4:])
    plant("draft.docx", "表格1 第3行第3列", "typo", "己经")
    # The legacy .doc: the same kind of document saved by LibreOffice as Word 97–2003.
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "legacy.docx")
        docx(src, ["关于规范财政资金管理的通知", "各单位在认识上存在分岐，要统一思想。",
                   f"申请人李娜，身份证号{IDS[2]}，经审核符合条件。"])
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "doc",
                        "--outdir", tmp, src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "legacy.doc"), "legacy.doc")
    plant("legacy.doc", "段落2", "typo", "分岐")
    plant("legacy.doc", "段落3", "privacy", IDS[2][:6] + "********" + IDS[2][-4:])


ROWS = 8


def people_rows():
    rows = [["序号", "姓名", "身份证号码", "联系电话", "银行卡号", "备注"]]
    for i in range(ROWS):
        rows.append([str(i + 1), NAMES[i], IDS[3 + i], MOBILES[i], card("622202"), ""])
    rows.append([str(ROWS + 1), "徐丽", MASKED, "138****5678", "6222********1234", "已脱敏"])
    rows.append([str(ROWS + 2), "孙浩", BROKEN, "—", "—", "校验位错误"])
    rows[6][5] = "秸杆综合利用补贴"
    return rows


def excel():
    import openpyxl
    book = openpyxl.Workbook()
    first = book.active
    first.title = "说明"
    first["A1"] = "2026年度秸秆综合利用补贴发放名单公示"
    first["A2"] = "公示期间如有异议，请与县农业农村局联系。"
    second = book.create_sheet("名单")
    for r, row in enumerate(people_rows(), start=1):
        for c, value in enumerate(row, start=1):
            second.cell(row=r, column=c, value=value)
    book.save("list.xlsx")
    plant("list.xlsx", "名单!F7", "typo", "秸杆")
    plant("list.xlsx", "名单", "privacy-list", str(ROWS))

    import xlwt
    legacy = xlwt.Workbook(encoding="utf-8")
    s1 = legacy.add_sheet("汇总")
    s1.write(0, 0, "2026年度困难群众临时救助名单")
    s2 = legacy.add_sheet("名单")
    for r, row in enumerate(people_rows()[:4]):
        for c, value in enumerate(row):
            s2.write(r, c, value)
    s2.write(5, 1, "财政拔款已到位")
    legacy.save("legacy.xls")
    plant("legacy.xls", "名单", "privacy-list", "3")
    plant("legacy.xls", "名单!B6", "typo", "财政拔款")


def ofd():
    def page(lines):
        objects = []
        for i, text in enumerate(lines):
            # One line split over two text objects on the same baseline, as OFD writers do.
            half = len(text) // 2
            for j, part in enumerate((text[:half], text[half:])):
                objects.append(f'<ofd:TextObject ID="{i * 2 + j + 10}" Boundary="{20 + j * 80} {30 + i * 10} 80 6" Font="1" Size="4">'
                               f'<ofd:TextCode X="0" Y="5">{part}</ofd:TextCode></ofd:TextObject>')
        return ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content>'
                '<ofd:Layer ID="2">' + "".join(objects) + '</ofd:Layer></ofd:Content></ofd:Page>')
    with zipfile.ZipFile("notice.ofd", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
                   'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>govlint</ofd:DocID></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
                   '<ofd:CommonData><ofd:MaxUnitID>99</ofd:MaxUnitID></ofd:CommonData><ofd:Pages>'
                   '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/>'
                   '</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/Pages/Page_0/Content.xml", page(["县人民政府办公室关于印发工作要点的通知", "各乡镇人民政府，县直各单位："]))
        z.writestr("Doc_0/Pages/Page_1/Content.xml", page(["会议要求各部门认真布署全年工作。", f"联系人赵敏身份证号{IDS[11]}"]))
    plant("notice.ofd", "第2页", "typo", "布署")
    plant("notice.ofd", "第2页", "privacy", IDS[11][:6] + "********" + IDS[11][-4:])


def text_files():
    rows = ["姓名,身份证号码,联系电话"] + [f"{NAMES[i]},{IDS[i]},{MOBILES[i]}" for i in (9, 10)]
    open("list.csv", "wb").write(("\r\n".join(rows) + "\r\n").encode("gb18030"))
    plant("list.csv", "B2", "privacy", IDS[9][:6] + "********" + IDS[9][-4:])
    plant("list.csv", "B3", "privacy", IDS[10][:6] + "********" + IDS[10][-4:])
    open("notice.txt", "wb").write("关于做好冬季安全生产工作的通知\n\n截止目前，全县未发生较大安全事故。\n".encode("gb18030"))
    plant("notice.txt", "第3行", "typo", "截止目前")


def hostile():
    # Zip bomb: a well-formed document.xml that inflates to 48 MiB (~50 KB deflated).
    body = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' \
           + b"<w:p/>" * (8 << 20) + b"</w:body></w:document>"
    with zipfile.ZipFile("hostile/bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", body)
    with tempfile.TemporaryDirectory() as tmp:
        # A one-page PDF in Latin letters (a small font subset) to encrypt and to cut short.
        src = os.path.join(tmp, "short.html")
        open(src, "w").write("<html><body><p>Notice 2026 No. 12: the plan is approved.</p></body></html>")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={tmp}/short.pdf", "file://" + src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        data = open(f"{tmp}/short.pdf", "rb").read()
        open("hostile/truncated.pdf", "wb").write(data[: len(data) // 3])
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", f"{tmp}/short.pdf", "hostile/encrypted.pdf"], check=True)
    data = open("draft.docx", "rb").read()
    open("hostile/truncated.docx", "wb").write(data[: len(data) // 2])
    # Millions of text operators in one deflated content stream.
    ops = b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (x) Tj " * 3_000_000 + b"ET"
    stream = zlib.compress(ops, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for o in offsets:
        out.write(b"%010d 00000 n \n" % o)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    open("hostile/heavy.pdf", "wb").write(out.getvalue())


def scanned():
    """scanned.png and scanned.pdf: a page with a name and an ID number as a picture only
    (Chromium screenshot; img2pdf wraps it in a PDF without a text layer). Read only by OCR."""
    number = id_number("320106", "19900307", 123)
    html = ("<html><head><meta charset='utf-8'><style>body{font-family:'Noto Sans CJK SC';font-size:40px;"
            "margin:30px;background:#fff;color:#000}</style></head><body>"
            "<p>申请人名单</p><p>申请人：王芳 身份证号：" + number + "</p><p>截止目前已审核。</p></body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "scan.html")
        open(src, "w", encoding="utf-8").write(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--user-data-dir={tmp}/profile", "--window-size=1100,330", f"--screenshot={tmp}/shot.png",
                        "file://" + src], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copy(f"{tmp}/shot.png", "scanned.png")
    subprocess.run(["img2pdf", "--output", "scanned.pdf", "scanned.png"], check=True)
    return number


if __name__ == "__main__":
    if sys.argv[1:] == ["scanned"]:
        print("ok: scanned.png, scanned.pdf", scanned()); sys.exit(0)
    pdf(); word(); excel(); ofd(); text_files(); hostile(); scanned()
    with open("planted.tsv", "w", encoding="utf-8") as f:
        f.write("# Planted problems in the attachment fixtures (make.py): file<TAB>location<TAB>rule<TAB>match\n"
                "# privacy-list: the attachment is a list of persons; the match column is the count of leaking rows.\n")
        for row in planted:
            f.write("\t".join(row) + "\n")
    print("ok:", ", ".join(sorted(os.listdir("."))))
