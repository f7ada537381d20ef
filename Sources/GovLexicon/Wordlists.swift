import Foundation
import GovCore

/// Which wordlist a file is, from its path inside `wordlists/`.
enum WordlistFile: Hashable {
    case list(ListKind)
    case sensitive(category: String)
    case allow
    /// confusion.tsv: 字<TAB>同音字<TAB>形近字[<TAB>近音字], for the near-miss rule.
    case confusion
    /// protected/<kind>.tsv: 固定词语<TAB>错误写法（“|”分隔，或 -）<TAB>依据.
    case protected(ProtectedKind, stem: String)
    /// protected/words.txt: near-misses that are words in their own right.
    case protectedWords

    /// nil for files that are not part of the lexicon (README, licences).
    init?(relativePath: String) {
        switch relativePath {
        case ListKind.typo.rawValue: self = .list(.typo)
        case ListKind.expression.rawValue: self = .list(.expression)
        case ListKind.outdated.rawValue: self = .list(.outdated)
        case ListKind.numberStyle.rawValue: self = .list(.numberStyle)
        case "allow.txt": self = .allow
        case "confusion.tsv": self = .confusion
        case "protected/words.txt": self = .protectedWords
        default:
            if relativePath.hasPrefix("protected/"), relativePath.hasSuffix(".tsv") {
                let stem = String(relativePath.dropFirst("protected/".count).dropLast(4))
                guard let kind = ProtectedKind.of(fileStem: stem) else { return nil }
                self = .protected(kind, stem: stem)
                return
            }
            let prefix = "sensitive/"
            guard relativePath.hasPrefix(prefix), relativePath.hasSuffix(".txt") else { return nil }
            let category = String(relativePath.dropFirst(prefix.count).dropLast(4))
            guard !category.isEmpty, !category.contains("/") else { return nil }
            self = .sensitive(category: category)
        }
    }

    /// Files are read in this order, so entry order (and "first listed") is stable.
    var sortKey: String {
        switch self {
        case .list(.typo): "0"
        case .list(.expression): "1"
        case .list(.outdated): "2"
        case .list(.numberStyle): "3"
        case .list(.sensitive): "4"
        case .sensitive(let category): "5" + category
        case .allow: "6"
        case .confusion: "7"
        case .protected(_, let stem): "8" + stem
        case .protectedWords: "9"
        }
    }
}

/// An entry as parsed, with what the engine and the statistics need beside the public value.
struct ParsedEntry {
    var entry: LexiconEntry
    /// The `# source:` header in force where the entry was listed.
    var sourceHeader: String?
    /// The normalised wrong form (plain entries) or the pattern text without `re:`.
    var key: String
    var regex: SafePattern?
}

struct ParsedAllowWord {
    var word: String
    var normalized: String
    var source: String
}

/// Parses wordlist files into entries, reporting the first bad line as `file:line: reason`.
struct WordlistParser {
    private(set) var entries: [ParsedEntry] = []
    private(set) var allowWords: [ParsedAllowWord] = []
    private(set) var protectedTerms: [ProtectedTerm] = []
    private(set) var protectedWords: [[UInt32]] = []
    private(set) var confusion: [UInt64: Confusion] = [:]
    private var firstByKey: [String: Int] = [:]

