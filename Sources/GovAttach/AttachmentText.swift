import GovCore

/// What an attachment says, located: every block carries where it came from (第4页, Sheet2!C7,
/// 段落12, 表格1 第3行第2列), and tables keep their rows so the privacy rule can read a row
/// (a name beside a mobile number) and a column (an ID column under its header) as a whole.
public struct AttachmentText: Sendable, Hashable {
    public var format: AttachmentFormat
    /// Paragraphs, PDF page paragraphs and non-empty table cells, in reading order.
    public var blocks: [TextBlock]
    public var tables: [AttachmentTable]
    /// PDF pages (1-based) that have no text layer: scanned images, unread unless OCR is on.
    public var pagesWithoutText: [Int]
    public var pageCount: Int
    /// Text read by OCR (scanned PDF pages, an image), located 第4页（OCR识别）: for the
    /// privacy rule only, never the typo rules (OCR garbles wording).
    public var recognised: [TextBlock]
    /// Why OCR stopped short (a page over its limit), when it did.
    public var recognitionFailure: AttachmentFailure?

    public init(
        format: AttachmentFormat, blocks: [TextBlock] = [], tables: [AttachmentTable] = [],
        pagesWithoutText: [Int] = [], pageCount: Int = 0, recognised: [TextBlock] = []
    ) {
        self.format = format; self.blocks = blocks; self.tables = tables
        self.pagesWithoutText = pagesWithoutText; self.pageCount = pageCount; self.recognised = recognised
    }

    /// Whether nothing at all could be read as text (a scanned PDF, an empty file).
    public var isEmpty: Bool { blocks.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }

    /// Whether OCR read nothing either.
    public var isEmptyWithRecognised: Bool { isEmpty && recognised.allSatisfy { $0.text.allSatisfy(\.isWhitespace) } }

    /// Adds a table and one block per non-empty cell.
    mutating func append(table: AttachmentTable) {
        for row in table.rows {
            for cell in row where !cell.text.allSatisfy(\.isWhitespace) {
                blocks.append(TextBlock(scope: .attachment, text: cell.text, line: 1, location: cell.location))
            }
        }
        if !table.rows.isEmpty { tables.append(table) }
    }
}

/// A sheet of a workbook, a table of a Word document or a CSV file.
public struct AttachmentTable: Sendable, Hashable {
    /// Sheet2, 表格1, 工作表2 (a legacy workbook, whose converter gives no sheet names).
    public var name: String
    public var rows: [[AttachmentCell]]

    public init(name: String, rows: [[AttachmentCell]] = []) { self.name = name; self.rows = rows }
}

public struct AttachmentCell: Sendable, Hashable {
    public var text: String
    /// Sheet2!C7, 表格1 第3行第2列.
    public var location: String
    /// 1-based column, so a column's header can be found (a row omits empty cells).
    public var column: Int

    public init(text: String, location: String, column: Int) {
        self.text = text; self.location = location; self.column = column
    }
}

/// Spreadsheet cell names: column 3 → "C", column 28 → "AB"; "C7" → (row 7, column 3).
public enum CellReference {
    public static func columnName(_ column: Int) -> String {
        var n = max(1, column)
        var name: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            name.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(name.reversed())
    }

    public static func name(row: Int, column: Int) -> String { columnName(column) + String(row) }

    /// Parses an A1 reference; nil for anything else.
    public static func parse(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var sawDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 65...90 where !sawDigit: column = column * 26 + Int(scalar.value - 64)
            case 97...122 where !sawDigit: column = column * 26 + Int(scalar.value - 96)
            case 48...57: sawDigit = true; row = row * 10 + Int(scalar.value - 48)
            default: return nil
            }
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }
}
