import GovCore

extension Finding {
    /// The finding carried over from the last run for an unchanged (304) page or feed; the
    /// store gives it its status and first-seen day again.
    var carriedOver: Finding {
        var finding = self
        finding.status = nil
        finding.firstSeen = nil
        return finding
    }
}
