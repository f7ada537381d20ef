import Foundation
import GovCore
import Testing
@testable import GovAttach

/// The committed fixtures of Tests/Fixtures/attachments (made by make.py with Chromium,
/// python-docx, openpyxl, xlwt, LibreOffice and qpdf).
enum AttachmentFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attachments").path

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: folder + "/" + name])
        }
        return [UInt8](data)
    }

    /// planted.tsv: file, location, rule, match.
    static func planted() throws -> [[String]] {
        let text = try String(contentsOfFile: folder + "/planted.tsv", encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func read(
        _ name: String, as given: String? = nil, contentType: String? = nil,
        reader: AttachmentReader = AttachmentReader()
    ) throws -> Result<AttachmentText, AttachmentFailure> {
        reader.read(try bytes(name), name: given ?? name, contentType: contentType)
    }
}

@Suite struct AttachmentReaderTests {
    /// Every planted typo is in a block at its planted location (PDF page, sheet!cell, Word
    /// paragraph or table cell, OFD page, text line).
    @Test(arguments: ["policy.pdf", "draft.docx", "list.xlsx", "legacy.doc", "legacy.xls", "notice.ofd", "notice.txt"])
    func plantedTypoIsAtItsLocation(_ file: String) throws {
        let text = try AttachmentFixtures.read(file).get()
        let typos = try AttachmentFixtures.planted().filter { $0[0] == file && $0[2] == "typo" }
        #expect(!typos.isEmpty)
        for typo in typos {
            let location = typo[1], word = typo[3]
            let hits = text.blocks.filter { $0.text.contains(word) }
            #expect(!hits.isEmpty, "\(file): \(word) not read")
            if text.format.hasLines, location.hasPrefix("第"), location.hasSuffix("行") {
                #expect(hits.contains { $0.line == Int(location.dropFirst().dropLast()) }, "\(file): \(hits)")
            } else {
                #expect(hits.contains { $0.location == location }, "\(file): \(word) at \(hits.map(\.location))")
            }
        }
    }

    @Test func pdfKeepsItsPages() throws {
        let text = try AttachmentFixtures.read("policy.pdf").get()
        #expect(text.format == .pdf)
        #expect(text.pageCount == 5)
        let page4 = text.blocks.filter { $0.location == "第4页" }.map(\.text).joined()
        #expect(page4.contains("110105197001101001"))
        #expect(!text.blocks.filter { $0.location != "第4页" }.contains { $0.text.contains("110105197001101001") })
    }

    @Test func workbookSheetsCellsAndNames() throws {
        let text = try AttachmentFixtures.read("list.xlsx").get()
        #expect(text.tables.map(\.name) == ["说明", "名单"])
        let list = try #require(text.tables.last)
        #expect(list.rows.first?.map(\.text) == ["序号", "姓名", "身份证号码", "联系电话", "银行卡号", "备注"])
        #expect(list.rows[1].first { $0.location == "名单!C2" }?.text.count == 18)
        // The legacy workbook: LibreOffice keeps the sheet names too.
        let legacy = try AttachmentFixtures.read("legacy.xls").get()
        #expect(legacy.format == .xls)
        #expect(legacy.tables.count == 2)
        #expect(legacy.blocks.contains { $0.location?.hasSuffix("!C2") == true && $0.text.count == 18 })
    }

    @Test func wordTableCellsAreLocated() throws {
        let text = try AttachmentFixtures.read("draft.docx").get()
        let table = try #require(text.tables.first)
        #expect(table.name == "表格1")
        #expect(table.rows.count == 3)
        #expect(table.rows[2][1].location == "表格1 第3行第2列")
        #expect(table.rows[2][1].text.count == 18)
        #expect(text.blocks.first?.location == "段落1")
    }

    /// A server's label is not believed: a .docx sent as text/html under a .pdf name is a .docx.
    @Test func formatComesFromTheBytes() throws {
        #expect(
            try AttachmentFixtures.read("draft.docx", as: "http://a.gov.cn/x.pdf", contentType: "text/html").get()
                .format == .docx)
        #expect(
            try AttachmentFixtures.read("policy.pdf", as: "download.do?id=3", contentType: "application/octet-stream")
                .get().format == .pdf)
        #expect(try AttachmentFixtures.read("legacy.doc", as: "通知.wps").get().format == .doc)
        #expect(
            try AttachmentFixtures.read("list.xlsx", as: "list.zip", contentType: "application/zip").get().format
                == .xlsx)
        #expect(try AttachmentFixtures.read("notice.ofd", as: "file").get().format == .ofd)
    }

    @Test func csvInGB18030() throws {
        let text = try AttachmentFixtures.read("list.csv").get()
        #expect(text.format == .csv)
        #expect(text.tables.first?.rows.first?.map(\.text) == ["姓名", "身份证号码", "联系电话"])
        #expect(text.blocks.contains { $0.location == "B2" && $0.text.count == 18 })
    }

    @Test func csvQuotingAndLinearity() {
        let row = "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",plain\n"
        let text = DelimitedText.table(Array(row.utf8), name: nil, separator: UInt8(ascii: ","), utf8: true)
        #expect(text.tables.first?.rows.first?.map(\.text) == ["a,b", "say \"hi\"", "two\nlines", "plain"])
        // An unclosed quote swallows the rest (one field), never more than one pass.
        let open = DelimitedText.table(
            Array(("\"" + String(repeating: "x,", count: 50_000)).utf8), name: nil, separator: 44, utf8: true)
        #expect(open.blocks.count == 1)
    }

    @Test func cellReferences() {
        #expect(CellReference.name(row: 7, column: 3) == "C7")
        #expect(CellReference.columnName(28) == "AB")
        #expect(CellReference.columnName(703) == "AAA")
        #expect(CellReference.parse("AB12")! == (12, 28))
        #expect(CellReference.parse("12") == nil)
    }
}

