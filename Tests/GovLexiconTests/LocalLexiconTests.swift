import Foundation
import GovCore
import Testing
@testable import GovLexicon

/// A shipped and a local lexicon folder on disk, as an installed package has them
/// (/usr/share/govlint/wordlists and /etc/govlint/wordlists.d).
final class LexiconFolders {
    let root: URL
    var shipped: String { root.appendingPathComponent("shipped").path }
    var local: String { root.appendingPathComponent("local").path }

    init(shipped: [String: String], local: [String: String]?) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-lexicon-\(UUID().uuidString)")
        try Self.write(shipped, to: root.appendingPathComponent("shipped"))
        if let local { try Self.write(local, to: root.appendingPathComponent("local")) }
    }

    static func write(_ files: [String: String], to folder: URL) throws {
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sensitive"), withIntermediateDirectories: true)
        for (name, content) in files {
            try content.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

@Suite struct LocalLexiconTests {
    static let shipped = [
        "typos.tsv": "布署\t部署\n帐号\t账号\t旧写法\n既使\t即使\n",
        "expressions.tsv": "一带一路战略\t“一带一路”倡议\t规范表述\n",
        "sensitive/ads.txt": "# severity: major\n代开发票\n",
        "allow.txt": "布署图\n",
    ]

    private func words(_ lexicon: Lexicon, _ text: String) -> [String] {
        lexicon.match(text).map(\.entry.wrong)
    }

    @Test func withoutALocalFolderTheShippedLexiconLoadsAsBefore() throws {
        let folders = try LexiconFolders(shipped: Self.shipped, local: nil)
        let merged = try Lexicon.load(directory: folders.shipped, local: folders.local)
        let plain = try Lexicon.load(directory: folders.shipped)
        #expect(merged.entries == plain.entries && merged.allowWords == plain.allowWords)
        #expect(try Lexicon.localContradictions(directory: folders.shipped, local: folders.local).isEmpty)
    }

    @Test func localEntriesAddAndCiteTheirOwnFileAndLine() throws {
        let folders = try LexiconFolders(
            shipped: Self.shipped,
            local: [
                "typos.tsv": "# the office's own\n青河县\t青禾县\t本市地名\n",
                "sensitive/ads.txt": "办证刻章\n",
            ])
        let lexicon = try Lexicon.load(directory: folders.shipped, local: folders.local)
        let hits = lexicon.match("青河县要求布署，严禁办证刻章、代开发票。")
        #expect(hits.map(\.entry.wrong) == ["青河县", "布署", "办证刻章", "代开发票"])
        #expect(hits[0].entry.source == "\(folders.local)/typos.tsv:2")
        #expect(hits[1].entry.source == "\(folders.shipped)/typos.tsv:1")
        #expect(hits[2].entry.source == "\(folders.local)/sensitive/ads.txt:1")
        #expect(try Lexicon.localContradictions(directory: folders.shipped, local: folders.local).isEmpty)
    }

    @Test func removeTxtAndALocalAllowWordTakeShippedEntriesAway() throws {
        let folders = try LexiconFolders(
            shipped: Self.shipped,
            local: [
                "remove.txt": "# 本办认可的写法\n帐号\t本地系统沿用\n一带一路战略\n",
                "allow.txt": "既使\n",
            ])
        let lexicon = try Lexicon.load(directory: folders.shipped, local: folders.local)
        #expect(words(lexicon, "帐号、既使、一带一路战略、布署") == ["布署"])
        #expect(!lexicon.entries.contains { $0.wrong == "帐号" || $0.wrong == "既使" })
        // The lines left out are blank, so what stays still cites its real line.
        #expect(lexicon.entries.first { $0.wrong == "布署" }?.source == "\(folders.shipped)/typos.tsv:1")
        #expect(lexicon.selfTest().isEmpty, "\(lexicon.selfTest())")
        #expect(try Lexicon.localContradictions(directory: folders.shipped, local: folders.local).isEmpty)
    }

    @Test func aDifferentLocalCorrectionWinsAndIsReportedUntilRemoveTxtConfirmsIt() throws {
        let folders = try LexiconFolders(shipped: Self.shipped, local: ["typos.tsv": "帐号\t帐户\t本办规定\n"])
        let lexicon = try Lexicon.load(directory: folders.shipped, local: folders.local)
        #expect(lexicon.match("请核对帐号。").map(\.entry.right) == ["帐户"])
        let problems = try Lexicon.localContradictions(directory: folders.shipped, local: folders.local)
        #expect(problems.map(\.source) == ["\(folders.local)/typos.tsv:1"])
        #expect(
            problems.first?.reason.contains("\(folders.shipped)/typos.tsv:2") == true, "names both lines: \(problems)")

        try "帐号\n".write(toFile: folders.local + "/remove.txt", atomically: true, encoding: .utf8)
        #expect(try Lexicon.localContradictions(directory: folders.shipped, local: folders.local).isEmpty)
        #expect(
            try Lexicon.load(directory: folders.shipped, local: folders.local).match("帐号").map(\.entry.right) == ["帐户"])
    }

    @Test func theSameEntryInBothFoldersIsLoadedOnce() throws {
        let folders = try LexiconFolders(shipped: Self.shipped, local: ["typos.tsv": "布署\t部署\n"])
        let lexicon = try Lexicon.load(directory: folders.shipped, local: folders.local)
        #expect(lexicon.entries.filter { $0.wrong == "布署" }.map(\.source) == ["\(folders.shipped)/typos.tsv:1"])
        #expect(lexicon.selfTest().isEmpty)
    }

    @Test func contradictionsInsideTheLocalFolderAreReportedByFileAndLine() throws {
        let folders = try LexiconFolders(
            shipped: Self.shipped,
            local: [
                "typos.tsv": "青河县\t青禾县\n",
                "allow.txt": "青河县\n",
                "remove.txt": "青河县\n不存在的词\n",
            ])
        let problems = try Lexicon.localContradictions(directory: folders.shipped, local: folders.local)
        #expect(
            Set(problems.map(\.source)) == [
                "\(folders.local)/allow.txt:1", "\(folders.local)/remove.txt:1",
                "\(folders.local)/remove.txt:2",
            ], "\(problems)")
        #expect(
            problems.first { $0.source.hasSuffix("remove.txt:2") }?.reason.contains("not in the shipped lexicon")
                == true)
    }

    @Test func aBadLocalLineStopsTheLoadWithItsOwnFileAndLine() throws {
        let folders = try LexiconFolders(shipped: Self.shipped, local: ["typos.tsv": "青河县\t青禾县\n只有一列\n"])
        #expect {
            try Lexicon.load(directory: folders.shipped, local: folders.local)
        } throws: { error in
            (error as? LexiconError)?.description.hasPrefix("\(folders.local)/typos.tsv:2:") == true
        }
    }

    /// An upgrade replaces the shipped folder; the office's entries come back unchanged.
    @Test func localEntriesSurviveANewShippedLexicon() throws {
        let folders = try LexiconFolders(
            shipped: Self.shipped, local: ["typos.tsv": "青河县\t青禾县\n", "remove.txt": "帐号\n"])
        try LexiconFolders.write(["typos.tsv": "布署\t部署\n帐号\t账号\n做为\t作为\n"], to: URL(fileURLWithPath: folders.shipped))
        let lexicon = try Lexicon.load(directory: folders.shipped, local: folders.local)
        #expect(words(lexicon, "青河县把帐号做为布署") == ["青河县", "做为", "布署"])
    }
}

