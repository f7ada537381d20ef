import Foundation

/// The office's own lexicon folder (`paths.local_lexicon`, default /etc/govlint/wordlists.d)
/// over the shipped one, decided as "which files and which of their lines are loaded": the
/// shipped folder is replaced by every upgrade, the local one never, so an office's
/// additions survive. In the local folder, the same files in the same formats:
/// - an entry adds to the shipped lists; the same entry listed in both is loaded once (the
///   shipped line);
/// - a local correction that differs from the shipped one is used instead of it (the
///   shipped line is left out) and reported, until `remove.txt` names the shipped entry;
/// - a word of the local `allow.txt` that is a shipped wrong form takes that entry away
///   (an allow word containing one masks it where it occurs, as in the shipped allow.txt);
/// - a line of `remove.txt` (`wrong form[<TAB>reason]`, `re:` patterns as written) takes
///   the shipped entry (or allow word) with that wrong form away.
/// Left-out lines become blank lines, so every source still cites its real file:line.
struct LexiconLayers {
    struct File {
        var relative: String
        var content: String
        /// The path entries cite: "/usr/share/govlint/wordlists/typos.tsv".
        var display: String
    }

    static let removeFile = "remove.txt"

    private(set) var files: [File] = []
    /// Contradictions between the two folders (and inside the local one), by file:line.
    private(set) var contradictions: [LexiconProblem] = []

    /// One meaningful line of a wordlist file.
    private struct Line {
        /// Index into `files`; -1 for remove.txt.
        var file: Int
        var index: Int
        var key: String
        var wrong: String
        var right: String?
    }

    private enum Role { case entries, allow, other }

    init(shipped: String, local: String?) throws(LexiconError) {
        let shippedFiles = try WordlistDirectory.read(shipped)
        files = shippedFiles.map {
            File(relative: $0.relative, content: $0.content, display: "\(shipped)/\($0.relative)")
        }
        guard let local, LexiconSearch.isDirectory(local),
            URL(fileURLWithPath: local).standardizedFileURL != URL(fileURLWithPath: shipped).standardizedFileURL
        else { return }
        let localFiles = try WordlistDirectory.read(local).map {
            File(relative: $0.relative, content: $0.content, display: "\(local)/\($0.relative)")
        }
        var removals: [Line] = []
        let removePath = "\(local)/\(Self.removeFile)"
        if FileManager.default.fileExists(atPath: removePath) {
            guard let data = FileManager.default.contents(atPath: removePath) else {
                throw LexiconError(file: removePath, line: 0, reason: "cannot read the file")
            }
            let text = try WordlistDirectory.decodeUTF8(data, path: removePath)
            removals = Self.lines(
                of: File(relative: Self.removeFile, content: text, display: removePath), file: -1, role: .other)
        }
        merge(localFiles: localFiles, removals: removals, removeDisplay: removePath)
    }

