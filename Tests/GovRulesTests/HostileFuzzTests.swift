import Foundation
import GovCore
import GovExtract
import GovLexicon
@testable import GovRules
import GovTestSupport
import Testing

/// Issue 11: seeded fuzzed hostile pages through extraction and every text rule — no
/// crash, findings capped per rule, bounded work per page. 100 pages in the normal suite,
/// 2,000 with GOVLINT_SOAK=1 (the whole scan of a fuzzed loopback site is in GovKitTests).
@Suite struct HostileFuzzTests {
    static let soak = ProcessInfo.processInfo.environment["GOVLINT_SOAK"] == "1"

    static let fragments: [@Sendable (inout FuzzRandom) -> [UInt8]] = [
        { r in [UInt8](repeating: 0, count: r.int(1...8)) },
        { r in (0..<r.int(1...64)).map { _ in UInt8(truncatingIfNeeded: r.next()) } },
        { r in Array(String(repeating: "<table><tr><td>", count: r.int(1...3_000)).utf8) },
        { r in Array(("<div " + (0..<r.int(1...3_000)).map { "a\($0)=x" }.joined(separator: " ") + ">").utf8) },
        { r in Array(String(repeating: "《", count: r.int(1...20_000)).utf8) },
        { r in
            Array(
                (String(repeating: "（", count: r.int(1...2_000)) + String(repeating: "】", count: r.int(1...2_000))).utf8
            )
        },
        { r in Array(String(repeating: "张三银行卡号：6222021000000000009<br>", count: r.int(1...300)).utf8) },
        { r in Array((0..<r.int(1...300)).map { "李\($0) 13\(100_000_000 + $0) " }.joined().utf8) },
        { r in Array(("<!--" + String(repeating: "x", count: r.int(1...5_000))).utf8) },
        { r in Array(("<script>" + String(repeating: "var a='<p>';", count: r.int(1...500))).utf8) },
        { _ in Array("<p style=\"display:none\"><a href=\"http://spam.example.com/\">网上赌场</a></p>".utf8) },
        { r in
            Array(String(repeating: "&amp;&#x4e00;&#0;&#xD800;&#99999999;&nbsp;&unknown;", count: r.int(1...200)).utf8)
        },
        { r in [UInt8](repeating: 0xB2, count: r.int(1...50)) + [0xBC, 0xCA, 0xF0] },
        { _ in [0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x00, 0x00] + Array("<html>".utf8) },
        { r in Array(("<a href='" + String(repeating: "%", count: r.int(1...5_000)) + "'>x</a>").utf8) },
        { r in Array(("<p>" + String(repeating: "，。、", count: r.int(1...3_000)) + "</p>").utf8) },
        { _ in Array("<base href='javascript:alert(1)'><img src=x onerror=alert(1)>".utf8) },
        { _ in Array("<style>.h{display:none}</style><div class=h>台湾总统</div>".utf8) },
        { r in Array(String(repeating: "\r\n\r", count: r.int(1...3_000)).utf8) },
        { r in
            Array(
                (String(repeating: "<", count: r.int(1...5_000)) + String(repeating: ">", count: r.int(1...5_000))).utf8
            )
        },
        { r in Array(String(repeating: "认真布署全年工作，党的20大，星期3，", count: r.int(1...200)).utf8) },
    ]

    static func page(_ seed: UInt64) -> [UInt8] {
        var r = FuzzRandom(seed: seed)
        var bytes = Array(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>fuzz \(seed)</title></head><body>".utf8)
        for _ in 0..<r.int(1...6) { bytes += fragments[r.int(0...(fragments.count - 1))](&r) }
        return bytes + Array("</body></html>".utf8)
    }

    @Test func fuzzedHostilePagesEndInBoundedFindings() throws {
        let lexicon = try Lexicon(files: [
            "typos.tsv": "布署\t部署\n",
            "number-style.tsv": "re:党的(\\d{1,2})大\t党的{cn:1}大\tGB/T 15835-2011\nre:星期(\\d)\t星期{cn:1}\tGB/T 15835-2011\n",
            "sensitive/gambling.txt": "# severity: veto\n网上赌场\n",
            "sensitive/political.txt": "# severity: veto\n台湾总统\n",
        ])
        let linter = TextLinter(lexicon: lexicon)
        let count = Self.soak ? 2_000 : 100
        var slowest = 0.0
        for seed in 0..<UInt64(count) {
            let bytes = Self.page(seed)
            let start = threadCPUTime()
            let page = PageExtractor.extract(body: bytes, url: "http://127.0.0.1/fuzz/\(seed)")
            let findings = linter.lint(blocks: page.blocks, url: page.url)
            let seconds = threadCPUTime() - start
            slowest = max(slowest, seconds)
            var perRule: [RuleID: Int] = [:]
            for finding in findings { perRule[finding.rule, default: 0] += 1 }
            #expect(perRule.values.allSatisfy { $0 <= TextLinter.findingsPerRulePerPage }, "page \(seed): \(perRule)")
            // A hang detector, not a benchmark: the largest page is ~100 KB.
            #expect(seconds < 60, "page \(seed) (\(bytes.count) bytes) took \(seconds) s of CPU")
        }
        print("fuzz: \(count) hostile pages, slowest \(String(format: "%.3f", slowest)) s of CPU")
    }
}

/// SplitMix64, seeded: the same pages on every run.
struct FuzzRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
