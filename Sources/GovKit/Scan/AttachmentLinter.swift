import GovAttach
import GovCore
import GovRules

/// The text rules over one attachment's located text, shared by `check` and the crawl.
/// Besides every block (paragraph, page paragraph, cell) it reads tables as a whole for the
/// privacy rule: a row (a name beside a mobile number), a column (a card number under a
/// 银行卡号 header), and the attachment as a list — a 公示名单 with unmasked ID numbers in
/// many rows is one veto finding that says how many rows leak, with the first locations.
/// Text read by OCR meets the privacy rule only.
package struct AttachmentLinter: Sendable {
    let linter: PageLinter

    package init(linter: PageLinter) { self.linter = linter }
    /// Rows with personal data from which an attachment is reported as a list of persons.
    static let listRows = 3
    /// Locations the list finding names.
    static let locationsShown = 5
    static let cardHeaderWords = ["银行卡", "卡号", "账号", "帐号", "银行账户"]

    /// `title` and `column` are the linking page's; `linkedFrom` its URL.
    package func lint(
        _ text: AttachmentText, site: String = "-", url: String, title: String? = nil, column: String? = nil,
        linkedFrom: String? = nil
    ) -> [Finding] {
        var findings = linter.blocks.lint(blocks: text.blocks, site: site, url: url, title: title, column: column)
        if text.format.hasLines {
            for index in findings.indices {
                findings[index].location = (findings[index].location ?? "") + "第\(findings[index].line ?? 1)行"
            }
        }
        // OCR text (第4页（OCR识别）): the privacy rule alone — OCR keeps numbers, not wording.
        findings += linter.rows.lint(blocks: text.recognised, site: site, url: url, title: title, column: column)
        var rowOf: [String: String] = [:]
        for table in text.tables {
            for (r, row) in table.rows.enumerated() {
                for cell in row { rowOf[cell.location] = "\(table.name)\u{1F}\(r)" }
            }
            findings += rowFindings(table, known: findings, site: site, url: url, title: title, column: column)
            findings += cardColumnFindings(table, site: site, url: url, title: title, column: column)
        }
        // A spreadsheet cell is its own place (名单.xlsx:Sheet2!C7); a column inside it says nothing more.
        let cellsOnly = text.format == .xlsx || text.format == .xls || text.format == .csv
        for index in findings.indices {
            findings[index].linkedFrom = linkedFrom
            if findings[index].location != nil { findings[index].line = nil }
            if cellsOnly, findings[index].location.map({ rowOf[$0] != nil }) == true { findings[index].col = nil }
        }
        return Self.aggregatingLists(findings, rowOf: rowOf)
    }

    /// The privacy rule over the table's rows as lines (cells joined by tabs); each hit is
    /// located in its cell. Hits a cell already gave are not repeated.
    private func rowFindings(
        _ table: AttachmentTable, known: [Finding], site: String, url: String,
        title: String?, column: String?
    ) -> [Finding] {
        var starts: [(offset: Int, location: String)] = []
        var lines: [String] = []
        var offset = 0
        for row in table.rows where row.count >= 2 {
            var cells: [String] = []
            for cell in row {
                starts.append((offset, cell.location))
                let flat =
                    cell.text.contains(where: { $0 == "\n" || $0 == "\t" || $0 == "\r\n" })
                    ? String(cell.text.map { $0 == "\n" || $0 == "\t" || $0 == "\r\n" ? " " : $0 }) : cell.text
                cells.append(flat)
                offset += flat.unicodeScalars.count + 1
            }
            lines.append(cells.joined(separator: "\t"))
        }
        guard !lines.isEmpty else { return [] }
        let known = Set(known.filter { $0.rule == .privacy }.map { "\($0.location ?? "")\u{1F}\($0.match)" })
        let block = TextBlock(scope: .attachment, text: lines.joined(separator: "\n"), line: 1)
        return linter.rows.lint(blocks: [block], site: site, url: url, title: title, column: column).compactMap {
            finding in
            var finding = finding
            let at = finding.offset ?? 0
            // The last cell starting at or before the hit.
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid].offset <= at { lo = mid } else { hi = mid - 1 }
            }
            finding.location = starts[lo].location
            finding.offset = at - starts[lo].offset
            finding.col = finding.offset.map { $0 + 1 }
            return known.contains("\(finding.location!)\u{1F}\(finding.match)") ? nil : finding
        }
    }

    /// Card numbers under a 银行卡号/账号 header: the privacy rule wants card wording just
    /// before the number, which a table puts at the top of the column instead.
    private func cardColumnFindings(
        _ table: AttachmentTable, site: String, url: String, title: String?,
        column: String?
    ) -> [Finding] {
        guard let header = table.rows.first else { return [] }
        let cardColumns = Set(
            header.filter { cell in Self.cardHeaderWords.contains(where: cell.text.contains) }.map(\.column))
        guard !cardColumns.isEmpty else { return [] }
        var out: [Finding] = []
        for row in table.rows.dropFirst() {
            for cell in row where cardColumns.contains(cell.column) {
                let digits = cell.text.filter { $0 != " " && $0 != "-" }
                guard (16...19).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber)
                else { continue }
                let characters = Array(digits)
                guard BankCard.isValid(characters) else { continue }
                let masked =
                    String(characters.prefix(6)) + String(repeating: "*", count: characters.count - 10)
                    + String(characters.suffix(4))
                out.append(
                    Finding(
                        rule: .privacy, severity: PrivacyRule.description.defaultSeverity, site: site, url: url,
                        match: masked, context: masked, contextHit: 0..<masked.count, category: "bank-card",
                        message: masked, column: column, title: title, scope: .attachment, offset: 0,
                        col: 1, location: cell.location))
            }
        }
        return out
    }

    /// An attachment whose personal data sits in `listRows` rows or more is a list of
    /// persons: its privacy findings become one, which counts the rows and kinds and names
    /// the first locations. Its match is fixed, so the finding keeps its key across runs
    /// while the count changes. One pass over the findings.
    static func aggregatingLists(_ findings: [Finding], rowOf: [String: String]) -> [Finding] {
        let privacy = findings.filter { $0.rule == .privacy }
        var rows: Set<String> = []
        for finding in privacy {
            let location = finding.location ?? ""
            rows.insert(rowOf[location] ?? "\(location)\u{1F}\(finding.offset ?? 0)")
        }
        guard rows.count >= listRows, let first = privacy.first else { return findings }
        var kinds: [String: Int] = [:]
        for finding in privacy { kinds[finding.category ?? "other", default: 0] += 1 }
        let names = ["id-card": "身份证号码", "mobile": "手机号码", "bank-card": "银行卡号"]
        let counted = ["id-card", "mobile", "bank-card", "other"].compactMap { kind in
            kinds[kind].map { "\(names[kind] ?? "其他号码") \($0) 处" }
        }.joined(separator: "、")
        let shown = privacy.prefix(locationsShown).compactMap(\.location).joined(separator: "、")
        var list = first
        list.match = "个人信息名单"
        list.severity = privacy.map(\.severity).max() ?? first.severity
        list.category = "list"
        list.message =
            "附件公开了 \(rows.count) 行未脱敏的个人信息（\(counted)），如 \(shown)\(privacy.count > locationsShown ? " 等" : "")；请撤下附件，脱敏后重新发布"
        list.suggestion = nil
        return findings.filter { $0.rule != .privacy } + [list]
    }
}
