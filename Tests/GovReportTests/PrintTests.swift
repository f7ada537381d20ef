import Foundation
import GovCore
import Testing
@testable import GovReport

/// Renders reports in headless Chromium to PDF and reads them back with poppler's pdftotext:
/// proves the notice and summary print on A4 with their Chinese text and chart labels.
/// Needs the apt packages chromium, fonts-noto-cjk and poppler-utils; skipped without them.
enum PrintTools {
    static func find(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        return nil
    }

    static let chromium = find("chromium") ?? find("chromium-browser")
    static let pdftotext = find("pdftotext")
    static let pdfinfo = find("pdfinfo")
    /// A Chinese font must be installed, or the PDF holds no CJK glyphs to read back.
    static let hasCJKFont: Bool = {
        guard let fcList = find("fc-list") else { return false }
        return !((try? run(fcList, [":lang=zh", "family"])) ?? "").isEmpty
    }()
    static var available: Bool { chromium != nil && pdftotext != nil && pdfinfo != nil && hasCJKFont }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints `html` to PDF; returns (pdftotext output, pdfinfo output).
    static func printed(_ html: String) throws -> (text: String, info: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-print-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: page)
        _ = try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update",
                                "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
                                "--print-to-pdf=\(pdf.path)", page.absoluteString])
        return (try run(pdftotext!, ["-enc", "UTF-8", pdf.path, "-"]), try run(pdfinfo!, [pdf.path]))
    }
}

@Suite(.enabled(if: PrintTools.available, "chromium, poppler-utils or fonts-noto-cjk not installed"))
struct PrintTests {
    @Test func noticePrintsOnA4WithItsChineseText() throws {
        let (text, info) = try PrintTools.printed(NoticeRenderer.html(Sample.notice))
        let flat = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
        #expect(flat.contains("关于某某县人民政府<b>门户</b>存在问题的整改通知"))
        #expect(flat.contains("某某县人民政府办公室："))
        #expect(flat.contains("一、单项否决问题"))
        #expect(flat.contains("认真布署全年工作"))
        #expect(flat.contains("当日整改"))
        #expect(flat.contains("请于2026年12月2日前整改"))
        #expect(flat.contains("<script>alert('x')</script>")) // shown as text, not run
        #expect(info.contains("A4"))
    }

    @Test func summaryPrintsChartLabels() throws {
        let (text, _) = try PrintTools.printed(SummaryRenderer.html(SummarySample.input))
        let flat = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
        #expect(flat.contains("政府网站与政务新媒体检查情况汇总"))
        #expect(flat.contains("各站点待整改问题数"))
        #expect(flat.contains("问题类型分布"))
        #expect(flat.contains("待整改问题数变化趋势"))
        #expect(flat.contains("错别字"))
        #expect(flat.contains("督办提醒"))
    }
}
