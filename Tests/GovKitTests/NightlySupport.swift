import Foundation
import GovStore
import GovTestSupport
@testable import GovCLI
@testable import GovKit

/// A small site served from a temp folder by Python's ThreadingHTTPServer on 127.0.0.1 (a
/// real HTTP server with Last-Modified and 304s); `delay` slows every request, for killing a
/// run half way. Stopped by closing its stdin.
final class FixtureSite: @unchecked Sendable {
    let root: URL
    let port: Int
    private let process: Process
    private let stdin: Pipe

    static let script = """
        import functools, http.server, sys, threading, time
        root, delay = sys.argv[1], float(sys.argv[2])
        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_GET(self):
                if delay: time.sleep(delay)
                super().do_GET()
        class Server(http.server.ThreadingHTTPServer):
            request_queue_size = 1024
            daemon_threads = True
        server = Server(("127.0.0.1", 0), functools.partial(Handler, directory=root))
        print(server.server_address[1], flush=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        sys.stdin.read()
        """

    init(delay: Double = 0) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, root.path, String(delay)]
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        var line = Data()
        while true {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw SMTPTestServerError("fixture HTTP server did not start")
        }
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    /// Writes a file; `age` seconds in the past for its mtime, so a later rewrite is seen as
    /// modified (Last-Modified has one-second resolution).
    func write(_ path: String, _ text: String, age: TimeInterval = 0) throws {
        let file = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: file.path)
    }

    func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        stopChild(process, grace: 3)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// A government-style page with the metadata the rules expect.
    static func page(
        title: String, body: String, column: String = "政务动态", pubDate: String = "2026-11-20 10:00",
        links: [(String, String)] = [], articleTitle: String? = nil
    ) -> String {
        let anchors = links.map { "<li><a href=\"\($0.0)\">\($0.1)</a> <span>2026-11-20</span></li>" }.joined()
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(title)</title>
            <meta name="SiteName" content="测试县人民政府"><meta name="SiteDomain" content="127.0.0.1">
            <meta name="SiteIDCode" content="1234000001"><meta name="ColumnName" content="\(column)">
            <meta name="ArticleTitle" content="\(articleTitle ?? title)"><meta name="PubDate" content="\(pubDate)">
            <meta name="ContentSource" content="测试县人民政府办公室"></head>
            <body><h1>\(title)</h1><p>\(body)</p><ul>\(anchors)</ul>
            <div class="footer">网站标识码：1234000001 ICP备案：京ICP备00000000号 公安备案：京公网安备 11000002000001号</div>
            </body></html>
            """
    }
}

/// A config, a tiny lexicon and a store in a temp folder; runs govlint in this process
/// (CLI.main) or as the built binary.
final class NightlyWorkspace: @unchecked Sendable {
    let dir: URL
    var configPath: String { dir.appendingPathComponent("config.yaml").path }
    var storePath: String { dir.appendingPathComponent("reports/govlint.sqlite").path }
    var reports: URL { dir.appendingPathComponent("reports") }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-nightly-\(UUID().uuidString)")
        let lexicon = dir.appendingPathComponent("wordlists")
        try FileManager.default.createDirectory(at: lexicon, withIntermediateDirectories: true)
        try Data("布署\t部署\t布署为不规范写法（测试）\n".utf8).write(to: lexicon.appendingPathComponent("typos.tsv"))
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    struct SiteEntry {
        var id: String
        var name: String
        var url: String
        var recipients: [String] = ["web@a.example.gov.cn"]
        var owner: String = "测试县人民政府办公室"
    }

    /// `name` is written as a YAML double-quoted string, so escapes such as \r\n reach it.
    /// A new-media account: `url` is its feed.
    struct FeedEntry {
        var id: String
        var name: String
        var url: String
        var owner: String = "测试县融媒体中心"
    }

    func writeConfig(
        sites: [SiteEntry], feeds: [FeedEntry] = [], smtpURL: String? = nil,
        rules: String = "{rectify_working_days: 3}", extra: String = "",
        mailExtra: String = "", crawl: String = ""
    ) throws {
        var yaml = """
            office: {name: 测试市人民政府办公室, short_name: 市政务公开办, contact: "0000-1234567"}
            paths: {lexicon: wordlists, reports: reports, store: reports/govlint.sqlite, ignore: ignore.yaml}
            crawl: {delay_ms: 0, timeout_s: 5, respect_robots: false, check_external_links: false, per_host_connections: 4, max_body_mb: 1\(crawl)}
            rules: \(rules)
            \(extra)
            """
        if let smtpURL {
            yaml += """
                mail:
                  smtp_url: \(smtpURL)
                  from: "市政务公开办 <gkb@example.gov.cn>"
                  summary_to: [gkb@example.gov.cn]
                  timeout_s: 10
                \(mailExtra)
                """
        }
        yaml += "sites:\n"
        for site in sites {
            yaml += """
                  - id: \(site.id)
                    name: "\(site.name)"
                    owner: \(site.owner)
                    recipients: [\(site.recipients.joined(separator: ", "))]
                    url: \(site.url)

                """
        }
        if !feeds.isEmpty {
            yaml += "feeds:\n"
            for feed in feeds {
                yaml += """
                      - id: \(feed.id)
                        name: "\(feed.name)"
                        platform: wechat
                        owner: \(feed.owner)
                        recipients: [xmt@a.example.gov.cn]
                        url: \(feed.url)

                    """
            }
        }
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// govlint in this process, with this workspace's config.
    func govlint(_ words: [String]) -> Int32 {
        CLI.main(words + ["--config", configPath, "--quiet"])
    }

    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/debug/govlint")

    /// The built binary as a child process (for kill -9 and two processes at once).
    func spawn(_ words: [String], stderr: Pipe? = nil) throws -> Process {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw SMTPTestServerError("\(Self.binary.path) is missing: run `swift build` before the tests")
        }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = words + ["--config", configPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr ?? FileHandle.nullDevice
        try process.run()
        return process
    }

    func store() throws -> Store { try Store(path: storePath) }

    func text(_ relative: String) -> String {
        (try? String(contentsOf: reports.appendingPathComponent(relative), encoding: .utf8)) ?? ""
    }

    /// The findings.jsonl of a site in a day's folder, as JSON objects.
    func findings(day: String, site: String) -> [[String: Any]] {
        text("\(day)/\(site)/findings.jsonl").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

/// Polls until `condition` holds or `seconds` pass.
func waitUntil(_ seconds: Double, _ condition: () -> Bool) -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.05)
    }
    return condition()
}
