import CCurl

/// govlint's one URL reader: the parts of an absolute http(s) URL as libcurl's URL parser
/// (CURLU) reads them. Relative resolution and dot-segment removal are curl's, so links are
/// resolved, compared and keyed the way they are fetched; `URLNormalizer` builds the one
/// spelling the crawler, the rules, the snapshot and the store use from these parts.
public struct WebURL: Sendable, Hashable {
    /// Lower-cased.
    public var scheme: String
    public var user: String?
    public var password: String?
    /// As written (curl keeps the case; compare with `hostKey`).
    public var host: String
    /// Explicit port, nil when absent or the scheme's default.
    public var port: String?
    public var path: String
    public var query: String?
    /// The whole URL from its parts, as curl assembles it (dot segments resolved).
    public var absolute: String {
        var out = scheme + "://"
        if let user { out += user + (password.map { ":" + $0 } ?? "") + "@" }
        out += host + (port.map { ":" + $0 } ?? "") + path
        if let query { out += "?" + query }
        return out
    }

    /// The host lower-cased without a trailing dot: what two links to one site share.
    public var hostKey: String {
        var h = host.lowercased()
        if h.hasSuffix("."), h.count > 1 { h.removeLast() }
        return h
    }

    /// `hostKey` with the explicit port (`www.a.gov.cn:8080`), as scopes are written.
    public var hostPort: String { port.map { hostKey + ":" + $0 } ?? hostKey }

    /// Whether the URL's host is one of `hosts` (lower-cased `host` or `host:port` entries).
    public func hasHost(in hosts: Set<String>) -> Bool { hosts.contains(hostPort) || hosts.contains(hostKey) }

    /// Parses `url`, resolved against `base` when given; nil for anything but http(s) and for
    /// a reference that is not absolute when no base is given.
    public init?(_ url: String, relativeTo base: String? = nil) {
        guard let handle = curl_url() else { return nil }
        defer { curl_url_cleanup(handle) }
        let flags = UInt32(CURLU_ALLOW_SPACE)
        if let base {
            guard curl_url_set(handle, CURLUPART_URL, base, flags) == CURLUE_OK else { return nil }
        }
        guard curl_url_set(handle, CURLUPART_URL, url, flags) == CURLUE_OK else { return nil }
        guard let scheme = Self.part(handle, CURLUPART_SCHEME)?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = Self.part(handle, CURLUPART_HOST), !host.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host
        user = Self.part(handle, CURLUPART_USER)
        password = Self.part(handle, CURLUPART_PASSWORD)
        port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_NO_DEFAULT_PORT))
        path = Self.part(handle, CURLUPART_PATH) ?? "/"
        query = Self.part(handle, CURLUPART_QUERY)
    }

    private static func part(_ handle: OpaquePointer, _ which: CURLUPart, flags: UInt32 = 0) -> String? {
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, which, &value, flags) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }
}
