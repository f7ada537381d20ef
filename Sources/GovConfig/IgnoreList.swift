import CYAML
import Foundation

/// One suppressed finding (`govlint ignore`): a confirmed false positive or an exception the
/// office accepted. `key` is the finding's stable key; the rest says what it was, so a
/// reviewer reading the file in git needs no database.
public struct IgnoreEntry: Sendable, Hashable {
    /// The finding key; empty for an entry that suppresses by rule and URL prefix.
    public var key: String
    public var reason: String
    public var by: String
    /// When it was recorded, `YYYY-MM-DD HH:MM` (office time).
    public var at: String
    public var rule: String?
    public var site: String?
    public var url: String?
    public var match: String?
    /// With `rule` and no key: every finding of that rule on a URL starting with this
    /// (`govlint ignore --rule R --url-prefix P`), e.g. a section of archived pages.
    public var urlPrefix: String?
    /// Line of the entry in the file (0 when not read from a file).
    public var line: Int

    public init(
        key: String, reason: String, by: String, at: String, rule: String? = nil, site: String? = nil,
        url: String? = nil, match: String? = nil, urlPrefix: String? = nil, line: Int = 0
    ) {
        self.key = key; self.reason = reason; self.by = by; self.at = at; self.rule = rule; self.site = site
        self.url = url; self.match = match; self.urlPrefix = urlPrefix; self.line = line
    }

    /// Whether this entry suppresses a finding with this key, rule, site and URL.
    public func covers(
        key findingKey: String, rule findingRule: String, site findingSite: String, url findingURL: String
    ) -> Bool {
        if !key.isEmpty { return key == findingKey }
        guard let urlPrefix, let rule, rule == findingRule, findingURL.hasPrefix(urlPrefix) else { return false }
        return site == nil || site == findingSite
    }
}

/// The ignore file (config `paths.ignore`): a YAML list of entries, reviewable in git.
/// Ignored findings leave notices, scores and the exit status, but stay in the store and are
/// counted as 已忽略 in the summary — never silently dropped.
public struct IgnoreList: Sendable {
    public var file: String
    public var entries: [IgnoreEntry]

    public init(file: String, entries: [IgnoreEntry] = []) { self.file = file; self.entries = entries }

    static let fields = ["key", "reason", "by", "at", "rule", "site", "url", "match", "url_prefix"]

    /// Keys ignored one by one (entries by rule and URL prefix are matched by `entry(for:)`).
    public var keys: Set<String> { Set(entries.map(\.key).filter { !$0.isEmpty }) }

    public func entry(key: String) -> IgnoreEntry? { entries.first { !$0.key.isEmpty && $0.key == key } }

    /// The entry that suppresses this finding: by its key, else by rule and URL prefix.
    public func entry(key: String, rule: String, site: String, url: String) -> IgnoreEntry? {
        entry(key: key) ?? entries.first { $0.key.isEmpty && $0.covers(key: key, rule: rule, site: site, url: url) }
    }

