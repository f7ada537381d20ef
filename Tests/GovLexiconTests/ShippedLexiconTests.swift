import Foundation
@testable import GovLexicon
import Testing

/// The shipped wordlists as data: silent on proofread government text, finding every
/// planted error, passing their own self-tests.
@Suite struct ShippedLexiconTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let lexicon: Lexicon = {
        do { return try Lexicon.load(directory: root.appendingPathComponent("wordlists").path) } catch {
            fatalError("shipped lexicon does not load: \(error)")
        }
    }()

    /// Regression: `lexicon match` crashed (“Duplicate values for key
    /// protected/formulations.tsv:5”) on any text where a pattern hit, because one line of
    /// formulations.tsv lists several wrong forms and entries were looked up by line alone.
    @Test func streamingMatchWithPatternsAndFormulationsOfOneLine() throws {
        let text = "2024.3.15前报送整改报告，深入学习习近平新时代思想。\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString).txt")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var hits: [FileHit] = []
        try Self.lexicon.matchFile(path: path) { hits.append($0) }
        #expect(hits.contains { $0.matched == "2024.3.15" && $0.right == "2024年3月15日" }, "\(hits)")
        for hit in hits {
            let entry = Self.lexicon.entries[hit.entryIndex]
            #expect(entry.wrong == hit.wrong && entry.list == hit.list, "hit \(hit) points at its own entry \(entry)")
        }
    }

    @Test func selfTestsPass() {
        let problems = Self.lexicon.selfTest()
        #expect(problems.isEmpty, "\(problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    static var corpusFiles: [URL] {
        let base = root.appendingPathComponent("Tests/Fixtures/clean-corpus")
        let files =
            FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
    }

    /// Outdated names are exempt: they are correct in historical text (a 2010 report names
    /// the bodies of 2010).
    @Test(arguments: corpusFiles)
    func silentOnProofreadGovernmentText(file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        var hits: [String] = []
        for line in text.split(separator: "\n") {
            let line = String(line)
            for hit in Self.lexicon.match(line) where hit.entry.list != .outdated {
                let scalars = Array(line.unicodeScalars)
                let found = String(String.UnicodeScalarView(scalars[hit.range]))
                hits.append("\(hit.entry.list.rawValue) \(found) (\(hit.entry.source))")
            }
        }
        #expect(hits.isEmpty, "\(file.lastPathComponent): \(hits.prefix(20).joined(separator: "; "))")
    }

    /// Regression guard for the Pike VM's search (see SafePatternTests
    /// `aFailedLookBehindDoesNotEndTheSearch`): the dotted date after “第3季度” is found.
    @Test func findsEveryPlantedErrorInOrder() throws {
        let dir = Self.root.appendingPathComponent("Tests/Fixtures/planted")
        let text = try String(contentsOf: dir.appendingPathComponent("planted.txt"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent("planted.expected.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: "\t").map(String.init) }
        let scalars = Array(text.unicodeScalars)
        let got = Self.lexicon.match(text).map { hit -> [String] in
            let third = hit.entry.list == .sensitive ? (hit.entry.category ?? "") : (hit.entry.right ?? "")
            let wrong =
                hit.entry.wrong.hasPrefix("re:")
                ? String(String.UnicodeScalarView(scalars[hit.range])) : hit.entry.wrong
            return [hit.entry.list.rawValue, wrong, third]
        }
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g[1] == e[1] && g[2] == e[2], "expected \(e), got \(g)")
        }
    }
}

/// The regex prefilter must never skip a block a pattern could match.
@Suite struct PatternPrefilterTests {
    @Test func requiredCharactersAreOnlyUnquantifiedTopLevelLiterals() throws {
        let lexicon = try Lexicon(files: [
            "number-style.tsv": """
            re:党的(\\d{1,2})大\t党的{cn:1}大\tGB/T 15835
            re:(1\\d)五(规划|时期)\t十$1五规划\tGB/T 15835
            re:(?<![0-9.])((?:19|20)[0-9]{2})\\.(1[0-2]|0?[1-9])\\.(3[01]|[12][0-9]|0?[1-9])(?![0-9.])\t$1年$2月$3日\tGB/T 9704
            re:第?(\\d)季度\t第$1季度\t示例
            """
        ])
        #expect(lexicon.match("学习贯彻党的20大精神").count == 1)
        #expect(lexicon.match("实施14五规划").count == 1)
        #expect(lexicon.match("2026.11.28").count == 1, "the escaped dot is required, and present")
        #expect(lexicon.match("2026年11月28日").isEmpty)
        #expect(lexicon.match("3季度").count == 1, "第? is optional, so 第 is not required")
        #expect(lexicon.match("党的二十大精神").isEmpty)
    }
}

@Suite struct DigitRequirementTests {
    @Test(arguments: [
        (#"党的(\d{1,2})大"#, true), (#"第(\d)季度"#, true), (#"(?<![0-9A-Za-z.])([0-2][0-9])年([1-9]|1[0-2])月"#, true),
        (#"((?:19|20)[0-9]{2})\.(1[0-2]|0?[1-9])"#, true), (#"(1\d)五(规划|时期)"#, true),
        (#"(\d)?号"#, false), (#"(?<![0-9])号"#, false), (#"[^0-9]号"#, false), (#"a|\d"#, false),
        (#"([十二][一二三四五六七八九十]?)届(\d)中全会"#, true), (#"\d*届"#, false), (#"x{0,2}\d{0,3}"#, false),
    ])
    func readsWhetherAMatchNeedsADigit(pattern: String, requires: Bool) {
        let scalars = Array(pattern.unicodeScalars)
        #expect(DigitRequirement(scalars).sequence(0..<scalars.count) == requires, "\(pattern)")
    }
}
