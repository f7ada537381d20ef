/// FNV-1a 64: the one stable hash (unlike `hashValue`, the same in every process) behind
/// finding keys, URL seen-sets, content digests and Message-IDs.
public enum FNV1a {
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return value
    }

    public static func hash(_ text: String) -> UInt64 { hash(text.utf8) }

    /// 16 hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
