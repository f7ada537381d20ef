import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Finds the charset of a fetched body and turns it into UTF-8.
///
/// libxml2 alone reads undeclared GBK as Latin-1 and silently truncates a gb2312 page at the
/// first GBK-only character or bad byte (PLATFORM.md pitfall 4), so the charset is decided
/// here, in the browser's order, and the bytes are transcoded with glibc iconv before parsing.
public enum Charset {
    /// Decodes `bytes` to text. Order: byte-order mark (wins over a wrong header), the
    /// Content-Type charset unless it plainly cannot describe the page (a Latin or UTF-8
    /// server default over GBK bytes), a `<meta>` / `<?xml encoding>` prescan of the first bytes;
    /// with nothing declared, UTF-8 when the bytes are valid UTF-8, else GB18030.
    /// Invalid bytes become U+FFFD, so one bad byte never loses the rest of the page.
    /// `charset` is the canonical lowercase name actually used ("utf-8", "gb18030", …).
    public static func decode(_ bytes: [UInt8], contentType: String?) -> (text: String, charset: String) {
        bytes.withUnsafeBufferPointer { decode($0, contentType: contentType) }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, contentType: String?) -> (text: String, charset: String) {
        let (charset, bomLength) = detect(bytes, contentType: contentType)
        let body = UnsafeBufferPointer(rebasing: bytes[bomLength...])
        return (transcode(body, from: charset), charset)
    }

