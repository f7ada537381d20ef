import Foundation

/// An exclusive flock() on `<store>.lock`. The kernel drops it when the process dies, even
/// on kill -9, so no stale lock is ever left behind; the pid written into the file is only
/// for the message a second run prints.
final class RunLock {
    let path: String
    private var descriptor: Int32 = -1

    init(path: String) { self.path = path }

    deinit { release() }

    var isHeld: Bool { descriptor >= 0 }

    func acquire() throws(StoreError) {
        if descriptor >= 0 { return }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.io(path: path, message: "cannot open the run lock: \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(fd)
            close(fd)
            throw StoreError.locked(lockPath: path, holder: holder)
        }
        let stamp = "pid \(getpid()), started \(Date().formatted(.iso8601))\n"
        _ = ftruncate(fd, 0)
        _ = stamp.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
    }

    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 200)
        let count = pread(fd, &buffer, buffer.count, 0)
        let text =
            count > 0
            ? String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        return text.isEmpty ? "holder unknown" : text
    }
}
