#if canImport(Glibc)
    import Glibc
#endif

/// Substring search on UTF-8 bytes (memchr + memcmp). Foundation's `range(of:)` bridges
/// through NSString and was the single largest cost of page extraction.
/// The offset of the first occurrence of `needle` in `haystack`.
public func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !needle.isEmpty, needle.count <= haystack.count, let hBase = haystack.baseAddress,
        let nBase = needle.baseAddress
    else { return nil }
    var position = 0
    while position + needle.count <= haystack.count {
        guard let hit = memchr(hBase + position, Int32(needle[0]), haystack.count - needle.count - position + 1) else {
            return nil
        }
        let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(hBase)
        if memcmp(hBase + offset, nBase, needle.count) == 0 { return offset }
        position = offset + 1
    }
    return nil
}

extension String {
    public func utf8Range(of needle: String) -> Range<String.Index>? {
        var haystack = self
        var needle = needle
        guard let offset = haystack.withUTF8({ h in needle.withUTF8 { firstOffset(of: $0, in: h) } }) else {
            return nil
        }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    public func utf8Contains(_ needle: String) -> Bool { utf8Range(of: needle) != nil }
}
