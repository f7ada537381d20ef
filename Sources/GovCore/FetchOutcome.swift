/// Why a fetch did not produce a usable answer. Every outcome is a value, never a crash.
public enum FetchError: String, Sendable, Codable, CaseIterable {
    case timeout  // connect or total timeout (curl 28)
    case dns  // host not found (curl 6)
    case connect  // refused / unreachable (curl 7)
    case tls  // certificate or handshake failure
    case tooLarge  // body or decoded size over the cap
    case redirectLoop  // a redirect chain that comes back to a URL it visited (curl 47)
    case tooManyRedirects  // a chain longer than the limit without a repeat (curl 47)
    case decoding  // bad content encoding (curl 61)
    case robots  // disallowed by robots.txt (not fetched)
    case protocolError  // malformed response, connection dropped mid-body
    case other

    public var chinese: String {
        switch self {
        case .timeout: "访问超时"
        case .dns: "域名无法解析"
        case .connect: "无法连接"
        case .tls: "证书或加密连接错误"
        case .tooLarge: "内容过大"
        case .redirectLoop: "重定向循环"
        case .tooManyRedirects: "重定向次数过多"
        case .decoding: "内容解码失败"
        case .robots: "robots.txt 禁止抓取"
        case .protocolError: "连接中断"
        case .other: "访问失败"
        }
    }
}

/// The result of one request (after retries): status, timing, redirect chain, error kind.
public struct FetchOutcome: Sendable, Hashable, Codable {
    public var url: String
    public var finalURL: String
    /// HTTP status of the final hop; 0 when no response arrived.
    public var status: Int
    public var error: FetchError?
    public var errorMessage: String?
    /// Every URL visited after `url`, in order (the last is `finalURL`).
    public var redirects: [String]
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?
    public var seconds: Double
    public var bytes: Int
    public var attempts: Int
    /// A bot wall or WAF challenge answered (403/429/503 with a challenge page): `blocked`,
    /// which is not the same as broken.
    public var blocked: Bool

    public init(
        url: String, finalURL: String? = nil, status: Int = 0, error: FetchError? = nil,
        errorMessage: String? = nil, redirects: [String] = [], contentType: String? = nil,
        etag: String? = nil, lastModified: String? = nil, seconds: Double = 0, bytes: Int = 0,
        attempts: Int = 1, blocked: Bool = false
    ) {
        self.url = url; self.finalURL = finalURL ?? url; self.status = status; self.error = error
        self.errorMessage = errorMessage; self.redirects = redirects; self.contentType = contentType
        self.etag = etag; self.lastModified = lastModified; self.seconds = seconds; self.bytes = bytes
        self.attempts = attempts; self.blocked = blocked
    }

    public var isNotModified: Bool { status == 304 }

    /// Broken as the indicators count it: 4xx/5xx, timeout, DNS, TLS, connection failure —
    /// but not a WAF block and not a robots exclusion.
    public var isBroken: Bool {
        if blocked { return false }
        if let error { return error != .robots && error != .tooLarge }
        return status >= 400 || status == 0
    }

    /// One-line Chinese reason for notices, e.g. "HTTP 404" or "访问超时".
    public var reason: String {
        if blocked { return "被防火墙拦截 (HTTP \(status))" }
        if let error { return error.chinese }
        return "HTTP \(status)"
    }
}
