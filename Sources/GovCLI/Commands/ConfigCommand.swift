import Foundation
import GovKit

/// `govlint config check`: validate config.yaml; errors carry file:line:column.
enum ConfigCommand {
    static let spec = CommandSpec(["config", "check"], "Validate config.yaml (errors name the file, line and column).")

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: nil)
        guard let config = settings.config else {
            throw Failure.badInput("\(settings.configPath): no such file")
        }
        // Each warning already reads `file:line:col: warning: …`.
        for warning in config.validate() { settings.log(warning.description) }
        if !settings.quiet { print("\(settings.configPath): OK (\(config.sites.count) sites, \(config.feeds.count) feeds)") }
        return ExitStatus.clean
    }
}
