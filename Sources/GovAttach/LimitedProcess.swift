import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The limits a converter runs under: attachments are hostile input (a PDF that makes the
/// converter loop, a file that makes it allocate without end, one that makes it print
/// gigabytes), so each converter gets a CPU-time and address-space limit (setrlimit through
/// util-linux `prlimit`), a wall-clock deadline, and a cap on what it may print.
public struct ConverterLimits: Sendable, Hashable {
    public var cpuSeconds: Int
    public var wallSeconds: Double
    public var memoryBytes: Int
    public var outputBytes: Int

    public init(cpuSeconds: Int = 20, wallSeconds: Double = 30, memoryBytes: Int = 1 << 30, outputBytes: Int = 32 << 20)
    {
        self.cpuSeconds = cpuSeconds; self.wallSeconds = wallSeconds
        self.memoryBytes = memoryBytes; self.outputBytes = outputBytes
    }
}

/// How a converter run ended.
enum ChildResult {
    case exited(status: Int32, output: [UInt8], errors: String)
    /// Killed by a signal (SIGXCPU or SIGKILL from the CPU limit, SIGSEGV after a failed allocation …).
    case signalled(Int32, errors: String)
    case timedOut
    case outputTooLarge
    case notStarted(String)
}

/// Runs one program with limits and collects its standard output (and the head of its
/// standard error). posix_spawn, not Foundation's Process: the child gets an empty signal
/// mask and default dispositions (a child spawned from a dispatch worker otherwise inherits
/// blocked signals), its own process group (killed as a whole at the deadline) and
/// /dev/null as input.
enum LimitedProcess {
    static let prlimit = ToolLocator.find("prlimit")

    static func run(_ executable: String, _ arguments: [String], limits: ConverterLimits) -> ChildResult {
        guard let prlimit else { return .notStarted("prlimit") }
        let argv =
            [prlimit, "--cpu=\(limits.cpuSeconds)", "--as=\(limits.memoryBytes)", "--core=0", "--", executable]
            + arguments
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { return .notStarted("pipe") }
        guard pipe(&errPipe) == 0 else { close(outPipe[0]); close(outPipe[1]); return .notStarted("pipe") }
        // The parent's ends must not leak into other children spawned meanwhile.
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[1])
        posix_spawn_file_actions_addclose(&actions, errPipe[1])

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        // OMP_THREAD_LIMIT: tesseract would start a thread per core; one keeps two
        // conversions at once to two cores, as for the other converters.
        let environment = [
            "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME=/nonexistent",
            "OMP_THREAD_LIMIT=1",
        ]
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(environment) { cEnv in posix_spawn(&pid, prlimit, &actions, &attributes, cArgv, cEnv) }
        }
        close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            return .notStarted(String(cString: strerror(spawned)))
        }

        var output: [UInt8] = []
        var errors: [UInt8] = []
        var ended: ChildResult?
        let deadline = monotonicSeconds() + limits.wallSeconds
        var fds = [
            pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
            pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0),
        ]
        var open = 2
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while open > 0 {
            let left = deadline - monotonicSeconds()
            if left <= 0 { ended = .timedOut; break }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000, 1000)) + 1)
            if ready < 0 { if errno == EINTR { continue }; break }
            for i in fds.indices where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if i == 0 {
                        output.append(contentsOf: buffer[0..<n])
                    } else if errors.count < 4096 {
                        errors.append(contentsOf: buffer[0..<min(n, 4096 - errors.count)])
                    }
                } else if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
                    close(fds[i].fd)
                    fds[i].fd = -1
                    open -= 1
                }
            }
            if output.count > limits.outputBytes { ended = .outputTooLarge; break }
        }
        if ended != nil { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        for fd in fds where fd.fd >= 0 { close(fd.fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if let ended { return ended }
        let errorText = String(decoding: errors, as: UTF8.self)
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        if status & 0x7F == 0 { return .exited(status: (status >> 8) & 0xFF, output: output, errors: errorText) }
        return .signalled(status & 0x7F, errors: errorText)
    }

    private static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R)
        -> R
    {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for p in pointers { free(p) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Finds converters on PATH and in the usual system folders (a systemd unit may have a bare
/// PATH); `folders` replaces that search (tests of a missing converter).
public enum ToolLocator {
    public static let defaultFolders: [String] = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
    }()

    public static func find(_ name: String, in folders: [String] = defaultFolders) -> String? {
        for folder in folders where !folder.isEmpty {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
