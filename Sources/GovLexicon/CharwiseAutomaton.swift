/// A character-wise Aho-Corasick automaton in a double array (the layout of Kanda et al.,
/// "Engineering faster double-array Aho-Corasick automata", the daachorse crate): one
/// transition per code point, so a Chinese character costs one lookup instead of three
/// byte transitions, and the whole automaton stays a few bytes per state. Code points map
/// to a dense alphabet (most frequent first, so the double array packs tightly) through a
/// two-level table covering all of Unicode.
///
/// The automaton holds two kinds of patterns in one trie: listed wrong forms (leftmost-longest,
/// non-overlapping hits) and allow words (every occurrence reported as a span, so the caller
/// can mask listed hits that overlap one). Immutable after `init`, hence `@unchecked Sendable`.
final class CharwiseAutomaton: @unchecked Sendable {
    /// 8 bytes, so a transition touches one small cell; the failure link lives apart
    /// because only a failed transition reads it.
    struct Node {
        /// Children of this state sit at `base + code` (low 31 bits). The sign bit is set
        /// when a listed pattern or an allow word ends here or at a suffix of this state.
        var baseAndOutput: Int32
        /// The parent state of the state stored in this slot; -1 for a free slot.
        var check: Int32

        @inline(__always) var base: Int { Int(baseAndOutput & 0x7FFF_FFFF) }
        @inline(__always) var hasOutput: Bool { baseAndOutput < 0 }
    }

    struct Pattern {
        var codePoints: [UInt32]
        var isAllow: Bool
        /// Reported in `ScanHit.pattern` (ignored for allow words).
        var id: Int32
    }

    struct SlotInfo {
        /// Characters from the root.
        var depth: Int32
        /// The pattern id when a listed pattern ends exactly here, else -1.
        var pattern: Int32
        /// The deepest state on the suffix chain (self included) where a listed pattern ends, or -1.
        var wrongState: Int32
        /// The length of the longest allow word that is a suffix of this state, or 0.
        var allowLength: Int32
    }

    let slotCount: Int
    private let nodes: UnsafeMutablePointer<Node>
    private let fail: UnsafeMutablePointer<Int32>
    /// Per slot, in one 16-byte cell (one cache line read when a state has output).
    private let info: UnsafeMutablePointer<SlotInfo>
    /// Code point → alphabet code: `codes[blockOf[cp >> 8] << 8 | cp & 0xFF]`, 0 = not in any pattern.
    private let blockOf: UnsafeMutablePointer<UInt16>
    private let codes: UnsafeMutablePointer<UInt16>
    let stateCount: Int
    let alphabetSize: Int
    let maxPatternLength: Int

    static let maxAlphabet = Int(UInt16.max) - 1

