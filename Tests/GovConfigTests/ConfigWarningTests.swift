import GovConfig
import Testing

@Suite struct ConfigWarningTests {
    @Test func remarksAboutRecipientsThresholdsAndScope() throws {
        let yaml = """
            office:
              name: 某某市人民政府办公室
            rules:
              homepage_stale_days: 21
              unreachable: {min_probes: 50}
              severity: {metadata: info}
              disable: [metadata]
            sites:
              - id: a
                name: 甲
                url: https://www.a.example.gov.cn/
                hosts: [a.example.gov.cn]
                recipients: [web@a.example.gov.cn]
              - id: b
                name: 乙
                url: https://www.b.example.gov.cn/
            """
        let warnings = try Config.parse(yaml: yaml, file: "config.yaml").validate().map(\.description)
        #expect(
            warnings == [
                "config.yaml: warning: no mail section: notices are written but not mailed",
                "config.yaml:14:5: warning: site 'b' has no recipients: its notice is written but not mailed",
                "config.yaml:9:5: warning: site 'a': the homepage's host www.a.example.gov.cn is not in hosts, so the crawl would leave it out",
                "config.yaml:3:1: warning: rules.homepage_stale_days 21 is looser than the national 14 days",
                "config.yaml:3:1: warning: rules.unreachable.min_probes 50 is below the national 140 (20 a day for 7 days)",
                "config.yaml:3:1: warning: rules.severity sets 'metadata', which rules.disable switches off",
            ])
    }

    @Test func emptyOfficeIsRemarked() throws {
        let warnings = try Config.parse(yaml: "sites: []\n", file: "c.yaml").validate()
        #expect(
            warnings.map(\.description) == [
                "c.yaml: warning: office.name is empty: notices will name no issuing office"
            ])
    }
}
