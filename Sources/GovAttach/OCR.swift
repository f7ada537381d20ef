import Foundation
import GovCore

/// Text from pictures, for the privacy rule only (issue 15 item 6): ID and card numbers
/// survive OCR, wording does not, so OCR text never meets the typo or expression rules.
/// A PDF page without a text layer is rendered by poppler's pdftoppm (200 dpi PNG) and read
/// by tesseract (`chi_sim+eng`); an image attachment (PNG, JPEG) goes to tesseract as it is.
/// Both run as limited child processes like every converter.
public struct OCRSettings: Sendable, Hashable {
    /// Scanned pages read per PDF: a 300-page scan must not hold a night's run.
    public var maxPages: Int
    public var resolution: Int
    public var languages: String

    public init(maxPages: Int = 20, resolution: Int = 200, languages: String = "chi_sim+eng") {
        self.maxPages = maxPages; self.resolution = resolution; self.languages = languages
    }
}

enum OCR {
    /// Where OCR text is from: 第4页（OCR识别）, or 图片（OCR识别） for an image attachment.
    static func pageLocation(_ page: Int) -> String { "第\(page)页（OCR识别）" }
    static let imageLocation = "图片（OCR识别）"

    /// nil when tesseract and its Chinese data are there; else what is missing, said once
    /// per run by the caller (tesseract, tesseract-ocr-chi-sim).
    static func missing(_ settings: OCRSettings, limits: ConverterLimits, tools: [String]) -> String? {
        guard let tesseract = ToolLocator.find("tesseract", in: tools) else { return "tesseract" }
        guard case .exited(0, let output, let errors) = LimitedProcess.run(tesseract, ["--list-langs"], limits: limits)
        else {
            return "tesseract"
        }
        let listed = Set(
            (String(decoding: output, as: UTF8.self) + "\n" + errors).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) })
        for language in settings.languages.split(separator: "+") where !listed.contains(String(language)) {
            return language == "chi_sim" ? "tesseract-ocr-chi-sim" : "tesseract-ocr-\(language)"
        }
        return nil
    }

    /// Reads one image file with tesseract.
    static func recognise(imageAt path: String, _ settings: OCRSettings, limits: ConverterLimits, tools: [String])
        -> Result<String, AttachmentFailure>
    {
        guard let tesseract = ToolLocator.find("tesseract", in: tools) else {
            return .failure(.missingConverter("tesseract"))
        }
        return Converter.outcome(
            LimitedProcess.run(tesseract, [path, "stdout", "-l", settings.languages], limits: limits),
            tool: "tesseract", limits: limits
        )
        .flatMap { output, errors, status in
            status == 0
                ? .success(String(decoding: output, as: UTF8.self))
                : .failure(.corrupt("tesseract exit \(status): \(Converter.firstLine(errors))"))
        }
    }

    /// An image attachment's text, one block per paragraph, located 图片（OCR识别）.
    static func image(_ bytes: [UInt8], _ settings: OCRSettings, limits: ConverterLimits, tools: [String]) -> Result<
        [TextBlock], AttachmentFailure
    > {
        let result = TemporaryFile.with(bytes) { path in
            recognise(imageAt: path, settings, limits: limits, tools: tools)
        }
        return (result ?? .failure(.corrupt("cannot write a temporary file"))).map {
            blocks($0, location: imageLocation)
        }
    }

    /// The given PDF pages (the first `maxPages` of them) rendered and read, a page at a time
    /// so the limits hold per page. Stops at the first failure: what was read is kept.
    static func pdfPages(
        _ bytes: [UInt8], pages: [Int], _ settings: OCRSettings, limits: ConverterLimits,
        tools: [String]
    ) -> (blocks: [TextBlock], failure: AttachmentFailure?) {
        guard let pdftoppm = ToolLocator.find("pdftoppm", in: tools) else { return ([], .missingConverter("pdftoppm")) }
        let outcome = TemporaryFolder.with { folder -> ([TextBlock], AttachmentFailure?) in
            let input = folder + "/in.pdf"
            guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
                return ([], .corrupt("cannot write a temporary file"))
            }
            var out: [TextBlock] = []
            for page in pages.prefix(settings.maxPages) {
                let image = folder + "/page"
                let rendered = Converter.outcome(
                    LimitedProcess.run(
                        pdftoppm,
                        [
                            "-r", String(settings.resolution), "-png", "-f", String(page), "-l", String(page),
                            "-singlefile", input, image,
                        ], limits: limits), tool: "pdftoppm", limits: limits)
                switch rendered {
                case .failure(let failure): return (out, failure)
                case .success(let (_, errors, status)) where status != 0:
                    return (out, .corrupt("pdftoppm exit \(status): \(Converter.firstLine(errors))"))
                case .success: break
                }
                // The picture is a file, not output: its size is capped here.
                let size = (try? FileManager.default.attributesOfItem(atPath: image + ".png")[.size] as? Int) ?? nil
                guard let size, size <= limits.outputBytes else { return (out, .tooLarge("第\(page)页图像过大")) }
                switch recognise(imageAt: image + ".png", settings, limits: limits, tools: tools) {
                case .failure(let failure): return (out, failure)
                case .success(let text): out += blocks(text, location: pageLocation(page))
                }
                try? FileManager.default.removeItem(atPath: image + ".png")
            }
            return (out, nil)
        }
        return outcome ?? ([], .corrupt("cannot make a temporary folder"))
    }

    private static func blocks(_ text: String, location: String) -> [TextBlock] {
        PlainTextParagraphs.split(text).map {
            TextBlock(scope: .attachment, text: $0.0, line: $0.1, location: location)
        }
    }
}
