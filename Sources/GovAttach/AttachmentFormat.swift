import Foundation

/// The formats govlint reads inside, recognised by content: `%PDF`, a zip archive holding
/// word/document.xml, xl/workbook.xml or OFD.xml, an OLE2 compound file (D0 CF 11 E0) whose
/// directory names a WordDocument (Word, WPS) or Workbook/Book (Excel, ET) stream, or text.
/// The extension and the Content-Type only break ties (a text file is CSV by its name) —
/// servers label attachments application/octet-stream, or text/html, as often as rightly.
public enum AttachmentFormat: String, Sendable, Hashable, CaseIterable {
    /// `image`: a PNG or JPEG, read only by OCR (when `attachments.ocr` is on).
    case pdf, docx, xlsx, doc, xls, ofd, text, csv, image

    /// PDF, OFD and plain text have lines on pages; their findings say the line too.
    public var hasLines: Bool { self == .pdf || self == .ofd || self == .text }

    /// The extensions the config's `attachments.types` names for this format.
    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .docx: ["docx"]
        case .xlsx: ["xlsx"]
        case .doc: ["doc", "wps"]
        case .xls: ["xls", "et"]
        case .ofd: ["ofd"]
        case .text: ["txt"]
        case .csv: ["csv"]
        case .image: ["png", "jpg", "jpeg"]
        }
    }

    /// Every extension govlint reads without OCR (the config default for `attachments.types`).
    public static let readableExtensions: [String] = allCases.filter { $0 != .image }.flatMap(\.extensions)
}

/// What the first bytes of an attachment say it is.
enum Sniffed: Equatable {
    case pdf
    case zip
    case ole2
    case text
    /// An image, an archive, an executable …: named for the message.
    case other(String)
}

enum Sniffer {
    static func sniff(_ bytes: [UInt8]) -> Sniffed {
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && bytes[offset..<offset + signature.count].elementsEqual(signature)
        }
        // A PDF may carry junk before its header (the spec allows up to 1 KB).
        let head = bytes.prefix(1024)
        if let p = head.firstIndex(of: 0x25), starts(Array("%PDF-".utf8), at: p) { return .pdf }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        let others: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "PNG 图片"), ([0xFF, 0xD8, 0xFF], "JPEG 图片"), (Array("GIF8".utf8), "GIF 图片"),
            (Array("Rar!".utf8), "RAR 压缩包"), ([0x37, 0x7A, 0xBC, 0xAF], "7z 压缩包"), ([0x1F, 0x8B], "gzip 压缩包"),
            ([0x7F, 0x45, 0x4C, 0x46], "可执行文件"), (Array("MZ".utf8), "可执行文件"), (Array("{\\rtf".utf8), "RTF 文档"),
        ]
        for (signature, name) in others where starts(signature) { return .other(name) }
        if isText(bytes) { return .text }
        return .other("未知二进制格式")
    }

    /// The pictures tesseract reads (the names `sniff` gives them).
    static func isRecognisableImage(_ kind: String) -> Bool { kind == "PNG 图片" || kind == "JPEG 图片" }

    /// Text: a UTF-16 byte-order mark, or no NUL byte and few control characters in the first 4 KB.
    static func isText(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return true
        }
        let head = bytes.prefix(4096)
        if head.contains(0) { return false }
        let controls = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C && $0 != 0x1B }
            .count
        return controls * 10 <= head.count
    }

    /// Which kind of OLE2 document: the directory holds the stream names in UTF-16LE, so a
    /// byte search for them tells Word (WordDocument) from Excel (Workbook, Book) and an
    /// encrypted OOXML package (EncryptedPackage) without parsing the compound file.
    static func ole2Kind(_ bytes: [UInt8]) -> (word: Bool, sheet: Bool, encryptedPackage: Bool) {
        func utf16(_ s: String) -> [UInt8] { s.utf8.flatMap { [$0, 0] } }
        return (
            ByteSearch.contains(bytes, utf16("WordDocument")),
            ByteSearch.contains(bytes, utf16("Workbook")) || ByteSearch.contains(bytes, utf16("Book\0")),
            ByteSearch.contains(bytes, utf16("EncryptedPackage"))
        )
    }
}

/// Linear search for a short pattern (first-byte scan with memchr, then compare).
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { h -> Bool in
            var start = 0
            let last = h.count - needle.count
            while start <= last {
                guard let found = memchr(h.baseAddress! + start, Int32(first), last - start + 1) else { return false }
                let index = h.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if (1..<needle.count).allSatisfy({ h[index + $0] == needle[$0] }) { return true }
                start = index + 1
            }
            return false
        }
    }
}
