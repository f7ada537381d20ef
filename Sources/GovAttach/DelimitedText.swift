import GovCore
import GovExtract

/// Comma-separated values (RFC 4180: quoted fields may hold separators, doubled quotes and
/// line breaks) into one table, cells named like a sheet's (C7, or 工作表2!C7). One pass,
/// linear in the input.
enum DelimitedText {
    static func table(_ bytes: [UInt8], name: String?, separator: UInt8, utf8: Bool = false) -> AttachmentText {
        let decoded =
            utf8 ? String(decoding: bytes, as: UTF8.self) : Charset.decode(bytes, contentType: "text/csv").text
        var text = AttachmentText(format: .csv)
        var table = AttachmentTable(name: name ?? "")
        var row: [AttachmentCell] = []
        var field: [Unicode.Scalar] = []
        var rowNumber = 1
        var column = 1
        var quoted = false
        var sawField = false
        let prefix = name.map { $0 + "!" } ?? ""
        let scalars = Array(decoded.unicodeScalars)
        let sep = Unicode.Scalar(separator)
        func endField() {
            let value = String(String.UnicodeScalarView(field))
            if !value.allSatisfy(\.isWhitespace) {
                row.append(
                    AttachmentCell(
                        text: value, location: prefix + CellReference.name(row: rowNumber, column: column),
                        column: column))
            }
            field.removeAll(keepingCapacity: true)
            column += 1
            sawField = false
        }
        func endRow() {
            if sawField || !field.isEmpty || column > 1 { endField() }
            if !row.isEmpty { table.rows.append(row) }
            row = []
            rowNumber += 1
            column = 1
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append("\""); i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
                sawField = true
            } else if c == sep {
                endField()
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRow()
            } else {
                field.append(c)
                sawField = true
            }
            i += 1
        }
        if sawField || !field.isEmpty || !row.isEmpty { endRow() }
        text.append(table: table)
        return text
    }
}
