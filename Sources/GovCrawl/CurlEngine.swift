import CCurl
import Foundation
import GovCore

/// Who owns a run of the engine: admits transfers (back-pressure), receives results, and may
/// have work outside curl (pages being parsed on another thread) that keeps the loop alive.
protocol TransferClient: AnyObject {
    func mayStart(_ transfer: Transfer) -> Bool
    func transferFinished(_ transfer: Transfer, outcome: FetchOutcome)
    /// Pull in results produced on other threads (called at the top of every loop turn).
    func drainExternalWork()
    var hasExternalWork: Bool { get }
    func tick()
    /// A transfer whose job was stopped (budget spent, run interrupted): no retry, no fallback.
    func isDiscarded(_ transfer: Transfer) -> Bool
    /// A transfer dropped without a result because its job was stopped.
    func transferDiscarded(_ transfer: Transfer)
    /// An origin's robots.txt is being fetched because `transfer` needs it.
    func robotsRequested(for transfer: Transfer)
}

extension TransferClient {
    func isDiscarded(_ transfer: Transfer) -> Bool { false }
    func transferDiscarded(_ transfer: Transfer) {}
    func robotsRequested(for transfer: Transfer) {}
}

/// The transfers of one job waiting for one host, in order.
private final class Lane {
    let session: Int
    var queue: [Transfer] = []
    var head = 0

    init(session: Int) { self.session = session }

    var pending: Int { queue.count - head }
    var first: Transfer? { head < queue.count ? queue[head] : nil }

    func popFirst() -> Transfer {
        let transfer = queue[head]
        head += 1
        if head > 256, head * 2 > queue.count { queue.removeFirst(head); head = 0 }
        return transfer
    }

    func pushFront(_ transfer: Transfer) {
        if head > 0 { head -= 1; queue[head] = transfer } else { queue.insert(transfer, at: 0) }
    }
}

/// Politeness state of one host (every port of it): a fixed number of connection slots,
/// each pausing `currentDelay` after its request ends before the next starts, and one lane
/// per job so that sites sharing the host take turns.
private final class HostState {
    var lanes: [Lane] = []
    private var laneOf: [Int: Lane] = [:]
    /// Where the next round over the lanes starts (round robin between jobs).
    var rotation = 0
    var pending = 0
    var inFlight = 0
    /// Per slot: busy, and the earliest start of its next request.
    var slotBusy: [Bool]
    var slotNextStart: [UInt64]
    /// A Retry-After pauses the whole host.
    var pausedUntil: UInt64 = 0
    var baseDelay: UInt64
    var currentDelay: UInt64

    init(limits: HostLimits) {
        let slots = max(1, limits.connections)
        slotBusy = Array(repeating: false, count: slots)
        slotNextStart = Array(repeating: 0, count: slots)
        baseDelay = UInt64(max(0, limits.delayMs)) * 1_000_000
        currentDelay = baseDelay
    }

    func lane(_ session: Int) -> Lane {
        if let lane = laneOf[session] { return lane }
        let lane = Lane(session: session)
        laneOf[session] = lane
        lanes.append(lane)
        return lane
    }

    func append(_ transfer: Transfer) { lane(transfer.session).queue.append(transfer); pending += 1 }
    func pushFront(_ transfer: Transfer) { lane(transfer.session).pushFront(transfer); pending += 1 }

    /// A slot free to start a request now, if any.
    func freeSlot(now: UInt64) -> Int? {
        guard now >= pausedUntil else { return nil }
        for slot in slotBusy.indices where !slotBusy[slot] && slotNextStart[slot] <= now { return slot }
        return nil
    }

    /// When a slot becomes free by time alone (nil: all busy, a completion will wake the loop).
    func nextFreeTime() -> UInt64? {
        var soonest: UInt64?
        for slot in slotBusy.indices where !slotBusy[slot] { soonest = min(soonest ?? .max, slotNextStart[slot]) }
        return soonest.map { max($0, pausedUntil) }
    }

