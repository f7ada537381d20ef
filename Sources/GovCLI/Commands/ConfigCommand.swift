import Foundation
import GovKit

/// `govlint config check`: validate config.yaml and what the night needs from the machine —
/// the lexicon loads, the store, reports and ignore paths are writable by the user that will
/// run, the password file is readable; with --connect the mail server answers EHLO and every
/// site's host resolves. Each problem is one line `file:line:col: reason`; exit 2 if any.
enum ConfigCommand {
    static let spec = CommandSpec(
        ["config", "check"],
        "Validate config.yaml and what the night needs: lexicon, writable paths, mail (errors name file:line:column).",
        options: [
            OptionSpec("connect", "also ask the mail server for EHLO (and the login) and resolve every site's host"),
            OptionSpec("user", value: "NAME", "check the paths as this user, the one the night runs as (default: you)"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: nil)
        guard let config = settings.config else {
            throw Failure.badInput("\(settings.configPath): no such file")
        }
        let user: UnixUser
        if let name = arguments.value("user") {
            guard let named = UnixUser.named(name) else { throw Failure.usage("config check: no user named `\(name)`") }
            user = named
        } else {
            user = UnixUser.current()
        }
        let connect = arguments.flag("connect")
        if config.sites.isEmpty && config.feeds.isEmpty {
            throw Failure.badInput(
                "\(settings.configPath): no sites and no feeds to check (add them under sites: or feeds:)")
        }
        // Each warning already reads `file:line:col: warning: …`.
        for warning in config.validate() { settings.log(warning.description) }
        var problems: [String] = []
        do { _ = try settings.loadLexicon() } catch { problems.append(error.description) }
        let doctor = ConfigDoctor(config: config, user: user)
        problems += doctor.pathProblems()
        problems += doctor.mailProblems(connect: connect)
        if connect { problems += doctor.resolutionProblems() }
        do {
            for warning in try doctor.calendarWarnings(today: settings.clock.today) { settings.log(warning) }
        } catch {
            problems.append(error.description)
        }
        for problem in problems { settings.log(problem) }
        guard problems.isEmpty else {
            throw Failure.badInput(
                "config check: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(settings.configPath)")
        }
        if !settings.quiet {
            print(
                "\(settings.configPath): OK (\(config.sites.count) sites, \(config.feeds.count) feeds); paths writable by \(user.name)\(connect ? "; the mail server and every host answered" : "")"
            )
        }
        return ExitStatus.clean
    }
}
