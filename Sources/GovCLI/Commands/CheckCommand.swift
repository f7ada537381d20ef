import Foundation
import GovAttach
import GovKit
import GovCore
import GovExtract
import GovLexicon
import GovRules

/// `govlint check FILE... | -`: the pre-publication check (先审后发) of local HTML, text, or a
/// document in one of the attachment formats (a Word or WPS draft, a workbook, a PDF, OFD).
enum CheckCommand {
    static let spec = CommandSpec(
        ["check"], arguments: "FILE... | -",
        "Lint local HTML, plain text or documents (PDF, DOC/DOCX, XLS/XLSX, WPS/ET, OFD, CSV; recognised by content) and print the findings.",
        options: [
            OptionSpec(
                "ocr", "read scanned PDF pages and images (PNG, JPEG, TIFF) with tesseract, for personal data only")
        ])
    /// Documents larger than this are refused (converters get their own limits).
    static let documentLimit = 256 << 20

    /// Plain text larger than this is read in line-bounded chunks of about this size, so a
    /// 100 MB input runs in bounded memory: the rules need some 20 bytes of working memory
    /// per input byte (scalars, normalised text, offset maps), so a 1 MiB chunk keeps the
    /// peak near 60 MB whatever the file's size.
    static let textChunkSize = 1 << 20
    static let htmlLimit = 64 << 20

    static func run(_ arguments: Arguments) throws(Failure) -> Int32 {
        let settings = try Settings(arguments, defaultFailOn: .major)
        guard !arguments.positionals.isEmpty else {
            throw Failure.usage("check: give one or more files, or - for standard input")
        }
        let lexicon = try settings.loadLexicon()
        let linter = PageLinter(lexicon: lexicon, settings: settings)
        let reader = AttachmentReader(ocr: arguments.flag("ocr") ? OCRSettings() : nil)
        if let missing = reader.ocrMissing {
            // Asked for and not there: nothing scanned could be read, so nothing is checked.
            throw Failure.usage("check --ocr: \(missing) (apt install tesseract-ocr tesseract-ocr-chi-sim)")
        }
        let printer = makePrinter(
            settings.format, ruleNames: RuleCatalog.names, color: settings.interactive, quiet: settings.quiet)
        var counts = RunCounts()
        var unreadable = 0
        // Files are checked on every core, a batch at a time, and printed in the order given.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let paths = arguments.positionals
        for batchStart in stride(from: 0, to: paths.count, by: workers * 4) {
            let batch = Array(paths[batchStart..<min(paths.count, batchStart + workers * 4)])
            let results = checkConcurrently(batch, workers: workers, linter: linter, reader: reader)
            for result in results {
                // One unreadable file (a PDF among the drafts, a typo in a name) is reported and
                // the others are still checked; the exit status says some input was bad.
                switch result {
                case .failure(let error):
                    settings.log("govlint: \(error.description)")
                    unreadable += 1
                case .success(let findings):
                    counts.files += 1
                    for finding in findings {
                        counts.count(finding)
                        printer.print(finding)
                    }
                }
            }
        }
        // Nothing readable: the error lines say it all (JSON still closes its document).
        if counts.files > 0 || settings.format != .text { printer.finish(summary: counts) }
        return unreadable > 0 ? Failure.badInput("").exitCode : settings.exitStatus(for: counts)
    }

