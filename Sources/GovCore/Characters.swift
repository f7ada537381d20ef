/// Character classes every module asks about, decided once.
extension Unicode.Scalar {
    /// A Chinese character (汉字): CJK Unified Ideographs, Extension A, the supplementary
    /// ideographic planes (Extension B to H), compatibility ideographs, and 〇. The lexicon's
    /// normaliser classifies with the same ranges (a test compares them over every scalar).
    @inlinable public var isHan: Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x323AF, 0xF900...0xFAFF, 0x3007: true
        default: false
        }
    }
}

extension UInt8 {
    /// ASCII whitespace as HTML and URLs define it: space, tab, line feed, carriage return,
    /// form feed.
    @inlinable public var isASCIISpace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C
    }
}

extension StringProtocol {
    /// Trims ASCII whitespace only (the HTML and URL definition), on UTF-8 offsets: a
    /// full-width space or U+00A0 at the edge is content.
    public func trimmingASCIISpaces() -> String {
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start].isASCIISpace { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)].isASCIISpace { end = bytes.index(before: end) }
        return String(text[start..<end])
    }
}
