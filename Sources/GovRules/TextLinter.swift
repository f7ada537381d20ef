import GovCore
import GovLexicon

/// Runs the text rules over the text blocks of one document and turns their hits into
/// findings: the matched text, a plain-text excerpt with the hit's place in it, and where
/// the hit is in the block and in the source.
public struct TextLinter: Sendable {
    public let lexicon: Lexicon
    public let rules: [any TextRule]
    public let policy: FindingPolicy

    /// Characters of context on each side of a hit.
    public static let contextRadius = 15
    /// Findings kept per rule and page (document order); the rest are counted and the last
    /// kept one says how many more there are (“另有 N 处”). A real page never comes near it;
    /// a hostile one (18 MB of unpaired 《) would otherwise exhaust memory.
    public static let findingsPerRulePerPage = 100
    /// Rules whose match is personal data: the match and the excerpt carry the masked form
    /// (the hit's `message`) in place of the number, so no report, ledger or database row
    /// holds it in full; the masked form is stable, so the finding key still is.
    static let maskedRules: Set<RuleID> = [.privacy]

    /// `policy`: config.yaml's severities (they win over a lexicon header's) and disabled rules.
    public init(lexicon: Lexicon, rules: [any TextRule] = TextRules.all, policy: FindingPolicy) {
        self.lexicon = lexicon
        self.rules = rules.filter { policy.isEnabled(type(of: $0).description.id) }
        self.policy = policy
    }

    public init(
        lexicon: Lexicon, rules: [any TextRule] = TextRules.all,
        severity: [RuleID: Severity] = [:], disabled: Set<RuleID> = []
    ) {
        self.init(lexicon: lexicon, rules: rules, policy: FindingPolicy(severity: severity, disabled: disabled))
    }

    public func lint(
        blocks: [TextBlock], site: String = "-", url: String, title: String? = nil,
        column: String? = nil
    ) -> [Finding] {
        var findings: [Finding] = []
        var kept: [RuleID: Int] = [:]
        var overflow: [RuleID: Int] = [:]
        for block in blocks {
            let matched = lexicon.matchBlock(block.text)
            let unit = TextUnit(
                text: block.text, scope: block.scope, lexiconHits: matched.hits, allowSpans: matched.allowSpans,
                normalized: matched.normalized)
            let lines = LineIndex(unit.scalars)
            for rule in rules {
                let description = type(of: rule).description
                let room = Self.findingsPerRulePerPage - kept[description.id, default: 0]
                var sink = TextHitSink(limit: room)
                rule.check(unit, into: &sink)
                let hits = sink.finish().filter {
                    $0.range.lowerBound >= 0 && $0.range.upperBound <= unit.scalars.count
                }
                kept[description.id, default: 0] += hits.count
                if sink.overflow > 0 { overflow[description.id, default: 0] += sink.overflow }
                // Excerpts of personal data come from a copy with every hit of the rule masked,
                // so a neighbour's number in a list is not printed either.
                let shown = Self.maskedRules.contains(description.id) ? masked(unit.scalars, hits) : unit.scalars
                for hit in hits {
                    let (context, contextHit) = excerpt(shown, around: hit.range)
                    let (line, col) = lines.position(of: hit.range.lowerBound)
                    findings.append(
                        Finding(
                            rule: description.id,
                            severity: policy.severity[description.id] ?? hit.severity ?? description.defaultSeverity,
                            site: site, url: url,
                            match: Self.maskedRules.contains(description.id)
                                ? (hit.message ?? String(String.UnicodeScalarView(unit.scalars[hit.range])))
                                : String(String.UnicodeScalarView(unit.scalars[hit.range])),
                            context: context, contextHit: contextHit,
                            suggestion: hit.suggestion, basis: hit.basis, source: hit.source,
                            category: hit.category, message: hit.message, column: column, title: title,
                            scope: block.scope, offset: hit.range.lowerBound,
                            line: block.line + line, col: col, location: block.location))
                }
            }
        }
        for (rule, more) in overflow {
            guard let last = findings.lastIndex(where: { $0.rule == rule }) else { continue }
            findings[last].moreOnPage = more
            let note = Self.moreNote(more)
            // A masked rule's message is the masked number itself: the note goes beside it.
            findings[last].message = findings[last].message.map { $0 + "；" + note } ?? note
        }
        return findings
    }

    /// “另有 12,345 处同类问题未逐一列出”: the count of hits past the per-page cap.
    public static func moreNote(_ count: Int) -> String {
        var digits = String(count)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return "本页另有 \(digits + grouped) 处同类问题未逐一列出"
    }

    /// About `contextRadius` characters either side of the hit, cut at the block's bounds,
    /// with line breaks and tabs folded to spaces (one for one, so offsets stay exact).
    private func excerpt(_ s: [Unicode.Scalar], around range: Range<Int>) -> (String, Range<Int>) {
        let from = max(0, range.lowerBound - Self.contextRadius)
        let to = min(s.count, range.upperBound + Self.contextRadius)
        var view = String.UnicodeScalarView()
        for i in from..<to {
            let c = s[i]
            view.append(c.isLineBreak || c == "\t" ? " " : c)
        }
        return (String(view), (range.lowerBound - from)..<(range.upperBound - from))
    }

    /// The block with each hit's text replaced by its `message` (the masked form), when the
    /// two have the same length so every offset stays true.
    private func masked(_ s: [Unicode.Scalar], _ hits: [TextHit]) -> [Unicode.Scalar] {
        var copy = s
        for hit in hits {
            guard let mask = hit.message?.unicodeScalars, mask.count == hit.range.count else { continue }
            copy.replaceSubrange(hit.range, with: mask)
        }
        return copy
    }
}

/// Scalar offset → (lines before it, 1-based column in scalars after the last line break).
/// CR LF counts as one break; CR alone and LF alone count as one each.
private struct LineIndex {
    /// Offsets where a line starts (after a break), ascending; line 0 starts at 0.
    let starts: [Int]

    init(_ s: [Unicode.Scalar]) {
        var starts = [0]
        for i in s.indices {
            if s[i] == "\n" || s[i] == "\u{2028}" || s[i] == "\u{2029}" {
                starts.append(i + 1)
            } else if s[i] == "\r", i + 1 >= s.count || s[i + 1] != "\n" {
                starts.append(i + 1)
            }
        }
        self.starts = starts
    }

    func position(of offset: Int) -> (linesBefore: Int, column: Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return (lo, offset - starts[lo] + 1)
    }
}
