/// Text with ⟦…⟧ around each expected hit, as rule examples write it: the plain text and
/// the marked ranges in Unicode scalars of the plain text (the unit every offset uses).
public struct MarkedText: Sendable, Equatable {
    public static let open: Unicode.Scalar = "⟦"
    public static let close: Unicode.Scalar = "⟧"

    public let text: String
    public let ranges: [Range<Int>]

    public enum ParseError: Error, Equatable {
        case nestedMark(at: Int)
        case unopenedMark(at: Int)
        case unclosedMark(at: Int)
    }

    /// Parses `marked`; a ⟦ inside a mark, a ⟧ without ⟦ or a ⟦ never closed is an error
    /// (positions in scalars of the marked input).
    public init(parsing marked: String) throws(ParseError) {
        var plain = String.UnicodeScalarView()
        var ranges: [Range<Int>] = []
        var openedAt: (input: Int, plain: Int)?
        var count = 0
        for (index, scalar) in marked.unicodeScalars.enumerated() {
            switch scalar {
            case Self.open:
                if openedAt != nil { throw .nestedMark(at: index) }
                openedAt = (index, count)
            case Self.close:
                guard let start = openedAt else { throw .unopenedMark(at: index) }
                ranges.append(start.plain..<count)
                openedAt = nil
            default:
                plain.append(scalar)
                count += 1
            }
        }
        if let start = openedAt { throw .unclosedMark(at: start.input) }
        self.text = String(plain)
        self.ranges = ranges
    }
}
