import GovCore

/// The one place where config.yaml changes what the rules say (SwiftLint's
/// SeverityConfiguration): `rules.severity`, `rules.disable` and `rules.weights` over the
/// defaults each rule declares in its RuleDescription. `check`, `scan`, feeds and `run`
/// all apply this same value, so one input gets one severity and one score everywhere.
///
/// Precedence of severity: config.yaml `rules.severity` > the lexicon file's own
/// `# severity:` header (a hit's severity) > the rule's default. The office's config is the
/// decision of the people answering for the site; a shipped wordlist is a default.
public struct FindingPolicy: Sendable, Hashable {
    public var severity: [RuleID: Severity]
    public var disabled: Set<RuleID>
    /// Deduction overrides; a rule absent here deducts its RuleDescription.weight.
    public var weights: [RuleID: RuleWeight]

    public init(severity: [RuleID: Severity] = [:], disabled: Set<RuleID> = [], weights: [RuleID: RuleWeight] = [:]) {
        self.severity = severity; self.disabled = disabled; self.weights = weights
    }

    /// Per-finding points from config.yaml, each keeping its rule's default cap.
    public init(severity: [RuleID: Severity], disabled: Set<RuleID>, points: [RuleID: Double]) {
        var weights: [RuleID: RuleWeight] = [:]
        for (rule, value) in points { weights[rule] = RuleWeight(value, cap: RuleCatalog.weight(of: rule).cap) }
        self.init(severity: severity, disabled: disabled, weights: weights)
    }

    public func isEnabled(_ rule: RuleID) -> Bool { !disabled.contains(rule) }

    /// The finding as config.yaml wants it, or nil when its rule is switched off.
    public func apply(_ finding: Finding) -> Finding? {
        guard !disabled.contains(finding.rule) else { return nil }
        var finding = finding
        if let override = severity[finding.rule] { finding.severity = override }
        return finding
    }

    public func apply(_ findings: [Finding]) -> [Finding] { findings.compactMap(apply) }

    public func weight(of rule: RuleID) -> RuleWeight { weights[rule] ?? RuleCatalog.weight(of: rule) }
}
