import Foundation
import GovCore

/// Turns an href/src as written into the absolute URL a browser would request. It runs for
/// every link of every crawled page, so it reads libxml2's bytes directly, joins the two
/// common simple forms itself, and leaves everything else (dot segments, queries, spaces,
/// Chinese file names, stray `%`) to curl's URL parser (`WebURL`), the one the crawler
/// fetches with; the fast paths are tested to give what curl gives once normalised.
/// An absolute base URL split once into the parts that plain references are joined to.
struct LinkBase: Equatable {
    let url: String
    /// `https://host:port`
    let origin: String
    /// The base path up to and including its last `/` (`https://host/a/b/`).
    let directory: String

    /// Nil unless `url` is absolute with an authority (`scheme://…`).
    init?(_ url: String) {
        guard let schemeEnd = url.utf8Range(of: "://") else { return nil }
        self.url = url
        var pathStart = url.endIndex
        if let slash = url[schemeEnd.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            pathStart = slash
        }
        origin = String(url[..<pathStart])
        let pathEnd = url[pathStart...].firstIndex(where: { $0 == "?" || $0 == "#" }) ?? url.endIndex
        if let lastSlash = url[pathStart..<pathEnd].lastIndex(of: "/") {
            directory = String(url[...lastSlash])
        } else {
            directory = origin + "/"
        }
    }
}

enum LinkResolver {
    /// Schemes that lead to no fetchable resource; such links are dropped.
    private static let ignoredSchemes: Set<String> = [
        "javascript", "mailto", "tel", "data", "about", "vbscript", "sms", "callto",
    ]

    /// The absolute URL without its fragment, or nil for links that go nowhere to fetch
    /// (empty, a bare `#fragment`, javascript:, mailto:, tel:, data:). `base` is an absolute
    /// URL (the page's, or its `<base href>`); nil leaves relative references as they are.
    static func resolve(_ raw: String, base: LinkBase?) -> String? {
        var raw = raw
        return raw.withUTF8 { resolve(bytes: $0, base: base) }
    }

    static func resolve(_ raw: UnsafePointer<UInt8>, base: LinkBase?) -> String? {
        resolve(bytes: UnsafeBufferPointer(start: raw, count: strlen(raw)), base: base)
    }

