#pragma once

// In-process Prometheus registry for the HTTP layer, rendered by GET /metrics.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace xinfang::http {

// All members are safe to call from any thread.
class Metrics {
public:
    // Upper bounds (seconds) of the request duration histogram; +Inf is implied.
    static constexpr std::array<double, 11> kDurationBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                             0.25,  0.5,   1,    2.5,   5};

    // Counts one answered request. `route` must be a route pattern (e.g. "/api/v1/users/{id}")
    // or "unmatched", never a raw path, and `method` one of a fixed set: label values are kept
    // forever, so unbounded values would grow memory without limit.
    void Observe(std::string_view route, std::string_view method, int status, double seconds);

    // Moves the open connection gauge by `delta` (+1 on accept, -1 on close).
    void AdjustOpenConnections(std::int64_t delta);

    // Text exposition format 0.0.4: requests counter, duration histogram, open connections,
    // resident memory (read from /proc/self/statm at render time) and build info.
    std::string RenderPrometheus() const;

private:
    struct Histogram {
        std::array<std::uint64_t, kDurationBuckets.size() + 1> counts{};  // last slot is +Inf
        double sum = 0;
        std::uint64_t count = 0;
    };

    using RequestKey = std::tuple<std::string, std::string, int>;  // route, method, status
    using DurationKey = RequestKey;

    void RenderRequests(std::string& out) const;
    void RenderDurations(std::string& out) const;

    mutable std::mutex mutex_;
    std::map<RequestKey, std::uint64_t, std::less<>> requests_;
    std::map<DurationKey, Histogram, std::less<>> durations_;
    std::atomic<std::int64_t> open_connections_{0};
};

// Label value escaping of the text format: backslash, double quote and newline.
std::string EscapeLabelValue(std::string_view value);

}  // namespace xinfang::http
