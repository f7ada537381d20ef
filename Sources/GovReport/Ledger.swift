import Foundation
import GovCore

/// The rectification ledger (整改台账) as CSV, and findings as JSON Lines.
public enum Ledger {
    public static let csvColumns = ["序号", "站点", "栏目", "页面标题", "网址", "问题类型", "严重程度",
                                    "问题内容", "建议修改", "依据", "状态", "首次发现", "整改期限"]

    /// UTF-8 with BOM (so Excel and WPS open it as UTF-8), CRLF line ends, RFC 4180 quoting,
    /// and cells that a spreadsheet would run as a formula prefixed with `'`.
    public static func csv(siteName: String, items: [NoticeItem]) -> Data {
        var rows = [csvColumns]
        let ordered = items.filter { $0.finding.status != .fixed }.sorted(by: ledgerOrder)
            + items.filter { $0.finding.status == .fixed }.sorted(by: ledgerOrder)
        for (index, item) in ordered.enumerated() {
            let f = item.finding
            rows.append([
                String(index + 1), siteName, f.column ?? "", f.title ?? "", f.url, item.typeLabel,
                f.severity.chinese, Excerpt(f).plain, f.suggestion ?? "", f.basis ?? "",
                (f.status ?? .new).chinese, f.firstSeen ?? "", item.deadline?.chinese ?? "",
            ])
        }
        let text = rows.map { $0.map(csvCell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
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

    private static func ledgerOrder(_ a: NoticeItem, _ b: NoticeItem) -> Bool {
        if a.finding.severity != b.finding.severity { return a.finding.severity > b.finding.severity }
        return NoticeInput.itemOrder(a, b)
    }

    /// One Finding JSON object a line (SPEC §2), through GovCore's Codable.
    public static func jsonl(_ findings: [Finding]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try findings.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
    }
}
