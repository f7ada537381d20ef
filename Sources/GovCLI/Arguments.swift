import Foundation
import GovKit

/// A small hand-written argument parser (the owner wants no packages): raw words are
/// resolved once against a command's specification, so every command sees typed values.
public struct OptionSpec: Sendable {
    public let name: String
    public let valueName: String?
    public let help: String

    public init(_ name: String, value: String? = nil, _ help: String) {
        self.name = name; self.valueName = value; self.help = help
    }

    public var takesValue: Bool { valueName != nil }
}

public struct CommandSpec: Sendable {
    public let path: [String]
    public let arguments: String
    public let summary: String
    public let options: [OptionSpec]

    public init(_ path: [String], arguments: String = "", _ summary: String, options: [OptionSpec] = []) {
        self.path = path; self.arguments = arguments; self.summary = summary; self.options = options
    }

    public var name: String { path.joined(separator: " ") }
}

/// Options every command takes (SPEC §1).
public let commonOptions: [OptionSpec] = [
    OptionSpec("config", value: "PATH", "config file (default ./config.yaml)"),
    OptionSpec("lexicon", value: "DIR", "wordlists folder (default: paths.lexicon of the config, else ./wordlists)"),
    OptionSpec("format", value: "text|jsonl|json", "output format (default text)"),
    OptionSpec("fail-on", value: "veto|major|minor|none", "exit 1 when a finding at or above this severity exists"),
    OptionSpec("now", value: "YYYY-MM-DD[THH:MM]", "judge dates as of this moment instead of the clock"),
    OptionSpec("quiet", "no progress line, no summary"),
    OptionSpec("verbose", "log every event"),
    OptionSpec("help", "show this help"),
]

/// The parsed command line of one command.
public struct Arguments: Sendable {
    public let command: CommandSpec
    public let positionals: [String]
    private let values: [String: String]
    private let flags: Set<String>

    /// Finds the longest command path matching the leading words, then parses options
    /// (`--name value`, `--name=value`, flags) and positionals (`--` ends options; `-` is stdin).
    public init(_ words: [String], commands: [CommandSpec]) throws(Failure) {
        var best: CommandSpec?
        for spec in commands where words.count >= spec.path.count && Array(words.prefix(spec.path.count)) == spec.path {
            if best == nil || spec.path.count > best!.path.count { best = spec }
        }
        guard let command = best else {
            let first = words.first ?? ""
            throw Failure.usage(
                first.isEmpty
                    ? "no command given (try `govlint --help`)"
                    : "unknown command `\(words.prefix(2).joined(separator: " "))` (try `govlint --help`)")
        }
        self.command = command
        let known = Dictionary((command.options + commonOptions).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var positionals: [String] = []
        var rest = words.dropFirst(command.path.count)[...]
        var optionsEnded = false
        while let word = rest.popFirst() {
            if optionsEnded || !word.hasPrefix("--") {
                if !optionsEnded, word.hasPrefix("-"), word != "-" {
                    throw Failure.usage("\(command.name): unknown option `\(word)`")
                }
                positionals.append(word)
                continue
            }
            if word == "--" { optionsEnded = true; continue }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = known[name] else {
                throw Failure.usage("\(command.name): unknown option `--\(name)`")
            }
            if spec.takesValue {
                // `--config --lexicon x` forgot the config's path: an option is never a value.
                let next = inline == nil ? rest.first : nil
                guard let value = inline ?? (next?.hasPrefix("--") == false ? rest.popFirst() : nil) else {
                    throw Failure.usage("\(command.name): option `--\(name)` needs a value (\(spec.valueName!))")
                }
                values[name] = value
            } else {
                if inline != nil { throw Failure.usage("\(command.name): option `--\(name)` takes no value") }
                flags.insert(name)
            }
        }
        self.values = values
        self.flags = flags
        self.positionals = positionals
    }

    public func value(_ name: String) -> String? { values[name] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    public func int(_ name: String) throws(Failure) -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text), number >= 0 else {
            throw Failure.usage("\(command.name): --\(name) expects a whole number, got `\(text)`")
        }
        return number
    }

    /// A count that must be at least 1 (connections, sites at once): 0 would stall the
    /// crawl or the run, so it is refused like any bad value.
    public func positiveInt(_ name: String) throws(Failure) -> Int? {
        guard let number = try int(name) else { return nil }
        guard number >= 1 else { throw Failure.usage("\(command.name): --\(name) must be at least 1, got `\(number)`") }
        return number
    }

    /// Help text for this command.
    public static func help(for command: CommandSpec) -> String {
        var lines = [
            "usage: govlint \(command.name)\(command.arguments.isEmpty ? "" : " " + command.arguments) [options]", "",
            command.summary, "", "options:",
        ]
        for option in command.options + commonOptions {
            let head = "  --\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            lines.append(head.padding(toLength: max(34, head.count + 2), withPad: " ", startingAt: 0) + option.help)
        }
        return lines.joined(separator: "\n")
    }
}
