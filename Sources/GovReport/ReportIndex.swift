import Foundation
import GovCore

/// One site's standing in one run, for `reports/index.html`.
public struct IndexEntry: Sendable, Hashable {
    public var verdict: Verdict.Standing
    /// Open items (new and open, not ignored) and those past their deadline.
    public var open: Int
    public var overdue: Int
    /// Paths relative to the reports folder; nil when the file is not there (pruned, never written).
    public var notice: String?
    public var ledger: String?

    public init(verdict: Verdict.Standing, open: Int, overdue: Int, notice: String? = nil, ledger: String? = nil) {
        self.verdict = verdict; self.open = open; self.overdue = overdue; self.notice = notice; self.ledger = ledger
    }
}

/// One finished nightly run or ad-hoc scan.
public struct IndexRun: Sendable, Hashable {
    public var id: Int64
    public var day: Day
    /// Whether this is an ad-hoc scan (单站检查) rather than the nightly run.
    public var isScan: Bool
    /// Relative path of the summary (nightly) or the scan report.
    public var summary: String?
    /// Site id → its standing in this run.
    public var sites: [String: IndexEntry]

    public init(id: Int64, day: Day, isScan: Bool = false, summary: String? = nil, sites: [String: IndexEntry]) {
        self.id = id; self.day = day; self.isScan = isScan; self.summary = summary; self.sites = sites
    }
}

public struct IndexInput: Sendable {
    public var office: Office
    public var generated: String
    /// Sites and accounts in the order shown.
    public var sites: [SiteInfo]
    /// Nightly runs, newest first.
    public var runs: [IndexRun]
    /// Ad-hoc scans, newest first.
    public var scans: [IndexRun]

    /// More nightly runs are in the store than `runs` lists (the index keeps to the newest).
    public var earlierRunsNotListed: Bool

    public init(
        office: Office, generated: String, sites: [SiteInfo], runs: [IndexRun], scans: [IndexRun],
        earlierRunsNotListed: Bool = false
    ) {
        self.office = office; self.generated = generated; self.sites = sites; self.runs = runs; self.scans = scans
        self.earlierRunsNotListed = earlierRunsNotListed
    }
}

