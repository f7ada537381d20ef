import GovCore

/// The lists of SPEC §3. The raw value is the file (or folder) name in `wordlists/`.
public enum ListKind: String, Sendable, Codable, CaseIterable {
    case typo = "typos.tsv"
    case expression = "expressions.tsv"
    case outdated = "outdated.tsv"
    case numberStyle = "number-style.tsv"
    case sensitive = "sensitive"
}

/// One lexicon entry, with what a notice needs: the correction, the basis, where it is.
public struct LexiconEntry: Sendable, Hashable {
    public var wrong: String
    public var right: String?
    public var basis: String?
    public var list: ListKind
    /// For `sensitive/<category>.txt`: the category (gambling, obscene, …).
    public var category: String?
    /// For sensitive lists: the severity from the file's header line.
    public var severity: Severity?
    /// "wordlists/typos.tsv:57"
    public var source: String

    public init(wrong: String, right: String? = nil, basis: String? = nil, list: ListKind,
                category: String? = nil, severity: Severity? = nil, source: String) {
        self.wrong = wrong; self.right = right; self.basis = basis; self.list = list
        self.category = category; self.severity = severity; self.source = source
    }
}

/// A lexicon match: the range is in Unicode scalars of the ORIGINAL text (normalisation
/// is undone), so excerpts mark exactly the characters the reader sees.
public struct LexiconHit: Sendable, Hashable {
    public var range: Range<Int>
    public var entry: LexiconEntry

    public init(range: Range<Int>, entry: LexiconEntry) { self.range = range; self.entry = entry }
}
