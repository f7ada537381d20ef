import Foundation
import GovCore

/// Runs a converter on a temporary copy of the attachment and maps how it ended.
enum Converter {
    static func run(
        _ tool: String, _ arguments: (String) -> [String], input: [UInt8],
        limits: ConverterLimits, tools: [String]
    ) -> Result<(output: [UInt8], errors: String, status: Int32), AttachmentFailure> {
        guard let executable = ToolLocator.find(tool, in: tools) else { return .failure(.missingConverter(tool)) }
        let result = TemporaryFile.with(input) { path in
            LimitedProcess.run(executable, arguments(path), limits: limits)
        }
        guard let result else { return .failure(.corrupt("cannot write a temporary file")) }
        return outcome(result, tool: tool, limits: limits)
    }

    /// How a limited run ended, as an attachment failure or the converter's output.
    static func outcome(_ result: ChildResult, tool: String, limits: ConverterLimits) -> Result<
        (output: [UInt8], errors: String, status: Int32), AttachmentFailure
    > {
        switch result {
        case .notStarted(let why):
            .failure(why == "prlimit" ? .missingConverter("prlimit") : .corrupt("\(tool) did not start: \(why)"))
        case .timedOut: .failure(.timedOut(seconds: Int(limits.wallSeconds)))
        case .outputTooLarge: .failure(.tooLarge("转换结果超过 \(limits.outputBytes >> 20) MB"))
        // SIGXCPU (24) or SIGKILL (9) after the CPU limit: a converter caught in a loop.
        case .signalled(let signal, _) where signal == 24 || signal == 9:
            .failure(.timedOut(seconds: limits.cpuSeconds))
        case .signalled(let signal, _): .failure(.corrupt("\(tool) died of signal \(signal)"))
        case .exited(let status, let output, let errors): .success((output, errors, status))
        }
    }

    /// The first line of a converter's complaint, short: enough for a one-line message.
    static func firstLine(_ errors: String) -> String {
        String((errors.split(whereSeparator: \.isNewline).first ?? "").prefix(160))
    }
}

/// poppler's pdftotext: UTF-8, reading order, a form feed after every page — so the blocks
/// know their page (第4页) and their line on it.
enum PDFConverter {
    static func read(_ bytes: [UInt8], limits: ConverterLimits, tools: [String]) -> Result<
        AttachmentText, AttachmentFailure
    > {
        let run = Converter.run(
            "pdftotext", { ["-enc", "UTF-8", "-eol", "unix", $0, "-"] }, input: bytes, limits: limits, tools: tools)
        guard case .success(let (output, errors, status)) = run else {
            if case .failure(let failure) = run { return .failure(failure) }
            return .failure(.corrupt("pdftotext"))
        }
        if status != 0 {
            // pdftotext: 1 cannot open (a password asked for, or damage), 3 permission to copy text refused.
            if status == 3 || errors.contains("password") || errors.contains("Incorrect password") {
                return .failure(.encrypted)
            }
            return .failure(.corrupt("pdftotext exit \(status): \(Converter.firstLine(errors))"))
        }
        var pages = String(decoding: output, as: UTF8.self).split(separator: "\u{0C}", omittingEmptySubsequences: false)
        // The output ends with a form feed: the last piece is empty.
        if pages.last?.allSatisfy(\.isWhitespace) == true { pages.removeLast() }
        var text = AttachmentText(format: .pdf, pageCount: pages.count)
        for (index, page) in pages.enumerated() {
            let paragraphs = PlainTextParagraphs.split(String(page))
            if paragraphs.isEmpty { text.pagesWithoutText.append(index + 1) }
            for (paragraph, line) in paragraphs {
                text.blocks.append(
                    TextBlock(scope: .attachment, text: paragraph, line: line, location: "第\(index + 1)页"))
            }
        }
        if pages.isEmpty, !errors.isEmpty { return .failure(.corrupt("pdftotext: \(Converter.firstLine(errors))")) }
        return .success(text)
    }
}

/// The legacy binary formats through catdoc's tools: catdoc for Word 97–2003 and WPS
/// documents (a paragraph a line, 段落N), xls2csv for Excel 97–2003 and ET workbooks (every
/// cell quoted, a form feed after each sheet; xls2csv gives no sheet names, so 工作表N).
enum LegacyOffice {
    static func readWord(_ bytes: [UInt8], limits: ConverterLimits, tools: [String]) -> Result<
        AttachmentText, AttachmentFailure
    > {
        Converter.run("catdoc", { ["-d", "utf-8", "-w", $0] }, input: bytes, limits: limits, tools: tools).flatMap {
            output, errors, status in
            guard status == 0 else {
                return .failure(
                    errors.lowercased().contains("encrypt")
                        ? .encrypted : .corrupt("catdoc exit \(status): \(Converter.firstLine(errors))"))
            }
            var text = AttachmentText(format: .doc)
            var count = 0
            let lines = String(decoding: output, as: UTF8.self).split(whereSeparator: {
                $0 == "\n" || $0 == "\r\n" || $0 == "\u{0C}"
            })
            for line in lines where !line.allSatisfy(\.isWhitespace) {
                count += 1
                text.blocks.append(TextBlock(scope: .attachment, text: String(line), line: 1, location: "段落\(count)"))
            }
            return .success(text)
        }
    }

