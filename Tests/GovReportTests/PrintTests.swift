import Foundation
import GovCore
import Testing
@testable import GovReport

/// Renders reports in headless Chromium to PDF and reads them back with poppler's pdftotext:
/// proves the notice and summary print on A4 with their Chinese text and chart labels.
/// Needs the apt packages chromium, fonts-noto-cjk and poppler-utils; skipped without them.
enum PrintTools {
    static func find(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
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
        _ = try run(
            chromium!,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
                "--print-to-pdf=\(pdf.path)", page.absoluteString,
            ])
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
        #expect(flat.contains("一、逾期未整改问题"))
        #expect(flat.contains("认真布署全年工作"))
        #expect(flat.contains("当日整改"))
        #expect(flat.contains("12月2日前整改"))
        #expect(flat.contains("<script>alert('x')</script>"))  // shown as text, not run
        #expect(info.contains("A4"))
    }

    /// Issue 13: 180 findings printed to 87 pages (a 12-row table per finding). One line per
    /// finding prints them to a few pages.
    @Test func aNoticeWith180FindingsPrintsToAFewPages() throws {
        var notice = Sample.notice
        notice.items = PrintSample.items(180)
        let (text, info) = try PrintTools.printed(NoticeRenderer.html(notice))
        let pages = try #require(
            info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.split(separator: " ").last ?? "") })
        // 8 pages until link and site rules' lines said what is wrong after naming the thing
        // (2026-12-02); 9 since.
        #expect(pages <= 9, "180 findings printed to \(pages) pages")
        let flat = text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "")
        #expect(flat.contains("180."), "the last item is numbered 180")
        #expect(flat.contains("一、逾期未整改问题"))
        try? Data(text.utf8).write(to: URL(fileURLWithPath: NSTemporaryDirectory() + "govlint-180-notice.txt"))
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

/// 180 findings as a county portal yields them: typos over many articles, broken links,
/// metadata gaps, a few overdue from an earlier check.
enum PrintSample {
    static func items(_ count: Int) -> [NoticeItem] {
        let typos = [("布署", "部署"), ("既使", "即使"), ("帐号", "账号"), ("截止目前", "截至目前"), ("部份", "部分")]
        return (0..<count).map { i -> NoticeItem in
            let page = "https://www.a.example.gov.cn/zwdt/2026/11\(String(format: "%02d", i % 28 + 1))/\(i / 3).html"
            let finding: Finding
            switch i % 6 {
            case 0, 1, 2, 3:
                let (wrong, right) = typos[i % typos.count]
                let context = "为深入贯彻落实县委县政府决策，会议要求各乡镇、各部门要认真\(wrong)全年重点工作任务，确保各项工作落到实处。"
                let start = Array(context).firstIndex(of: Array(wrong)[0])!
                finding = Finding(
                    rule: .typo, severity: .major, site: "county-a", url: page, match: wrong, context: context,
                    contextHit: start..<(start + wrong.count), suggestion: right, column: "政务动态",
                    title: "县政府召开第\(i)次常务会议", status: i % 12 == 0 ? .open : .new,
                    firstSeen: i % 12 == 0 ? "2026-11-20" : "2026-11-27")
            case 4:
                finding = Finding(
                    rule: .brokenLink, severity: .major, site: "county-a", url: page,
                    match: "https://www.a.example.gov.cn/old/\(i).html",
                    context: "https://www.a.example.gov.cn/old/\(i).html：HTTP 404", message: "链接无法访问（HTTP 404，已重试 1 次）",
                    column: "通知公告", title: "关于做好冬季安全生产工作的通知", status: .new,
                    firstSeen: "2026-11-27")
            default:
                finding = Finding(
                    rule: .metadata, severity: .minor, site: "county-a", url: page, match: "PubDate",
                    context: "文章页网页标签缺少或为空：PubDate", message: "不符合网页设计规范", column: "政务动态",
                    title: "县政府召开第\(i)次常务会议", status: .new, firstSeen: "2026-11-27")
            }
            return NoticeItem(
                finding: finding, deadline: Deadline.forFinding(finding, issued: Sample.runDate, workingDays: 3))
        }
    }
}
