import GovCore

/// Every rule's description, in run order: the single source for docs/rules.md, the
/// printers' Chinese names, and the test that RuleID.allCases and the rules agree.
public enum RuleCatalog {
    public static var descriptions: [RuleDescription] {
        TextRules.all.map { type(of: $0).description }
    }

    public static var names: [RuleID: String] {
        Dictionary(descriptions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
