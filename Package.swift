// swift-tools-version:6.0
// govlint: Foundation plus the system C libraries libcurl, libxml2, libyaml, SQLite
// and libzip.
// No Swift package dependencies (the owner's rule). Targets form a strict DAG, lowest first.
import PackageDescription

let package = Package(
    name: "govlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govlint", targets: ["govlint"]),
        .library(name: "GovKit", targets: ["GovKit"]),
        .library(name: "GovCLI", targets: ["GovCLI"]),
    ],
    targets: [
        // System libraries; each shim.h wraps what Swift cannot call (variadic or macro APIs).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),

        // Values only: findings, pages, columns, days. No C, no I/O.
        .target(name: "GovCore", dependencies: ["CCurl"]),
        // Wordlists, normaliser, Aho-Corasick matcher.
        // Optimised even in debug builds: compiling the 7k-entry automaton unoptimised costs
        // ~15 s of CPU on every test and every debug run.
        .target(name: "GovLexicon", dependencies: ["GovCore"], swiftSettings: [.unsafeFlags(["-O"])]),
        // Charset, libxml2 parsing, scoped text blocks, links, meta, feeds.
        .target(name: "GovExtract", dependencies: ["GovCore", "CLibXML2"]),
        // Attachments (PDF, Word, Excel, WPS, OFD, text) into located text blocks: converters as
        // limited child processes, OOXML and OFD through libzip and libxml2.
        .target(name: "GovAttach", dependencies: ["GovCore", "GovExtract", "CLibZip", "CLibXML2"]),
        // libcurl multi fetcher, host pool, robots, URL normalisation, frontier.
        .target(name: "GovCrawl", dependencies: ["GovCore", "CCurl"]),
        // config.yaml through libyaml into typed values with file:line:column errors.
        .target(name: "GovConfig", dependencies: ["GovCore", "CYAML"]),
        // The rules: text, page and site; pure functions over GovCore values.
        .target(name: "GovRules", dependencies: ["GovCore", "GovLexicon"]),
        // SQLite store: runs, pages, findings life cycle, probes, outbox.
        .target(name: "GovStore", dependencies: ["GovCore", "CSQLite"]),
        // Notices, summary, ledgers, charts; one HTML escaper.
        .target(name: "GovReport", dependencies: ["GovCore"]),
        // MIME and RFC 2047 (pure) and the SMTP transport (libcurl).
        .target(name: "GovMail", dependencies: ["GovCore", "CCurl"]),
        // The library behind the CLI.
        .target(name: "GovKit", dependencies: [
            "GovCore", "GovLexicon", "GovExtract", "GovAttach", "GovCrawl", "GovConfig", "GovRules",
            "GovStore", "GovReport", "GovMail",
        ]),
        // The command line over GovKit: argument parsing, commands, printers, exit codes.
        .target(name: "GovCLI", dependencies: [
            "GovCore", "GovLexicon", "GovExtract", "GovAttach", "GovCrawl", "GovConfig", "GovRules",
            "GovStore", "GovReport", "GovKit",
        ]),
        .executableTarget(name: "govlint", dependencies: ["GovCLI", "GovKit"]),

        .target(name: "GovTestSupport", dependencies: ["GovCore", "GovCrawl"], path: "Tests/GovTestSupport"),
        .testTarget(name: "GovLexiconTests", dependencies: ["GovLexicon", "GovTestSupport"]),
        .testTarget(name: "GovExtractTests", dependencies: ["GovExtract", "GovTestSupport"]),
        .testTarget(name: "GovRulesTests", dependencies: ["GovRules", "GovExtract", "GovLexicon", "GovTestSupport"]),
        .testTarget(name: "GovAttachTests", dependencies: ["GovAttach", "GovTestSupport"]),
        .testTarget(name: "GovCrawlTests", dependencies: ["GovCrawl", "GovTestSupport"]),
        .testTarget(name: "GovConfigTests", dependencies: ["GovConfig", "GovTestSupport"]),
        .testTarget(name: "GovStoreTests", dependencies: ["GovStore", "GovTestSupport"]),
        .testTarget(name: "GovReportTests", dependencies: ["GovReport", "GovTestSupport"]),
        .testTarget(name: "GovMailTests", dependencies: ["GovMail", "GovTestSupport"]),
        .testTarget(name: "GovKitTests", dependencies: ["GovKit", "GovCLI", "GovTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
