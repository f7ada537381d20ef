import Foundation
import GovCore

/// The rectification ledger (整改台账) as CSV, and findings as JSON Lines.
public enum Ledger {
    /// 位置 is where in an attachment the hit is (page, sheet!cell, line). The county fills in the last four columns; `govlint ignore --from` reads back the rows
    /// whose 状态 they set to 误报, with the reason written in 整改情况.
    public static let csvColumns = [
        "序号", "问题编号", "站点", "栏目", "页面标题", "网址", "位置", "问题类型", "严重程度",
        "问题内容", "建议修改", "依据", "首次发现", "整改期限", "状态",
        "整改情况", "整改时间", "责任人", "复核",
    ]

    /// UTF-8 with BOM (so Excel and WPS open it as UTF-8), CRLF line ends, RFC 4180 quoting,
    /// and cells that a spreadsheet would run as a formula prefixed with `'`. Rows in the
    /// notice's numbering (序号 = the notice's item number), then the rows marked 误报.
    public static func csv(siteName: String, notice: NoticeInput) -> Data {
        var full = notice
        full.digestOnly = false
        var rows = [csvColumns]
        for (index, item) in full.orderedItems.enumerated() {
            let f = item.finding
            let deadline: String =
                f.status == .fixed || item.ignoredReason != nil
                ? ""
                : (item.deadline.map { $0.day?.description ?? (f.firstSeen ?? notice.runDate.description) } ?? "")
            rows.append([
                String(index + 1), f.key, siteName, f.column ?? "", f.title ?? "", f.url,
                Self.place(f), item.typeLabel,
                f.severity.chinese, Excerpt(f).plain + ((f.occurrences ?? 1) > 1 ? "（本页共\(f.occurrences!)处）" : ""),
                f.suggestion ?? "", OfficialWording.basis(f.basis) ?? "",
                f.firstSeen ?? "", deadline, item.statusChinese,
                item.ignoredReason ?? "", "", "", "",
            ])
        }
        let text = rows.map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
    }

    /// 位置: where in an attachment the hit is, or for a link of the page template every page
    /// that carries it (the notice shows one of them).
    static func place(_ f: Finding) -> String {
        if let pages = f.pages, pages.count > 1 {
            return "页面模板，出现在以下\(pages.count)个页面：" + pages.joined(separator: "；")
        }
        return f.location.map { TextCleaning.singleLine($0) } ?? ""
    }

    /// One cell: formula guard first, then RFC 4180 quoting when the cell needs it.
    static func csvCell(_ raw: String) -> String {
        var cell = raw
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            cell = "'" + cell
        }
        let needsQuotes = cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A row the county marked 误报 (false positive), read back from a ledger.
    public struct FalsePositive: Sendable, Hashable {
        public var key: String
        public var reason: String
        /// 1-based line of the row in the file.
        public var line: Int
    }

    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The rows whose 状态 is 误报, with the reason from 整改情况 (or 复核). The file may have
    /// been saved by Excel or WPS: BOM or none, CRLF or LF, quoted cells, extra columns.
    public static func falsePositives(csv data: Data, file: String) throws(ReadError) -> [FalsePositive] {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ReadError(description: "\(file): not UTF-8 text (save the ledger as “CSV UTF-8”)")
        }
        let rows = parseCSV(text)
        guard let header = rows.first?.cells else { throw ReadError(description: "\(file): empty ledger") }
        let column = { (name: String) in header.firstIndex { $0.trimmingCharacters(in: .whitespaces) == name } }
        guard let keyColumn = column("问题编号"), let statusColumn = column("状态") else {
            throw ReadError(description: "\(file):1: not a govlint ledger (no 问题编号 and 状态 columns)")
        }
        let reasonColumns = ["整改情况", "复核"].compactMap(column)
        var out: [FalsePositive] = []
        for row in rows.dropFirst() {
            let cells = row.cells
            guard statusColumn < cells.count, cells[statusColumn].trimmingCharacters(in: .whitespaces) == "误报" else {
                continue
            }
            let key = keyColumn < cells.count ? cells[keyColumn].trimmingCharacters(in: .whitespaces).lowercased() : ""
            guard key.count == 16, key.allSatisfy(\.isHexDigit) else {
                throw ReadError(
                    description: "\(file):\(row.line): 问题编号 must be the 16-character key govlint wrote, found “\(key)”")
            }
            let reason = reasonColumns.lazy.compactMap {
                $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespacesAndNewlines) : nil
            }
            .first { !$0.isEmpty }
            guard let reason else {
                throw ReadError(description: "\(file):\(row.line): a row marked 误报 needs its reason in 整改情况")
            }
            out.append(FalsePositive(key: key, reason: reason, line: row.line))
        }
        return out
    }

    /// RFC 4180 rows with the line each starts on (quoted cells may span lines).
    static func parseCSV(_ text: String) -> [(line: Int, cells: [String])] {
        var rows: [(Int, [String])] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var line = 1, rowLine = 1
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    cell.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where cell.isEmpty: quoted = true
            case ",": cells.append(cell); cell = ""
            case "\r": continue
            case "\n":
                cells.append(cell); cell = ""
                if !(cells.count == 1 && cells[0].isEmpty) { rows.append((rowLine, cells)) }
                cells = []
                line += 1
                rowLine = line
            default: cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !cells.isEmpty { cells.append(cell); rows.append((rowLine, cells)) }
        return rows
    }

    /// One Finding JSON object a line (SPEC §2), through GovCore's Codable.
    public static func jsonl(_ findings: [Finding]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try findings.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }
}