@Suite struct HostileAttachmentTests {
    /// A zip bomb inside a .docx stops at the decompression cap, whatever sizes it claims.
    @Test func zipBombStopsAtTheCap() throws {
        let reader = AttachmentReader(limits: AttachmentLimits(maxUnzippedBytes: 8 << 20))
        let result = try AttachmentFixtures.read("hostile/bomb.docx", reader: reader)
        #expect(result == .failure(.tooLarge("解压后超过 8 MB")))
    }

    @Test func truncatedFilesAreCorrupt() throws {
        guard case .failure(.corrupt) = try AttachmentFixtures.read("hostile/truncated.docx") else {
            Issue.record("truncated docx read as fine"); return
        }
        let pdf = try AttachmentFixtures.read("hostile/truncated.pdf")
        guard case .failure(.corrupt) = pdf else { Issue.record("truncated pdf: \(pdf)"); return }
    }

    @Test func encryptedPDF() throws {
        #expect(try AttachmentFixtures.read("hostile/encrypted.pdf") == .failure(.encrypted))
    }

    /// A PDF that keeps pdftotext busy for seconds of CPU is killed at the CPU limit.
    @Test func heavyPDFIsKilledAtTheLimit() throws {
        let reader = AttachmentReader(
            limits: AttachmentLimits(converter: ConverterLimits(cpuSeconds: 1, wallSeconds: 20)))
        let started = Date()
        let result = try AttachmentFixtures.read("hostile/heavy.pdf", reader: reader)
        #expect(result == .failure(.timedOut(seconds: 1)))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    /// No converter installed: the attachment is “未能检查（缺少 pdftotext）”, never a crash.
    @Test func missingConverter() throws {
        let reader = AttachmentReader(toolFolders: ["/nonexistent"])
        let result = try AttachmentFixtures.read("policy.pdf", reader: reader)
        #expect(result == .failure(.missingConverter("pdftotext")))
        #expect(AttachmentFailure.missingConverter("pdftotext").chinese == "缺少 pdftotext")
        #expect(try AttachmentFixtures.read("legacy.doc", reader: reader) == .failure(.missingConverter("catdoc")))
        // The zip formats need no converter.
        #expect(try AttachmentFixtures.read("draft.docx", reader: reader).get().format == .docx)
    }

    @Test func imagesAndArchivesAreUnsupported() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
        #expect(AttachmentReader().read(png, name: "a.pdf") == .failure(.unsupported("PNG 图片")))
    }
}

@Suite struct LimitedProcessTests {
    @Test func outputIsCapped() {
        let limits = ConverterLimits(cpuSeconds: 10, wallSeconds: 10, outputBytes: 1 << 20)
        guard case .outputTooLarge = LimitedProcess.run("/usr/bin/yes", [], limits: limits) else {
            Issue.record("yes was not stopped at the output cap"); return
        }
    }

    @Test func wallClockDeadline() {
        let started = Date()
        guard case .timedOut = LimitedProcess.run("/bin/sleep", ["30"], limits: ConverterLimits(wallSeconds: 1)) else {
            Issue.record("sleep was not stopped"); return
        }
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func cpuLimitKillsALoop() {
        let result = LimitedProcess.run(
            "/bin/sh", ["-c", "while :; do :; done"], limits: ConverterLimits(cpuSeconds: 1, wallSeconds: 30))
        guard case .signalled(let signal, _) = result else { Issue.record("loop not killed: \(result)"); return }
        #expect(signal == 24 || signal == 9)
    }

    @Test func memoryLimitRefusesAllocations() {
        let result = LimitedProcess.run(
            "/usr/bin/python3", ["-c", "x = bytearray(1 << 30)"],
            limits: ConverterLimits(memoryBytes: 256 << 20))
        guard case .exited(let status, _, let errors) = result else { Issue.record("\(result)"); return }
        #expect(status != 0)
        #expect(errors.contains("MemoryError"))
    }

    @Test func outputAndStatus() {
        guard case .exited(0, let output, _) = LimitedProcess.run("/bin/echo", ["附件"], limits: ConverterLimits()) else {
            Issue.record("echo failed"); return
        }
        #expect(String(decoding: output, as: UTF8.self) == "附件\n")
    }
}
