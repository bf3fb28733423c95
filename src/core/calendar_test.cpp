#include "core/calendar.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "core/calendar_file.h"

namespace xinfang::core {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

std::filesystem::path SourceDir() {
    const char* dir = std::getenv("XINFANG_SOURCE_DIR");
    return dir ? dir : ".";
}

class RealCalendarTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        std::string error;
        auto calendar = LoadCalendarFile(SourceDir() / "data/calendar.txt", &error);
        ASSERT_TRUE(calendar.has_value()) << error;
        calendar_ = new Calendar(std::move(*calendar));
    }
    static void TearDownTestSuite() {
        delete calendar_;
        calendar_ = nullptr;
    }

    static const Calendar& calendar() { return *calendar_; }

private:
    static inline Calendar* calendar_ = nullptr;
};

// DESIGN.md §7, transcribed as written there: "MM-DD" or "MM-DD…MM-DD" items, where a full date
// marks a day of another year.
struct NoticeRow {
    int year;
    const char* days_off;
    const char* workdays;
};

constexpr NoticeRow kDesignTable[] = {
    {2023, "2022-12-31…01-02; 01-21…01-27; 04-05; 04-29…05-03; 06-22…06-24; 09-29…10-06",
     "01-28, 01-29, 04-23, 05-06, 06-25, 10-07, 10-08"},
    {2024, "01-01; 02-10…02-17; 04-04…04-06; 05-01…05-05; 06-10; 09-15…09-17; 10-01…10-07",
     "02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12"},
    {2025, "01-01; 01-28…02-04; 04-04…04-06; 05-01…05-05; 05-31…06-02; 10-01…10-08",
     "01-26, 02-08, 04-27, 09-28, 10-11"},
    {2026,
     "01-01…01-03; 02-15…02-23; 04-04…04-06; 05-01…05-05; 06-19…06-21; 09-25…09-27; "
     "10-01…10-07",
     "01-04, 02-14, 02-28, 05-09, 09-20, 10-10"},
};

Date TableDate(int year, std::string text) {
    return text.size() == 10 ? D(text.c_str()) : D((std::to_string(year) + "-" + text).c_str());
}

// Expands one cell of the table into its dates.
std::set<Date> TableDates(int year, std::string cell) {
    std::set<Date> dates;
    for (char& c : cell) {
        if (c == ';' || c == ',') c = ' ';
    }
    std::istringstream items(cell);
    for (std::string item; items >> item;) {
        std::size_t dots = item.find("…");
        Date first = TableDate(year, item.substr(0, dots));
        Date last = dots == std::string::npos ? first : TableDate(year, item.substr(dots + 3));
        for (Date d = first; d <= last; d = d.AddDays(1)) dates.insert(d);
    }
    return dates;
}

TEST_F(RealCalendarTest, MatchesTheDesignTableExactly) {
    EXPECT_EQ(calendar().KnownYears(), (std::vector<int>{2023, 2024, 2025, 2026}));

    for (const NoticeRow& row : kDesignTable) {
        std::set<Date> days_off;
        std::set<Date> workdays;
        for (const CalendarEntry& entry : calendar().EntriesOfYear(row.year)) {
            (entry.kind == DayKind::kDayOff ? days_off : workdays).insert(entry.date);
        }

        EXPECT_EQ(days_off, TableDates(row.year, row.days_off)) << row.year;
        EXPECT_EQ(workdays, TableDates(row.year, row.workdays)) << row.year;
    }
}

TEST_F(RealCalendarTest, WorkedSaturdayAfterSpringFestival) {
    auto entry = calendar().Entry(D("2023-01-28"));

    EXPECT_TRUE(calendar().IsWorkingDay(D("2023-01-28")));
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->kind, DayKind::kWorkday);
    EXPECT_EQ(entry->name, "春节调休");
    EXPECT_EQ(entry->notice_year, 2023);
}

TEST_F(RealCalendarTest, HolidayWeekdaysAreDaysOff) {
    EXPECT_TRUE(calendar().IsDayOff(D("2026-02-17")));
    EXPECT_EQ(calendar().Entry(D("2026-02-17"))->name, "春节");
    EXPECT_TRUE(calendar().IsDayOff(D("2025-10-08")));
    EXPECT_EQ(calendar().Entry(D("2025-10-08"))->name, "国庆节、中秋节");
    EXPECT_EQ(calendar().Entry(D("2023-10-02"))->name, "中秋节、国庆节");
    EXPECT_EQ(calendar().Entry(D("2024-09-16"))->name, "中秋节");
}

TEST_F(RealCalendarTest, WorkedWeekendAfterNationalDay2023) {
    EXPECT_TRUE(calendar().IsWorkingDay(D("2023-10-07")));
    EXPECT_TRUE(calendar().IsWorkingDay(D("2023-10-08")));
    EXPECT_TRUE(calendar().IsDayOff(D("2023-10-14")));
}