    static func resolve(bytes all: UnsafeBufferPointer<UInt8>, base: LinkBase?) -> String? {
        // Browsers strip surrounding whitespace and drop tabs and newlines inside URLs.
        var lower = 0, upper = all.count
        while lower < upper, all[lower].isASCIISpace { lower += 1 }
        while upper > lower, all[upper - 1].isASCIISpace { upper -= 1 }
        var bytes = UnsafeBufferPointer(rebasing: all[lower..<upper])
        var cleaned: [UInt8] = []
        if bytes.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            cleaned = bytes.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
        return cleaned.withUnsafeBufferPointer { cleanedBuffer -> String? in
            if !cleaned.isEmpty { bytes = cleanedBuffer }
            guard let first = bytes.first, first != UInt8(ascii: "#") else { return nil }
            let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
            let href = UnsafeBufferPointer(rebasing: bytes[..<end])
            var isWebAbsolute = false
            if let scheme = scheme(of: href) {
                if ignoredSchemes.contains(scheme) { return nil }
                isWebAbsolute = scheme == "http" || scheme == "https"
            }
            let plain = href.allSatisfy(isPlainURLByte)
            if isWebAbsolute, plain {
                // Already absolute and needing no escaping: the common case, without parsing.
                return String(decoding: href, as: UTF8.self)
            }
            if plain, let base, let joined = join(href, to: base) { return joined }
            let text = String(decoding: href, as: UTF8.self)
            return WebURL(text, relativeTo: base?.url)?.absolute ?? text
        }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// RFC 3986 §5.2 for the two most common plain references, which need no dot-segment
    /// removal: a path from the root (`/zwgk/1.html` → origin + path) and a path below the
    /// base's directory (`./2026/1.html`, `1.html` → directory + path). Anything else
    /// (dot segments, `?query`, `//host`, schemes, `%` not followed by two hex digits) is left
    /// to curl; nil means "not simple".
    private static func join(_ href: UnsafeBufferPointer<UInt8>, to base: LinkBase) -> String? {
        var reference = href
        var prefix: String
        if href[0] == UInt8(ascii: "/") {
            guard href.count == 1 || href[1] != UInt8(ascii: "/") else { return nil }
            prefix = base.origin
        } else {
            if href.count >= 2, href[0] == UInt8(ascii: "."), href[1] == UInt8(ascii: "/") {
                reference = UnsafeBufferPointer(rebasing: href[2...])
            }
            guard let first = reference.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "."),
                first != UInt8(ascii: "/")
            else { return nil }
            // A colon before the first slash would make the first segment a scheme.
            let firstSlash = reference.firstIndex(of: UInt8(ascii: "/")) ?? reference.count
            guard !reference[..<firstSlash].contains(UInt8(ascii: ":")) else { return nil }
            prefix = base.directory
        }
        for (i, c) in reference.enumerated() where c == UInt8(ascii: "%") {
            guard i + 2 < reference.count, isHexDigit(reference[i + 1]), isHexDigit(reference[i + 2]) else {
                return nil
            }
        }
        let pathEnd = reference.firstIndex(of: UInt8(ascii: "?")) ?? reference.count
        var segmentStart = true
        for i in 0..<pathEnd {
            let c = reference[i]
            if c == UInt8(ascii: "/") { segmentStart = true; continue }
            // "." or ".." as a whole segment needs removal: not simple.
            if segmentStart, c == UInt8(ascii: ".") {
                let next = i + 1 < pathEnd ? reference[i + 1] : UInt8(ascii: "/")
                if next == UInt8(ascii: "/") { return nil }
                if next == UInt8(ascii: "."), i + 2 >= pathEnd || reference[i + 2] == UInt8(ascii: "/") { return nil }
            }
            segmentStart = false
        }
        prefix += String(decoding: reference, as: UTF8.self)
        return prefix
    }

    /// The lowercased scheme when the reference starts with one (`HTTP:` → "http").
    private static func scheme(of href: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        while i < href.count, i < 12 {
            let c = href[i]
            if c == UInt8(ascii: ":") {
                return i == 0
                    ? nil : String(decoding: UnsafeBufferPointer(rebasing: href[..<i]), as: UTF8.self).lowercased()
            }
            let isLetter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A
            guard isLetter || (i > 0 && ((c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E)) else {
                return nil
            }
            i += 1
        }
        return nil
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
    }

    /// Printable ASCII that URL parsing would leave as it is.
    private static func isPlainURLByte(_ c: UInt8) -> Bool {
        c > 0x20 && c < 0x7F && c != UInt8(ascii: "\"") && c != UInt8(ascii: "<") && c != UInt8(ascii: ">")
            && c != UInt8(ascii: "\\") && c != UInt8(ascii: "^") && c != UInt8(ascii: "`") && c != UInt8(ascii: "{")
            && c != UInt8(ascii: "|") && c != UInt8(ascii: "}")
    }

    /// Whether the URL's path ends in an attachment extension (pdf, doc, xls, zip …).
    static func isAttachment(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            let pathEnd = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.count
            var i = pathEnd
            while i > 0, pathEnd - i <= 4 {
                let c = bytes[i - 1]
                if c == UInt8(ascii: ".") {
                    guard i < pathEnd else { return false }
                    let ext = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<pathEnd]), as: UTF8.self)
                        .lowercased()
                    return LinkKind.attachmentExtensions.contains(ext)
                }
                if c == UInt8(ascii: "/") { return false }
                i -= 1
            }
            return false
        }
    }
}
