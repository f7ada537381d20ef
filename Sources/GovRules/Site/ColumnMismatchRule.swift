import Foundation
import GovCore

/// 信息与栏目不符: a page filed under a column whose type its content does not fit
/// (INDICATORS.md §1.4: "上传的文章内容与栏目属性完全不符合"). Three judges, the first that
/// speaks wins: the page's own ColumnName/breadcrumb against the list it is in; title cues
/// per column type; a naive Bayes over character bigrams trained on the site's own pages.
public struct ColumnMismatchRule: SiteRule {
    /// A title cue: words that make a page plainly of `type`, and the column types under
    /// which that is a mismatch.
    struct Cue: Sendable {
        let type: ColumnType
        let words: [String]
        let misfiledUnder: Set<ColumnType>
        /// Words that make the cue not apply (任前公示 is a 公示, at home under 通知公告).
        let unless: [String]
        /// The cue needs a page without a 文号 (a news verb in a numbered document's title is policy).
        let needsNoDocumentNumber: Bool
    }

    static let cues: [Cue] = [
        Cue(
            type: .personnel, words: ["任免", "任职", "免职", "免去", "任命", "聘任"], misfiledUnder: [.news, .notice],
            unless: ["公示"], needsNoDocumentNumber: false),
        Cue(
            type: .interpretation, words: PolicyPages.interpretationWords, misfiledUnder: [.policy, .normative],
            unless: [], needsNoDocumentNumber: false),
        Cue(
            type: .news, words: ["召开", "调研", "举行", "举办", "座谈", "视察", "走访", "慰问", "会见", "观摩", "督导"],
            misfiledUnder: [.normative],
            unless: ValidityLabelRule.regulationWords + ["通知", "意见", "方案", "决定", "公告", "批复"],
            needsNoDocumentNumber: true),
    ]

    /// Types close enough that filing one under the other is not a mismatch.
    static let compatible: [Set<ColumnType>] = [[.policy, .normative]]

    /// Naive Bayes gates: only confident, well-supported verdicts are reported.
    static let minDocumentsPerColumn = 8
    static let minPosterior = 0.999
    /// Mean log-likelihood advantage per bigram of the predicted column over the filed one.
    static let minMeanAdvantage = 0.25

    public init() {}