    /// Builds the automaton. Patterns must be non-empty and already normalised; the caller
    /// guarantees at most `maxAlphabet` distinct code points.
    init(patterns: [Pattern]) {
        // Alphabet: most frequent code points get the smallest codes.
        var frequency: [UInt32: Int] = [:]
        var longest = 1
        for pattern in patterns {
            longest = max(longest, pattern.codePoints.count)
            for cp in pattern.codePoints { frequency[cp, default: 0] += 1 }
        }
        precondition(frequency.count <= Self.maxAlphabet, "alphabet too large")
        let ordered = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        alphabetSize = ordered.count
        maxPatternLength = longest

        let blockSlots = 0x110000 >> 8
        blockOf = .allocate(capacity: blockSlots)
        blockOf.initialize(repeating: 0, count: blockSlots)
        var blockNumbers: [UInt32: UInt16] = [:]
        for (cp, _) in ordered where blockNumbers[cp >> 8] == nil {
            blockNumbers[cp >> 8] = UInt16(blockNumbers.count + 1)
        }
        let codeTableSize = (blockNumbers.count + 1) << 8
        codes = .allocate(capacity: codeTableSize)
        codes.initialize(repeating: 0, count: codeTableSize)
        var codeOf: [UInt32: Int] = [:]
        codeOf.reserveCapacity(ordered.count)
        for (rank, (cp, _)) in ordered.enumerated() {
            let block = blockNumbers[cp >> 8]!
            blockOf[Int(cp >> 8)] = block
            codes[Int(block) << 8 | Int(cp & 0xFF)] = UInt16(rank + 1)
            codeOf[cp] = rank + 1
        }

        // Trie with edges in a hash map keyed by (parent, code).
        var edges: [Int: Int32] = [:]
        var trieDepth: [Int32] = [0]
        var triePattern: [Int32] = [-1]
        var trieAllow: [Bool] = [false]
        for pattern in patterns {
            var node = 0
            for cp in pattern.codePoints {
                let key = node << 17 | codeOf[cp]!
                if let child = edges[key] {
                    node = Int(child)
                } else {
                    let child = trieDepth.count
                    edges[key] = Int32(child)
                    trieDepth.append(trieDepth[node] + 1)
                    triePattern.append(-1)
                    trieAllow.append(false)
                    node = child
                }
            }
            if pattern.isAllow {
                trieAllow[node] = true
            } else if triePattern[node] < 0 {
                triePattern[node] = pattern.id
            }
        }
        stateCount = trieDepth.count

        // Children of each trie node, sorted by code.
        var childCount = [Int32](repeating: 0, count: stateCount + 1)
        for key in edges.keys { childCount[key >> 17] += 1 }
        var childStart = [Int](repeating: 0, count: stateCount + 1)
        for node in 0..<stateCount { childStart[node + 1] = childStart[node] + Int(childCount[node]) }
        var fill = childStart
        var childCode = [Int32](repeating: 0, count: edges.count)
        var childNode = [Int32](repeating: 0, count: edges.count)
        for (key, child) in edges {
            let parent = key >> 17
            childCode[fill[parent]] = Int32(key & 0x1FFFF)
            childNode[fill[parent]] = child
            fill[parent] += 1
        }
        for node in 0..<stateCount where childStart[node + 1] - childStart[node] > 1 {
            let range = childStart[node]..<childStart[node + 1]
            let sorted = range.map { (childCode[$0], childNode[$0]) }.sorted { $0.0 < $1.0 }
            for (offset, pair) in zip(range, sorted) { childCode[offset] = pair.0; childNode[offset] = pair.1 }
        }

        // Place states breadth-first into the double array.
        let placement = DoubleArrayPlacement()
        var slotOf = [Int32](repeating: -1, count: stateCount)
        slotOf[0] = 0
        var order: [Int32] = [0]
        order.reserveCapacity(stateCount)
        var head = 0
        childCode.withUnsafeBufferPointer { childCodes in
            while head < order.count {
                let node = Int(order[head]); head += 1
                let range = childStart[node]..<childStart[node + 1]
                guard !range.isEmpty else { continue }
                let slot = Int(slotOf[node])
                let base = placement.place(parent: slot, codes: UnsafeBufferPointer(rebasing: childCodes[range]))
                for index in range {
                    slotOf[Int(childNode[index])] = Int32(base + Int(childCodes[index]))
                    order.append(childNode[index])
                }
            }
        }
        // Padding so `base + code` never leaves the array.
        slotCount = placement.finish(padding: alphabetSize + 1)

        nodes = .allocate(capacity: slotCount)
        fail = .allocate(capacity: slotCount)
        fail.initialize(repeating: 0, count: slotCount)
        info = .allocate(capacity: slotCount)
        info.initialize(repeating: SlotInfo(depth: 0, pattern: -1, wrongState: -1, allowLength: 0), count: slotCount)
        for slot in 0..<slotCount {
            nodes[slot] = Node(baseAndOutput: placement.base[slot], check: placement.check[slot])
        }

        // Failure links and outputs, breadth-first (a failure target is always shallower).
        for node in order {
            let slot = Int(slotOf[Int(node)])
            info[slot].depth = trieDepth[Int(node)]
            info[slot].pattern = triePattern[Int(node)]
            for index in childStart[Int(node)]..<childStart[Int(node) + 1] {
                let code = Int(childCode[index])
                let childSlot = Int(slotOf[Int(childNode[index])])
                var childFail: Int32 = 0
                if slot != 0 {
                    var state = Int(fail[slot])
                    while true {
                        let target = nodes[state].base + code
                        if nodes[target].check == Int32(state) { childFail = Int32(target); break }
                        if state == 0 { break }
                        state = Int(fail[state])
                    }
                }
                fail[childSlot] = childFail
            }
            if slot != 0 {
                let failSlot = Int(fail[slot])
                info[slot].wrongState = info[slot].pattern >= 0 ? Int32(slot) : info[failSlot].wrongState
                info[slot].allowLength = trieAllow[Int(node)] ? info[slot].depth : info[failSlot].allowLength
                if info[slot].wrongState >= 0 || info[slot].allowLength > 0 { nodes[slot].baseAndOutput |= Int32.min }
            }
        }
    }

