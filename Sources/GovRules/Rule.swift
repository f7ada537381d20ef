import GovCore
import GovLexicon

/// Where a rule runs: over one text block, one page, one checked link, the whole site's
/// snapshot, or a new-media account.
public enum RuleKind: String, Sendable, CaseIterable {
    case text, page, link, site, feed

    public var chinese: String {
        switch self {
        case .text: "文字"
        case .page: "页面"
        case .link: "链接"
        case .site: "站点"
        case .feed: "新媒体账号"
        }
    }
}

/// Deduction per major/minor finding and the most one rule may take from the score (an
/// indicator bottoms out at 0). Veto rules carry a weight too: it only matters when
/// `rules.severity` lowers them to major or minor.
public struct RuleWeight: Sendable, Hashable {
    public var perFinding: Double
    public var cap: Double
    public init(_ perFinding: Double, cap: Double) { self.perFinding = perFinding; self.cap = cap }
    public init(perFinding: Double, cap: Double) { self.init(perFinding, cap: cap) }
}

/// What every rule says about itself: rendered into docs/rules.md and run by the tests.
/// (SwiftLint's RuleDescription: the same examples document and test the rule; its
/// SeverityConfiguration: the default policy lives on the rule, config.yaml only overrides.)
public struct RuleDescription: Sendable {
    public let id: RuleID
    /// Chinese name, e.g. 错别字 (one source: `RuleID.chinese`).
    public var name: String { id.chinese }
    public let kind: RuleKind
    public let defaultSeverity: Severity
    /// The default deduction (documented defaults: the national point table is not public,
    /// INDICATORS.md §7); `rules.weights` in config.yaml overrides the per-finding points.
    public let weight: RuleWeight
    /// Why the rule exists and what it looks at (rendered into docs/rules.md).
    public let rationale: String
    /// Each must yield findings; ⟦…⟧ marks every expected match in text examples.
    public let triggering: [Example]
    /// Each must yield no finding of this rule.
    public let nonTriggering: [Example]

    public init(
        id: RuleID, kind: RuleKind, defaultSeverity: Severity, weight: RuleWeight, rationale: String,
        triggering: [Example], nonTriggering: [Example]
    ) {
        self.id = id; self.kind = kind; self.defaultSeverity = defaultSeverity; self.weight = weight
        self.rationale = rationale; self.triggering = triggering; self.nonTriggering = nonTriggering
    }
}

/// A rule example. For text rules `input` is text with ⟦…⟧ around each expected hit; for page
/// rules it is an HTML page (⟦…⟧ around each expected `match`); site rules build their
/// fixture from `input` in their own way (documented beside the rule).
public struct Example: Sendable {
    public let input: String
    /// Expected suggestion of the (first) hit, when the rule gives one.
    public let suggestion: String?
    /// Inline lexicon files, e.g. ["typos.tsv": "布署\t部署"]: keeps code tests independent
    /// of how wordlists/ is curated.
    public let lexicon: [String: String]
    /// Page URL for page examples.
    public let url: String?
    /// Example variations that do not apply (e.g. a punctuation example cannot survive
    /// width folding); documented in the example itself.
    public let skipVariations: Set<String>
    public let file: String
    public let line: Int

    public init(
        _ input: String, suggestion: String? = nil, lexicon: [String: String] = [:],
        url: String? = nil, skipVariations: Set<String> = [],
        file: String = #filePath, line: Int = #line
    ) {
        self.input = input; self.suggestion = suggestion; self.lexicon = lexicon; self.url = url
        self.skipVariations = skipVariations; self.file = file; self.line = line
    }
}

/// A block of text as text rules see it: the original text, its scalars (offsets are
/// scalar indices), and the lexicon hits computed once per block for all lexicon rules.
public struct TextUnit: Sendable {
    public let text: String
    public let scalars: [Unicode.Scalar]
    public let scope: Scope
    public let lexiconHits: [LexiconHit]
    /// The office's allow words found in the block (scalar ranges): what a detector outside
    /// the lists must stay silent on too.
    public let allowSpans: [Range<Int>]
    /// The block normalised as the lists are matched (`Normalizer`), made once per block.
    public let normalized: NormalizedText

    public init(
        text: String, scope: Scope, lexiconHits: [LexiconHit], allowSpans: [Range<Int>] = [],
        normalized: NormalizedText? = nil
    ) {
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.scope = scope
        self.lexiconHits = lexiconHits
        self.allowSpans = allowSpans
        self.normalized = normalized ?? Normalizer.normalize(text)
    }
}

/// A text rule's raw result; the linter turns it into a Finding (excerpt, line, column).
public struct TextHit: Sendable, Hashable {
    public var range: Range<Int>
    public var suggestion: String?
    public var basis: String?
    public var source: String?
    public var category: String?
    public var message: String?
    /// Overrides the rule's default severity (e.g. a sensitive category's severity).
    public var severity: Severity?

    public init(
        range: Range<Int>, suggestion: String? = nil, basis: String? = nil,
        source: String? = nil, category: String? = nil, message: String? = nil,
        severity: Severity? = nil
    ) {
        self.range = range; self.suggestion = suggestion; self.basis = basis; self.source = source
        self.category = category; self.message = message; self.severity = severity
    }
}

/// A rule over one block of text. Pure: no I/O, safe to run concurrently.
public protocol TextRule: Sendable {
    static var description: RuleDescription { get }
    func check(_ unit: TextUnit) -> [TextHit]
    /// Streams the hits into `sink`, which keeps the first few and counts the rest (see
    /// `TextHitSink`); the default hands over `check(unit)`.
    func check(_ unit: TextUnit, into sink: inout TextHitSink)
}

extension TextRule {
    public func check(_ unit: TextUnit, into sink: inout TextHitSink) {
        for hit in check(unit) { sink.add(hit) }
    }
}
