import CYAML

/// A position in the config file, 1-based (libyaml's marks are 0-based).
struct SourceMark: Sendable, Hashable {
    var line: Int
    var column: Int

    init(line: Int, column: Int) { self.line = line; self.column = column }

    init(_ mark: yaml_mark_t) {
        line = Int(mark.line) + 1
        column = Int(mark.column) + 1
    }
}

struct YAMLScalar: Sendable {
    var value: String
    /// Plain (unquoted) scalars are the only ones that can mean null, a number or a bool;
    /// a quoted `"8"` is text the author meant as text.
    var isPlain: Bool
    var mark: SourceMark

    /// `~`, `null` or nothing at all, written without quotes.
    var isNull: Bool {
        isPlain && (value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }
}

struct YAMLEntry: Sendable {
    var key: YAMLScalar
    var value: YAMLNode
}

indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping([YAMLEntry], SourceMark)
    case sequence([YAMLNode], SourceMark)

    var mark: SourceMark {
        switch self {
        case .scalar(let s): s.mark
        case .mapping(_, let m), .sequence(_, let m): m
        }
    }

    /// What the author wrote, in words for an error message.
    var kindDescription: String {
        switch self {
        case .scalar(let s): s.isNull ? "nothing" : "the value \"\(s.value)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}

/// Builds a node tree from libyaml's event stream, keeping every node's position.
/// libyaml's own document loader would lose the marks and silently accept duplicate keys,
/// so the tree is built here: duplicates are reported, aliases resolved to their anchored
/// node, merge keys (`<<`) refused with a clear message.
enum YAMLTreeBuilder {
    private enum Frame {
        case mapping(
            entries: [YAMLEntry], pendingKey: YAMLScalar?, seen: [String: SourceMark],
            mark: SourceMark, anchor: String?)
        case sequence(items: [YAMLNode], mark: SourceMark, anchor: String?)
    }

    /// Deeper nesting is refused: a config needs a handful of levels, and a tree 40,000
    /// deep (a hostile or broken file) overflowed the stack when it was freed or walked.
    static let maxDepth = 64

    static func build(yaml: String, file: String) throws(ConfigError) -> YAMLNode? {
        var bytes = Array(yaml.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ConfigError(file: file, message: "cannot initialise the YAML parser (out of memory)")
        }
        defer { yaml_parser_delete(&parser) }
        // The input buffer must outlive every yaml_parser_parse call: parse inside the closure.
        let result: Result<YAMLNode?, ConfigError> = bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            do throws(ConfigError) {
                return .success(try run(parser: &parser, file: file))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static func run(parser: inout yaml_parser_t, file: String) throws(ConfigError) -> YAMLNode? {
        var stack: [Frame] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0

        func attach(_ node: YAMLNode, anchor: String?) throws(ConfigError) {
            if let anchor { anchors[anchor] = node }
            guard let top = stack.popLast() else {
                root = node
                return
            }
            switch top {
            case .sequence(var items, let mark, let a):
                items.append(node)
                stack.append(.sequence(items: items, mark: mark, anchor: a))
            case .mapping(var entries, let pending, var seen, let mark, let a):
                if let key = pending {
                    entries.append(YAMLEntry(key: key, value: node))
                    stack.append(.mapping(entries: entries, pendingKey: nil, seen: seen, mark: mark, anchor: a))
                } else {
                    guard case .scalar(let key) = node else {
                        throw ConfigError(
                            file: file, mark: node.mark,
                            message: "a mapping key must be plain text, not \(node.kindDescription)")
                    }
                    if key.isPlain && key.value == "<<" {
                        throw ConfigError(
                            file: file, mark: key.mark, message: "merge keys (<<) are not supported: write the keys out"
                        )
                    }
                    if let first = seen[key.value] {
                        throw ConfigError(
                            file: file, mark: key.mark,
                            message: "duplicate key '\(key.value)' (first at line \(first.line))")
                    }
                    seen[key.value] = key.mark
                    stack.append(.mapping(entries: entries, pendingKey: key, seen: seen, mark: mark, anchor: a))
                }
            }
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw syntaxError(parser, file: file)
            }
            defer { yaml_event_delete(&event) }
            let mark = SourceMark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw ConfigError(
                        file: file, mark: mark, message: "a second YAML document (---): the config is one document")
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil
                try attach(.scalar(YAMLScalar(value: value, isPlain: plain, mark: mark)), anchor: string(s.anchor))
            case YAML_SEQUENCE_START_EVENT where stack.count >= maxDepth,
                YAML_MAPPING_START_EVENT where stack.count >= maxDepth:
                throw ConfigError(file: file, mark: mark, message: "nesting deeper than \(maxDepth) levels")
            case YAML_SEQUENCE_START_EVENT:
                stack.append(.sequence(items: [], mark: mark, anchor: string(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                stack.append(
                    .mapping(
                        entries: [], pendingKey: nil, seen: [:], mark: mark,
                        anchor: string(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let top = stack.popLast() else { break }
                switch top {
                case .sequence(let items, let m, let anchor):
                    try attach(.sequence(items, m), anchor: anchor)
                case .mapping(let entries, _, _, let m, let anchor):
                    try attach(.mapping(entries, m), anchor: anchor)
                }
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else {
                    throw ConfigError(
                        file: file, mark: mark, message: "alias *\(name) refers to no anchor &\(name) above it")
                }
                try attach(node, anchor: nil)
            default:
                break
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxError(_ parser: yaml_parser_t, file: String) -> ConfigError {
        let problem = parser.problem.map { String(cString: $0) } ?? "YAML syntax error"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) started at line \(SourceMark(parser.context_mark).line))"
        }
        return ConfigError(file: file, mark: SourceMark(parser.problem_mark), message: message)
    }
}
