#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import GovCore
import GovExtract
import GovLexicon
@testable import GovRules
import GovTestSupport
import Testing

/// Every text rule's own examples, each re-run in the variations of DESIGN.md ("Rules carry
/// their own examples"). An example opts out of a variation with `skipVariations:` and a
/// comment saying why; the names are those of `Variation`.
enum Variation: String, CaseIterable {
    /// Inside `<p>` of a full UTF-8 page: the same findings (whitespace collapsed as a browser does).
    case page
    /// Inside `<script>`, `<style>` and an HTML comment: no finding.
    case hidden
    /// After emoji (a ZWJ sequence), a full-width letter and a CJK Extension B character on a
    /// line of their own: offsets shift by exactly their scalar count, lines by one.
    case prefix
    /// A zero-width space, then a plain space, inside each match between two Chinese
    /// characters: still found, the range one longer (lexicon rules only).
    case spaces
    /// The page re-encoded GB18030 with its meta charset: the same findings.
    case gb18030
    /// Each matched form added to allow.txt: no finding (lexicon rules only).
    case allow
}

private let textRuleIDs = TextRules.all.map { type(of: $0).description.id }

@Test(arguments: textRuleIDs)
func textRuleExamples(_ id: RuleID) throws {
    let rule = try #require(TextRules.all.first { type(of: $0).description.id == id })
    let description = type(of: rule).description
    #expect(!description.triggering.isEmpty, "\(id) has no triggering example")
    #expect(!description.nonTriggering.isEmpty, "\(id) has no non-triggering example")
    let isLexiconRule = rule is any LexiconListRule
    for example in description.triggering {
        ExampleRun(id: id, example: example, triggers: true, isLexiconRule: isLexiconRule)?.runAll()
    }
    for example in description.nonTriggering {
        ExampleRun(id: id, example: example, triggers: false, isLexiconRule: isLexiconRule)?.runAll()
    }
}

/// One example with its parsed marks and lexicon, run in every variation that applies.
private struct ExampleRun {
    let id: RuleID
    let example: Example
    let triggers: Bool
    let isLexiconRule: Bool
    let plain: String
    let expected: [Range<Int>]
    let linter: TextLinter
    let location: SourceLocation

    init?(id: RuleID, example: Example, triggers: Bool, isLexiconRule: Bool) {
        self.id = id; self.example = example; self.triggers = triggers; self.isLexiconRule = isLexiconRule
        let fileName = example.file.split(separator: "/").last.map(String.init) ?? example.file
        location = SourceLocation(fileID: "GovRules/\(fileName)", filePath: example.file, line: example.line, column: 1)
        do {
            let marked = try MarkedText(parsing: example.input)
            plain = marked.text
            expected = marked.ranges
        } catch {
            Issue.record("bad ⟦…⟧ marks: \(error)", sourceLocation: location)
            return nil
        }
        if triggers && expected.isEmpty {
            Issue.record("a triggering example marks no match", sourceLocation: location)
            return nil
        }
        if !triggers && !expected.isEmpty {
            Issue.record("a non-triggering example has ⟦…⟧ marks", sourceLocation: location)
            return nil
        }
        guard let lexicon = Self.lexicon(example.lexicon, location: location) else { return nil }
        linter = TextLinter(lexicon: lexicon)
    }

    static func lexicon(_ files: [String: String], location: SourceLocation) -> Lexicon? {
        do {
            return try Lexicon(files: files, origin: "example")
        } catch {
            Issue.record("example lexicon does not load: \(error)", sourceLocation: location)
            return nil
        }
    }

    func runAll() {
        checkPlain()
        for variation in Variation.allCases where !example.skipVariations.contains(variation.rawValue) {
            switch variation {
            case .page: checkPage(encoding: nil)
            case .hidden: checkHidden()
            case .prefix: checkPrefix()
            case .spaces where isLexiconRule: checkSpaces()
            case .gb18030: checkPage(encoding: "gb18030")
            case .allow where isLexiconRule && triggers: checkAllow()
            case .spaces, .allow: break
            }
        }
        for name in example.skipVariations where Variation(rawValue: name) == nil {
            Issue.record("unknown variation \"\(name)\" in skipVariations", sourceLocation: location)
        }
    }

