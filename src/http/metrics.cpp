#include "http/metrics.h"

#include <unistd.h>

#include <charconv>
#include <fstream>

namespace xinfang::http {
namespace {

constexpr std::array<std::string_view, Metrics::kDurationBuckets.size()> kBucketLabels{
    "0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5"};

std::string FormatDouble(double value) {
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

void AppendFamilyHeader(std::string& out, std::string_view name, std::string_view type,
                        std::string_view help) {
    out.append("# HELP ").append(name).append(" ").append(help).append("\n");
    out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

// Zero when /proc is unavailable; a scrape should not fail because one gauge cannot be read.
std::int64_t ResidentMemoryBytes() {
    std::ifstream statm("/proc/self/statm");
    std::int64_t total_pages = 0;
    std::int64_t resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages)) {
        return 0;
    }
    return resident_pages * sysconf(_SC_PAGESIZE);
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
    std::string escaped;
    escaped.reserve(value.size());
    for (char c : value) {
        switch (c) {
            case '\\':
                escaped += "\\\\";
                break;
            case '"':
                escaped += "\\\"";
                break;
            case '\n':
                escaped += "\\n";
                break;
            default:
                escaped += c;
        }
    }
    return escaped;
}

void Metrics::Observe(std::string_view route, std::string_view method, int status, double seconds) {
    std::lock_guard lock(mutex_);

    const auto request_key = std::make_tuple(route, method, status);
    auto request = requests_.find(request_key);
    if (request == requests_.end()) {
        request = requests_.emplace(RequestKey(route, method, status), 0).first;
    }
    ++request->second;

    auto duration = durations_.find(request_key);
    if (duration == durations_.end()) {
        duration = durations_.emplace(DurationKey(route, method, status), Histogram{}).first;
    }
    Histogram& histogram = duration->second;
    std::size_t bucket = 0;
    while (bucket < kDurationBuckets.size() && seconds > kDurationBuckets[bucket]) {
        ++bucket;
    }
    ++histogram.counts[bucket];
    histogram.sum += seconds;
    ++histogram.count;
}

void Metrics::AdjustOpenConnections(std::int64_t delta) { open_connections_ += delta; }

std::string Metrics::RenderPrometheus() const {
    std::string out;

    AppendFamilyHeader(out, "xinfang_build_info", "gauge", "Build information of xinfang.");
    out.append("xinfang_build_info{version=\"")
        .append(EscapeLabelValue(XINFANG_VERSION))
        .append("\"} 1\n");

    RenderRequests(out);
    RenderDurations(out);

    AppendFamilyHeader(out, "xinfang_http_open_connections", "gauge",
                       "HTTP connections currently open.");
    out.append("xinfang_http_open_connections ")
        .append(std::to_string(open_connections_.load()))
        .append("\n");

    AppendFamilyHeader(out, "xinfang_process_resident_memory_bytes", "gauge",
                       "Resident memory size in bytes.");
    out.append("xinfang_process_resident_memory_bytes ")
        .append(std::to_string(ResidentMemoryBytes()))
        .append("\n");
    return out;
}

void Metrics::RenderRequests(std::string& out) const {
    AppendFamilyHeader(out, "xinfang_http_requests_total", "counter",
                       "HTTP requests answered, by route pattern, method and status.");

    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
        const auto& [route, method, status] = key;
        out.append("xinfang_http_requests_total{route=\"")
            .append(EscapeLabelValue(route))
            .append("\",method=\"")
            .append(EscapeLabelValue(method))
            .append("\",status=\"")
            .append(std::to_string(status))
            .append("\"} ")
            .append(std::to_string(count))
            .append("\n");
    }
}

// Buckets are stored per interval and made cumulative here, as the format requires.
void Metrics::RenderDurations(std::string& out) const {
    constexpr std::string_view kName = "xinfang_http_request_duration_seconds";
    AppendFamilyHeader(out, kName, "histogram",
                       "Time from a request fully read to its response written, in seconds, by "
                       "route, method and status.");

    std::lock_guard lock(mutex_);
    for (const auto& [key, histogram] : durations_) {
        const auto& [route, method, status] = key;
        const std::string labels = "route=\"" + EscapeLabelValue(route) + "\",method=\"" +
                                   EscapeLabelValue(method) + "\",status=\"" +
                                   std::to_string(status) + "\"";

        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < histogram.counts.size(); ++i) {
            cumulative += histogram.counts[i];
            const std::string_view le = i < kBucketLabels.size() ? kBucketLabels[i] : "+Inf";
            out.append(kName).append("_bucket{").append(labels).append(",le=\"");
            out.append(le).append("\"} ").append(std::to_string(cumulative)).append("\n");
        }
        out.append(kName).append("_sum{").append(labels).append("} ");
        out.append(FormatDouble(histogram.sum)).append("\n");
        out.append(kName).append("_count{").append(labels).append("} ");
        out.append(std::to_string(histogram.count)).append("\n");
    }
}

}  // namespace xinfang::http
