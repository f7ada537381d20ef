import GovCore
/// The rules of one robots.txt (RFC 9309) that apply to govlint: the groups naming govlint's
/// product token, or else the `*` groups; longest matching pattern wins, Allow wins a tie.
public struct RobotsRules: Sendable, Hashable {
    struct Rule: Sendable, Hashable {
        var allow: Bool
        var pattern: [UInt8]
    }

    var rules: [Rule]
    /// `Crawl-delay` of the chosen groups, in seconds (non-standard but common in China).
    public var crawlDelay: Double?

    /// Everything allowed: a missing, unreachable or unreadable robots.txt.
    public static let allowAll = RobotsRules(rules: [], crawlDelay: nil)

    init(rules: [Rule], crawlDelay: Double?) { self.rules = rules; self.crawlDelay = crawlDelay }

    /// Parses robots.txt text for the crawler whose product token is `agent` (e.g. "govlint").
    public static func parse(_ text: String, agent: String = "govlint") -> RobotsRules {
        let token = agent.lowercased()
        var specific: [Rule] = [], general: [Rule] = []
        var specificDelay: Double?, generalDelay: Double?
        // Whether any group names govlint: then only those groups apply, even without rules.
        var namedGroupExists = false
        // The agents of the group being read; a rule line after agent lines closes the header.
        var groupAgents: [String] = []
        var inRules = false

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingASCIISpaces().lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingASCIISpaces()
            switch key {
            case "user-agent":
                if inRules { groupAgents = []; inRules = false }
                let agentToken = value.lowercased().split(separator: "/").first.map(String.init) ?? ""
                if agentToken == token { namedGroupExists = true }
                groupAgents.append(agentToken)
            case "allow", "disallow", "crawl-delay":
                inRules = true
                let forUs = groupAgents.contains(token)
                let forAll = groupAgents.contains("*")
                guard forUs || forAll else { continue }
                if key == "crawl-delay" {
                    guard let seconds = Double(value), seconds >= 0 else { continue }
                    if forUs { specificDelay = seconds }
                    if forAll { generalDelay = seconds }
                    continue
                }
                guard !value.isEmpty else { continue }  // "Disallow:" with no path allows all
                let rule = Rule(allow: key == "allow", pattern: Array(normalizedPattern(value).utf8))
                if forUs { specific.append(rule) }
                if forAll { general.append(rule) }
            default:
                continue  // Sitemap, Host and unknown lines do not end a group
            }
        }
        return namedGroupExists
            ? RobotsRules(rules: specific, crawlDelay: specificDelay)
            : RobotsRules(rules: general, crawlDelay: generalDelay)
    }

    /// Whether the path (with its query, percent-encoded as on the wire) may be fetched.
    public func allows(_ pathAndQuery: String) -> Bool {
        let path = Array((pathAndQuery.isEmpty ? "/" : pathAndQuery).utf8)
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, path) {
            if let current = best {
                if rule.pattern.count > current.pattern.count
                    || (rule.pattern.count == current.pattern.count && rule.allow)
                {
                    best = rule
                }
            } else {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// Paths in robots.txt may be written with raw non-ASCII characters; the crawler compares
    /// percent-encoded paths, so the pattern is encoded the same way (keeping * and $).
    private static func normalizedPattern(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            if byte >= 0x80 || byte == 0x20 {
                out += "%" + String(byte, radix: 16, uppercase: true)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    /// Prefix match with `*` (any run) and a trailing `$` (end of path).
    static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*"), dollar = UInt8(ascii: "$")
        var p = 0, s = 0
        var starP = -1, starS = 0
        while true {
            if p < pattern.count, pattern[p] == dollar, p == pattern.count - 1 {
                if s == path.count { return true }
            } else if p == pattern.count {
                return true  // prefix match: the rest of the path is free
            } else if pattern[p] == star {
                starP = p; starS = s; p += 1; continue
            } else if s < path.count, pattern[p] == path[s] {
                p += 1; s += 1; continue
            }
            // Mismatch: let the last star swallow one more byte, or fail.
            guard starP >= 0, starS < path.count else { return false }
            starS += 1; s = starS; p = starP + 1
        }
    }
}
