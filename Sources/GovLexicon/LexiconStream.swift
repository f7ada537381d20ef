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
    public var entry: LexiconEntry
}

extension Lexicon {
    /// Bytes read at a time by `matchFile`.
    public static let streamChunkSize = 1 << 20

    /// Matches a file of any size in bounded memory (`-` reads standard input): reads about
    /// 1 MB at a time, cut after a line break not between two Chinese characters (so no hit
    /// can span a cut), and calls `emit` for every hit in file order. Invalid UTF-8 reads as
    /// U+FFFD. Throws a `LexiconError` naming the file when it cannot be opened or read.
    public func matchFile(path: String, chunkSize: Int = Lexicon.streamChunkSize, emit: (FileHit) -> Void) throws {
        let descriptor = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw LexiconError(file: path, line: 0, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let capacity = chunkSize * 2
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var filled = 0
        var fileOffset = 0
        var endOfFile = false
        var scanHits: [ScanHit] = []
        var allowSpans: [Range<Int>] = []
        while true {
            while !endOfFile && filled < chunkSize {
                let count = read(descriptor, buffer + filled, capacity - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LexiconError(file: path, line: 0, reason: "read failed: \(String(cString: strerror(errno)))")
                }
                if count == 0 { endOfFile = true } else { filled += count }
            }
            if filled == 0 { return }
            let cut = endOfFile ? filled : Self.safeCut(UnsafeBufferPointer(start: buffer, count: filled))
            let chunk = UnsafeBufferPointer(start: buffer, count: cut)
            matchChunk(chunk, fileOffset: fileOffset, scanHits: &scanHits, allowSpans: &allowSpans, emit: emit)
            (buffer).update(from: buffer + cut, count: filled - cut)
            filled -= cut
            fileOffset += cut
            if endOfFile && filled == 0 { return }
        }
    }

    private func matchChunk(_ chunk: UnsafeBufferPointer<UInt8>, fileOffset: Int, scanHits: inout [ScanHit],
                            allowSpans: inout [Range<Int>], emit: (FileHit) -> Void) {
        automaton.scan(chunk, hits: &scanHits, allowSpans: &allowSpans)
        var hits = scanHits.map { hit in
            (range: hit.start..<hit.end, entry: parsed[Int(hit.pattern)].entry)
        }
        if !patterns.isEmpty {
            // Scalar i of the decoded chunk starts at byte scalarStarts[i] (same decoding as the scan).
            var scalars = String.UnicodeScalarView()
            var scalarStarts: [Int] = []
            var index = 0
            let base = chunk.baseAddress!
            while index < chunk.count {
                scalarStarts.append(index)
                let lead = UInt32(base[index])
                let scalar: UInt32
                if lead < 0x80 { scalar = lead; index += 1 } else {
                    (scalar, index) = CharwiseAutomaton.decodeMultibyte(base, chunk.count, index, lead)
                }
                scalars.append(Unicode.Scalar(scalar)!)
            }
            scalarStarts.append(chunk.count)
            let patternHits = matchPatterns(Normalizer.normalize(String(scalars))).map {
                (range: scalarStarts[$0.range.lowerBound]..<scalarStarts[$0.range.upperBound], entry: $0.entry)
            }
            if !patternHits.isEmpty {
                hits = Lexicon.leftmostLongest((hits + patternHits).map { LexiconHit(range: $0.range, entry: $0.entry) })
                    .map { (range: $0.range, entry: $0.entry) }
            }
        }
        let kept = Lexicon.mask(hits.map { LexiconHit(range: $0.range, entry: $0.entry) }, by: allowSpans)
        for hit in kept {
            let bytes = UnsafeBufferPointer(rebasing: chunk[hit.range])
            emit(FileHit(byteOffset: fileOffset + hit.range.lowerBound, byteLength: hit.range.count,
                         list: hit.entry.list, wrong: hit.entry.wrong,
                         matched: String(decoding: bytes, as: UTF8.self), entry: hit.entry))
        }
    }

    /// Where to end a chunk: just after the last line break that does not sit between two
    /// Chinese characters (normalisation would join them across it); failing that, after
    /// the last line break; failing that, at the last character boundary.
    static func safeCut(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var lastBreak = -1
        var position = bytes.count - 1
        var tried = 0
        while position >= 0 && tried < 256 {
            if bytes[position] == 0x0A {
                if lastBreak < 0 { lastBreak = position }
                tried += 1
                if !(hanNeighbour(bytes, from: position, forward: false) && hanNeighbour(bytes, from: position, forward: true)) {
                    return position + 1
                }
            }
            position -= 1
        }
        if lastBreak >= 0 { return lastBreak + 1 }
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
            let (scalar, next) = lead < 0x80 ? (lead, start + 1)
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
