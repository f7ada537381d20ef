import GovCore

/// word/document.xml of a .docx into located blocks: a body paragraph is 段落N (counting the
/// paragraphs with text, in reading order, as a reader counts them), a table cell is
/// 表格N 第R行第C列 (a nested table's text belongs to its outer cell). Text is what Word
/// shows: w:t runs, tabs and breaks; deleted revisions (w:delText) and field codes are not.
/// Headers, footers, footnotes and endnotes follow as 页眉/页脚/脚注/尾注 N.
enum WordDocument {
    static func read(_ zip: ZipArchive) throws(ZipArchive.Failure) -> AttachmentText {
        guard let main = try zip.read("word/document.xml") else { throw .corrupt("word/document.xml missing") }
        var text = AttachmentText(format: .docx)
        var walker = Walker(prefix: "段落")
        guard XMLStream.parse(main, { walker.handle($0) }) || !walker.blocks.isEmpty || !walker.tables.isEmpty else {
            throw .corrupt("word/document.xml is not XML")
        }
        walker.finish(into: &text)
        let extras: [(String, String)] = [
            ("页眉", "word/header"), ("页脚", "word/footer"),
            ("脚注", "word/footnotes"), ("尾注", "word/endnotes"),
        ]
        for (label, stem) in extras {
            let parts = zip.names.filter { $0.hasPrefix(stem) && $0.hasSuffix(".xml") }.sorted()
            var extra = Walker(prefix: label)
            for part in parts {
                guard let bytes = try zip.read(part) else { continue }
                XMLStream.parse(bytes) { extra.handle($0) }
            }
            extra.finish(into: &text)
        }
        return text
    }

    private struct Walker {
        let prefix: String
        var blocks: [TextBlock] = []
        var tables: [AttachmentTable] = []
        private var paragraphCount = 0
        private var tableDepth = 0
        private var inText = false
        private var paragraph = ""
        private var table = AttachmentTable(name: "")
        private var row: [String] = []
        private var cell = ""

        init(prefix: String) { self.prefix = prefix }

        mutating func handle(_ event: XMLStream.Event) {
            switch event {
            case .start(let name, _, _):
                switch name {
                case "t": inText = true
                case "tab": paragraph += "\t"
                case "br", "cr": paragraph += "\n"
                case "tbl":
                    tableDepth += 1
                    if tableDepth == 1 { table = AttachmentTable(name: "表格\(tables.count + 1)") }
                case "tr" where tableDepth == 1: row = []
                case "tc" where tableDepth == 1: cell = ""
                default: break
                }
            case .end(let name):
                switch name {
                case "t": inText = false
                case "p": endParagraph()
                case "tc" where tableDepth == 1: row.append(cell)
                case "tr" where tableDepth == 1:
                    let r = table.rows.count + 1
                    table.rows.append(
                        row.enumerated().map { index, text in
                            AttachmentCell(
                                text: text, location: "\(table.name) 第\(r)行第\(index + 1)列", column: index + 1)
                        })
                case "tbl":
                    if tableDepth == 1 { tables.append(table) }
                    tableDepth -= 1
                default: break
                }
            case .text(let value):
                if inText { paragraph += value }
            }
        }

        private mutating func endParagraph() {
            defer { paragraph = "" }
            if tableDepth > 0 {
                cell += (cell.isEmpty ? "" : "\n") + paragraph
                return
            }
            guard !paragraph.allSatisfy(\.isWhitespace) else { return }
            paragraphCount += 1
            blocks.append(
                TextBlock(scope: .attachment, text: paragraph, line: 1, location: "\(prefix)\(paragraphCount)"))
        }

        /// The paragraphs, then each table's cells (every block names its own place).
        func finish(into text: inout AttachmentText) {
            text.blocks += blocks
            for table in tables { text.append(table: table) }
        }
    }
}
