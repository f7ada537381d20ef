import Foundation
import GovKit

/// `govlint notify UNIT`: started by govlint-failure@.service when the nightly unit
/// failed (OnFailure=); mails `mail.admin` at once with the unit's last journal lines (when
/// this user may read them). The err-level journal line is the unit's own first step.
enum NotifyCommand {
    static let spec = CommandSpec(
        ["notify"], arguments: "UNIT",
        "Mail mail.admin that a systemd unit failed (run by govlint-failure@.service).")

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.count == 1, let unit = arguments.positionals.first, FailureAlert.isUnitName(unit)
        else {
            throw Failure.usage("notify: give the failed unit's name, e.g. govlint.service")
        }
        let settings = try Settings(arguments, defaultFailOn: nil)
        guard let config = settings.config else { throw Failure.badInput("\(settings.configPath): no such file") }
        guard let mail = config.mail, !mail.admin.isEmpty else {
            settings.log("govlint: notify: \(unit) failed; \(config.file) names no mail.admin, so nobody is mailed")
            return ExitStatus.clean
        }
        guard try FailureAlert.send(mail: mail, unit: unit) else { return ExitStatus.clean }
        if !settings.quiet {
            settings.log("govlint: notify: \(unit) failed; mailed \(mail.admin.joined(separator: ", "))")
        }
        return ExitStatus.clean
    }
}
