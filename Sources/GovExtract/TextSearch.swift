import GovCore

extension StringProtocol {
    /// Trims ASCII whitespace only (the HTML definition), working on UTF-8 offsets.
    func trimmingASCIISpaces() -> String {
        let text = Substring(self)
        let bytes = text.utf8
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return String(text[start..<end])
    }
}
