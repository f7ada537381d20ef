import Foundation
import GovLexicon
import Testing

/// The shipped wordlists as data: silent on proofread government text, finding every
/// planted error, passing their own self-tests.
@Suite struct ShippedLexiconTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lexicon: Lexicon = {
        do { return try Lexicon.load(directory: root.appendingPathComponent("wordlists").path) } catch {
            fatalError("shipped lexicon does not load: \(error)")
        }
    }()

    @Test func selfTestsPass() {
        let problems = Self.lexicon.selfTest()
        #expect(problems.isEmpty, "\(problems.prefix(10).map(\.description).joined(separator: "\n"))")
    }

    static var corpusFiles: [URL] {
        let base = root.appendingPathComponent("Tests/Fixtures/clean-corpus")
        let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
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

    @Test func findsEveryPlantedErrorInOrder() throws {
        let dir = Self.root.appendingPathComponent("Tests/Fixtures/planted")
        let text = try String(contentsOf: dir.appendingPathComponent("planted.txt"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent("planted.expected.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: "\t").map(String.init) }
        let scalars = Array(text.unicodeScalars)
        let got = Self.lexicon.match(text).map { hit -> [String] in
            let third = hit.entry.list == .sensitive ? (hit.entry.category ?? "") : (hit.entry.right ?? "")
            let wrong = hit.entry.wrong.hasPrefix("re:") ? String(String.UnicodeScalarView(scalars[hit.range])) : hit.entry.wrong
            return [hit.entry.list.rawValue, wrong, third]
        }
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g[1] == e[1] && g[2] == e[2], "expected \(e), got \(g)")
        }
    }
}
