/// What the report index and the trend line need of one site in one finished run: its
/// standing, open and overdue items. Computing it decodes every finding of the run; the
/// index lists up to 90 runs, so without this table every stored night made the next
/// night's index slower. A tally is kept with the basis it was computed under (the config,
/// ignore list and build), and is recomputed when that basis changes.
public struct SiteTally: Sendable, Hashable {
    /// The verdict's standing (合格, 不合格, 未能检查) as stored.
    public var standing: String
    public var open: Int
    public var overdue: Int

    public init(standing: String, open: Int, overdue: Int) {
        self.standing = standing; self.open = open; self.overdue = overdue
    }
}

extension Store {
    /// The run's tallies computed under `basis`; nil when there are none under it.
    public func siteTallies(run: Int64, basis: String) throws(StoreError) -> [String: SiteTally]? {
        try locked { () throws(StoreError) in
            let rows = try connection.query(
                "SELECT site, standing, open, overdue FROM run_site_tally WHERE run_id = ? AND basis = ?",
                [run, basis]
            ) {
                ($0.text(0) ?? "", SiteTally(standing: $0.text(1) ?? "", open: Int($0.int(2)), overdue: Int($0.int(3))))
            }
            return rows.isEmpty ? nil : Dictionary(rows, uniquingKeysWith: { _, b in b })
        }
    }

    /// Replaces the run's tallies with these, computed under `basis`.
    public func saveSiteTallies(_ tallies: [String: SiteTally], run: Int64, basis: String) throws(StoreError) {
        try locked { () throws(StoreError) in
            try connection.transaction { () throws(StoreError) in
                try connection.run("DELETE FROM run_site_tally WHERE run_id = ?", [run])
                for (site, tally) in tallies {
                    try connection.run(
                        "INSERT INTO run_site_tally(run_id, site, basis, standing, open, overdue) VALUES (?, ?, ?, ?, ?, ?)",
                        [run, site, basis, tally.standing, tally.open, tally.overdue])
                }
            }
        }
    }
}
