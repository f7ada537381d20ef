import Foundation

/// Runs Tests/Fixtures/server/server.py (Python standard library) on a free 127.0.0.1 port for
/// one test and stops it on `stop()` or deinit. Every request is logged (see `requestLog()`).
public final class FixtureServer: @unchecked Sendable {
    public let port: Int
    /// The loopback address it listens on (127.0.0.1 unless given: 127.0.0.2 is another host).
    public let host: String
    public var baseURL: String { "http://\(host):\(port)" }
    /// The server's request log: one line per request (see server.py).
    public let logPath: String
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `root`: a directory to serve; `args`: extra server options (e.g. ["--gen-pages", "50"]).
    public init(root: String? = nil, args: [String] = [], host: String = "127.0.0.1") throws {
        self.host = host
        let repoRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = repoRoot.appendingPathComponent("Tests/Fixtures/server/server.py").path
        logPath = NSTemporaryDirectory() + "govlint-fixture-\(UUID().uuidString).log"
        var arguments = [script, "--port", "0", "--host", host, "--log", logPath]
        if let root { arguments += ["--root", root] }
        arguments += args

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process

        // The first stdout line is the chosen port.
        var buffer = Data()
        let handle = output.fileHandleForReading
        while !buffer.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let line = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard let port = Int(line.trimmingCharacters(in: .whitespaces)), port > 0 else {
            kill(process.processIdentifier, SIGKILL)
            throw StartError(description: "fixture server did not report a port (got \"\(line)\")")
        }
        self.port = port
    }

    public func url(_ path: String) -> String { baseURL + path }

    /// Request log lines split into fields: time, method, path, Host, User-Agent,
    /// If-None-Match, If-Modified-Since, Range.
    public func requestLog() -> [[String]] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    public func stop() {
        lock.lock(); defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning {
            // SIGKILL: a child spawned from a libdispatch worker thread inherits its blocked
            // signal mask, so SIGTERM (Process.terminate) may never arrive. The server keeps
            // no state worth a clean exit.
            kill(process.processIdentifier, SIGKILL)
            stopChild(process, grace: 5)
        }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    deinit { stop() }
}
