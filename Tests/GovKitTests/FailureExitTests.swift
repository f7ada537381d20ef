import GovConfig
import GovLexicon
import GovStore
import Testing
@testable import GovCLI
@testable import GovKit

/// One error enum, one exit switch (issue 12): the user's mistakes exit 2, the operator's 3,
/// and each wrapped module error keeps its own file:line:column text.
@Suite struct FailureExitTests {
    struct Case: Sendable, CustomStringConvertible {
        var failure: Failure
        var exit: Int32
        var text: String
        var description: String { text }
    }

    static let cases: [Case] = [
        Case(
            failure: .usage("--format must be text, jsonl or json"), exit: 2,
            text: "--format must be text, jsonl or json"),
        Case(failure: .badInput("a.html: not a text file"), exit: 2, text: "a.html: not a text file"),
        Case(
            failure: .config(ConfigError(file: "config.yaml", line: 4, column: 6, message: "unknown key")), exit: 2,
            text: "config.yaml:4:6: unknown key"),
        Case(
            failure: .lexicon(LexiconError(file: "wordlists/typos.tsv", line: 57, reason: "empty wrong form")), exit: 2,
            text: "wordlists/typos.tsv:57: empty wrong form"),
        Case(
            failure: .store(.diskFull(path: "reports/govlint.sqlite")), exit: 3,
            text: StoreError.diskFull(path: "reports/govlint.sqlite").description),
        Case(
            failure: .operation("cannot write reports/x.html: No space left on device"), exit: 3,
            text: "cannot write reports/x.html: No space left on device"),
    ]

    @Test(arguments: cases)
    func eachFailureHasItsExitCodeAndItsText(_ c: Case) {
        #expect(c.failure.exitCode == c.exit)
        #expect(c.failure.description == c.text)
    }
}
