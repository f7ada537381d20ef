import GovCore

/// An OFD document (GB/T 33190, China's fixed-layout format, a zip archive of XML) into one
/// block per page, 第N页: OFD.xml names the document root, its Document.xml lists the pages
/// in order, each page's Content.xml holds TextObjects with TextCode text. A new text object
/// lower on the page (its Boundary's y) starts a new line; text objects on one line are joined.
enum OFDDocument {
    static func read(_ zip: ZipArchive) throws(ZipArchive.Failure) -> AttachmentText {
        guard let root = try zip.read("OFD.xml") else { throw .corrupt("OFD.xml missing") }
        var docRoot: String?
        var inDocRoot = false
        XMLStream.parse(root) { event in
            switch event {
            case .start("DocRoot", _, _): inDocRoot = true
            case .end("DocRoot"): inDocRoot = false
            case .text(let value) where inDocRoot && docRoot == nil:
                docRoot = value.trimmingCharacters(in: .whitespacesAndNewlines)
            default: break
            }
        }
        guard let documentPath = docRoot.map(normalise), let document = try zip.read(documentPath) else {
            throw .corrupt("OFD DocRoot missing")
        }
        let base = directory(of: documentPath)
        var pages: [String] = []
        XMLStream.parse(document) { event in
            if case .start("Page", let attribute, _) = event, let location = attribute("BaseLoc") {
                pages.append(location.hasPrefix("/") ? normalise(location) : normalise(base + location))
            }
        }
        var text = AttachmentText(format: .ofd, pageCount: pages.count)
        for (index, page) in pages.enumerated() {
            // BaseLoc names the page folder (Pages/Page_0) or its Content.xml.
            let content = page.hasSuffix(".xml") ? page : page + "/Content.xml"
            guard let bytes = try zip.read(content) else { text.pagesWithoutText.append(index + 1); continue }
            let pageText = readPage(bytes)
            if pageText.allSatisfy(\.isWhitespace) { text.pagesWithoutText.append(index + 1); continue }
            for (paragraph, line) in PlainTextParagraphs.split(pageText) {
                text.blocks.append(
                    TextBlock(scope: .attachment, text: paragraph, line: line, location: "第\(index + 1)页"))
            }
        }
        return text
    }

    private static func readPage(_ bytes: [UInt8]) -> String {
        var out = ""
        var inCode = false
        var lastY: Double?
        var lastHeight = 0.0
        XMLStream.parse(bytes) { event in
            switch event {
            case .start("TextObject", let attribute, _):
                let box = (attribute("Boundary") ?? "").split(separator: " ").compactMap { Double($0) }
                if box.count == 4 {
                    if let lastY, abs(box[1] - lastY) > max(lastHeight, box[3]) / 2 { out += "\n" }
                    lastY = box[1]
                    lastHeight = box[3]
                }
            case .start("TextCode", _, _): inCode = true
            case .end("TextCode"): inCode = false
            case .text(let value) where inCode: out += value
            default: break
            }
        }
        return out
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// "/Doc_0/./Document.xml" → "Doc_0/Document.xml".
    private static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }
}

/// Paragraphs of converter output: separated by blank lines, each with the 1-based line
/// (within its page) where it starts. A line break inside a paragraph stays.
enum PlainTextParagraphs {
    static func split(_ text: String) -> [(String, Int)] {
        var out: [(String, Int)] = []
        var paragraph: [Substring] = []
        var start = 1
        var number = 0
        for line in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            number += 1
            if line.allSatisfy(\.isWhitespace) {
                if !paragraph.isEmpty { out.append((paragraph.joined(separator: "\n"), start)); paragraph = [] }
            } else {
                if paragraph.isEmpty { start = number }
                paragraph.append(line)
            }
        }
        if !paragraph.isEmpty { out.append((paragraph.joined(separator: "\n"), start)) }
        return out
    }
}
