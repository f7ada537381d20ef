import Foundation
import GovConfig
import GovCore
import GovMail
import GovReport

/// The administrator's mail when a night failed: `govlint notify UNIT`, started by
/// `OnFailure=` of govlint.service through govlint-failure@.service. Sent at once through
/// the configured server, not through the outbox: the store may be what failed.
public enum FailureAlert {
    /// systemd unit names only: the name goes into the subject and into journalctl's arguments.
    public static func isUnitName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 256
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "@._:-\\".unicodeScalars.contains($0)
            }
    }

    /// The mail to `mail.admin`, or nil when nobody is named there.
    public static func message(mail: Config.Mail, unit: String, host: String, at: Date, journal: String?) throws
        -> MailMessage?
    {
        guard !mail.admin.isEmpty else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = ChinaTime.zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let when = formatter.string(from: at)
        let head = """
            服务器 \(host) 上的 \(unit) 于 \(when) 运行失败：本次夜间检查可能未完成，整改通知和汇总可能未生成或未发送。
            请查看日志：journalctl -u \(unit)
            """
        let tail = journal.map { "最近的日志：\n" + $0 } ?? "日志须由管理员查看（journalctl -u \(unit)）。"
        let text = head + "\n\n" + tail + "\n"
        let html = "<pre>" + HTML.escape(text) + "</pre>\n"
        return try MailMessage(
            from: mail.from, to: mail.admin, subject: "govlint 夜间检查失败：\(unit)", html: html, text: text, date: at)
    }

    /// Builds and sends the alert at once; false when `mail.admin` names nobody.
    public static func send(
        mail: Config.Mail, unit: String, host: String = ProcessInfo.processInfo.hostName,
        at: Date = Date()
    ) throws(Failure) -> Bool {
        let password: SMTPSettings.PasswordSource? =
            switch mail.password {
            case .file(let path)?: .file(path)
            case .environment(let name)?: .environment(name)
            case nil: nil
            }
        do {
            guard
                let message = try message(
                    mail: mail, unit: unit, host: host, at: at, journal: journalExcerpt(unit: unit))
            else {
                return false
            }
            let transport = try SMTPTransport(
                settings: SMTPSettings(
                    url: mail.smtpURL, username: mail.username, password: password,
                    timeoutSeconds: mail.timeoutS))
            try transport.send(message)
            return true
        } catch {
            throw Failure.operation("notify: \(error)")
        }
    }

    /// The unit's last journal lines when this user may read them (root, adm or
    /// systemd-journal); nil otherwise. Bounded: 40 lines, 10 s, 64 KB.
    public static func journalExcerpt(unit: String) -> String? {
        let journalctl = "/usr/bin/journalctl"
        guard FileManager.default.isExecutableFile(atPath: journalctl) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: journalctl)
        process.arguments = ["--unit", unit, "--lines", "40", "--no-pager", "--quiet", "--output", "short-iso"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = DispatchTime.now() + .seconds(10)
        DispatchQueue.global().asyncAfter(deadline: deadline) { if process.isRunning { process.terminate() } }
        let data = output.fileHandleForReading.readDataToEndOfFile().prefix(64 * 1024)
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : nil
    }
}
