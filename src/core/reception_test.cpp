#include "core/reception.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <utility>

#include "core/calendar_file.h"

namespace xinfang::core {
namespace {

using testing::HasSubstr;

Date D(const char* text) { return *Date::Parse(text); }

// The seed's seven leaders in the order Attachment 1 rotates them.
ScheduleRule SeedRule() {
    ScheduleRule rule;
    rule.rotation = {{1, "刘华军"}, {2, "杨杰"},   {3, "许正娟"}, {4, "施波"},
                     {5, "钱向东"}, {6, "王向阳"}, {7, "龚雪松"}};
    rule.first_leader_id = 1;
    return rule;
}

CalendarEntry Off(const char* date, const char* name) {
    Date day = D(date);
    return {day, DayKind::kDayOff, name, day.year()};
}

CalendarEntry Work(const char* date, const char* name) {
    Date day = D(date);
    return {day, DayKind::kWorkday, name, day.year()};
}

// Each day of `first`–`last` off, for made-up calendars.
std::vector<CalendarEntry> OffRange(const char* first, const char* last, const char* name) {
    std::vector<CalendarEntry> entries;
    for (Date day = D(first); day <= D(last); day = day.AddDays(1)) {
        entries.push_back({day, DayKind::kDayOff, name, day.year()});
    }
    return entries;
}

Calendar MadeUp(std::vector<CalendarEntry> entries) {
    std::string error;
    auto calendar = Calendar::Create(std::move(entries), {}, &error);
    EXPECT_TRUE(calendar.has_value()) << error;
    return calendar ? std::move(*calendar) : Calendar();
}

const ProposedDay* DayOfMonth(const ScheduleResult& result, int month) {
    for (const ProposedDay& day : result.days) {
        if (day.date.month() == month) return &day;
    }
    return nullptr;
}

class ReceptionTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        const char* dir = std::getenv("XINFANG_SOURCE_DIR");
        std::filesystem::path source = dir ? dir : ".";
        std::string error;
        auto calendar = LoadCalendarFile(source / "data/calendar.txt", &error);
        ASSERT_TRUE(calendar.has_value()) << error;
        calendar_ = new Calendar(std::move(*calendar));
    }
    static void TearDownTestSuite() {
        delete calendar_;
        calendar_ = nullptr;
    }

    static const Calendar& calendar() { return *calendar_; }

    static ScheduleResult Generate(int year, const std::vector<HandMadeDay>& kept = {}) {
        return GenerateSchedule(year, SeedRule(), calendar(), kept);
    }

private:
    static inline Calendar* calendar_ = nullptr;
};

// --- The seed's table -------------------------------------------------------------------------

TEST_F(ReceptionTest, ReproducesAttachmentOneOf2023) {
    struct Row {
        const char* date;
        const char* leader;
    };
    constexpr Row kAttachmentOne[] = {
        {"2023-02-14", "刘华军"}, {"2023-03-14", "杨杰"},   {"2023-04-18", "许正娟"},
        {"2023-05-16", "施波"},   {"2023-06-20", "钱向东"}, {"2023-07-18", "王向阳"},
        {"2023-08-15", "龚雪松"}, {"2023-09-19", "刘华军"}, {"2023-10-17", "杨杰"},
        {"2023-11-14", "许正娟"}, {"2023-12-19", "施波"},
    };

    ScheduleResult result = Generate(2023);

    ASSERT_TRUE(result.ok()) << result.error->message;
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.days.size(), std::size(kAttachmentOne));
    for (std::size_t i = 0; i < result.days.size(); ++i) {
        const ProposedDay& day = result.days[i];
        SCOPED_TRACE(kAttachmentOne[i].date);
        EXPECT_EQ(day.date, D(kAttachmentOne[i].date));
        ASSERT_EQ(day.leaders.size(), 1u);
        EXPECT_EQ(day.leaders[0].name, kAttachmentOne[i].leader);
        EXPECT_EQ(day.start_time, "08:30");
        EXPECT_EQ(day.end_time, "11:30");
        EXPECT_FALSE(day.moved_from.has_value());
        EXPECT_TRUE(day.reason.empty());
        EXPECT_FALSE(day.hand_made);
    }
}