@Suite struct LexiconSearchTests {
    static let noPackageInstalled = !LexiconSearch.systemFolders.contains(where: LexiconSearch.isDirectory)

    /// A folder tree standing for `/`: a working directory, an installed prefix and a build tree.
    final class Tree {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("govlint-search-\(UUID().uuidString)")
        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
        func folder(_ relative: String) throws {
            try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
        }
        func file(_ relative: String) throws {
            try folder((relative as NSString).deletingLastPathComponent)
            _ = FileManager.default.createFile(atPath: path(relative), contents: Data())
        }
        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test func anExplicitFolderIsUsedOrTheCommandStops() throws {
        let tree = Tree()
        try tree.folder("cwd/wordlists")
        try tree.folder("mine")
        let found = try LexiconSearch.locate(
            option: tree.path("mine"), configured: tree.path("cwd/wordlists"),
            workingDirectory: tree.path("cwd"), executable: nil)
        #expect(found == LexiconLocation(path: tree.path("mine"), origin: .option))
        #expect(throws: LexiconError.self) {
            try LexiconSearch.locate(
                option: tree.path("nope"), configured: nil, workingDirectory: tree.path("cwd"), executable: nil)
        }
        // A wrong paths.lexicon is never silently replaced by ./wordlists.
        #expect {
            try LexiconSearch.locate(
                option: nil, configured: tree.path("gone"), configuredAt: "config.yaml:14:12",
                workingDirectory: tree.path("cwd"), executable: nil)
        } throws: { error in
            let text = (error as? LexiconError)?.description ?? ""
            return text.hasPrefix("config.yaml:14:12: paths.lexicon: ") && text.contains("--lexicon")
        }
    }

    @Test func theWorkingDirectoryComesBeforeTheSystemAndTheBinary() throws {
        let tree = Tree()
        try tree.folder("cwd/wordlists")
        try tree.folder("opt/govlint/share/govlint/wordlists")
        try tree.file("opt/govlint/bin/govlint")
        let found = try LexiconSearch.locate(
            option: nil, configured: nil, workingDirectory: tree.path("cwd"),
            executable: tree.path("opt/govlint/bin/govlint"))
        #expect(found == LexiconLocation(path: "wordlists", origin: .searched))
    }

    @Test(.enabled(if: noPackageInstalled, "a govlint package is installed here: its lexicon comes first"))
    func anExtractedPackageFindsItsLexiconBesideTheBinary() throws {
        let tree = Tree()
        try tree.folder("empty")
        try tree.folder("root/usr/share/govlint/wordlists")
        try tree.file("root/usr/bin/govlint")
        let folders = LexiconSearch.searchedFolders(
            workingDirectory: tree.path("empty"), executable: tree.path("root/usr/bin/govlint"))
        #expect(Array(folders.prefix(3)) == ["wordlists", "/etc/govlint/wordlists", "/usr/share/govlint/wordlists"])
        let found = try LexiconSearch.locate(
            option: nil, configured: nil, workingDirectory: tree.path("empty"),
            executable: tree.path("root/usr/bin/govlint"))
        #expect(
            found.path
                == URL(fileURLWithPath: tree.path("root/usr/share/govlint/wordlists")).resolvingSymlinksInPath().path)
    }

    @Test func aBuildTreeFindsTheRepositoryLexicon() throws {
        let tree = Tree()
        try tree.file("repo/Package.swift")
        try tree.folder("repo/wordlists")
        try tree.file("repo/.build/x86_64-unknown-linux-gnu/debug/govlint")
        let folders = LexiconSearch.besideBinary(tree.path("repo/.build/x86_64-unknown-linux-gnu/debug/govlint"))
        #expect(folders.last == URL(fileURLWithPath: tree.path("repo/wordlists")).resolvingSymlinksInPath().path)
    }

    @Test(.enabled(if: noPackageInstalled, "a govlint package is installed here"))
    func nothingFoundListsWhereItLookedAndNamesTheOption() throws {
        let tree = Tree()
        try tree.folder("empty")
        try tree.file("bin/govlint")
        #expect {
            try LexiconSearch.locate(
                option: nil, configured: nil, workingDirectory: tree.path("empty"), executable: tree.path("bin/govlint")
            )
        } throws: { error in
            let text = (error as? LexiconError)?.description ?? ""
            return text.contains("wordlists, /etc/govlint/wordlists, /usr/share/govlint/wordlists")
                && text.contains("--lexicon DIR")
        }
    }
}
