/// Life cycle of a finding across stored runs.
public enum FindingStatus: String, Sendable, Codable, CaseIterable {
    case new, open, fixed

    public var chinese: String {
        switch self {
        case .new: "新发现"
        case .open: "未整改"
        case .fixed: "已整改"
        }
    }
}

/// One problem found by one rule: a value, printed by printers and stored by the store.
/// `context` is a short plain-text excerpt; `contextHit` is the hit's range inside it,
/// counted in Unicode scalars, so every printer marks the same characters.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: RuleID
    public var severity: Severity
    public var site: String
    public var url: String
    public var match: String
    public var context: String
    public var contextHit: Range<Int>?
    public var suggestion: String?
    public var basis: String?
    public var source: String?
    public var category: String?
    public var message: String?
    public var column: String?
    public var title: String?
    public var scope: Scope?
    public var offset: Int?
    public var line: Int?
    public var col: Int?
    public var status: FindingStatus?
    public var firstSeen: String?
    /// Where inside an attachment or a local document the hit is (第4页, Sheet2!C7, 段落12,
    /// 表格1 第3行第2列); nil for web pages, whose line and column say it.
    public var location: String?
    /// For a finding in an attachment: the page that links the attachment (its title and
    /// column are the finding's `title` and `column`).
    public var linkedFrom: String?
    /// The rectification deadline (YYYY-MM-DD), fixed when the finding was first seen.
    public var deadline: String?
    /// How many times this very finding (same key) occurs in the run, when more than once.
    public var occurrences: Int?
    /// Further hits of the same rule on the same page that were counted but not kept (the
    /// per-rule cap: a page of a million unpaired 《 is one finding saying “另有 999,999 处”).
    public var moreOnPage: Int?
    /// For a link of the page template (an external, hidden or closed-site link): the link's
    /// text and how it is hidden, which every page carrying that template shares. The
    /// identity then leaves the page out, so the finding stays one open finding, with its
    /// deadline, when the page it was shown on is cleaned and others still carry the link.
    public var templatePlace: String?
    /// Every page the template finding was seen on (sorted), when more than one; at most
    /// `maxTemplatePages`, the message giving the full count.
    public var pages: [String]?
    public static let maxTemplatePages = 500

    public init(
        rule: RuleID, severity: Severity, site: String = "-", url: String, match: String,
        context: String = "", contextHit: Range<Int>? = nil, suggestion: String? = nil,
        basis: String? = nil, source: String? = nil, category: String? = nil,
        message: String? = nil, column: String? = nil, title: String? = nil,
        scope: Scope? = nil, offset: Int? = nil, line: Int? = nil, col: Int? = nil,
        status: FindingStatus? = nil, firstSeen: String? = nil, location: String? = nil,
        linkedFrom: String? = nil
    ) {
        self.rule = rule; self.severity = severity; self.site = site; self.url = url
        self.match = match; self.context = context; self.contextHit = contextHit
        self.suggestion = suggestion; self.basis = basis; self.source = source
        self.category = category; self.message = message; self.column = column
        self.title = title; self.scope = scope; self.offset = offset; self.line = line
        self.col = col; self.status = status; self.firstSeen = firstSeen
        self.location = location; self.linkedFrom = linkedFrom
    }

    /// Stable identity across runs: rule + site + URL + match (SPEC §5), with the template
    /// place instead of the URL for a template link. A short hex digest (FNV-1a 64) so it can
    /// be typed into `govlint ignore`.
    public var key: String {
        let place = templatePlace.map { "template\u{1F}" + $0 } ?? url
        return FNV1a.hex(FNV1a.hash("\(rule.rawValue)\u{1F}\(site)\u{1F}\(place)\u{1F}\(match)"))
    }

    private enum CodingKeys: String, CodingKey {
        case rule, severity, site, url, match, context, suggestion, basis, source, category,
            message, column, title, scope, offset, line, col, status, key, location
        case firstSeen = "first_seen"
        case linkedFrom = "linked_from"
        case deadline, occurrences
        case moreOnPage = "more_on_page"
        case templatePlace = "template_place"
        case pages
        case hitStart = "hit_start"
        case hitLength = "hit_length"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rule = try c.decode(RuleID.self, forKey: .rule)
        severity = try c.decode(Severity.self, forKey: .severity)
        site = try c.decode(String.self, forKey: .site)
        url = try c.decode(String.self, forKey: .url)
        match = try c.decode(String.self, forKey: .match)
        context = try c.decodeIfPresent(String.self, forKey: .context) ?? ""
        if let start = try c.decodeIfPresent(Int.self, forKey: .hitStart),
            let length = try c.decodeIfPresent(Int.self, forKey: .hitLength)
        {
            contextHit = start..<(start + length)
        }
        suggestion = try c.decodeIfPresent(String.self, forKey: .suggestion)
        basis = try c.decodeIfPresent(String.self, forKey: .basis)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        category = try c.decodeIfPresent(String.self, forKey: .category)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        column = try c.decodeIfPresent(String.self, forKey: .column)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        scope = try c.decodeIfPresent(Scope.self, forKey: .scope)
        offset = try c.decodeIfPresent(Int.self, forKey: .offset)
        line = try c.decodeIfPresent(Int.self, forKey: .line)
        col = try c.decodeIfPresent(Int.self, forKey: .col)
        status = try c.decodeIfPresent(FindingStatus.self, forKey: .status)
        firstSeen = try c.decodeIfPresent(String.self, forKey: .firstSeen)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        linkedFrom = try c.decodeIfPresent(String.self, forKey: .linkedFrom)
        deadline = try c.decodeIfPresent(String.self, forKey: .deadline)
        occurrences = try c.decodeIfPresent(Int.self, forKey: .occurrences)
        moreOnPage = try c.decodeIfPresent(Int.self, forKey: .moreOnPage)
        templatePlace = try c.decodeIfPresent(String.self, forKey: .templatePlace)
        pages = try c.decodeIfPresent([String].self, forKey: .pages)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(severity, forKey: .severity)
        try c.encode(site, forKey: .site)
        try c.encode(url, forKey: .url)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encodeIfPresent(linkedFrom, forKey: .linkedFrom)
        try c.encodeIfPresent(column, forKey: .column)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(match, forKey: .match)
        try c.encodeIfPresent(suggestion, forKey: .suggestion)
        try c.encode(context, forKey: .context)
        try c.encodeIfPresent(contextHit?.lowerBound, forKey: .hitStart)
        try c.encodeIfPresent(contextHit?.count, forKey: .hitLength)
        try c.encodeIfPresent(offset, forKey: .offset)
        try c.encodeIfPresent(line, forKey: .line)
        try c.encodeIfPresent(col, forKey: .col)
        try c.encodeIfPresent(scope, forKey: .scope)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(basis, forKey: .basis)
        try c.encodeIfPresent(category, forKey: .category)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(firstSeen, forKey: .firstSeen)
        try c.encodeIfPresent(deadline, forKey: .deadline)
        try c.encodeIfPresent(occurrences, forKey: .occurrences)
        try c.encodeIfPresent(moreOnPage, forKey: .moreOnPage)
        try c.encodeIfPresent(templatePlace, forKey: .templatePlace)
        try c.encodeIfPresent(pages, forKey: .pages)
        try c.encode(key, forKey: .key)
    }
}
