#!/usr/bin/env bash
# Builds the crawler-only driver against the release objects (run after
# `swift build -c release --product govlint`). Output: .build/release/crawl-driver
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/opt/swift/usr/bin:$PATH
swiftc -O -module-name CrawlDriver bench/crawl/driver.swift \
    .build/release/GovCrawl.build/*.o .build/release/GovCore.build/*.o \
    -I .build/release/Modules -Xcc -fmodule-map-file=Sources/CCurl/module.modulemap -I Sources/CCurl \
    -lcurl -o .build/release/crawl-driver
