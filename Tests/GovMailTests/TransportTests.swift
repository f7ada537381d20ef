import Foundation
import GovTestSupport
import Testing
@testable import GovMail

@Suite(.serialized) struct TransportTests {
    func transport(
        _ server: SMTPTestServer, requireTLS: Bool = false, username: String? = nil,
        password: SMTPSettings.PasswordSource? = nil, environment: [String: String] = [:]
    ) throws -> SMTPTransport {
        try SMTPTransport(
            settings: SMTPSettings(
                url: server.url, username: username, password: password,
                requireTLS: requireTLS, connectTimeoutSeconds: 5, timeoutSeconds: 20),
            environment: environment)
    }

    @Test func deliversExactlyTheEncodedBytes() throws {
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let message = try sampleMessage()
        let delivery = try transport(server).send(message)
        #expect(delivery.refused.isEmpty)
        #expect(delivery.accepted == ["web@a.example.gov.cn", "second@a.example.gov.cn", "cc@example.gov.cn"])
        let received = server.messages()
        #expect(received.count == 1)
        #expect(received.first == message.encoded())
        #expect(
            server.envelopeRecipients() == [["web@a.example.gov.cn", "second@a.example.gov.cn", "cc@example.gov.cn"]])

        let reading = try inspectMail(try #require(server.messageFiles().first))
        #expect(reading["subject"] as? String == message.subject)
        let parts = try #require((reading["structure"] as? [String: Any])?["parts"] as? [[String: Any]])
        #expect(parts.map { $0["type"] as? String } == ["multipart/alternative", "text/csv", "text/markdown"])
        #expect(parts[1]["filename"] as? String == "整改台账-county-a-2026-11-29.csv")
    }

    @Test func dryRunFileEqualsTheSentBytes() throws {
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let message = try sampleMessage()
        let path = server.maildir.appendingPathComponent("dry-run.out").path
        try message.writeEML(to: path)
        try transport(server).send(message)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == server.messages().first)
    }

    @Test func oneRefusedRecipientDoesNotStopTheOthers() throws {
        let server = try SMTPTestServer(mode: .refuseRecipient)
        defer { server.stop() }
        let message = try MailMessage(
            from: "gkb@example.gov.cn", to: ["reject-me@a.example.gov.cn", "web@a.example.gov.cn"],
            subject: "整改通知", html: "<p>x</p>", text: "x")
        let delivery = try transport(server).send(message)
        #expect(delivery.accepted == ["web@a.example.gov.cn"])
        #expect(delivery.refused.map(\.address) == ["reject-me@a.example.gov.cn"])
        #expect(delivery.refused.first?.reply.hasPrefix("550 5.1.1") == true)
        #expect(server.envelopeRecipients() == [["web@a.example.gov.cn"]])
    }

    @Test func everyRecipientRefusedThrowsWithTheServersReply() throws {
        let server = try SMTPTestServer(mode: .refuseRecipient)
        defer { server.stop() }
        let message = try MailMessage(
            from: "gkb@example.gov.cn", to: ["reject@a.example.gov.cn"],
            subject: "整改通知", html: "", text: "")
        let error = try #require(throws: MailError.self) { try transport(server).send(message) }
        #expect(error.kind == .refused)
        #expect(error.message.contains("reject@a.example.gov.cn"))
        #expect(error.message.contains("550 5.1.1"))
        #expect(!error.message.contains("\n"))
        #expect(server.messages().isEmpty)
    }

    @Test func refusedDataThrowsWithTheServersReply() throws {
        let server = try SMTPTestServer(mode: .refuseData)
        defer { server.stop() }
        let error = try #require(throws: MailError.self) { try transport(server).send(try sampleMessage()) }
        #expect(error.kind == .refused)
        #expect(error.message.contains("554 5.7.1 Message rejected: content policy"))
        #expect(!error.message.contains("\n"))
    }

    @Test func droppedConnectionThrows() throws {
        let server = try SMTPTestServer(mode: .drop)
        defer { server.stop() }
        let error = try #require(throws: MailError.self) { try transport(server).send(try sampleMessage()) }
        #expect(error.kind == .dropped)
        #expect(error.message.contains("connection dropped"))
        #expect(server.messages().isEmpty)
    }

    @Test func nothingListeningIsAConnectionError() throws {
        let server = try SMTPTestServer(mode: .accept)
        let url = server.url
        server.stop()
        let transport = try SMTPTransport(settings: SMTPSettings(url: url, connectTimeoutSeconds: 3, timeoutSeconds: 5))
        let error = try #require(throws: MailError.self) { try transport.send(try sampleMessage()) }
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("mail to \(url) failed: cannot connect"))
    }

    @Test func requiredTLSOnAServerWithoutSTARTTLSFails() throws {
        let server = try SMTPTestServer(mode: .accept)
        defer { server.stop() }
        let error = try #require(throws: MailError.self) {
            try transport(server, requireTLS: true).send(try sampleMessage())
        }
        #expect(error.kind == .tls)
        #expect(server.messages().isEmpty)
    }

    @Test func authenticationWithPasswordFileAndEnvironment() throws {
        let server = try SMTPTestServer(mode: .auth)
        defer { server.stop() }
        let file = server.maildir.appendingPathComponent("smtp-password")
        try Data("secret\n".utf8).write(to: file)
        try transport(server, username: "gkb@example.gov.cn", password: .file(file.path)).send(try sampleMessage())
        try transport(
            server, username: "gkb@example.gov.cn", password: .environment("GOVLINT_SMTP_PASSWORD"),
            environment: ["GOVLINT_SMTP_PASSWORD": "secret"]
        ).send(try sampleMessage())
        #expect(server.messages().count == 2)

        let wrong = try transport(
            server, username: "gkb@example.gov.cn", password: .environment("P"), environment: ["P": "wrong"])
        let error = try #require(throws: MailError.self) { try wrong.send(try sampleMessage()) }
        #expect(error.kind == .authentication)
        #expect(error.message.contains("535"))
        #expect(!error.message.contains("wrong"))
        #expect(server.messages().count == 2)
    }

    @Test func passwordSourcesFailClearly() {
        #expect(throws: MailError(.configuration, "mail.password_env: environment variable NOPE is not set")) {
            _ = try SMTPTransport(
                settings: SMTPSettings(url: "smtp://127.0.0.1:1", username: "u", password: .environment("NOPE")),
                environment: [:])
        }
        #expect(throws: MailError(.configuration, "mail.password_file /nonexistent/pw: cannot read the file")) {
            _ = try SMTPTransport(
                settings: SMTPSettings(url: "smtp://127.0.0.1:1", username: "u", password: .file("/nonexistent/pw")))
        }
        #expect(throws: MailError.self) {
            _ = try SMTPTransport(settings: SMTPSettings(url: "http://mail.example.gov.cn"))
        }
    }
}
