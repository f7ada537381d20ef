/// Recognises the CSS that compromised sites use to hide spam links (暗链): display:none,
/// visibility:hidden, zero size, and off-screen positioning. Only the simple forms seen in
/// the wild are understood; this is a detector, not a CSS engine.
enum HiddenStyle {
    /// Why a `style` declaration list hides its element, or nil.
    static func reason(declarations: String) -> String? {
        var position = ""
        var offset = false
        var zeroSize = false
        for declaration in declarations.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmingASCIISpaces().lowercased()
            var value = declaration[declaration.index(after: colon)...].lowercased()
            if let bang = value.firstIndex(of: "!") { value = String(value[..<bang]) }
            value = value.trimmingASCIISpaces()
            switch property {
            case "display" where value == "none":
                return "display:none"
            case "visibility" where value == "hidden" || value == "collapse":
                return "visibility:hidden"
            case "width", "height", "font-size":
                if isZeroLength(value) { zeroSize = true }
            case "position":
                position = value
            case "left", "top":
                if let n = leadingNumber(value), n <= -999 { offset = true }
            case "text-indent":
                if let n = leadingNumber(value), n <= -999 { return "off-screen" }
            default:
                break
            }
        }
        if offset && (position == "absolute" || position == "fixed") { return "off-screen" }
        if zeroSize { return "zero size" }
        return nil
    }

    /// `0`, `0px`, `0.0em`, `0%` …
    static func isZeroLength(_ value: String) -> Bool {
        guard let n = leadingNumber(value), n == 0 else { return false }
        return !value.contains(where: { $0 == " " })
    }

    /// The signed number a CSS length starts with (`-9999px` → -9999).
    static func leadingNumber(_ value: String) -> Double? {
        var digits = ""
        for c in value {
            if c.isASCII, c.isNumber || c == "." || (c == "-" && digits.isEmpty) || (c == "+" && digits.isEmpty) {
                digits.append(c)
            } else {
                break
            }
        }
        return Double(digits)
    }
}

/// Hiding rules from `<style>` blocks of the page, for the simple selectors spam injections
/// use: `.class`, `#id`, `tag.class`, `tag#id`, and comma lists of them. Anything with a
/// combinator, pseudo-class or attribute selector is ignored (no guessing).
struct HidingStyleSheet {
    struct Rule { let tag: String?; let reason: String }
    private(set) var byClass: [String: [Rule]] = [:]
    private(set) var byID: [String: [Rule]] = [:]

    var isEmpty: Bool { byClass.isEmpty && byID.isEmpty }

    mutating func add(css: String) {
        var text = Substring(HidingStyleSheet.removingComments(css))
        while let open = text.firstIndex(of: "{") {
            // The prelude may still hold the tail of an at-statement (`@import …;`).
            let prelude = text[..<open].split(separator: ";").last.map { $0.trimmingASCIISpaces() } ?? ""
            if prelude.hasPrefix("@") {
                // @media, @font-face, @keyframes …: skip the whole block, nested braces included.
                text = HidingStyleSheet.afterBlock(text, open: open)
                continue
            }
            guard let close = text[open...].firstIndex(of: "}") else { break }
            let body = String(text[text.index(after: open)..<close])
            text = text[text.index(after: close)...]
            guard let reason = HiddenStyle.reason(declarations: body) else { continue }
            for selector in prelude.split(separator: ",") {
                add(selector: selector.trimmingASCIISpaces(), reason: reason)
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
        let rule = Rule(tag: tag.isEmpty ? nil : tag, reason: "style block \(selector): \(reason)")
        if selector[mark] == "." { byClass[name, default: []].append(rule) } else { byID[name, default: []].append(rule) }
    }

    /// Why an element with this tag, class list and id is hidden by the sheet, or nil.
    func reason(tag: String, classes: String?, id: String?) -> String? {
        if let id, let rules = byID[id], let rule = rules.first(where: { $0.tag == nil || $0.tag == tag }) {
            return rule.reason
        }
        guard let classes, !byClass.isEmpty else { return nil }
        for name in classes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) {
            if let rules = byClass[String(name)], let rule = rules.first(where: { $0.tag == nil || $0.tag == tag }) {
                return rule.reason
            }
        }
        return nil
    }

    private static func removingComments(_ css: String) -> String {
        guard css.contains("/*") else { return css }
        var out = ""
        var rest = Substring(css)
        while let start = rest.range(of: "/*") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }

    private static func afterBlock(_ text: Substring, open: Substring.Index) -> Substring {
        var depth = 0
        var i = open
        while i < text.endIndex {
            if text[i] == "{" { depth += 1 } else if text[i] == "}" {
                depth -= 1
                if depth == 0 { return text[text.index(after: i)...] }
            }
            i = text.index(after: i)
        }
        return text[text.endIndex...]
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{0C}" }
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}
