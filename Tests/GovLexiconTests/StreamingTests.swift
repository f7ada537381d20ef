import Foundation
import Testing
@testable import GovLexicon

@Suite struct StreamingTests {
    private func temporaryFile(_ bytes: [UInt8]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString).txt")
            .path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Byte ranges of `match` over the whole text: the reference for chunked matching.
    private func wholeTextHits(_ lexicon: Lexicon, _ text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        var byteOffsets = [0]
        for scalar in scalars { byteOffsets.append(byteOffsets.last! + UTF8.width(scalar)) }
        return lexicon.match(text).map { byteOffsets[$0.range.lowerBound]..<byteOffsets[$0.range.upperBound] }
    }

    @Test func tinyChunksGiveTheSameHitsAsTheWholeText() throws {
        let lexicon = try Lexicon(files: [
            "typos.tsv": "布署\t部署\n截止目前\t截至目前\n办发\t颁发", "allow.txt": "国办发",
            "number-style.tsv": "re:党的(\\d{2})大\t党的{cn:1}大\tGB/T 15835-2011",
        ])
        var random = SplitMix64(state: 3)
        let pieces = ["认真布署", "布\n署", "截止目前。", "国办发", "办发", "党的20大", "。\n", "工作", " ", "\n", "😀"]
        let text = (0..<3000).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        let path = temporaryFile(Array(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = wholeTextHits(lexicon, text)
        #expect(expected.count > 500)
        // Chunks grow up to 16 times to find a safe line break; this adversarial text has one
        // within 16 × 37 bytes everywhere.
        for chunkSize in [37, 100, 1 << 20] {
            var found: [Range<Int>] = []
            try lexicon.matchFile(path: path, chunkSize: chunkSize) {
                found.append($0.byteOffset..<($0.byteOffset + $0.byteLength))
            }
            let firstDifference = zip(found, expected).first { $0 != $1 }.map { "\($0) vs \($1)" }
            #expect(
                found.count == expected.count && firstDifference == nil,
                "chunk size \(chunkSize): \(found.count) vs \(expected.count) hits, first difference \(firstDifference ?? "-")"
            )
        }
    }

    @Test func twentyMegabytesInBoundedChunks() throws {
        let lexicon = try Lexicon(files: ["typos.tsv": "布署\t部署\n截止目前\t截至目前"])
        // 20 MB of lines; every 7th line carries a hit, some split by a line break and
        // some placed to straddle the 1 MB chunk boundaries.
        let filler = Array("各地区各部门要认真贯彻落实，推动经济社会高质量发展。".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(21_000_000)
        var expected: [Int] = []
        var line = 0
        while bytes.count < 20_000_000 {
            let nextBoundary = (bytes.count / (1 << 20) + 1) << 20
            if nextBoundary - bytes.count < 200 {
                // Pad so that a hit starts 3 bytes before the boundary (crosses it).
                bytes += Array(repeating: 0x20, count: nextBoundary - bytes.count - 3)
                expected.append(bytes.count)
                bytes += Array("布署，\n".utf8)
                continue
            }
            bytes += filler
            if line % 7 == 0 {
                expected.append(bytes.count)
                bytes += Array((line % 14 == 0 ? "截止目前" : "布\n署").utf8)
            }
            bytes.append(0x0A)
            line += 1
        }
        bytes += [0xFF, 0xE5, 0xB8]  // invalid UTF-8 at the end never crashes
        let path = temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var offsets: [Int] = []
        var words = Set<String>()
        try lexicon.matchFile(path: path) { hit in
            offsets.append(hit.byteOffset)
            words.insert(hit.matched)
            if hit.list != .typo { offsets.append(-1) }
        }
        #expect(offsets.count == expected.count)
        #expect(offsets == expected)
        #expect(words == ["截止目前", "布\n署", "布署"])
    }

    @Test func missingFileIsAnError() throws {
        let lexicon = try Lexicon(files: ["typos.tsv": "布署\t部署"])
        #expect(throws: LexiconError.self) { try lexicon.matchFile(path: "/nonexistent/file.txt") { _ in } }
    }
}
