import Foundation
import GovAttach
import GovCore
import GovRules
import GovTestSupport
import Testing

/// `attachments.ocr` (issue 15 item 6): a PDF page without a text layer and an image
/// attachment are OCRed by the real tesseract for the privacy rule only. The fixtures are
/// make.py's scanned.png (a Chromium screenshot showing 王芳, a valid ID number and the typo
/// 截止目前) and scanned.pdf (the same picture, no text layer).
@Suite("Attachments: OCR")
struct AttachmentOCRTests {
    static let installed = AttachmentReader(ocr: OCRSettings()).ocrMissing == nil
    static let masked = "320106********1234"

    static func findings(_ file: String, ocr: Bool) throws -> [Finding] {
        let bytes = try #require(FileManager.default.contents(atPath: AttachmentLinterTests.folder + "/" + file))
        let text = try AttachmentReader(ocr: ocr ? OCRSettings() : nil).read([UInt8](bytes), name: file).get()
        return try AttachmentLinterTests.linter().lint(text, site: "qinghe", url: "http://127.0.0.1/files/" + file)
    }

    @Test(
        .enabled(if: installed, "tesseract with chi_sim is not installed"),
        arguments: [
            ("scanned.pdf", "第1页（OCR识别）"), ("scanned.png", "图片（OCR识别）"),
        ])
    func idNumberInAScanIsFoundMaskedWithItsPlace(_ file: String, _ location: String) async throws {
        let findings = try await offThePool { try Self.findings(file, ocr: true) }
        let privacy = findings.filter { $0.rule == .privacy }
        #expect(privacy.count == 1, "\(findings.map { "\($0.rule) \($0.match)" })")
        let hit = try #require(privacy.first)
        #expect(hit.match == Self.masked)
        #expect(hit.category == "id-card")
        #expect(hit.location == location)
        #expect(hit.severity == PrivacyRule.description.defaultSeverity)
        #expect(hit.scope == .attachment)
    }

