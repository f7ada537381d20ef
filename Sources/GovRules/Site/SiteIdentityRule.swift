import GovCore

/// 网站标识缺失: the homepage footer's identity elements (网站标识码, 党政机关网站标识, ICP备案,
/// 公安备案) and the SiteName/SiteDomain/SiteIDCode metas agreeing across pages and with
/// the footer (INDICATORS.md §2.4–2.5).
public struct SiteIdentityRule: SiteRule {
    public init() {}

    public static let description = RuleDescription(
        id: .siteIdentity, kind: .site, defaultSeverity: .major, weight: RuleWeight(2, cap: 5),
        rationale:
            "The homepage footer must show 网站标识码 (10 digits, or bm + 8 digits), the conac 党政机关网站标识 badge (a script from dcs.conac.cn, a link to bszs.conac.cn or the imgConac image), the ICP备案 number (X ICP备NNNNNNNN号) and the 公安备案 number (X公网安备 NNNNNNNNNNNNNN号). The footer's 网站标识码 must equal the homepage's SiteIDCode meta, and SiteName, SiteDomain and SiteIDCode must be the same on every page (a template copied from another site shows up here). One finding per missing element or disagreeing value.",
        triggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦党政机关网站标识⟧ ⟦公安备案⟧ ⟦网站标识码⟧
                page https://www.example.gov.cn/
                  meta SiteIDCode=1304000009
                  item 2026-11-28 要闻 https://www.example.gov.cn/zwdt/1.html
                  footer 主办单位：某某县人民政府办公室 网站标识码：1304000008 冀ICP备15003849号
                """),
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                # expect ⟦SiteName=齐齐哈尔市人民政府⟧
                page https://www.example.gov.cn/
                  meta SiteName=某某县人民政府
                  meta SiteIDCode=1304000009
                  item 2026-11-28 要闻 https://www.example.gov.cn/zwdt/1.html
                  footer 网站标识码：1304000009 冀ICP备15003849号-1 冀公网安备 13042002000523号
                  script http://dcs.conac.cn/js/05/000/0000/60429971/CA050000000604299710001.js
                page https://www.example.gov.cn/zwdt/1.html
                  meta SiteName=某某县人民政府
                page https://www.example.gov.cn/zwdt/2.html
                  meta SiteName=齐齐哈尔市人民政府
                """),
        ],
        nonTriggering: [
            Example(
                """
                now 2026-11-30
                site county-a https://www.example.gov.cn/
                page https://www.example.gov.cn/
                  meta SiteName=某某县人民政府
                  meta SiteIDCode=bm17000009
                  item 2026-11-28 要闻 https://www.example.gov.cn/zwdt/1.html
                  footer 网站标识码 bm17000009 京ICP备19014889号 京公网安备 11010202000001号
                  link http://bszs.conac.cn/sitename?method=show&id=1 党政机关
                page https://www.example.gov.cn/zwdt/1.html
                  meta SiteName=某某县人民政府
                """)
        ])

    public func check(_ snapshot: SiteSnapshot, context: SiteRuleContext) -> [Finding] {
        guard let footer = snapshot.footer else { return [] }
        var findings: [Finding] = []
        func report(_ match: String, _ excerpt: String, _ message: String, url: String? = nil) {
            findings.append(
                Finding(
                    Self.description, snapshot: snapshot, url: url, match: match,
                    excerpt: excerpt, message: message))
        }
        if let code = footer.siteIDCode {
            if !MetadataRule.isValidSiteIDCode(code) {
                report("网站标识码", "页脚网站标识码：\(code)", "网站标识码格式错误（应为10位数字，或 bm 加8位数字）")
            }
        } else {
            report("网站标识码", "首页页脚未见“网站标识码”", "首页底部应标注网站标识码")
        }
        if !footer.conacBadge {
            report("党政机关网站标识", "首页未见党政机关网站标识（开办者标识）", "首页底部中间位置应悬挂党政机关网站标识")
        }
        if footer.icp == nil {
            report("ICP备案", "首页页脚未见 ICP 备案编号", "首页底部应标注 ICP 备案编号")
        }
        if footer.publicSecurity == nil {
            report("公安备案", "首页页脚未见公安机关备案编号", "首页底部应标注公安机关备案编号（公网安备）")
        }
        let homepageMeta = snapshot.pages.first(where: \.isHomepage)?.siteMeta
        if let code = footer.siteIDCode, let meta = homepageMeta?.siteIDCode, code.lowercased() != meta.lowercased() {
            report("网站标识码", "页脚网站标识码 \(code)，网页标签 SiteIDCode=\(meta)", "页脚网站标识码与网页标签 SiteIDCode 不一致")
        }

        // Each tag's most common value is the site's; every other value is a finding.
        let tags: [(String, KeyPath<SiteMeta, String?>)] = [
            ("SiteName", \.siteName), ("SiteDomain", \.siteDomain), ("SiteIDCode", \.siteIDCode),
        ]
        for (name, path) in tags {
            var pagesByValue: [String: [String]] = [:]
            var order: [String] = []
            for page in snapshot.pages {
                guard let value = page.siteMeta[keyPath: path] else { continue }
                if pagesByValue[value] == nil { order.append(value) }
                pagesByValue[value, default: []].append(page.url)
            }
            guard order.count > 1 else { continue }
            let prevailing = order.max { pagesByValue[$0]!.count < pagesByValue[$1]!.count }!
            for value in order where value != prevailing {
                let urls = pagesByValue[value]!
                report(
                    "\(name)=\(value)",
                    "\(urls.count) 个页面 \(name)=\(value)，\(pagesByValue[prevailing]!.count) 个页面为“\(prevailing)”",
                    "网页标签 \(name) 各页面不一致（疑似套用其他网站模板）", url: urls[0])
            }
        }
        return findings
    }
}
