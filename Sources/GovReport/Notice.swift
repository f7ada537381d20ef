import GovCore

/// One labelled line of a finding as every format prints it; keeping the list in one place
/// makes the HTML, Markdown and plain-text notices say the same things in the same order.
enum FieldValue {
    case text(String)
    case excerpt(Excerpt)
    case url(String)
    case relativeLink(String)
}

struct Field {
    var label: String
    var value: FieldValue
}

extension NoticeItem {
    /// 问题类型, e.g. 敏感词（涉赌）.
    var typeLabel: String {
        let name = finding.rule.chinese
        guard let category = finding.category, !category.isEmpty else { return name }
        return "\(name)（\(Self.categoryLabels[category] ?? category)）"
    }

    /// Categories as the lexicon and the rules name them (file names, ids) in notice wording;
    /// an office's own category shows as its file name.
    static let categoryLabels = [
        "gambling": "涉赌", "obscene": "涉黄", "drugs": "涉毒", "violent": "涉暴恐", "political": "政治性表述",
        "ads": "违法广告", "id-card": "身份证号", "bank-card": "银行卡号", "mobile": "手机号码",
    ]

    var fields: [Field] {
        let f = finding
        var out: [Field] = [Field(label: "问题类型", value: .text("\(typeLabel)，\(f.severity.chinese)"))]
        if let title = f.title, !title.isEmpty { out.append(Field(label: "页面标题", value: .text(title))) }
        if let column = f.column, !column.isEmpty { out.append(Field(label: "所属栏目", value: .text(column))) }
        out.append(Field(label: "网址", value: .url(f.url)))
        out.append(Field(label: "问题内容", value: .excerpt(Excerpt(f))))
        if let message = f.message, !message.isEmpty { out.append(Field(label: "问题说明", value: .text(message))) }
        if let suggestion = f.suggestion, !suggestion.isEmpty {
            out.append(Field(label: "建议修改为", value: .text(suggestion)))
        }
        if let basis = f.basis, !basis.isEmpty { out.append(Field(label: "依据", value: .text(basis))) }
        out.append(Field(label: "状态", value: .text((f.status ?? .new).chinese)))
        if let first = f.firstSeen, !first.isEmpty { out.append(Field(label: "首次发现", value: .text(first))) }
        if let deadline { out.append(Field(label: "整改期限", value: .text(deadline.chinese))) }
        if let evidencePath, !evidencePath.isEmpty {
            out.append(Field(label: "网页定位", value: .relativeLink(evidencePath)))
        }
        return out
    }
}

extension Field {
    var html: String {
        let value: String
        switch self.value {
        case .text(let text): value = HTML.escape(TextCleaning.singleLine(text))
        case .excerpt(let excerpt): value = excerpt.html
        case .url(let url): value = HTMLDocument.link(url)
        case .relativeLink(let path):
            let escaped = HTML.escape(TextCleaning.singleLine(path))
            value = "<a href=\"\(escaped)\">查看留存页面</a>"
        }
        return "<tr><th>\(HTML.escape(label))</th><td>\(value)</td></tr>"
    }

    var markdown: String {
        let value: String
        switch self.value {
        case .text(let text), .url(let text): value = Markdown.escape(text)
        case .excerpt(let excerpt): value = excerpt.markdown
        case .relativeLink(let path): value = "[查看留存页面](\(Markdown.escape(path)))"
        }
        return "- \(label)：\(value)"
    }

    var plain: String {
        let value: String
        switch self.value {
        case .text(let text), .url(let text), .relativeLink(let text): value = TextCleaning.singleLine(text)
        case .excerpt(let excerpt): value = excerpt.plain
        }
        return "    \(label)：\(value)"
    }
}

/// The notice's sentences, shared by every format (plain strings, not yet escaped).
extension NoticeInput {
    var addressee: String { "\(TextCleaning.singleLine(site.owner))：" }