    deinit {
        nodes.deallocate(); fail.deallocate(); info.deallocate(); blockOf.deallocate(); codes.deallocate()
    }

    /// Bytes held by the automaton's tables.
    var memoryBytes: Int {
        slotCount * (MemoryLayout<Node>.stride + 20) + (0x110000 >> 8) * 2
    }

    /// Scans UTF-8 `bytes` (invalid sequences read as U+FFFD), normalising inline.
    /// Replaces `hits` with the leftmost-longest non-overlapping hits of listed patterns and
    /// `allowSpans` with the merged spans covered by allow words, both as byte offsets into
    /// `bytes`, in order (the arrays are passed in to reuse their storage across chunks).
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, hits: inout [ScanHit], allowSpans: inout [Range<Int>]) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let ringSize = 1 << (Int.bitWidth - (maxPatternLength + 1).leadingZeroBitCount)
        let ring = UnsafeMutablePointer<Int>.allocate(capacity: ringSize)
        defer { ring.deallocate() }
        var cursor = ScanCursor(
            nodes: nodes, fail: fail, info: info, blockOf: blockOf, codes: codes,
            ring: ring, ringMask: ringSize - 1, hits: hits, allowSpans: allowSpans)
        hits = []; allowSpans = []
        let count = bytes.count
        var index = 0
        var lastWasHan = false
        var pendingSpaceStart = -1
        var pendingSpaceEnd = 0
        while index < count {
            let start = index
            let lead = UInt32(base[index])
            var scalar: UInt32
            if lead < 0x80 {
                scalar = lead; index += 1
            } else {
                (scalar, index) = Self.decodeMultibyte(base, count, index, lead)
            }
            let (folded, kind) = Normalizer.classify(scalar)
            switch kind {
            case .dropped:
                continue
            case .space:
                if pendingSpaceStart < 0 { pendingSpaceStart = start }
                pendingSpaceEnd = index
            case .han, .other:
                let isHan = kind == .han
                if pendingSpaceStart >= 0 {
                    if !(isHan && lastWasHan) { cursor.feed(0x20, start: pendingSpaceStart, end: pendingSpaceEnd) }
                    pendingSpaceStart = -1
                }
                cursor.feed(folded, start: start, end: index)
                lastWasHan = isHan
            }
        }
        if pendingSpaceStart >= 0 { cursor.feed(0x20, start: pendingSpaceStart, end: pendingSpaceEnd) }
        cursor.finish()
        hits = cursor.hits
        allowSpans = cursor.allowSpans
    }

    /// Decodes one multi-byte UTF-8 sequence at `index`; an invalid or truncated sequence
    /// reads as U+FFFD and consumes one byte.
    @inline(__always)
    static func decodeMultibyte(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ index: Int, _ lead: UInt32) -> (
        UInt32, Int
    ) {
        if lead & 0xF0 == 0xE0 {
            if index + 2 < count {
                let b1 = UInt32(bytes[index + 1]), b2 = UInt32(bytes[index + 2])
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                    let scalar = (lead & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                    if scalar >= 0x800 && (scalar < 0xD800 || scalar > 0xDFFF) { return (scalar, index + 3) }
                }
            }
        } else if lead & 0xE0 == 0xC0 {
            if lead >= 0xC2 && index + 1 < count {
                let b1 = UInt32(bytes[index + 1])
                if b1 & 0xC0 == 0x80 { return ((lead & 0x1F) << 6 | (b1 & 0x3F), index + 2) }
            }
        } else if lead & 0xF8 == 0xF0 {
            if index + 3 < count {
                let b1 = UInt32(bytes[index + 1]), b2 = UInt32(bytes[index + 2]), b3 = UInt32(bytes[index + 3])
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 {
                    let scalar = (lead & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
                    if scalar >= 0x10000 && scalar <= 0x10FFFF { return (scalar, index + 4) }
                }
            }
        }
        return (0xFFFD, index + 1)
    }
}

/// A listed pattern found by `CharwiseAutomaton.scan`: byte offsets and the pattern id.
struct ScanHit: Hashable {
    var start: Int
    var end: Int
    var pattern: Int32
}

