import Foundation
import GovCore
import GovExtract
import GovLexicon
import GovRules

/// `govlint check FILE... | -`: the pre-publication check (先审后发) of local HTML or text.
enum CheckCommand {
    static let spec = CommandSpec(["check"], arguments: "FILE... | -",
        "Lint local HTML or plain text files (HTML if it looks like HTML) and print the findings.")

    /// Files larger than this are read in line-bounded chunks (plain text only), so a
    /// 100 MB input runs in bounded memory.
    static let wholeFileLimit = 8 << 20
    static let htmlLimit = 64 << 20

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: .major)
        guard !arguments.positionals.isEmpty else {
            throw Failure.usage("check: give one or more files, or - for standard input")
        }
        let lexicon = try settings.loadLexicon()
        let linter = PageLinter(lexicon: lexicon, settings: settings)
        let printer = makePrinter(settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        for path in arguments.positionals {
            let findings = try check(path: path, linter: linter).sorted { ($0.line ?? 0, $0.col ?? 0) < ($1.line ?? 0, $1.col ?? 0) }
            counts.files += 1
            for finding in findings {
                counts.count(finding)
                printer.print(finding)
            }
        }
        printer.finish(summary: counts)
        return settings.exitStatus(for: counts)
    }

    static func check(path: String, linter: PageLinter) throws(Failure) -> [Finding] {
        let name = path == "-" ? "<stdin>" : path
        guard let input = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Failure.badInput("\(path): is a directory")
            }
            throw Failure.badInput("\(path): cannot open (no such file or no permission)")
        }
        defer { try? input.close() }
        let head = readUpTo(input, count: wholeFileLimit + 1)
        if TextDocument.looksBinary(Array(head.prefix(4096))) {
            throw Failure.badInput("\(name): not a text or HTML file (binary content)")
        }
        if TextDocument.looksLikeHTML(Array(head.prefix(4096))) {
            var body = head
            if body.count > wholeFileLimit { body += readUpTo(input, count: htmlLimit - body.count + 1) }
            guard body.count <= htmlLimit else { throw Failure.badInput("\(name): HTML file over \(htmlLimit >> 20) MB") }
            let page = PageExtractor.extract(body: body, url: name)
            return linter.lint(page: page, url: name, title: page.title.isEmpty ? nil : page.title, column: nil)
        }
        if head.count <= wholeFileLimit {
            return linter.lint(blocks: TextDocument.blocks(fromPlainText: head), url: name)
        }
        return lintChunked(first: head, rest: input, name: name, linter: linter)
    }

    /// Plain text in chunks cut after a newline. GB18030 never uses 0x0A inside a character,
    /// so cutting at newlines is safe for every charset we read.
    private static func lintChunked(first: [UInt8], rest: FileHandle, name: String, linter: PageLinter) -> [Finding] {
        var findings: [Finding] = []
        var buffer = first
        var atEnd = false
        var lineBase = 0
        while true {
            while buffer.count < wholeFileLimit, !atEnd {
                let more = readUpTo(rest, count: wholeFileLimit)
                if more.isEmpty { atEnd = true } else { buffer += more }
            }
            if buffer.isEmpty { break }
            var cut = buffer.count
            if !atEnd, let newline = buffer.lastIndex(of: 0x0A) { cut = newline + 1 }
            let chunk = Array(buffer[..<cut])
            buffer.removeFirst(cut)
            var blocks = TextDocument.blocks(fromPlainText: chunk)
            for index in blocks.indices { blocks[index].line += lineBase }
            findings += linter.lint(blocks: blocks, url: name)
            lineBase += chunk.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        return findings
    }

    static func readUpTo(_ handle: FileHandle, count: Int) -> [UInt8] {
        var out = [UInt8]()
        while out.count < count {
            guard let data = try? handle.read(upToCount: min(1 << 20, count - out.count)), !data.isEmpty else { break }
            out += data
        }
        return out
    }
}
