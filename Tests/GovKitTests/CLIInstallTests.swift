import Foundation
import GovTestSupport
import Testing

/// Installed like a Debian program (issue 16): the lexicon found from any folder, the note
/// naming defaults, `config check` catching what would break the night, the office's local
/// lexicon, the failure mail.
@Suite("CLI install and config check") struct CLIInstallTests {
    static let draft = "<p>会议要求各部门认真布署全年工作。</p>\n"

    /// A config in a fresh folder; `body` is YAML after the office/timezone lines.
    static func config(_ body: String) throws -> (folder: String, path: String) {
        let folder = try CLIRunner.temporaryDirectory()
        let path = folder + "/config.yaml"
        try ("office: {name: 青禾市人民政府办公室}\ntimezone: Asia/Shanghai\n" + body)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return (folder, path)
    }

    static let site = """
        sites:
          - {id: county-a, name: 某某县人民政府, owner: 某某县人民政府办公室, recipients: [web@a.example.gov.cn], url: "http://127.0.0.1:9/"}

        """

    // MARK: the lexicon from anywhere, and the note

    @Test func checkWorksFromAnyFolderAndSaysWhichLexiconItFound() async throws {
        let folder = try CLIRunner.temporaryDirectory()
        try Self.draft.write(toFile: folder + "/draft.html", atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["check", "draft.html", "--format", "jsonl"], directory: folder)
        #expect(result.status == 1, "\(result)")
        #expect(try result.jsonLines().contains { $0["suggestion"] as? String == "部署" }, "\(result)")
        // Found beside the binary, in this build tree's repository.
        let notes = result.rawErr.split(separator: "\n").filter { $0.hasPrefix("govlint: using ") }
        #expect(
            notes.count == 1 && notes[0].contains("lexicon \(CLIRunner.repoRoot)/wordlists")
                && notes[0].contains("--lexicon"),
            "\(result.rawErr)")
        #expect(!notes[0].contains("config"), "no config.yaml was used: \(notes)")

