import Foundation
@testable import GovStore
import Testing

/// Issue 11 item 8: store errors say what is wrong with which file, never the SQL text.
@Suite struct StoreMessageTests {
    /// Before: “…: SQLite error 26: file is not a database [PRAGMA journal_mode = WAL; …]”.
    @Test func notADatabaseIsSaidWithoutThePragma() throws {
        let folder = TempStoreDirectory()
        let path = folder.storePath
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Store(path: path)
            Issue.record("a file of letters opened as a store")
        } catch {
            #expect(error.description == "\(path): SQLite error 26: file is not a database", "\(error.description)")
            #expect(!error.description.contains("PRAGMA"))
        }
    }

    /// The permission wording, from the file's owner and mode (the refusal itself is tested
    /// through the CLI as an unprivileged user: root passes every permission check).
    @Test func ownerAndModeAreNamed() throws {
        let folder = TempStoreDirectory()
        let path = folder.url.appendingPathComponent("x.sqlite").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o600])
        #expect(FileAccess.ownerAndMode(path) == "owner \(FileAccess.currentUser), mode 0600")
    }
}
