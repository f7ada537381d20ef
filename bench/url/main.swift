// Microbenchmark of URLNormalizer and WebURL (bench/url/run.sh builds and runs it).
import Foundation
import GovCore

/// CPU seconds of this thread: steadier than the wall clock on a shared machine.
func cpu() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}
var total = 0
let urls = (0..<20000).map { "http://www.a.gov.cn/zwgk/2026/t\($0).html" }
for _ in 0..<2 {
let start = cpu()
for u in urls { if let n = URLNormalizer.normalize(u, relativeTo: "http://www.a.gov.cn/zwgk/") { total += n.utf8.count } }
let t = cpu() - start
print("normalize: \(t / Double(urls.count) * 1e6) µs CPU per URL", total)
let s2 = cpu()
for u in urls { if let w = WebURL(u) { total += w.host.utf8.count } }
print("WebURL: \((cpu() - s2) / Double(urls.count) * 1e6) µs CPU per URL")
}