TEST_F(RealCalendarTest, OrdinaryDaysFollowTheWeek) {
    EXPECT_TRUE(calendar().IsWorkingDay(D("2023-02-14")));
    EXPECT_TRUE(calendar().IsDayOff(D("2023-02-18")));
    EXPECT_FALSE(calendar().Entry(D("2023-02-14")).has_value());
}

TEST_F(RealCalendarTest, NewYearsEve2022BelongsToThe2023Notice) {
    EXPECT_TRUE(calendar().IsDayOff(D("2022-12-31")));
    EXPECT_EQ(calendar().Entry(D("2022-12-31"))->notice_year, 2023);
    EXPECT_FALSE(calendar().KnowsYear(2022));
    EXPECT_EQ(calendar().EntriesOfYear(2023).front().date, D("2022-12-31"));
    EXPECT_TRUE(calendar().EntriesOfYear(2022).empty());
}

TEST_F(RealCalendarTest, LimitEndingInHolidayMovesToNextWorkingDay) {
    EXPECT_EQ(D("2023-09-20").AddDays(15), D("2023-10-05"));
    EXPECT_EQ(calendar().AddCalendarDaysMovedOffDayOff(D("2023-09-20"), 15), D("2023-10-07"));
    EXPECT_EQ(calendar().AddCalendarDaysMovedOffDayOff(D("2023-02-01"), 15), D("2023-02-16"));
    EXPECT_EQ(calendar().AddCalendarDaysMovedOffDayOff(D("2023-02-03"), 15), D("2023-02-20"));
}

TEST_F(RealCalendarTest, NextWorkingDay) {
    EXPECT_EQ(calendar().NextWorkingDayOnOrAfter(D("2023-02-14")), D("2023-02-14"));
    EXPECT_EQ(calendar().NextWorkingDayAfter(D("2023-02-14")), D("2023-02-15"));
    EXPECT_EQ(calendar().NextWorkingDayOnOrAfter(D("2023-01-21")), D("2023-01-28"));
    EXPECT_EQ(calendar().NextWorkingDayAfter(D("2023-01-27")), D("2023-01-28"));
    EXPECT_EQ(calendar().NextWorkingDayAfter(D("2026-02-13")), D("2026-02-14"));
}

TEST_F(RealCalendarTest, AddWorkingDaysSkipsHolidaysBothWays) {
    EXPECT_EQ(calendar().AddWorkingDays(D("2023-09-28"), 1), D("2023-10-07"));
    EXPECT_EQ(calendar().AddWorkingDays(D("2023-09-28"), 3), D("2023-10-09"));
    EXPECT_EQ(calendar().AddWorkingDays(D("2023-10-07"), -1), D("2023-09-28"));
    EXPECT_EQ(calendar().AddWorkingDays(D("2023-10-01"), 0), D("2023-10-01"));
}

TEST_F(RealCalendarTest, UnknownYearUsesWeekendsOnly) {
    EXPECT_FALSE(calendar().KnowsYear(2030));
    EXPECT_TRUE(calendar().IsWorkingDay(D("2030-01-01")));  // A Tuesday; no notice, no holiday.
    EXPECT_TRUE(calendar().IsDayOff(D("2030-01-05")));
    EXPECT_TRUE(calendar().EntriesOfYear(2030).empty());
    EXPECT_EQ(calendar().AddCalendarDaysMovedOffDayOff(D("2030-01-01"), 4), D("2030-01-07"));
}

TEST(CalendarTest, EmptyCalendarKnowsNoYear) {
    Calendar calendar;

    EXPECT_FALSE(calendar.KnowsYear(2023));
    EXPECT_TRUE(calendar.IsWorkingDay(D("2023-01-23")));
    EXPECT_TRUE(calendar.IsDayOff(D("2023-01-28")));
}

TEST(CalendarTest, ParsesCommentsBlankLinesCrlfBomAndFullWidthSpaces) {
    std::string text =
        "\xEF\xBB\xBF# 说明\r\n"
        "\r\n"
        "year 2027  # 通知\r\n"
        "\toff 2027-02-05..2027-02-07\t春节 \r\n"
        "work 2027-02-14\xE3\x80\x80春节调休\r\n"
        "year 2028";
    std::string error;

    auto calendar = ParseCalendar(text, &error);

    ASSERT_TRUE(calendar.has_value()) << error;
    EXPECT_EQ(calendar->KnownYears(), (std::vector<int>{2027, 2028}));
    EXPECT_EQ(calendar->EntriesOfYear(2027).size(), 4u);
    EXPECT_EQ(calendar->Entry(D("2027-02-06"))->name, "春节");
    EXPECT_EQ(calendar->Entry(D("2027-02-14"))->name, "春节调休");
    EXPECT_TRUE(calendar->IsWorkingDay(D("2027-02-14")));
}

