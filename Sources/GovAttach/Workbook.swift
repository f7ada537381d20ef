import GovCore

/// An .xlsx workbook into one table per sheet, cells named Sheet2!C7: sheet names and order
/// from xl/workbook.xml, their parts from its relationships, strings from
/// xl/sharedStrings.xml (phonetic runs left out), inline and formula strings, numbers as
/// written. Cells without an `r` attribute take the next column.
enum Workbook {
    static func read(_ zip: ZipArchive) throws(ZipArchive.Failure) -> AttachmentText {
        guard let workbook = try zip.read("xl/workbook.xml") else { throw .corrupt("xl/workbook.xml missing") }
        var sheets: [(name: String, relation: String)] = []
        XMLStream.parse(workbook) { event in
            if case .start("sheet", let attribute, _) = event {
                sheets.append((attribute("name") ?? "Sheet\(sheets.count + 1)", attribute("id") ?? ""))
            }
        }
        var targets: [String: String] = [:]
        if let rels = try zip.read("xl/_rels/workbook.xml.rels") {
            XMLStream.parse(rels) { event in
                if case .start("Relationship", let attribute, _) = event, let id = attribute("Id"),
                    let target = attribute("Target")
                {
                    targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        let strings = try sharedStrings(zip)
        var text = AttachmentText(format: .xlsx)
        for (index, sheet) in sheets.enumerated() {
            let part = targets[sheet.relation] ?? "xl/worksheets/sheet\(index + 1).xml"
            guard let bytes = try zip.read(part) else { continue }
            text.append(table: readSheet(bytes, name: sheet.name, strings: strings))
        }
        return text
    }

    private static func sharedStrings(_ zip: ZipArchive) throws(ZipArchive.Failure) -> [String] {
        guard let bytes = try zip.read("xl/sharedStrings.xml") else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false, inPhonetic = false
        XMLStream.parse(bytes) { event in
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"): strings.append(current)
            case .start("rPh", _, _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, _): inText = true
            case .end("t"): inText = false
            case .text(let value) where inText && !inPhonetic: current += value
            default: break
            }
        }
        return strings
    }

    private static func readSheet(_ bytes: [UInt8], name: String, strings: [String]) -> AttachmentTable {
        var table = AttachmentTable(name: name)
        var row: [AttachmentCell] = []
        var rowNumber = 0
        var column = 0
        var type = ""
        var value = ""
        var reference: (row: Int, column: Int)?
        var inValue = false
        func endRow() {
            if !row.isEmpty { table.rows.append(row) }
            row = []
        }
        XMLStream.parse(bytes) { event in
            switch event {
            case .start("row", let attribute, _):
                endRow()
                rowNumber = attribute("r").flatMap { Int($0) } ?? rowNumber + 1
                column = 0
            case .end("row"): endRow()
            case .start("c", let attribute, _):
                type = attribute("t") ?? ""
                value = ""
                reference = attribute("r").flatMap(CellReference.parse)
                column = reference?.column ?? column + 1
            case .end("c"):
                let shown: String
                if type == "s" {
                    shown =
                        Int(value.trimmingCharacters(in: .whitespaces)).flatMap {
                            $0 >= 0 && $0 < strings.count ? strings[$0] : nil
                        } ?? ""
                } else if type == "b" || type == "e" {
                    shown = ""
                } else {
                    shown = value
                }
                if !shown.isEmpty {
                    let r = reference?.row ?? rowNumber
                    row.append(
                        AttachmentCell(
                            text: shown, location: "\(name)!\(CellReference.name(row: r, column: column))",
                            column: column))
                }
            case .start("v", _, _), .start("t", _, _): inValue = true
            case .end("v"), .end("t"): inValue = false
            case .text(let text) where inValue: value += text
            default: break
            }
        }
        endRow()
        return table
    }
}
