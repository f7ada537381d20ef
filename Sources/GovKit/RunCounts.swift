import GovCore

public enum OutputFormat: String, Sendable, CaseIterable {
    case text, jsonl, json
}

/// Counts for the closing line and the JSON summary object.
public struct RunCounts: Sendable, Codable {
    public var files: Int = 0
    public var pages: Int = 0
    public var findings: Int = 0
    public var bySeverity: [String: Int] = [:]
    public var byRule: [String: Int] = [:]

    public init() {}

    public mutating func count(_ finding: Finding) {
        findings += 1
        bySeverity[finding.severity.rawValue, default: 0] += 1
        byRule[finding.rule.rawValue, default: 0] += 1
    }
}
