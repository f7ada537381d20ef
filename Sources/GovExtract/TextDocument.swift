import GovCore

/// Local files for `govlint check`: plain text into blocks, and the two sniffing questions
/// the command asks first (is it HTML? is it binary?).
public enum TextDocument {
    /// One `.plain` block per paragraph (paragraphs are separated by blank lines); each
    /// block's `line` is the 1-based line its paragraph starts on, and its text keeps the
    /// paragraph's inner line breaks. Charset: UTF-8 or UTF-16 by BOM, else UTF-8 when the
    /// bytes are UTF-8 or nearly so, else GB18030; invalid bytes become U+FFFD.
    public static func blocks(fromPlainText bytes: [UInt8]) -> [TextBlock] {
        let text = bytes.withUnsafeBufferPointer { raw -> String in
            let (charset, bomLength) = Charset.byteOrderMark(raw)
                ?? (Charset.undeclaredCharset(raw), 0)
            return Charset.transcode(UnsafeBufferPointer(rebasing: raw[bomLength...]), from: charset)
        }
        var blocks: [TextBlock] = []
        var paragraph: [Substring] = []
        var paragraphLine = 1
        func finishParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(TextBlock(scope: .plain, text: paragraph.joined(separator: "\n"), line: paragraphLine))
            paragraph.removeAll()
        }
        // "\r\n" is a single Character, so it is named as a separator of its own.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) {
                finishParagraph()
            } else {
                if paragraph.isEmpty { paragraphLine = index + 1 }
                paragraph.append(line)
            }
        }
        finishParagraph()
        return blocks
    }

    /// Whether a local file should be read as HTML: a doctype or one of the common
    /// document-level tags within the first KB.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let markers = ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title", "<div", "<p>", "<p ", "<table", "<br"]
        return markers.contains { marker in
            let pattern = Array(marker.utf8)
            guard head.count >= pattern.count else { return false }
            return (0...(head.count - pattern.count)).contains { start in
                head[start..<start + pattern.count].elementsEqual(pattern)
            }
        }
    }

    /// Whether the bytes are a binary file (a PDF, image, archive, Office file …) rather
    /// than text: a known file signature, a NUL byte, or many control characters in the
    /// first KB. UTF-16 text (with its BOM) is text.
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(1024))
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) { return false }
        let signatures: [[UInt8]] = [
            Array("%PDF-".utf8), [0x50, 0x4B, 0x03, 0x04], [0xD0, 0xCF, 0x11, 0xE0], [0x89, 0x50, 0x4E, 0x47],
            Array("GIF8".utf8), [0xFF, 0xD8, 0xFF], Array("Rar!".utf8), [0x1F, 0x8B], [0x7F, 0x45, 0x4C, 0x46],
        ]
        if signatures.contains(where: { head.starts(with: $0) }) { return true }
        if head.contains(0) { return true }
        let controls = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C && $0 != 0x1B }.count
        return head.count > 0 && controls * 10 > head.count
    }
}
