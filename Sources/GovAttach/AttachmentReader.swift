import Foundation
import GovCore
import GovExtract
#if canImport(Glibc)
    import Glibc
#endif

/// Why an attachment could not be read. `chinese` is what notices print (未能检查（…）).
public enum AttachmentFailure: Error, Sendable, Hashable {
    /// A converter is not installed: the operator's problem, not the site's.
    case missingConverter(String)
    case encrypted
    case corrupt(String)
    case tooLarge(String)
    case timedOut(seconds: Int)
    case unsupported(String)

    public var chinese: String {
        switch self {
        case .missingConverter(let tool): "缺少 \(tool)"
        case .encrypted: "文件已加密，无法读取内容"
        case .corrupt: "文件已损坏或不完整，无法读取内容"
        case .tooLarge(let what): "文件过大（\(what)），未读取"
        case .timedOut(let seconds): "转换超时（超过 \(seconds) 秒），已终止"
        case .unsupported(let kind): "不支持的附件格式（\(kind)）"
        }
    }

    /// The detail for logs (English, for the operator).
    public var detail: String {
        switch self {
        case .missingConverter(let tool): "\(tool) is not installed"
        case .encrypted: "encrypted"
        case .corrupt(let why): "corrupt: \(why)"
        case .tooLarge(let what): "over the limit: \(what)"
        case .timedOut(let seconds): "converter killed after \(seconds) s"
        case .unsupported(let kind): "unsupported: \(kind)"
        }
    }
}

/// Limits for one attachment: the converter's, and the zip reader's.
public struct AttachmentLimits: Sendable, Hashable {
    public var converter: ConverterLimits
    public var maxZipEntries: Int
    /// Decompressed bytes read from one OOXML/OFD archive, all parts together.
    public var maxUnzippedBytes: Int

    public init(
        converter: ConverterLimits = ConverterLimits(), maxZipEntries: Int = 10_000, maxUnzippedBytes: Int = 256 << 20
    ) {
        self.converter = converter; self.maxZipEntries = maxZipEntries; self.maxUnzippedBytes = maxUnzippedBytes
    }
}

/// Turns an attachment's bytes into located text: the entry point of GovAttach.
/// Thread-safe (no state); each converter run is its own child process.
public struct AttachmentReader: Sendable {
    public let limits: AttachmentLimits
    /// Folders searched for the converters.
    public let toolFolders: [String]
    /// OCR of scanned PDF pages and image attachments; nil: off (the default).
    public let ocr: OCRSettings?
    /// With OCR on, what is not installed (tesseract, tesseract-ocr-chi-sim): checked once
    /// here, said once per run by the caller; pictures then stay unread as without OCR.
    public let ocrMissing: String?

    public init(
        limits: AttachmentLimits = AttachmentLimits(), toolFolders: [String] = ToolLocator.defaultFolders,
        ocr: OCRSettings? = nil
    ) {
        self.limits = limits
        self.toolFolders = toolFolders
        self.ocr = ocr
        ocrMissing = ocr.flatMap { OCR.missing($0, limits: limits.converter, tools: toolFolders) }
    }

    /// OCR settings when OCR is on and its tools are there.
    private var usableOCR: OCRSettings? { ocrMissing == nil ? ocr : nil }

