import GovCore
#if canImport(Glibc)
    import Glibc
#endif

/// Local files for `govlint check`: plain text into blocks, and the two sniffing questions
/// the command asks first (is it HTML? is it binary?).
public enum TextDocument {
    /// One `.plain` block per paragraph (paragraphs are separated by blank lines); each
    /// block's `line` is the 1-based line its paragraph starts on, and its text keeps the
    /// paragraph's inner line breaks. Charset: UTF-8, UTF-16 or UTF-32 by BOM, else UTF-8 when the
    /// bytes are UTF-8 or nearly so, else GB18030; invalid bytes become U+FFFD.
    public static func blocks(fromPlainText bytes: [UInt8]) -> [TextBlock] {
        let text = bytes.withUnsafeBufferPointer { raw -> String in
            let (charset, bomLength) =
                Charset.byteOrderMark(raw)
                ?? (Charset.undeclaredCharset(raw), 0)
            let body = UnsafeBufferPointer(rebasing: raw[bomLength...])
            // A stray NUL is dropped (as a browser does) after decoding: UTF-16/32 text is made of them.
            let text = Charset.transcode(body, from: charset)
            guard text.utf8.contains(0) else { return text }
            return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" }))
        }
        var blocks: [TextBlock] = []
        var paragraph: [Substring] = []
        var paragraphLine = 1
        func finishParagraph() {
            guard !paragraph.isEmpty else { return }
            blocks.append(TextBlock(scope: .plain, text: paragraph.joined(separator: "\n"), line: paragraphLine))
            paragraph.removeAll()
        }
        // "\r\n" is a single Character, so it is named as a separator of its own.
        let lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) {
                finishParagraph()
            } else {
                if paragraph.isEmpty { paragraphLine = index + 1 }
                paragraph.append(line)
            }
        }
        finishParagraph()
        return blocks
    }

    /// Whether a local file should be read as HTML: a doctype or one of the common
    /// document-level tags within the first KB.
    public static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let markers = [
            "<!doctype html", "<html", "<head", "<body", "<meta ", "<title", "<div", "<p>", "<p ", "<table", "<br",
        ]
        return markers.contains { marker in
            let pattern = Array(marker.utf8)
            guard head.count >= pattern.count else { return false }
            return (0...(head.count - pattern.count)).contains { start in
                head[start..<start + pattern.count].elementsEqual(pattern)
            }
        }
    }

    /// Whether the bytes are a binary file (a PDF, image, archive, Office file …) rather
    /// than text: a known file signature, or control bytes (NUL included) making up more than
    /// a tenth of the first KB. One stray NUL does not make a page binary: browsers show
    /// such pages, so an inspector must read them (the NULs are dropped before parsing).
    /// UTF-16 and UTF-32 text (with its BOM) is text.
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let head = Array(bytes.prefix(1024))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            || head.starts(with: [0x00, 0x00, 0xFE, 0xFF])
        {
            return false
        }
        if binarySignatures.contains(where: { head.starts(with: $0) }) { return true }
        // ISO base media (MP4, HEIC) and RIFF (WebP, AVI, WAV) carry their tag after a size.
        if head.count >= 12, head[4..<8].elementsEqual("ftyp".utf8) || head[0..<4].elementsEqual("RIFF".utf8) {
            return true
        }
        return controlShareIsBinary(head)
    }

    /// File signatures ("magic bytes") of the formats servers mislabel as text/html.
    static let binarySignatures: [[UInt8]] = [
        Array("%PDF-".utf8),  // PDF
        [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x05, 0x06],  // zip: docx, xlsx, ofd, jar
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],  // OLE: doc, xls, wps, et
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],  // PNG
        Array("GIF87a".utf8), Array("GIF89a".utf8),  // GIF
        [0xFF, 0xD8, 0xFF],  // JPEG
        Array("Rar!".utf8), [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C],  // RAR, 7z
        // gzip, bzip2, xz, zstd
        [0x1F, 0x8B], Array("BZh".utf8), [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD],
        [0x7F, 0x45, 0x4C, 0x46], Array("MZ".utf8),  // ELF, Windows executables
        [0x00, 0x00, 0x01, 0x00], Array("wOFF".utf8), Array("wOF2".utf8),  // ICO, web fonts
    ]

    /// More than one byte in twenty a control character other than tab, line breaks, form
    /// feed and escape (NUL and DEL count): random or compressed bytes have about one in
    /// nine (28 of 256 values), text almost none. One in ten was too close to one in nine:
    /// a kilobyte of random bytes fell under it about one time in six.
    static func controlShareIsBinary(_ head: [UInt8]) -> Bool {
        let controls = head.reduce(0) { count, b in
            count + ((b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B) || b == 0x7F ? 1 : 0)
        }
        return head.count > 0 && controls * 20 > head.count
    }

    /// The bytes without NUL: browsers ignore a NUL in text, and libxml2 and the rules
    /// should see the page as a reader does (赌\0博 is 赌博). Returns nil when there is none.
    public static func withoutNULs(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let base = bytes.baseAddress, memchr(base, 0, bytes.count) != nil else { return nil }
        var copy: [UInt8] = []
        copy.reserveCapacity(bytes.count)
        for b in bytes where b != 0 { copy.append(b) }
        return copy
    }
}