    /// The findings of each file in `paths`, in reading order, checked on up to `workers`
    /// threads (the linter and the lexicon are immutable and shared).
    private static func checkConcurrently(
        _ paths: [String], workers: Int, linter: PageLinter, reader: AttachmentReader
    ) -> [Result<[Finding], Failure>] {
        let results = IndexedSlots<Result<[Finding], Failure>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: min(workers, paths.count)) { _ in
            while let index = results.claim() {
                let result: Result<[Finding], Failure>
                do throws(Failure) {
                    let found = try check(path: paths[index], linter: linter, reader: reader)
                    // A document's findings come in reading order already (page, paragraph, sheet).
                    result = .success(
                        found.contains { $0.location != nil }
                            ? found
                            : found.sorted { ($0.line ?? 0, $0.col ?? 0) < ($1.line ?? 0, $1.col ?? 0) })
                } catch {
                    result = .failure(error)
                }
                results.set(index, result)
            }
        }
        return results.values
    }

    static func check(path: String, linter: PageLinter, reader: AttachmentReader) throws(Failure) -> [Finding] {
        let name = path == "-" ? "<stdin>" : path
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            // Linux opens a directory for reading without complaint; every read then fails.
            throw Failure.badInput("\(path): is a directory")
        }
        guard let input = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
            throw Failure.badInput("\(path): cannot open (no such file or no permission)")
        }
        defer { try? input.close() }
        let head = readUpTo(input, count: textChunkSize + 1)
        if TextDocument.looksBinary(Array(head.prefix(4096))) {
            return try checkDocument(head: head, rest: input, name: name, linter: linter, reader: reader)
        }
        if AttachmentFormat.csv.extensions.contains((name as NSString).pathExtension.lowercased()) {
            return try checkDocument(head: head, rest: input, name: name, linter: linter, reader: reader)
        }
        if TextDocument.looksLikeHTML(Array(head.prefix(4096))) {
            var body = head
            if body.count > textChunkSize { body += readUpTo(input, count: htmlLimit - body.count + 1) }
            guard body.count <= htmlLimit else {
                throw Failure.badInput("\(name): HTML file over \(htmlLimit >> 20) MB")
            }
            let page = PageExtractor.extract(body: body, url: name)
            return linter.lint(page: page, url: name, title: page.title.isEmpty ? nil : page.title, column: nil)
        }
        if head.count <= textChunkSize {
            return linter.lint(blocks: TextDocument.blocks(fromPlainText: head), url: name)
        }
        return lintChunked(first: head, rest: input, name: name, linter: linter)
    }

    /// A binary document (or a CSV table) through GovAttach: every finding names its place
    /// (draft.docx:段落12:5, 名单.xlsx:Sheet2!C7). What cannot be read is said, never passed.
    private static func checkDocument(
        head: [UInt8], rest: FileHandle, name: String, linter: PageLinter,
        reader: AttachmentReader
    ) throws(Failure) -> [Finding] {
        var bytes = head
        bytes += readUpTo(rest, count: documentLimit - bytes.count + 1)
        guard bytes.count <= documentLimit else {
            throw Failure.badInput("\(name): document over \(documentLimit >> 20) MB")
        }
        switch reader.read(bytes, name: name) {
        case .failure(let failure):
            let hint =
                failure == .missingConverter("pdftotext")
                ? " (apt install poppler-utils)"
                : failure == .missingConverter("catdoc") ? " (apt install catdoc)" : ""
            throw Failure.badInput("\(name): not checked: \(failure.detail)\(hint)")
        case .success(let text):
            let ocrHint = reader.ocr == nil ? "; --ocr reads scans for personal data" : ""
            if text.isEmptyWithRecognised {
                let why =
                    text.recognitionFailure.map { ": OCR failed: \($0.detail)" }
                    ?? " (a scan without a text layer?\(ocrHint))"
                throw Failure.badInput("\(name): not checked: no text in the document\(why)")
            }
            if !text.pagesWithoutText.isEmpty, text.recognised.isEmpty {
                FileHandle.standardError.write(
                    Data(
                        "govlint: \(name): pages \(text.pagesWithoutText.map(String.init).joined(separator: ", ")) have no text layer and were not checked\(ocrHint)\n"
                            .utf8))
            }
            return AttachmentLinter(linter: linter).lint(text, url: name)
        }
    }

    /// Plain text in chunks cut after a newline. GB18030 never uses 0x0A inside a character,
    /// so cutting after a 0x0A byte is safe for UTF-8 and the GB family. UTF-16 (known by its
    /// byte-order mark) is cut after an aligned newline unit, and every later chunk gets the
    /// mark again so it is decoded the same way as the first.
    private static func lintChunked(first: [UInt8], rest: FileHandle, name: String, linter: PageLinter) -> [Finding] {
        let newline = NewlineUnit(head: first)
        var findings: [Finding] = []
        var buffer = first
        var atEnd = false
        var isFirst = true
        var lineBase = 0
        while true {
            while buffer.count < textChunkSize, !atEnd {
                let more = readUpTo(rest, count: textChunkSize)
                if more.isEmpty { atEnd = true } else { buffer += more }
            }
            if buffer.isEmpty { break }
            let cut = atEnd ? buffer.count : (newline.endOfLast(in: buffer) ?? newline.wholeUnits(buffer.count))
            let chunk = Array(buffer[..<cut])
            buffer.removeFirst(cut)
            var blocks = TextDocument.blocks(fromPlainText: isFirst ? chunk : newline.byteOrderMark + chunk)
            for index in blocks.indices { blocks[index].line += lineBase }
            findings += linter.lint(blocks: blocks, url: name)
            lineBase += newline.count(in: chunk)
            isFirst = false
        }
        return findings
    }

    /// How a line ends in the file's encoding: the byte 0x0A, or a UTF-16 code unit 0x000A
    /// at an even offset (little or big endian, from the byte-order mark).
    struct NewlineUnit {
        let byteOrderMark: [UInt8]
        let unit: [UInt8]

        init(head: [UInt8]) {
            if head.starts(with: [0xFF, 0xFE]) {
                byteOrderMark = [0xFF, 0xFE]; unit = [0x0A, 0x00]
            } else if head.starts(with: [0xFE, 0xFF]) {
                byteOrderMark = [0xFE, 0xFF]; unit = [0x00, 0x0A]
            } else {
                byteOrderMark = []; unit = [0x0A]
            }
        }

        /// Offsets (from the buffer's start, which is always at a unit boundary) where a newline unit starts.
        private func starts(in bytes: [UInt8]) -> StrideTo<Int> {
            stride(from: 0, to: bytes.count - unit.count + 1, by: unit.count)
        }

        private func isNewline(_ bytes: [UInt8], at index: Int) -> Bool {
            unit.count == 1 ? bytes[index] == 0x0A : bytes[index] == unit[0] && bytes[index + 1] == unit[1]
        }

        /// The offset just after the last newline unit, or nil when there is none.
        func endOfLast(in bytes: [UInt8]) -> Int? {
            if unit.count == 1 { return bytes.lastIndex(of: 0x0A).map { $0 + 1 } }
            var index = (bytes.count - 2) & ~1
            while index >= 0 {
                if isNewline(bytes, at: index) { return index + 2 }
                index -= 2
            }
            return nil
        }

        /// A line longer than a chunk is cut where it must be, but never inside a UTF-16 unit.
        func wholeUnits(_ count: Int) -> Int { count - count % unit.count }

        func count(in bytes: [UInt8]) -> Int {
            if unit.count == 1 { return bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
            return starts(in: bytes).reduce(0) { isNewline(bytes, at: $1) ? $0 + 1 : $0 }
        }
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
