import Foundation

/// A hit in a file matched by `Lexicon.matchFile`.
public struct FileHit: Sendable, Hashable {
    /// Offset of the hit's first byte in the file.
    public var byteOffset: Int
    public var byteLength: Int
    public var list: ListKind
    /// The entry's wrong form as listed (for an `re:` entry, the pattern).
    public var wrong: String
    /// The bytes of the hit as they are in the file (invalid UTF-8 shown as U+FFFD).
    public var matched: String
    /// Index of the entry in `Lexicon.entries` (for the correction, basis and source).
    public var entryIndex: Int
    /// The correction; for an `re:` entry, expanded for this hit.
    public var right: String?
}

extension Lexicon {
    /// Bytes read at a time by `matchFile`.
    public static let streamChunkSize = 1 << 20

    /// Matches a file of any size in bounded memory (`-` reads standard input): reads about
    /// 1 MB at a time, cut after a line break not between two Chinese characters (so no hit
    /// can span a cut; a chunk without one grows up to 16 MB first), and calls `emit` for every hit in file order. Invalid UTF-8 reads as
    /// U+FFFD. Throws a `LexiconError` naming the file when it cannot be opened or read.
    public func matchFile(path: String, chunkSize: Int = Lexicon.streamChunkSize, emit: (FileHit) -> Void) throws {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw LexiconError(file: path, line: 0, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        // A chunk grows (up to 16 times) while it has no line break that is safe to cut at.
        let maxCapacity = chunkSize * 16
        var capacity = chunkSize * 2
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var wanted = chunkSize
        var fileOffset = 0
        var endOfFile = false
        var scanHits: [ScanHit] = []
        var allowSpans: [Range<Int>] = []
        // Built once per file, and only when patterns may need it.
        let entryIndex =
            patterns.isEmpty
            ? [:]
            : Dictionary(
                entries.enumerated().map { (EntryKey($0.element), $0.offset) },
                uniquingKeysWith: { first, _ in first })
        while true {
            while !endOfFile && filled < wanted {
                let count = read(descriptor, buffer + filled, capacity - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LexiconError(file: path, line: 0, reason: "read failed: \(String(cString: strerror(errno)))")
                }
                if count == 0 { endOfFile = true } else { filled += count }
            }
            if filled == 0 { return }
            let bytes = UnsafeBufferPointer(start: buffer, count: filled)
            var cut = filled
            if !endOfFile {
                if let safe = Self.safeCut(bytes) {
                    cut = safe
                } else if filled < maxCapacity {
                    wanted = min(filled + chunkSize, maxCapacity)
                    if wanted > capacity {
                        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: maxCapacity)
                        grown.moveInitialize(from: buffer, count: filled)
                        buffer.deallocate()
                        buffer = grown
                        capacity = maxCapacity
                    }
                    continue
                } else {
                    cut = Self.fallbackCut(bytes)
                }
            }
            matchChunk(
                UnsafeBufferPointer(start: buffer, count: cut), fileOffset: fileOffset,
                scanHits: &scanHits, allowSpans: &allowSpans, entryIndex: entryIndex, emit: emit)
            buffer.update(from: buffer + cut, count: filled - cut)
            filled -= cut
            fileOffset += cut
            wanted = chunkSize
            if endOfFile && filled == 0 { return }
        }
    }

    /// An entry's identity for finding its index again after the leftmost-longest choice:
    /// one source line can list several wrong forms (protected/formulations.tsv), so the
    /// line alone is not enough.
    struct EntryKey: Hashable {
        var source: String
        var wrong: String
        init(_ entry: LexiconEntry) { source = entry.source; wrong = entry.wrong }
    }