    /// `name` (a file name or URL) and `contentType` only break ties; the bytes decide.
    public func read(_ bytes: [UInt8], name: String, contentType: String? = nil) -> Result<
        AttachmentText, AttachmentFailure
    > {
        let ext = Self.fileExtension(name)
        switch Sniffer.sniff(bytes) {
        case .pdf:
            let read = PDFConverter.read(bytes, limits: limits.converter, tools: toolFolders)
            guard let ocr = usableOCR, case .success(var text) = read, !text.pagesWithoutText.isEmpty else {
                return read
            }
            (text.recognised, text.recognitionFailure) = OCR.pdfPages(
                bytes, pages: text.pagesWithoutText, ocr,
                limits: limits.converter, tools: toolFolders)
            return .success(text)
        case .zip:
            return readZip(bytes)
        case .ole2:
            let kind = Sniffer.ole2Kind(bytes)
            if kind.encryptedPackage { return .failure(.encrypted) }
            if kind.word && (!kind.sheet || ext == "doc" || ext == "wps") {
                return LegacyOffice.readWord(bytes, limits: limits.converter, tools: toolFolders)
            }
            if kind.sheet {
                return LegacyOffice.readWorkbook(
                    bytes, limits: limits.converter, zipLimits: (limits.maxZipEntries, limits.maxUnzippedBytes),
                    tools: toolFolders)
            }
            return .failure(.unsupported("OLE2 文件（非 Word/Excel）"))
        case .text:
            let isCSV = ext == "csv" || contentType?.lowercased().contains("csv") == true
            return .success(
                isCSV ? DelimitedText.table(bytes, name: nil, separator: UInt8(ascii: ",")) : Self.plainText(bytes))
        case .other(let kind):
            if let ocr = usableOCR, Sniffer.isRecognisableImage(kind) {
                return OCR.image(bytes, ocr, limits: limits.converter, tools: toolFolders)
                    .map { AttachmentText(format: .image, recognised: $0) }
            }
            return .failure(.unsupported(kind))
        }
    }

    private func readZip(_ bytes: [UInt8]) -> Result<AttachmentText, AttachmentFailure> {
        do throws(ZipArchive.Failure) {
            let zip = try ZipArchive(
                bytes: bytes, maxEntries: limits.maxZipEntries, maxTotalBytes: limits.maxUnzippedBytes)
            if zip.contains("word/document.xml") { return .success(try WordDocument.read(zip)) }
            if zip.contains("xl/workbook.xml") { return .success(try Workbook.read(zip)) }
            if zip.contains("OFD.xml") { return .success(try OFDDocument.read(zip)) }
            if zip.names.contains(where: { $0.hasPrefix("ppt/") }) { return .failure(.unsupported("PowerPoint 演示文稿")) }
            return .failure(.unsupported("ZIP 压缩包"))
        } catch {
            switch error {
            case .notZip: return .failure(.corrupt("not a readable zip archive"))
            case .encrypted: return .failure(.encrypted)
            case .tooManyEntries(let n): return .failure(.tooLarge("压缩包内 \(n) 个文件"))
            case .tooLarge(let cap): return .failure(.tooLarge("解压后超过 \(cap >> 20) MB"))
            case .corrupt(let why): return .failure(.corrupt(why))
            }
        }
    }

    /// Plain text by GovExtract's charset sniffing (BOM, UTF-8, else GB18030), a block per
    /// paragraph, located 第N行.
    static func plainText(_ bytes: [UInt8]) -> AttachmentText {
        var text = AttachmentText(format: .text)
        for block in TextDocument.blocks(fromPlainText: bytes) {
            text.blocks.append(TextBlock(scope: .attachment, text: block.text, line: block.line, location: ""))
        }
        return text
    }

    public static func fileExtension(_ name: String) -> String {
        var path = Substring(name)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let last = path.split(separator: "/").last ?? ""
        guard let dot = last.lastIndex(of: ".") else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }
}

/// A private temporary folder (mode 0700), removed with everything in it after use.
enum TemporaryFolder {
    static func with<R>(_ body: (String) -> R) -> R? {
        var template = Array((NSTemporaryDirectory() + "/govlint-attach-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return body(path)
    }
}

/// A temporary file for converters that want a path (pdftotext, catdoc): created private
/// (mode 0600) and removed after the run.
enum TemporaryFile {
    static func with<R>(_ bytes: [UInt8], _ body: (String) -> R) -> R? {
        var template = Array((NSTemporaryDirectory() + "/govlint-attach-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        var written = 0
        let ok = bytes.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        close(fd)
        guard ok else { return nil }
        return body(path)
    }
}