    var opening: String {
        var scopeText = site.kind == .website ? "共检查页面\(scope.pagesChecked)个" : "共检查信息\(scope.pagesChecked)条"
        if site.kind == .website { scopeText += "、栏目\(scope.columnsChecked)个" }
        if let period = scope.period, !period.isEmpty { scopeText += "（\(period)）" }
        return "根据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）等有关要求，"
            + "\(office.name)于\(checkedAt)对\(site.kindChinese)“\(site.name)”（\(site.url)）进行了检查，"
            + "\(scopeText)。现将有关情况通知如下。"
    }

    var conclusion: String {
        let score = verdict.score.formatted1
        return "检查结论：\(verdict.chinese)。扣分项得分\(score)分（满分100分）。"
    }

    var comparisonSentence: String? {
        guard let c = comparison else { return nil }
        return "与上次检查相比，新发现问题\(c.new)个，仍未整改\(c.open)个，已整改\(c.fixed)个。"
    }

    var noOpenItems: Bool { openGroups.isEmpty }

    var closing: String {
        "请于\(reportDeadline.chinese)前将整改情况报送\(office.shortName)。"
            + "错别字、敏感词和严重表述错误须当日整改；整改完成后我办将进行复核，逾期未整改的将予以通报。"
    }

    var contactLine: String { "联系电话：\(office.contact)" }

    /// Section headings in order, numbered 一、二、… (only the sections that have content).
    var sections: [(number: String, heading: String, items: [NoticeItem])] {
        var out: [(String, String, [NoticeItem])] = []
        var n = 0
        for group in openGroups {
            n += 1
            out.append(("\(ChineseNumeral.of(n))、", "\(group.heading)（\(group.items.count)个）", group.items))
        }
        if !fixedItems.isEmpty {
            n += 1
            out.append(("\(ChineseNumeral.of(n))、", "已整改问题（\(fixedItems.count)个）", fixedItems))
        }
        return out
    }

    var requirementsNumber: String { "\(ChineseNumeral.of(sections.count + 1))、" }
}