TEST(CalendarTest, EmptyTextIsAnEmptyCalendar) {
    std::string error;
    auto calendar = ParseCalendar("", &error);

    ASSERT_TRUE(calendar.has_value());
    EXPECT_TRUE(calendar->KnownYears().empty());
}

struct BadInput {
    const char* text;
    const char* expected_in_error;
};

TEST(CalendarTest, ParseErrorsNameTheLine) {
    const BadInput cases[] = {
        {"year 2027\noff 2027-02-30 春节\n", "第2行：日期无效"},
        {"year 2027\n\n# x\nholiday 2027-02-05 春节\n", "第4行：无法识别的关键字"},
        {"off 2027-02-05 春节\n", "第1行：日期之前须先有 year 行"},
        {"year 27\n", "第1行：year 后应为"},
        {"year 2027 2028\n", "第1行：year 后应为"},
        {"year 9999\n", "第1行：year 后应为"},
        {"year 2027\noff 2027-02-05\n", "第2行：缺少名称"},
        {"year 2027\noff 2027-02-07..2027-02-05 春节\n", "第2行：日期范围的结束早于开始"},
        {"year 2027\noff 2027-01-01..2027-03-01 春节\n", "第2行：日期范围超过 31 天"},
        {"year 2027\noff 2027-02-05...2027-02-07 春节\n", "第2行：日期无效"},
        {"year 2027\nwork 2027-02-08 春节调休\n",
         "第2行：2027-02-08 是星期一，调休上班日应为周六或周日"},
        {"year 2027\noff 2029-01-01 元旦\n", "第2行：2029-01-01 不属于 2027 年的通知"},
        {"year 2027\nyear 2027\n", "第2行：2027 年已经出现过"},
    };

    for (const BadInput& input : cases) {
        std::string error;
        EXPECT_FALSE(ParseCalendar(input.text, &error).has_value()) << input.text;
        EXPECT_NE(error.find(input.expected_in_error), std::string::npos)
            << input.text << " gave: " << error;
    }
}

TEST(CalendarTest, RejectsContradictoryEntries) {
    std::string error;
    std::string text =
        "year 2027\n"
        "off 2027-02-05..2027-02-07 春节\n"
        "work 2027-02-06 春节调休\n";

    EXPECT_FALSE(ParseCalendar(text, &error).has_value());
    EXPECT_EQ(error, "第3行：2027-02-06 已在第2行列出");
}

TEST(CalendarTest, RejectsOverlappingRangesAcrossNotices) {
    std::string error;
    std::string text =
        "year 2027\n"
        "off 2027-12-31..2028-01-01 元旦\n"
        "year 2028\n"
        "off 2028-01-01..2028-01-02 元旦\n";

    EXPECT_FALSE(ParseCalendar(text, &error).has_value());
    EXPECT_EQ(error, "第4行：2028-01-01 已在第2行列出");
}

TEST(CalendarTest, CreateRejectsDuplicateDatesAndBadEntries) {
    std::string error;
    std::vector<CalendarEntry> duplicated = {{D("2027-02-05"), DayKind::kDayOff, "春节", 2027},
                                             {D("2027-02-05"), DayKind::kDayOff, "春节", 2027}};
    std::vector<CalendarEntry> weekday_work = {
        {D("2027-02-08"), DayKind::kWorkday, "春节调休", 2027}};

    EXPECT_FALSE(Calendar::Create(duplicated, {}, &error).has_value());
    EXPECT_EQ(error, "2027-02-05 重复列出");
    EXPECT_FALSE(Calendar::Create(weekday_work, {}, &error).has_value());
}

TEST(CalendarTest, CreateSortsEntriesAndKnowsTheirYears) {
    std::string error;
    std::vector<CalendarEntry> entries = {{D("2027-02-14"), DayKind::kWorkday, "春节调休", 2027},
                                          {D("2027-02-05"), DayKind::kDayOff, "春节", 2027}};

    auto calendar = Calendar::Create(entries, {2028}, &error);

    ASSERT_TRUE(calendar.has_value()) << error;
    EXPECT_EQ(calendar->KnownYears(), (std::vector<int>{2027, 2028}));
    EXPECT_EQ(calendar->EntriesOfYear(2027).front().date, D("2027-02-05"));
}

TEST(CalendarFileTest, MissingFileNamesThePath) {
    std::string error;

    auto calendar = LoadCalendarFile("/nonexistent/calendar.txt", &error);

    EXPECT_FALSE(calendar.has_value());
    EXPECT_EQ(error.rfind("/nonexistent/calendar.txt：", 0), 0u) << error;
}

}  // namespace
}  // namespace xinfang::core