/// `reports/index.html`: the way in for whoever looks for a notice — every run with its
/// summary, every site's verdict and open items over the runs with a small trend chart, and
/// links to each notice and 台账. Static, relative links only, every page string escaped.
public enum ReportIndexRenderer {
    public static func html(_ input: IndexInput) -> String {
        var body = "<h1>政府网站和政务新媒体检查报告目录</h1>\n"
        body +=
            "<p class=\"plain muted\">\(HTML.escape(TextCleaning.singleLine(input.office.name)))编制。更新时间：\(HTML.escape(input.generated))。\(input.earlierRunsNotListed ? "列出最近" : "共")\(input.runs.count)次例行检查"
            + (input.scans.isEmpty ? "" : "、\(input.scans.count)次单站检查") + "。</p>\n"
        if let latest = input.runs.first {
            body += "<h2>最新检查（\(HTML.escape(latest.day.chinese))）</h2>\n"
            body += latest.summary.map { "<p class=\"plain\">\(link($0, "检查情况汇总"))</p>\n" } ?? ""
        }
        body += "<h2>各网站和账号检查情况</h2>\n"
        if input.sites.isEmpty || input.runs.isEmpty { body += "<p class=\"plain\">暂无例行检查记录。</p>\n" }
        let oldestFirst = Array(input.runs.reversed())
        for site in input.sites where !input.runs.isEmpty {
            let history = oldestFirst.compactMap { run in run.sites[site.id].map { (run, $0) } }
            guard let (_, last) = history.last else { continue }
            body += "<h3>\(HTML.escape(TextCleaning.singleLine(site.name)))</h3>\n"
            var line =
                "最近一次：<span class=\"\(last.verdict == .passed ? "verdict-pass" : "verdict-fail")\">\(last.verdict.rawValue)</span>，"
                + "待整改问题\(last.open)个" + (last.overdue > 0 ? "（其中已逾期\(last.overdue)个）" : "")
            if let notice = last.notice { line += "，" + link(notice, "整改通知") }
            if let ledger = last.ledger { line += "，" + link(ledger, "问题台账") }
            body += "<p class=\"plain\">\(line)。</p>\n"
            body += "<div class=\"chart\">\(trend(site.name, history.map { ($0.0.day, $0.1) }))</div>\n"
            let earlier = history.dropLast().reversed().compactMap { run, entry in
                entry.notice.map { notice in
                    link(notice, run.day.description) + (entry.ledger.map { "（" + link($0, "台账") + "）" } ?? "")
                }
            }
            if !earlier.isEmpty { body += "<p class=\"plain muted\">此前的整改通知：\(earlier.joined(separator: "、"))。</p>\n" }
        }
        body += "<h2>历次例行检查</h2>\n" + runTable(input.runs, sites: input.sites)
        if input.earlierRunsNotListed {
            body += "<p class=\"plain muted\">本目录列出最近\(input.runs.count)次例行检查；更早的检查报告仍在 runs 文件夹中，按检查编号存放。</p>\n"
        }
        if !input.scans.isEmpty {
            body += "<h2>单站检查</h2>\n<table>\n<tr><th>检查日期</th><th>网站</th><th>结论</th><th>待整改问题</th><th>报告</th></tr>\n"
            let names = Dictionary(input.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            for scan in input.scans {
                for (id, entry) in scan.sites.sorted(by: { $0.key < $1.key }) {
                    body +=
                        "<tr><td>\(HTML.escape(scan.day.description))</td><td>\(HTML.escape(TextCleaning.singleLine(names[id] ?? id)))</td>"
                        + "<td>\(entry.verdict.rawValue)</td><td>\(entry.open)</td>"
                        + "<td>\((entry.notice ?? scan.summary).map { link($0, "查看") } ?? "")</td></tr>\n"
                }
            }
            body += "</table>\n"
        }
        return HTMLDocument.wrap(title: "检查报告目录", bodyClass: "index", body: body)
    }

    /// Newest first: date, sites checked, 不合格, open and overdue items, links.
    static func runTable(_ runs: [IndexRun], sites: [SiteInfo]) -> String {
        guard !runs.isEmpty else { return "<p class=\"plain\">暂无例行检查记录。</p>\n" }
        var s =
            "<table>\n<tr><th>检查日期</th><th>检查编号</th><th>检查网站和账号</th><th>不合格</th><th>未能检查</th><th>待整改问题</th><th>已逾期</th><th>报告</th></tr>\n"
        for run in runs {
            let entries = run.sites.values
            let failed = entries.count(where: { $0.verdict == .failed })
            let notChecked = entries.count(where: { $0.verdict == .notChecked })
            s +=
                "<tr><td>\(HTML.escape(run.day.description))</td><td>\(run.id)</td><td>\(entries.count)</td><td>\(failed)</td>"
                + "<td>\(notChecked)</td><td>\(entries.map(\.open).reduce(0, +))</td><td>\(entries.map(\.overdue).reduce(0, +))</td>"
                + "<td>\(run.summary.map { link($0, "汇总") } ?? "")</td></tr>\n"
        }
        return s + "</table>\n"
    }

    /// Open items over the runs (oldest left), each point coloured by its verdict.
    static func trend(_ name: String, _ points: [(day: Day, entry: IndexEntry)]) -> String {
        let width = 480, height = 120, left = 36, right = 24, top = 16, bottom = 28
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = SVGChart.niceCeiling(points.map(\.entry.open).max() ?? 0)
        let label = "\(TextCleaning.singleLine(name))待整改问题趋势"
        var s =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(label))\" \(SVGChart.font) font-size=\"11\">\n"
        s += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>\n"
        s +=
            "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - right)\" y2=\"\(top + plotH)\" stroke=\"#333\"/>"
        s +=
            "<text x=\"\(left - 4)\" y=\"\(top + 4)\" text-anchor=\"end\">\(maxValue)</text><text x=\"\(left - 4)\" y=\"\(top + plotH + 4)\" text-anchor=\"end\">0</text>\n"
        let step = points.count > 1 ? Double(plotW) / Double(points.count - 1) : 0
        let coords = points.enumerated().map { index, point -> (Double, Double) in
            let x = points.count > 1 ? Double(left) + step * Double(index) : Double(left + plotW / 2)
            return (x, Double(top + plotH) - Double(point.entry.open) / Double(maxValue) * Double(plotH))
        }
        if coords.count > 1 {
            s +=
                "<polyline fill=\"none\" stroke=\"#555\" stroke-width=\"1.5\" points=\"\(coords.map { "\(SVGChart.fmt($0.0)),\(SVGChart.fmt($0.1))" }.joined(separator: " "))\"/>\n"
        }
        let labelEvery = max(1, points.count / 6)
        for (index, point) in points.enumerated() {
            let (x, y) = coords[index]
            let color =
                point.entry.verdict == .passed ? "#1b5e20" : point.entry.verdict == .failed ? "#b00020" : "#8a4b00"
            s +=
                "<circle cx=\"\(SVGChart.fmt(x))\" cy=\"\(SVGChart.fmt(y))\" r=\"3.5\" fill=\"\(color)\"><title>\(HTML.escape(point.day.description))："
                + "\(point.entry.verdict.rawValue)，待整改\(point.entry.open)个</title></circle>"
            if index % labelEvery == 0 || index == points.count - 1 {
                s +=
                    "<text x=\"\(SVGChart.fmt(x))\" y=\"\(top + plotH + 16)\" text-anchor=\"middle\">\(HTML.escape(String(point.day.description.suffix(5))))</text>"
            }
            s += "\n"
        }
        return s + "</svg>"
    }

    /// A relative link inside the reports folder; each path segment percent-encoded.
    static func link(_ path: String, _ label: String) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/?#;:")))
                ?? ""
        }.joined(separator: "/")
        return "<a href=\"\(HTML.escape(encoded))\">\(HTML.escape(label))</a>"
    }
}