extension Double {
    /// 96 or 95.5: scores print without a trailing .0.
    var formatted1: String {
        let rounded = (self * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

/// Rectification notice (整改通知) renderers.
public enum NoticeRenderer {
    /// Printable HTML (also the mail body).
    public static func html(_ notice: NoticeInput) -> String {
        var b = "<article class=\"notice\">\n"
        b += "<h1>\(HTML.escape(notice.title))</h1>\n"
        b += "<p class=\"addressee\">\(HTML.escape(notice.addressee))</p>\n"
        b += "<p>\(HTML.escape(notice.opening))</p>\n"
        let verdictClass = notice.verdict.passed ? "verdict-pass" : "verdict-fail"
        b += "<p>检查结论：<span class=\"\(verdictClass)\">\(notice.verdict.chinese)</span>。"
            + "扣分项得分\(notice.verdict.score.formatted1)分（满分100分）。</p>\n"
        if let why = notice.verdict.notChecked {
            b += "<p>未能检查原因：\(HTML.escape(TextCleaning.singleLine(why)))</p>\n"
        }
        if !notice.verdict.reasons.isEmpty {
            b += "<p>不合格原因：</p>\n<ul>\n"
            b += notice.verdict.reasons.map { "<li>\(HTML.escape(TextCleaning.singleLine($0)))</li>\n" }.joined()
            b += "</ul>\n"
        }
        if !notice.verdict.warnings.isEmpty {
            b += "<p>预警提示：</p>\n<ul>\n"
            b += notice.verdict.warnings.map { "<li>\(HTML.escape(TextCleaning.singleLine($0)))</li>\n" }.joined()
            b += "</ul>\n"
        }
        if let comparison = notice.comparisonSentence { b += "<p>\(HTML.escape(comparison))</p>\n" }
        if notice.noOpenItems { b += "<p>本次检查未发现需要整改的问题。</p>\n" }
        for section in notice.sections {
            b += "<h2>\(section.number)\(HTML.escape(section.heading))</h2>\n"
            for (index, item) in section.items.enumerated() {
                b += "<section class=\"item\">\n<h3>\(index + 1). \(HTML.escape(item.typeLabel))</h3>\n"
                b += "<table class=\"fields\">\n" + item.fields.map { $0.html + "\n" }.joined() + "</table>\n</section>\n"
            }
        }
        b += "<h2>\(notice.requirementsNumber)整改要求</h2>\n"
        b += "<p>\(HTML.escape(notice.closing))</p>\n"
        b += "<p>\(HTML.escape(notice.contactLine))</p>\n"
        b += "<div class=\"signature\">\n<p>\(HTML.escape(notice.office.name))</p>\n"
        b += "<p>\(notice.runDate.chinese)</p>\n</div>\n</article>"
        return HTMLDocument.wrap(title: notice.title, bodyClass: "notice", body: b)
    }

    /// Markdown (attachment and the reports folder).
    public static func markdown(_ notice: NoticeInput) -> String {
        var lines: [String] = []
        lines.append("# \(Markdown.escape(notice.title))")
        lines.append("")
        lines.append(Markdown.escape(notice.addressee))
        lines.append("")
        lines.append(Markdown.escape(notice.opening))
        lines.append("")
        lines.append("**检查结论：\(notice.verdict.chinese)**。扣分项得分\(notice.verdict.score.formatted1)分（满分100分）。")
        lines.append(contentsOf: bulletBlock("未能检查原因：", notice.verdict.notChecked.map { [Markdown.escape($0)] } ?? []))
        lines.append(contentsOf: bulletBlock("不合格原因：", notice.verdict.reasons.map { Markdown.escape($0) }))
        lines.append(contentsOf: bulletBlock("预警提示：", notice.verdict.warnings.map { Markdown.escape($0) }))
        if let comparison = notice.comparisonSentence { lines += ["", comparison] }
        if notice.noOpenItems { lines += ["", "本次检查未发现需要整改的问题。"] }
        for section in notice.sections {
            lines += ["", "## \(section.number)\(Markdown.escape(section.heading))"]
            for (index, item) in section.items.enumerated() {
                lines += ["", "### \(index + 1)\\. \(Markdown.escape(item.typeLabel))", ""]
                lines += item.fields.map(\.markdown)
            }
        }
        lines += ["", "## \(notice.requirementsNumber)整改要求", "", Markdown.escape(notice.closing), "",
                  Markdown.escape(notice.contactLine), "", "<p align=\"right\">",
                  "\(Markdown.escape(notice.office.name))<br>", "\(notice.runDate.chinese)", "</p>", ""]
        return lines.joined(separator: "\n")
    }

    /// Plain text (the mail's text/plain alternative).
    public static func plainText(_ notice: NoticeInput) -> String {
        var lines: [String] = []
        lines.append(notice.title)
        lines.append("")
        lines.append(notice.addressee)
        lines.append("    " + TextCleaning.singleLine(notice.opening))
        lines.append("    " + notice.conclusion)
        lines.append(contentsOf: plainList("未能检查原因：", notice.verdict.notChecked.map { [$0] } ?? []))
        lines.append(contentsOf: plainList("不合格原因：", notice.verdict.reasons))
        lines.append(contentsOf: plainList("预警提示：", notice.verdict.warnings))
        if let comparison = notice.comparisonSentence { lines.append("    " + comparison) }
        if notice.noOpenItems { lines.append("    本次检查未发现需要整改的问题。") }
        for section in notice.sections {
            lines += ["", "\(section.number)\(TextCleaning.singleLine(section.heading))"]
            for (index, item) in section.items.enumerated() {
                lines.append("  \(index + 1). \(TextCleaning.singleLine(item.typeLabel))")
                lines += item.fields.dropFirst().map(\.plain)
            }
        }
        lines += ["", "\(notice.requirementsNumber)整改要求", "    " + TextCleaning.singleLine(notice.closing),
                  "    " + TextCleaning.singleLine(notice.contactLine), "",
                  "                                        " + TextCleaning.singleLine(notice.office.name),
                  "                                        " + notice.runDate.chinese, ""]
        return lines.joined(separator: "\n")
    }

    private static func bulletBlock(_ heading: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["", heading, ""] + items.map { "- \($0)" }
    }

    private static func plainList(_ heading: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["    " + heading] + items.map { "    - " + TextCleaning.singleLine($0) }
    }
}
