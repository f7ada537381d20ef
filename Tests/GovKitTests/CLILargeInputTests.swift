import Foundation
@testable import GovExtract
import Testing

/// A large plain-text input runs in bounded memory and loses no finding at the internal
/// chunk boundaries. The 30 MB run is part of every test run; 100 MB runs with GOVLINT_SOAK=1.
@Suite("CLI large input")
struct CLILargeInputTests {
    static let filler = "全县各级各部门认真贯彻落实会议精神，扎实推进各项重点任务落地见效。"
    static let plantedLine = "会议要求认真布署全年工作。" + filler + filler
    /// Column of 布署 in `plantedLine`, 1-based in characters.
    static let plantedColumn = 7

    /// Writes about `megabytes` MB of proofread text with the typo 布署 planted on the first
    /// and last line and on the lines around every 1 MiB and 8 MiB mark (where the command
    /// cuts its chunks); returns the path and the planted line numbers.
    static func generate(megabytes: Int) throws -> (path: String, planted: [Int]) {
        let line = Data((filler + filler + filler + "\n").utf8)
        let plantedText = Data(plantedLine.utf8)
        // Planted lines are as long as the others, so every line starts at (n-1) × length.
        let planted = plantedText + Data(repeating: 0x20, count: line.count - plantedText.count - 1) + Data([0x0A])
        let lineCount = megabytes * 1_000_000 / line.count
        var marks: Set<Int> = [1, lineCount]
        for mebibytes in [1, 8] {
            var mark = mebibytes << 20
            while mark < lineCount * line.count {
                let lineHoldingMark = mark / line.count + 1
                for neighbour in (lineHoldingMark - 1)...(lineHoldingMark + 1)
                where neighbour >= 1 && neighbour <= lineCount {
                    marks.insert(neighbour)
                }
                mark += mebibytes << 20
            }
        }
        let path = try CLIRunner.temporaryDirectory() + "/large.txt"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        var buffer = Data()
        for number in 1...lineCount {
            buffer.append(marks.contains(number) ? planted : line)
            if buffer.count > 4 << 20 { try handle.write(contentsOf: buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try handle.write(contentsOf: buffer)
        try handle.close()
        return (path, marks.sorted())
    }

    static func checkLarge(megabytes: Int) async throws {
        let (path, planted) = try generate(megabytes: megabytes)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let result = try await CLIRunner.run(
            ["check", "--lexicon", testLexicon, "--format", "jsonl", path], timeout: 600)
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        #expect(
            findings.allSatisfy { $0["match"] as? String == "布署" }, "only the planted typos: \(result.out.prefix(2000))"
        )
        #expect(findings.compactMap { $0["line"] as? Int }.sorted() == planted, "planted on lines \(planted)")
        let wrongColumns = findings.filter { $0["col"] as? Int != plantedColumn }.map {
            "\($0["line"] ?? "?"):\($0["col"] ?? "?")"
        }
        #expect(wrongColumns.isEmpty, "line:col of findings off column \(plantedColumn): \(wrongColumns)")
        #expect(
            result.peakRSS > 0 && result.peakRSS < size * 3,
            "peak RSS \(result.peakRSS >> 20) MB for a \(size >> 20) MB input")
        print(
            "check of \(size >> 20) MB: \(String(format: "%.1f", result.seconds)) s, peak RSS \(result.peakRSS >> 20) MB"
        )
    }

    /// UTF-16 (Windows Notepad's "Unicode") and GB18030 files longer than one chunk: every
    /// chunk is read in the file's encoding, so typos past the first chunk are found too.
    @Test(arguments: ["utf-16le", "utf-16be", "gb18030"])
    func multiChunkFilesInOtherEncodings(encoding: String) async throws {
        let lines = (1...7000).map {
            [1, 3600, 3601, 7000].contains($0) ? Self.plantedLine : Self.filler + Self.filler + Self.filler
        }
        let text = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        let body = try #require(
            text.withUnsafeBufferPointer { Charset.convert($0, from: "UTF-8", to: encoding.uppercased()) })
        let mark: [UInt8] = encoding == "utf-16le" ? [0xFF, 0xFE] : encoding == "utf-16be" ? [0xFE, 0xFF] : []
        let path = try CLICheckTests.file("notepad.txt", Data(mark + body))
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        #expect(body.count > 1 << 20, "more than one 1 MiB chunk")
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "jsonl", path])
        let findings = try result.jsonLines()
        #expect(
            findings.map { "\($0["match"] ?? "?")@\($0["line"] ?? "?"):\($0["col"] ?? "?")" }
                == ["布署@1:7", "布署@3600:7", "布署@3601:7", "布署@7000:7"], "\(result)")
    }

    @Test func thirtyMegabytesInBoundedMemoryWithEveryPlantedTypo() async throws {
        try await Self.checkLarge(megabytes: 30)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["GOVLINT_SOAK"] == "1", "soak test: GOVLINT_SOAK=1"))
    func hundredMegabytesSoak() async throws {
        try await Self.checkLarge(megabytes: 100)
    }
}
