#include "core/stats.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

std::int64_t Day(const char* text) { return Date::Parse(text)->DaysSinceEpoch(); }

TEST(StatsTest, OnTimeCountsALimitEndingOnADayOffUpToTheNextWorkingDay) {
    Calendar weekends_only;
    // 2023-01-06 is a Friday: 15 days later is Saturday 21st, so the limit is Monday 23rd.
    std::vector<StepDays> steps = {{Day("2023-01-06"), Day("2023-01-23"), 0, 3},
                                   {Day("2023-01-06"), Day("2023-01-24"), 0, 1},
                                   {Day("2023-01-06"), Day("2023-01-10"), 0, 2}};

    Rate rate = OnTimeRate(steps, 15, DeadlineKind::kAcceptanceNotice, weekends_only);

    EXPECT_EQ(rate.numerator, 5);
    EXPECT_EQ(rate.denominator, 6);
    EXPECT_DOUBLE_EQ(rate.value(), 0.8333);
}

TEST(StatsTest, AnExtensionAddsToTheLimit) {
    Calendar weekends_only;
    // Accepted Monday 2023-03-06; 60 + 30 days is Sunday 2023-06-04, so Monday 5th.
    std::vector<StepDays> steps = {{Day("2023-03-06"), Day("2023-06-05"), 30, 1},
                                   {Day("2023-03-06"), Day("2023-06-05"), 0, 1}};

    Rate rate = OnTimeRate(steps, 60, DeadlineKind::kHandling, weekends_only);

    EXPECT_EQ(rate.numerator, 1);
    EXPECT_EQ(rate.denominator, 2);
}

TEST(StatsTest, APauseOfTheClockMovesTheLimitAndOneOfAnotherClockDoesNot) {
    Calendar weekends_only;
    // Accepted Monday 2023-03-06, 60 days: Friday 2023-05-05. A hearing of ten days
    // (2023-04-03 to 04-12) on the handling clock moves it to Monday 2023-05-15.
    PausedPeriod hearing{*Date::Parse("2023-04-03"), *Date::Parse("2023-04-12"), "听证",
                         DeadlineKind::kHandling};
    PausedPeriod other = hearing;
    other.clock = DeadlineKind::kReviewDecision;
    std::vector<StepDays> steps = {
        {Day("2023-03-06"), Day("2023-05-15"), 0, 2, {hearing}},
        {Day("2023-03-06"), Day("2023-05-15"), 0, 1, {other}},
        {Day("2023-03-06"), Day("2023-05-16"), 0, 1, {hearing}},
    };

    Rate rate = OnTimeRate(steps, 60, DeadlineKind::kHandling, weekends_only);

    EXPECT_EQ(rate.numerator, 2);
    EXPECT_EQ(rate.denominator, 4);
}

TEST(StatsTest, NothingToCountIsARateOfZero) { EXPECT_EQ(Rate{}.value(), 0); }

TEST(StatsTest, MonthsAreSummedInOrderWithoutGaps) {
    std::vector<DayCount> days = {
        {Day("2023-03-31"), 2}, {Day("2023-01-02"), 1}, {Day("2023-03-01"), 4}};

    auto months = ByMonth(days);

    ASSERT_EQ(months.size(), 3u);
    EXPECT_EQ(months[0].month, "2023-01");
    EXPECT_EQ(months[0].count, 1);
    EXPECT_EQ(months[1].month, "2023-02");
    EXPECT_EQ(months[1].count, 0);
    EXPECT_EQ(months[2].month, "2023-03");
    EXPECT_EQ(months[2].count, 6);
}

}  // namespace
}  // namespace xinfang::core
