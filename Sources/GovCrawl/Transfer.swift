import CCurl
import GovCore

/// What a request is for; it decides the body policy and where the result goes.
enum TransferRole {
    /// A followed page: GET, body kept when it is HTML, robots.txt applies.
    case page
    /// A check-only link: HEAD, falling back to a ranged GET when HEAD is refused.
    case check
    /// An origin's robots.txt.
    case robots
    /// A one-shot request (probe, feed, closed-site check): any body, no robots.txt.
    case request
}

enum TransferMethod { case get, head, rangedGet }

/// One request and its per-attempt state. Lives on the engine thread only; curl's callbacks
/// reach it through an unretained pointer while the engine's `running` table keeps it alive.
final class Transfer {
    let tag: Int
    let role: TransferRole
    let url: String
    /// scheme://host:port — the unit of politeness and of robots.txt.
    let origin: String
    /// Path and query as sent, for robots.txt matching.
    let pathAndQuery: String
    var method: TransferMethod
    let followRedirects: Bool
    let timeoutSeconds: Double
    let validators: Validators?
    let retryAllowed: Bool
    let maxBodyBytes: Int
    /// The crawl job (site) this transfer belongs to; -1 for work shared between jobs
    /// (an external link checked once for every site that links to it).
    let session: Int
    /// Lowercased host name: the unit of politeness (every port of a host shares it).
    let host: String
    /// A check-only link outside every scope: a short connect (DNS) timeout.
    var external = false
    /// The host connection slot this attempt runs on (set by the engine).
    var slot = -1

    var attempts = 0
    var retried = false
    /// Earliest start (monotonic ns) for a retry.
    var notBefore: UInt64 = 0

    // Per attempt, reset by `prepareAttempt`.
    var body: [UInt8] = []
    var received = 0
    var overflow = false
    /// Why the body was cut short on purpose (not an error): "not HTML (image/png)".
    var stopNote: String?
    var redirects: [String] = []
    var hopURL: String
    var hopStatus = 0
    var hopLocation: String?
    var hopContentType: String?
    var cookieNames: [String] = []
    var challengeHeader = false
    var retryAfter: String?
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(
        tag: Int, role: TransferRole, url: String, method: TransferMethod, followRedirects: Bool,
        timeoutSeconds: Double, validators: Validators?, retryAllowed: Bool, maxBodyBytes: Int, session: Int = 0
    ) {
        self.tag = tag; self.role = role; self.url = url; self.method = method
        self.followRedirects = followRedirects; self.timeoutSeconds = timeoutSeconds
        self.validators = validators; self.retryAllowed = retryAllowed; self.maxBodyBytes = maxBodyBytes
        let split = Transfer.split(url)
        origin = split.origin; pathAndQuery = split.pathAndQuery
        self.session = session
        host = Transfer.hostName(ofOrigin: split.origin)
        hopURL = url
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        errorBuffer.deallocate()
        if let headerList { curl_slist_free_all(headerList) }
    }

    func prepareAttempt() {
        attempts += 1
        body = []; received = 0; overflow = false; stopNote = nil; redirects = []
        hopURL = url; hopStatus = 0; hopLocation = nil; hopContentType = nil
        cookieNames = []; challengeHeader = false; retryAfter = nil
        errorBuffer[0] = 0
        if let headerList { curl_slist_free_all(headerList); self.headerList = nil }
    }

    private var isSuccessHop: Bool { (200..<300).contains(hopStatus) }

    /// curl's write callback: keeps what the role needs; returning less than given aborts.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        let firstChunk = received == 0
        received += chunk.count
        switch role {
        case .check:
            // A ranged GET whose server ignored Range: the status is known, the sample is enough.
            if body.count >= BotWall.sniffBytes { stopNote = "range ignored; body not read"; return 0 }
        case .robots:
            if body.count >= 512 * 1024 { stopNote = "robots.txt truncated at 512 KiB"; return 0 }
        case .page:
            if firstChunk, isSuccessHop, let type = hopContentType, !Self.isHTMLish(type) {
                stopNote = "not HTML (\(type))"; return 0
            }
            if !isSuccessHop, body.count >= BotWall.sniffBytes { stopNote = "error page truncated"; return 0 }
            if body.count + chunk.count > maxBodyBytes { overflow = true; return 0 }
        case .request:
            if body.count + chunk.count > maxBodyBytes { overflow = true; return 0 }
        }
        body.append(contentsOf: chunk)
        return chunk.count
    }

    /// curl's header callback, called once per header line of every hop.
    func receiveHeader(_ line: UnsafeRawBufferPointer) {
        var end = line.count
        while end > 0, line[end - 1] == 0x0A || line[end - 1] == 0x0D { end -= 1 }
        if end == 0 {  // blank line: this hop's headers are complete
            if followRedirects, [301, 302, 303, 307, 308].contains(hopStatus), let location = hopLocation {
                let next =
                    URLNormalizer.normalize(location, relativeTo: hopURL, removing: TrackingParameters([])) ?? location
                redirects.append(next)
                hopURL = next
            }
            return
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<end]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            let fields = text.split(separator: " ", maxSplits: 2)
            hopStatus = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
            hopLocation = nil; hopContentType = nil; cookieNames = []; challengeHeader = false
            return
        }
        guard let colon = text.firstIndex(of: ":") else { return }
        let name = text[..<colon].lowercased()
        let value = String(text[text.index(after: colon)...]).trimmingASCIISpaces()
        switch name {
        case "location": hopLocation = value
        case "content-type": hopContentType = value
        case "set-cookie":
            let cookie = value.prefix { $0 != "=" && $0 != ";" }
            cookieNames.append(String(cookie).trimmingASCIISpaces().lowercased())
        case "cf-mitigated": challengeHeader = value.lowercased() == "challenge"
        default: break
        }
    }

    /// HTML, XHTML, or no declared type (sniffed later by the reader).
    static func isHTMLish(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/html") || type.hasPrefix("application/xhtml") || type.isEmpty
    }

    /// `scheme://host:port` → `host` (lowercased; an IPv6 literal keeps its brackets).
    static func hostName(ofOrigin origin: String) -> String {
        guard let schemeEnd = origin.range(of: "://") else { return origin.lowercased() }
        var authority = origin[schemeEnd.upperBound...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close]).lowercased()
        }
        return String(authority.prefix { $0 != ":" }).lowercased()
    }

    /// Origin (scheme://host[:port]) and path+query of a normalised URL.
    static func split(_ url: String) -> (origin: String, pathAndQuery: String) {
        guard let schemeEnd = url.range(of: "://") else { return (url, "/") }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return (url, "/") }
        let path = String(rest[slash...])
        return (String(url[..<slash]), path.hasPrefix("?") ? "/" + path : path)
    }
}
