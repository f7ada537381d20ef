import Foundation
import GovCore

/// Turns an href/src as written into the absolute URL a browser would request.
enum LinkResolver {
    /// Schemes that lead to no fetchable resource; such links are dropped.
    private static let ignoredSchemes: Set<String> = ["javascript", "mailto", "tel", "data", "about", "vbscript", "sms", "callto"]

    /// The absolute URL without its fragment, or nil for links that go nowhere to fetch
    /// (empty, a bare `#fragment`, javascript:, mailto:, tel:, data:).
    static func resolve(_ raw: String, base: URL?) -> String? {
        // Browsers strip surrounding whitespace and drop tabs and newlines inside URLs.
        var href = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if href.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            href.removeAll(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        }
        guard !href.isEmpty, !href.hasPrefix("#") else { return nil }
        if let colon = href.prefix(12).firstIndex(of: ":"),
           ignoredSchemes.contains(href[..<colon].lowercased()) {
            return nil
        }
        var absolute: String
        if let url = URL(string: href, relativeTo: base) {
            absolute = url.absoluteString
        } else {
            absolute = href
        }
        if let hash = absolute.firstIndex(of: "#") { absolute = String(absolute[..<hash]) }
        return absolute.isEmpty ? nil : absolute
    }

    /// Whether the URL's path ends in an attachment extension (pdf, doc, xls, zip …).
    static func isAttachment(_ url: String) -> Bool {
        var path = Substring(url)
        if let query = path.firstIndex(where: { $0 == "?" }) { path = path[..<query] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return false }
        let ext = path[path.index(after: dot)...].lowercased()
        return LinkKind.attachmentExtensions.contains(ext)
    }
}
