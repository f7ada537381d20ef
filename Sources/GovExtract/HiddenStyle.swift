#if canImport(Glibc)
    import Glibc
#endif
import GovCore

/// Recognises the CSS that compromised sites use to hide spam links (暗链): display:none,
/// visibility:hidden, zero size, and off-screen positioning. Only the simple forms seen in
/// the wild are understood; this is a detector, not a CSS engine. It works on UTF-8 bytes
/// because it runs on every inline style of every crawled page.
enum HiddenStyle {
    /// Why a `style` declaration list (UTF-8 bytes) hides its element, or nil.
    static func reason(declarations b: UnsafeBufferPointer<UInt8>) -> String? {
        var absolutePosition = false
        var offset = false
        var zeroSize = false
        var i = 0
        while i < b.count {
            var end = i
            while end < b.count, b[end] != UInt8(ascii: ";") { end += 1 }
            defer { i = end + 1 }
            guard let colon = (i..<end).first(where: { b[$0] == UInt8(ascii: ":") }) else { continue }
            let property = trim(b, i..<colon)
            var valueEnd = end
            if let bang = (colon + 1..<end).first(where: { b[$0] == UInt8(ascii: "!") }) { valueEnd = bang }
            let value = trim(b, colon + 1..<valueEnd)
            if equals(b, property, "display") {
                if equals(b, value, "none") { return "display:none" }
            } else if equals(b, property, "visibility") {
                if equals(b, value, "hidden") || equals(b, value, "collapse") { return "visibility:hidden" }
            } else if equals(b, property, "width") || equals(b, property, "height") || equals(b, property, "font-size")
            {
                if isZeroLength(b, value) { zeroSize = true }
            } else if equals(b, property, "position") {
                absolutePosition = equals(b, value, "absolute") || equals(b, value, "fixed")
            } else if equals(b, property, "left") || equals(b, property, "top") {
                if let n = leadingNumber(b, value), n <= -999 { offset = true }
            } else if equals(b, property, "text-indent") {
                if let n = leadingNumber(b, value), n <= -999 { return "off-screen" }
            }
        }
        if offset && absolutePosition { return "off-screen" }
        if zeroSize { return "zero size" }
        return nil
    }

    private static func trim(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, b[lower] <= 0x20 { lower += 1 }
        while upper > lower, b[upper - 1] <= 0x20 { upper -= 1 }
        return lower..<upper
    }

    /// ASCII case-insensitive comparison of a byte range with a lowercase word.
    private static func equals(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count {
            var c = b[range.lowerBound + k]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if c != w[k] { return false }
        }
        return true
    }

    /// `0`, `0px`, `0.0em`, `0%` …
    private static func isZeroLength(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let n = leadingNumber(b, range), n == 0 else { return false }
        return !range.contains(where: { b[$0] == 0x20 })
    }

    /// The signed number a CSS length starts with (`-9999px` → -9999).
    private static func leadingNumber(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        var end = range.lowerBound
        if end < range.upperBound, b[end] == UInt8(ascii: "-") || b[end] == UInt8(ascii: "+") { end += 1 }
        while end < range.upperBound, (b[end] >= 0x30 && b[end] <= 0x39) || b[end] == UInt8(ascii: ".") { end += 1 }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: b[range.lowerBound..<end]), as: UTF8.self))
    }
}

/// Hiding rules from `<style>` blocks of the page, for the simple selectors spam injections
/// use: `.class`, `#id`, `tag.class`, `tag#id`, and comma lists of them. Anything with a
/// combinator, pseudo-class or attribute selector is ignored (no guessing), and so are
/// at-rule blocks (`@media print { … }` hides nothing on screen).
struct HidingStyleSheet {
    struct Rule { let name: [UInt8]; let tag: String?; let reason: String }
    /// Rules keyed by a hash of the class or id name, so the walker can look up the names
    /// of every element straight from libxml2's bytes without building strings.
    private(set) var byClass: [UInt64: [Rule]] = [:]
    private(set) var byID: [UInt64: [Rule]] = [:]

    var isEmpty: Bool { byClass.isEmpty && byID.isEmpty }

