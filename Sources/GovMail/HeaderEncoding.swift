import Foundation

/// Header-safe text: RFC 2047 encoded words, RFC 2231 parameters, RFC 5322 dates. Everything
/// that reaches a header goes through `HeaderText.clean` first, so a CR, LF or other control
/// character from a site name or page title can never start a new header line.
enum HeaderText {
    /// Control characters (C0, DEL, C1, and the Unicode line/paragraph separators) become a
    /// space; runs of whitespace collapse; the ends are trimmed.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let isSpaceLike =
                v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029
                || scalar == " " || v == 0x85 || v == 0xFEFF
            if isSpaceLike {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }

    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// RFC 2047 `B` encoded words for UTF-8 text, each ≤ 75 characters, split only between
    /// characters (a multi-byte character is never cut). The first word leaves room for
    /// `firstLineUsed` characters already on its line, so every line stays ≤ 76.
    static func encodedWords(_ text: String, firstLineUsed: Int = 0) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        func maxBytes(forWordLength length: Int) -> Int { (length - overhead) / 4 * 3 }
        var words: [String] = []
        var chunk: [UInt8] = []
        var limit = maxBytes(forWordLength: max(76 - firstLineUsed, 24))
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk = []
            limit = maxBytes(forWordLength: 75)
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > limit { flush() }
            if bytes.count > limit {
                // A single grapheme longer than a word (long emoji sequences): split by scalar.
                for scalar in character.unicodeScalars {
                    let scalarBytes = Array(String(scalar).utf8)
                    if chunk.count + scalarBytes.count > limit { flush() }
                    chunk += scalarBytes
                }
            } else {
                chunk += bytes
            }
        }
        flush()
        return words
    }

    /// An unstructured header value (Subject): plain ASCII when it fits, otherwise encoded
    /// words folded one per line.
    static func unstructured(_ raw: String, headerName: String) -> String {
        let text = clean(raw)
        let used = headerName.count + 2
        if isPlainASCII(text), used + text.count <= 78, !text.contains("=?") { return text }
        return encodedWords(text, firstLineUsed: used).joined(separator: "\r\n ")
    }

    /// A display name as a phrase: atoms as they are, other ASCII quoted, non-ASCII encoded.
    static func phrase(_ raw: String) -> String {
        let text = clean(raw)
        if isPlainASCII(text), !text.contains("=?") {
            let atomChars = CharacterSet(
                charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
            if text.unicodeScalars.allSatisfy({ atomChars.contains($0) }) { return text }
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return encodedWords(text, firstLineUsed: 10).joined(separator: "\r\n ")
    }

    /// RFC 2231 extended parameter (`name*=UTF-8''…`, continued as `name*0*=`, `name*1*=`
    /// when long), never splitting a %XX escape.
    static func extendedParameter(_ name: String, _ value: String) -> [String] {
        let attrChars = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
        var escaped: [String] = []
        for byte in value.utf8 {
            let scalar = Unicode.Scalar(byte)
            escaped.append(byte < 0x80 && attrChars.contains(scalar) ? String(Character(scalar)) : percent(byte))
        }
        let whole = escaped.joined()
        if whole.count <= 60 { return ["\(name)*=UTF-8''\(whole)"] }
        var parts: [String] = []
        var current = "UTF-8''"
        for piece in escaped {
            if current.count + piece.count > 60 {
                parts.append(current)
                current = ""
            }
            current += piece
        }
        parts.append(current)
        return parts.enumerated().map { "\(name)*\($0.offset)*=\($0.element)" }
    }

    static func percent(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF")
        return "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
    }

    /// An ASCII stand-in for clients that ignore RFC 2231: letters, digits, `.`, `_`, `-`
    /// kept, other runs become one `_`; the extension is kept; an empty stem is "attachment".
    static func asciiFallbackFilename(_ filename: String) -> String {
        func sanitize(_ part: Substring) -> String {
            var out = ""
            for scalar in part.unicodeScalars {
                let v = scalar.value
                let keep =
                    (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                    || scalar == "-" || scalar == "_"
                if keep { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("_") { out += "_" }
            }
            return out.trimmingCharacters(in: CharacterSet(charactersIn: "_-"))
        }
        let dot = filename.lastIndex(of: ".")
        let stem = sanitize(dot.map { filename[..<$0] } ?? filename[...])
        let ext = dot.map { sanitize(filename[filename.index(after: $0)...]) } ?? ""
        return (stem.isEmpty ? "attachment" : stem) + (ext.isEmpty ? "" : "." + ext)
    }

    /// RFC 5322 date in China Standard Time (+0800, no daylight saving), e.g.
    /// `Sun, 29 Nov 2026 08:22:17 +0800`.
    static func rfc5322Date(_ date: Date) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        let days = Int((Double(local) / 86400).rounded(.down))
        let secondsOfDay = local - days * 86400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (index 4).
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(names[weekday]), \(two(day)) \(months[month - 1]) \(year) "
            + "\(two(secondsOfDay / 3600)):\(two(secondsOfDay / 60 % 60)):\(two(secondsOfDay % 60)) +0800"
    }
}