    private func matchChunk(
        _ chunk: UnsafeBufferPointer<UInt8>, fileOffset: Int, scanHits: inout [ScanHit],
        allowSpans: inout [Range<Int>], entryIndex: [EntryKey: Int], emit: (FileHit) -> Void
    ) {
        automaton.scan(chunk, hits: &scanHits, allowSpans: &allowSpans)
        // (byte range, entry index, correction when a pattern expanded it)
        var hits: [(range: Range<Int>, entry: Int, right: String?)]? = nil
        if !patterns.isEmpty {
            let patternHits = matchPatterns(inChunk: chunk)
            if !patternHits.isEmpty {
                let listed = scanHits.map {
                    LexiconHit(range: $0.start..<$0.end, entry: entries[Int($0.pattern)])
                }
                hits = Lexicon.leftmostLongest(listed + patternHits).map {
                    ($0.range, entryIndex[EntryKey($0.entry)] ?? 0, $0.entry.right)
                }
            }
        }
        let ranges = hits?.map(\.range) ?? scanHits.map { $0.start..<$0.end }
        var spanIndex = 0
        for (index, range) in ranges.enumerated() {
            // Allow words win: drop a hit overlapping an allow span (both in order).
            while spanIndex < allowSpans.count && allowSpans[spanIndex].upperBound <= range.lowerBound {
                spanIndex += 1
            }
            if spanIndex < allowSpans.count && allowSpans[spanIndex].lowerBound < range.upperBound { continue }
            let entryIndex = hits?[index].entry ?? Int(scanHits[index].pattern)
            // Fields, not a copy of the whole entry: this runs once per hit (millions).
            emit(
                FileHit(
                    byteOffset: fileOffset + range.lowerBound, byteLength: range.count,
                    list: entries[entryIndex].list, wrong: entries[entryIndex].wrong,
                    matched: String(decoding: UnsafeBufferPointer(rebasing: chunk[range]), as: UTF8.self),
                    entryIndex: entryIndex, right: hits == nil ? entries[entryIndex].right : hits![index].right))
        }
    }

    /// `re:` pattern hits in a chunk, as byte ranges of the chunk.
    private func matchPatterns(inChunk chunk: UnsafeBufferPointer<UInt8>) -> [LexiconHit] {
        // Scalar i of the decoded chunk starts at byte scalarStarts[i] (same decoding as the scan).
        var scalars = String.UnicodeScalarView()
        var scalarStarts: [Int] = []
        var index = 0
        let base = chunk.baseAddress!
        while index < chunk.count {
            scalarStarts.append(index)
            let lead = UInt32(base[index])
            let scalar: UInt32
            if lead < 0x80 {
                scalar = lead; index += 1
            } else {
                (scalar, index) = CharwiseAutomaton.decodeMultibyte(base, chunk.count, index, lead)
            }
            scalars.append(Unicode.Scalar(scalar)!)
        }
        scalarStarts.append(chunk.count)
        return matchPatterns(Normalizer.normalize(String(scalars))).map {
            LexiconHit(range: scalarStarts[$0.range.lowerBound]..<scalarStarts[$0.range.upperBound], entry: $0.entry)
        }
    }

    /// Where to end a chunk: just after the last line break that does not sit between two
    /// Chinese characters (normalisation would join them across it); nil when there is none.
    static func safeCut(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = bytes.count - 1
        var tried = 0
        while position >= 0 && tried < 256 {
            if bytes[position] == 0x0A {
                tried += 1
                if !(hanNeighbour(bytes, from: position, forward: false)
                    && hanNeighbour(bytes, from: position, forward: true))
                {
                    return position + 1
                }
            }
            position -= 1
        }
        return nil
    }

    /// For a chunk with no safe line break even after growing: after the last line break,
    /// else at the last character boundary (a hit spanning the cut is then missed).
    static func fallbackCut(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if let lastBreak = bytes.lastIndex(of: 0x0A) { return lastBreak + 1 }
        var cut = bytes.count
        while cut > 0 && bytes[cut - 1] & 0xC0 == 0x80 { cut -= 1 }
        if cut > 0 && bytes[cut - 1] >= 0xC0 { cut -= 1 }  // a lead byte whose sequence may continue
        return cut > 0 ? cut : bytes.count
    }

    /// Whether the nearest character that is not a space or invisible, before (or after)
    /// `position`, is a Chinese character. At the buffer's end, answers yes (unknown).
    private static func hanNeighbour(_ bytes: UnsafeBufferPointer<UInt8>, from position: Int, forward: Bool) -> Bool {
        let base = bytes.baseAddress!
        var index = forward ? position + 1 : position - 1
        while forward ? index < bytes.count : index >= 0 {
            var start = index
            if !forward { while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 } }
            let lead = UInt32(bytes[start])
            // A sequence cut by the buffer's end is unknown yet: not safe.
            let length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            if start + length > bytes.count { return true }
            let (scalar, next) =
                lead < 0x80
                ? (lead, start + 1)
                : CharwiseAutomaton.decodeMultibyte(base, bytes.count, start, lead)
            switch Normalizer.classify(scalar).kind {
            case .han: return true
            case .other: return false
            case .space, .dropped: index = forward ? next : start - 1
            }
        }
        return forward
    }
}