    // MARK: Comparisons

    private func findings(_ linter: TextLinter, _ blocks: [TextBlock]) -> [Finding] {
        linter.lint(blocks: blocks, url: "example").filter { $0.rule == id }
    }

    private func ranges(_ findings: [Finding]) -> [Range<Int>] {
        findings.compactMap { f in f.offset.map { $0..<($0 + f.match.unicodeScalars.count) } }
            .sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    private func expect(_ found: [Finding], _ want: [Range<Int>], in text: String, _ variation: String) {
        let got = ranges(found)
        let scalars = Array(text.unicodeScalars)
        func show(_ r: [Range<Int>]) -> String {
            r.map {
                $0.upperBound <= scalars.count ? "\($0)「\(String(String.UnicodeScalarView(scalars[$0])))」" : "\($0)"
            }
            .joined(separator: ", ")
        }
        #expect(
            got == want,
            "\(id) [\(variation)]: found [\(show(got))], expected [\(show(want))] in \(text.debugDescription)",
            sourceLocation: location)
        if let suggestion = example.suggestion, !want.isEmpty {
            let first = found.min { ($0.offset ?? 0) < ($1.offset ?? 0) }
            #expect(first?.suggestion == suggestion, "\(id) [\(variation)]: suggestion", sourceLocation: location)
        }
    }

    // MARK: Variations

