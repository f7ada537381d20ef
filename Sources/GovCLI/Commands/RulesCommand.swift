import Foundation
import GovKit
import GovRules

/// `govlint rules [--markdown]`: the rule catalogue (docs/rules.md is this output).
enum RulesCommand {
    static let spec = CommandSpec(
        ["rules"], "List every rule: id, Chinese name, default severity (--markdown: the docs/rules.md reference).",
        options: [
            OptionSpec("markdown", "print the full reference in Markdown"),
            OptionSpec("markdown-zh", "print the Chinese reference (docs/rules.zh.md)"),
        ])

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        if arguments.flag("markdown-zh") {
            print(RuleCatalog.markdownChinese(), terminator: "")
            return ExitStatus.clean
        }
        if arguments.flag("markdown") {
            print(RuleCatalog.markdown(), terminator: "")
            return ExitStatus.clean
        }
        for d in RuleCatalog.descriptions {
            print(
                "\(d.id.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0))\(d.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))\(d.name)"
            )
        }
        return ExitStatus.clean
    }
}
