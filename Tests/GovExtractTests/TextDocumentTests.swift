import Testing
import GovCore
@testable import GovExtract

@Suite struct TextDocumentTests {
    @Test func paragraphsWithLineNumbers() {
        let text = "第一段第一行\r\n第一段第二行\r\n\r\n\r\n第二段\n　\n第三段\n"
        let blocks = TextDocument.blocks(fromPlainText: Array(text.utf8))
        #expect(
            blocks == [
                TextBlock(scope: .plain, text: "第一段第一行\n第一段第二行", line: 1),
                TextBlock(scope: .plain, text: "第二段", line: 5),
                TextBlock(scope: .plain, text: "第三段", line: 7),
            ])
    }

    @Test func gbkTextWithoutBOM() throws {
        let blocks = TextDocument.blocks(fromPlainText: try gbk("任命王堃同志\n\n认真部署工作"))
        #expect(blocks.map(\.text) == ["任命王堃同志", "认真部署工作"])
        #expect(blocks.map(\.line) == [1, 3])
    }

    @Test func utf16WithBOM() {
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in "政务公开\n\n第二段".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(TextDocument.blocks(fromPlainText: bytes).map(\.text) == ["政务公开", "第二段"])
    }

    @Test func invalidBytesAreReplacedNotDropped() throws {
        let bytes = try gbk("前半句") + [0xFF] + (try gbk("后半句"))
        #expect(TextDocument.blocks(fromPlainText: bytes).map(\.text) == ["前半句\u{FFFD}后半句"])
    }

    @Test func emptyText() {
        #expect(TextDocument.blocks(fromPlainText: []).isEmpty)
        #expect(TextDocument.blocks(fromPlainText: Array(" \n\n \n".utf8)).isEmpty)
    }

    @Test func htmlSniffing() {
        #expect(TextDocument.looksLikeHTML(Array("\u{FEFF}<!DOCTYPE html><html>".utf8)))
        #expect(TextDocument.looksLikeHTML(Array("  <DIV class=x>正文</DIV>".utf8)))
        #expect(TextDocument.looksLikeHTML(Array("<p>一段</p>".utf8)))
        #expect(!TextDocument.looksLikeHTML(Array("关于印发<实施方案>的通知\n正文 a<b".utf8)))
    }

    @Test func binarySniffing() throws {
        #expect(TextDocument.looksBinary(Array("%PDF-1.7\n".utf8)))
        #expect(TextDocument.looksBinary([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]))
        #expect(TextDocument.looksBinary([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        #expect(TextDocument.looksBinary(Array("abc".utf8) + [0] + Array("def".utf8)))
        #expect(TextDocument.looksBinary((0..<200).map { UInt8($0 % 31 + 1) }))
        #expect(!TextDocument.looksBinary(Array("正常的文字\r\n\t第二行".utf8)))
        #expect(!TextDocument.looksBinary(try gbk("正常的国标文字")))
        #expect(!TextDocument.looksBinary([0xFF, 0xFE, 0x3F, 0x00, 0x00, 0x00]))
    }
}
