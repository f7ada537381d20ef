import Foundation
import GovConfig
import GovCore
import GovCrawl
import GovExtract

/// One read of a feed: its items, an unchanged answer (304), or why nothing could be read.
/// A failure is a value (it counts toward `feed-unreadable`), never a thrown error.
struct FeedRead: Sendable {
    enum Content: Sendable {
        case document(FeedDocument)
        case notModified
        case failed(String)
    }

    var content: Content
    /// The HTTP answer; nil for a local source.
    var outcome: FetchOutcome?
    /// Files of an export folder that could not be read while others could (logged, not fatal).
    var notes: [String] = []
}

/// Reads a feed from its URL (through the crawler: politeness, timeouts, conditional GET) or
/// from disk: a feed file, or a folder of exported feed files and posts.
enum FeedReader {
    /// Feed files in an export folder.
    static let feedExtensions: Set<String> = ["xml", "rss", "atom", "json"]
    /// Exported posts, one item a file.
    static let postExtensions: Set<String> = ["html", "htm", "txt"]
    /// How many leading lines of an exported post are searched for its date.
    static let dateLines = 5

    static func read(_ source: Config.FeedSource, validators: Validators?, crawler: any Fetcher) -> FeedRead {
        switch source {
        case .url(let url): fetch(url, validators: validators, crawler: crawler)
        case .path(let path): local(path)
        }
    }

    static func fetch(_ url: String, validators: Validators?, crawler: any Fetcher) -> FeedRead {
        let request = FetchRequest(url: url, validators: validators.flatMap { $0.isEmpty ? nil : $0 })
        guard let (outcome, body) = crawler.fetch([request]).first else {
            return FeedRead(content: .failed("fetch failed: no answer"), outcome: nil)
        }
        if outcome.isNotModified { return FeedRead(content: .notModified, outcome: outcome) }
        if let problem = fetchProblem(outcome) { return FeedRead(content: .failed(problem), outcome: outcome) }
        do {
            let document = try FeedParser.parse(body: body, contentType: outcome.contentType, url: outcome.finalURL)
            return FeedRead(content: .document(document), outcome: outcome)
        } catch {
            return FeedRead(content: .failed("not a readable feed: \(error.message)"), outcome: outcome)
        }
    }

    /// Why an answer holds no feed, in one line for the operator; nil for a 2xx.
    static func fetchProblem(_ outcome: FetchOutcome) -> String? {
        if let error = outcome.error {
            return "fetch failed: \(error.rawValue)" + (outcome.errorMessage.map { " (\($0))" } ?? "")
        }
        if outcome.blocked { return "fetch failed: blocked by a firewall or bot wall (HTTP \(outcome.status))" }
        guard (200..<300).contains(outcome.status) else { return "fetch failed: HTTP \(outcome.status)" }
        return nil
    }

    // MARK: disk

    static func local(_ path: String) -> FeedRead {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return FeedRead(content: .failed("cannot read \(path): no such file or folder"), outcome: nil)
        }
        if !isFolder.boolValue {
            switch readFile(path) {
            case .success(let document): return FeedRead(content: .document(document), outcome: nil)
            case .failure(let message): return FeedRead(content: .failed(message), outcome: nil)
            }
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            return FeedRead(content: .failed("cannot list \(path): \(error.localizedDescription)"), outcome: nil)
        }
        var items: [FeedItem] = []
        var notes: [String] = []
        var title = "", link = ""
        var format: FeedDocument.Format?
        for name in names where !name.hasPrefix(".") {
            let ext = (name as NSString).pathExtension.lowercased()
            guard feedExtensions.contains(ext) || postExtensions.contains(ext) else { continue }
            switch readFile((path as NSString).appendingPathComponent(name)) {
            case .success(let document):
                format = format ?? document.format
                items += document.items
                if title.isEmpty { title = document.title }
                if link.isEmpty { link = document.link }
            case .failure(let message):
                notes.append(message)
            }
        }
        // A folder of files that all fail is unreadable; an empty folder is a feed with no items.
        if format == nil, let first = notes.first {
            return FeedRead(
                content: .failed(notes.count > 1 ? "\(first) (and \(notes.count - 1) more files)" : first),
                outcome: nil, notes: notes)
        }
        return FeedRead(
            content: .document(FeedDocument(title: title, link: link, items: items, format: format ?? .rss)),
            outcome: nil, notes: notes)
    }

    enum FileResult {
        case success(FeedDocument)
        case failure(String)
    }

    /// A feed file, or one exported post as a one-item document.
    static func readFile(_ path: String) -> FileResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure("cannot read \(path)")
        }
        let body = [UInt8](data)
        let url = URL(fileURLWithPath: path).absoluteString
        let ext = (path as NSString).pathExtension.lowercased()
        if postExtensions.contains(ext) {
            let item = ext == "txt" ? textPost(body, path: path) : htmlPost(body, path: path, url: url)
            return .success(FeedDocument(title: "", link: "", items: [item], format: .rss))
        }
        do {
            return .success(try FeedParser.parse(body: body, contentType: nil, url: url))
        } catch {
            return .failure("\(path): not a readable feed: \(error.message)")
        }
    }

    /// An exported post saved as a web page: its title, its date (PubDate meta, the date printed
    /// near the title, a date in the first lines, else the file's time) and its HTML as UTF-8.
    static func htmlPost(_ body: [UInt8], path: String, url: String) -> FeedItem {
        let page = PageExtractor.extract(body: body, url: url)
        let visible = page.blocks.filter { $0.scope != .title && $0.scope != .hidden }
        let title = page.meta("ArticleTitle") ?? (page.title.isEmpty ? visible.first?.text ?? "" : page.title)
        let date =
            page.pubDate ?? page.printedDate ?? firstDate(in: visible.prefix(dateLines).map(\.text))
            ?? modificationTime(path)
        // Transcoded once here so the scanner's extraction reads it as UTF-8 whatever its meta says.
        let html = Charset.decode(body, contentType: nil).text
        return FeedItem(
            id: (path as NSString).lastPathComponent, title: title, link: "", date: date, author: "",
            html: html, text: visible.map(\.text).joined(separator: "\n"))
    }

    /// An exported post saved as plain text: the first line is its title, the rest its text.
    static func textPost(_ body: [UInt8], path: String) -> FeedItem {
        let text = Charset.decode(body, contentType: "text/plain").text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        let title = lines.first ?? ""
        let rest = Array(lines.dropFirst())
        let date = firstDate(in: Array(lines.prefix(dateLines))) ?? modificationTime(path)
        return FeedItem(
            id: (path as NSString).lastPathComponent, title: title, link: "", date: date, author: "",
            html: "", text: rest.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func firstDate(in lines: [String]) -> LocalDateTime? {
        for line in lines {
            if let found = DateText.findDates(in: line).first { return found.value }
        }
        return nil
    }

    /// The file's modification time in China time.
    static func modificationTime(_ path: String) -> LocalDateTime? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
            return nil
        }
        return ChinaTime.localDateTime(date)
    }
}
