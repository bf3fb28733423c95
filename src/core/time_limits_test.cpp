#include "core/time_limits.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace xinfang::core {
namespace {

TEST(TimeLimitsTest, AnEmptyFileKeepsTheStatutoryDefaults) {
    std::string error;
    auto limits = ParseTimeLimits("# nothing changed\n\n", &error);

    ASSERT_TRUE(limits) << error;
    EXPECT_EQ(limits->acceptance_notice_days, 15);
    EXPECT_EQ(limits->handling_days, 60);
    EXPECT_EQ(limits->max_extension_days, 30);
    EXPECT_EQ(limits->monthly_report_day, 20);
}

TEST(TimeLimitsTest, AKeyOverridesOnlyItsOwnLimit) {
    std::string error;
    auto limits =
        ParseTimeLimits("handling_days = 45   # local rule\r\nmonthly_report_day=25\n", &error);

    ASSERT_TRUE(limits) << error;
    EXPECT_EQ(limits->handling_days, 45);
    EXPECT_EQ(limits->monthly_report_day, 25);
    EXPECT_EQ(limits->acceptance_notice_days, 15);
}

TEST(TimeLimitsTest, MistakesNameTheLine) {
    std::string error;

    EXPECT_FALSE(ParseTimeLimits("handling_days = 60\nhandling = 60\n", &error));
    EXPECT_EQ(error, "line 2: unknown key `handling`");
    EXPECT_FALSE(ParseTimeLimits("handling_days = sixty\n", &error));
    EXPECT_EQ(error, "line 1: `handling_days` needs a whole number");
    EXPECT_FALSE(ParseTimeLimits("monthly_report_day = 32\n", &error));
    EXPECT_EQ(error, "line 1: `monthly_report_day` must be between 1 and 31");
    EXPECT_FALSE(ParseTimeLimits("acceptance_notice_days 15\n", &error));
    EXPECT_EQ(error, "line 1: expected `key = days`");
}

TEST(TimeLimitsTest, TheShippedFileHoldsTheDefaults) {
    const char* source = std::getenv("XINFANG_SOURCE_DIR");
    ASSERT_NE(source, nullptr);
    std::ifstream in(std::string(source) + "/data/time-limits.txt");
    ASSERT_TRUE(in);
    std::stringstream text;
    text << in.rdbuf();

    std::string error;
    auto limits = ParseTimeLimits(text.str(), &error);

    ASSERT_TRUE(limits) << error;
    TimeLimits defaults;
    EXPECT_EQ(limits->acceptance_notice_days, defaults.acceptance_notice_days);
    EXPECT_EQ(limits->handling_days, defaults.handling_days);
    EXPECT_EQ(limits->max_extension_days, defaults.max_extension_days);
    EXPECT_EQ(limits->review_request_days, defaults.review_request_days);
    EXPECT_EQ(limits->review_decision_days, defaults.review_decision_days);
    EXPECT_EQ(limits->rereview_request_days, defaults.rereview_request_days);
    EXPECT_EQ(limits->rereview_decision_days, defaults.rereview_decision_days);
    EXPECT_EQ(limits->monthly_report_day, defaults.monthly_report_day);
}

}  // namespace
}  // namespace xinfang::core
