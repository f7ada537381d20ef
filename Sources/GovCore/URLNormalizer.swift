/// One spelling per resource, so the crawler fetches each page once and the store keys pages
/// stably across runs: scheme and host lower-cased, default port dropped, dot segments removed,
/// fragment dropped, percent-encoding normalised (upper-case hex, unreserved characters
/// decoded, raw spaces and non-ASCII bytes encoded), tracking and session parameters removed
/// from the query and from `;name=value` path parameters; the remaining query keeps its order.
public enum URLNormalizer {
    /// Parameter names removed by default. A trailing `*` makes a prefix (`utm_*`).
    /// Case-insensitive. `sid` is a session id on most CMSs; drop it from the list for a site
    /// that uses `sid` to select content.
    public static let defaultTrackingParameters: [String] = [
        "utm_*", "jsessionid", "phpsessid", "aspsessionid*", "sid", "spm", "cfid", "cftoken",
        "gclid", "fbclid", "_hsenc", "_hsmi", "mc_cid", "mc_eid",
    ]

    /// Normalises `url` (resolved against `base` when relative); nil when it is not http(s)
    /// or cannot be parsed (mailto:, javascript:, a broken authority).
    public static func normalize(_ url: String, relativeTo base: String? = nil) -> String? {
        normalize(url, relativeTo: base, removing: TrackingParameters.standard)
    }

    /// As `normalize(_:relativeTo:)`, with the tracking parameters of the crawl's options.
    public static func normalize(
        _ url: String, relativeTo base: String? = nil,
        removing tracking: TrackingParameters
    ) -> String? {
        let trimmed = url.trimmingASCIISpaces()
        guard !trimmed.isEmpty, let parts = WebURL(trimmed, relativeTo: base) else { return nil }
        var out = parts.scheme + "://"
        if let user = parts.user {
            out += normalizePercentEncoding(user, keep: userInfoSafe)
            if let password = parts.password { out += ":" + normalizePercentEncoding(password, keep: userInfoSafe) }
            out += "@"
        }
        out += parts.hostKey
        if let port = parts.port, port != defaultPort(parts.scheme) { out += ":" + port }
        out += normalizePath(parts.path, tracking: tracking)
        if let query = parts.query {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { pair in
                let name = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                return !tracking.matches(decodedName(name))
            }
            if !kept.isEmpty {
                out += "?" + kept.map { normalizePercentEncoding(String($0), keep: querySafe) }.joined(separator: "&")
            }
        }
        return out
    }

    /// Directory index files: `…/zwgk/index.html` is the list page `…/zwgk/`.
    static let directoryIndexFiles = [
        "index.html", "index.htm", "index.shtml", "index.jsp", "index.php",
        "default.html", "default.htm",
    ]

    /// The identity of a document when pages, list items and columns are compared: the
    /// normalised URL with a directory's index file folded into its directory. Only compared,
    /// never fetched. Pass a URL already normalised (cheap: no parse); a raw one goes through
    /// `documentKey(_:)`.
    public static func documentKey(ofNormalized url: String) -> String {
        for index in directoryIndexFiles where url.utf8.count > index.utf8.count && url.hasSuffix("/" + index) {
            return String(url.dropLast(index.count))
        }
        return url
    }

    /// `documentKey(ofNormalized:)` of any URL, normalised first (a curl parse).
    public static func documentKey(_ url: String) -> String {
        documentKey(ofNormalized: normalize(url) ?? url)
    }

    /// A 64-bit FNV-1a hash of a normalised URL: the crawler's seen-set stores these, not strings.
    public static func hash(_ normalized: String) -> UInt64 { FNV1a.hash(normalized) }

    private static func defaultPort(_ scheme: String) -> String { scheme == "https" ? "443" : "80" }

    private static func normalizePath(_ path: String, tracking: TrackingParameters) -> String {
        var result = path.isEmpty ? "/" : path
        // `;jsessionid=…` path parameters (Java servlet containers) carry sessions, not content.
        if result.contains(";") {
            let segments = result.split(separator: "/", omittingEmptySubsequences: false).map { segment -> Substring in
                let pieces = segment.split(separator: ";", omittingEmptySubsequences: false)
                guard pieces.count > 1 else { return segment }
                let kept =
                    [pieces[0]]
                    + pieces.dropFirst().filter { piece in
                        let name =
                            piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                        return !tracking.matches(decodedName(name))
                    }
                return Substring(kept.joined(separator: ";"))
            }
            result = segments.joined(separator: "/")
        }
        return normalizePercentEncoding(result, keep: pathSafe)
    }

    private static func decodedName(_ name: Substring) -> String {
        String(decoding: percentDecodedUnreserved(Array(name.utf8)), as: UTF8.self).lowercased()
    }

    // RFC 3986 character classes, as 256-bit byte sets (every byte of every link is tested).
    private static let unreserved = ByteSet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    private static let subDelims = ByteSet("!$&'()*+,;=")
    private static let pathSafe = unreserved.union(subDelims).union(ByteSet(":@/"))
    private static let querySafe = pathSafe.union(ByteSet("?"))
    private static let userInfoSafe = unreserved.union(subDelims)

    /// Decodes %XX of unreserved characters, upper-cases the hex of the others, and encodes
    /// any byte outside `keep` (raw spaces, quotes, non-ASCII UTF-8 or GBK bytes, stray `%`).
    private static func normalizePercentEncoding(_ text: String, keep: ByteSet) -> String {
        let bytes = Array(text.utf8)
        // Most URLs are already in this form: nothing to rewrite.
        if !bytes.contains(UInt8(ascii: "%")), bytes.allSatisfy({ keep.contains($0) }) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                let value = high << 4 | low
                if unreserved.contains(value) { out.append(value) } else { appendEncoded(value, to: &out) }
                i += 3
                continue
            }
            if keep.contains(byte) { out.append(byte) } else { appendEncoded(byte, to: &out) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func percentDecodedUnreserved(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low); i += 3
            } else {
                out.append(bytes[i]); i += 1
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEncoded(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%")); out.append(hexDigits[Int(byte >> 4)]); out.append(hexDigits[Int(byte & 15)])
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Query and path parameter names to strip: exact names and `prefix*` patterns, case-insensitive.
public struct TrackingParameters: Sendable, Hashable {
    private let exact: Set<String>
    private let prefixes: [String]

    public init(_ patterns: [String]) {
        var exact = Set<String>(), prefixes: [String] = []
        for pattern in patterns.map({ $0.lowercased() }) where !pattern.isEmpty {
            if pattern.hasSuffix("*") { prefixes.append(String(pattern.dropLast())) } else { exact.insert(pattern) }
        }
        self.exact = exact; self.prefixes = prefixes
    }

    public static let standard = TrackingParameters(URLNormalizer.defaultTrackingParameters)

    /// `name` must already be lower-cased.
    func matches(_ name: String) -> Bool {
        exact.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }
}

/// A set of bytes as four 64-bit words: a membership test is a shift and a mask.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ members: String) { for byte in members.utf8 { insert(byte) } }

    private init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << UInt64(byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        let word =
            switch byte >> 6 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }

    func union(_ other: ByteSet) -> ByteSet {
        ByteSet(
            words: (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3))
    }
}
