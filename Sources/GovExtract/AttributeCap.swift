/// libxml2's HTML parser checks each attribute of a tag against all the earlier ones
/// (duplicate detection), so one element with n attributes costs n²: 40,000 took 7 s,
/// 300,000 over a minute. Before parsing, a tag with more than `limit` attributes keeps
/// its first `limit` and loses the rest (browsers keep all; no real page comes near).
/// A guard, not a parser: it only follows `<name … >` with its quoted values, in one pass.
enum AttributeCap {
    static let limit = 1_000

    /// The bytes with over-long tags cut, or nil when no tag needs it (the common case
    /// costs one scan and no copy).
    static func apply(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var cuts: [Range<Int>] = []
        var i = 0
        let n = bytes.count
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n, isLetter(bytes[i + 1]) else { i += 1; continue }
            // Inside a tag: count the starts of whitespace-separated tokens after the name.
            var j = i + 1
            var attributes = 0
            var afterSpace = false
            var cutFrom: Int?
            while j < n {
                let c = bytes[j]
                if c == UInt8(ascii: ">") { break }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    // A quoted value runs to its closing quote (a > inside it is text).
                    var k = j + 1
                    while k < n, bytes[k] != c { k += 1 }
                    j = k + 1
                    afterSpace = false
                    continue
                }
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                    afterSpace = true
                } else if afterSpace {
                    afterSpace = false
                    attributes += 1
                    if attributes > limit && cutFrom == nil { cutFrom = j }
                }
                j += 1
            }
            if let cutFrom { cuts.append(cutFrom..<min(j, n)) }
            i = j
        }
        guard !cuts.isEmpty else { return nil }
        var copy: [UInt8] = []
        copy.reserveCapacity(n)
        var start = 0
        for cut in cuts {
            copy.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<cut.lowerBound]))
            start = cut.upperBound
        }
        copy.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<n]))
        return copy
    }

    @inline(__always)
    private static func isLetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }
}
