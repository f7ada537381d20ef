import Foundation
import GovCore
import Testing
@testable import GovReport

@Suite struct LedgerTests {
    let csv = Ledger.csv(siteName: "某某县人民政府", items: Sample.items)

    /// A small RFC 4180 reader (quoted fields with "" and line breaks), to read back the ledger.
    func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" && chars.first == "\n" { chars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test func bomCRLFAndHeader() {
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("序号,站点,栏目,页面标题,网址,问题类型,严重程度,问题内容,建议修改,依据,状态,首次发现,整改期限\r\n"))
        #expect(text.hasSuffix("\r\n"))
        let rows = parse(text)
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.count == 13 })
        #expect(rows.dropFirst().map { $0[0] } == ["1", "2", "3", "4", "5", "6"])
    }

    @Test func rowsOrderedBySeverityFixedLast() {
        let rows = parse(String(decoding: csv.dropFirst(3), as: UTF8.self)).dropFirst()
        #expect(rows.map { $0[6] } == ["单项否决", "单项否决", "扣分", "扣分", "提醒", "扣分"])
        #expect(rows.last?[10] == "已整改")
        #expect(rows.last?[12] == "")
        let typo = rows.first { $0[5] == "错别字" && $0[10] == "新发现" }
        #expect(typo?[7] == "认真【布署】全年工作")
        #expect(typo?[8] == "部署")
        #expect(typo?[12] == "当日整改")
    }

    @Test func quotingAndFormulaGuard() {
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let rows = parse(text).dropFirst()
        let privacy = rows.first { $0[5] == "个人信息泄露" }!
        // A page title starting with + is prefixed with ' so a spreadsheet shows it as text.
        #expect(privacy[7] == "【=HYPERLINK(\"http://evil\")】,\"x\"")
        #expect(privacy[3] == "'+1 @cmd -2")
        let broken = rows.first { $0[5] == "断链" }!
        #expect(broken[12] == "请于2026年12月2日前整改")
        #expect(Ledger.csvCell("=1+1") == "'=1+1")
        #expect(Ledger.csvCell("@SUM(A1)") == "'@SUM(A1)")
        #expect(Ledger.csvCell("-2") == "'-2")
        #expect(Ledger.csvCell("a,b") == "\"a,b\"")
        #expect(Ledger.csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Ledger.csvCell("line\r\nbreak") == "\"line\r\nbreak\"")
        #expect(Ledger.csvCell("=a,\"b\"") == "\"'=a,\"\"b\"\"\"")
        // The hostile title with CR/LF stays inside one quoted cell.
        let expression = rows.first { $0[5] == "严重表述错误" }!
        #expect(expression[3] == Sample.hostileTitle)
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
}
