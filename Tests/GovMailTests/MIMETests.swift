import Foundation
import GovTestSupport
import Testing
@testable import GovMail

/// Writes a message to a temporary .eml and reads it back through Python's email package.
func pythonReading(_ message: MailMessage) throws -> [String: Any] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-\(UUID().uuidString).eml")
    defer { try? FileManager.default.removeItem(at: path) }
    try message.writeEML(to: path.path)
    return try inspectMail(path)
}

func sampleMessage(
    subject: String = "关于某某县人民政府门户网站存在问题的整改通知（2026年11月29日）",
    attachments: [MailAttachment]? = nil
) throws -> MailMessage {
    try MailMessage(
        from: "市政务公开办 <gkb@example.gov.cn>",
        to: ["某某县政府办公室 <web@a.example.gov.cn>", "second@a.example.gov.cn"],
        cc: ["\"Office, Backup\" <cc@example.gov.cn>"],
        subject: subject,
        html: "<p>整改通知正文 <mark>布署</mark></p>",
        text: "整改通知正文 【布署】",
        attachments: attachments ?? [
            MailAttachment(
                filename: "整改台账-county-a-2026-11-29.csv", mimeType: "text/csv; charset=utf-8",
                data: Data([0xEF, 0xBB, 0xBF]) + Data("序号,站点\r\n1,某某县\r\n".utf8)),
            MailAttachment(filename: "整改通知.md", mimeType: "text/markdown; charset=utf-8", data: Data("# 关于整改\n".utf8)),
        ],
        date: Date(timeIntervalSince1970: 1_795_900_000), messageID: "n-1@example.gov.cn")
}

@Suite struct MIMETests {
    @Test func structureAndHeadersReadBackByPythonEmail() throws {
        let message = try sampleMessage()
        let reading = try pythonReading(message)
        #expect(reading["subject"] as? String == message.subject)
        #expect(reading["from"] as? String == "市政务公开办 <gkb@example.gov.cn>")
        #expect((reading["to"] as? String)?.contains("某某县政府办公室 <web@a.example.gov.cn>") == true)
        #expect((reading["cc"] as? String)?.contains("cc@example.gov.cn") == true)
        #expect(reading["message_id"] as? String == "<n-1@example.gov.cn>")
        // 1_795_900_000 = 2026-11-28T21:06:40Z = 2026-11-29 05:06:40 +0800.
        #expect(reading["date"] as? String == "Sun, 29 Nov 2026 05:06:40 +0800")
        #expect(reading["date_parsed"] as? String == "2026-11-29T05:06:40+08:00")
        #expect((reading["defects"] as? [String])?.isEmpty == true)
        #expect((reading["max_line"] as? Int ?? 999) <= 78)
        #expect(reading["bare_lf"] as? Int == 0)

        let root = try #require(reading["structure"] as? [String: Any])
        #expect(root["type"] as? String == "multipart/mixed")
        let parts = try #require(root["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String } == ["multipart/alternative", "text/csv", "text/markdown"])
        let alternative = try #require(parts[0]["parts"] as? [[String: Any]])
        #expect(alternative.map { $0["type"] as? String } == ["text/plain", "text/html"])
        #expect(alternative[0]["text"] as? String == "整改通知正文 【布署】")
        #expect(alternative[1]["text"] as? String == "<p>整改通知正文 <mark>布署</mark></p>")
        #expect(parts[1]["filename"] as? String == "整改台账-county-a-2026-11-29.csv")
        #expect(parts[1]["disposition"] as? String == "attachment")
        #expect(parts[1]["bom"] as? Bool == true)
        #expect((parts[1]["text"] as? String)?.contains("1,某某县") == true)
        #expect(parts[2]["filename"] as? String == "整改通知.md")
        #expect(parts[2]["text"] as? String == "# 关于整改\n")
    }

    @Test func encodingIsDeterministicForOneMessage() throws {
        let message = try sampleMessage()
        #expect(message.encoded() == message.encoded())
        let text = String(decoding: message.encoded(), as: UTF8.self)
        #expect(text.contains("name=\"county-a-2026-11-29.csv\""))
        #expect(text.contains("filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6-county-a-2026-11-29.csv"))
    }

