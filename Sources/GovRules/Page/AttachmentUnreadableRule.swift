import GovCore

/// 附件无法读取: an attachment the site publishes whose text could not be read (an encrypted
/// PDF, a damaged file, a converter stopped at its limit, a scanned PDF without a text
/// layer): its typos and personal data went unchecked, so the office is told. A converter
/// missing on the checking machine is the operator's problem, not the site's: it is
/// reported as not checked in the run log, never as a finding.
public struct AttachmentUnreadableRule: Sendable {
    public init() {}

    public static let description = RuleDescription(
        id: .attachmentUnreadable, kind: .link, defaultSeverity: .info, weight: RuleWeight(0.1, cap: 2),
        rationale:
            "An attachment (PDF, DOC/DOCX, XLS/XLSX, WPS/ET, OFD, TXT/CSV) linked from the site whose text could not be read: encrypted, damaged or truncated, over the size or decompression limit, a converter stopped at its time limit, or a PDF without a text layer (a scan). Its content was not checked (未能检查). A converter not installed on the checking machine is logged once per run instead. Examples are one attachment a line: the URL, reason= (encrypted, corrupt, too-large, timeout, scanned, missing-converter, none) and from= (the page that links it).",
        triggering: [
            Example(
                "⟦https://www.example.gov.cn/files/2026/plan.pdf⟧ reason=encrypted from=https://www.example.gov.cn/zwgk/1.html"
            ),
            Example(
                "⟦https://www.example.gov.cn/files/list.xlsx⟧ reason=too-large from=https://www.example.gov.cn/tzgg/2.html"
            ),
            Example(
                "⟦https://www.example.gov.cn/files/scan.pdf⟧ reason=scanned from=https://www.example.gov.cn/tzgg/3.html"
            ),
        ],
        nonTriggering: [
            Example(
                "https://www.example.gov.cn/files/2026/plan.pdf reason=none from=https://www.example.gov.cn/zwgk/1.html"
            ),
            Example(
                "https://www.example.gov.cn/files/2026/plan.pdf reason=missing-converter from=https://www.example.gov.cn/zwgk/1.html"
            ),
        ])

    /// `reason` is the Chinese explanation (未能检查（…）), nil when the attachment was read;
    /// `missingConverter` marks the operator's problem (no finding).
    public func check(
        url: String, reason: String?, missingConverter: Bool, linkedFrom: String?,
        title: String?, column: String?, site: String
    ) -> Finding? {
        guard let reason, !missingConverter else { return nil }
        return Finding(
            rule: .attachmentUnreadable, severity: Self.description.defaultSeverity, site: site, url: url,
            match: url, context: "\(url)：\(reason)", contextHit: 0..<url.unicodeScalars.count,
            message: "附件未能检查（\(reason)），其中的错别字和个人信息未经核查，请人工核对\(linkedFrom.map { "；链接所在页面：\($0)" } ?? "")",
            column: column, title: title, linkedFrom: linkedFrom)
    }
}
