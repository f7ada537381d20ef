import Foundation
import GovTestSupport
import Testing
@testable import GovMail

/// Issue 11 item 8: a refusal names the command it answered (before: a refused RCPT was
/// reported “after QUIT”, the command curl sent last).
@Suite(.serialized) struct RefusalMessageTests {
    func send(_ mode: SMTPTestServer.Mode, to recipients: [String]) throws -> MailError {
        let server = try SMTPTestServer(mode: mode)
        defer { server.stop() }
        let transport = try SMTPTransport(
            settings: SMTPSettings(url: server.url, connectTimeoutSeconds: 5, timeoutSeconds: 20))
        let message = try MailMessage(
            from: "gkb@example.gov.cn", to: recipients, subject: "整改通知", html: "<p>x</p>", text: "x")
        return try #require(throws: MailError.self) { try transport.send(message) }
    }

    @Test func refusedRecipientIsNotReportedAfterQUIT() throws {
        let error = try send(.refuseRecipient, to: ["reject@a.example.gov.cn"])
        #expect(!error.message.contains("QUIT"), "\(error.message)")
        #expect(
            error.message.contains("server refused every recipient: reject@a.example.gov.cn (550 5.1.1"),
            "\(error.message)")
    }

    @Test func refusedDataIsReportedAfterDATA() throws {
        let error = try send(.refuseData, to: ["web@a.example.gov.cn"])
        #expect(error.message.contains("after DATA: 554 5.7.1"), "\(error.message)")
        #expect(!error.message.contains("QUIT"), "\(error.message)")
    }
}
