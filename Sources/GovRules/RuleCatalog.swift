import Foundation
import GovCore

/// Every rule's description, in run order: the single source for docs/rules.md, the
/// printers' Chinese names, and the test that RuleID.allCases and the rules agree.
public enum RuleCatalog {
    public static var descriptions: [RuleDescription] {
        TextRules.all.map { type(of: $0).description } + PageRules.descriptions + SiteRuleCatalog.descriptions
    }

    /// Every rule's description by id (each RuleID has exactly one: a test checks).
    static let byID: [RuleID: RuleDescription] =
        Dictionary(descriptions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    public static func description(of id: RuleID) -> RuleDescription? { byID[id] }

    public static func isTextRule(_ id: RuleID) -> Bool { byID[id]?.kind == .text }

    /// The rule's default deduction; a rule without a description (none: a test checks)
    /// would deduct like a minor page rule.
    public static func weight(of id: RuleID) -> RuleWeight { byID[id]?.weight ?? RuleWeight(0.5, cap: 5) }

    public static var names: [RuleID: String] {
        Dictionary(descriptions.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// docs/rules.md, rendered from the descriptions (a test keeps the committed copy equal).
    public static func markdown() -> String {
        var out = """
            # Rule reference (规则说明)

            Generated from the rules themselves (`RuleCatalog.markdown()`); do not edit by hand —
            run `govlint rules --markdown > docs/rules.md`. Severities and weights are defaults:
            `rules.severity` in config.yaml overrides them (and wins over a lexicon file's
            `# severity:` header), `rules.weights` overrides the points per finding (the cap
            stays), `rules.disable` switches a rule off. In examples, ⟦…⟧ marks what the rule reports.

            | id | 名称 | default severity | kind | weight (per finding / cap) |
            | --- | --- | --- | --- | --- |

            """
        func kind(_ id: RuleID) -> String { byID[id]?.kind.rawValue ?? "site" }
        for d in descriptions {
            out +=
                "| [`\(d.id.rawValue)`](#\(d.id.rawValue)) | \(d.name) | \(d.defaultSeverity.rawValue) (\(d.defaultSeverity.chinese)) | \(kind(d.id)) | \(points(d.weight)) |\n"
        }
        for d in descriptions {
            out +=
                "\n## \(d.id.rawValue)\n\n**\(d.name)** — default severity `\(d.defaultSeverity.rawValue)` (\(d.defaultSeverity.chinese)), \(kind(d.id)) rule.\n\n\(d.rationale)\n"
            out += section("Triggers", d.triggering)
            out += section("Does not trigger", d.nonTriggering)
        }
        return out
    }

    static func points(_ weight: RuleWeight) -> String {
        func text(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        return "\(text(weight.perFinding)) / \(text(weight.cap))"
    }

    static func section(
        _ title: String, _ examples: [Example], lexiconLabel: String = " — with ",
        lexiconEnd: String = ""
    ) -> String {
        guard !examples.isEmpty else { return "" }
        var out = "\n\(title)\(title.unicodeScalars.last.map { $0.value > 0x2E80 } == true ? "：" : ":")\n\n"
        for example in examples {
            var lexicon = ""
            if !example.lexicon.isEmpty {
                lexicon =
                    lexiconLabel
                    + example.lexicon.keys.sorted().map { key in
                        "`\(key)`: `\(example.lexicon[key]!.replacingOccurrences(of: "\t", with: " → ").replacingOccurrences(of: "\n", with: " / "))`"
                    }.joined(separator: ", ") + lexiconEnd
            }
            let input = example.input.trimmingCharacters(in: .whitespacesAndNewlines)
            if input.contains("\n") {
                out +=
                    "```\n\(input)\n```\n" + (lexicon.isEmpty ? "" : lexicon.dropFirst(lexiconLabel.count) + "\n")
                    + "\n"
            } else {
                out +=
                    "- `\(input.replacingOccurrences(of: "`", with: "ˋ"))`\(example.suggestion.map { " → \($0)" } ?? "")\(lexicon)\n"
            }
        }
        return out
    }
}