TEST_F(ReceptionTest, RotationStartsAtTheFirstLeaderAndWraps) {
    ScheduleRule rule = SeedRule();
    rule.first_leader_id = 6;
    rule.months = {12, 2, 3};

    ScheduleResult result = GenerateSchedule(2023, rule, calendar(), {});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 3u);
    EXPECT_EQ(result.days[0].leaders[0].name, "王向阳");
    EXPECT_EQ(result.days[1].leaders[0].name, "龚雪松");
    EXPECT_EQ(result.days[2].leaders[0].name, "刘华军");
    EXPECT_EQ(result.days[2].date, D("2023-12-19"));
}

// --- ReceptionDayOfMonth ---------------------------------------------------------------------

TEST(ReceptionDayOfMonthTest, CountsWeeksByTheirWednesday) {
    // February 2023 begins on a Wednesday, so its week 1 begins on Monday 01-30.
    EXPECT_EQ(ReceptionDayOfMonth(2023, 2, 3, 2), D("2023-02-14"));
    // April 2023 begins on a Saturday; the week of 03-29 belongs to March.
    EXPECT_EQ(ReceptionDayOfMonth(2023, 4, 3, 2), D("2023-04-18"));
    EXPECT_EQ(ReceptionDayOfMonth(2023, 4, 1, 1), D("2023-04-03"));
}

TEST(ReceptionDayOfMonthTest, NoDayWhenTheWeekdayLiesOutsideTheMonth) {
    // Week 1 of March 2023 begins on Monday 02-27.
    EXPECT_EQ(ReceptionDayOfMonth(2023, 3, 1, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 3, 1, 3), D("2023-03-01"));
    // February 2026 has four weeks; a fifth would begin on 03-02.
    EXPECT_EQ(ReceptionDayOfMonth(2026, 2, 5, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2026, 3, 5, 2), D("2026-03-31"));
}

TEST(ReceptionDayOfMonthTest, RejectsArgumentsOutOfRange) {
    EXPECT_EQ(ReceptionDayOfMonth(2023, 13, 3, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 0, 3, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 2, 0, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 2, 6, 2), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 2, 3, 0), std::nullopt);
    EXPECT_EQ(ReceptionDayOfMonth(2023, 2, 3, 8), std::nullopt);
}

// --- Holiday moves on the real calendar ------------------------------------------------------

TEST_F(ReceptionTest, MidAutumn2024MovesToTheNextDayOfTheSameWeek) {
    ScheduleResult result = Generate(2024);

    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.days.size(), 11u);
    const ProposedDay* september = DayOfMonth(result, 9);
    ASSERT_NE(september, nullptr);
    EXPECT_EQ(september->date, D("2024-09-18"));
    EXPECT_EQ(september->moved_from, D("2024-09-17"));
    EXPECT_EQ(september->reason,
              "2024-09-17（星期二）为中秋节假期，改至同周的 2024-09-18（星期三）");
    EXPECT_EQ(september->leaders[0].name, "刘华军");
    for (const ProposedDay& day : result.days) {
        if (day.date.month() == 9) continue;
        EXPECT_FALSE(day.moved_from.has_value()) << day.date;
        EXPECT_EQ(day.date, ReceptionDayOfMonth(2024, day.date.month(), 3, 2));
    }
}

TEST_F(ReceptionTest, No2025DayFallsOnAHoliday) {
    // The 2025 notice's holidays all miss week 3: National Day ends 10-08, and October's week 3
    // begins 10-13.
    ScheduleResult result = Generate(2025);

    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.days.size(), 11u);
    for (const ProposedDay& day : result.days) {
        EXPECT_FALSE(day.moved_from.has_value()) << day.date;
        EXPECT_TRUE(calendar().IsWorkingDay(day.date)) << day.date;
    }
    EXPECT_EQ(DayOfMonth(result, 10)->date, D("2025-10-14"));
}