    public static let description = RuleDescription(
        id: .columnMismatch, kind: .site, defaultSeverity: .major, weight: RuleWeight(1, cap: 5),
        rationale:
            "Filed column: the most specific column that claims the page — its ColumnName meta or breadcrumb when that names a known column, else the column whose directory is the longest prefix of its URL, else the list it was found on; never a hub or aggregate (a list such as 最新信息, or a 政务公开 overview whose items lie in two or more other columns' directories). Major when (1) its ColumnName meta or breadcrumb names a column of another type than the list it is in (policy and normative count as one; hubs and aggregates are not judged), or (2) its title is plainly of another type: 任免/任职 under 通知公告 or 动态 (公示 excepted), 解读/图解 under 政策文件 or 规范性文件, a news title (召开、调研、举行…) without 文号 under 规范性文件. Minor when (3) a naive Bayes over character bigrams of titles and text heads, trained on the site's own columns (≥ 8 pages each, leave-one-out), puts the page in a column of another type with posterior ≥ 0.999 and a clear per-bigram margin; the message names the bigrams that decided.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 通知公告 https://www.example.gov.cn/tzgg/ notice
                page https://www.example.gov.cn/tzgg/1.html found=https://www.example.gov.cn/tzgg/
                  title ⟦关于张三同志职务任免的通知⟧
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 政策文件 https://www.example.gov.cn/zcwj/ policy
                page https://www.example.gov.cn/zcwj/2.html found=https://www.example.gov.cn/zcwj/
                  title ⟦《某某县城市绿化管理办法》政策解读⟧
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 工作动态 https://www.example.gov.cn/gzdt/ news
                page https://www.example.gov.cn/gzdt/3.html found=https://www.example.gov.cn/gzdt/
                  title ⟦2026年度部门预算公开⟧
                  meta ColumnName=财政预决算
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                column 通知公告 https://www.example.gov.cn/tzgg/ notice
                column 规范性文件 https://www.example.gov.cn/gfxwj/ normative
                page https://www.example.gov.cn/tzgg/1.html found=https://www.example.gov.cn/tzgg/
                  title 县管干部任前公示
                page https://www.example.gov.cn/gfxwj/1.html found=https://www.example.gov.cn/gfxwj/
                  title 关于召开全县安全生产会议有关事项的通知
                  text 某政办〔2026〕5号
                """)
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        // Hubs and aggregates (政务公开 overview, 最新信息) have no type to violate: their lists
        // are not judged, and no page is filed under them (ColumnFiling).
        let judged = snapshot.columns.filter { !$0.aggregate }
        let columnsByListPage = Dictionary(
            judged.flatMap { r in r.listPages.map { (SiteSnapshotBuilder.key($0), r.column) } },
            uniquingKeysWith: { first, _ in first })
        let aggregateNames = Set(snapshot.columns.filter(\.aggregate).map(\.column.name))
        let classifier = BigramClassifier(snapshot: snapshot, settings: context.settings)
        var findings: [Finding] = []
        for page in snapshot.articles(settings: context.settings) {
            guard let filedName = page.column, let filedType = page.columnType,
                !aggregateNames.contains(filedName)
            else { continue }
            func report(_ excerpt: String, _ message: String, severity: Severity? = nil) {
                findings.append(
                    Finding(
                        Self.description, snapshot: snapshot, url: page.url, match: page.title,
                        excerpt: excerpt, message: message, column: filedName, title: page.title,
                        category: filedType.rawValue, severity: severity))
            }
            // (1) declared column against the list it is in.
            if let found = page.foundOn.flatMap({ columnsByListPage[SiteSnapshotBuilder.key($0)] }),
                let declared = page.declaredColumn, declared != found.name
            {
                let declaredType = ColumnTyping.type(ofName: declared)
                if declaredType != .other, found.type != .other, !Self.fits(declaredType, found.type) {
                    report(
                        "\(page.title)（页面标注栏目“\(declared)”，实际位于“\(found.name)”）",
                        "页面所属栏目标注为“\(declared)”（\(declaredType.chinese)），却发布在“\(found.name)”（\(found.type.chinese)）栏目")
                    continue
                }
            }
            // (2) title cues.
            if let cue = Self.cues.first(where: { cue in
                cue.misfiledUnder.contains(filedType) && cue.words.contains { page.title.contains($0) }
                    && !cue.unless.contains { page.title.contains($0) }
                    && !(cue.needsNoDocumentNumber && page.documentNumber != nil)
            }) {
                let word = cue.words.first { page.title.contains($0) } ?? ""
                report(
                    "\(page.title)（位于“\(filedName)”）",
                    "标题含“\(word)”，属\(cue.type.chinese)类信息，不应发布在\(filedType.chinese)类栏目“\(filedName)”")
                continue
            }
            // (3) the site's own columns, statistically.
            if let verdict = classifier?.mismatch(for: page), !Self.fits(verdict.column.type, filedType) {
                report(
                    "\(page.title)（位于“\(filedName)”）",
                    "内容与“\(verdict.column.name)”（\(verdict.column.type.chinese)）栏目的信息高度相似（依据用字：\(verdict.evidence.joined(separator: "、"))），请核实是否发错栏目",
                    severity: .minor)
            }
        }
        return findings
    }

    static func fits(_ a: ColumnType, _ b: ColumnType) -> Bool {
        a == b || compatible.contains { $0.contains(a) && $0.contains(b) }
    }
}

/// Multinomial naive Bayes over Chinese character bigrams of title + text head, one class
/// per column, uniform priors (a big column must not win by size), Laplace smoothing,
/// leave-one-out so a page never votes for itself. Integer-keyed: a bigram is its two
/// scalars packed in a UInt64, a column its index — no String per bigram, no string hashing.
struct BigramClassifier {
    struct Mismatch { let column: Column; let evidence: [String] }

    /// Per column index: bigram → count, and the column's total.
    private var counts: [[UInt64: Int]] = []
    private var totals: [Int] = []
    private var names: [String] = []
    private var index: [String: Int] = [:]
    private let columns: [String: Column]
    private let vocabularySize: Double

    init?(snapshot: SiteSnapshot, settings: SiteRuleSettings) {
        var docs: [Int] = []
        var allCounts: [[UInt64: Int]] = [], allTotals: [Int] = [], allNames: [String] = []
        var allIndex: [String: Int] = [:]
        for page in snapshot.articles(settings: settings) {
            guard let column = page.column else { continue }
            let c: Int
            if let known = allIndex[column] {
                c = known
            } else {
                c = allNames.count
                allIndex[column] = c; allNames.append(column); allCounts.append([:]); allTotals.append(0);
                docs.append(0)
            }
            docs[c] += 1
            let features = Self.bigrams(page)
            for bigram in features { allCounts[c][bigram, default: 0] += 1 }
            allTotals[c] += features.count
        }
        let trained = docs.indices.filter { docs[$0] >= ColumnMismatchRule.minDocumentsPerColumn }
        guard trained.count >= 2 else { return nil }
        for c in trained {
            index[allNames[c]] = names.count
            names.append(allNames[c]); counts.append(allCounts[c]); totals.append(allTotals[c])
        }
        let trainedNames = Set(names)
        columns = Dictionary(
            snapshot.columns.filter { trainedNames.contains($0.column.name) }.map { ($0.column.name, $0.column) },
            uniquingKeysWith: { a, _ in a })
        var vocabulary = Set<UInt64>()
        for table in counts { vocabulary.formUnion(table.keys) }
        vocabularySize = Double(vocabulary.count)
    }

    /// Adjacent Han scalars of the title and of the text head (not across the two).
    static func bigrams(_ page: PageSummary) -> [UInt64] {
        var out: [UInt64] = []
        for text in [page.title, page.textHead] {
            var previous: UInt32?
            for scalar in text.unicodeScalars {
                guard scalar.isHan else { previous = nil; continue }
                if let previous { out.append(UInt64(previous) << 32 | UInt64(scalar.value)) }
                previous = scalar.value
            }
        }
        return out
    }

    static func text(of bigram: UInt64) -> String {
        var s = String.UnicodeScalarView()
        if let a = Unicode.Scalar(UInt32(bigram >> 32)) { s.append(a) }
        if let b = Unicode.Scalar(UInt32(bigram & 0xFFFF_FFFF)) { s.append(b) }
        return String(s)
    }

    func mismatch(for page: PageSummary) -> Mismatch? {
        guard let ownName = page.column, let own = index[ownName] else { return nil }
        let features = Self.bigrams(page)
        guard features.count >= 4 else { return nil }
        var ownCounts: [UInt64: Int] = [:]
        for f in features { ownCounts[f, default: 0] += 1 }
        func logProbability(_ bigram: UInt64, in column: Int) -> Double {
            var count = Double(counts[column][bigram] ?? 0)
            var total = Double(totals[column])
            if column == own { count -= Double(ownCounts[bigram] ?? 0); total -= Double(features.count) }
            return log((max(count, 0) + 1) / (max(total, 0) + vocabularySize))
        }
        var scores: [(Int, Double)] = counts.indices.map { column in
            (column, features.reduce(0) { $0 + logProbability($1, in: column) })
        }
        // Ties broken by name, so the answer does not depend on discovery order.
        scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : names[$0.0] < names[$1.0] }
        guard let best = scores.first, best.0 != own, let ownScore = scores.first(where: { $0.0 == own })?.1 else {
            return nil
        }
        let normaliser = scores.reduce(0.0) { $0 + exp($1.1 - best.1) }
        let posterior = 1 / normaliser
        let advantage = (best.1 - ownScore) / Double(features.count)
        guard posterior >= ColumnMismatchRule.minPosterior, advantage >= ColumnMismatchRule.minMeanAdvantage,
            let column = columns[names[best.0]]
        else { return nil }
        let evidence = Set(features).map { ($0, logProbability($0, in: best.0) - logProbability($0, in: own)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(3).map { Self.text(of: $0.0) }
        return Mismatch(column: column, evidence: Array(evidence))
    }
}
