import Foundation
import GovConfig
import Testing

/// Issue 11 item 7: a config nested 40,000 deep (before: SIGSEGV, the stack overflowed
/// freeing or walking the tree) stops with file:line:column at the first level too deep.
@Suite struct HostileConfigTests {
    @Test(arguments: ["flow", "block"])
    func deepNestingIsRefusedWithItsPosition(_ style: String) {
        let depth = 40_000
        let yaml =
            style == "flow"
            ? "sites: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
            : "sites:\n" + (0..<200).map { String(repeating: " ", count: $0 * 2) + "- " }.joined(separator: "\n")
                + "x\n"
        do {
            _ = try Config.parse(yaml: yaml, file: "config.yaml")
            Issue.record("a config nested \(depth) deep was accepted")
        } catch {
            let expectedColumn = style == "flow" ? 8 + 64 - 1 : 1 + 2 * 63
            let expectedLine = style == "flow" ? 1 : 65
            #expect(
                error.description == "config.yaml:\(expectedLine):\(expectedColumn): nesting deeper than 64 levels",
                "\(error.description)")
        }
    }
}