    /// Debian 12's xls2csv (catdoc 0.95-6~deb12u1) reads every non-ASCII shared string of a
    /// BIFF8 workbook as bytes — a Chinese sheet comes out as mojibake and empty cells, a
    /// silent false pass. So LibreOffice, when installed, converts the workbook to .xlsx
    /// (sheet names kept) for the OOXML reader; xls2csv is the fallback.
    static func readWorkbook(
        _ bytes: [UInt8], limits: ConverterLimits, zipLimits: (entries: Int, bytes: Int), tools: [String]
    ) -> Result<AttachmentText, AttachmentFailure> {
        if let soffice = ToolLocator.find("soffice", in: tools) {
            return viaLibreOffice(soffice, bytes, limits: limits, zipLimits: zipLimits)
        }
        return Converter.run("xls2csv", { ["-d", "utf-8", "-q", "3", $0] }, input: bytes, limits: limits, tools: tools)
            .flatMap { output, errors, status in
                guard status == 0 else {
                    return .failure(
                        errors.lowercased().contains("encrypt")
                            ? .encrypted : .corrupt("xls2csv exit \(status): \(Converter.firstLine(errors))"))
                }
                var text = AttachmentText(format: .xls)
                var sheet = 0
                for piece in output.split(separator: 0x0C, omittingEmptySubsequences: false) {
                    sheet += 1
                    let table = DelimitedText.table(
                        Array(piece), name: "工作表\(sheet)", separator: UInt8(ascii: ","), utf8: true)
                    text.tables += table.tables
                    text.blocks += table.blocks
                }
                return .success(text)
            }
    }

    /// soffice --convert-to xlsx in a private folder with its own profile (two conversions
    /// at once must not share one), then the .xlsx reader. LibreOffice maps a lot of address
    /// space: it gets four times the converters' memory limit and twice their time.
    private static func viaLibreOffice(
        _ soffice: String, _ bytes: [UInt8], limits: ConverterLimits, zipLimits: (entries: Int, bytes: Int)
    ) -> Result<AttachmentText, AttachmentFailure> {
        var office = limits
        office.memoryBytes = limits.memoryBytes * 4
        office.cpuSeconds = limits.cpuSeconds * 2
        office.wallSeconds = limits.wallSeconds * 2
        let result = TemporaryFolder.with { folder -> Result<AttachmentText, AttachmentFailure> in
            let input = folder + "/in.xls"
            guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
                return .failure(.corrupt("cannot write a temporary file"))
            }
            let run = LimitedProcess.run(
                soffice,
                [
                    "--headless", "--norestore", "--nolockcheck",
                    "-env:UserInstallation=file://\(folder)/profile",
                    "--convert-to", "xlsx", "--outdir", folder + "/out", input,
                ], limits: office)
            switch run {
            case .timedOut: return .failure(.timedOut(seconds: Int(office.wallSeconds)))
            case .outputTooLarge: return .failure(.tooLarge("转换结果过大"))
            case .notStarted(let why):
                return .failure(
                    why == "prlimit" ? .missingConverter("prlimit") : .corrupt("soffice did not start: \(why)"))
            case .signalled(let signal, _) where signal == 24 || signal == 9:
                return .failure(.timedOut(seconds: office.cpuSeconds))
            case .signalled(let signal, _): return .failure(.corrupt("soffice died of signal \(signal)"))
            case .exited:
                guard let converted = FileManager.default.contents(atPath: folder + "/out/in.xlsx") else {
                    return .failure(.corrupt("LibreOffice could not read the workbook"))
                }
                do throws(ZipArchive.Failure) {
                    let zip = try ZipArchive(
                        bytes: [UInt8](converted), maxEntries: zipLimits.entries, maxTotalBytes: zipLimits.bytes)
                    var text = try Workbook.read(zip)
                    text.format = .xls
                    return .success(text)
                } catch {
                    return .failure(.corrupt("converted workbook unreadable"))
                }
            }
        }
        return result ?? .failure(.corrupt("cannot make a temporary folder"))
    }
}
