import GovCore

/// The text rules in run order (SPEC §2): the five lexicon rules share one matcher pass per
/// block, then the rules that read the original characters.
public enum TextRules {
    public static let all: [any TextRule] = [
        TypoRule(), SensitiveRule(), ExpressionRule(), OutdatedRule(), NumberStyleRule(),
        RepeatedWordRule(), PunctuationRule(), PrivacyRule(),
    ]

    /// The description of a text rule, or nil when `id` names a page or site rule.
    public static func description(of id: RuleID) -> RuleDescription? {
        all.lazy.map { type(of: $0).description }.first { $0.id == id }
    }
}

extension Unicode.Scalar {
    /// An ASCII or full-width decimal digit.
    var digitValue: Int? {
        switch value {
        case 0x30...0x39: Int(value - 0x30)
        case 0xFF10...0xFF19: Int(value - 0xFF10)
        default: nil
        }
    }

    var isASCIILetter: Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    /// Line breaks as text blocks carry them (a table row or a <br> each start a line).
    var isLineBreak: Bool { value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029 }
}
