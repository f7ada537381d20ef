import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Why this process cannot use the store file, in the words an administrator acts on —
/// SQLite only says “unable to open database file” or “attempt to write a readonly
/// database”. Checks the file, its -wal and -shm companions, and its folder (where SQLite
/// must create them).
enum FileAccess {
    static func problem(storePath path: String) -> StoreError? {
        let manager = FileManager.default
        for file in [path, path + "-wal", path + "-shm"] where manager.fileExists(atPath: file) {
            if access(file, R_OK | W_OK) != 0 {
                return .io(
                    path: file, message: "permission denied (\(ownerAndMode(file)); govlint runs as \(currentUser))")
            }
        }
        var folder = (path as NSString).deletingLastPathComponent
        if folder.isEmpty { folder = "." }
        if access(folder, W_OK | X_OK) != 0 {
            let name = (path as NSString).lastPathComponent
            return .io(
                path: folder,
                message:
                    "permission denied: cannot create \(name) or its -wal and -shm files in this folder (\(ownerAndMode(folder)); govlint runs as \(currentUser))"
            )
        }
        return nil
    }

    /// "owner root, mode 0600"
    static func ownerAndMode(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return String(cString: strerror(errno)) }
        let mode = String(info.st_mode & 0o7777, radix: 8)
        return "owner \(userName(info.st_uid)), mode \(String(repeating: "0", count: max(0, 4 - mode.count)) + mode)"
    }

    static var currentUser: String { userName(geteuid()) }

    static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return String(cString: name)
    }
}