    /// The OCR text of scanned.png holds 截止目前, which the typo rule reports in ordinary
    /// text (shown here on the same recognised blocks); as OCR text it is left alone.
    @Test(.enabled(if: installed, "tesseract with chi_sim is not installed"))
    func typoRulesDoNotRunOnOCRText() async throws {
        let (asOCR, asText) = try await offThePool { () throws -> ([Finding], [Finding]) in
            let bytes = try #require(
                FileManager.default.contents(atPath: AttachmentLinterTests.folder + "/scanned.png"))
            let text = try AttachmentReader(ocr: OCRSettings()).read([UInt8](bytes), name: "scanned.png").get()
            let linter = try AttachmentLinterTests.linter()
            let plain = AttachmentText(format: .docx, blocks: text.recognised)
            return (linter.lint(text, url: "scanned.png"), linter.lint(plain, url: "scanned.png"))
        }
        #expect(
            asText.contains { $0.rule == .typo && $0.match == "截止目前" }, "\(asText.map { "\($0.rule) \($0.match)" })")
        #expect(asOCR.allSatisfy { $0.rule == .privacy }, "\(asOCR.map { "\($0.rule) \($0.match)" })")
    }

    @Test func withOCROffAScanIsStillUnread() async throws {
        let text = try await offThePool { () throws -> AttachmentText in
            let bytes = try #require(
                FileManager.default.contents(atPath: AttachmentLinterTests.folder + "/scanned.pdf"))
            return try AttachmentReader().read([UInt8](bytes), name: "scanned.pdf").get()
        }
        #expect(text.isEmptyWithRecognised)
        #expect(try AttachmentLinterTests.linter().lint(text, url: "scanned.pdf").isEmpty)
    }

    static func scan(ocr: Bool) async throws -> (findings: [[String: Any]], log: String, base: String) {
        let root = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/a", withIntermediateDirectories: true)
        for file in ["scanned.pdf", "scanned.png"] {
            try FileManager.default.copyItem(
                atPath: AttachmentLinterTests.folder + "/" + file, toPath: root + "/a/" + file)
        }
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>关于公示补贴名单的通知</title>
        <meta name="ColumnName" content="通知公告"></head><body><h1>关于公示补贴名单的通知</h1>
        <p>现将有关材料公布如下。</p><ul><li><a href="/a/scanned.pdf">名单扫描件</a></li>
        <li><a href="/a/scanned.png">名单图片</a></li></ul></body></html>
        """.write(toFile: root + "/index.html", atomically: true, encoding: .utf8)
        let server = try FixtureServer(root: root)
        defer { server.stop() }
        try """
        paths:
          lexicon: \(CLIRunner.repoRoot)/wordlists
        attachments:
          ocr: \(ocr)
        sites:
          - id: scans
            name: 扫描件测试站
            url: \(server.baseURL)/
        """.write(toFile: root + "/config.yaml", atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(
            [
                "scan", "scans", "--config", root + "/config.yaml", "--now", "2026-11-28T08:00",
                "--delay", "0", "--format", "jsonl", "--out", root + "/report",
            ],
            directory: root, timeout: 180)
        return (try result.jsonLines(), result.rawErr, server.baseURL)
    }

    /// The whole crawl: with OCR on, the scanned PDF's ID number is a privacy finding at
    /// 第1页（OCR识别） naming the linking page, and the picture's too.
    @Test(.enabled(if: installed, "tesseract with chi_sim is not installed"))
    func scanWithOCRFindsTheIDInScannedAttachments() async throws {
        let (findings, log, base) = try await Self.scan(ocr: true)
        let privacy = findings.filter { $0["rule"] as? String == "privacy" }
        let pdf = privacy.first { $0["url"] as? String == base + "/a/scanned.pdf" }
        #expect(pdf?["location"] as? String == "第1页（OCR识别）", "\(findings) \(log)")
        #expect(pdf?["match"] as? String == Self.masked)
        #expect(pdf?["linked_from"] as? String == base + "/")
        #expect(
            privacy.contains {
                $0["url"] as? String == base + "/a/scanned.png" && $0["location"] as? String == "图片（OCR识别）"
            })
        #expect(
            !findings.contains {
                $0["rule"] as? String == "attachment-unreadable"
                    && ($0["url"] as? String)?.hasSuffix("scanned.pdf") == true
            })
        #expect(
            !findings.contains {
                $0["rule"] as? String == "typo" && ($0["url"] as? String)?.hasPrefix(base + "/a/") == true
            })
    }

    /// OCR off (the default): the scanned PDF is attachment-unreadable (扫描件) as before, and
    /// the picture is not fetched as an attachment at all.
    @Test func scanWithOCROffReportsTheScanUnreadable() async throws {
        let (findings, log, base) = try await Self.scan(ocr: false)
        let unreadable = findings.filter { $0["rule"] as? String == "attachment-unreadable" }
        #expect(
            unreadable.contains {
                $0["url"] as? String == base + "/a/scanned.pdf" && ($0["message"] as? String ?? "").contains("扫描件")
            },
            "\(findings) \(log)")
        #expect(!findings.contains { $0["rule"] as? String == "privacy" })
        #expect(!log.contains("tesseract"))
    }
}

/// `govlint check --ocr` (the pre-publication check of a scanned list): the same OCR as the
/// nightly `attachments.ocr`, for personal data only; without it a scan is refused as unread
/// with the option named.
@Suite("CLI check --ocr")
struct CheckOCRTests {
    static let scanned = AttachmentLinterTests.folder + "/scanned.pdf"

    @Test(.enabled(if: AttachmentOCRTests.installed, "tesseract with chi_sim is not installed"))
    func checkWithOCRFindsTheIDNumberInAScan() async throws {
        let result = try await CLIRunner.run([
            "check", "--ocr", "--lexicon", testLexicon, "--format", "jsonl", Self.scanned,
        ])
        #expect(result.status == 1, "\(result)")
        let privacy = try result.jsonLines().filter { $0["rule"] as? String == "privacy" }
        #expect(privacy.count == 1 && privacy.first?["location"] as? String == "第1页（OCR识别）", "\(result)")
        #expect(privacy.first?["match"] as? String == AttachmentOCRTests.masked)
    }

    @Test func checkWithoutOCRSaysTheScanWasNotCheckedAndNamesTheOption() async throws {
        let result = try await CLIRunner.run(["check", "--lexicon", testLexicon, Self.scanned])
        #expect(result.status == 2, "\(result)")
        #expect(result.errLines.contains { $0.contains("not checked") && $0.contains("--ocr") }, "\(result.err)")
    }
}

/// Regression: an attachment unchanged since a night read without OCR answered 304 (or the
/// same bytes) and its old reading was replayed, so turning `attachments.ocr` on read no
/// scan already seen; the reading now carries the setting and a changed setting re-reads.
@Suite("Attachments: OCR turned on", .serialized)
struct OCRToggleTests {
    @Test(.enabled(if: AttachmentOCRTests.installed, "tesseract with chi_sim is not installed"))
    func turningOCROnReadsAnUnchangedScanOnTheNextNight() async throws {
        let site = try FixtureSite()
        defer { site.stop() }
        try site.write("index.html", NightlyRunTests.homepage(links: [("a/scanned.pdf", "名单扫描件")]), age: 60)
        let pdf = site.root.appendingPathComponent("a/scanned.pdf")
        try FileManager.default.createDirectory(at: pdf.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AttachmentLinterTests.folder + "/scanned.pdf", toPath: pdf.path)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: pdf.path)
        let work = try NightlyWorkspace()
        let entry = NightlyWorkspace.SiteEntry(id: "county-a", name: "测试县人民政府", url: site.url)
        func night(_ day: Int, ocr: Bool) async throws -> [Finding] {
            try work.writeConfig(sites: [entry], extra: "attachments: {ocr: \(ocr)}\n")
            _ = await StorePruneTests.night(work, day)
            let store = try work.store()
            let run = try #require(store.runs(kind: .run).first)
            return try store.findings(run: run.id).filter { $0.url.hasSuffix("/a/scanned.pdf") }
        }
        let off = try await night(1, ocr: false)
        #expect(off.contains { $0.rule == .attachmentUnreadable } && !off.contains { $0.rule == .privacy }, "\(off)")
        let on = try await night(2, ocr: true)
        #expect(on.contains { $0.rule == .privacy && $0.location == "第1页（OCR识别）" }, "\(on)")
        let again = try await night(3, ocr: true)
        #expect(again.contains { $0.rule == .privacy }, "an unchanged scan read with OCR keeps its finding: \(again)")
    }
}