    /// The example as one plain-text block; also checks line and column.
    private func checkPlain() {
        let found = findings(linter, [TextBlock(scope: .plain, text: plain, line: 1)])
        expect(found, expected, in: plain, "plain")
        let scalars = Array(plain.unicodeScalars)
        for finding in found {
            guard let offset = finding.offset else { continue }
            let before = scalars[..<offset]
            let line = 1 + before.filter { $0 == "\n" }.count
            let col = offset - (before.lastIndex(of: "\n").map { $0 + 1 } ?? 0) + 1
            #expect(
                finding.line == line && finding.col == col,
                "\(id) [plain]: line:col \(finding.line ?? 0):\(finding.col ?? 0), expected \(line):\(col)",
                sourceLocation: location)
            #expect(
                finding.contextHit.map { finding.context.unicodeScalars.count >= $0.upperBound } == true,
                "\(id) [plain]: context hit outside the context", sourceLocation: location)
        }
    }

    private func checkPrefix() {
        let prefix = "👨‍👩‍👧Ａ𠀀\n"
        let shift = prefix.unicodeScalars.count
        let found = findings(linter, [TextBlock(scope: .body, text: prefix + plain, line: 7)])
        expect(found, expected.map { ($0.lowerBound + shift)..<($0.upperBound + shift) }, in: prefix + plain, "prefix")
        for finding in found where !plain.unicodeScalars.prefix(finding.offset.map { $0 - shift } ?? 0).contains("\n") {
            #expect(
                finding.line == 8, "\(id) [prefix]: line \(finding.line ?? 0), expected 8", sourceLocation: location)
        }
    }

    /// Inserts `filler` inside each marked range between two Chinese characters.
    private func checkSpaces() {
        let scalars = Array(plain.unicodeScalars)
        var points: [Int] = []
        for range in expected {
            guard
                let point = (range.lowerBound + 1..<range.upperBound).first(where: {
                    scalars[$0 - 1].isHan && scalars[$0].isHan
                })
            else {
                Issue.record(
                    "\(id) [spaces]: no place between two Chinese characters in \(range); skip the variation with a reason",
                    sourceLocation: location)
                return
            }
            points.append(point)
        }
        for filler in ["\u{200B}", " "] {
            var text = scalars
            for point in points.reversed() { text.insert(Unicode.Scalar(filler)!, at: point) }
            let want = expected.enumerated().map { index, range in
                (range.lowerBound + index)..<(range.upperBound + index + 1)
            }
            let withFiller = String(String.UnicodeScalarView(text))
            expect(
                findings(linter, [TextBlock(scope: .body, text: withFiller)]), want, in: withFiller,
                "spaces \(filler.debugDescription)")
        }
    }

    private func checkAllow() {
        let scalars = Array(plain.unicodeScalars)
        var files = example.lexicon
        let words = expected.map { String(String.UnicodeScalarView(scalars[$0])) }
        files["allow.txt", default: ""] += "\n" + words.joined(separator: "\n") + "\n"
        guard let lexicon = Self.lexicon(files, location: location) else { return }
        let found = findings(TextLinter(lexicon: lexicon), [TextBlock(scope: .body, text: plain)])
        expect(found, [], in: plain, "allow")
    }

    /// Inside `<p>` of a full page, UTF-8 or re-encoded with its meta charset.
    private func checkPage(encoding: String?) {
        let name = encoding ?? "page"
        let html = page(charset: encoding ?? "utf-8", body: "<p>\(escapeHTML(plain))</p>")
        guard let bytes = encoding.map({ transcode(html, to: $0) }) ?? Array(html.utf8) else {
            Issue.record("\(id) [\(name)]: cannot encode the example", sourceLocation: location)
            return
        }
        let blocks = PageExtractor.extract(body: bytes, url: "https://www.example.gov.cn/a.html", contentType: nil)
            .blocks
        let (collapsedText, map) = collapseWhitespace(plain)
        guard let index = blocks.firstIndex(where: { $0.scope == .body && $0.text == collapsedText }) else {
            Issue.record(
                "\(id) [\(name)]: no body block reads \(collapsedText.debugDescription); blocks: \(blocks.map(\.text))",
                sourceLocation: location)
            return
        }
        let want = expected.map { map[$0.lowerBound]..<map[$0.upperBound - 1] + 1 }
        expect(findings(linter, [blocks[index]]), want, in: collapsedText, name)
        var others = blocks
        others.remove(at: index)
        #expect(
            findings(linter, others).isEmpty, "\(id) [\(name)]: findings outside the paragraph",
            sourceLocation: location)
    }

    private func checkHidden() {
        let body = """
            <p>正文</p>
            <script>var example = "\(plain.replacingOccurrences(of: "\n", with: " "))";</script>
            <style>/* \(plain) */</style>
            <!-- \(plain) -->
            """
        let blocks = PageExtractor.extract(
            body: Array(page(charset: "utf-8", body: body).utf8),
            url: "https://www.example.gov.cn/a.html", contentType: nil
        ).blocks
        #expect(
            findings(linter, blocks).isEmpty, "\(id) [hidden]: found in script, style or comment",
            sourceLocation: location)
    }
}

// MARK: Helpers

private func page(charset: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html><head><meta charset="\(charset)"><title>示例页面</title></head>
    <body>
    \(body)
    </body></html>
    """
}

private func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}

/// What a browser shows of text inside `<p>`: runs of ASCII whitespace as one space, trimmed;
/// and for each scalar of the input its offset in the result.
private func collapseWhitespace(_ text: String) -> (String, [Int]) {
    var out: [Unicode.Scalar] = []
    var map: [Int] = []
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
            pendingSpace = !out.isEmpty
            map.append(out.count)
        } else {
            if pendingSpace { out.append(" "); pendingSpace = false }
            map.append(out.count)
            out.append(scalar)
        }
    }
    return (String(String.UnicodeScalarView(out)), map)
}

/// UTF-8 text re-encoded with glibc iconv (the test must not trust the code under test).
private func transcode(_ text: String, to encoding: String) -> [UInt8]? {
    let converter = iconv_open(encoding.uppercased(), "UTF-8")
    guard converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count, outLeft = outBuffer.count
            guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
            return outBuffer.count - outLeft
        }
    }
    return written.map { Array(output.prefix($0)) }
}
