import Foundation
import GovCore
import Testing
@testable import GovReport

@Suite struct LedgerTests {
    let csv = Ledger.csv(siteName: "某某县人民政府", notice: Sample.notice)

    /// A small RFC 4180 reader (quoted fields with "" and line breaks), to read back the ledger.
    func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\""); chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" && chars.first == "\n" {
                chars.removeFirst(); row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        return rows
    }

    @Test func bomCRLFAndHeaderOfATaizhang() {
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("序号,问题编号,站点,栏目,页面标题,网址,位置,问题类型,严重程度,问题内容,建议修改,依据,首次发现,整改期限,状态,整改情况,整改时间,责任人,复核\r\n"))
        #expect(text.hasSuffix("\r\n"))
        let rows = parse(text)
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.count == 19 })
        #expect(rows.dropFirst().map { $0[0] } == ["1", "2", "3", "4", "5", "6"])
        #expect(
            rows.dropFirst().allSatisfy { $0[15].isEmpty && $0[16].isEmpty && $0[17].isEmpty && $0[18].isEmpty },
            "整改情况, 整改时间, 责任人, 复核 are left for the county")
    }

    @Test func rowsInNoticeOrderWithKeyStatusAndFixedDeadline() {
        let rows = parse(String(decoding: csv.dropFirst(3), as: UTF8.self)).dropFirst()
        #expect(rows.map { $0[14] } == ["已逾期", "已逾期", "新发现", "新发现", "新发现", "已整改"])
        #expect(Set(rows.map { $0[1] }) == Set(Sample.findings.map(\.key)), "问题编号 is the finding key")
        #expect(rows.last?[13] == "")
        let typo = rows.first { $0[7] == "错别字" && $0[14] == "新发现" }
        #expect(typo?[9] == "认真【布署】全年工作")
        #expect(typo?[10] == "部署")
        #expect(typo?[12] == "2026-11-27" && typo?[13] == "2026-11-27", "错敏字: the deadline is the day first seen")
        let broken = rows.first { $0[7] == "断链" }!
        #expect(broken[13] == "2026-12-02")
        let expression = rows.first { $0[7] == "严重表述错误" }!
        #expect(expression[12] == "2026-11-20" && expression[13] == "2026-11-20" && expression[14] == "已逾期")
    }

    @Test func falsePositivesReadBackFromAnEditedLedger() throws {
        var text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let rows = parse(text)
        let typo = rows.first { $0[7] == "错别字" && $0[14] == "新发现" }!
        // The county marks a row 误报 with its reason in 整改情况, as a spreadsheet saves it.
        let edited = typo.enumerated().map { index, cell in index == 14 ? "误报" : index == 15 ? "人名，非错别字" : cell }
        text = text.replacingOccurrences(
            of: typo.map(Ledger.csvCell).joined(separator: ","), with: edited.map(Ledger.csvCell).joined(separator: ",")
        )
        let marked = try Ledger.falsePositives(csv: Data(text.utf8), file: "ledger.csv")
        #expect(marked.map(\.key) == [typo[1]])
        #expect(marked.first?.reason == "人名，非错别字")
        // The physical line: the hostile title's CR LF inside a quoted cell counts.
        let physical = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").firstIndex {
            $0.contains(typo[1])
        }.map { $0 + 1 }
        #expect(marked.first?.line == physical)
        // Without a reason: one clear line naming the row.
        let noReason = text.replacingOccurrences(of: "人名，非错别字", with: "")
        #expect(throws: Ledger.ReadError.self) {
            try Ledger.falsePositives(csv: Data(noReason.utf8), file: "ledger.csv")
        }
        #expect(throws: Ledger.ReadError.self) {
            try Ledger.falsePositives(csv: Data("a,b\r\n1,2\r\n".utf8), file: "x.csv")
        }
    }

    @Test func ignoredRowsAreMarkedFalsePositive() {
        var notice = Sample.notice
        notice.items[0].ignoredReason = "人名"
        let rows = parse(String(decoding: Ledger.csv(siteName: "某某县人民政府", notice: notice).dropFirst(3), as: UTF8.self))
            .dropFirst()
        #expect(rows.last?[14] == "误报" && rows.last?[15] == "人名" && rows.last?[13] == "")
        #expect(!NoticeRenderer.html(notice).contains("认真<mark>布署</mark>"), "a 误报 row leaves the notice")
    }

    @Test func quotingAndFormulaGuard() {
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let rows = parse(text).dropFirst()
        let privacy = rows.first { $0[7] == "个人信息泄露" }!
        // A page title starting with + is prefixed with ' so a spreadsheet shows it as text.
        #expect(privacy[9] == "【=HYPERLINK(\"http://evil\")】,\"x\"")
        #expect(privacy[4] == "'+1 @cmd -2")
        #expect(Ledger.csvCell("=1+1") == "'=1+1")
        #expect(Ledger.csvCell("@SUM(A1)") == "'@SUM(A1)")
        #expect(Ledger.csvCell("-2") == "'-2")
        #expect(Ledger.csvCell("a,b") == "\"a,b\"")
        #expect(Ledger.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Ledger.csvCell("line\r\nbreak") == "\"line\r\nbreak\"")
        #expect(Ledger.csvCell("=a,\"b\"") == "\"'=a,\"\"b\"\"\"")
        // The hostile title with CR/LF stays inside one quoted cell.
        let expression = rows.first { $0[7] == "严重表述错误" }!
        #expect(expression[4] == Sample.hostileTitle)
    }

    @Test func jsonlRoundTripsThroughGovCoreCodable() throws {
        let out = try Ledger.jsonl(Sample.findings)
        let lines = out.split(separator: "\n")
        #expect(lines.count == Sample.findings.count)
        let decoded = try lines.map { try JSONDecoder().decode(Finding.self, from: Data($0.utf8)) }
        #expect(decoded == Sample.findings)
        #expect(lines[0].contains("\"rule\":\"typo\""))
        #expect(lines[0].contains("\"url\":\"https://www.a.example.gov.cn/zwdt/2026/1105/1.html\""))
    }

    /// Issue 13: where in an attachment a hit is (sheet!cell, page) is printed in the notice's
    /// line and in the ledger's 位置 column; a page finding leaves 位置 empty.
    @Test func anAttachmentsLocationIsPrintedInTheNoticeAndTheLedger() {
        var attached = Sample.finding(
            .privacy, .veto, match: "110101199003071234", context: "张三 110101199003071234", hit: 3..<21,
            status: .new, title: "2026年补贴发放名单", url: "https://www.a.example.gov.cn/files/list.xlsx")
        attached.location = "名单!C2"
        let page = Sample.findings[0]
        var notice = Sample.notice
        notice.items = [attached, page].map {
            NoticeItem(finding: $0, deadline: Deadline.forFinding($0, issued: Sample.runDate, workingDays: 3))
        }
        let rows = parse(String(decoding: Ledger.csv(siteName: "某某县人民政府", notice: notice).dropFirst(3), as: UTF8.self))
        let header = rows[0]
        let place = header.firstIndex(of: "位置")!
        #expect(rows.first { $0.contains(attached.key) }?[place] == "名单!C2")
        #expect(rows.first { $0.contains(page.key) }?[place] == "")
        #expect(NoticeRenderer.html(notice).contains("《2026年补贴发放名单》（名单!C2）"))
    }
}
