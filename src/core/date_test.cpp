#include "core/date.h"

#include <gtest/gtest.h>

#include <chrono>

namespace xinfang::core {
namespace {

TEST(DateTest, LeapYearsFollowGregorianRules) {
    EXPECT_TRUE(IsLeapYear(2024));
    EXPECT_TRUE(IsLeapYear(2000));
    EXPECT_FALSE(IsLeapYear(1900));
    EXPECT_FALSE(IsLeapYear(2023));
    EXPECT_FALSE(IsLeapYear(2100));
}

TEST(DateTest, DaysInMonthKnowsFebruaryAndMonthEnds) {
    EXPECT_EQ(DaysInMonth(2023, 2), 28);
    EXPECT_EQ(DaysInMonth(2024, 2), 29);
    EXPECT_EQ(DaysInMonth(1900, 2), 28);
    EXPECT_EQ(DaysInMonth(2000, 2), 29);
    EXPECT_EQ(DaysInMonth(2023, 4), 30);
    EXPECT_EQ(DaysInMonth(2023, 12), 31);
    EXPECT_EQ(DaysInMonth(2023, 0), 0);
    EXPECT_EQ(DaysInMonth(2023, 13), 0);
}

TEST(DateTest, ParsesIsoDates) {
    auto date = Date::Parse("2023-02-14");

    ASSERT_TRUE(date.has_value());
    EXPECT_EQ(date->year(), 2023);
    EXPECT_EQ(date->month(), 2);
    EXPECT_EQ(date->day(), 14);
    EXPECT_EQ(Date::Parse("2024-02-29"), Date(2024, 2, 29));
}

TEST(DateTest, ParseRejectsInvalidDatesAndOtherShapes) {
    for (const char* text :
         {"2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00",
          "0000-01-01", "2023-2-14", "2023/02/14", "20230214", "2023-02-14 ", " 2023-02-14",
          "2023-02-1x", "+023-02-14", "", "2023-02-14T00:00:00+08:00"}) {
        EXPECT_FALSE(Date::Parse(text).has_value()) << text;
    }
}

TEST(DateTest, FromYmdChecksValidity) {
    EXPECT_TRUE(Date::FromYmd(2023, 12, 31).has_value());
    EXPECT_FALSE(Date::FromYmd(2023, 11, 31).has_value());
    EXPECT_FALSE(Date::FromYmd(10000, 1, 1).has_value());
}

TEST(DateTest, ToStringPadsFields) {
    EXPECT_EQ(Date(2023, 2, 14).ToString(), "2023-02-14");
    EXPECT_EQ(Date(987, 1, 5).ToString(), "0987-01-05");
    EXPECT_EQ(Date().ToString(), "1970-01-01");
}

TEST(DateTest, WeekdayOfKnownDates) {
    EXPECT_EQ(Date(2023, 2, 14).Weekday(), 2);  // Tuesday, the seed's first reception day.
    EXPECT_EQ(Date(1970, 1, 1).Weekday(), 4);
    EXPECT_EQ(Date(2000, 1, 1).Weekday(), 6);
    EXPECT_EQ(Date(2023, 1, 1).Weekday(), 7);
    EXPECT_EQ(Date(2024, 2, 29).Weekday(), 4);
    EXPECT_EQ(Date(1969, 12, 29).Weekday(), 1);
    EXPECT_TRUE(Date(2023, 1, 28).IsWeekend());
    EXPECT_FALSE(Date(2023, 1, 27).IsWeekend());
}

TEST(DateTest, DaysSinceEpochOfKnownDates) {
    EXPECT_EQ(Date(1970, 1, 1).DaysSinceEpoch(), 0);
    EXPECT_EQ(Date(1969, 12, 31).DaysSinceEpoch(), -1);
    EXPECT_EQ(Date(2000, 3, 1).DaysSinceEpoch(), 11017);
    EXPECT_EQ(Date(2023, 2, 14).DaysSinceEpoch(), 19402);
    EXPECT_EQ(Date::FromDaysSinceEpoch(19402), Date(2023, 2, 14));
}

TEST(DateTest, EpochDaysAgreeWithStandardLibraryOverCenturies) {
    using namespace std::chrono;
    for (int y = 1599; y <= 2401; ++y) {
        for (int m = 1; m <= 12; ++m) {
            for (int d = 1; d <= DaysInMonth(y, m); ++d) {
                std::int64_t expected =
                    sys_days(year_month_day(year(y), month(m), day(d))).time_since_epoch().count();
                Date date(y, m, d);
                ASSERT_EQ(date.DaysSinceEpoch(), expected) << date;
                ASSERT_EQ(Date::FromDaysSinceEpoch(expected), date) << date;
            }
        }
    }
}

TEST(DateTest, RoundTripsAtTheEndsOfTheRange) {
    for (Date date : {Date(1, 1, 1), Date(9999, 12, 31), Date(1600, 2, 29), Date(400, 3, 1)}) {
        EXPECT_EQ(Date::FromDaysSinceEpoch(date.DaysSinceEpoch()), date);
        EXPECT_EQ(Date::Parse(date.ToString()), date);
    }
}

TEST(DateTest, AddDaysCrossesMonthAndYearEnds) {
    EXPECT_EQ(Date(2023, 1, 31).AddDays(1), Date(2023, 2, 1));
    EXPECT_EQ(Date(2023, 2, 28).AddDays(1), Date(2023, 3, 1));
    EXPECT_EQ(Date(2024, 2, 28).AddDays(1), Date(2024, 2, 29));
    EXPECT_EQ(Date(2023, 12, 31).AddDays(1), Date(2024, 1, 1));
    EXPECT_EQ(Date(2024, 1, 1).AddDays(-1), Date(2023, 12, 31));
    EXPECT_EQ(Date(2023, 9, 20).AddDays(15), Date(2023, 10, 5));
    EXPECT_EQ(Date(2023, 2, 14).AddDays(0), Date(2023, 2, 14));
}

TEST(DateTest, DaysUntilIsSigned) {
    EXPECT_EQ(Date(2023, 1, 1).DaysUntil(Date(2024, 1, 1)), 365);
    EXPECT_EQ(Date(2024, 1, 1).DaysUntil(Date(2025, 1, 1)), 366);
    EXPECT_EQ(Date(2023, 3, 1).DaysUntil(Date(2023, 2, 1)), -28);
}

TEST(DateTest, ComparesChronologically) {
    EXPECT_LT(Date(2022, 12, 31), Date(2023, 1, 1));
    EXPECT_LT(Date(2023, 1, 31), Date(2023, 2, 1));
    EXPECT_LT(Date(2023, 2, 1), Date(2023, 2, 2));
    EXPECT_EQ(Date(2023, 2, 14), *Date::Parse("2023-02-14"));
}

TEST(TimeTest, FormatsInChinaTime) {
    EXPECT_EQ(FormatTime(0), "1970-01-01T08:00:00+08:00");
    EXPECT_EQ(FormatTime(1676338200), "2023-02-14T09:30:00+08:00");
    EXPECT_EQ(FormatTime(-1), "1970-01-01T07:59:59+08:00");
    EXPECT_EQ(FormatTime(-28801), "1969-12-31T23:59:59+08:00");
}

TEST(TimeTest, ParsesAnyOffset) {
    EXPECT_EQ(ParseTime("2023-02-14T09:30:00+08:00"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14T01:30:00Z"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14t01:30:00z"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14 01:30:00Z"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-13T20:30:00-05:00"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14T07:00:00+05:30"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14T01:30:00-00:00"), 1676338200);
    EXPECT_EQ(ParseTime("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(ParseTime("1969-12-31T23:59:59Z"), -1);
}

TEST(TimeTest, IgnoresFractionalSeconds) {
    EXPECT_EQ(ParseTime("2023-02-14T09:30:00.999+08:00"), 1676338200);
    EXPECT_EQ(ParseTime("2023-02-14T01:30:00.5Z"), 1676338200);
    EXPECT_EQ(ParseTime("1969-12-31T23:59:59.75Z"), -1);
}

TEST(TimeTest, ParseRejectsIncompleteOrOutOfRangeTimes) {
    for (const char* text :
         {"", "2023-02-14", "2023-02-14T09:30:00", "2023-02-14T09:30+08:00", "2023-02-14T24:00:00Z",
          "2023-02-14T09:60:00Z", "2023-02-14T09:30:60Z", "2023-02-29T09:30:00Z",
          "2023-02-14T09:30:00.Z", "2023-02-14T09:30:00.123", "2023-02-14T09:30:00+0800",
          "2023-02-14T09:30:00+08", "2023-02-14T09:30:00+24:00", "2023-02-14T09:30:00+08:60",
          "2023-02-14T09:30:00 +08:00", "2023-02-14X09:30:00Z", "2023-02-14T09:30:00Z ",
          "2023-02-14T9:30:00Z"}) {
        EXPECT_FALSE(ParseTime(text).has_value()) << text;
    }
}

TEST(TimeTest, FormatAndParseRoundTrip) {
    for (std::int64_t ts : {std::int64_t{0}, std::int64_t{1676338200}, std::int64_t{-86400 * 400},
                            std::int64_t{4102444799}, std::int64_t{951782400}}) {
        EXPECT_EQ(ParseTime(FormatTime(ts)), ts) << ts;
    }
}

TEST(TimeTest, DateOfUsesChinaMidnight) {
    std::int64_t china_midnight = *ParseTime("2023-02-14T00:00:00+08:00");

    EXPECT_EQ(DateOf(china_midnight), Date(2023, 2, 14));
    EXPECT_EQ(DateOf(china_midnight - 1), Date(2023, 2, 13));
    EXPECT_EQ(DateOf(*ParseTime("2023-02-13T16:00:00Z")), Date(2023, 2, 14));
    EXPECT_EQ(DateOf(*ParseTime("2023-02-13T15:59:59Z")), Date(2023, 2, 13));
    EXPECT_EQ(DateOf(-1), Date(1970, 1, 1));
}

TEST(TimeTest, StartOfDayIsChinaMidnight) {
    EXPECT_EQ(StartOfDay(Date(2023, 2, 14)), *ParseTime("2023-02-14T00:00:00+08:00"));
    EXPECT_EQ(StartOfDay(Date(1970, 1, 1)), -28800);
    EXPECT_EQ(DateOf(StartOfDay(Date(2024, 2, 29))), Date(2024, 2, 29));
    EXPECT_EQ(FormatTime(StartOfDay(Date(2023, 10, 7))), "2023-10-07T00:00:00+08:00");
}

TEST(TimeTest, NowIsAfterThisCodeWasWritten) {
    EXPECT_GT(NowSeconds(), *ParseTime("2023-01-01T00:00:00+08:00"));
}

}  // namespace
}  // namespace xinfang::core
