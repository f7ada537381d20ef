/// Recognises a WAF or bot-wall challenge (验证码, 安全验证, Cloudflare's "Just a moment",
/// 加速乐's __jsl_clearance, 360 网站卫士, 云盾 …). A challenged link is reported as blocked,
/// not broken: the site works for people, the robot was stopped.
enum BotWall {
    /// Statuses challenges answer with (521 is 加速乐's JavaScript challenge).
    static let challengeStatuses: Set<Int> = [403, 429, 503, 521]

    /// Lower-case ASCII markers, and Chinese markers in UTF-8 and GB18030 byte forms.
    private static let bodyMarkers: [[UInt8]] = {
        let ascii = [
            "captcha", "cf-chl", "just a moment", "__jsl_clearance", "waf", "challenge-platform",
            "geetest", "请开启javascript", "验证码", "安全验证", "访问验证", "云盾", "人机验证", "滑动验证",
        ]
        let gb18030: [[UInt8]] = [
            [0xD1, 0xE9, 0xD6, 0xA4, 0xC2, 0xEB],  // 验证码
            [0xB0, 0xB2, 0xC8, 0xAB, 0xD1, 0xE9, 0xD6, 0xA4],  // 安全验证
            [0xB7, 0xC3, 0xCE, 0xCA, 0xD1, 0xE9, 0xD6, 0xA4],  // 访问验证
            [0xD4, 0xC6, 0xB6, 0xDC],  // 云盾
            [0xC8, 0xCB, 0xBB, 0xFA, 0xD1, 0xE9, 0xD6, 0xA4],  // 人机验证
            [0xBB, 0xAC, 0xB6, 0xAF, 0xD1, 0xE9, 0xD6, 0xA4],  // 滑动验证
            [0xC7, 0xEB, 0xBF, 0xAA, 0xC6, 0xF4] + Array("javascript".utf8),  // 请开启javascript
        ]
        return ascii.map { Array($0.utf8) } + gb18030
    }()

    /// Cookie-name prefixes that challenge services set (lower-case).
    private static let cookiePrefixes = [
        "__jsl_clearance", "__jsluid", "acw_sc__", "cf_chl", "__cf_bm",
        "yunsuo_session_verify", "security_session_verify", "wzws_",
        "waf_", "__tst_status", "eo_bot", "srcurl",
    ]

    /// How much of a body is searched for markers.
    static let sniffBytes = 64 * 1024

    static func isChallenge(status: Int, body: [UInt8], cookieNames: [String], challengeHeader: Bool) -> Bool {
        guard challengeStatuses.contains(status) else { return false }
        if challengeHeader { return true }
        if cookieNames.contains(where: { name in cookiePrefixes.contains { name.hasPrefix($0) } }) { return true }
        let sample = body.prefix(sniffBytes).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return bodyMarkers.contains { contains(sample, $0) }
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