    @Test func longAttachmentNamesUseRFC2231Continuations() throws {
        let name = String(repeating: "某某县人民政府门户网站", count: 3) + "整改台账.csv"
        let message = try sampleMessage(attachments: [
            MailAttachment(filename: name, mimeType: "text/csv", data: Data("a".utf8))
        ])
        let text = String(decoding: message.encoded(), as: UTF8.self)
        #expect(text.contains("filename*0*=UTF-8''") && text.contains("filename*1*="))
        let parts = try #require(
            (try pythonReading(message)["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        #expect(parts[1]["filename"] as? String == name)
    }

    @Test(arguments: [
        "整改通知",
        String(repeating: "关于某某县人民政府门户网站存在问题的整改通知", count: 4),
        "Notice: plain ASCII subject",
        "混合 mixed 文字 with emoji 👨‍👩‍👧‍👦 and =?UTF-8?B?fake?= words " + String(repeating: "长", count: 60),
        String(repeating: "x", count: 120),
    ])
    func subjectsRoundTrip(subject: String) throws {
        let message = try sampleMessage(subject: subject, attachments: [])
        let reading = try pythonReading(message)
        #expect(reading["subject"] as? String == subject)
        #expect((reading["max_line"] as? Int ?? 999) <= 78)
        // RFC 2047: no encoded word over 75 characters.
        let raw = String(decoding: message.encoded(), as: UTF8.self)
        let words = raw.split(whereSeparator: { $0 == " " || $0 == "\r\n" }).filter { $0.hasPrefix("=?UTF-8?B?") }
        #expect(words.allSatisfy { $0.count <= 75 })
    }

    @Test func encodedWordsNeverSplitACharacter() {
        let words = HeaderText.encodedWords(String(repeating: "整改", count: 40))
        #expect(words.count > 1)
        for word in words {
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = Data(base64Encoded: String(base64))!
            #expect(String(data: bytes, encoding: .utf8) != nil, "word \(word) is not whole UTF-8")
        }
    }

    @Test func controlCharactersInAddressTextAreRejectedAndInDisplayNamesStripped() throws {
        #expect(throws: MailError.self) {
            _ = try MailAddress(parsing: "公开办\r\nBcc: x@evil.example <gkb@example.gov.cn>")
        }
        #expect(throws: MailError.self) { _ = try MailAddress(parsing: "站点\n <web@a.example.gov.cn>") }
        let named = try MailAddress(address: "web@a.example.gov.cn", displayName: "某某县<script>\r\nBcc: x@evil.example")
        #expect(named.displayName == "某某县<script> Bcc: x@evil.example")
        let message = try MailMessage(
            from: "gkb@example.gov.cn", to: ["web@a.example.gov.cn"], subject: "s",
            html: "", text: "")
        var withName = message
        withName.to = [named]
        let reading = try pythonReading(withName)
        let names = (reading["header_names"] as? [String] ?? []).map { $0.lowercased() }
        #expect(!names.contains("bcc"))
        #expect((reading["to"] as? String)?.contains("某某县<script> Bcc: x@evil.example") == true)
        #expect(
            reading["header_names"] as? [String] == [
                "From", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                "Auto-Submitted", "X-Mailer", "Content-Type",
            ])
    }

    @Test func headerInjectionThroughSubjectAndAttachmentNames() throws {
        let subject = "关于<script>alert(1)</script>网站\r\nBcc: victim@evil.example\r\n\r\n正文"
        let message = try MailMessage(
            from: "gkb@example.gov.cn", to: ["web@a.example.gov.cn"],
            subject: subject, html: "<p>x</p>", text: "x",
            attachments: [MailAttachment(filename: "台账\r\nX-Evil: 1.csv", mimeType: "text/csv", data: Data("a".utf8))])
        let reading = try pythonReading(message)
        let names = (reading["header_names"] as? [String] ?? []).map { $0.lowercased() }
        #expect(!names.contains("bcc"))
        #expect(!names.contains("x-evil"))
        #expect(names.filter { $0 == "subject" }.count == 1)
        #expect(reading["subject"] as? String == "关于<script>alert(1)</script>网站 Bcc: victim@evil.example 正文")
        let parts = try #require((reading["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        #expect(parts[1]["filename"] as? String == "台账 X-Evil: 1.csv")
    }

    @Test(arguments: [
        "", "no-at-sign", "a@", "@b.cn", "a b@c.cn", "a@b..cn", "a@-b.cn", "张三@example.gov.cn", "a@例子.cn",
        "a@b.cn\r\nBcc: x@y.cn", "a@b.cn, c@d.cn", "<a@b.cn", ".a@b.cn", "a..b@c.cn",
    ])
    func invalidAddressesAreRejected(address: String) {
        #expect(throws: MailError.self) { _ = try MailAddress(parsing: address) }
    }

    @Test func addressesParse() throws {
        let a = try MailAddress(parsing: "市政务公开办 <gkb@example.gov.cn>")
        #expect(a.displayName == "市政务公开办" && a.address == "gkb@example.gov.cn")
        let b = try MailAddress(parsing: "\"Office, \\\"Main\\\"\" <o.ffice+x@mail-1.example.gov.cn>")
        #expect(b.displayName == "Office, \"Main\"" && b.address == "o.ffice+x@mail-1.example.gov.cn")
        #expect(b.headerValue == "\"Office, \\\"Main\\\"\" <o.ffice+x@mail-1.example.gov.cn>")
        #expect(try MailAddress(parsing: " plain@example.gov.cn ").displayName == nil)
    }

    @Test func messageRejectsBadInput() {
        #expect(throws: MailError.self) {
            _ = try MailMessage(from: "gkb@example.gov.cn", to: [], subject: "s", html: "", text: "")
        }
        #expect(throws: MailError.self) {
            _ = try MailMessage(
                from: "gkb@example.gov.cn", to: ["a@b.cn"], subject: "s", html: "", text: "",
                attachments: [MailAttachment(filename: "a.csv", mimeType: "text/csv\r\nX: 1", data: Data())])
        }
        #expect(throws: MailError.self) {
            _ = try MailMessage(
                from: "gkb@example.gov.cn", to: ["a@b.cn"], subject: "s", html: "", text: "",
                messageID: "bad id\r\nX: 1@x")
        }
    }

    @Test func datesInChinaStandardTime() {
        #expect(HeaderText.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 08:00:00 +0800")
        // 2024-02-29 15:59:59 UTC = 23:59:59 +0800 on a leap day.
        #expect(HeaderText.rfc5322Date(Date(timeIntervalSince1970: 1_709_222_399)) == "Thu, 29 Feb 2024 23:59:59 +0800")
        #expect(HeaderText.rfc5322Date(Date(timeIntervalSince1970: 1_709_222_400)) == "Fri, 01 Mar 2024 00:00:00 +0800")
    }

    @Test func asciiFallbackNames() {
        #expect(HeaderText.asciiFallbackFilename("整改台账-county-a.csv") == "county-a.csv")
        #expect(HeaderText.asciiFallbackFilename("整改通知.md") == "attachment.md")
        #expect(HeaderText.asciiFallbackFilename("report.csv") == "report.csv")
        #expect(HeaderText.asciiFallbackFilename("a\"b;c.csv") == "a_b_c.csv")
    }
}