    /// The charset to decode with and the length of a byte-order mark to skip.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, contentType: String?) -> (charset: String, bomLength: Int) {
        if let bom = byteOrderMark(bytes) { return bom }
        let declared = prescanDeclaredCharset(bytes).flatMap { canonicalName($0, fromMeta: true) }
        if let label = contentType.flatMap(charsetParameter), let name = canonicalName(label, fromMeta: false),
            !headerIsImplausible(name, bytes: bytes, declared: declared)
        {
            return (utf8Disguised(as: name, bytes) ? "utf-8" : name, 0)
        }
        if let declared { return (utf8Disguised(as: declared, bytes) ? "utf-8" : declared, 0) }
        return (undeclaredCharset(bytes), 0)
    }

    /// A page (or a server) that declares the GB family over bytes that are valid UTF-8 with
    /// several multi-byte characters: a template copied from an old GB2312 site, served as
    /// UTF-8 (real pages of a national news portal do this). GBK text is valid UTF-8 only by
    /// accident, and then only for a character or two, so the bytes are believed.
    static func utf8Disguised(as declared: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard declared == "gb18030", multibyteUTF8Characters(bytes, atLeast: 4) else { return false }
        return isValidUTF8(bytes)
    }

    /// Whether the bytes hold at least `count` UTF-8 lead bytes of a multi-byte character
    /// (a quick scan; validity is checked separately).
    static func multibyteUTF8Characters(_ bytes: UnsafeBufferPointer<UInt8>, atLeast count: Int) -> Bool {
        var found = 0
        for byte in bytes where byte >= 0xC2 && byte <= 0xF4 {
            found += 1
            if found >= count { return true }
        }
        return false
    }

    /// With nothing declared: UTF-8 when the bytes are UTF-8 or nearly so, else GB18030.
    /// "Nearly": a UTF-8 file with a few stray bytes (a truncated copy, one Latin-1 byte)
    /// must keep its text with U+FFFD at the bad bytes, not become GB18030 mojibake. GBK
    /// text forms a valid UTF-8 sequence only by chance (a few per cent of its bytes), so
    /// eight valid multibyte bytes to one invalid byte tells the two apart.
    static func undeclaredCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if isValidUTF8(bytes) { return "utf-8" }
        var validBytes = 0, invalidBytes = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length =
                switch b {
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 0
                }
            if length > 0, i + length <= n, (1..<length).allSatisfy({ bytes[i + $0] & 0xC0 == 0x80 }) {
                validBytes += length
                i += length
            } else {
                invalidBytes += 1
                i += 1
            }
        }
        return validBytes >= 8 * invalidBytes ? "utf-8" : "gb18030"
    }

    /// A server-wide default header that cannot describe a Chinese page: a Latin charset
    /// (Tomcat and IIS defaults) when the page itself declares another or carries non-ASCII
    /// bytes, or UTF-8 when the bytes are not UTF-8. Browsers believe the header and show
    /// mojibake; a checker that did would report nonsense, so the page's own evidence wins.
    static func headerIsImplausible(_ name: String, bytes: UnsafeBufferPointer<UInt8>, declared: String?) -> Bool {
        switch name {
        case "windows-1252":
            return (declared != nil && declared != name) || bytes.contains { $0 >= 0x80 }
        case "utf-8":
            guard !isValidUTF8(bytes) else { return false }
            return (declared != nil && declared != name) || utf8Errors(bytes, limit: 8) >= 8
        default:
            return false
        }
    }

    /// Invalid UTF-8 sequences in the bytes, counted up to `limit`: one stray byte in a
    /// UTF-8 page is damage to repair, many mean the page is in another charset.
    static func utf8Errors(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> Int {
        var errors = 0
        var index = 0
        while index < bytes.count, errors < limit {
            let lead = bytes[index]
            let length =
                lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                (1..<length).allSatisfy({ bytes[index + $0] >> 6 == 0b10 })
            else {
                errors += 1
                index += 1
                continue
            }
            index += length
        }
        return errors
    }

    static func byteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> (charset: String, bomLength: Int)? {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return ("utf-8", 3) }
        // UTF-32 first: its little-endian BOM begins with UTF-16LE's.
        if b.count >= 4, b[0] == 0x00, b[1] == 0x00, b[2] == 0xFE, b[3] == 0xFF { return ("utf-32be", 4) }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0x00, b[3] == 0x00 { return ("utf-32le", 4) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return ("utf-16be", 2) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return ("utf-16le", 2) }
        return nil
    }

    /// `text/html; charset="GBK"` → `GBK`.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
            else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Maps a declared label to the name given to iconv, or nil when the label is unusable
    /// (then detection goes on to the next source). The GB family is read as GB18030, its
    /// superset, so GBK-only characters (堃, 喆, 镕) on a page labelled gb2312 read right.
    static func canonicalName(_ label: String, fromMeta: Bool) -> String? {
        let name = label.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'")).lowercased()
        switch name {
        case "gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "gb_2312", "csgb2312", "gb18030",
            "windows-936", "ms936", "euc-cn", "x-euc-cn", "chinese", "iso-ir-58", "csiso58gb231280":
            return "gb18030"
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return "utf-8"
        case "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2":
            // A page that reached an ASCII prescan cannot be UTF-16 (HTML spec: read as UTF-8);
            // a header without a BOM is taken at its word.
            if fromMeta { return "utf-8" }
            return name == "utf-16be" ? "utf-16be" : "utf-16le"
        case "iso-8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252":
            return "windows-1252"
        case "big5", "big5-hkscs", "cn-big5", "x-x-big5":
            return "big5-hkscs"
        case "":
            return nil
        default:
            return iconvKnows(name) ? name : nil
        }
    }

    private static func iconvKnows(_ name: String) -> Bool {
        let handle = iconv_open("UTF-8", name)
        guard handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }

    /// Looks through the first 8 KB for `<meta charset=…>`, `<meta http-equiv … content="…;
    /// charset=…">` or `<?xml … encoding="…"?>`, skipping comments.
    static func prescanDeclaredCharset(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let end = min(bytes.count, 8192)
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        func matches(_ word: String, at position: Int) -> Bool {
            var p = position
            for c in word.utf8 {
                guard p < end, lower(bytes[p]) == c else { return false }
                p += 1
            }
            return true
        }
        /// The value after `key` (optional spaces, `=`, optional quote) inside [from, to).
        func value(after key: String, from: Int, to: Int) -> String? {
            var p = from
            while p < to {
                if matches(key, at: p) {
                    var q = p + key.utf8.count
                    while q < to, bytes[q] == 0x20 || bytes[q] == 0x09 { q += 1 }
                    if q < to, bytes[q] == UInt8(ascii: "=") {
                        q += 1
                        while q < to, bytes[q] == 0x20 || bytes[q] == 0x09 || bytes[q] == 0x22 || bytes[q] == 0x27 {
                            q += 1
                        }
                        let start = q
                        while q < to, bytes[q] != 0x22, bytes[q] != 0x27, bytes[q] != 0x3B, bytes[q] != 0x20,
                            bytes[q] != 0x3E, bytes[q] != 0x2F || q == start
                        { q += 1 }
                        if q > start {
                            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<q]), as: UTF8.self)
                        }
                    }
                }
                p += 1
            }
            return nil
        }
        func tagEnd(from: Int) -> Int {
            var p = from
            while p < end, bytes[p] != UInt8(ascii: ">") { p += 1 }
            return p
        }
        while i < end {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if matches("<!--", at: i) {
                var p = i + 4
                while p < end, !matches("-->", at: p) { p += 1 }
                i = p + 3
            } else if matches("<?xml", at: i) {
                let close = tagEnd(from: i)
                if let v = value(after: "encoding", from: i + 5, to: close) { return v }
                i = close
            } else if matches("<meta", at: i) {
                let close = tagEnd(from: i)
                if let v = value(after: "charset", from: i + 5, to: close) { return v }
                i = close
            } else {
                i += 1
            }
        }
        return nil
    }

    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Markup is mostly ASCII: skip it eight bytes at a time.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; scalar = UInt32(b & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; scalar = UInt32(b & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; scalar = UInt32(b & 0x07); minimum = 0x10000
            default: return false
            }
            guard i + length <= n else { return false }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            i += length
        }
        return true
    }

    /// Converts to a Swift string; UTF-8 through the standard library's repairing decoder,
    /// everything else through glibc iconv with U+FFFD for each byte it cannot convert.
    static func transcode(_ bytes: UnsafeBufferPointer<UInt8>, from charset: String) -> String {
        if charset == "utf-8" { return String(decoding: bytes, as: UTF8.self) }
        guard let utf8 = iconvToUTF8(bytes, from: charset) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    static func iconvToUTF8(_ input: UnsafeBufferPointer<UInt8>, from charset: String) -> [UInt8]? {
        convert(input, from: charset, to: "UTF-8")
    }

    /// glibc iconv over a whole buffer; each unconvertible input byte becomes U+FFFD (in
    /// UTF-8 output) so the rest survives. Nil when iconv does not know a charset.
    static func convert(_ input: UnsafeBufferPointer<UInt8>, from charset: String, to target: String) -> [UInt8]? {
        let handle = iconv_open(target.uppercased(), charset.uppercased())
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        guard let base = input.baseAddress, !input.isEmpty else { return [] }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var inPointer = UnsafeMutablePointer(mutating: UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        while inLeft > 0 {
            let (result, produced, error) = chunk.withUnsafeMutableBufferPointer { out -> (Int, Int, Int32) in
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = out.count
                var inOptional: UnsafeMutablePointer<CChar>? = inPointer
                let r = iconv(handle, &inOptional, &inLeft, &outPointer, &outLeft)
                let e = errno
                inPointer = inOptional!
                return (r, out.count - outLeft, e)
            }
            output.append(contentsOf: chunk[0..<produced])
            if result != -1 { break }
            switch error {
            case E2BIG:
                continue
            case EILSEQ:
                // Skip one byte and resynchronise: the rest of the page survives.
                output.append(contentsOf: replacementCharacter)
                inPointer += 1
                inLeft -= 1
            default:
                // EINVAL: an incomplete sequence at the very end.
                output.append(contentsOf: replacementCharacter)
                inLeft = 0
            }
        }
        return output
    }
}
