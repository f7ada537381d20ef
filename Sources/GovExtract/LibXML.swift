import CLibXML2

/// The few libxml2 calls GovExtract makes, in one place: initialisation, silent parsing,
/// and cheap access to element and attribute names without building Swift strings.
enum LibXML {
    /// xmlInitParser is not thread-safe itself; run it once before any thread parses.
    private static let initialised: Void = { xmlInitParser() }()

    /// Readies the calling thread: libxml2's error handlers are per thread, and without the
    /// silent ones it prints encoding errors to stderr even with NOERROR (pitfall 3).
    static func prepareThread() {
        _ = initialised
        govlint_xml_silence_errors()
    }

    static let htmlOptions = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses UTF-8 HTML (already transcoded by `Charset`), ignoring a `<meta charset>` that
    /// no longer describes the bytes; nesting up to 2048 deep (see the shim).
    static func parseHTML(utf8: UnsafeBufferPointer<UInt8>) -> xmlDocPtr? {
        prepareThread()
        guard let base = utf8.baseAddress, utf8.count > 0, utf8.count < Int(Int32.max) else { return nil }
        return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            govlint_html_parse_utf8($0, Int32(utf8.count), htmlOptions)
        }
    }

    static func parseHTML(_ text: String) -> xmlDocPtr? {
        var text = text
        return text.withUTF8 { parseHTML(utf8: $0) }
    }

    /// Packs a short lowercase ASCII name (≤ 8 bytes) into an integer key; longer names → nil.
    /// libxml2's HTML parser lowercases element and attribute names, and does not intern
    /// them in a dictionary, so comparing packed keys is the cheap way to classify a node.
    @inline(__always)
    static func packedName(_ name: UnsafePointer<xmlChar>?) -> UInt64? {
        guard let name else { return nil }
        var key: UInt64 = 0
        for i in 0..<9 {
            let c = name[i]
            if c == 0 { return key }
            if i == 8 { return nil }
            key |= UInt64(c) << (8 * UInt64(i))
        }
        return nil
    }

    static func packedName(_ name: String) -> UInt64 {
        var key: UInt64 = 0
        for (i, c) in name.utf8.prefix(8).enumerated() { key |= UInt64(c) << (8 * UInt64(i)) }
        return key
    }

    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    /// The value of an attribute node (the HTML parser stores it as one text child).
    static func attributeValue(_ attribute: UnsafeMutablePointer<xmlAttr>) -> UnsafePointer<xmlChar>? {
        guard let child = attribute.pointee.children else { return nil }
        if child.pointee.next == nil { return UnsafePointer(child.pointee.content) }
        return nil
    }

    /// The same value when it is split over several nodes (rare; XML feeds with entities).
    static func attributeString(_ attribute: UnsafeMutablePointer<xmlAttr>) -> String {
        if let value = attributeValue(attribute) { return string(value) }
        guard let list = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return "" }
        defer { govlint_xml_free(list) }
        return String(cString: list)
    }

    static func line(of node: xmlNodePtr) -> Int {
        max(1, Int(xmlGetLineNo(node)))
    }
}