        let quiet = try await CLIRunner.run(["check", "draft.html", "--quiet"], directory: folder)
        #expect(quiet.status == 1 && !quiet.rawErr.contains("govlint: using "), "--quiet hides the note: \(quiet)")
        let named = try await CLIRunner.run(
            ["check", "draft.html", "--lexicon", CLIRunner.repoRoot + "/wordlists"], directory: folder)
        #expect(
            named.status == 1 && !named.rawErr.contains("govlint: using "),
            "nothing to say when both were named: \(named)")
    }

    @Test func aConfigInTheCurrentFolderIsNamedInTheNote() async throws {
        let (folder, _) = try Self.config("paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\n")
        try Self.draft.write(toFile: folder + "/draft.html", atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["check", "draft.html"], directory: folder)
        let notes = result.rawErr.split(separator: "\n").filter { $0.hasPrefix("govlint: using ") }
        #expect(
            notes.count == 1
                && notes[0].contains("config config.yaml (found in the current folder; --config to choose)")
                && !notes[0].contains("lexicon"), "\(result.rawErr)")
    }

    // MARK: config check

    @Test func configCheckCatchesAWrongLexiconPath() async throws {
        let (_, path) = try Self.config("paths: {lexicon: no-such-wordlists}\n" + Self.site)
        let result = try await CLIRunner.run(["config", "check", "--config", path])
        #expect(result.status == 2, "\(result)")
        let line = result.errLines.first { $0.contains("paths.lexicon") } ?? ""
        #expect(
            line.hasPrefix("\(path):3:") && line.contains(": paths.lexicon: ") && line.contains("no-such-wordlists")
                && line.contains("--lexicon"), "\(result)")
    }

    @Test func configCheckCatchesAStoreThatCannotBeCreated() async throws {
        let (folder, path) = try Self.config(
            "paths: {lexicon: \(CLIRunner.repoRoot)/wordlists, store: state/govlint.sqlite}\n" + Self.site)
        try "not a folder".write(toFile: folder + "/state", atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["config", "check", "--config", path])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.errLines.contains { $0.hasPrefix("govlint: \(path):3:") || $0.hasPrefix("\(path):3:") }, "\(result)")
        #expect(result.err.contains("paths.store: \(folder)/state is a file, not a folder"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports"), "config check creates nothing")
    }

    /// The night runs as the service user: a folder only its owner may write is caught for
    /// another user, whoever runs the check (root included).
    @Test(
        .enabled(
            if: getpwnam("nobody") != nil && geteuid() != getpwnam("nobody")!.pointee.pw_uid, "no user nobody here"))
    func configCheckJudgesThePathsForTheUserThatWillRun() async throws {
        let (folder, path) = try Self.config(
            "paths: {lexicon: \(CLIRunner.repoRoot)/wordlists, reports: out}\n" + Self.site)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        let mine = try await CLIRunner.run(["config", "check", "--config", path])
        #expect(mine.status == 0, "\(mine)")
        let result = try await CLIRunner.run(["config", "check", "--config", path, "--user", "nobody"])
        #expect(result.status == 2, "\(result)")
        for key in ["paths.store", "paths.reports", "paths.ignore"] {
            #expect(
                result.errLines.contains { $0.contains(": \(key): ") && $0.contains("nobody") }, "\(key): \(result)")
        }
        let unknown = try await CLIRunner.run(["config", "check", "--config", path, "--user", "no-such-user-here"])
        #expect(unknown.status == 2 && unknown.err.contains("no-such-user-here"), "\(unknown)")
    }

    @Test func configCheckConnectAsksTheMailServerAndResolvesEverySite() async throws {
        let smtp = try SMTPTestServer(mode: .accept)
        defer { smtp.stop() }
        let mail = "mail: {smtp_url: \"\(smtp.url)\", from: gkb@example.gov.cn, summary_to: [gkb@example.gov.cn]}\n"
        let (_, good) = try Self.config("paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\n" + mail + Self.site)
        let ok = try await CLIRunner.run(["config", "check", "--config", good, "--connect"])
        #expect(ok.status == 0 && ok.out.contains("the mail server and every host answered"), "\(ok)")

        let closed = "mail: {smtp_url: \"smtp://127.0.0.1:9\", from: gkb@example.gov.cn}\n"
        let badSite = """
            sites:
              - {id: county-b, name: 某某县, owner: 某某县办公室, recipients: [b@b.example.gov.cn], url: "http://www.no-such-county.invalid/"}

            """
        let (_, bad) = try Self.config("paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\n" + closed + badSite)
        let result = try await CLIRunner.run(["config", "check", "--config", bad, "--connect"])
        #expect(result.status == 2, "\(result)")
        #expect(
            result.errLines.contains {
                $0.hasPrefix("\(bad):4:") && $0.contains("mail.smtp_url") && $0.contains("cannot connect")
            }, "\(result)")
        #expect(
            result.errLines.contains {
                $0.hasPrefix("\(bad):6:")
                    && $0.contains("sites[0].url: host www.no-such-county.invalid does not resolve")
            },
            "\(result)")
        // Without --connect nothing is asked.
        let offline = try await CLIRunner.run(["config", "check", "--config", bad])
        #expect(offline.status == 0, "\(offline)")
    }

    @Test func configCheckConnectTriesTheLogin() async throws {
        let smtp = try SMTPTestServer(mode: .auth)
        defer { smtp.stop() }
        let folder = try CLIRunner.temporaryDirectory()
        for (password, expected) in [("secret", Int32(0)), ("wrong", Int32(2))] {
            try password.write(toFile: folder + "/password", atomically: true, encoding: .utf8)
            let mail =
                "mail: {smtp_url: \"\(smtp.url)\", username: gkb@example.gov.cn, password_file: \(folder)/password, from: gkb@example.gov.cn}\n"
            let (_, path) = try Self.config("paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\n" + mail + Self.site)
            let result = try await CLIRunner.run(["config", "check", "--config", path, "--connect"])
            #expect(result.status == expected, "\(password): \(result)")
            if expected != 0 { #expect(result.err.contains("authentication refused"), "\(result)") }
        }
        #expect(smtp.messages().isEmpty, "the probe sends no mail")
    }

    @Test func configCheckSaysWhenDeadlinesPassTheCalendar() async throws {
        let (_, path) = try Self.config("paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\n" + Self.site)
        let june = try await CLIRunner.run(["config", "check", "--config", path, "--now", "2026-06-01"])
        #expect(june.status == 0 && !june.err.contains("calendar"), "\(june)")
        let late = try await CLIRunner.run(["config", "check", "--config", path, "--now", "2026-12-30"])
        #expect(late.status == 0, "a warning, not a failure: \(late)")
        #expect(
            late.err.contains("warning: the working-day calendar ends 2026-12-31") && late.err.contains("暂按周一至周五计算"),
            "\(late)")
        let november = try await CLIRunner.run(["config", "check", "--config", path, "--now", "2026-11-10"])
        #expect(november.err.contains("add 2027's State Council holiday schedule"), "\(november)")

        // Next year's rows in rules.extra_holidays: covered again.
        let (folder, covered) = try Self.config(
            "paths: {lexicon: \(CLIRunner.repoRoot)/wordlists}\nrules: {extra_holidays: next.tsv}\n" + Self.site)
        try "date\tweekday\tkind\n2027-01-01\t5\tholiday\n".write(
            toFile: folder + "/next.tsv", atomically: true, encoding: .utf8)
        let fixed = try await CLIRunner.run(["config", "check", "--config", covered, "--now", "2026-12-30"])
        #expect(fixed.status == 0 && !fixed.err.contains("calendar"), "\(fixed)")
    }

    // MARK: the office's local lexicon

    @Test func lexiconCheckReportsContradictionsWithTheLocalFolder() async throws {
        let (folder, path) = try Self.config(
            "paths: {lexicon: \(CLIRunner.repoRoot)/wordlists, local_lexicon: local}\n" + Self.site)
        try FileManager.default.createDirectory(atPath: folder + "/local", withIntermediateDirectories: true)
        try "青河县\t青禾县\t本市地名\n".write(toFile: folder + "/local/typos.tsv", atomically: true, encoding: .utf8)
        try Self.draft.replacingOccurrences(of: "各部门", with: "青河县各部门").write(
            toFile: folder + "/draft.html", atomically: true, encoding: .utf8)
        let check = try await CLIRunner.run(["check", folder + "/draft.html", "--config", path, "--format", "jsonl"])
        let sources = try check.jsonLines().compactMap { $0["source"] as? String }
        #expect(
            sources.contains("\(folder)/local/typos.tsv:1") && sources.contains { $0.contains("wordlists/typos.tsv:") },
            "\(check)")
        // Whatever the shipped lexicon's own self-tests say, nothing is held against the local folder.
        let clean = try await CLIRunner.run(["lexicon", "check", "--config", path])
        #expect(!clean.err.contains("\(folder)/local/"), "\(clean)")

        try "不存在的词\n".write(toFile: folder + "/local/remove.txt", atomically: true, encoding: .utf8)
        let stale = try await CLIRunner.run(["lexicon", "check", "--config", path])
        #expect(
            stale.status == 2
                && stale.err.contains("\(folder)/local/remove.txt:1: '不存在的词' is not in the shipped lexicon"), "\(stale)"
        )
    }

    // MARK: the failure mail

    @Test func notifyMailsTheAdministratorOfAFailedNight() async throws {
        let smtp = try SMTPTestServer(mode: .accept)
        defer { smtp.stop() }
        let mail =
            "mail: {smtp_url: \"\(smtp.url)\", from: \"市政务公开办 <gkb@example.gov.cn>\", admin: [ops@example.gov.cn]}\n"
        let (_, path) = try Self.config(mail + Self.site)
        let result = try await CLIRunner.run(["notify", "govlint.service", "--config", path])
        #expect(result.status == 0, "\(result)")
        #expect(smtp.envelopeRecipients() == [["ops@example.gov.cn"]], "\(result)")
        let text = String(decoding: smtp.messages().first ?? Data(), as: UTF8.self)
        #expect(text.lowercased().contains("subject: =?utf-8?"), "an encoded Chinese subject: \(text.prefix(400))")

        let injected = try await CLIRunner.run(["notify", "govlint.service\r\nBcc: x@y.cn", "--config", path])
        #expect(injected.status == 2 && smtp.messages().count == 1, "a unit name never reaches a header: \(injected)")

        let (_, nobody) = try Self.config("mail: {smtp_url: \"\(smtp.url)\", from: gkb@example.gov.cn}\n" + Self.site)
        let silent = try await CLIRunner.run(["notify", "govlint.service", "--config", nobody])
        #expect(silent.status == 0 && silent.err.contains("no mail.admin") && smtp.messages().count == 1, "\(silent)")
    }
}
