import Foundation
import GovCore
import Testing
@testable import GovAttach

/// OCR of scanned attachments (issue 15 item 6) with the real tesseract and pdftoppm on
/// make.py's scanned.png (a Chromium screenshot of a name and an ID number) and scanned.pdf
/// (that picture as a PDF without a text layer, by img2pdf).
@Suite struct OCRTests {
    static let number = "320106199003071234"
    static let installed =
        OCR.missing(OCRSettings(), limits: ConverterLimits(), tools: ToolLocator.defaultFolders) == nil

    @Test(.enabled(if: installed, "tesseract with chi_sim is not installed"))
    func scannedPDFPageIsReadByOCRWithItsPage() throws {
        let text = try AttachmentFixtures.read("scanned.pdf", reader: AttachmentReader(ocr: OCRSettings())).get()
        #expect(text.isEmpty)
        #expect(text.pagesWithoutText == [1])
        #expect(text.recognitionFailure == nil)
        let hits = text.recognised.filter { $0.text.contains(Self.number) }
        #expect(!hits.isEmpty, "\(text.recognised.map(\.text))")
        #expect(hits.allSatisfy { $0.location == "第1页（OCR识别）" })
    }

    @Test(.enabled(if: installed, "tesseract with chi_sim is not installed"))
    func imageAttachmentIsReadByOCR() throws {
        // Named .pdf: the bytes (PNG magic) decide, as for every attachment.
        let text = try AttachmentFixtures.read(
            "scanned.png", as: "名单.pdf", reader: AttachmentReader(ocr: OCRSettings())
        ).get()
        #expect(text.format == .image)
        #expect(text.blocks.isEmpty)
        #expect(text.recognised.contains { $0.text.contains(Self.number) && $0.location == "图片（OCR识别）" })
    }

    @Test func withoutOCRAScanHasNoTextAndAnImageIsUnsupported() throws {
        let text = try AttachmentFixtures.read("scanned.pdf").get()
        #expect(text.isEmptyWithRecognised)
        #expect(text.pagesWithoutText == [1])
        #expect(try AttachmentFixtures.read("scanned.png") == .failure(.unsupported("PNG 图片")))
    }

    /// OCR on, tesseract absent (a tool folder with only poppler's programs): the reader
    /// names what is missing and reads as without OCR.
    @Test func missingTesseractIsNamedAndNothingIsRecognised() throws {
        let folder = NSTemporaryDirectory() + "/govlint-ocr-tools-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for tool in ["pdftotext", "pdftoppm"] {
            let path = try #require(ToolLocator.find(tool))
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + tool, withDestinationPath: path)
        }
        let reader = AttachmentReader(toolFolders: [folder], ocr: OCRSettings())
        #expect(reader.ocrMissing == "tesseract")
        let text = try AttachmentFixtures.read("scanned.pdf", reader: reader).get()
        #expect(text.isEmptyWithRecognised)
        #expect(try AttachmentFixtures.read("scanned.png", reader: reader) == .failure(.unsupported("PNG 图片")))
    }

    /// The page cap: no page beyond `maxPages` is rendered.
    @Test(.enabled(if: installed, "tesseract with chi_sim is not installed"))
    func pageCapStopsOCR() throws {
        let bytes = try AttachmentFixtures.bytes("scanned.pdf")
        let none = OCR.pdfPages(
            bytes, pages: [1], OCRSettings(maxPages: 0), limits: ConverterLimits(), tools: ToolLocator.defaultFolders)
        #expect(none.blocks.isEmpty && none.failure == nil)
    }
}
