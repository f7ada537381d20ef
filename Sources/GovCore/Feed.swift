/// A new-media feed (RSS 2.0, Atom 1.0 or JSON Feed 1.1) as read from its URL: the account's
/// posts with their dates in China time, so `feed-stale` and the text rules can judge them.
public struct FeedDocument: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable {
        case rss, atom
        case jsonFeed = "json"
    }

    public var title: String
    /// The account's home page as the feed gives it (may be empty).
    public var link: String
    public var items: [FeedItem]
    public var format: Format

    public init(title: String, link: String, items: [FeedItem], format: Format) {
        self.title = title; self.link = link; self.items = items; self.format = format
    }

    /// The newest item date, for `feed-stale`.
    public var newestDate: LocalDateTime? { items.compactMap(\.date).max() }
}

/// One post of a feed.
public struct FeedItem: Sendable, Hashable, Codable {
    /// The feed's own id (guid / id), else the link.
    public var id: String
    public var title: String
    /// Absolute URL of the post (may be empty).
    public var link: String
    /// Publication time converted to China time (+08:00); nil when the feed gives none
    /// or gives one that cannot be read.
    public var date: LocalDateTime?
    public var author: String
    /// The post's HTML content as published (content:encoded, Atom content, content_html);
    /// empty when the feed gives plain text only.
    public var html: String
    /// The visible text of the content, one paragraph a line.
    public var text: String

    public init(
        id: String, title: String, link: String, date: LocalDateTime?, author: String, html: String, text: String
    ) {
        self.id = id; self.title = title; self.link = link; self.date = date
        self.author = author; self.html = html; self.text = text
    }
}
