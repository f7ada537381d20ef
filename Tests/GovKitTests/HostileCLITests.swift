import Foundation
import Testing

/// Issue 11 items 7 and 8 at the command line: every bad situation ends in one clear line
/// and exit 2 or 3 — no crash, no silent “OK”.
@Suite("Hostile command lines")
struct HostileCLITests {
    /// Runs a bash script (for redirections and pipes the runner cannot express); returns
    /// the exit status and stderr. `$GOVLINT` is the built binary.
    static func bash(_ script: String, timeout: Double = 60) throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = [
            "PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
            "GOVLINT": CLIRunner.binary,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        )
    }

    /// Drafts with 100 typos each (the per-page cap), as one argument string of quoted paths:
    /// enough output to overflow a pipe's buffer.
    static func drafts(_ count: Int) throws -> String {
        let folder = try CLIRunner.temporaryDirectory()
        return try (1...count).map { index in
            let path = folder + "/draft\(index).txt"
            try String(repeating: "会议要求认真布署全年工作。\n\n", count: 100).write(
                toFile: path, atomically: true, encoding: .utf8)
            return "'\(path)'"
        }.joined(separator: " ")
    }

    /// Before: a Swift fatal error and exit 132 (`try!` in the printer).
    @Test func fullStdoutExitsThreeWithOneLine() throws {
        let paths = try Self.drafts(1)
        for format in ["text", "jsonl"] {
            let result = try Self.bash(
                "\"$GOVLINT\" check --quiet --lexicon '\(testLexicon)' --format \(format) \(paths) > /dev/full")
            #expect(result.status == 3, "\(format): \(result)")
            #expect(
                result.err == "govlint: cannot write the output: No space left on device\n", "\(format): \(result.err)")
        }
        let small = try Self.bash("\"$GOVLINT\" lexicon check --lexicon '\(testLexicon)' > /dev/full")
        #expect(
            small.status == 3 && small.err.contains("cannot write the output"), "print() through stdio too: \(small)")
    }

    /// A reader that goes away (`| head`): exit 3 with one line, not SIGPIPE.
    @Test func closedPipeExitsThreeWithOneLine() throws {
        let paths = try Self.drafts(10)
        let result = try Self.bash(
            "\"$GOVLINT\" check --quiet --lexicon '\(testLexicon)' --format jsonl \(paths) | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}"
        )
        #expect(result.status == 3, "\(result)")
        #expect(result.err == "govlint: cannot write the output: Broken pipe\n", "\(result.err)")
    }

    /// `lexicon match /dev/zero` refuses at once; endless standard input streams in bounded
    /// memory (before: it grew without limit).
    @Test func lexiconMatchOnEndlessInputIsBounded() async throws {
        let zero = try await CLIRunner.run(["lexicon", "match", "--lexicon", testLexicon, "/dev/zero"], timeout: 30)
        #expect(
            zero.status == 2 && zero.errLines == ["govlint: /dev/zero: not a text file (binary content)"], "\(zero)")
        let endless = try await CLIRunner.run(
            ["lexicon", "match", "--lexicon", testLexicon, "-"], stdinFile: "/dev/zero", timeout: 8)
        #expect(endless.timedOut, "still streaming after 8 s: \(endless)")
        #expect(endless.peakRSS < 640 << 20, "bounded memory: \(endless.peakRSS >> 20) MB")
    }

    /// Before: “0 entries, 0 allow-list words, self-tests passed”, and `check` found nothing.
    /// Regression (issue 11 item 7, lost once when a second loader for the local folder was
    /// merged): both loaders now go through the one that refuses an empty lexicon.
    @Test func lexiconWithoutEntriesIsAnError() async throws {
        let empty = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = try await CLIRunner.run(["lexicon", "check", "--lexicon", empty])
        #expect(
            none.status == 2 && none.errLines.count == 1 && none.err.contains("no lists in the lexicon folder"),
            "\(none)")
        try "# nothing yet\n".write(toFile: empty + "/typos.tsv", atomically: true, encoding: .utf8)
        let comments = try await CLIRunner.run(["check", "--lexicon", empty, "-"], stdin: Data("认真布署".utf8))
        #expect(comments.status == 2 && comments.err.contains("the lexicon lists no entries"), "\(comments)")
    }

    @Test func zeroConcurrencyAndParallelAreRefused() async throws {
        let scan = try await CLIRunner.run([
            "scan", "http://127.0.0.1:9/", "--lexicon", testLexicon, "--concurrency", "0",
        ])
        #expect(
            scan.status == 2 && scan.errLines == ["govlint: scan: --concurrency must be at least 1, got `0`"], "\(scan)"
        )
        // `--parallel` is gone (one scheduler for the whole night): it is an unknown option now.
        let run = try await CLIRunner.run(["run", "--lexicon", testLexicon, "--parallel", "0"])
        #expect(run.status == 2, "\(run)")
    }

    /// Before: “config.yaml: OK (0 sites, 0 feeds)”, and `run` reported a clean night.
    @Test func configWithNothingToCheckIsAnError() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config.yaml"
        try "office:\n  name: 某市政务公开办\n".write(toFile: config, atomically: true, encoding: .utf8)
        for command in [["config", "check"], ["run"]] {
            let result = try await CLIRunner.run(
                command + ["--config", config, "--lexicon", testLexicon], directory: folder)
            #expect(
                result.status == 2
                    && result.errLines == [
                        "govlint: \(config): no sites and no feeds to check (add them under sites: or feeds:)"
                    ],
                "\(command): \(result)")
        }
    }

    /// Before: SIGSEGV (the stack overflowed on 40,000 nested sequences).
    @Test func deeplyNestedConfigIsOneLine() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let config = folder + "/config.yaml"
        try ("sites: " + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000) + "\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["config", "check", "--config", config])
        #expect(
            result.status == 2 && result.errLines == ["govlint: \(config):1:71: nesting deeper than 64 levels"],
            "\(result)")
    }

    /// UTF-32 with a BOM is read (before: as nothing, so the typo was missed).
    @Test func utf32DraftIsChecked() async throws {
        var bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0x00]
        for scalar in "会议要求认真布署全年工作。\n".unicodeScalars {
            let v = scalar.value
            bytes += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        let result = try await CLIRunner.run(
            ["check", "--lexicon", testLexicon, "--format", "jsonl", "-"], stdin: Data(bytes))
        #expect(result.status == 1, "\(result)")
        #expect(try result.jsonLines().contains { $0["match"] as? String == "布署" }, "\(result)")
    }

    /// Before: “unable to open database file”. The file and the reason are named; run as an
    /// unprivileged user (root passes every permission check).
    @Test func permissionDeniedStoreNamesTheFileAndWhy() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        try FileManager.default.createDirectory(
            atPath: folder + "/reports", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o777])
        _ = FileManager.default.createFile(
            atPath: folder + "/reports/govlint.sqlite", contents: Data(), attributes: [.posixPermissions: 0o600])
        try "sites:\n  - id: a\n    name: 甲县\n    owner: 甲县人民政府办公室\n    url: http://127.0.0.1:9/\n"
            .write(toFile: folder + "/config.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/config.yaml")
        let result = try Self.bash(
            "cd '\(folder)' && setpriv --reuid=65534 --regid=65534 --clear-groups \"$GOVLINT\" report --config config.yaml"
        )
        #expect(result.status == 3, "\(result)")
        #expect(
            result.err.hasSuffix(
                "reports/govlint.sqlite: permission denied (owner root, mode 0600; govlint runs as nobody)\n"),
            "\(result.err)")
    }
}
