#!/usr/bin/env bash
# Cost of the one URL reader per link: URLNormalizer.normalize (resolve against the page,
# then the one spelling) and WebURL alone, 20,000 article URLs, release build of GovCore.
# Usage: bench/url/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
out=bench/out/url
mkdir -p "$out"
swift build -c release --target GovCore --build-path "$out/build" >/dev/null
swiftc -O -I "$out/build/release/Modules" -I Sources/CCurl bench/url/main.swift "$out"/build/release/GovCore.build/*.o -lcurl -o "$out/bench"
"$out/bench"
