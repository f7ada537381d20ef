import Foundation
import GovKit
import GovExtract
import GovLexicon

/// `govlint lexicon check | stats | match FILE`.
enum LexiconCommand {
    static let specs = [
        CommandSpec(
            ["lexicon", "check"],
            "Validate wordlists/ and the local folder (format, duplicates, contradictions between the two) and run the lexicon's self-tests."
        ),
        CommandSpec(["lexicon", "stats"], "Print entries per list and category, and the largest contributors."),
        CommandSpec(
            ["lexicon", "match"], arguments: "FILE | -",
            "Print every lexicon hit in a file, one a line: byte offset, list, wrong form (also the benchmark entry point)."
        ),
    ]

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: nil)
        let lexicon = try settings.loadLexicon()
        switch arguments.command.path.last {
        case "check":
            let problems = lexicon.selfTest() + (try settings.localLexiconContradictions())
            for problem in problems { settings.log(problem.description) }
            guard problems.isEmpty else {
                throw Failure.badInput(
                    "lexicon check: \(problems.count) problem\(problems.count == 1 ? "" : "s") in \(settings.lexiconPath)"
                )
            }
            if !settings.quiet {
                print(
                    "\(settings.lexiconPath): \(lexicon.entries.count) entries, \(lexicon.allowWords.count) allow-list words, self-tests passed"
                )
            }
            return ExitStatus.clean
        case "stats":
            print(lexicon.stats().description)
            return ExitStatus.clean
        default:
            guard arguments.positionals.count == 1, let path = arguments.positionals.first else {
                throw Failure.usage("lexicon match: give exactly one file (or -)")
            }
            // /dev/zero, an image, an archive: refused at once (like `check`), not matched forever.
            if path != "-", let handle = FileHandle(forReadingAtPath: path) {
                let head = (try? handle.read(upToCount: 4096)) ?? Data()
                try? handle.close()
                if TextDocument.looksBinary(Array(head)) {
                    throw Failure.badInput("\(path): not a text file (binary content)")
                }
            }
            let out = OutputStream()
            do {
                try lexicon.matchFile(path: path) { hit in
                    out.write("\(hit.byteOffset)\t\(hit.list.rawValue)\t\(hit.wrong)\n")
                }
            } catch {
                // The matcher's errors already name the file.
                throw Failure.badInput("\(error)")
            }
            out.flush()
            return ExitStatus.clean
        }
    }
}
