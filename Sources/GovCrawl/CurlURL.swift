import CCurl

/// The parts of an absolute http(s) URL as libcurl's URL parser (CURLU) reads them: relative
/// resolution and dot-segment removal are curl's, so govlint resolves links the way it fetches.
struct CurlURLParts {
    var scheme: String
    var user: String?
    var password: String?
    var host: String
    /// Explicit port, nil when absent or the scheme's default.
    var port: String?
    var path: String
    var query: String?

    /// Parses `url`, resolved against `base` when given; nil for anything but http(s).
    init?(_ url: String, relativeTo base: String? = nil) {
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
