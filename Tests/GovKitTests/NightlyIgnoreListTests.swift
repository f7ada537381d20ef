import Foundation
import GovConfig
import Testing

/// The ignore file: read with positions, appended through libyaml without losing comments,
/// hostile text quoted safely.
@Suite struct NightlyIgnoreListTests {
    func tempFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("govlint-ignore-\(UUID().uuidString).yaml").path
    }

    @Test func appendKeepsCommentsAndRoundTripsHostileText() throws {
        let path = tempFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try IgnoreList.append(
            IgnoreEntry(key: "00000000000000aa", reason: "误报", by: "张三", at: "2026-11-28 09:00"), to: path)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# Findings the office has confirmed"))
        text += "# 审核：王五 2026-11-28\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let hostile = "key: x\n- key: 0000000000000bad\r\n\"quoted\" #not a comment: {a: b}"
        try IgnoreList.append(
            IgnoreEntry(
                key: "00000000000000bb", reason: "同意例外", by: "李四", at: "2026-11-28 10:00",
                rule: "typo", site: "county-a", url: "https://a/1.html", match: hostile), to: path)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(after.contains("# 审核：王五 2026-11-28"), "comments survive an append")
        let list = try IgnoreList.load(path: path)
        #expect(list.entries.map(\.key) == ["00000000000000aa", "00000000000000bb"])
        #expect(list.entries[1].match == hostile, "any text round-trips, nothing is injected")
        #expect(list.entries[1].line > list.entries[0].line)
        #expect(list.keys == ["00000000000000aa", "00000000000000bb"])
    }

    @Test func mistakesNameTheLine() throws {
        #expect(try IgnoreList.parse(yaml: "", file: "ignore.yaml").entries.isEmpty)
        #expect(try IgnoreList.parse(yaml: "# nothing yet\n", file: "ignore.yaml").entries.isEmpty)
        let cases: [(String, String)] = [
            ("- key: 00000000000000aa\n", "ignore.yaml:1:3: [0].reason is required"),
            ("- key: nothex\n  reason: x\n", "ignore.yaml:1:8: [0].key must be a finding key of 16 hex digits"),
            ("- key: 00000000000000aa\n  reason: x\n  whom: y\n", "ignore.yaml:3:3: unknown key 'whom' in [0]"),
            (
                "- key: 00000000000000aa\n  reason: a\n- key: 00000000000000aa\n  reason: b\n",
                "ignore.yaml:3:8: finding 00000000000000aa is ignored twice (first at line 1)"
            ),
            ("key: 00000000000000aa\n", "ignore.yaml:1:1: the ignore file must be a list of entries"),
        ]
        for (yaml, expected) in cases {
            do {
                _ = try IgnoreList.parse(yaml: yaml, file: "ignore.yaml")
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect(error.description.hasPrefix(expected), "\(error.description)")
            }
        }
    }
}