TEST_F(ReceptionTest, SpringFestival2026MovesToTheNextWeek) {
    ScheduleResult result = Generate(2026);

    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.days.size(), 11u);
    const ProposedDay& february = result.days[0];
    EXPECT_EQ(february.date, D("2026-02-24"));
    EXPECT_EQ(february.moved_from, D("2026-02-17"));
    EXPECT_EQ(february.reason,
              "2026-02-17（星期二）为春节假期，当周无其他工作日，改至下周的 2026-02-24（星期二）");
    EXPECT_EQ(february.leaders[0].name, "刘华军");
    EXPECT_EQ(DayOfMonth(result, 10)->date, D("2026-10-20"));
    EXPECT_FALSE(DayOfMonth(result, 10)->moved_from.has_value());
}

TEST_F(ReceptionTest, NationalDayMovesAWeekOneRule) {
    ScheduleRule rule = SeedRule();
    rule.week_of_month = 1;
    rule.months = {10};

    ScheduleResult in_2024 = GenerateSchedule(2024, rule, calendar(), {});
    ScheduleResult in_2026 = GenerateSchedule(2026, rule, calendar(), {});

    ASSERT_TRUE(in_2024.ok());
    ASSERT_EQ(in_2024.days.size(), 1u);
    EXPECT_EQ(in_2024.days[0].moved_from, D("2024-10-01"));
    EXPECT_EQ(in_2024.days[0].date, D("2024-10-08"));
    EXPECT_THAT(in_2024.days[0].reason, HasSubstr("国庆节假期"));
    ASSERT_TRUE(in_2026.ok());
    ASSERT_EQ(in_2026.days.size(), 1u);
    EXPECT_EQ(in_2026.days[0].moved_from, D("2026-10-06"));
    EXPECT_EQ(in_2026.days[0].date, D("2026-10-08"));
    EXPECT_THAT(in_2026.days[0].reason, HasSubstr("改至同周的 2026-10-08（星期四）"));
}

TEST_F(ReceptionTest, WarnsOfAMonthWithoutTheRulesDay) {
    // October 2025 begins on a Wednesday: its week 1 Tuesday is 09-30.
    ScheduleRule rule = SeedRule();
    rule.week_of_month = 1;
    rule.months = {9, 10, 11};

    ScheduleResult result = GenerateSchedule(2025, rule, calendar(), {});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 2u);
    EXPECT_EQ(result.days[1].date.month(), 11);
    EXPECT_EQ(result.days[1].leaders[0].name, "许正娟");
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_THAT(result.warnings[0], HasSubstr("2025 年 10 月"));
}

// --- MoveOffDayOff on made-up calendars ------------------------------------------------------

TEST(MoveOffDayOffTest, PrefersALaterDayOfTheSameWeek) {
    Calendar calendar = MadeUp(OffRange("2030-03-19", "2030-03-20", "测试"));

    EXPECT_EQ(MoveOffDayOff(D("2030-03-19"), calendar), D("2030-03-21"));
}

TEST(MoveOffDayOffTest, TakesAWorkedSaturday) {
    std::vector<CalendarEntry> entries = OffRange("2030-03-19", "2030-03-22", "测试");
    entries.push_back(Work("2030-03-23", "测试调休"));

    EXPECT_EQ(MoveOffDayOff(D("2030-03-19"), MadeUp(std::move(entries))), D("2030-03-23"));
}

TEST(MoveOffDayOffTest, SkipsTheMondayBeforeTheNextWeeksWeekday) {
    Calendar calendar = MadeUp(OffRange("2030-03-19", "2030-03-22", "测试"));

    EXPECT_EQ(MoveOffDayOff(D("2030-03-19"), calendar), D("2030-03-26"));
}

TEST(MoveOffDayOffTest, TakesTheFirstWorkingDayAfterTheNextWeeksWeekday) {
    std::vector<CalendarEntry> entries = OffRange("2030-03-19", "2030-03-22", "测试");
    entries.push_back(Off("2030-03-26", "测试"));
    entries.push_back(Off("2030-03-27", "测试"));
    Calendar calendar = MadeUp(std::move(entries));
    ScheduleRule rule = SeedRule();
    rule.months = {3};

    ScheduleResult result = GenerateSchedule(2030, rule, calendar, {});

    EXPECT_EQ(MoveOffDayOff(D("2030-03-19"), calendar), D("2030-03-28"));
    ASSERT_EQ(result.days.size(), 1u);
    EXPECT_EQ(result.days[0].date, D("2030-03-28"));
    EXPECT_THAT(result.days[0].reason, HasSubstr("2030-03-26（星期二）也不是工作日"));
}