    /// Reads the file; a missing file is an empty list. Errors carry file:line:column.
    public static func load(path: String) throws(ConfigError) -> IgnoreList {
        guard FileManager.default.fileExists(atPath: path) else { return IgnoreList(file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the ignore file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "not UTF-8 text (save the file as UTF-8)")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> IgnoreList {
        guard let root = try YAMLTreeBuilder.build(yaml: yaml, file: file) else { return IgnoreList(file: file) }
        if case .scalar(let s) = root, s.isNull { return IgnoreList(file: file) }
        guard case .sequence(let items, _) = root else {
            throw ConfigError(
                file: file, mark: root.mark,
                message: "the ignore file must be a list of entries (- key: …), found \(root.kindDescription)")
        }
        var entries: [IgnoreEntry] = []
        var seen: [String: Int] = [:]
        for (index, node) in items.enumerated() {
            let item = try Fields(node, path: "[\(index)]", allowed: fields, file: file)
            let rule = try item.optionalString("rule")
            let urlPrefix = try item.optionalString("url_prefix")
            guard let key = try item.optionalString("key") else {
                guard rule != nil, let urlPrefix, !urlPrefix.isEmpty else {
                    throw item.error("key", "[\(index)] needs a key, or a rule with a url_prefix")
                }
                entries.append(
                    IgnoreEntry(
                        key: "", reason: try item.requiredString("reason"), by: try item.string("by", default: ""),
                        at: try item.string("at", default: ""), rule: rule, site: try item.optionalString("site"),
                        urlPrefix: urlPrefix, line: item.mark.line))
                continue
            }
            guard key.count == 16, key.allSatisfy(\.isHexDigit) else {
                throw item.error(
                    "key",
                    "[\(index)].key must be a finding key of 16 hex digits (as `govlint` prints it), found \"\(key)\"")
            }
            if let first = seen[key] {
                throw item.error("key", "finding \(key) is ignored twice (first at line \(first))")
            }
            seen[key] = item.mark.line
            entries.append(
                IgnoreEntry(
                    key: key.lowercased(), reason: try item.requiredString("reason"),
                    by: try item.string("by", default: ""), at: try item.string("at", default: ""),
                    rule: rule, site: try item.optionalString("site"),
                    url: try item.optionalString("url"), match: try item.optionalString("match"),
                    line: item.mark.line))
        }
        return IgnoreList(file: file, entries: entries)
    }

    static let header = """
        # Findings the office has confirmed as false positives or accepted as exceptions.
        # Written by `govlint ignore KEY --reason TEXT`; review changes to this file like code.
        # An ignored finding leaves notices, scores and the exit status; the summary counts it.

        """

    /// Adds an entry to the file, keeping what is there (comments included): the entry is
    /// emitted by libyaml (so any text is quoted safely) and appended to the list.
    public static func append(_ entry: IgnoreEntry, to path: String) throws(ConfigError) {
        try append([entry], to: path)
    }

    /// Adds entries in one write (`ignore --from ledger.csv`); an entry already in the file
    /// is an error naming its line.
    public static func append(_ added: [IgnoreEntry], to path: String) throws(ConfigError) {
        let current = try load(path: path)
        for entry in added where !entry.key.isEmpty {
            if let existing = current.entry(key: entry.key) {
                throw ConfigError(
                    file: path, line: existing.line, column: 3,
                    message:
                        "finding \(entry.key) is already ignored (by \(existing.by.isEmpty ? "?" : existing.by), \(existing.reason))"
                )
            }
        }
        let existingText = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let isBlockList = existingText.split(separator: "\n").contains { $0.hasPrefix("-") }
        let text: String
        if isBlockList {
            text = existingText + (existingText.hasSuffix("\n") ? "" : "\n") + (try emit(added, file: path))
        } else {
            // Empty, comments only, or `[]`: the file is written anew with its header.
            text = header + (try emit(current.entries + added, file: path))
        }
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ConfigError(file: path, message: "cannot write the ignore file: \(error.localizedDescription)")
        }
    }

    /// A block list of entries as libyaml writes it (Unicode kept, no line folding).
    static func emit(_ entries: [IgnoreEntry], file: String) throws(ConfigError) -> String {
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else {
            throw ConfigError(file: file, message: "cannot initialise the YAML emitter (out of memory)")
        }
        defer { yaml_emitter_delete(&emitter) }
        let pairs = entries.map { entry in
            [
                ("key", entry.key.isEmpty ? nil : entry.key), ("reason", entry.reason), ("by", entry.by),
                ("at", entry.at),
                ("rule", entry.rule), ("site", entry.site), ("url", entry.url), ("match", entry.match),
                ("url_prefix", entry.urlPrefix),
            ].compactMap { name, value in value.map { (name, $0) } }
        }
        let capacity = pairs.flatMap { $0 }.reduce(4096) { $0 + ($1.1.utf8.count + $1.0.count) * 8 + 16 }
        var buffer = [UInt8](repeating: 0, count: capacity)
        var written = 0
        let ok: Bool = buffer.withUnsafeMutableBufferPointer { out in
            yaml_emitter_set_output_string(&emitter, out.baseAddress, out.count, &written)
            yaml_emitter_set_unicode(&emitter, 1)
            yaml_emitter_set_width(&emitter, -1)
            var event = yaml_event_t()
            func emit(_ prepared: Int32) -> Bool { prepared == 1 && yaml_emitter_emit(&emitter, &event) == 1 }
            func scalar(_ text: String) -> Bool {
                var bytes = Array(text.utf8)
                let prepared = bytes.withUnsafeMutableBufferPointer {
                    yaml_scalar_event_initialize(
                        &event, nil, nil, $0.baseAddress, Int32($0.count), 1, 1, YAML_ANY_SCALAR_STYLE)
                }
                return emit(prepared)
            }
            guard emit(yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)),
                emit(yaml_document_start_event_initialize(&event, nil, nil, nil, 1)),
                emit(yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE))
            else { return false }
            for entry in pairs {
                guard emit(yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)) else {
                    return false
                }
                for (name, value) in entry { guard scalar(name), scalar(value) else { return false } }
                guard emit(yaml_mapping_end_event_initialize(&event)) else { return false }
            }
            return emit(yaml_sequence_end_event_initialize(&event))
                && emit(yaml_document_end_event_initialize(&event, 1))
                && emit(yaml_stream_end_event_initialize(&event))
                && yaml_emitter_flush(&emitter) == 1
        }
        guard ok else {
            let problem = emitter.problem.map { String(cString: $0) } ?? "unknown error"
            throw ConfigError(file: file, message: "cannot write the ignore entry as YAML: \(problem)")
        }
        return String(decoding: buffer[..<written], as: UTF8.self)
    }
}
