import Foundation
@testable import GovExtract
import Testing

/// `govlint check` through the built binary: formats, exit codes, stdin, encodings and the
/// bad inputs of SPEC §6 that reach a local check.
@Suite("CLI check")
struct CLICheckTests {
    /// Writes `contents` to a file named `name` in a fresh folder and returns its path.
    static func file(_ name: String, _ contents: Data) throws -> String {
        let path = try CLIRunner.temporaryDirectory() + "/" + name
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    static func file(_ name: String, _ text: String) throws -> String { try file(name, Data(text.utf8)) }

    /// GB18030 bytes through glibc iconv (the converter the product reads them back with).
    static func gb18030(_ text: String) -> Data {
        Data(Array(text.utf8).withUnsafeBufferPointer { Charset.convert($0, from: "UTF-8", to: "GB18030") } ?? [])
    }

    static let plainText = """
        县政府召开常务会议。

        会议要求各部门认真布署全年工作。
        会议指出，截止目前已完成年度任务。
        """

    @Test func textFormatPrintsFileLineColumnRuleAndSuggestion() async throws {
        let path = try Self.file("draft.txt", Self.plainText)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, path])
        #expect(result.status == 1, "\(result)")
        #expect(result.outLines.contains("\(path):3:10: major typo 错别字 «布署» → 部署"), "\(result)")
        #expect(result.outLines.contains("\(path):4:6: major typo 错别字 «截止目前» → 截至目前"), "\(result)")
        #expect(result.out.contains("认真[布署]全年工作"), "\(result)")
        #expect(result.outLines.last == "2 findings in 1 file (2 major)", "\(result)")
        #expect(result.err.isEmpty, "\(result)")
    }

    @Test func jsonLinesCarryTheKeysOfSpecSection2() async throws {
        let path = try Self.file("draft.txt", Self.plainText)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "jsonl", path])
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        #expect(findings.count == 2, "\(result)")
        let typo = try #require(findings.first { $0["match"] as? String == "布署" })
        #expect(typo["rule"] as? String == "typo")
        #expect(typo["severity"] as? String == "major")
        #expect(typo["site"] as? String == "-")
        #expect(typo["url"] as? String == path)
        #expect(typo["suggestion"] as? String == "部署")
        #expect((typo["context"] as? String)?.contains("认真布署全年工作") == true)
        #expect((typo["source"] as? String)?.hasSuffix("lexicon/typos.tsv:2") == true)
        #expect(typo["line"] as? Int == 3)
        #expect(typo["col"] as? Int == 10)
        #expect(typo["key"] is String)
        // The plain-text summary line is not mixed into machine output.
        #expect(!result.out.contains("findings in"))
    }

    @Test func jsonIsOneDocumentWithFindingsAndSummary() async throws {
        let path = try Self.file("draft.txt", Self.plainText)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "json", path])
        #expect(result.status == 1, "\(result)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(Set(findings.compactMap { $0["match"] as? String }) == ["布署", "截止目前"])
        #expect(findings.allSatisfy { $0["site"] as? String == "-" && $0["url"] as? String == path })
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 2)
        #expect((summary["bySeverity"] as? [String: Int])?["major"] == 2)
    }

    @Test func emptyJSONDocumentForACleanFile() async throws {
        let path = try Self.file("clean.txt", "县政府召开常务会议，研究部署全年工作。\n")
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "json", path])
        #expect(result.status == 0, "\(result)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
        #expect((document["findings"] as? [Any])?.isEmpty == true)
    }

    /// Exit status by `--fail-on` for files whose worst finding is veto, major, minor, or none.
    @Test(arguments: [
        ("veto.txt", "深入推进扫黑险恶常态化。", [("", 1), ("veto", 1), ("major", 1), ("minor", 1), ("none", 0)]),
        ("major.txt", "认真布署全年工作。", [("", 1), ("veto", 0), ("major", 1), ("minor", 1), ("none", 0)]),
        ("minor.txt", "请到县食品药品监督管理局办理。", [("", 0), ("veto", 0), ("major", 0), ("minor", 1), ("none", 0)]),
        ("clean.txt", "认真部署全年工作。", [("", 0), ("veto", 0), ("major", 0), ("minor", 0), ("none", 0)]),
    ])
    func failOnSetsTheExitStatus(name: String, text: String, expected: [(String, Int32)]) async throws {
        let path = try Self.file(name, text + "\n")
        for (failOn, status) in expected {
            let options = failOn.isEmpty ? [] : ["--fail-on", failOn]
            let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--quiet"] + options + [path])
            #expect(result.status == status, "--fail-on \(failOn.isEmpty ? "(default)" : failOn) on \(name): \(result)")
        }
    }

    @Test func badFailOnAndFormatValuesAreUsageErrors() async throws {
        let path = try Self.file("clean.txt", "认真部署全年工作。\n")
        for options in [["--fail-on", "info"], ["--fail-on", "fatal"], ["--format", "xml"]] {
            let result = try await CLIRunner.run(["check", "--lexicon", testLexicon] + options + [path])
            #expect(result.status == 2, "\(options): \(result)")
            #expect(result.errLines.count == 1 && result.err.contains(options[1]), "\(options): \(result)")
            #expect(result.out.isEmpty)
        }
    }

    @Test func standardInputIsChecked() async throws {
        let result = try await CLIRunner.run(
            ["check", "--lexicon", testLexicon, "--format", "jsonl", "-"],
            stdin: Data(Self.plainText.utf8))
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        #expect(findings.map { $0["match"] as? String } == ["布署", "截止目前"])
        #expect(findings.allSatisfy { $0["url"] as? String == "<stdin>" }, "\(result)")
        #expect(findings.first?["line"] as? Int == 3)
    }

    @Test func htmlFromStandardInput() async throws {
        let html = "<!DOCTYPE html><html><head><title>通知</title></head><body>\n<p>认真布署全年工作。</p>\n</body></html>\n"
        let result = try await CLIRunner.run(
            ["check", "--lexicon", testLexicon, "--format", "jsonl", "-"], stdin: Data(html.utf8))
        let findings = try result.jsonLines()
        #expect(findings.count == 1 && findings.first?["match"] as? String == "布署", "\(result)")
        #expect(findings.first?["line"] as? Int == 2)
    }

    static func article(charsetMeta: Bool) -> String {
        """
        <!DOCTYPE html>
        <html>
        <head>
        \(charsetMeta ? "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">" : "<meta name=\"robots\" content=\"all\">")
        <title>关于认真布署冬季安全生产工作的通知</title>
        </head>
        <body>
        <h1>关于认真布署冬季安全生产工作的通知</h1>
        <p>各乡镇人民政府，县政府各部门：</p>
        <p>截止目前，全县已完成隐患排查，深入推进扫黑险恶常态化。</p>
        <p>联系人：王喆、李堃（GBK 独有字）。</p>
        </body>
        </html>

        """
    }

    /// GBK pages, declared by `<meta>` or not declared at all, read right: Chinese excerpts,
    /// suggestions and lines as in the UTF-8 original; GBK-only characters (喆, 堃) survive.
    @Test(arguments: [true, false])
    func gbkPagesReadRight(declared: Bool) async throws {
        let path = try Self.file(
            declared ? "gbk-declared.html" : "gbk-undeclared.html", Self.gb18030(Self.article(charsetMeta: declared)))
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "jsonl", path])
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        func find(_ match: String, line: Int) -> [String: Any]? {
            findings.first { $0["match"] as? String == match && $0["line"] as? Int == line }
        }
        let titleTypo = try #require(find("布署", line: 8), "\(result)")
        #expect(titleTypo["suggestion"] as? String == "部署")
        #expect((titleTypo["context"] as? String)?.contains("关于认真布署冬季安全生产工作的通知") == true)
        let deadline = try #require(find("截止目前", line: 10), "\(result)")
        #expect(deadline["col"] as? Int == 1)
        #expect(deadline["suggestion"] as? String == "截至目前")
        #expect((deadline["context"] as? String)?.contains("截止目前，全县已完成隐患排查") == true)
        let expression = try #require(find("扫黑险恶", line: 10), "\(result)")
        #expect(expression["severity"] as? String == "veto")
        #expect(expression["suggestion"] as? String == "扫黑除恶")
        #expect(expression["col"] as? Int == 20)
        #expect(!result.out.contains("\u{FFFD}"), "no replacement characters in a clean GBK page")

        let text = try await CLIRunner.run(["check", "--lexicon", testLexicon, path])
        #expect(text.out.contains("\(path):10:20: veto expression 严重表述错误 «扫黑险恶» → 扫黑除恶"), "\(text)")
        #expect(text.out.contains("全县已完成隐患排查，深入推进[扫黑险恶]常态化"), "\(text)")
    }

    @Test func gbkPlainTextWithoutDeclaration() async throws {
        let path = try Self.file("gbk.txt", Self.gb18030("第一行\n会议要求认真布署工作，王喆同志参加。\n"))
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, path])
        #expect(result.outLines.first == "\(path):2:7: major typo 错别字 «布署» → 部署", "\(result)")
        #expect(result.out.contains("会议要求认真[布署]工作，王喆同志参加。"), "\(result)")
    }

    @Test func binaryFileIsOneLineAndExitTwo() async throws {
        var bytes = Data("%PDF-1.4\n".utf8)
        bytes.append(contentsOf: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        let path = try Self.file("notice.html", bytes)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, path])
        #expect(result.status == 2, "\(result)")
        #expect(result.errLines.count == 1 && result.err.contains(path), "\(result)")
        #expect(result.out.isEmpty, "\(result)")
        // The built binary itself (an ELF file) is refused the same way.
        let elf = try await CLIRunner.run(["check", "--lexicon", testLexicon, CLIRunner.binary])
        #expect(elf.status == 2 && elf.errLines.count == 1, "\(elf)")
    }

    @Test func directoryIsOneLineAndExitTwo() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, folder])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.errLines.count == 1 && result.err.contains(folder) && result.err.contains("directory"), "\(result)")
        #expect(result.out.isEmpty, "\(result)")
    }

    @Test func missingFileIsOneLineAndExitTwo() async throws {
        let path = try CLIRunner.temporaryDirectory() + "/不存在.html"
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, path])
        #expect(result.status == 2, "\(result)")
        #expect(result.errLines.count == 1 && result.err.contains(path), "\(result)")
        #expect(result.out.isEmpty, "\(result)")
    }

    /// One bad file among several is one stderr line; the other files are still checked and
    /// their findings printed (valid JSON), and the exit status is 2.
    @Test func aBadFileAmongSeveralDoesNotStopTheOthers() async throws {
        let first = try Self.file("first.txt", "认真布署全年工作。\n")
        let missing = try CLIRunner.temporaryDirectory() + "/missing.txt"
        let last = try Self.file("last.txt", "截止目前已完成。\n")
        let result = try await CLIRunner.run([
            "check", "--lexicon", testLexicon, "--format", "json", first, missing, last,
        ])
        #expect(result.status == 2, "\(result)")
        #expect(result.errLines.count == 1 && result.err.contains(missing), "\(result)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result)")
        let urls = (document["findings"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        #expect(urls == [first, last], "\(result)")
    }

    @Test func noFileIsAUsageError() async throws {
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon])
        #expect(result.status == 2 && result.errLines.count == 1, "\(result)")
    }

    /// Stray invalid bytes in an otherwise UTF-8 file become U+FFFD; the text around them is
    /// read as UTF-8 (not as GB18030 mojibake) and its findings are reported.
    @Test(arguments: ["txt", "html"])
    func invalidUTF8BytesAreReplacedAndFindingsAroundThemReported(kind: String) async throws {
        var bytes = Data()
        if kind == "html" { bytes.append(contentsOf: "<html><head><title>通知</title></head><body>\n<p>".utf8) }
        bytes.append(contentsOf: "认真".utf8)
        bytes.append(contentsOf: [0xFF, 0xC3])
        bytes.append(contentsOf: "布署全年工作".utf8)
        bytes.append(contentsOf: [0x80])
        bytes.append(contentsOf: "，截止目前已完成。".utf8)
        bytes.append(contentsOf: [0xE4, 0xB8])
        if kind == "html" { bytes.append(contentsOf: "</p>\n</body></html>".utf8) }
        bytes.append(0x0A)
        let path = try Self.file("broken.\(kind)", bytes)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "jsonl", path])
        let findings = try result.jsonLines()
        #expect(Set(findings.compactMap { $0["match"] as? String }) == ["布署", "截止目前"], "\(result)")
        let typo = findings.first { $0["match"] as? String == "布署" }
        #expect((typo?["context"] as? String)?.contains("\u{FFFD}") == true, "\(result)")
        #expect(result.status == 1)
    }
}