TEST(MoveOffDayOffTest, FallsBackToTheNearestEarlierDayOfTheMonth) {
    // The rest of the week of 2030-12-24 and the next Tuesday are off or in January.
    Calendar calendar = MadeUp(OffRange("2030-12-24", "2030-12-31", "测试"));

    EXPECT_EQ(MoveOffDayOff(D("2030-12-24"), calendar), D("2030-12-23"));
    EXPECT_EQ(MoveOffDayOff(D("2030-12-31"), calendar), D("2030-12-23"));
}

TEST(MoveOffDayOffTest, NeverLeavesTheMonth) {
    // 2030-05-31 is a Friday; 06-01 and 06-03 lie in June.
    Calendar calendar = MadeUp(OffRange("2030-05-01", "2030-05-31", "测试"));

    EXPECT_EQ(MoveOffDayOff(D("2030-05-31"), calendar), std::nullopt);
}

TEST(MoveOffDayOffTest, WarnsWhenAMonthHasNoWorkingDay) {
    Calendar calendar = MadeUp(OffRange("2030-02-01", "2030-02-28", "测试"));

    ScheduleResult result = GenerateSchedule(2030, SeedRule(), calendar, {});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 10u);
    EXPECT_EQ(result.days[0].date.month(), 3);
    EXPECT_EQ(result.days[0].leaders[0].name, "杨杰");
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_THAT(result.warnings[0], HasSubstr("2030-02-19（星期二）为测试假期"));
}

// --- Years without a notice ------------------------------------------------------------------

TEST_F(ReceptionTest, UnknownYearUsesWeekendsAloneAndWarns) {
    ASSERT_FALSE(calendar().KnowsYear(2031));

    ScheduleResult result = Generate(2031);

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 11u);
    for (const ProposedDay& day : result.days) {
        EXPECT_EQ(day.date, ReceptionDayOfMonth(2031, day.date.month(), 3, 2));
        EXPECT_FALSE(day.date.IsWeekend());
        EXPECT_FALSE(day.moved_from.has_value());
    }
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_THAT(result.warnings[0], HasSubstr("2031 年"));
}

TEST_F(ReceptionTest, UnknownYearStillMovesOffAWeekend) {
    ScheduleRule rule = SeedRule();
    rule.weekday = 6;
    rule.months = {3};

    ScheduleResult result = GenerateSchedule(2031, rule, calendar(), {});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 1u);
    EXPECT_EQ(result.days[0].moved_from, D("2031-03-22"));
    EXPECT_EQ(result.days[0].date, D("2031-03-31"));
    EXPECT_THAT(result.days[0].reason, HasSubstr("2031-03-22（星期六）为休息日"));
}

// --- Hand-made days --------------------------------------------------------------------------

TEST_F(ReceptionTest, HandMadeDayReplacesTheMonthItWasMovedFrom) {
    HandMadeDay moved;
    moved.date = D("2023-05-23");
    moved.moved_from = D("2023-05-16");
    moved.leaders = {{8, "张三"}, {4, "施波"}};
    moved.reason = "局务会调整";
    moved.start_time = "09:00";

    ScheduleResult result = Generate(2023, {moved});

    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.days.size(), 11u);
    const ProposedDay* may = DayOfMonth(result, 5);
    ASSERT_NE(may, nullptr);
    EXPECT_TRUE(may->hand_made);
    EXPECT_EQ(may->date, D("2023-05-23"));
    EXPECT_EQ(may->moved_from, D("2023-05-16"));
    EXPECT_EQ(may->leaders, moved.leaders);
    EXPECT_EQ(may->reason, "局务会调整");
    EXPECT_EQ(may->start_time, "09:00");
    EXPECT_EQ(may->end_time, "11:30");
    EXPECT_EQ(DayOfMonth(result, 6)->leaders[0].name, "钱向东");
}

