import GovCore

extension RuleCatalog {
    /// docs/rules.zh.md: the rule reference for the office (规则说明), generated from the same
    /// registry as docs/rules.md (a test keeps the committed copy equal): each rule's name,
    /// default level, kind, deduction and its examples.
    public static func markdownChinese() -> String {
        var out = """
            # 规则说明

            本文件由规则本身生成（`govlint rules --markdown-zh > docs/rules.zh.md`），请勿手工修改。
            表中的问题级别与扣分为默认值：config.yaml 中 `rules.severity` 可改变级别（优先于词表文件头的
            `# severity:`），`rules.weights` 可改变每个问题的扣分（单项扣分上限不变），`rules.disable`
            可停用规则。出现单项否决问题即为不合格；没有单项否决时，扣分后得分低于 60 分为不合格；
            首页未能读取的网站结论为“未能检查”，不计为合格。示例中 ⟦…⟧ 标出规则报告的内容。

            | 规则编号 | 名称 | 默认级别 | 检查对象 | 扣分（每个 / 上限） |
            | --- | --- | --- | --- | --- |

            """
        for d in descriptions {
            out +=
                "| [`\(d.id.rawValue)`](#\(d.id.rawValue)) | \(d.name) | \(d.defaultSeverity.chinese) | \(d.kind.chinese) | \(points(d.weight)) |\n"
        }
        for d in descriptions {
            out +=
                "\n## \(d.id.rawValue)\n\n**\(d.name)** — 默认级别：\(d.defaultSeverity.chinese)；检查对象：\(d.kind.chinese)；"
                + "每个问题扣 \(points(d.weight).replacingOccurrences(of: " / ", with: " 分，最多扣 ")) 分。\n"
            out += section("触发示例", d.triggering, lexiconLabel: "（词表 ", lexiconEnd: "）")
                .replacingOccurrences(of: "`: `", with: "`：`")
            out += section("不触发示例", d.nonTriggering, lexiconLabel: "（词表 ", lexiconEnd: "）")
                .replacingOccurrences(of: "`: `", with: "`：`")
        }
        return out
    }
}
