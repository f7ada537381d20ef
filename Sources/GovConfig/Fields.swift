import Foundation

/// The keys of one YAML mapping, checked against the keys its section allows, with typed
/// getters that report the key's or value's position when the value is wrong.
struct Fields {
    let file: String
    /// Dotted path of this mapping for messages (`crawl`, `sites[2].columns[0]`); "" at the root.
    let path: String
    let mark: SourceMark
    private let entries: [String: YAMLEntry]

    init(_ node: YAMLNode, path: String, allowed: [String], file: String) throws(ConfigError) {
        guard case .mapping(let list, let mark) = node else {
            throw ConfigError(
                file: file, mark: node.mark,
                message:
                    "\(path.isEmpty ? "the config" : path) must be a mapping of keys, found \(node.kindDescription)")
        }
        var entries: [String: YAMLEntry] = [:]
        for entry in list {
            let key = entry.key.value
            guard allowed.contains(key) else {
                if key == "password" {
                    throw ConfigError(
                        file: file, mark: entry.key.mark,
                        message:
                            "do not write the SMTP password in config.yaml: use mail.password_file (a file readable only by govlint) or mail.password_env (an environment variable)"
                    )
                }
                let place = path.isEmpty ? "" : " in \(path)"
                throw ConfigError(
                    file: file, mark: entry.key.mark,
                    message: "unknown key '\(key)'\(place)\(Spelling.hint(for: key, among: allowed))")
            }
            entries[key] = entry
        }
        self.file = file; self.path = path; self.mark = mark; self.entries = entries
    }

    func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value node, nil when the key is absent or written as null (`key:` / `~`).
    func node(_ key: String) -> YAMLNode? {
        guard let value = entries[key]?.value else { return nil }
        if case .scalar(let s) = value, s.isNull { return nil }
        return value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    func keyMark(_ key: String) -> SourceMark { entries[key]?.key.mark ?? mark }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, mark: node(key)?.mark ?? keyMark(key), message: message)
    }

    // MARK: scalars

    func scalar(_ key: String, expecting what: String) throws(ConfigError) -> YAMLScalar? {
        guard let value = node(key) else { return nil }
        guard case .scalar(let s) = value else {
            throw ConfigError(
                file: file, mark: value.mark,
                message: "\(qualified(key)) must be \(what), found \(value.kindDescription)")
        }
        return s
    }

    func optionalString(_ key: String) throws(ConfigError) -> String? {
        guard let s = try scalar(key, expecting: "text") else { return nil }
        let text = s.value.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    func string(_ key: String, default value: String) throws(ConfigError) -> String {
        try optionalString(key) ?? value
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let text = try optionalString(key) else {
            throw ConfigError(file: file, mark: keyMark(key), message: "\(qualified(key)) is required")
        }
        return text
    }

    func int(_ key: String, default value: Int, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let s = try scalar(key, expecting: "a whole number") else { return value }
        guard let number = Int(s.value.replacingOccurrences(of: "_", with: "")) else {
            throw ConfigError(
                file: file, mark: s.mark, message: "\(qualified(key)) must be a whole number, found \"\(s.value)\"")
        }
        guard range.contains(number) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message:
                    "\(qualified(key)) must be between \(range.lowerBound) and \(range.upperBound), found \(number)")
        }
        return number
    }

    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard has(key) else { return nil }
        return try int(key, default: 0, in: range)
    }

    /// A ratio between 0 and 1, also written as a percentage (`5%`).
    func ratio(_ key: String, default value: Double) throws(ConfigError) -> Double {
        guard let s = try scalar(key, expecting: "a ratio") else { return value }
        var text = s.value.trimmingCharacters(in: .whitespaces)
        var scale = 1.0
        if text.hasSuffix("%") { text.removeLast(); scale = 0.01 }
        guard let number = Double(text), number.isFinite else {
            throw ConfigError(
                file: file, mark: s.mark,
                message: "\(qualified(key)) must be a number such as 0.05 or 5%, found \"\(s.value)\"")
        }
        let ratio = number * scale
        guard (0...1).contains(ratio) else {
            throw ConfigError(
                file: file, mark: s.mark,
                message: "\(qualified(key)) must be between 0 and 1 (or 0% and 100%), found \(s.value)")
        }
        return ratio
    }

    func bool(_ key: String, default value: Bool) throws(ConfigError) -> Bool {
        guard let s = try scalar(key, expecting: "true or false") else { return value }
        switch s.value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            throw ConfigError(
                file: file, mark: s.mark, message: "\(qualified(key)) must be true or false, found \"\(s.value)\"")
        }
    }

    /// A list of texts; a single text is taken as a list of one.
    func strings(_ key: String, default value: [String] = []) throws(ConfigError) -> [String] {
        try stringItems(key).map(\.value).nonEmpty ?? value
    }

    /// List items with their positions, for per-item validation.
    func stringItems(_ key: String) throws(ConfigError) -> [YAMLScalar] {
        guard let value = node(key) else { return [] }
        switch value {
        case .scalar(let s):
            return [s]
        case .sequence(let items, _):
            var out: [YAMLScalar] = []
            for (index, item) in items.enumerated() {
                guard case .scalar(let s) = item, !s.isNull else {
                    throw ConfigError(
                        file: file, mark: item.mark,
                        message: "\(qualified(key))[\(index)] must be text, found \(item.kindDescription)")
                }
                out.append(
                    YAMLScalar(value: s.value.trimmingCharacters(in: .whitespaces), isPlain: s.isPlain, mark: s.mark))
            }
            return out
        case .mapping:
            throw ConfigError(
                file: file, mark: value.mark, message: "\(qualified(key)) must be a list, found a mapping")
        }
    }

    /// A list of mappings (sites, feeds, columns…): each item with its path.
    func items(_ key: String) throws(ConfigError) -> [(path: String, node: YAMLNode)] {
        guard let value = node(key) else { return [] }
        guard case .sequence(let items, _) = value else {
            throw ConfigError(
                file: file, mark: value.mark,
                message: "\(qualified(key)) must be a list (items starting with '- '), found \(value.kindDescription)")
        }
        return items.enumerated().map { (path: "\(qualified(key))[\($0.offset)]", node: $0.element) }
    }

    /// A mapping whose keys are data (rule ids, column types): entries with positions.
    func pairs(_ key: String) throws(ConfigError) -> [YAMLEntry] {
        guard let value = node(key) else { return [] }
        guard case .mapping(let entries, _) = value else {
            throw ConfigError(
                file: file, mark: value.mark,
                message: "\(qualified(key)) must be a mapping, found \(value.kindDescription)")
        }
        return entries
    }

    func section(_ key: String, allowed: [String]) throws(ConfigError) -> Fields? {
        guard let value = node(key) else { return nil }
        return try Fields(value, path: qualified(key), allowed: allowed, file: file)
    }
}

extension Array {
    fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
