import GovCore
import Testing
@testable import GovLexicon

@Suite struct MatchingTests {
    private func lexicon(_ typos: [String], allow: [String] = []) throws -> Lexicon {
        try Lexicon(files: [
            "typos.tsv": typos.map { "\($0)\t正确\($0.count)" }.joined(separator: "\n"),
            "allow.txt": allow.joined(separator: "\n"),
        ])
    }

    private func found(_ lexicon: Lexicon, _ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return lexicon.match(text).map { hit in
            var view = String.UnicodeScalarView(); view.append(contentsOf: scalars[hit.range]); return String(view)
        }
    }

    @Test func normaliserMapsBackAfterEmojiExtBAndFullWidth() {
        let normalized = Normalizer.normalize("😀𠀀Ａ１，布 \u{200B}署\u{3000}x  y\u{FEFF}")
        #expect(normalized.text == "😀𠀀A1,布署 x y")
        #expect(normalized.originalStarts == [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 13])
        #expect(normalized.originalRange(of: 5..<7) == 5..<9)
        #expect(normalized.originalRange(of: 7..<8) == 9..<10)
        #expect(normalized.originalRange(of: 9..<10) == 11..<13)
        #expect(Normalizer.normalize("  布署 ").text == " 布署 ")
    }

    @Test func leftmostLongestWithoutOverlap() throws {
        let lex = try lexicon(["中华", "中华人民共和国", "人民", "共和", "和国人"])
        #expect(found(lex, "中华人民共和国人民万岁") == ["中华人民共和国", "人民"])
        #expect(found(lex, "中华人民") == ["中华", "人民"])
        let overlap = try lexicon(["甲乙", "乙丙丁", "丙丁戊己"])
        #expect(found(overlap, "甲乙丙丁戊己") == ["甲乙", "丙丁戊己"])
        // A longer pattern starting earlier wins over a shorter one found first.
        let nested = try lexicon(["乙丙", "甲乙丙丁"])
        #expect(found(nested, "甲乙丙丁") == ["甲乙丙丁"])
        #expect(found(nested, "甲乙丙戊") == ["乙丙"])
    }

    @Test func allowWordsMaskByOverlap() throws {
        let lex = try lexicon(["办发", "家重"], allow: ["国办发", "国家重大"])
        #expect(lex.match("国办发〔2019〕19号").isEmpty)
        #expect(lex.match("国家重大战略").isEmpty)
        #expect(found(lex, "省办发文，家重") == ["办发", "家重"])
        // The allow word starts after the listed hit but still overlaps it.
        let later = try lexicon(["家重"], allow: ["重大"])
        #expect(later.match("国家重大").isEmpty)
        #expect(found(later, "国家重视") == ["家重"])
    }

    @Test func spacesAndZeroWidthInsideAMatch() throws {
        let lex = try Lexicon(files: ["typos.tsv": "布署\t部署", "number-style.tsv": "党的20大\t党的二十大\tGB/T 15835-2011"])
        for text in ["认真布署", "认真布 署", "认真布\u{200B}署", "认真布\u{3000}署", "认真布\n 署", "认真布\u{FEFF}\u{2060}署"] {
            let hits = lex.match(text)
            #expect(hits.count == 1, "\(text.debugDescription)")
            #expect(hits.first?.range == 2..<text.unicodeScalars.count, "\(text.debugDescription)")
        }
        #expect(lex.match("学习党的２０大精神").map(\.range) == [2..<7])
        #expect(lex.match("学习党的 20大精神").isEmpty, "a space between a Chinese character and a digit stays")
        #expect(lex.match("布署").first?.entry.right == "部署")
    }

    @Test func invalidAndEdgeInput() throws {
        let lex = try lexicon(["布署"])
        #expect(lex.match("").isEmpty)
        #expect(lex.match("布").isEmpty)
        var bytes = Array("布署".utf8)
        bytes.insert(0xFF, at: 0)
        var hits: [ScanHit] = []
        var spans: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { lex.automaton.scan($0, hits: &hits, allowSpans: &spans) }
        #expect(hits.map { $0.start..<$0.end } == [1..<7])
        bytes = [0xE5, 0xB8] + Array("布署".utf8) + [0xE7]
        bytes.withUnsafeBufferPointer { lex.automaton.scan($0, hits: &hits, allowSpans: &spans) }
        #expect(hits.map { $0.start..<$0.end } == [2..<8])
    }
}
