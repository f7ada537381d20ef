/// The printable HTML shell shared by notices, summaries, scan reports and evidence:
/// A4 print CSS, the system CJK font stack, no external resource, no script (and a
/// Content-Security-Policy that forbids both, in case a future change lets one slip in).
enum HTMLDocument {
    static func wrap(title: String, bodyClass: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(TextCleaning.singleLine(title)))</title>
        <style>\(style)</style>
        </head>
        <body class="\(bodyClass)">
        \(body)
        </body>
        </html>

        """
    }

    /// A link only for http(s) URLs; anything else (javascript:, data:) is printed as text.
    static func link(_ url: String, label: String? = nil) -> String {
        let escaped = HTML.escape(TextCleaning.singleLine(url))
        let shown = label.map { HTML.escape(TextCleaning.singleLine($0)) } ?? escaped
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return shown }
        return "<a href=\"\(escaped)\">\(shown)</a>"
    }

    static let style = """
        @page { size: A4; margin: 20mm 18mm 18mm 20mm; }
        html { -webkit-text-size-adjust: 100%; }
        body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", serif; font-size: 16px; line-height: 1.75; color: #111; max-width: 820px; margin: 24px auto; padding: 0 16px; }
        h1 { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; font-size: 24px; text-align: center; margin: 12px 0 24px; line-height: 1.5; }
        h2 { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "黑体", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 18px; margin: 22px 0 8px; }
        h3 { font-size: 16px; margin: 14px 0 6px; font-family: "Noto Sans CJK SC", "SimHei", "Microsoft YaHei", sans-serif; }
        p { margin: 6px 0; text-indent: 2em; }
        p.addressee, p.plain { text-indent: 0; }
        .verdict-fail { color: #b00020; font-weight: bold; }
        .verdict-pass { color: #1b5e20; font-weight: bold; }
        mark { background: #ffe066; color: #000; padding: 0 1px; border-bottom: 2px solid #d00; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
        th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        th { background: #f2f2f2; white-space: nowrap; }
        table.ranking td:nth-child(n+4):nth-child(-n+12), table.accounts td:nth-child(3), table.accounts td:nth-child(4) { white-space: nowrap; }
        table.ranking td:nth-child(2), table.ranking td:nth-child(3), table.accounts td:nth-child(1) { min-width: 7em; }
        table.ranking td:first-child { white-space: nowrap; }
        table.ranking td:last-child, table.accounts td:last-child { min-width: 9em; }
        ol.items { margin: 2px 0 6px 0; padding-left: 2.4em; }
        ol.items li { margin: 1px 0; line-height: 1.6; }
        ol.items .place { font-weight: bold; }
        p.correction { text-indent: 0; font-weight: bold; }
        .not-checked { color: #8a4b00; }
        .item { page-break-inside: avoid; break-inside: avoid; }
        .signature { margin-top: 36px; text-align: right; }
        .signature p { text-indent: 0; margin: 2px 0; }
        .muted { color: #555; font-size: 13px; }
        .supervise { color: #b00020; font-weight: bold; }
        .chart { margin: 8px 0 16px; page-break-inside: avoid; break-inside: avoid; }
        .chart svg { max-width: 100%; height: auto; }
        ul { margin: 4px 0 8px 2em; padding: 0; }
        .evidence-block { border-left: 3px solid #ccc; padding: 2px 8px; margin: 6px 0; white-space: pre-wrap; }
        .evidence-block .scope { color: #555; font-size: 12px; display: block; }
        @media print {
          body { margin: 0; max-width: none; padding: 0; font-size: 12pt; }
          a { color: #000; text-decoration: none; }
          h2, h3 { page-break-after: avoid; break-after: avoid; }
          body.notice { font-size: 10pt; line-height: 1.45; }
          body.notice h2 { font-size: 12pt; margin: 10px 0 4px; }
          body.notice h3 { font-size: 10.5pt; margin: 6px 0 2px; }
          ol.items li { line-height: 1.35; margin: 0; }
          ol.items .muted { font-size: 8.5pt; }
          .chart { page-break-inside: avoid; }
        }
        """
}
