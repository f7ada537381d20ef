import Foundation
import GovKit
import GovCore

/// Printers are sinks: matching never formats (ripgrep's split). Each printer turns finding
/// values into bytes for one output format.
public protocol FindingPrinter: AnyObject {
    func print(_ finding: Finding)
    /// Called once at the end with every finding printed, for formats that need the whole.
    func finish(summary: RunCounts)
}

/// Writes to stdout without Foundation's print buffering surprises.
final class OutputStream: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer = [UInt8]()

    init(_ handle: FileHandle = .standardOutput) { self.handle = handle }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 64 * 1024 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            OutputFailure.exit(error)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Standard output cannot be written (a full disk, a closed pipe): one line on stderr and
/// exit 3 — the run itself failed — never a crash in the middle of the output.
enum OutputFailure {
    static func exit(_ error: any Error) -> Never {
        // FileHandle wraps the POSIX error (ENOSPC, EPIPE): its own words are the clearest.
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain {
            describeAndExit(String(cString: strerror(Int32(underlying.code))))
        }
        let posix = error as NSError
        describeAndExit(
            posix.domain == NSPOSIXErrorDomain
                ? String(cString: strerror(Int32(posix.code))) : error.localizedDescription)
    }

    static func describeAndExit(_ reason: String) -> Never {
        FileHandle.standardError.write(Data("govlint: cannot write the output: \(reason)\n".utf8))
        Foundation.exit(ExitStatus.failed)
    }
}

public func makePrinter(_ format: OutputFormat, ruleNames: [RuleID: String], color: Bool, quiet: Bool)
    -> any FindingPrinter
{
    switch format {
    case .text: TextPrinter(ruleNames: ruleNames, color: color, quiet: quiet)
    case .jsonl: JSONLinesPrinter()
    case .json: JSONPrinter()
    }
}

let findingEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

/// One JSON object a line (SPEC §2).
final class JSONLinesPrinter: FindingPrinter {
    private let out = OutputStream()

    func print(_ finding: Finding) {
        guard let data = try? findingEncoder.encode(finding) else { return }
        out.write(String(decoding: data, as: UTF8.self) + "\n")
    }

    func finish(summary: RunCounts) { out.flush() }
}

/// One JSON document: `{"findings": […], "summary": {…}}`.
final class JSONPrinter: FindingPrinter {
    private let out = OutputStream()
    private var first = true

    init() { out.write("{\"findings\":[") }

    func print(_ finding: Finding) {
        guard let data = try? findingEncoder.encode(finding) else { return }
        out.write((first ? "\n" : ",\n") + String(decoding: data, as: UTF8.self))
        first = false
    }

    func finish(summary: RunCounts) {
        let data = (try? findingEncoder.encode(summary)) ?? Data("{}".utf8)
        out.write("\n],\"summary\":" + String(decoding: data, as: UTF8.self) + "}\n")
        out.flush()
    }
}

/// Human-readable: `file:line:col: severity rule 名称 «…excerpt with [hit]…» → suggestion`.
final class TextPrinter: FindingPrinter {
    private let out = OutputStream()
    private let ruleNames: [RuleID: String]
    private let color: Bool
    private let quiet: Bool

    init(ruleNames: [RuleID: String], color: Bool, quiet: Bool) {
        self.ruleNames = ruleNames; self.color = color; self.quiet = quiet
    }

    func print(_ finding: Finding) {
        var location = finding.url
        // In an attachment or a Word draft the place is named: draft.docx:段落12:5, 名单.xlsx:Sheet2!C7.
        if let place = finding.location, !place.isEmpty {
            location += ":\(place)" + (finding.col.map { ":\($0)" } ?? "")
        } else if let line = finding.line {
            location += ":\(line)" + (finding.col.map { ":\($0)" } ?? "")
        }
        let name = ruleNames[finding.rule].map { " \($0)" } ?? ""
        var line = "\(location): \(finding.severity.rawValue) \(finding.rule.rawValue)\(name)"
        let shown = finding.rule == .privacy ? (finding.message ?? finding.match) : finding.match
        line += " \(shown.debugQuoted)"
        if let suggestion = finding.suggestion, !suggestion.isEmpty { line += " → \(suggestion)" }
        out.write(line + "\n")
        if finding.rule != .privacy, !finding.context.isEmpty {
            out.write("    " + markedExcerpt(finding) + "\n")
        } else if finding.rule != .privacy, let message = finding.message {
            out.write("    " + TextPrinter.sanitize(message) + "\n")
        }
        if let more = finding.moreOnPage {
            out.write("    … and \(more) more of this rule on the page (not listed)\n")
        }
        if let basis = finding.basis, !basis.isEmpty {
            out.write("    依据: " + TextPrinter.sanitize(basis) + (finding.source.map { " (\($0))" } ?? "") + "\n")
        } else if let source = finding.source {
            out.write("    (\(source))\n")
        }
    }

    private func markedExcerpt(_ finding: Finding) -> String {
        let scalars = Array(finding.context.unicodeScalars)
        guard let hit = finding.contextHit, hit.lowerBound >= 0, hit.upperBound <= scalars.count else {
            return TextPrinter.sanitize(finding.context)
        }
        func text(_ range: Range<Int>) -> String {
            TextPrinter.sanitize(String(String.UnicodeScalarView(scalars[range])))
        }
        let (open, close) = color ? ("\u{1B}[1;31m", "\u{1B}[0m") : ("[", "]")
        return text(0..<hit.lowerBound) + open + text(hit) + close + text(hit.upperBound..<scalars.count)
    }

    static func sanitize(_ text: String) -> String { TerminalText.sanitize(text) }

    func finish(summary: RunCounts) {
        if !quiet {
            let parts = Severity.allCases.reversed().compactMap { s in
                summary.bySeverity[s.rawValue].map { "\($0) \(s.rawValue)" }
            }
            let what =
                summary.pages > 0 ? "\(summary.pages) pages" : "\(summary.files) file\(summary.files == 1 ? "" : "s")"
            out.write(
                "\(summary.findings) finding\(summary.findings == 1 ? "" : "s") in \(what)"
                    + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")") + "\n")
        }
        out.flush()
    }
}

extension String {
    /// «text» with control characters neutralised, for one-line output.
    var debugQuoted: String { "«" + TextPrinter.sanitize(self) + "»" }
}