TEST_F(ReceptionTest, HandMadeDayMovedAcrossAMonthReplacesItsOriginalMonth) {
    HandMadeDay moved;
    moved.date = D("2023-07-04");
    moved.moved_from = D("2023-06-20");
    moved.leaders = {{5, "钱向东"}};

    ScheduleResult result = Generate(2023, {moved});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 11u);
    std::vector<Date> july;
    for (const ProposedDay& day : result.days) {
        EXPECT_NE(day.date.month(), 6);
        if (day.date.month() == 7) july.push_back(day.date);
    }
    EXPECT_EQ(july, (std::vector<Date>{D("2023-07-04"), D("2023-07-18")}));
}

TEST_F(ReceptionTest, HandMadeDayWithoutMoveReplacesItsOwnMonthOrIsAdded) {
    HandMadeDay reassigned;
    reassigned.date = D("2023-08-15");
    reassigned.leaders = {{1, "刘华军"}};
    HandMadeDay added;
    added.date = D("2023-01-17");
    added.leaders = {{2, "杨杰"}};
    HandMadeDay other_year;
    other_year.date = D("2024-08-20");
    other_year.leaders = {{3, "许正娟"}};

    ScheduleResult result = Generate(2023, {reassigned, added, other_year});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 12u);
    EXPECT_EQ(result.days[0].date, D("2023-01-17"));
    EXPECT_TRUE(result.days[0].hand_made);
    const ProposedDay* august = DayOfMonth(result, 8);
    EXPECT_TRUE(august->hand_made);
    EXPECT_EQ(august->leaders[0].name, "刘华军");
    for (std::size_t i = 1; i < result.days.size(); ++i) {
        EXPECT_LT(result.days[i - 1].date, result.days[i].date);
    }
}

TEST_F(ReceptionTest, HandMadeDayOnADayOffStaysWithAWarning) {
    HandMadeDay insisted;
    insisted.date = D("2026-02-17");
    insisted.leaders = {{1, "刘华军"}};

    ScheduleResult result = Generate(2026, {insisted});

    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.days.size(), 11u);
    EXPECT_EQ(result.days[0].date, D("2026-02-17"));
    EXPECT_TRUE(result.days[0].hand_made);
    EXPECT_FALSE(result.days[0].moved_from.has_value());
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_THAT(result.warnings[0], HasSubstr("2026-02-17（星期二）为春节假期"));
}

// --- Rule validation -------------------------------------------------------------------------

struct BadRule {
    const char* what;
    void (*spoil)(ScheduleRule&);
    const char* field;
};

class BadRuleTest : public testing::TestWithParam<BadRule> {};

TEST_P(BadRuleTest, NamesTheField) {
    ScheduleRule rule = SeedRule();
    GetParam().spoil(rule);

    auto error = CheckScheduleRule(rule);
    ScheduleResult result = GenerateSchedule(2023, rule, Calendar(), {});

    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->field, GetParam().field);
    EXPECT_FALSE(error->message.empty());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error->field, GetParam().field);
    EXPECT_TRUE(result.days.empty());
    EXPECT_TRUE(result.warnings.empty());
}

const BadRule kBadRules[] = {
    {"Week0", [](ScheduleRule& r) { r.week_of_month = 0; }, "week_of_month"},
    {"Week6", [](ScheduleRule& r) { r.week_of_month = 6; }, "week_of_month"},
    {"Weekday0", [](ScheduleRule& r) { r.weekday = 0; }, "weekday"},
    {"Weekday8", [](ScheduleRule& r) { r.weekday = 8; }, "weekday"},
    {"Month0",
     [](ScheduleRule& r) {
         r.months = {0, 2};
     },
     "months"},
    {"Month13",
     [](ScheduleRule& r) {
         r.months = {2, 13};
     },
     "months"},
    {"DuplicateMonth",
     [](ScheduleRule& r) {
         r.months = {2, 3, 2};
     },
     "months"},
    {"EmptyRotation", [](ScheduleRule& r) { r.rotation.clear(); }, "rotation_leader_ids"},
    {"LeaderWithoutName", [](ScheduleRule& r) { r.rotation[3].name.clear(); },
     "rotation_leader_ids"},
    {"DuplicateLeaderId", [](ScheduleRule& r) { r.rotation[3].id = 1; }, "rotation_leader_ids"},
    {"FirstLeaderNotInRotation", [](ScheduleRule& r) { r.first_leader_id = 99; },
     "first_leader_id"},
    {"BadStartTime", [](ScheduleRule& r) { r.start_time = "8:30"; }, "start_time"},
    {"BadEndTime", [](ScheduleRule& r) { r.end_time = "24:00"; }, "end_time"},
    {"StartAfterEnd",
     [](ScheduleRule& r) {
         r.start_time = "11:30";
         r.end_time = "08:30";
     },
     "end_time"},
    {"StartEqualsEnd", [](ScheduleRule& r) { r.end_time = "08:30"; }, "end_time"},
};

