import GovCore

/// One numbered line of a notice: where (column and page title), what (a short excerpt with
/// the hit marked, or the rule's message), the correction and the deadline. Every format
/// prints these same parts; the details (full context, 依据, URL, evidence) live in the
/// ledger and the evidence copy.
struct NoticeLine {
    var number: Int
    var place: String
    var excerpt: Excerpt?
    /// Text from the page is quoted; a site rule's own sentence is not.
    var quoted = true
    var message: String?
    var correction: String?
    var repeated: Int?
    var deadline: String?
    var path: String
    var url: String
    var evidencePath: String?
    var carried: Bool

    init(_ item: NoticeItem, number: Int, site: SiteInfo, runDate: Day) {
        let f = item.finding
        self.number = number
        var place = ""
        if let column = f.column.map({ TextCleaning.singleLine($0) }), !column.isEmpty { place += column }
        if let title = f.title.map({ TextCleaning.singleLine($0) }), !title.isEmpty { place += "《\(title)》" }
        // An attachment's finding: where in the file (page, sheet!cell, paragraph).
        if let location = f.location.map({ TextCleaning.singleLine($0) }), !location.isEmpty {
            place += "（\(location)）"
        }
        self.place = place
        path = NoticeLine.shortPath(f.url, site: site.url)
        url = f.url
        let hasHit = f.contextHit != nil || (!f.match.isEmpty && f.context.contains(f.match))
        // A site rule about the page itself (its column, its validity label) names the page's
        // title, which the place already gives: its message alone says what is wrong.
        let namesTheTitle =
            f.scope == nil && f.title.map { TextCleaning.singleLine($0) == TextCleaning.singleLine(f.match) } == true
        if hasHit, f.rule != .brokenLink, !namesTheTitle {
            // Page text is quoted around the hit. A site or link rule's context is its own
            // short sentence (link text and URL, a title and its column): kept whole enough to
            // name the thing, then the rule's message says what is wrong with it (cut to the
            // hit's ten neighbours, “青禾县人大常委会（原网站）（…）” read “原网站）（…）”).
            quoted = f.scope != nil
            var short = Excerpt(f).shortened(reach: quoted ? 10 : 40)
            // A sentence's own full stop reads badly before the correction: “…工作。”，应为
            while let last = short.after.last, "。；，,;：:".contains(last) { short.after.removeLast() }
            excerpt = short
            message = quoted ? nil : f.message.map(OfficialWording.message)
        } else {
            excerpt = nil
            message = f.message.map(OfficialWording.message) ?? Excerpt(f).shortened().plain
        }
        if f.rule == .brokenLink {
            let reason = f.context.split(separator: "：").last.map(String.init) ?? ""
            message =
                "所含链接" + TextCleaning.singleLine(f.match) + "无法访问"
                + (reason.isEmpty ? "" : "（\(TextCleaning.singleLine(reason))）")
        }
        correction = f.suggestion.map { TextCleaning.singleLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
        repeated = (f.occurrences ?? 1) > 1 ? f.occurrences : nil
        if f.status == .fixed {
            deadline = nil
        } else if let deadline = item.deadline {
            // 首次发现 and the full dates are in the ledger; the line keeps what to do by when.
            switch deadline {
            case .sameDay: self.deadline = "当日整改"
            case .by(let day): self.deadline = "\(day.month)月\(day.day)日前整改"
            case .overdue(let day): self.deadline = "已逾期（期限\(day.month)月\(day.day)日）"
            }
            if item.deadlineEstimated { self.deadline? += "（暂按周一至周五计算）" }
        }
        evidencePath = item.evidencePath
        carried = item.carried
    }

    /// The page's path when it is on the site's own host (the notice names the site once);
    /// the whole URL otherwise.
    static func shortPath(_ url: String, site: String) -> String {
        let clean = TextCleaning.singleLine(url)
        let base = site.hasSuffix("/") ? String(site.dropLast()) : site
        if !base.isEmpty, clean.hasPrefix(base + "/") { return String(clean.dropFirst(base.count)) }
        return clean
    }

    /// The sentence after the place: the excerpt (or message), the correction, a count when
    /// this one error repeats on the page.
    func body(_ render: (Excerpt) -> String, _ escape: (String) -> String) -> String {
        var text = ""
        if let excerpt { text += quoted ? "“" + render(excerpt) + "”" : render(excerpt) }
        if let message { text += escape(excerpt == nil ? message : "，" + message) }
        if let correction { text += escape("，应为“\(correction)”") }
        if let repeated { text += escape("（本页共\(repeated)处）") }
        return text
    }

    var tail: String {
        var parts: [String] = []
        if let deadline { parts.append(deadline) }
        if carried { parts.append("本次未能检查该页面，沿用上次结果") }
        return parts.joined(separator: "；")
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

    var correctionSentence: String? {
        guard let correction else { return nil }
        var text = "本通知是对我办\(correction.originalDate.chinese)印发的整改通知的更正"
        if correction.withdrawn > 0 { text += "：经核实，原通知所列\(correction.withdrawn)个问题为误报，已予撤销" }
        return text + "。请以本通知为准。"
    }

    var digestSentence: String? {
        digestOnly ? "本通知仅列单项否决问题和逾期未整改问题，其他问题见每周印发的完整通知和整改台账。" : nil
    }

    /// 检查结论：…; with the score and one sentence on how it is counted when shown.
    var conclusion: String {
        var text = "检查结论：\(verdict.chinese)。"
        if showScore { text += scoreSentence }
        return text
    }

    var scoreSentence: String {
        "按扣分项计算得分\(verdict.score.formatted1)分（满分100分，每个扣分问题按其类型扣减规定分值，同类问题扣分设有上限；单项否决问题不计分，直接判定不合格）。"
    }

    var comparisonSentence: String? {
        guard let c = comparison else { return nil }
        let overdue = items.count(where: { $0.isOverdue && $0.ignoredReason == nil })
        var text = "与上次检查相比，新发现问题\(c.new)个，仍未整改\(c.open)个，已整改\(c.fixed)个"
        if overdue > 0 { text += "；其中逾期未整改\(overdue)个" }
        return text + "。"
    }

    var noOpenItems: Bool { openGroups.isEmpty }

    var closing: String {
        var text =
            "请于\(reportDeadline.chinese)前将整改情况报送\(office.shortName)。"
            + "错别字、敏感词和严重表述错误须当日整改，其他问题须在整改期限内整改；"
        let overdue = items.count(where: { $0.isOverdue && $0.ignoredReason == nil })
        if overdue > 0 { text += "已逾期的\(overdue)个问题请立即整改；" }
        return text + "整改完成后我办将进行复核，逾期未整改的将予以通报。问题明细见所附整改台账。"
    }

    var contactLine: String { "联系电话：\(office.contact)" }

    /// Sections in order, numbered 一、二、… (only those with content); each with its items
    /// grouped by rule ((一)、(二)…) and numbered through the whole notice like the ledger.
    var sections: [(number: String, heading: String, rules: [(heading: String, lines: [NoticeLine])])] {
        var out: [(String, String, [(String, [NoticeLine])])] = []
        var n = 0
        var itemNumber = 0
        func grouped(_ items: [NoticeItem]) -> [(String, [NoticeLine])] {
            var groups: [(String, [NoticeLine])] = []
            var index = 0
            for item in items {
                itemNumber += 1
                let line = NoticeLine(item, number: itemNumber, site: site, runDate: runDate)
                let label = item.typeLabel
                if let last = groups.last, last.0 == label {
                    groups[groups.count - 1].1.append(line)
                } else {
                    index += 1
                    groups.append((label, [line]))
                }
            }
            return groups.enumerated().map { i, group in
                ("（\(ChineseNumeral.of(i + 1))）\(group.0)（\(group.1.count)个）", group.1)
            }
        }
        for group in openGroups {
            n += 1
            out.append(("\(ChineseNumeral.of(n))、", "\(group.heading)（\(group.items.count)个）", grouped(group.items)))
        }
        if !fixedItems.isEmpty {
            n += 1
            out.append(("\(ChineseNumeral.of(n))、", "已整改问题（\(fixedItems.count)个）", grouped(fixedItems)))
        }
        return out
    }

    /// 整改要求 comes after the numbered sections (the renderer built them once).
    func requirementsNumber(after sectionCount: Int) -> String { "\(ChineseNumeral.of(sectionCount + 1))、" }
}

extension NoticeItem {
    /// 问题类型, e.g. 敏感词（涉赌）; a category with no Chinese name is left out.
    var typeLabel: String {
        let name = finding.rule.chinese
        guard let raw = finding.category, !raw.isEmpty, let category = OfficialWording.category(raw) else {
            return name
        }
        return "\(name)（\(category)）"
    }
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
    /// Printable HTML (also the mail body and its attachment).
    public static func html(_ notice: NoticeInput) -> String {
        var b = "<article class=\"notice\">\n"
        b += "<h1>\(HTML.escape(notice.title))</h1>\n"
        b += "<p class=\"addressee\">\(HTML.escape(notice.addressee))</p>\n"
        if let correction = notice.correctionSentence {
            b += "<p class=\"correction\">\(HTML.escape(correction))</p>\n"
        }
        b += "<p>\(HTML.escape(notice.opening))</p>\n"
        if let digest = notice.digestSentence { b += "<p>\(HTML.escape(digest))</p>\n" }
        let verdictClass = notice.verdict.passed ? "verdict-pass" : "verdict-fail"
        b +=
            "<p>检查结论：<span class=\"\(verdictClass)\">\(HTML.escape(notice.verdict.chinese))</span>。"
            + (notice.showScore ? HTML.escape(notice.scoreSentence) : "") + "</p>\n"
        if let why = notice.verdict.notChecked, notice.notChecked.isEmpty {
            b += "<p>未能检查原因：\(HTML.escape(TextCleaning.singleLine(why)))</p>\n"
        }
        if !notice.verdict.reasons.isEmpty {
            b += "<p>不合格原因：</p>\n<ul>\n"
            b += notice.verdict.reasons.map { "<li>\(HTML.escape(OfficialWording.message($0)))</li>\n" }.joined()
            b += "</ul>\n"
        }
        if !notice.verdict.warnings.isEmpty {
            b += "<p>预警提示：</p>\n<ul>\n"
            b += notice.verdict.warnings.map { "<li>\(HTML.escape(OfficialWording.message($0)))</li>\n" }.joined()
            b += "</ul>\n"
        }
        if !notice.notChecked.isEmpty {
            b += "<p class=\"not-checked\">未能检查：</p>\n<ul class=\"not-checked\">\n"
            b += notice.notChecked.map { "<li>\(HTML.escape(TextCleaning.singleLine($0)))</li>\n" }.joined()
            b += "</ul>\n"
        }
        if let comparison = notice.comparisonSentence { b += "<p>\(HTML.escape(comparison))</p>\n" }
        if notice.noOpenItems { b += "<p>本次检查未发现需要整改的问题。</p>\n" }
        let sections = notice.sections
        for section in sections {
            b += "<h2>\(section.number)\(HTML.escape(section.heading))</h2>\n"
            for rule in section.rules {
                b += "<h3>\(HTML.escape(rule.heading))</h3>\n<ol class=\"items\">\n"
                for line in rule.lines {
                    b += "<li value=\"\(line.number)\">"
                    if !line.place.isEmpty { b += "<span class=\"place\">\(HTML.escape(line.place))</span>：" }
                    b += line.body({ $0.html }, { HTML.escape($0) }) + "。"
                    let tail = line.tail
                    b +=
                        " <span class=\"muted\">" + (tail.isEmpty ? "" : HTML.escape(tail) + "；")
                        + HTMLDocument.link(line.url, label: line.path)
                    if let evidence = line.evidencePath {
                        b += "；<a href=\"\(HTML.escape(TextCleaning.singleLine(evidence)))\">留存页面</a>"
                    }
                    b += "</span></li>\n"
                }
                b += "</ol>\n"
            }
        }
        b += "<h2>\(notice.requirementsNumber(after: sections.count))整改要求</h2>\n"
        b += "<p>\(HTML.escape(notice.closing))</p>\n"
        b += "<p>\(HTML.escape(notice.contactLine))</p>\n"
        b += "<div class=\"signature\">\n<p>\(HTML.escape(notice.office.name))</p>\n"
        b += "<p>\(notice.runDate.chinese)</p>\n</div>\n</article>"
        return HTMLDocument.wrap(title: notice.title, bodyClass: "notice", body: b)
    }

    /// Markdown (the reports folder; mail attaches the HTML).
    public static func markdown(_ notice: NoticeInput) -> String {
        var lines: [String] = []
        lines.append("# \(Markdown.escape(notice.title))")
        lines.append("")
        lines.append(Markdown.escape(notice.addressee))
        if let correction = notice.correctionSentence { lines += ["", Markdown.escape(correction)] }
        lines.append("")
        lines.append(Markdown.escape(notice.opening))
        if let digest = notice.digestSentence { lines += ["", Markdown.escape(digest)] }
        lines.append("")
        lines.append(
            "**检查结论：\(notice.verdict.chinese)**。" + (notice.showScore ? Markdown.escape(notice.scoreSentence) : ""))
        lines.append(
            contentsOf: bulletBlock(
                "不合格原因：", notice.verdict.reasons.map { Markdown.escape(OfficialWording.message($0)) }))
        lines.append(
            contentsOf: bulletBlock(
                "预警提示：", notice.verdict.warnings.map { Markdown.escape(OfficialWording.message($0)) }))
        lines.append(contentsOf: bulletBlock("未能检查：", notice.notChecked.map { Markdown.escape($0) }))
        if notice.notChecked.isEmpty {
            lines.append(
                contentsOf: bulletBlock("未能检查原因：", notice.verdict.notChecked.map { [Markdown.escape($0)] } ?? []))
        }
        if let comparison = notice.comparisonSentence { lines += ["", comparison] }
        if notice.noOpenItems { lines += ["", "本次检查未发现需要整改的问题。"] }
        let sections = notice.sections
        for section in sections {
            lines += ["", "## \(section.number)\(Markdown.escape(section.heading))"]
            for rule in section.rules {
                lines += ["", "### \(Markdown.escape(rule.heading))", ""]
                for line in rule.lines {
                    var text = "\(line.number)\\. "
                    if !line.place.isEmpty { text += Markdown.escape(line.place) + "：" }
                    text += line.body({ $0.markdown }, { Markdown.escape($0) }) + "。"
                    let tail = line.tail
                    text += (tail.isEmpty ? "" : Markdown.escape(tail) + "；") + Markdown.escape(line.path)
                    lines.append(text)
                }
            }
        }
        lines += [
            "", "## \(notice.requirementsNumber(after: sections.count))整改要求", "", Markdown.escape(notice.closing), "",
            Markdown.escape(notice.contactLine), "", "<p align=\"right\">",
            "\(Markdown.escape(notice.office.name))<br>", "\(notice.runDate.chinese)", "</p>", "",
        ]
        return lines.joined(separator: "\n")
    }

    /// Plain text (the mail's text/plain alternative).
    public static func plainText(_ notice: NoticeInput) -> String {
        var lines: [String] = []
        lines.append(notice.title)
        lines.append("")
        lines.append(notice.addressee)
        if let correction = notice.correctionSentence { lines.append("    " + correction) }
        lines.append("    " + TextCleaning.singleLine(notice.opening))
        if let digest = notice.digestSentence { lines.append("    " + digest) }
        lines.append("    " + notice.conclusion)
        lines.append(contentsOf: plainList("不合格原因：", notice.verdict.reasons.map(OfficialWording.message)))
        lines.append(contentsOf: plainList("预警提示：", notice.verdict.warnings.map(OfficialWording.message)))
        lines.append(contentsOf: plainList("未能检查：", notice.notChecked))
        if notice.notChecked.isEmpty {
            lines.append(contentsOf: plainList("未能检查原因：", notice.verdict.notChecked.map { [$0] } ?? []))
        }
        if let comparison = notice.comparisonSentence { lines.append("    " + comparison) }
        if notice.noOpenItems { lines.append("    本次检查未发现需要整改的问题。") }
        let sections = notice.sections
        for section in sections {
            lines += ["", "\(section.number)\(TextCleaning.singleLine(section.heading))"]
            for rule in section.rules {
                lines.append("  " + TextCleaning.singleLine(rule.heading))
                for line in rule.lines {
                    var text = "  \(line.number). "
                    if !line.place.isEmpty { text += line.place + "：" }
                    text += line.body({ $0.plain }, { $0 }) + "。"
                    let tail = line.tail
                    text += (tail.isEmpty ? "" : tail + "；") + line.path
                    lines.append(TextCleaning.singleLine(text))
                }
            }
        }
        lines += [
            "", "\(notice.requirementsNumber(after: sections.count))整改要求",
            "    " + TextCleaning.singleLine(notice.closing),
            "    " + TextCleaning.singleLine(notice.contactLine), "",
            "                                        " + TextCleaning.singleLine(notice.office.name),
            "                                        " + notice.runDate.chinese, "",
        ]
        return lines.joined(separator: "\n")
    }

    private static func bulletBlock(_ heading: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["", heading, ""] + items.map { "- \($0)" }
    }

    private static func plainList(_ heading: String, _ items: [String]) -> [String] {
        items.isEmpty ? [] : ["    " + heading] + items.map { "    - " + TextCleaning.singleLine($0) }
    }
}
