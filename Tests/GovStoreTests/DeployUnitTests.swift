import Foundation
import Testing

/// The shipped systemd units (deploy/) pass `systemd-analyze verify` with no warning at all
/// (an unknown key or bad value is only a warning there, so stderr must be empty).
@Suite struct DeployUnitTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy")
    static let analyzer = "/usr/bin/systemd-analyze"
    static let units = [
        "govlint.service", "govlint.timer", "govlint-probe.service", "govlint-probe.timer",
        "govlint-failure@.service",
    ]

    static func unit(_ name: String) throws -> String {
        try String(contentsOf: deploy.appendingPathComponent(name), encoding: .utf8)
    }

    /// Copies the units with ExecStart pointing at `binary` (verify needs a real absolute path).
    static func copy(binary: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in units {
            try unit(name).replacingOccurrences(of: "/usr/bin/govlint", with: binary)
                .write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func analyze(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyzer)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyzer), "systemd-analyze is not installed"))
    func unitsVerifyCleanly() throws {
        let dir = try Self.copy(binary: "/bin/true")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.analyze(["verify", "--man=no"] + Self.units.map { dir.appendingPathComponent($0).path })
        #expect(result.status == 0)
        #expect(result.output.isEmpty, "systemd-analyze said: \(result.output)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyzer), "systemd-analyze is not installed"))
    func verifyCatchesAMissingBinary() throws {
        let dir = try Self.copy(binary: "/nonexistent/govlint")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Self.analyze(["verify", "--man=no", dir.appendingPathComponent("govlint.service").path])
        #expect(result.status != 0, "the check is real: a missing ExecStart binary fails")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: analyzer), "systemd-analyze is not installed"))
    func schedulesParse() throws {
        let result = try Self.analyze(["calendar", "*-*-* 02:30:00", "*:00/30"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("Normalized form: *-*-* 02:30:00"))
        #expect(result.output.contains("Normalized form: *-*-* *:00/30:00"))
    }

    @Test func unitsCarryTheScheduleAndHardening() throws {
        let nightly = try Self.unit("govlint.timer")
        #expect(nightly.contains("OnCalendar=*-*-* 02:30:00") && nightly.contains("Persistent=true"))
        #expect(nightly.contains("RandomizedDelaySec="))
        #expect(try Self.unit("govlint-probe.timer").contains("OnCalendar=*:00/30"))
        for name in ["govlint.service", "govlint-probe.service"] {
            let service = try Self.unit(name)
            for line in [
                "User=govlint", "ProtectSystem=strict", "ReadWritePaths=/var/lib/govlint", "PrivateTmp=true",
                "NoNewPrivileges=true", "ProtectHome=true", "StandardOutput=journal",
                "WorkingDirectory=/var/lib/govlint",
            ] {
                #expect(service.contains("\n" + line + "\n"), "\(name) lacks \(line)")
            }
        }
        #expect(
            try Self.unit("govlint.service").contains(
                "ExecStart=/usr/bin/govlint run --config /etc/govlint/config.yaml"))
        #expect(
            try Self.unit("govlint-probe.service").contains(
                "ExecStart=/usr/bin/govlint probe --config /etc/govlint/config.yaml"))
    }

    /// A failed night is never silent: the nightly service names a failure unit that logs
    /// at priority err and mails mail.admin.
    @Test func aFailedNightTellsTheAdministrator() throws {
        #expect(try Self.unit("govlint.service").contains("\nOnFailure=govlint-failure@%n.service\n"))
        let failure = try Self.unit("govlint-failure@.service")
        #expect(failure.contains("\nExecStart=/bin/echo \"<3>govlint: %i failed"), "a journal line at priority err (3)")
        #expect(failure.contains("\nExecStart=/usr/bin/govlint notify %i --config /etc/govlint/config.yaml\n"))
        #expect(failure.contains("\nUser=govlint\n") && failure.contains("\nProtectSystem=strict\n"))
    }
}