INSTANTIATE_TEST_SUITE_P(Rules, BadRuleTest, testing::ValuesIn(kBadRules),
                         [](const auto& info) { return std::string(info.param.what); });

TEST(ScheduleRuleTest, SeedRuleIsValid) { EXPECT_EQ(CheckScheduleRule(SeedRule()), std::nullopt); }

TEST(ScheduleRuleTest, ErrorMessagesAreChinese) {
    ScheduleRule rule = SeedRule();
    rule.months = {2, 3, 2};

    auto error = CheckScheduleRule(rule);

    ASSERT_TRUE(error.has_value());
    EXPECT_THAT(error->message, HasSubstr("月份 2 重复"));
}

TEST(GenerateScheduleTest, RejectsAYearOutOfRange) {
    for (int year : {kMinScheduleYear - 1, kMaxScheduleYear + 1}) {
        ScheduleResult result = GenerateSchedule(year, SeedRule(), Calendar(), {});

        ASSERT_FALSE(result.ok()) << year;
        EXPECT_EQ(result.error->field, "year");
        EXPECT_TRUE(result.days.empty());
    }
    EXPECT_TRUE(GenerateSchedule(kMaxScheduleYear, SeedRule(), Calendar(), {}).ok());
}

// --- Helpers ---------------------------------------------------------------------------------

TEST(ParseClockTimeTest, AcceptsTwoDigitHoursAndMinutes) {
    EXPECT_EQ(ParseClockTime("00:00"), 0);
    EXPECT_EQ(ParseClockTime("08:30"), 510);
    EXPECT_EQ(ParseClockTime("23:59"), 23 * 60 + 59);
}

TEST(ParseClockTimeTest, RejectsAnythingElse) {
    for (const char* text : {"", "8:30", "08:3", "08:300", "24:00", "08:60", "08-30", "0830",
                             " 08:30", "08:30 ", "+8:30", "ab:cd", "０８:３０"}) {
        EXPECT_EQ(ParseClockTime(text), std::nullopt) << text;
    }
}

TEST(WeekdayNameZhTest, NamesIsoWeekdays) {
    EXPECT_EQ(WeekdayNameZh(1), "星期一");
    EXPECT_EQ(WeekdayNameZh(2), "星期二");
    EXPECT_EQ(WeekdayNameZh(6), "星期六");
    EXPECT_EQ(WeekdayNameZh(7), "星期日");
    EXPECT_EQ(WeekdayNameZh(0), "");
    EXPECT_EQ(WeekdayNameZh(8), "");
    EXPECT_EQ(WeekdayNameZh(D("2026-02-24").Weekday()), "星期二");
}

}  // namespace
}  // namespace xinfang::core

