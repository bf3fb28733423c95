#include "http/metrics.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace xinfang::http {
namespace {

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);) {
        lines.push_back(line);
    }
    return lines;
}

bool Contains(const std::string& text, std::string_view line) {
    return text.find(std::string(line) + "\n") != std::string::npos;
}

TEST(MetricsTest, EveryLineIsCommentOrSample) {
    Metrics metrics;
    metrics.Observe("/api/v1/users/{id}", "GET", 200, 0.003);
    metrics.Observe("unmatched", "POST", 404, 0.2);

    const std::string text = metrics.RenderPrometheus();

    const std::regex comment(R"(# (HELP|TYPE) [a-z_]+ .+)");
    const std::regex sample(R"([a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)+\})? [0-9.e+-]+)");
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    for (const std::string& line : Lines(text)) {
        EXPECT_TRUE(std::regex_match(line, comment) || std::regex_match(line, sample)) << line;
    }
}

TEST(MetricsTest, DeclaresEachFamilyType) {
    const std::string text = Metrics().RenderPrometheus();

    EXPECT_TRUE(Contains(text, "# TYPE xinfang_http_requests_total counter"));
    EXPECT_TRUE(Contains(text, "# TYPE xinfang_http_request_duration_seconds histogram"));
    EXPECT_TRUE(Contains(text, "# TYPE xinfang_http_open_connections gauge"));
    EXPECT_TRUE(Contains(text, "# TYPE xinfang_process_resident_memory_bytes gauge"));
    EXPECT_TRUE(Contains(text, "# TYPE xinfang_build_info gauge"));
    EXPECT_TRUE(
        Contains(text, std::string("xinfang_build_info{version=\"") + XINFANG_VERSION + "\"} 1"));
}

TEST(MetricsTest, CountsRequestsByRouteMethodAndStatus) {
    Metrics metrics;

    metrics.Observe("/api/v1/regions", "GET", 200, 0.01);
    metrics.Observe("/api/v1/regions", "GET", 200, 0.02);
    metrics.Observe("/api/v1/regions", "POST", 409, 0.02);
    const std::string text = metrics.RenderPrometheus();

    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_requests_total{route="/api/v1/regions",method="GET",status="200"} 2)"));
    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_requests_total{route="/api/v1/regions",method="POST",status="409"} 1)"));
}

TEST(MetricsTest, HistogramBucketsAreCumulative) {
    Metrics metrics;

    metrics.Observe("/r", "GET", 200, 0.001);  // bucket bounds are inclusive
    metrics.Observe("/r", "GET", 200, 0.3);
    metrics.Observe("/r", "GET", 200, 7.0);
    const std::string text = metrics.RenderPrometheus();

    const std::string prefix =
        R"(xinfang_http_request_duration_seconds_bucket{route="/r",method="GET",status="200",le=)";
    EXPECT_TRUE(Contains(text, prefix + R"("0.001"} 1)"));
    EXPECT_TRUE(Contains(text, prefix + R"("0.25"} 1)"));
    EXPECT_TRUE(Contains(text, prefix + R"("0.5"} 2)"));
    EXPECT_TRUE(Contains(text, prefix + R"("5"} 2)"));
    EXPECT_TRUE(Contains(text, prefix + R"("+Inf"} 3)"));
    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_request_duration_seconds_sum{route="/r",method="GET",status="200"} 7.301)"));
    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_request_duration_seconds_count{route="/r",method="GET",status="200"} 3)"));
}

// A slow failing route must not hide among fast successes: each status has its own histogram.
TEST(MetricsTest, HistogramsAreSplitByStatus) {
    Metrics metrics;

    metrics.Observe("/r", "GET", 200, 0.002);
    metrics.Observe("/r", "GET", 500, 3.0);
    const std::string text = metrics.RenderPrometheus();

    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_request_duration_seconds_count{route="/r",method="GET",status="200"} 1)"));
    EXPECT_TRUE(Contains(
        text,
        R"(xinfang_http_request_duration_seconds_sum{route="/r",method="GET",status="500"} 3)"));
}

TEST(MetricsTest, EscapesLabelValues) {
    Metrics metrics;

    metrics.Observe("a\"b\\c\nd", "GET", 200, 0.1);
    const std::string text = metrics.RenderPrometheus();

    EXPECT_EQ(EscapeLabelValue("a\"b\\c\nd"), R"(a\"b\\c\nd)");
    EXPECT_TRUE(Contains(
        text, R"(xinfang_http_requests_total{route="a\"b\\c\nd",method="GET",status="200"} 1)"));
}

TEST(MetricsTest, TracksOpenConnectionsAndMemory) {
    Metrics metrics;

    metrics.AdjustOpenConnections(3);
    metrics.AdjustOpenConnections(-1);
    const std::string text = metrics.RenderPrometheus();

    EXPECT_TRUE(Contains(text, "xinfang_http_open_connections 2"));
    EXPECT_EQ(text.find("xinfang_process_resident_memory_bytes 0\n"), std::string::npos);
}

}  // namespace
}  // namespace xinfang::http
