import CLibXML2

/// libxml2's streaming reader over one XML part of an archive: linear, constant memory per
/// node, no network, no entity substitution (an entity bomb stays an unexpanded reference).
/// Events are handed to `visit` in document order.
enum XMLStream {
    enum Event {
        /// An element opens; `attribute(name)` reads its attributes (local names).
        case start(name: String, attribute: (String) -> String?, isEmpty: Bool)
        case end(name: String)
        case text(String)
    }

    private static let initialised: Void = { xmlInitParser() }()
    static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_HUGE.rawValue)

    /// Returns false when the part is not well-formed XML (what was read so far was visited).
    @discardableResult
    static func parse(_ bytes: [UInt8], _ visit: (Event) -> Void) -> Bool {
        _ = initialised
        govlint_xml_silence_errors()
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return false }
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            let reader = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReaderForMemory($0, Int32(buffer.count), nil, nil, options)
            }
            guard let reader else { return false }
            defer { xmlFreeTextReader(reader) }
            while true {
                let status = xmlTextReaderRead(reader)
                if status == 0 { return true }
                if status < 0 { return false }
                switch xmlTextReaderNodeType(reader) {
                case 1:  // element
                    let name = string(xmlTextReaderConstLocalName(reader))
                    let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                    visit(
                        .start(
                            name: name,
                            attribute: { attribute in
                                // Attributes are looked up by local name, whatever their prefix.
                                guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return nil }
                                defer { xmlTextReaderMoveToElement(reader) }
                                repeat {
                                    if string(xmlTextReaderConstLocalName(reader)) == attribute {
                                        return string(xmlTextReaderConstValue(reader))
                                    }
                                } while xmlTextReaderMoveToNextAttribute(reader) == 1
                                return nil
                            }, isEmpty: isEmpty))
                    if isEmpty { visit(.end(name: name)) }
                case 15:  // end element
                    visit(.end(name: string(xmlTextReaderConstLocalName(reader))))
                case 3, 4, 13, 14:  // text, CDATA, whitespace, significant whitespace
                    visit(.text(string(xmlTextReaderConstValue(reader))))
                default:
                    break
                }
            }
        }
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}
