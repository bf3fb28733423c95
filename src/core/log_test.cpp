#include "core/log.h"

#include <gtest/gtest.h>

#include <regex>

namespace xinfang::core {
namespace {

TEST(LogTest, ParsesLevelNamesCaseInsensitively) {
    EXPECT_EQ(ParseLogLevel("debug"), LogLevel::kDebug);
    EXPECT_EQ(ParseLogLevel("INFO"), LogLevel::kInfo);
    EXPECT_EQ(ParseLogLevel("Warn"), LogLevel::kWarn);
    EXPECT_EQ(ParseLogLevel("error"), LogLevel::kError);
    EXPECT_EQ(ParseLogLevel("loud"), std::nullopt);
}

TEST(LogTest, FormatsOneLineWithIsoTimeAndLevel) {
    const std::string line =
        FormatLogLine(LogLevel::kWarn, "disk slow\nsecond line", std::chrono::system_clock::now());

    const std::regex expected(
        R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} WARN disk slow second line\n)");
    EXPECT_TRUE(std::regex_match(line, expected)) << line;
}

TEST(LogTest, WritesEnabledMessagesToStderr) {
    testing::internal::CaptureStderr();

    LogError("listening failed");
    const std::string captured = testing::internal::GetCapturedStderr();

    EXPECT_NE(captured.find(" ERROR listening failed\n"), std::string::npos);
}

}  // namespace
}  // namespace xinfang::core
