import Foundation
import GovCore
import Testing
@testable import GovLexicon

@Suite struct ParsingTests {
    private func error(_ files: [String: String]) -> String? {
        do {
            _ = try Lexicon(files: files)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func badLinesNameFileAndLine() {
        #expect(
            error(["typos.tsv": "# source: test\n布署\t部署\n截止目前 截至目前"])
                == "inline/typos.tsv:3: no TAB: expected wrong<TAB>right[<TAB>basis]")
        #expect(
            error(["typos.tsv": "布署\t\t依据"])
                == "inline/typos.tsv:1:4: empty field 2: expected wrong<TAB>right[<TAB>basis]")
        #expect(
            error(["expressions.tsv": "扫黑险恶\t扫黑除恶"])
                == "inline/expressions.tsv:1: missing basis: expected wrong<TAB>right<TAB>basis")
        #expect(error(["typos.tsv": "布署\t部署\ta\tb"])?.hasPrefix("inline/typos.tsv:1:9: too many TABs") == true)
        #expect(error(["typos.tsv": "布署\t布署"]) == "inline/typos.tsv:1:4: the correction is the same as the wrong form")
        #expect(error(["typos.tsv": " 布署\t部署"]) == "inline/typos.tsv:1:1: leading or trailing space in ' 布署'")
    }

    @Test func conflictingCorrectionsAcrossFiles() {
        let message = error(["typos.tsv": "布署\t部署", "outdated.tsv": "\n布 署\t布置\t某文件"])
        #expect(
            message
                == "inline/outdated.tsv:2: '布 署' is already listed at inline/typos.tsv:1 with a different correction '部署'"
        )
        #expect(error(["typos.tsv": "布署\t部署\n布署\t布置"])?.hasPrefix("inline/typos.tsv:2: '布署' is already listed") == true)
    }

    @Test func headersAndPatterns() {
        #expect(
            error(["sensitive/gambling.txt": "# severity: fatal\n网上赌场"])
                == "inline/sensitive/gambling.txt:1: bad severity 'fatal' (expected veto, major, minor or info)")
        #expect(
            error(["expressions.tsv": "# severity: veto\n中国特色社会主意\t中国特色社会主义\t党章"])
                == "inline/expressions.tsv:1: a severity header belongs only in sensitive/<category>.txt or typos.tsv")
        // typos.tsv: a section header (the 异形词 part is minor); a bad value is still refused.
        #expect(error(["typos.tsv": "# severity: minor\n布署\t部署"]) == nil)
        #expect(
            error(["typos.tsv": "# severity: fatal\n布署\t部署"])
                == "inline/typos.tsv:1: bad severity 'fatal' (expected veto, major, minor or info)")
        #expect(
            error(["number-style.tsv": "re:党的(\\d{2}大\t党的{cn:1}大\tGB/T 15835-2011"])
                == "inline/number-style.tsv:1:4: pattern does not compile: 党的(\\d{2}大")
        #expect(
            error(["number-style.tsv": "re:党的(\\d{2})大\t党的{cn:2}大\tGB/T 15835-2011"])
                == "inline/number-style.tsv:1:15: the correction names group 2 but the pattern has 1")
        #expect(error(["typos.tsv": "re:a+\tb"])?.hasPrefix("inline/typos.tsv:1:1: re: patterns belong in") == true)
        #expect(error(["typo.tsv": "布署\t部署"])?.hasPrefix("inline/typo.tsv: unknown lexicon file") == true)
    }

    @Test func sensitiveSeverityAndCategory() throws {
        let lexicon = try Lexicon(files: [
            "sensitive/ads.txt": "# severity: minor\n代开发票\t广告", "sensitive/gambling.txt": "网上赌场",
        ])
        let hits = lexicon.match("欢迎访问网上赌场，代开发票")
        #expect(hits.map(\.entry.category) == ["gambling", "ads"])
        #expect(hits.map(\.entry.severity) == [.veto, .minor])
        #expect(hits.map(\.range) == [4..<8, 9..<13])
    }

    @Test func loadDirectoryUsesThePathAsGiven() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory + "/sensitive", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "# source: 现代汉语词典\n# license: CC0\n\n布署\t部署\n".write(
            toFile: directory + "/typos.tsv", atomically: true, encoding: .utf8)
        try "网上赌场\n".write(toFile: directory + "/sensitive/gambling.txt", atomically: true, encoding: .utf8)
        try "notes".write(toFile: directory + "/README.md", atomically: true, encoding: .utf8)
        let lexicon = try Lexicon.load(directory: directory + "/")
        #expect(lexicon.entries.map(\.source) == ["\(directory)/typos.tsv:4", "\(directory)/sensitive/gambling.txt:1"])
        let stats = lexicon.stats()
        #expect(stats.entriesPerList[.typo] == 1 && stats.sensitivePerCategory == ["gambling": 1])
        #expect(stats.sources.contains(.init(source: "现代汉语词典", entries: 1)))

        _ = FileManager.default.createFile(atPath: directory + "/allow.txt", contents: Data([0x41, 0x0A, 0xFF, 0x0A]))
        #expect(
            throws: LexiconError(
                file: directory + "/allow.txt", line: 2, reason: "not valid UTF-8 (save the file as UTF-8)")
        ) {
            try Lexicon.load(directory: directory)
        }
        #expect(throws: LexiconError(file: directory + "/missing", line: 0, reason: "lexicon directory not found")) {
            try Lexicon.load(directory: directory + "/missing")
        }
    }

    @Test func chineseNumerals() {
        let cases: [Int: String] = [
            10: "十", 19: "十九", 20: "二十", 105: "一百零五", 110: "一百一十",
            2023: "二千零二十三", 10_001: "一万零一",
        ]
        for (value, text) in cases { #expect(CorrectionTemplate.chineseNumeral(value) == text) }
    }

    @Test func patternEntriesExpandTheirCorrection() throws {
        let lexicon = try Lexicon(files: [
            "number-style.tsv": "re:党的(\\d{1,2})大\t党的{cn:1}大\tGB/T 15835-2011",
            "typos.tsv": "布署\t部署",
        ])
        let text = "😀学习党的２０大精神，认真布署"
        let hits = lexicon.match(text)
        #expect(hits.map(\.range) == [3..<8, 13..<15])
        #expect(hits.map(\.entry.right) == ["党的二十大", "部署"])
        #expect(hits[0].entry.source == "inline/number-style.tsv:1")
    }

    @Test func selfTestFindsDataFaults() throws {
        let clean = try Lexicon(files: ["typos.tsv": "布署\t部署\n截止目前\t截至目前", "allow.txt": "国办发"])
        #expect(clean.selfTest().isEmpty)
        let faulty = try Lexicon(files: [
            "typos.tsv": "布署\t部署\n部署\t布置\n办发\t颁发",
            "expressions.tsv": "布署\t部署\t重复",
            "allow.txt": "办发",
        ])
        let problems = faulty.selfTest().map(\.description)
        #expect(problems.contains("inline/expressions.tsv:1: '布署' is already listed at inline/typos.tsv:1"))
        #expect(problems.contains("inline/typos.tsv:2: '部署' is the correction given at inline/typos.tsv:1"))
        #expect(
            problems.contains("inline/typos.tsv:1: the correction '部署' is itself flagged by '部署' (inline/typos.tsv:2)"))
        #expect(
            problems.contains {
                $0.hasPrefix("inline/allow.txt:1: allow word '办发' is the wrong form listed at inline/typos.tsv:3")
            })
        #expect(
            problems.contains {
                $0.hasPrefix("inline/typos.tsv:3: '办发' in a neutral sentence finds nothing (allow word '办发'")
            })
    }
}
