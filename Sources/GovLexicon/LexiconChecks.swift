/// Counts for `govlint lexicon stats`.
public struct LexiconStats: Sendable, Hashable, CustomStringConvertible {
    public struct SourceCount: Sendable, Hashable {
        /// The text of a `# source:` header ("(no source header)" for entries before any).
        public var source: String
        public var entries: Int
    }

    public var entriesPerList: [ListKind: Int]
    /// Entries per sensitive category (file name).
    public var sensitivePerCategory: [String: Int]
    /// Entries written as `re:` patterns.
    public var patternEntries: Int
    public var allowWords: Int
    /// Largest contributors first.
    public var sources: [SourceCount]
    public var automatonStates: Int
    public var automatonBytes: Int
    /// Protected terms (wordlists/protected/) per kind.
    public var protectedPerKind: [ProtectedKind: Int] = [:]
    /// Confusable pairs of confusion.tsv; words of protected/words.txt; near-miss index keys.
    public var confusablePairs = 0
    public var nearMissWords = 0
    public var nearMissKeys = 0

    public var description: String {
        var lines: [String] = []
        for list in ListKind.allCases {
            lines.append("\(list.rawValue)\t\(entriesPerList[list, default: 0])")
        }
        for (category, count) in sensitivePerCategory.sorted(by: { $0.key < $1.key }) {
            lines.append("  sensitive/\(category).txt\t\(count)")
        }
        lines.append("allow.txt\t\(allowWords)")
        lines.append("re: patterns\t\(patternEntries)")
        lines.append("automaton\t\(automatonStates) states, \(automatonBytes / 1024) KiB")
        lines.append("protected terms\t\(protectedPerKind.values.reduce(0, +))")
        for kind in ProtectedKind.allCases {
            lines.append("  \(kind.rawValue)\t\(protectedPerKind[kind, default: 0])")
        }
        lines.append("confusion.tsv\t\(confusablePairs) confusable pairs")
        lines.append("protected/words.txt\t\(nearMissWords)")
        lines.append("near-miss index\t\(nearMissKeys) keys")
        lines.append("largest sources:")
        for source in sources.prefix(10) { lines.append("  \(source.entries)\t\(source.source)") }
        return lines.joined(separator: "\n")
    }
}

extension Lexicon {
    public func stats() -> LexiconStats {
        var perList: [ListKind: Int] = [:]
        var perCategory: [String: Int] = [:]
        var perSource: [String: Int] = [:]
        for item in parsed {
            perList[item.entry.list, default: 0] += 1
            if let category = item.entry.category { perCategory[category, default: 0] += 1 }
            perSource[item.sourceHeader ?? "(no source header)", default: 0] += 1
        }
        let sources = perSource.map { LexiconStats.SourceCount(source: $0.key, entries: $0.value) }
            .sorted { ($0.entries, $1.source) > ($1.entries, $0.source) }
        var stats = LexiconStats(
            entriesPerList: perList, sensitivePerCategory: perCategory,
            patternEntries: patterns.count, allowWords: allowList.count, sources: sources,
            automatonStates: automaton.stateCount, automatonBytes: automaton.memoryBytes)
        stats.protectedPerKind = protectedCounts
        stats.confusablePairs = confusablePairs
        stats.nearMissWords = nearMissWords
        stats.nearMissKeys = nearMiss.keyCount
        return stats
    }

    /// The lexicon tested as data: every plain wrong form, put in a neutral sentence, finds
    /// exactly its own entry; no correction triggers any list; no wrong form is listed twice
    /// or is another entry's correction; no allow word is itself a listed wrong form.
    public func selfTest() -> [LexiconProblem] {
        var problems: [LexiconProblem] = []
        func sentence(_ words: String) -> String { "据悉，" + words + "。" }
        let prefixLength = "据悉，".unicodeScalars.count

        var firstByKey: [String: Int] = [:]
        var rightKeys: [String: Int] = [:]
        for (index, item) in parsed.enumerated() {
            if let earlier = firstByKey[item.key] {
                let other = parsed[earlier].entry
                problems.append(
                    LexiconProblem(
                        source: item.entry.source,
                        reason:
                            "'\(item.entry.wrong)' is already listed at \(other.source)"))
            } else {
                firstByKey[item.key] = index
            }
            if item.regex == nil, let right = item.entry.right {
                let key = Normalizer.normalize(right).text
                if rightKeys[key] == nil { rightKeys[key] = index }
            }
        }
        for item in parsed where item.regex == nil {
            if let index = rightKeys[item.key] {
                problems.append(
                    LexiconProblem(
                        source: item.entry.source,
                        reason:
                            "'\(item.entry.wrong)' is the correction given at \(parsed[index].entry.source)"))
            }
        }
        for word in allowList {
            if let index = firstByKey[word.normalized] {
                problems.append(
                    LexiconProblem(
                        source: word.source,
                        reason:
                            "allow word '\(word.word)' is the wrong form listed at \(parsed[index].entry.source), which it would hide everywhere"
                    ))
            }
        }

        for item in parsed where item.regex == nil {
            let wrong = item.entry.wrong
            let hits = match(sentence(wrong))
            let expected = prefixLength..<(prefixLength + wrong.unicodeScalars.count)
            if hits.count == 1 && hits[0].entry.source == item.entry.source && hits[0].range == expected { continue }
            if hits.isEmpty {
                let allow = allowList.first { $0.normalized.contains(item.key) || item.key.contains($0.normalized) }
                problems.append(
                    LexiconProblem(
                        source: item.entry.source,
                        reason:
                            "'\(wrong)' in a neutral sentence finds nothing"
                            + (allow.map { " (allow word '\($0.word)' at \($0.source) hides it)" } ?? "")))
            } else {
                let found = hits.map { "'\($0.entry.wrong)' (\($0.entry.source))" }.joined(separator: ", ")
                problems.append(
                    LexiconProblem(
                        source: item.entry.source,
                        reason:
                            "'\(wrong)' in a neutral sentence finds \(found) instead of exactly itself"))
            }
        }

        var reportedRights = Set<String>()
        for item in parsed {
            guard let right = item.entry.right, item.regex == nil || !right.contains("$") && !right.contains("{cn:")
            else { continue }
            guard reportedRights.insert(right).inserted else { continue }
            for hit in match(sentence(right)) {
                problems.append(
                    LexiconProblem(
                        source: item.entry.source,
                        reason:
                            "the correction '\(right)' is itself flagged by '\(hit.entry.wrong)' (\(hit.entry.source))")
                )
            }
        }
        return problems
    }
}