/// The running state of one scan: the automaton state, the pending leftmost-longest
/// candidate and a ring of recent character start offsets (to find where a hit began).
private struct ScanCursor {
    let nodes: UnsafeMutablePointer<CharwiseAutomaton.Node>
    let fail: UnsafeMutablePointer<Int32>
    let info: UnsafeMutablePointer<CharwiseAutomaton.SlotInfo>
    let blockOf: UnsafeMutablePointer<UInt16>
    let codes: UnsafeMutablePointer<UInt16>
    let ring: UnsafeMutablePointer<Int>
    let ringMask: Int
    var hits: [ScanHit]
    var allowSpans: [Range<Int>]

    var state = 0
    /// Normalised characters fed so far.
    var position = 0
    /// Listed hits must start at or after this character (non-overlap).
    var committedEnd = 0
    /// The leftmost-longest match so far that may still grow or be beaten (pattern -1: none).
    var candidate = Match(start: 0, end: 0, startByte: 0, endByte: 0, pattern: -1)
    /// Matches starting after the candidate's end, seen before it was committed.
    var deferred: [Match] = []

    init(
        nodes: UnsafeMutablePointer<CharwiseAutomaton.Node>, fail: UnsafeMutablePointer<Int32>,
        info: UnsafeMutablePointer<CharwiseAutomaton.SlotInfo>, blockOf: UnsafeMutablePointer<UInt16>,
        codes: UnsafeMutablePointer<UInt16>, ring: UnsafeMutablePointer<Int>, ringMask: Int,
        hits: [ScanHit], allowSpans: [Range<Int>]
    ) {
        self.nodes = nodes; self.fail = fail; self.info = info
        self.blockOf = blockOf; self.codes = codes; self.ring = ring; self.ringMask = ringMask
        self.hits = hits; self.allowSpans = allowSpans
        self.hits.removeAll(keepingCapacity: true)
        self.allowSpans.removeAll(keepingCapacity: true)
    }

    /// Feeds one normalised character whose original bytes are `start..<end`.
    @inline(__always)
    mutating func feed(_ scalar: UInt32, start: Int, end: Int) {
        ring[position & ringMask] = start
        position &+= 1
        let code = Int(codes[Int(blockOf[Int(scalar >> 8)]) << 8 | Int(scalar & 0xFF)])
        var current = state
        if code == 0 {
            current = 0
        } else {
            while true {
                let target = nodes[current].base &+ code
                if nodes[target].check == Int32(truncatingIfNeeded: current) { current = target; break }
                if current == 0 { break }
                current = Int(fail[current])
            }
        }
        state = current
        // No match can start at or before the candidate once the state's suffix starts after it.
        while candidate.pattern >= 0 && position - Int(info[current].depth) > candidate.start {
            commitCandidate()
        }
        if nodes[current].hasOutput { recordOutputs(end: end) }
    }

    /// Records the allow word and the listed patterns ending at the current position.
    mutating func recordOutputs(end: Int) {
        let allow = Int(info[state].allowLength)
        if allow > 0 {
            let spanStart = ring[(position - allow) & ringMask]
            if let last = allowSpans.last, spanStart <= last.upperBound {
                allowSpans[allowSpans.count - 1] = min(last.lowerBound, spanStart)..<end
            } else {
                allowSpans.append(spanStart..<end)
            }
        }
        // Listed suffixes, longest (leftmost) first.
        var slot = Int(info[state].wrongState)
        while slot >= 0 {
            let start = position - Int(info[slot].depth)
            if start >= committedEnd {
                let found = Match(
                    start: start, end: position, startByte: ring[start & ringMask],
                    endByte: end, pattern: info[slot].pattern)
                if candidate.pattern < 0 || start <= candidate.start {
                    // Leftmost wins; at the same start the later end is longer. Shorter
                    // suffixes here overlap it.
                    candidate = found
                    return
                }
                // Starts after the candidate: it counts once the candidate is committed,
                // if it does not overlap it.
                if start >= candidate.end { deferred.append(found) }
            }
            slot = Int(info[Int(fail[slot])].wrongState)
        }
    }

