/// Where in a document a block of text sits, so a finding can say where it is.
public enum Scope: String, Sendable, Codable, CaseIterable {
    case title  // <title>
    case heading  // h1–h6
    case body  // visible body text
    case alt  // alt attribute of an image
    case attribute  // title attribute
    case meta  // meta description / keywords
    case hidden  // text in an element hidden by CSS or markup
    case feed  // a feed item's title or content
    case plain  // a plain-text file
    case attachment  // text inside an attachment (PDF, Word, Excel, WPS, OFD …)

    public var chinese: String {
        switch self {
        case .title: "标题"
        case .heading: "小标题"
        case .body: "正文"
        case .alt: "图片说明"
        case .attribute: "提示文字"
        case .meta: "页面描述"
        case .hidden: "隐藏内容"
        case .feed: "推文"
        case .plain: "正文"
        case .attachment: "附件"
        }
    }
}

/// A run of text from one place of a document. `line` is the 1-based source line where the
/// block starts (plain text: exact; HTML: the element's line as libxml2 reports it).
/// `location` names the place inside an attachment (第4页, Sheet2!C7, 段落12), nil for pages.
public struct TextBlock: Sendable, Hashable, Codable {
    public var scope: Scope
    public var text: String
    public var line: Int
    public var location: String?

    public init(scope: Scope, text: String, line: Int = 1, location: String? = nil) {
        self.scope = scope
        self.text = text
        self.line = line
        self.location = location
    }
}
