import Foundation
import GovConfig
import GovCore
import GovCrawl
@testable import GovCLI
@testable import GovKit
import GovLexicon
import GovRules

/// A Python stdlib HTTP server on 127.0.0.1 serving a temporary copy of
/// Tests/Fixtures/feedsites, with `{{BASE}}` in every file replaced by the server's own
/// http://127.0.0.1:PORT (so planted links point back at it). Threading, large backlog
/// (PLATFORM.md §14); answers HEAD, 404 and If-Modified-Since → 304 like a static server.
final class FeedFixtureServer: @unchecked Sendable {
    let root: URL
    let port: Int
    private let process: Process

    var base: String { "http://127.0.0.1:\(port)" }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/feedsites")

    static let script = """
        import functools, http.server, sys
        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 1024
            daemon_threads = True
        class Handler(http.server.SimpleHTTPRequestHandler):
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, '.xml': 'application/rss+xml', '.json': 'application/feed+json'}
            def log_message(self, *args): pass
        server = Server(('127.0.0.1', 0), functools.partial(Handler, directory=sys.argv[1]))
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-feeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, root.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let text = String(data: line, encoding: .utf8),
            let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            kill(process.processIdentifier, SIGKILL)
            throw FixtureError("the fixture server did not start")
        }
        self.port = port
        try copyFixtures(from: Self.fixtures, to: root)
    }

    deinit {
        // SIGKILL: the test runner's ignored SIGTERM is inherited by the child.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a file under the served root (text with `{{BASE}}` substituted).
    @discardableResult
    func write(_ relativePath: String, _ text: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.replacingOccurrences(of: "{{BASE}}", with: base).utf8).write(to: url)
        return url
    }

    func url(_ relativePath: String) -> String { "\(base)/\(relativePath)" }

    private func copyFixtures(from source: URL, to destination: URL) throws {
        let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isDirectoryKey])!
        for case let file as URL in files
        where (try file.resourceValues(forKeys: [.isDirectoryKey])).isDirectory != true {
            let relative = String(file.path.dropFirst(source.path.count + 1))
            let target = destination.appendingPathComponent(relative)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data = try Data(contentsOf: file)
            if let text = String(data: data, encoding: .utf8), text.contains("{{BASE}}") {
                try Data(text.replacingOccurrences(of: "{{BASE}}", with: base).utf8).write(to: target)
            } else {
                try data.write(to: target)
            }
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Scanners wired as `Engine.feedScanner` wires them, with an inline lexicon so the tests do
/// not depend on how wordlists/ is curated.
enum FeedTestKit {
    static let lexicon: Lexicon = {
        try! Lexicon(files: [
            "typos.tsv": "布署\t部署\t现代汉语词典\n截止目前\t截至目前\t现代汉语词典",
            "expressions.tsv": "扫黑险恶\t扫黑除恶\t中央文件表述",
            "number-style.tsv": "党的20大\t党的二十大\tGB/T 15835-2011",
            "sensitive/gambling.txt": "# severity: veto\n网上赌场",
        ])
    }()

    static func settings(now: String) throws -> Settings {
        try Settings(Arguments(["check", "--now", now], commands: [CheckCommand.spec]), defaultFailOn: .major)
    }

    static func options(checkExternal: Bool = false) -> CrawlOptions {
        var options = CrawlOptions()
        options.delayMs = 0
        options.timeoutSeconds = 5
        options.connectTimeoutSeconds = 2
        options.checkExternal = checkExternal
        return options
    }

    static func feed(_ id: String, url: String? = nil, path: String? = nil, closed: Bool = false) -> Config.Feed {
        Config.Feed(
            id: id, name: "账号\(id)", platform: .wechat, owner: "青禾县融媒体中心", recipients: [],
            source: url.map { .url($0) } ?? .path(path!), closed: closed)
    }

    static func scanner(
        _ feed: Config.Feed, now: String = "2026-11-28T12:00", options: CrawlOptions = options(),
        rules: SiteRuleSettings = SiteRuleSettings(), officeHosts: [String] = [],
        closedSites: [ClosedSite] = []
    ) throws -> FeedScanner {
        let settings = try settings(now: now)
        return FeedScanner(
            feed: feed, crawler: Crawler(options: options), linter: PageLinter(lexicon: lexicon, settings: settings),
            lexicon: lexicon, ruleSettings: rules, allowedDomains: ["gov.cn"], closedSites: closedSites,
            officeHosts: officeHosts, policy: rules.policy, clock: settings.clock)
    }

    /// Peak resident set size of this process (VmHWM), in KiB.
    static func peakResidentKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(whereSeparator: \.isWhitespace)[1])
        }
        return nil
    }
}

extension Array where Element == Finding {
    func rule(_ id: RuleID) -> [Finding] { filter { $0.rule == id } }
    var rules: Set<RuleID> { Set(map(\.rule)) }
}
