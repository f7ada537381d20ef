import Foundation
import GovKit
import GovStore

/// `govlint mail [--run ID] [--dry-run]`: sends what waits in the outbox (composing the run's
/// mails first if they never were), or with --dry-run writes them as .eml files under
/// `reports/runs/<run>/mail/` — also without a mail section in the config.
enum MailCommand {
    static let spec = CommandSpec(
        ["mail"],
        "Send (or resend from the outbox) the notices of a run; --dry-run writes .eml files instead.",
        options: [
            OptionSpec(
                "run", value: "ID",
                "the run whose mail to send (default: the latest finished run, and anything left unsent)"),
            OptionSpec("dry-run", "write the mails as .eml files under reports/runs/<run>/mail/ and send nothing"),
            OptionSpec("approve", "send the mail held for review (mail.review: true)"),
            OptionSpec("site", value: "ID", "with --approve: only the mail with this site's notice"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        guard arguments.positionals.isEmpty else { throw Failure.usage("mail: takes no arguments (use --run ID)") }
        let context = try NightlyContext(arguments, command: "mail")
        let run = try context.selectedRun(arguments)
        let log = RunLog(label: "mail", quiet: context.settings.quiet)
        let mailer = context.mailer(log: log)
        let report = try context.reporter.build(run: run)
        if arguments.flag("dry-run") {
            for path in try mailer.writeDryRun(report) { print(path) }
            return ExitStatus.clean
        }
        guard context.config.mail != nil else {
            throw Failure.usage("mail: \(context.config.file) has no mail section (add one, or use --dry-run)")
        }
        if arguments.flag("approve") {
            let released = try storeCall { () throws(StoreError) in
                try context.store.approve(site: arguments.value("site"))
            }
            log.event("approved \(released) held message(s)" + (arguments.value("site").map { " for \($0)" } ?? ""))
        } else if arguments.value("site") != nil {
            throw Failure.usage("mail: --site goes with --approve")
        }
        _ = try mailer.enqueue(report)
        let (sent, failed) = try mailer.sendPending(run: arguments.value("run") == nil ? nil : run.id)
        log.event("run \(run.id): \(sent) sent, \(failed) kept in the outbox")
        if failed > 0 {
            throw Failure.operation(
                "mail: \(failed) message(s) could not be sent; they stay in the outbox for the next `govlint mail` or `run`"
            )
        }
        return ExitStatus.clean
    }
}
