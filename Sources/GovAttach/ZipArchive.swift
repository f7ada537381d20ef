import CLibZip
import Foundation

/// A zip archive in memory (OOXML and OFD are zip archives of XML), read through libzip
/// with bounds: at most `maxEntries` entries, and at most `maxTotalBytes` decompressed over
/// all entries read — counted while inflating, not taken from the sizes the archive claims,
/// so a zip bomb inside a .docx stops at the cap.
final class ZipArchive {
    private let archive: OpaquePointer
    /// The bytes libzip reads from (it does not copy them).
    private let storage: UnsafeMutableRawBufferPointer
    let names: [String]
    private let indexByName: [String: UInt64]
    private let maxTotalBytes: Int
    private var bytesRead = 0

    enum Failure: Error {
        case notZip
        case encrypted
        case tooManyEntries(Int)
        case tooLarge(Int)
        case corrupt(String)
    }

    init(bytes: [UInt8], maxEntries: Int, maxTotalBytes: Int) throws(Failure) {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { storage.copyMemory(from: $0) }
        self.storage = storage
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let source = zip_source_buffer_create(storage.baseAddress, zip_uint64_t(bytes.count), 0, &error) else {
            storage.deallocate()
            throw .notZip
        }
        guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
            zip_source_free(source)
            storage.deallocate()
            throw .notZip
        }
        self.archive = archive
        self.maxTotalBytes = maxTotalBytes
        let count = Int(zip_get_num_entries(archive, 0))
        guard count <= maxEntries else {
            zip_discard(archive)
            storage.deallocate()
            throw .tooManyEntries(count)
        }
        var names: [String] = []
        var index: [String: UInt64] = [:]
        for i in 0..<UInt64(max(count, 0)) {
            guard let name = zip_get_name(archive, i, zip_flags_t(ZIP_FL_ENC_GUESS)) else { continue }
            let text = String(cString: name)
            names.append(text)
            index[text] = index[text] ?? i
        }
        self.names = names
        self.indexByName = index
    }

    deinit {
        zip_discard(archive)
        storage.deallocate()
    }

    func contains(_ name: String) -> Bool { indexByName[name] != nil }

    /// An entry's bytes; nil when there is no such entry. Throws when the running total of
    /// decompressed bytes passes the cap, or the entry is encrypted or damaged.
    func read(_ name: String) throws(Failure) -> [UInt8]? {
        guard let index = indexByName[name] else { return nil }
        var stat = zip_stat_t()
        zip_stat_init(&stat)
        if zip_stat_index(archive, index, 0, &stat) == 0,
            stat.valid & zip_uint64_t(ZIP_STAT_ENCRYPTION_METHOD) != 0, stat.encryption_method != UInt16(ZIP_EM_NONE)
        {
            throw .encrypted
        }
        guard let file = zip_fopen_index(archive, index, 0) else {
            throw .corrupt(String(cString: zip_strerror(archive)))
        }
        defer { zip_fclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
            if n < 0 { throw .corrupt(String(cString: zip_file_strerror(file))) }
            if n == 0 { break }
            bytesRead += Int(n)
            if bytesRead > maxTotalBytes { throw .tooLarge(maxTotalBytes) }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        return out
    }
}
