import GovCore

/// Stops crawler traps — endless calendars, ?page=N lists, filter combinations — by capping
/// the pages admitted per path pattern and the query variants per path.
///
/// Query variants count only when found on a page of the same path (a list paginating or
/// filtering itself, a calendar linking its next day): `show.aspx?id=N` articles found on list
/// pages are content, not a trap, and old Chinese CMSs address every article that way.
struct TrapLimiter {
    enum Verdict: Equatable {
        case admitted
        /// Limited; `note` is set the first time this pattern or path hits its cap.
        case limited(note: String?)
    }

    let perPatternLimit: Int
    let queryVariantLimit: Int
    private var patternCounts: [UInt64: Int] = [:]
    private var queryCounts: [UInt64: Int] = [:]
    private var reported: Set<UInt64> = []

    init(perPatternLimit: Int, queryVariantLimit: Int) {
        self.perPatternLimit = perPatternLimit; self.queryVariantLimit = queryVariantLimit
    }

    /// Counts `url` (normalised) against its limits and says whether it may be followed.
    mutating func admit(_ url: String, foundOn parent: String?) -> Verdict {
        let (origin, pathAndQuery) = Transfer.split(url)
        let path = pathAndQuery.prefix { $0 != "?" }
        let hasQuery = path.count < pathAndQuery.count
        let parentPath = parent.map { parent -> String in
            let split = Transfer.split(parent)
            return split.origin + split.pathAndQuery.prefix { $0 != "?" }
        }
        let countsAsVariant = hasQuery && parentPath == origin + path
        if countsAsVariant {
            let key = URLNormalizer.hash(origin + path)
            let seen = queryCounts[key, default: 0]
            if seen >= queryVariantLimit {
                return .limited(
                    note: firstReport(
                        key,
                        "query variants of \(origin)\(path) reached \(queryVariantLimit); further ones are not followed"
                    ))
            }
            queryCounts[key] = seen + 1
        }
        let pattern = origin + Self.pattern(of: path)
        let key = URLNormalizer.hash(pattern) &+ 1
        let seen = patternCounts[key, default: 0]
        if seen >= perPatternLimit {
            if countsAsVariant { queryCounts[URLNormalizer.hash(origin + path), default: 1] -= 1 }
            return .limited(
                note: firstReport(
                    key, "path pattern \(pattern) reached \(perPatternLimit) pages; further ones are not followed"))
        }
        patternCounts[key] = seen + 1
        return .admitted
    }

    private mutating func firstReport(_ key: UInt64, _ note: String) -> String? {
        reported.insert(key).inserted ? note : nil
    }

    /// Digit runs collapsed to `#` in path segments without letters (dates, numbers, pages):
    /// /cal/2026/11/05 → /cal/#/#/#, /list/2026-11 → /list/#-#. Segments with letters
    /// (art_1229_123.html) keep their digits, so an archive of articles is not one pattern.
    static func pattern(of path: Substring) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.contains(where: { $0.isASCII && $0.isNumber }),
                !segment.contains(where: { $0.isLetter })
            else { return String(segment) }
            var out = ""
            var inDigits = false
            for character in segment {
                if character.isASCII && character.isNumber {
                    if !inDigits { out.append("#"); inDigits = true }
                } else {
                    out.append(character); inDigits = false
                }
            }
            return out
        }.joined(separator: "/")
    }
}