/// `govlint check` of the documents editors draft in (issue 15): Word, WPS, Excel, PDF.
@Suite("CLI check of documents")
struct CLICheckDocumentTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attachments").path

    @Test func wordDraftNamesParagraphAndTableCell() async throws {
        let result = try await CLIRunner.run([
            "check", "--lexicon", testLexicon, "--now", "2026-11-28", Self.folder + "/draft.docx",
        ])
        #expect(result.status == 1, "\(result)")
        #expect(
            result.outLines.contains { $0.hasPrefix(Self.folder + "/draft.docx:表格1 第3行第2列:1: veto privacy") },
            "\(result)")
        #expect(!result.out.contains("110105197"), "the number is masked: \(result)")
    }

    @Test func workbookDraftNamesSheetAndCell() async throws {
        let path = try CLICheckTests.file(
            "名单.xlsx", try Data(contentsOf: URL(fileURLWithPath: Self.folder + "/list.xlsx")))
        let result = try await CLIRunner.run([
            "check", "--lexicon", testLexicon, "--now", "2026-11-28", "--format", "jsonl", path,
        ])
        #expect(result.status == 1, "\(result)")
        let findings = try result.jsonLines()
        #expect(findings.count == 1, "\(result)")
        #expect(findings.first?["location"] as? String == "名单!C2")
        #expect((findings.first?["message"] as? String)?.contains("8 行") == true)
        let text = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--now", "2026-11-28", path])
        #expect(text.outLines.first?.hasPrefix("\(path):名单!C2: veto privacy") == true, "\(text)")
    }

    @Test func typoInAPDFNamesPageAndLine() async throws {
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, Self.folder + "/policy.pdf"])
        #expect(result.outLines.contains("\(Self.folder)/policy.pdf:第4页第1行:21: major typo 错别字 «布署» → 部署"), "\(result)")
        #expect(
            result.outLines.contains("\(Self.folder)/policy.pdf:第2页第1行:10: major typo 错别字 «截止目前» → 截至目前"), "\(result)")
    }

    /// An encrypted PDF is not a clean draft: one line saying why, exit 2.
    @Test func encryptedPDFIsNotChecked() async throws {
        let result = try await CLIRunner.run([
            "check", "--lexicon", testLexicon, Self.folder + "/hostile/encrypted.pdf",
        ])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.errLines.filter { $0.contains("encrypted.pdf") }.count == 1
                && result.err.contains("not checked: encrypted"), "\(result)")
    }
}

/// Files are checked on several threads: what is printed must not depend on which finishes first.
@Suite("CLI check, many files")
struct CLICheckManyFilesTests {
    @Test func manyFilesArePrintedInTheOrderGivenWithTheUnreadableOneSaidInPlace() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        var paths: [String] = []
        for index in 0..<40 {
            let path = folder + "/draft\(index).txt"
            // Large and small files alternate, so later files often finish first.
            let filler = String(repeating: "县政府召开常务会议，研究全年工作。\n", count: index % 2 == 0 ? 2_000 : 1)
            try Data((filler + "第\(index)号文件要求认真布署。\n").utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        paths.insert(folder + "/missing.txt", at: 17)
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, "--format", "jsonl"] + paths)
        #expect(result.status == 2, "\(result)")
        let urls = try result.jsonLines().filter { $0["match"] as? String == "布署" }.compactMap { $0["url"] as? String }
        #expect(urls == paths.filter { !$0.hasSuffix("missing.txt") }, "\(result)")
        #expect(result.err.contains("missing.txt"), "\(result)")
    }
}
