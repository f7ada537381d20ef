import Foundation

/// A lexicon folder and why it was chosen.
public struct LexiconLocation: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// `--lexicon DIR`.
        case option
        /// `paths.lexicon` of the config in use.
        case config
        /// `./wordlists`, `/etc/govlint/wordlists`, `/usr/share/govlint/wordlists` or the
        /// folder beside the binary: nobody named it.
        case searched
    }

    public var path: String
    public var origin: Origin

    public init(path: String, origin: Origin) { self.path = path; self.origin = origin }
}

/// Where the lexicon is looked for (SPEC §7 Install), so `govlint check` works from any
/// folder: `--lexicon`, then the config's `paths.lexicon`, then `./wordlists`,
/// `/etc/govlint/wordlists`, `/usr/share/govlint/wordlists`, then beside the binary
/// (`<prefix>/share/govlint/wordlists` of an extracted package, or the repository of a
/// build tree). A folder somebody named is never replaced by a later one: it exists or the
/// command stops.
public enum LexiconSearch {
    public static let systemFolders = ["/etc/govlint/wordlists", "/usr/share/govlint/wordlists"]

    /// The folders tried when nobody names one, in order.
    public static func searchedFolders(
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String? = currentExecutable()
    ) -> [String] {
        var folders = ["wordlists"] + systemFolders
        if let executable { folders += besideBinary(executable) }
        var seen = Set<String>()
        return folders.filter { folder in
            let absolute = folder.hasPrefix("/") ? folder : workingDirectory + "/" + folder
            return seen.insert(URL(fileURLWithPath: absolute).standardizedFileURL.path).inserted
        }
    }

    /// `option` is `--lexicon`; `configured` the config's `paths.lexicon` when the config
    /// names it, with `configuredAt` (e.g. "config.yaml:14:12") for the message.
    public static func locate(
        option: String?, configured: String?, configuredAt: String = "config.yaml",
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String? = currentExecutable()
    ) throws(LexiconError) -> LexiconLocation {
        if let option {
            guard isDirectory(option) else {
                throw LexiconError(file: option, line: 0, reason: "lexicon directory not found (given with --lexicon)")
            }
            return LexiconLocation(path: option, origin: .option)
        }
        if let configured {
            guard isDirectory(configured) else {
                throw LexiconError(
                    file: configuredAt, line: 0,
                    reason:
                        "paths.lexicon: \(configured): lexicon directory not found (fix paths.lexicon, or remove it to use the shipped lexicon, or give --lexicon DIR)"
                )
            }
            return LexiconLocation(path: configured, origin: .config)
        }
        let folders = searchedFolders(workingDirectory: workingDirectory, executable: executable)
        for folder in folders {
            let absolute = folder.hasPrefix("/") ? folder : workingDirectory + "/" + folder
            if isDirectory(absolute) { return LexiconLocation(path: folder, origin: .searched) }
        }
        throw LexiconError(
            file: "lexicon", line: 0,
            reason:
                "no wordlists folder found; looked in \(folders.joined(separator: ", ")); give one with --lexicon DIR (or paths.lexicon in config.yaml)"
        )
    }

    /// Folders beside the binary: `<prefix>/share/govlint/wordlists` for `<prefix>/bin/govlint`
    /// (the package, also extracted elsewhere), and `wordlists/` of the repository whose
    /// `.build*/…/govlint` this is (a build tree).
    static func besideBinary(_ executable: String) -> [String] {
        let binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
        let folder = binary.deletingLastPathComponent()
        var out = [folder.deletingLastPathComponent().appendingPathComponent("share/govlint/wordlists").path]
        var parent = folder
        for _ in 0..<4 {
            if FileManager.default.fileExists(atPath: parent.appendingPathComponent("Package.swift").path) {
                out.append(parent.appendingPathComponent("wordlists").path)
                break
            }
            parent = parent.deletingLastPathComponent()
        }
        return out
    }

    /// The running binary's real path (Linux: /proc/self/exe).
    public static func currentExecutable() -> String? {
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        return CommandLine.arguments.first.flatMap { $0.contains("/") ? $0 : nil }
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
