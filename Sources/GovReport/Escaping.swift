/// The one HTML escaper. Every string that came from a crawled page, a site name or the
/// config goes through `HTML.escape` before it reaches HTML or SVG, so a page cannot run
/// script in a report. The output is also valid XML text/attribute content (inline SVG).
public enum HTML {
    public static func escape(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default:
                // C0/C1 controls (other than tab and newline) are invalid in HTML and XML;
                // a hostile page can carry them, so they become a space.
                if TextCleaning.isDisallowedControl(scalar) { out.append(" ") } else { out.append(scalar) }
            }
        }
        return String(out)
    }
}

/// Markdown escaping for page strings: every ASCII punctuation character that CommonMark
/// or GFM treats as inline syntax gets a backslash, so a page title cannot open a link, an
/// HTML tag, emphasis or a table cell; list and heading markers are escaped at the start.
/// Line breaks become spaces (a page string never starts a new block).
public enum Markdown {
    static let inlineActive: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "!", "|", "<", ">", "~", "&", "$",
    ]
    static let blockStartActive: Set<Unicode.Scalar> = ["+", "-", ".", "=", ":"]

    public static func escape(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in TextCleaning.singleLine(text).unicodeScalars {
            if inlineActive.contains(scalar) || (out.isEmpty && blockStartActive.contains(scalar)) {
                out.append("\\")
                out.append(scalar)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

enum TextCleaning {
    /// C0 and C1 control characters except tab and line feed/carriage return.
    static func isDisallowedControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v)
    }

    /// One line of plain text: line breaks and controls folded into single spaces.
    static func singleLine(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var lastWasSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar == "\n" || scalar == "\r" || scalar == "\t" || isDisallowedControl(scalar)
            if isBreak {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(scalar)
                lastWasSpace = scalar == " "
            }
        }
        return String(out)
    }
}
