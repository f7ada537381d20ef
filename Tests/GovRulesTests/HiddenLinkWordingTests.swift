@testable import GovRules
import Testing

/// Regression: the demo's notice said “隐藏链接（style block .ad-box: display:none）”: the
/// extractor's CSS reasons went into an official document as they were. Every reason the
/// extractor gives (GovExtract HiddenStyle and PageWalker) is said in Chinese.
@Suite struct HiddenLinkWordingTests {
    @Test(arguments: [
        "display:none", "visibility:hidden", "zero size", "off-screen", "hidden attribute",
        "style block .ad-box: display:none", "style block div#x a: visibility:hidden",
        "style block .tiny: zero size", "style block .far: off-screen", "something new",
    ])
    func reasonsAreSaidInChinese(_ reason: String) {
        let said = HiddenLinkRule.howHidden(reason)
        #expect(!said.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }, "\(reason) → \(said)")
        #expect(!said.isEmpty)
    }

    @Test func theStyleSheetIsNamedWhenItHides() {
        #expect(HiddenLinkRule.howHidden("style block .ad-box: display:none") == "页面样式表将其设置为不显示")
        #expect(HiddenLinkRule.howHidden("display:none") == "设置为不显示")
    }
}
