/// Page text is hostile: no terminal escape sequences or control characters get through to
/// a terminal, a log line or a one-line field.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) ? " " : scalar
                }))
    }
}