    private mutating func merge(localFiles: [File], removals: [Line], removeDisplay: String) {
        let shippedCount = files.count
        files += localFiles
        var lines: [[Line]] = []
        for (number, file) in files.enumerated() {
            lines.append(Self.lines(of: file, file: number, role: Self.role(file.relative)))
        }
        func source(_ line: Line) -> String {
            "\(line.file < 0 ? removeDisplay : files[line.file].display):\(line.index + 1)"
        }
        func problem(_ line: Line, _ reason: String) {
            contradictions.append(LexiconProblem(source: source(line), reason: reason))
        }

        var removeByKey: [String: Line] = [:]
        for line in removals where removeByKey[line.key] == nil { removeByKey[line.key] = line }
        var localEntries: [String: Line] = [:]
        var localAllow: [String: Line] = [:]
        for number in shippedCount..<files.count {
            for line in lines[number] {
                switch Self.role(files[number].relative) {
                case .entries: if localEntries[line.key] == nil { localEntries[line.key] = line }
                case .allow: if localAllow[line.key] == nil { localAllow[line.key] = line }
                case .other: break
                }
            }
        }

        var blank: [Int: Set<Int>] = [:]
        var usedRemovals = Set<String>()
        for number in 0..<shippedCount {
            let role = Self.role(files[number].relative)
            for line in lines[number] {
                if removeByKey[line.key] != nil {
                    usedRemovals.insert(line.key)
                    blank[number, default: []].insert(line.index)
                } else if role == .entries, localAllow[line.key] != nil {
                    blank[number, default: []].insert(line.index)
                } else if role == .entries, let mine = localEntries[line.key] {
                    if let right = line.right, let myRight = mine.right, right != myRight {
                        blank[number, default: []].insert(line.index)
                        problem(
                            mine,
                            "corrects '\(mine.wrong)' as '\(myRight)' but the shipped \(source(line)) says '\(right)'; the local correction is used (add '\(line.wrong)' to \(Self.removeFile) to confirm)"
                        )
                    } else if line.right == mine.right {
                        blank[mine.file, default: []].insert(mine.index)
                    }
                }
            }
        }
        for number in shippedCount..<files.count where Self.role(files[number].relative) == .entries {
            for line in lines[number] {
                if let removal = removeByKey[line.key], !usedRemovals.contains(line.key) {
                    problem(
                        removal,
                        "removes '\(removal.wrong)', which only the local \(source(line)) adds (remove.txt takes away shipped entries)"
                    )
                    usedRemovals.insert(line.key)
                }
                if let allow = localAllow[line.key] {
                    problem(
                        allow,
                        "allows '\(allow.wrong)', which the local \(source(line)) lists: that entry can never fire")
                }
            }
        }
        for removal in removals where !usedRemovals.contains(removal.key) {
            problem(
                removal,
                "'\(removal.wrong)' is not in the shipped lexicon: nothing to remove (was it dropped upstream?)")
        }
        for (number, indexes) in blank {
            var text = files[number].content.split(separator: "\n", omittingEmptySubsequences: false)
            for index in indexes where index < text.count { text[index] = "" }
            files[number].content = text.joined(separator: "\n")
        }
    }

    private static func role(_ relative: String) -> Role {
        switch WordlistFile(relativePath: relative) {
        case .allow: .allow
        case .none: .other
        default: .entries
        }
    }

    /// Entry lines (not blank, not comments) with their normalised key: what the parser
    /// compares (`re:` patterns by their text). Format errors are left to the parser.
    private static func lines(of file: File, file number: Int, role: Role) -> [Line] {
        var out: [Line] = []
        for (index, raw) in file.content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = Substring(raw)
            if index == 0, text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
            if text.hasSuffix("\r") { text = text.dropLast() }
            if text.hasPrefix("#") || String(text).isBlank { continue }
            let fields = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let wrong = fields[0]
            let key = wrong.hasPrefix("re:") ? wrong : Normalizer.normalize(wrong).text
            guard !key.isEmpty else { continue }
            let hasCorrection = role == .entries && file.relative.hasSuffix(".tsv") && fields.count > 1
            out.append(Line(file: number, index: index, key: key, wrong: wrong, right: hasCorrection ? fields[1] : nil))
        }
        return out
    }
}

extension Lexicon {
    /// The shipped lexicon in `directory` with the office's `local` folder merged over it
    /// (see `LexiconLayers`); a missing local folder is no local entries.
    public static func load(directory: String, local: String?) throws(LexiconError) -> Lexicon {
        var prefix = directory
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        let layers = try LexiconLayers(shipped: prefix, local: local)
        let lexicon = try Lexicon(layered: layers.files, origin: prefix)
        try refuseEmpty(
            lexicon, origin: prefix,
            fileCount: layers.files.count(where: { WordlistFile(relativePath: $0.relative) != nil }))
        return lexicon
    }

    /// Contradictions between the shipped and the local folder, by file:line (`lexicon check`).
    public static func localContradictions(directory: String, local: String?) throws(LexiconError) -> [LexiconProblem] {
        var prefix = directory
        while prefix.count > 1 && prefix.hasSuffix("/") { prefix.removeLast() }
        return try LexiconLayers(shipped: prefix, local: local).contradictions
    }
}