namespace xinfang::core {
namespace {

ProposedDay Proposed(const char* date, std::int64_t leader = 1) {
    ProposedDay day;
    day.date = *Date::Parse(date);
    day.leaders = {{leader, "刘华军"}};
    day.start_time = "08:30";
    day.end_time = "11:30";
    return day;
}

SavedDay Saved(std::int64_t id, const char* date, bool referenced = false) {
    SavedDay day;
    day.id = id;
    day.date = *Date::Parse(date);
    day.referenced = referenced;
    return day;
}

TEST(PlanRegenerationTest, UpdatesEachMonthsSavedDayInPlaceAndAddsNewMonths) {
    auto plan = PlanRegeneration({Proposed("2041-02-19"), Proposed("2041-03-19")},
                                 {Saved(10, "2041-02-12")});

    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_EQ(plan.updates[0].id, 10);
    EXPECT_EQ(plan.updates[0].day.date.ToString(), "2041-02-19");
    ASSERT_EQ(plan.inserts.size(), 1u);
    EXPECT_EQ(plan.inserts[0].date.ToString(), "2041-03-19");
    EXPECT_TRUE(plan.deletes.empty());
    EXPECT_TRUE(plan.warnings.empty());
}

// The audit's reproduction: a day with any booking row was kept and a fresh day added.
TEST(PlanRegenerationTest, AReferencedDayStandsForItsMonthAndNoSecondDayIsAdded) {
    auto plan = PlanRegeneration({Proposed("2041-02-19")}, {Saved(10, "2041-02-12", true)});

    EXPECT_TRUE(plan.updates.empty());
    EXPECT_TRUE(plan.inserts.empty());
    EXPECT_EQ(plan.kept, std::vector<std::int64_t>{10});
    ASSERT_EQ(plan.warnings.size(), 1u);
    EXPECT_THAT(plan.warnings[0], HasSubstr("2041-02-12"));
    EXPECT_THAT(plan.warnings[0], HasSubstr("2041-02-19"));
}

TEST(PlanRegenerationTest, AReferencedDayOnTheRulesDateIsKeptWithoutAWarning) {
    auto plan = PlanRegeneration({Proposed("2041-02-19")}, {Saved(10, "2041-02-19", true)});

    EXPECT_EQ(plan.kept, std::vector<std::int64_t>{10});
    EXPECT_TRUE(plan.warnings.empty());
}

TEST(PlanRegenerationTest, DuplicatesOfAMonthGoAndTheReferencedOneStays) {
    auto plan = PlanRegeneration({Proposed("2041-02-19")},
                                 {Saved(10, "2041-02-19"), Saved(11, "2041-02-19", true)});

    EXPECT_EQ(plan.kept, std::vector<std::int64_t>{11});
    EXPECT_EQ(plan.deletes, std::vector<std::int64_t>{10});
    EXPECT_TRUE(plan.updates.empty());
    EXPECT_TRUE(plan.inserts.empty());
}

TEST(PlanRegenerationTest, MonthsLeftOutAreDeletedUnlessReferenced) {
    auto plan = PlanRegeneration({}, {Saved(10, "2041-02-19"), Saved(11, "2041-03-19", true)});

    EXPECT_EQ(plan.deletes, std::vector<std::int64_t>{10});
    EXPECT_EQ(plan.kept, std::vector<std::int64_t>{11});
    EXPECT_EQ(plan.warnings.size(), 1u);
}

TEST(PlanRegenerationTest, HandMadeDaysAreNeverTouchedAndTakeTheirMonth) {
    ProposedDay hand = Proposed("2041-02-26");
    hand.hand_made = true;
    hand.moved_from = *Date::Parse("2041-02-19");
    SavedDay saved_hand = Saved(20, "2041-02-26");
    saved_hand.hand_made = true;
    saved_hand.moved_from = *Date::Parse("2041-02-19");

    auto plan = PlanRegeneration({hand}, {saved_hand, Saved(10, "2041-02-19")});

    EXPECT_TRUE(plan.updates.empty());
    EXPECT_TRUE(plan.inserts.empty());
    EXPECT_EQ(plan.deletes, std::vector<std::int64_t>{10});
}

TEST(PlanRegenerationTest, AMovedGeneratedDayStandsForTheMonthItWasMovedFrom) {
    SavedDay moved = Saved(10, "2041-03-03");
    moved.moved_from = *Date::Parse("2041-02-24");

    auto plan = PlanRegeneration({Proposed("2041-02-24")}, {moved});

    ASSERT_EQ(plan.updates.size(), 1u);
    EXPECT_EQ(plan.updates[0].id, 10);
}

}  // namespace
}  // namespace xinfang::core