    /// `displayPath` is the path as the user gave it ("wordlists/typos.tsv").
    mutating func parse(_ content: String, kind: WordlistFile, displayPath: String) throws(LexiconError) {
        var severity: Severity? = nil
        if case .sensitive = kind { severity = .veto }
        var sourceHeader: String? = nil
        var lineNumber = 0
        var lines: [(fields: [String], columns: [Int], isComment: Bool)] = []
        // Split on bytes (TAB and LF never occur inside a UTF-8 sequence): far cheaper
        // than Character-wise splitting on a 100k-line list.
        var content = content
        content.makeContiguousUTF8()
        _ = content.utf8.withContiguousStorageIfAvailable { bytes in
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                var fields: [String] = []
                var columns: [Int] = []
                var fieldStart = start
                var column = 1
                for index in start...lineEnd where index == lineEnd || bytes[index] == 0x09 {
                    let field = UnsafeBufferPointer(rebasing: bytes[fieldStart..<index])
                    fields.append(String(decoding: field, as: UTF8.self))
                    columns.append(column)
                    column += field.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } + 1
                    fieldStart = index + 1
                }
                lines.append((fields, columns, lineEnd > start && bytes[start] == 0x23))
                if end == bytes.count { break }
                start = end + 1
            }
        }
        for (fields, columns, isComment) in lines {
            lineNumber += 1
            func fail(_ reason: String, column: Int? = nil) -> LexiconError {
                LexiconError(file: displayPath, line: lineNumber, column: column, reason: reason)
            }
            if fields.allSatisfy(\.isBlank) { continue }
            if isComment {
                let comment = fields.joined(separator: "\t").dropFirst().trimmingCharacters(in: .whitespaces)
                if let value = Self.headerValue(comment, key: "severity") {
                    // sensitive/<category>.txt: the file's severity; typos.tsv: the severity of the
                    // entries below it (the 异形词 section is minor).
                    switch kind {
                    case .sensitive, .list(.typo): break
                    default: throw fail("a severity header belongs only in sensitive/<category>.txt or typos.tsv")
                    }
                    guard let parsed = Severity(rawValue: value.lowercased()) else {
                        throw fail("bad severity '\(value)' (expected veto, major, minor or info)")
                    }
                    severity = parsed
                } else if let value = Self.headerValue(comment, key: "source") {
                    sourceHeader = value
                }
                continue
            }
            let (minFields, maxFields, shape): (Int, Int, String) =
                switch kind {
                case .list(.typo): (2, 3, "wrong<TAB>right[<TAB>basis]")
                case .list: (3, 3, "wrong<TAB>right<TAB>basis")
                case .sensitive, .allow: (1, 2, "term[<TAB>note]")
                case .confusion: (3, 4, "char<TAB>homophones<TAB>look-alikes[<TAB>near-homophones]")
                case .protected: (1, 3, "term[<TAB>wrong|wrong…[<TAB>basis]]")
                case .protectedWords: (1, 1, "word")
                }
            if fields.count < minFields {
                throw fail(fields.count == 1 ? "no TAB: expected \(shape)" : "missing basis: expected \(shape)")
            }
            if fields.count > maxFields { throw fail("too many TABs: expected \(shape)", column: columns[maxFields]) }
            for (index, field) in fields.enumerated() where field.isBlank {
                throw fail("empty field \(index + 1): expected \(shape)", column: columns[index])
            }
            let wrong = fields[0]
            if Normalizer.classify(wrong.unicodeScalars.first!.value).kind == .space
                || Normalizer.classify(wrong.unicodeScalars.last!.value).kind == .space
            {
                throw fail("leading or trailing space in '\(wrong)'", column: 1)
            }
            let source = "\(displayPath):\(lineNumber)"
            switch kind {
            case .confusion:
                let chars = Array(wrong.unicodeScalars)
                guard chars.count == 1 else { throw fail("expected one character, found '\(wrong)'", column: 1) }
                var columns = [(fields[1], Confusion.homophone), (fields[2], Confusion.lookalike)]
                if fields.count > 3 { columns.append((fields[3], Confusion.nearHomophone)) }
                for (field, relation) in columns where field != "-" {
                    for other in field.unicodeScalars where other != chars[0] {
                        let key = UInt64(chars[0].value) << 32 | UInt64(other.value)
                        if confusion[key] == nil { confusion[key] = relation }
                    }
                }
            case .protectedWords:
                protectedWords.append(Normalizer.normalize(wrong).text.unicodeScalars.map(\.value))
            case .protected(let protectedKind, _):
                let term = Normalizer.normalize(wrong).text
                let basis = fields.count > 2 && fields[2] != "-" ? fields[2] : nil
                protectedTerms.append(
                    ProtectedTerm(
                        text: wrong, scalars: term.unicodeScalars.map(\.value),
                        kind: protectedKind, basis: basis, source: source))
                if fields.count > 1, fields[1] != "-" {
                    for form in fields[1].split(separator: "|").map(String.init) {
                        guard !form.isBlank else {
                            throw fail("empty wrong form in '\(fields[1])'", column: columns[1])
                        }
                        let entry = LexiconEntry(
                            wrong: form, right: wrong, basis: basis, list: protectedKind.list, source: source)
                        let key = Normalizer.normalize(form).text
                        if key == term { throw fail("the wrong form '\(form)' is the term itself", column: columns[1]) }
                        try add(
                            ParsedEntry(entry: entry, sourceHeader: sourceHeader, key: key, regex: nil),
                            line: lineNumber, displayPath: displayPath)
                    }
                }
            case .allow:
                let normalized = Normalizer.normalize(wrong).text
                if normalized.isEmpty { throw fail("the word is only invisible characters", column: 1) }
                allowWords.append(ParsedAllowWord(word: wrong, normalized: normalized, source: source))
            case .sensitive(let category):
                let entry = LexiconEntry(
                    wrong: wrong, list: .sensitive, category: category,
                    severity: severity, source: source)
                try add(
                    ParsedEntry(entry: entry, sourceHeader: sourceHeader, key: "", regex: nil),
                    line: lineNumber, displayPath: displayPath)
            case .list(let list):
                let right = fields[1]
                let basis = fields.count > 2 ? fields[2] : nil
                let entry = LexiconEntry(
                    wrong: wrong, right: right, basis: basis, list: list,
                    severity: list == .typo ? severity : nil, source: source)
                var parsed = ParsedEntry(entry: entry, sourceHeader: sourceHeader, key: "", regex: nil)
                if wrong.hasPrefix("re:") {
                    guard list != .typo else {
                        throw fail(
                            "re: patterns belong in expressions.tsv, outdated.tsv or number-style.tsv", column: 1)
                    }
                    parsed.regex = try Self.compile(
                        String(wrong.dropFirst(3)), right: right,
                        rightColumn: columns[1], fail: fail)
                } else {
                    parsed.key = Normalizer.normalize(wrong).text
                    if parsed.key == Normalizer.normalize(right).text {
                        throw fail("the correction is the same as the wrong form", column: columns[1])
                    }
                }
                try add(parsed, line: lineNumber, displayPath: displayPath)
            }
        }
    }

    private mutating func add(_ parsed: ParsedEntry, line: Int, displayPath: String) throws(LexiconError) {
        var parsed = parsed
        let wrong = parsed.entry.wrong
        if parsed.regex != nil {
            parsed.key = wrong
        } else if parsed.key.isEmpty {
            parsed.key = Normalizer.normalize(wrong).text
        }
        if parsed.key.isEmpty {
            throw LexiconError(
                file: displayPath, line: line, column: 1, reason: "the wrong form is only invisible characters")
        }
        if let earlier = firstByKey[parsed.key] {
            let first = entries[earlier].entry
            if let right = parsed.entry.right, let firstRight = first.right, right != firstRight {
                throw LexiconError(
                    file: displayPath, line: line,
                    reason:
                        "'\(wrong)' is already listed at \(first.source) with a different correction '\(firstRight)'")
            }
        } else {
            firstByKey[parsed.key] = entries.count
        }
        entries.append(parsed)
    }

    private static func headerValue(_ comment: String, key: String) -> String? {
        guard let colon = comment.firstIndex(of: ":"),
            comment[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == key
        else { return nil }
        return comment[comment.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Compiles an `re:` pattern (the safe subset of `SafePattern`: no nested quantifiers,
    /// one-character lookarounds) and checks that the correction only names groups it has.
    private static func compile(
        _ pattern: String, right: String, rightColumn: Int,
        fail: (String, Int?) -> LexiconError
    ) throws(LexiconError) -> SafePattern {
        guard !pattern.isEmpty else { throw fail("empty pattern after re:", 1) }
        let compiled: SafePattern
        do {
            compiled = try SafePattern(pattern)
        } catch {
            if error.unsafe { throw fail("unsafe pattern \(pattern): \(error.reason)", 4 + error.offset) }
            throw fail("pattern does not compile: \(pattern)", 4)
        }
        for group in CorrectionTemplate.groupReferences(in: right) where group > compiled.groupCount {
            throw fail("the correction names group \(group) but the pattern has \(compiled.groupCount)", rightColumn)
        }
        return compiled
    }
}

/// Reads files of a `wordlists/` directory: every file optional, the directory required.
enum WordlistDirectory {
    static func read(_ directory: String) throws(LexiconError) -> [(relative: String, content: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LexiconError(file: directory, line: 0, reason: "lexicon directory not found")
        }
        var relatives = [
            "typos.tsv", "expressions.tsv", "outdated.tsv", "number-style.tsv", "allow.txt", "confusion.tsv",
        ]
        let sensitiveDirectory = directory + "/sensitive"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: sensitiveDirectory) {
            relatives += names.filter { $0.hasSuffix(".txt") }.sorted().map { "sensitive/" + $0 }
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory + "/protected") {
            for name in names.sorted() where name.hasSuffix(".tsv") || name == "words.txt" {
                guard WordlistFile(relativePath: "protected/" + name) != nil else {
                    throw LexiconError(
                        file: directory + "/protected/" + name, line: 0,
                        reason:
                            "unknown protected list (expected idioms, phrases, formulations, sessions, organs, places, leaders or laws .tsv, or words.txt)"
                    )
                }
                relatives.append("protected/" + name)
            }
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for name in names where name.hasSuffix(".tsv") && WordlistFile(relativePath: name) == nil {
                throw LexiconError(
                    file: directory + "/" + name, line: 0,
                    reason:
                        "unknown list (expected typos.tsv, expressions.tsv, outdated.tsv or number-style.tsv)")
            }
        }
        var files: [(String, String)] = []
        for relative in relatives {
            let path = directory + "/" + relative
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LexiconError(file: path, line: 0, reason: "cannot read the file")
            }
            files.append((relative, try decodeUTF8(data, path: path)))
        }
        return files
    }

    /// Decodes strict UTF-8, naming the line of the first bad byte.
    static func decodeUTF8(_ data: Data, path: String) throws(LexiconError) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): if encoded.count == 1 && encoded.first == 0x0A { line += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        throw LexiconError(file: path, line: line, reason: "not valid UTF-8 (save the file as UTF-8)")
    }
}

extension String {
    /// Empty, or only spaces and invisible characters.
    var isBlank: Bool {
        unicodeScalars.allSatisfy {
            Normalizer.classify($0.value).kind != .other && Normalizer.classify($0.value).kind != .han
        }
    }
}