    mutating func add(css: String) {
        let bytes = HidingStyleSheet.removingComments(Array(css.utf8))
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                guard let open = (i..<b.count).first(where: { b[$0] == UInt8(ascii: "{") }) else { return }
                // The prelude may still hold the tail of an at-statement (`@import …;`).
                var preludeStart = i
                if let semicolon = (i..<open).last(where: { b[$0] == UInt8(ascii: ";") }) {
                    preludeStart = semicolon + 1
                }
                while preludeStart < open, b[preludeStart] <= 0x20 { preludeStart += 1 }
                if preludeStart < open, b[preludeStart] == UInt8(ascii: "@") {
                    i = HidingStyleSheet.afterBlock(b, open: open)
                    continue
                }
                guard let close = (open..<b.count).first(where: { b[$0] == UInt8(ascii: "}") }) else { return }
                i = close + 1
                guard let reason = HiddenStyle.reason(declarations: UnsafeBufferPointer(rebasing: b[open + 1..<close]))
                else { continue }
                let prelude = String(decoding: UnsafeBufferPointer(rebasing: b[preludeStart..<open]), as: UTF8.self)
                for selector in prelude.split(separator: ",") {
                    add(selector: selector.trimmingASCIISpaces(), reason: reason)
                }
            }
        }
    }

    private mutating func add(selector: String, reason: String) {
        guard let mark = selector.firstIndex(where: { $0 == "." || $0 == "#" }) else { return }
        let tag = String(selector[..<mark]).lowercased()
        let name = String(selector[selector.index(after: mark)...])
        let nameOK = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        let tagOK = tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard nameOK, tagOK else { return }
        let rule = Rule(
            name: Array(name.utf8), tag: tag.isEmpty ? nil : tag, reason: "style block \(selector): \(reason)")
        let key =
            name.utf8.withContiguousStorageIfAvailable { HidingStyleSheet.hash($0) }
            ?? HidingStyleSheet.hash(Array(name.utf8))
        if selector[mark] == "." { byClass[key, default: []].append(rule) } else { byID[key, default: []].append(rule) }
    }

    /// Why an element with these class and id attributes is hidden by the sheet, or nil.
    /// `tagName` is asked only when a matching rule is qualified by a tag (`span.away`).
    func reason(classes: UnsafePointer<UInt8>?, id: UnsafePointer<UInt8>?, tagName: () -> String) -> String? {
        func match(_ rules: [UInt64: [Rule]], _ token: UnsafeBufferPointer<UInt8>) -> String? {
            guard let candidates = rules[HidingStyleSheet.hash(token)] else { return nil }
            for rule in candidates where rule.name.elementsEqual(token) {
                if rule.tag == nil || rule.tag == tagName() { return rule.reason }
            }
            return nil
        }
        if let id, !byID.isEmpty, let reason = match(byID, UnsafeBufferPointer(start: id, count: strlen(id))) {
            return reason
        }
        guard let classes, !byClass.isEmpty else { return nil }
        let all = UnsafeBufferPointer(start: classes, count: strlen(classes))
        var start = 0
        while start < all.count {
            while start < all.count, all[start] <= 0x20 { start += 1 }
            var end = start
            while end < all.count, all[end] > 0x20 { end += 1 }
            if end > start, let reason = match(byClass, UnsafeBufferPointer(rebasing: all[start..<end])) {
                return reason
            }
            start = end
        }
        return nil
    }

    /// FNV-1a over the bytes of a name.
    static func hash(_ bytes: some Collection<UInt8>) -> UInt64 { FNV1a.hash(bytes) }

    private static func removingComments(_ css: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(css.count)
        var i = 0
        while i < css.count {
            if css[i] == UInt8(ascii: "/"), i + 1 < css.count, css[i + 1] == UInt8(ascii: "*") {
                i += 2
                while i + 1 < css.count, !(css[i] == UInt8(ascii: "*") && css[i + 1] == UInt8(ascii: "/")) { i += 1 }
                i += 2
            } else {
                out.append(css[i])
                i += 1
            }
        }
        return out
    }

    /// The index after the block that opens at `open`, nested braces included.
    private static func afterBlock(_ b: UnsafeBufferPointer<UInt8>, open: Int) -> Int {
        var depth = 0
        var i = open
        while i < b.count {
            if b[i] == UInt8(ascii: "{") {
                depth += 1
            } else if b[i] == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0 { return i + 1 }
            }
            i += 1
        }
        return b.count
    }
}