    /// Removes the queued transfers `matching` returns true for.
    func remove(where matching: (Transfer) -> Bool) -> [Transfer] {
        var removed: [Transfer] = []
        for lane in lanes {
            let kept = lane.queue[lane.head...].filter { transfer in
                if matching(transfer) { removed.append(transfer); return false }
                return true
            }
            lane.queue = Array(kept); lane.head = 0
        }
        pending -= removed.count
        return removed
    }

    /// 429, 5xx, a slow answer: double the pause (at least 250 ms, at most 30 s).
    func backOff() { currentDelay = min(max(currentDelay * 2, 250_000_000), 30_000_000_000) }

    /// A quick success brings the pause back toward the configured one.
    func recover() { currentDelay = currentDelay <= baseDelay ? baseDelay : max(baseDelay, currentDelay * 3 / 4) }
}

private enum RobotsState {
    case unknown, fetching
    case known(RobotsRules)
}

enum CurlGlobal {
    /// curl_global_init must run once before any handle, and not race; a static let does both.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}

@inline(__always) func monotonicNanos() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

private let writeCallback: govlint_curl_data_cb = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let headerCallback: govlint_curl_data_cb = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
    return size * count
}

/// The one owner of a curl multi handle: a loop on the calling thread that starts transfers
/// per host (connection slots, a pause on each connection between requests, robots.txt of
/// each origin first), round robin over hosts and over the jobs sharing a host under one
/// global connection cap; retries once, falls back from HEAD to a ranged GET, backs off on
/// 429, 5xx and slow answers, and turns every ending into a `FetchOutcome`.
final class CurlEngine {
    let options: CrawlOptions
    let robotsEnabled: Bool
    let multi: UnsafeMutableRawPointer
    private var hosts: [String: HostState] = [:]
    private var robots: [String: RobotsState] = [:]
    /// Hosts with queued transfers, in first-seen order; `rotation` is where the next
    /// dispatch round starts, so the first host cannot take every free connection.
    private var waitingHosts: [String] = []
    private var waitingSet: Set<String> = []
    private var rotation = 0
    /// Retries waiting for their time.
    private var delayed: [Transfer] = []
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]
    private(set) var requestCount = 0
    private(set) var queuedCount = 0
    var inFlightCount: Int { running.count }

    init(options: CrawlOptions, robotsEnabled: Bool) {
        _ = CurlGlobal.initialised
        self.options = options
        self.robotsEnabled = robotsEnabled
        multi = curl_multi_init()
        // The engine limits connections per host itself (slots); curl must not queue behind it.
        let perHost = ([options.perHostConnections] + options.hostLimits.values.map(\.connections)).max() ?? 1
        govlint_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(1, perHost))
        govlint_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, max(1, options.globalConnections))
        govlint_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, max(4, options.globalConnections * 2))
        govlint_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
    }

    deinit {
        for (easy, _) in running {
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
        }
        curl_multi_cleanup(multi)
    }

    /// Wakes the loop from another thread (a parsed page's links are waiting).
    static func wake(_ multi: UnsafeMutableRawPointer) { curl_multi_wakeup(multi) }

    func enqueue(_ transfer: Transfer) {
        host(for: transfer.host).append(transfer)
        queuedCount += 1
        markWaiting(transfer.host)
    }

    private func host(for name: String) -> HostState {
        if let state = hosts[name] { return state }
        let state = HostState(limits: options.limits(forHost: name))
        hosts[name] = state
        return state
    }

    private func markWaiting(_ name: String) {
        if waitingSet.insert(name).inserted { waitingHosts.append(name) }
    }

    /// Drops the queued and delayed transfers `matching` selects and, with `running`, aborts
    /// those in flight too; each goes to `client.transferDiscarded`.
    func discard(where matching: (Transfer) -> Bool, running includeRunning: Bool, client: TransferClient) {
        var dropped: [Transfer] = []
        for state in hosts.values { dropped += state.remove(where: matching) }
        queuedCount -= dropped.count
        let keptDelayed = delayed.filter { transfer in
            if matching(transfer) { dropped.append(transfer); return false }
            return true
        }
        delayed = keptDelayed
        if includeRunning {
            for (easy, transfer) in running where matching(transfer) {
                running.removeValue(forKey: easy)
                curl_multi_remove_handle(multi, easy)
                curl_easy_cleanup(easy)
                release(transfer, host(for: transfer.host), now: monotonicNanos())
                dropped.append(transfer)
            }
        }
        for transfer in dropped where transfer.role != .robots { client.transferDiscarded(transfer) }
        for transfer in dropped where transfer.role == .robots { robots[transfer.origin] = .unknown }
    }

    /// Runs until no transfer is queued, running or delayed and the client has no work left.
    func run(_ client: TransferClient) {
        while true {
            client.drainExternalWork()
            let now = monotonicNanos()
            releaseDueRetries(now, client)
            dispatch(client, now: now)
            if running.isEmpty && queuedCount == 0 && delayed.isEmpty && !client.hasExternalWork { break }
            var stillRunning: Int32 = 0
            curl_multi_perform(multi, &stillRunning)
            let finished = collectFinished(client)
            client.tick()
            let waitMs = finished > 0 ? 0 : nextWakeMilliseconds(now: monotonicNanos())
            if waitMs > 0 { curl_multi_poll(multi, nil, 0, Int32(waitMs), nil) }
        }
    }

    private func releaseDueRetries(_ now: UInt64, _ client: TransferClient) {
        guard !delayed.isEmpty else { return }
        var waiting: [Transfer] = []
        for transfer in delayed {
            if client.isDiscarded(transfer) {
                client.transferDiscarded(transfer)
            } else if transfer.notBefore <= now {
                host(for: transfer.host).pushFront(transfer)
                queuedCount += 1
                markWaiting(transfer.host)
            } else {
                waiting.append(transfer)
            }
        }
        delayed = waiting
    }

    /// Rounds over the waiting hosts, one request per host per round, until the global cap
    /// is reached or no host can start another.
    private func dispatch(_ client: TransferClient, now: UInt64) {
        guard !waitingHosts.isEmpty else { return }
        let cap = max(1, options.globalConnections)
        var progressed = true
        while progressed && running.count < cap {
            progressed = false
            let count = waitingHosts.count
            for step in 0..<count where running.count < cap {
                let name = waitingHosts[(rotation + step) % count]
                if startOne(hosts[name]!, client, now: now) { progressed = true }
            }
        }
        rotation += 1
        var index = 0
        while index < waitingHosts.count {
            let name = waitingHosts[index]
            if hosts[name]!.pending == 0 {
                waitingHosts.remove(at: index)
                waitingSet.remove(name)
            } else {
                index += 1
            }
        }
        if !waitingHosts.isEmpty { rotation %= waitingHosts.count } else { rotation = 0 }
    }

    /// Starts at most one request on `state` (robots.txt first for an origin not yet known),
    /// taking the jobs' lanes in turn. Returns whether it started one.
    private func startOne(_ state: HostState, _ client: TransferClient, now: UInt64) -> Bool {
        guard state.pending > 0, let slot = state.freeSlot(now: now) else { return false }
        let laneCount = state.lanes.count
        for step in 0..<laneCount {
            let lane = state.lanes[(state.rotation + step) % laneCount]
            while let transfer = lane.first {
                if robotsEnabled && transfer.role != .request {
                    switch robots[transfer.origin] ?? .unknown {
                    case .unknown:
                        robots[transfer.origin] = .fetching
                        client.robotsRequested(for: transfer)
                        start(robotsTransfer(for: transfer), state, slot: slot, now: now)
                        return true
                    case .fetching:
                        break
                    case .known(let rules):
                        if !rules.allows(transfer.pathAndQuery) {
                            _ = lane.popFirst(); state.pending -= 1; queuedCount -= 1
                            client.transferFinished(
                                transfer,
                                outcome: FetchOutcome(
                                    url: transfer.url, error: .robots, errorMessage: "disallowed by robots.txt",
                                    attempts: 0))
                            continue
                        }
                    }
                    if case .fetching = robots[transfer.origin] ?? .unknown { break }
                }
                guard client.mayStart(transfer) else { break }
                _ = lane.popFirst(); state.pending -= 1; queuedCount -= 1
                state.rotation = (state.rotation + step + 1) % laneCount
                start(transfer, state, slot: slot, now: now)
                return true
            }
        }
        return false
    }

    private func robotsTransfer(for transfer: Transfer) -> Transfer {
        Transfer(
            tag: -1, role: .robots, url: transfer.origin + "/robots.txt", method: .get, followRedirects: true,
            timeoutSeconds: min(options.timeoutSeconds, 15), validators: nil, retryAllowed: false,
            maxBodyBytes: 512 * 1024, session: -1)
    }

    private func start(_ transfer: Transfer, _ state: HostState, slot: Int, now: UInt64) {
        transfer.prepareAttempt()
        transfer.slot = slot
        state.slotBusy[slot] = true
        state.inFlight += 1
        guard let easy = curl_easy_init() else {
            release(transfer, state, now: now)
            transferEndedWithoutRequest(transfer, message: "curl_easy_init failed")
            return
        }
        configure(easy, for: transfer)
        running[easy] = transfer
        requestCount += 1
        curl_multi_add_handle(multi, easy)
    }

    /// The attempt ended: its slot rests for the host's current pause.
    private func release(_ transfer: Transfer, _ state: HostState, now: UInt64) {
        guard transfer.slot >= 0 else { return }
        state.slotBusy[transfer.slot] = false
        state.slotNextStart[transfer.slot] = now + state.currentDelay
        state.inFlight -= 1
        transfer.slot = -1
    }

    /// Only reachable when curl cannot allocate a handle; the result is still a value.
    private var orphanOutcomes: [(Transfer, FetchOutcome)] = []
    private func transferEndedWithoutRequest(_ transfer: Transfer, message: String) {
        orphanOutcomes.append((transfer, FetchOutcome(url: transfer.url, error: .other, errorMessage: message)))
    }

    private func configure(_ easy: UnsafeMutableRawPointer, for transfer: Transfer) {
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        govlint_easy_setopt_string(easy, CURLOPT_URL, transfer.url)
        govlint_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        govlint_easy_setopt_string(easy, CURLOPT_USERAGENT, options.userAgent)
        if let proxy = options.proxy { govlint_easy_setopt_string(easy, CURLOPT_PROXY, proxy) }
        govlint_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        govlint_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        govlint_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        govlint_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, govlint_CURL_HTTP_VERSION_2TLS)
        govlint_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, transfer.followRedirects ? 1 : 0)
        govlint_easy_setopt_long(easy, CURLOPT_MAXREDIRS, max(0, options.maxRedirects))
        let connectTimeout =
            transfer.external
            ? min(options.connectTimeoutSeconds, options.externalConnectTimeoutSeconds)
            : options.connectTimeoutSeconds
        govlint_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        govlint_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(transfer.timeoutSeconds * 1000))
        govlint_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1)
        govlint_easy_setopt_data_cb(easy, CURLOPT_WRITEFUNCTION, writeCallback)
        govlint_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        govlint_easy_setopt_data_cb(easy, CURLOPT_HEADERFUNCTION, headerCallback)
        govlint_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        govlint_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        var headers: [String] = ["Accept-Language: zh-CN,zh;q=0.9,en;q=0.5"]
        switch transfer.method {
        case .head:
            govlint_easy_setopt_long(easy, CURLOPT_NOBODY, 1)
        case .rangedGet:
            headers.append("Range: bytes=0-0")
        case .get:
            if transfer.role == .page { headers.append("Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8") }
        }
        if let validators = transfer.validators {
            if let etag = validators.etag { headers.append("If-None-Match: " + Self.headerSafe(etag)) }
            if let date = validators.lastModified { headers.append("If-Modified-Since: " + Self.headerSafe(date)) }
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers { list = curl_slist_append(list, header) }
        transfer.headerList = list
        govlint_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)
    }

    /// Stored validators come from earlier responses: never let a CR or LF split a header.
    private static func headerSafe(_ value: String) -> String {
        String(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }.map(Character.init))
    }

    private func collectFinished(_ client: TransferClient) -> Int {
        var count = 0
        for (transfer, outcome) in orphanOutcomes { client.transferFinished(transfer, outcome: outcome); count += 1 }
        orphanOutcomes.removeAll()
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = running.removeValue(forKey: easy) else { continue }
            let state = host(for: transfer.host)
            let outcome = makeOutcome(easy, transfer, code: code)
            adapt(state, to: outcome, transfer)
            release(transfer, state, now: monotonicNanos())
            curl_multi_remove_handle(multi, easy)
            curl_easy_cleanup(easy)
            count += 1
            settle(transfer, outcome, state, client)
        }
        return count
    }

    /// Decides what an attempt's result means: robots rules, HEAD fallback, one retry, back-off.
    private func settle(_ transfer: Transfer, _ outcome: FetchOutcome, _ state: HostState, _ client: TransferClient) {
        var outcome = outcome
        if transfer.role == .robots {
            let rules = Self.robotsRules(from: transfer, outcome, agent: options.robotsAgent)
            robots[transfer.origin] = .known(rules)
            if let crawlDelay = rules.crawlDelay {
                // Honour Crawl-delay up to 10 s; slower sites are crawled at 10 s.
                let delay = UInt64(min(crawlDelay, 10) * 1e9)
                state.baseDelay = max(state.baseDelay, delay)
                state.currentDelay = max(state.currentDelay, delay)
            }
            return
        }
        let status = outcome.status
        let discarded = client.isDiscarded(transfer)
        if transfer.method == .head && outcome.error == nil && status >= 400 && status != 429 {
            // A stopped job asks no second time; a refused HEAD alone proves nothing.
            if discarded { client.transferDiscarded(transfer); return }
            // HEAD refused or mishandled (405, 501, 403, some 404/500): ask again with a ranged GET.
            transfer.method = .rangedGet
            state.pushFront(transfer); queuedCount += 1; markWaiting(transfer.host)
            return
        }
        let throttled = status == 429 || status == 503

        let transient =
            outcome.error == .timeout || outcome.error == .protocolError || outcome.error == .connect
            || (status >= 500 && outcome.error == nil) || status == 429
        if transient && !outcome.blocked && transfer.retryAllowed && !transfer.retried {
            if discarded { client.transferDiscarded(transfer); return }
            var wait = state.currentDelay
            if throttled, let retryAfter = Self.retryAfterSeconds(transfer.retryAfter) {
                if retryAfter > options.retryAfterCapSeconds {
                    outcome.errorMessage =
                        "Retry-After \(Int(retryAfter)) s exceeds the \(Int(options.retryAfterCapSeconds)) s cap"
                    client.transferFinished(transfer, outcome: outcome)
                    return
                }
                wait = max(wait, UInt64(retryAfter * 1e9))
                // The server asked the whole host to wait.
                state.pausedUntil = max(state.pausedUntil, monotonicNanos() + wait)
            }
            transfer.retried = true
            transfer.notBefore = monotonicNanos() + wait
            delayed.append(transfer)
            return
        }
        client.transferFinished(transfer, outcome: outcome)
    }

    /// Adaptive politeness: a 429, a 5xx or an answer slower than `slowAnswerSeconds`
    /// doubles the host's pause; a quick good answer brings it back.
    private func adapt(_ state: HostState, to outcome: FetchOutcome, _ transfer: Transfer) {
        guard transfer.role != .robots, !transfer.external else { return }
        let status = outcome.status
        if status == 429 || status >= 500 || outcome.error == .timeout || outcome.seconds > options.slowAnswerSeconds {
            state.backOff()
        } else if outcome.error == nil && status < 400 {
            state.recover()
        }
    }

    private static func robotsRules(from transfer: Transfer, _ outcome: FetchOutcome, agent: String) -> RobotsRules {
        // 4xx: no robots.txt; 5xx, errors, a bot wall: unreachable, which the brief treats as allow.
        guard outcome.error == nil || outcome.error == .tooLarge, (200..<300).contains(outcome.status) else {
            return .allowAll
        }
        return RobotsRules.parse(String(decoding: transfer.body, as: UTF8.self), agent: agent)
    }

    /// Retry-After as seconds from now: delta-seconds or an HTTP date (curl_getdate parses it).
    static func retryAfterSeconds(_ value: String?) -> Double? {
        guard let value = value?.trimmingASCIISpaces(), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let when = curl_getdate(value, nil)
        guard when > 0 else { return nil }
        return max(0, Double(when) - Date().timeIntervalSince1970)
    }

    private func makeOutcome(_ easy: UnsafeMutableRawPointer, _ transfer: Transfer, code: CURLcode) -> FetchOutcome {
        var status = 0
        govlint_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var seconds = 0.0
        govlint_easy_getinfo_double(easy, CURLINFO_TOTAL_TIME, &seconds)
        var effective: UnsafeMutablePointer<CChar>?
        govlint_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        var contentType: UnsafeMutablePointer<CChar>?
        govlint_easy_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &contentType)

        var outcome = FetchOutcome(url: transfer.url)
        outcome.status = status
        outcome.finalURL = transfer.redirects.last ?? effective.map { String(cString: $0) } ?? transfer.url
        outcome.redirects = transfer.redirects
        outcome.contentType = contentType.map { String(cString: $0) }
        outcome.etag = Self.header(easy, "ETag")
        outcome.lastModified = Self.header(easy, "Last-Modified")
        transfer.retryAfter = Self.header(easy, "Retry-After")
        outcome.seconds = seconds
        outcome.bytes = transfer.received
        outcome.attempts = transfer.attempts
        if code != CURLE_OK && !(code == CURLE_WRITE_ERROR && transfer.stopNote != nil) {
            let detail = String(cString: transfer.errorBuffer)
            outcome.error = transfer.overflow ? .tooLarge : Self.fetchError(code)
            outcome.errorMessage =
                transfer.overflow
                ? "body over \(transfer.maxBodyBytes) bytes (decoded)"
                : (detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
            if code == CURLE_TOO_MANY_REDIRECTS {
                // curl says "Maximum (10) redirects followed" for both: a chain that comes back
                // is a loop, a long one that does not is only too long.
                let chain = [transfer.url] + transfer.redirects
                if Set(chain).count < chain.count {
                    outcome.error = .redirectLoop
                    outcome.errorMessage = "redirect loop (\(chain.count - 1) redirects, back to a URL already visited)"
                } else {
                    outcome.error = .tooManyRedirects
                    outcome.errorMessage =
                        "too many redirects (\(transfer.redirects.count); the limit is \(options.maxRedirects))"
                }
            }
        } else if let note = transfer.stopNote {
            outcome.errorMessage = note
        }
        outcome.blocked = BotWall.isChallenge(
            status: status, body: transfer.body, cookieNames: transfer.cookieNames,
            challengeHeader: transfer.challengeHeader)
        return outcome
    }

    private static func header(_ easy: UnsafeMutableRawPointer, _ name: String) -> String? {
        var found: UnsafeMutablePointer<curl_header>?
        guard curl_easy_header(easy, name, 0, UInt32(CURLH_HEADER), -1, &found) == CURLHE_OK,
            let value = found?.pointee.value
        else { return nil }
        return String(cString: value)
    }

    static func fetchError(_ code: CURLcode) -> FetchError {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .dns
        case CURLE_COULDNT_CONNECT: .connect
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_USE_SSL_FAILED:
            .tls
        case CURLE_FILESIZE_EXCEEDED: .tooLarge
        case CURLE_TOO_MANY_REDIRECTS: .redirectLoop
        case CURLE_BAD_CONTENT_ENCODING: .decoding
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY,
            CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_UNSUPPORTED_PROTOCOL:
            .protocolError
        default: .other
        }
    }

    private func nextWakeMilliseconds(now: UInt64) -> Int {
        var soonest: UInt64 = 200_000_000  // re-check at least every 200 ms
        for name in waitingHosts {
            guard let state = hosts[name], let free = state.nextFreeTime(), free > now else { continue }
            soonest = min(soonest, free - now)
        }
        for transfer in delayed where transfer.notBefore > now { soonest = min(soonest, transfer.notBefore - now) }
        return max(1, Int((soonest + 999_999) / 1_000_000))
    }
}
