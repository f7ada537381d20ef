import GovCore

/// What config.yaml says about findings, applied the same way to sites and accounts:
/// `rules.severity` overrides and `rules.disable`.
struct FindingPolicy: Sendable {
    let severity: [RuleID: Severity]
    let disabled: Set<RuleID>

    func apply(_ finding: Finding) -> Finding? {
        guard !disabled.contains(finding.rule) else { return nil }
        var finding = finding
        if let override = severity[finding.rule] { finding.severity = override }
        return finding
    }
}

extension Finding {
    /// The finding carried over from the last run for an unchanged (304) page or feed; the
    /// store gives it its status and first-seen day again.
    var carriedOver: Finding {
        var finding = self
        finding.status = nil
        finding.firstSeen = nil
        return finding
    }
}
