import Foundation
import GovCore
@testable import GovStore

/// A fresh folder for one test's store; removed when the test ends.
final class TempStoreDirectory {
    let url: URL
    var storePath: String { url.appendingPathComponent("reports/govlint.sqlite").path }

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-store-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

func finding(
    _ match: String, site: String = "county-a", rule: RuleID = .typo, severity: Severity = .major,
    url: String = "https://www.a.example.gov.cn/1.html"
) -> Finding {
    Finding(rule: rule, severity: severity, site: site, url: url, match: match, context: "…认真\(match)全年工作…")
}

let day1 = Day(year: 2026, month: 11, day: 27)!
let day2 = Day(year: 2026, month: 11, day: 28)!
let day3 = Day(year: 2026, month: 11, day: 29)!

/// Runs a command and returns its standard output (for the sqlite3 shell).
@discardableResult
func shell(_ executable: String, _ arguments: [String], input: String? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    let stdin = Pipe()
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
