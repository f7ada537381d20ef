import Testing
import GovCore
@testable import GovExtract

@Suite struct CharsetTests {
    let chinese = "政务公开：任命王堃、李喆、朱镕同志"

    @Test func gbkLabelsReadAsGB18030() {
        for label in ["gb2312", "GBK", "x-gbk", "cp936", "GB_2312-80", "gb18030"] {
            #expect(Charset.canonicalName(label, fromMeta: true) == "gb18030", "\(label)")
        }
    }

    @Test func headerCharsetDecodesGBK() throws {
        let bytes = try gbk(chinese)
        let decoded = Charset.decode(bytes, contentType: "text/html; charset=\"GB2312\"")
        #expect(decoded.charset == "gb18030")
        #expect(decoded.text == chinese)
    }

    /// Regression: a page declaring GB2312 whose bytes are valid UTF-8 was read as mojibake
    /// (and every typo on it missed); the bytes are believed when they are plainly UTF-8.
    @Test func gb2312DeclaredOverValidUTF8IsReadAsUTF8() {
        let page = Array(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>\(chinese)</body></html>"
                .utf8)
        let decoded = Charset.decode(page, contentType: "text/html")
        #expect(decoded.charset == "utf-8")
        #expect(decoded.text.contains(chinese))
    }

    /// Regression: a header claiming GBK over a UTF-8 body missed the typos silently.
    @Test func gbkHeaderOverValidUTF8IsReadAsUTF8() {
        let decoded = Charset.decode(Array(chinese.utf8), contentType: "text/html; charset=GBK")
        #expect(decoded.charset == "utf-8")
        #expect(decoded.text == chinese)
    }

    /// The fix believes UTF-8 only when the bytes are valid UTF-8: real GBK stays GBK.
    @Test func realGBKLabelledGB2312StaysGBK() throws {
        let bytes = try gbk("<meta charset=gb2312><p>" + chinese + "</p>")
        let decoded = Charset.decode(bytes, contentType: nil)
        #expect(decoded.charset == "gb18030")
        #expect(decoded.text.contains(chinese))
    }

    @Test func byteOrderMarkWinsOverWrongHeader() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(chinese.utf8)
        let decoded = Charset.decode(bytes, contentType: "text/html; charset=gbk")
        #expect(decoded.charset == "utf-8")
        #expect(decoded.text == chinese)
    }

    @Test func utf16ByteOrderMark() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in chinese.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let decoded = Charset.decode(bytes, contentType: nil)
        #expect(decoded.charset == "utf-16le")
        #expect(decoded.text == chinese)
    }

    @Test func metaPrescanFindsBothForms() {
        let http = Array(
            #"<html><head><!-- <meta charset="big5"> --><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312"></head>"#
                .utf8)
        #expect(http.withUnsafeBufferPointer { Charset.prescanDeclaredCharset($0) } == "gb2312")
        let short = Array("<meta charset=utf-8/><title>x</title>".utf8)
        #expect(short.withUnsafeBufferPointer { Charset.prescanDeclaredCharset($0) } == "utf-8")
        let xml = Array(#"<?xml version="1.0" encoding='GBK'?><rss/>"#.utf8)
        #expect(xml.withUnsafeBufferPointer { Charset.prescanDeclaredCharset($0) } == "GBK")
    }

    @Test func undeclaredInvalidUTF8IsGB18030() throws {
        let decoded = Charset.decode(try gbk(chinese), contentType: "text/html")
        #expect(decoded.charset == "gb18030")
        #expect(decoded.text == chinese)
    }

    @Test func undeclaredValidUTF8StaysUTF8() {
        let decoded = Charset.decode(Array(chinese.utf8), contentType: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.text == chinese)
    }

    @Test func unknownLabelFallsBackToSniffing() {
        let decoded = Charset.decode(Array(chinese.utf8), contentType: "text/html; charset=no-such-charset")
        #expect(decoded.charset == "utf-8")
    }

    @Test func invalidBytesBecomeReplacementCharacters() throws {
        let bytes = try gbk("前文") + [0xFF] + (try gbk("后文全部保留")) + [0x81]
        let decoded = Charset.decode(bytes, contentType: "text/html; charset=gbk")
        #expect(decoded.text == "前文\u{FFFD}后文全部保留\u{FFFD}")
    }

    @Test func invalidUTF8DeclaredUTF8IsRepaired() {
        let bytes = Array("开头".utf8) + [0xC3, 0x28] + Array("结尾".utf8)
        let decoded = Charset.decode(bytes, contentType: "text/html; charset=utf-8")
        #expect(decoded.text.hasPrefix("开头\u{FFFD}"))
        #expect(decoded.text.hasSuffix("结尾"))
    }

    @Test func utf8Validation() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { Charset.isValidUTF8($0) } }
        #expect(valid(Array("𠀀中文abc".utf8)))
        #expect(!valid([0xC0, 0x80]))  // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))  // surrogate
        #expect(!valid([0xE4, 0xB8]))  // truncated
    }
}

/// GBK bytes through glibc iconv (the same converter the product uses in reverse).
func gbk(_ text: String) throws -> [UInt8] {
    let converted = text.utf8.withContiguousStorageIfAvailable { Charset.convert($0, from: "UTF-8", to: "GBK") } ?? nil
    return try #require(converted)
}

/// Server-wide default headers that cannot describe the page (Tomcat's ISO-8859-1, a
/// blanket UTF-8) lose to the page's own evidence.
@Suite struct ImplausibleHeaderTests {
    @Test(arguments: ["text/html; charset=ISO-8859-1", "text/html; charset=utf-8"])
    func gbkPageBehindAWrongHeaderReadsRight(header: String) throws {
        let page = try gbk(
            "<html><head><meta charset=\"gbk\"><title>通知公告</title></head><body><p>关于做好冬季供暖工作的通知，请各单位认真落实。</p></body></html>"
        )
        let decoded = Charset.decode(page, contentType: header)
        #expect(decoded.charset == "gb18030")
        #expect(decoded.text.contains("关于做好冬季供暖工作的通知"))
    }

    @Test func aLatinHeaderOnAnASCIIPageStands() {
        #expect(
            Charset.decode(Array("<p>hello</p>".utf8), contentType: "text/html; charset=iso-8859-1").charset
                == "windows-1252")
    }
}
