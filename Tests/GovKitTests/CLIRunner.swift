import Foundation
import GovTestSupport
import Testing

/// Runs the built `govlint` binary the way a user or a systemd unit does: real argv, stdin,
/// working directory and environment, with stdout, stderr, exit status and peak memory
/// captured. The child is spawned with posix_spawn and reaped with wait4.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: Data
    var stderr: Data
    /// Peak resident set size of the child, in bytes: the largest VmHWM read from
    /// /proc/PID/status while it ran (sampled every 10 ms). Not wait4's ru_maxrss: glibc's
    /// posix_spawn starts the child in the parent's address space (CLONE_VM), so the kernel
    /// counts the test process's own peak as the child's.
    var peakRSS: Int
    var seconds: Double
    var timedOut: Bool

    var out: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as written, with the note naming a default config or lexicon
    /// (`govlint: using …`, see `SourcesNoteTests`).
    var rawErr: String { String(decoding: stderr, as: UTF8.self) }
    /// Standard error without that note, which every command run from the checkout prints.
    var err: String {
        rawErr.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("govlint: using ") }.joined(separator: "\n")
    }
    var outLines: [String] { out.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var errLines: [String] { err.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    var description: String {
        "exit \(status)\(timedOut ? " (killed after timeout)" : "") in \(String(format: "%.1f", seconds)) s\n--- stdout\n\(out.prefix(4000))\n--- stderr\n\(err.prefix(4000))"
    }

    /// The stdout as JSON lines (`--format jsonl`).
    func jsonLines() throws -> [[String: Any]] {
        try outLines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CLIRunner.Problem(description: "not a JSON object: \(line)")
            }
            return object
        }
    }
}

enum CLIRunner {
    struct Problem: Error, CustomStringConvertible { let description: String }

    /// The repository root, found from this file's path (Tests/GovKitTests/CLIRunner.swift).
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let binary = repoRoot + "/.build/debug/govlint"

    static func fixture(_ path: String) -> String { repoRoot + "/Tests/Fixtures/cli/" + path }

    /// Runs `govlint ARGUMENTS`. `stdin` is written to a file that becomes the child's
    /// standard input (nil: /dev/null); `environment` is added to a minimal one (PATH, HOME,
    /// LANG); the child is killed after `timeout` seconds.
    static func run(
        _ arguments: [String], stdin: Data? = nil, stdinFile: String? = nil, directory: String? = nil,
        environment: [String: String] = [:], timeout: Double = 60
    ) async throws -> CLIResult {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw Problem(
                description:
                    "\(binary) is missing: run `swift build --build-tests` first (it builds the govlint executable)")
        }
        let scratch = NSTemporaryDirectory() + "govlint-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let outPath = scratch + "/stdout", errPath = scratch + "/stderr"
        var inPath = stdinFile ?? "/dev/null"
        if let stdin {
            inPath = scratch + "/stdin"
            try stdin.write(to: URL(fileURLWithPath: inPath))
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        // GNU env -C sets the working directory and execs govlint in the same process (glibc's
        // posix_spawn_file_actions_addchdir_np is not visible to Swift), so wait4 still
        // measures govlint itself.
        let argv = (directory.map { ["/usr/bin/env", "-C", $0] } ?? []) + [binary] + arguments
        let envp = env.map { "\($0.key)=\($0.value)" }
        let started = Date()
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnvp) }
        }
        guard spawned == 0 else { throw Problem(description: "posix_spawn \(binary): error \(spawned)") }

        // The wait runs on a thread of its own (see `offThePool`): a test waiting for its child
        // never needs the cooperative pool until the child has exited.
        let child = pid
        let (status, peak, timedOut, seconds) = try await offThePool { () throws -> (Int32, Int, Bool, Double) in
            var status: Int32 = 0
            var usage = rusage()
            var timedOut = false
            var peak = 0
            while true {
                peak = max(peak, highWaterMark(of: child))
                let reaped = wait4(child, &status, WNOHANG, &usage)
                if reaped == child { break }
                if reaped < 0 && errno != EINTR { throw Problem(description: "wait4: errno \(errno)") }
                if !timedOut, Date().timeIntervalSince(started) > timeout {
                    kill(child, SIGKILL)
                    timedOut = true
                }
                usleep(10_000)
            }
            // Measured when the child is reaped, not when this task next gets a thread.
            return (status, peak, timedOut, Date().timeIntervalSince(started))
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return CLIResult(
            status: exitStatus,
            stdout: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
            stderr: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(),
            peakRSS: peak,
            seconds: seconds, timedOut: timedOut)
    }

    /// VmHWM of a running process, in bytes (0 once it has exited).
    private static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers = strings.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }

    /// A fresh temporary folder, removed by the caller with `cleanUp`.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "govlint-cli-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A small lexicon for the CLI tests (Tests/Fixtures/cli/lexicon): tests that are about the
/// command line and not about curation stay independent of what wordlists/ ships.
let testLexicon = CLIRunner.fixture("lexicon")