    /// Reports the candidate and takes the leftmost-longest deferred match after it.
    mutating func commitCandidate() {
        hits.append(ScanHit(start: candidate.startByte, end: candidate.endByte, pattern: candidate.pattern))
        committedEnd = candidate.end
        candidate.pattern = -1
        guard !deferred.isEmpty else { return }
        for match in deferred where match.start >= committedEnd {
            if candidate.pattern < 0 || match.start < candidate.start
                || (match.start == candidate.start && match.end > candidate.end)
            {
                candidate = match
            }
        }
        if candidate.pattern >= 0 {
            let end = candidate.end
            deferred.removeAll { $0.start < end }
        } else {
            deferred.removeAll()
        }
    }

    mutating func finish() {
        while candidate.pattern >= 0 { commitCandidate() }
    }
}

/// A listed pattern found during a scan, in normalised characters and original bytes.
private struct Match {
    var start: Int
    var end: Int
    var startByte: Int
    var endByte: Int
    var pattern: Int32
}

/// Builds the base and check arrays: children with codes c0 < c1 < … of a state need
/// `base + ci` all free. The search jumps over occupied slots with a union-find "next
/// candidate" pointer (path halving), starting at c0 + 1 so that base ≥ 1; a free slot that
/// fails too many probes is skipped from then on (it stays free for other children), which
/// bounds the build time as darts-clone's probe limit does. Raw buffers keep debug builds
/// (the tests) fast too.
final class DoubleArrayPlacement {
    private(set) var base: UnsafeMutablePointer<Int32>
    /// The parent slot of the state in a slot; -1 for a free slot; -2 for the root.
    private(set) var check: UnsafeMutablePointer<Int32>
    /// `next[i] == i` when slot i is a candidate; otherwise some later slot to try.
    private var next: UnsafeMutablePointer<Int32>
    private var probes: UnsafeMutablePointer<UInt8>
    private var capacity = 0
    /// One past the highest occupied slot.
    private var used = 1
    private static let maxProbes: UInt8 = 16

    init() {
        base = .allocate(capacity: 0); check = .allocate(capacity: 0)
        next = .allocate(capacity: 0); probes = .allocate(capacity: 0)
        grow(to: 1024)
        check[0] = -2
        next[0] = 1
    }

    deinit { base.deallocate(); check.deallocate(); next.deallocate(); probes.deallocate() }

    private func grow(to size: Int) {
        guard size > capacity else { return }
        let newCapacity = max(size, capacity * 2)
        func resized<T>(_ old: UnsafeMutablePointer<T>, fill: (Int) -> T) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
            new.moveInitialize(from: old, count: capacity)
            for index in capacity..<newCapacity { (new + index).initialize(to: fill(index)) }
            old.deallocate()
            return new
        }
        base = resized(base) { _ in 0 }
        check = resized(check) { _ in -1 }
        next = resized(next) { Int32($0) }
        probes = resized(probes) { _ in 0 }
        capacity = newCapacity
    }

    /// The first candidate slot at or after `slot`.
    private func candidate(from slot: Int) -> Int {
        let next = self.next, capacity = self.capacity
        var slot = slot
        while slot < capacity && Int(next[slot]) != slot {
            let jump = Int(next[slot])
            if jump < capacity { next[slot] = next[jump] }
            slot = jump
        }
        return slot
    }

    /// Places the children of the state in `parent`; returns its base.
    func place(parent: Int, codes: UnsafeBufferPointer<Int32>) -> Int {
        let first = Int(codes[0])
        var slot = candidate(from: first + 1)
        var base = 0
        while true {
            base = slot - first
            grow(to: base + Int(codes[codes.count - 1]) + 2)
            // Local copies: no exclusivity checks on the class's stored pointers in the loop.
            let check = self.check, probes = self.probes, next = self.next
            var fits = true
            for index in 1..<codes.count where check[base + Int(codes[index])] != -1 { fits = false; break }
            if fits { break }
            probes[slot] &+= 1
            if probes[slot] >= Self.maxProbes { next[slot] = Int32(slot + 1) }
            slot = candidate(from: slot + 1)
        }
        self.base[parent] = Int32(base)
        let check = self.check, next = self.next
        for code in codes {
            let child = base + Int(code)
            check[child] = Int32(parent)
            next[child] = Int32(child + 1)
            used = max(used, child + 1)
        }
        return base
    }

    /// Pads the arrays so `base + code` (code < padding) stays inside; returns the slot count.
    func finish(padding: Int) -> Int {
        var maxBase = 0
        for slot in 0..<used { maxBase = max(maxBase, Int(base[slot])) }
        let count = max(used, maxBase + padding)
        grow(to: count)
        return count
    }
}
