#include "core/deadlines.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/calendar_file.h"

namespace xinfang::core {
namespace {

Date D(const char* text) { return *Date::Parse(text); }
std::int64_t T(const char* text) { return *ParseTime(text); }

class DeadlinesTest : public testing::Test {
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

    PetitionDeadlines Compute(const DeadlineInputs& inputs) {
        return ComputeDeadlines(inputs, limits_, calendar());
    }

    TimeLimits limits_;

private:
    static inline Calendar* calendar_ = nullptr;
};

TEST(TimeLimitsTest, DefaultsAreThoseOfTheRegulation) {
    TimeLimits limits;
    EXPECT_EQ(limits.acceptance_notice_days, 15);
    EXPECT_EQ(limits.handling_days, 60);
    EXPECT_EQ(limits.max_extension_days, 30);
    EXPECT_EQ(limits.review_request_days, 30);
    EXPECT_EQ(limits.review_decision_days, 30);
    EXPECT_EQ(limits.rereview_request_days, 30);
    EXPECT_EQ(limits.rereview_decision_days, 30);
    EXPECT_EQ(limits.monthly_report_day, 20);
}

// 2023-09-20 + 15 days = 2023-10-05, inside the National Day holiday (09-29…10-06); the next
// working day is Saturday 2023-10-07, worked in exchange.
TEST_F(DeadlinesTest, AcceptanceNoticeFallingInNationalDayMovesToTheWorkedSaturday) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-09-20T09:30:00+08:00");

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.acceptance_notice, D("2023-10-07"));
    EXPECT_FALSE(deadlines.handling);
    EXPECT_FALSE(deadlines.review_request);
}

TEST_F(DeadlinesTest, AcceptanceNoticeOnAWorkingDayStays) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-03-01T10:00:00+08:00");

    EXPECT_EQ(Compute(inputs).acceptance_notice, D("2023-03-16"));
}

TEST_F(DeadlinesTest, DaysCountInChinaTime) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-03-01T16:30:00Z");  // 2023-03-02 00:30 in China

    EXPECT_EQ(Compute(inputs).acceptance_notice, D("2023-03-17"));
}

// 2023-03-01 + 60 = Sunday 2023-04-30, then the Labour Day days off until 05-03.
TEST_F(DeadlinesTest, HandlingCountsSixtyDaysFromAcceptance) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-02-20T09:00:00+08:00");
    inputs.accepted_at = T("2023-03-01T09:00:00+08:00");

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.handling, D("2023-05-04"));
    EXPECT_FALSE(deadlines.handling_extended);
    EXPECT_EQ(deadlines.EffectiveHandling(), D("2023-05-04"));
}

// The extension lengthens the count itself (60 + 10 = 70 days to 2023-05-10), not the date the
// 60-day limit was moved to (05-04 + 10 would give 05-15).
TEST_F(DeadlinesTest, ExtensionAddsToTheStatutoryCount) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-02-20T09:00:00+08:00");
    inputs.accepted_at = T("2023-03-01T09:00:00+08:00");
    inputs.extension_days = 10;

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.handling, D("2023-05-04"));
    EXPECT_EQ(deadlines.handling_extended, D("2023-05-10"));
    EXPECT_EQ(deadlines.EffectiveHandling(), D("2023-05-10"));
}

TEST_F(DeadlinesTest, ExtensionIsCappedAtTheLimit) {
    DeadlineInputs inputs;
    inputs.accepted_at = T("2023-06-01T09:00:00+08:00");
    inputs.extension_days = 45;

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.handling, D("2023-07-31"));
    EXPECT_EQ(deadlines.handling_extended, D("2023-08-30"));
}

TEST_F(DeadlinesTest, NegativeExtensionCountsAsNone) {
    DeadlineInputs inputs;
    inputs.accepted_at = T("2023-06-01T09:00:00+08:00");
    inputs.extension_days = -5;

    EXPECT_FALSE(Compute(inputs).handling_extended);
}

TEST_F(DeadlinesTest, UnitTargetIsKeptApartFromTheStatutoryLimit) {
    DeadlineInputs inputs;
    inputs.accepted_at = T("2023-06-01T09:00:00+08:00");
    inputs.unit_target = D("2023-06-20");

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.unit_target, D("2023-06-20"));
    EXPECT_EQ(deadlines.handling, D("2023-07-31"));
}

// The petitioner's 30 days from a reply on 2023-09-01 end on 10-01, a day off; the window stays
// open until the worked Saturday 10-07.
TEST_F(DeadlinesTest, ReviewRequestWindowMovesOffTheHoliday) {
    DeadlineInputs inputs;
    inputs.replied_at = T("2023-09-01T15:00:00+08:00");

    EXPECT_EQ(Compute(inputs).review_request, D("2023-10-07"));
}

TEST_F(DeadlinesTest, ReviewAndRereviewDeadlinesChain) {
    DeadlineInputs inputs;
    inputs.replied_at = T("2023-07-03T10:00:00+08:00");
    inputs.review_requested_at = T("2023-07-20T10:00:00+08:00");
    inputs.review_decided_at = T("2023-08-15T10:00:00+08:00");
    inputs.rereview_requested_at = T("2023-09-01T10:00:00+08:00");

    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.review_request, D("2023-08-02"));
    EXPECT_EQ(deadlines.review_decision, D("2023-08-21"));  // 08-19 is a Saturday
    EXPECT_EQ(deadlines.rereview_request, D("2023-09-14"));
    EXPECT_EQ(deadlines.rereview_decision, D("2023-10-07"));  // 10-01 in the holiday
}

// A hearing 听证 on 2023-11-10…11-14 during a re-review requested on 11-01: the 30 days end on
// 12-01 without it and five days later with it.
TEST_F(DeadlinesTest, PausedPeriodDoesNotCount) {
    DeadlineInputs inputs;
    inputs.review_decided_at = T("2023-10-20T10:00:00+08:00");
    inputs.rereview_requested_at = T("2023-11-01T10:00:00+08:00");
    EXPECT_EQ(Compute(inputs).rereview_decision, D("2023-12-01"));

    inputs.paused.push_back({D("2023-11-10"), D("2023-11-14"), "听证", {}});
    auto deadlines = Compute(inputs);

    EXPECT_EQ(deadlines.rereview_decision, D("2023-12-06"));
    EXPECT_EQ(deadlines.rereview_request, D("2023-11-20")) << "the petitioner's window runs on";
}

TEST_F(DeadlinesTest, OverlappingPausesCountEachDayOnce) {
    DeadlineInputs inputs;
    inputs.rereview_requested_at = T("2023-11-01T10:00:00+08:00");
    inputs.paused.push_back({D("2023-11-10"), D("2023-11-14"), "听证", {}});
    inputs.paused.push_back({D("2023-11-12"), D("2023-11-16"), "鉴定", {}});

    EXPECT_EQ(Compute(inputs).rereview_decision, D("2023-12-08"));
}

TEST_F(DeadlinesTest, PauseOutsideTheRunningPeriodChangesNothing) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-03-01T10:00:00+08:00");
    inputs.paused.push_back({D("2023-02-01"), D("2023-02-10"), "听证", {}});
    inputs.paused.push_back({D("2023-05-01"), D("2023-05-10"), "听证", {}});

    EXPECT_EQ(Compute(inputs).acceptance_notice, D("2023-03-16"));
}

// A hearing during re-review must not move the acceptance notice that was met months before,
// nor the handling limit of a matter already replied to.
TEST_F(DeadlinesTest, APauseStopsOnlyTheClockThatWasRunning) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-11-01T10:00:00+08:00");
    inputs.accepted_at = T("2023-11-03T10:00:00+08:00");
    inputs.rereview_requested_at = T("2023-11-06T10:00:00+08:00");
    auto before = Compute(inputs);

    inputs.paused.push_back(
        {D("2023-11-08"), D("2023-11-14"), "听证", DeadlineKind::kRereviewDecision});
    auto after = Compute(inputs);

    EXPECT_EQ(after.acceptance_notice, before.acceptance_notice);
    EXPECT_EQ(after.handling, before.handling);
    EXPECT_EQ(after.rereview_decision, before.rereview_decision->AddDays(7));
}

TEST_F(DeadlinesTest, PauseOnTheStartDayItselfDoesNotShiftTheLimit) {
    std::vector<PausedPeriod> paused = {{D("2023-03-01"), D("2023-03-01"), "听证", {}}};

    EXPECT_EQ(LimitEnd(D("2023-03-01"), 15, paused, calendar()), D("2023-03-16"));
    EXPECT_EQ(LimitEnd(D("2023-03-01"), 0, {}, calendar()), D("2023-03-01"));
}

TEST_F(DeadlinesTest, CurrentDeadlineFollowsTheStatus) {
    DeadlineInputs inputs;
    inputs.received_at = T("2023-02-20T09:00:00+08:00");
    inputs.accepted_at = T("2023-03-01T09:00:00+08:00");
    inputs.extension_days = 10;
    auto deadlines = Compute(inputs);

    auto registered = CurrentDeadline(PetitionStatus::kRegistered, deadlines);
    ASSERT_TRUE(registered);
    EXPECT_EQ(registered->kind, DeadlineKind::kAcceptanceNotice);
    EXPECT_EQ(registered->due, D("2023-03-07"));

    for (auto status :
         {PetitionStatus::kAccepted, PetitionStatus::kAssigned, PetitionStatus::kReported}) {
        auto running = CurrentDeadline(status, deadlines);
        ASSERT_TRUE(running);
        EXPECT_EQ(running->kind, DeadlineKind::kHandling);
        EXPECT_EQ(running->due, D("2023-05-10"));
    }

    EXPECT_FALSE(CurrentDeadline(PetitionStatus::kReplied, deadlines));
    EXPECT_FALSE(CurrentDeadline(PetitionStatus::kClosed, deadlines));
    EXPECT_FALSE(CurrentDeadline(PetitionStatus::kReviewRequested, deadlines))
        << "no review request date, so no running review deadline";
}

TEST_F(DeadlinesTest, CurrentDeadlineDuringReviews) {
    DeadlineInputs inputs;
    inputs.review_requested_at = T("2023-07-20T10:00:00+08:00");
    inputs.rereview_requested_at = T("2023-09-01T10:00:00+08:00");
    auto deadlines = Compute(inputs);

    auto review = CurrentDeadline(PetitionStatus::kReviewRequested, deadlines);
    ASSERT_TRUE(review);
    EXPECT_EQ(review->kind, DeadlineKind::kReviewDecision);
    auto rereview = CurrentDeadline(PetitionStatus::kRereviewRequested, deadlines);
    ASSERT_TRUE(rereview);
    EXPECT_EQ(rereview->kind, DeadlineKind::kRereviewDecision);
    EXPECT_EQ(rereview->due, D("2023-10-07"));
}

// The report is due on the 20th; when the 20th is a day off it is due on the next working day.
TEST_F(DeadlinesTest, MonthlyReportDueMovesToTheNextWorkingDay) {
    EXPECT_EQ(MonthlyReportDue(2023, 3, limits_, calendar()), D("2023-03-20"));  // Monday
    EXPECT_EQ(MonthlyReportDue(2023, 5, limits_, calendar()), D("2023-05-22"));  // Sat 20th
    EXPECT_EQ(MonthlyReportDue(2023, 8, limits_, calendar()), D("2023-08-21"));  // Sun 20th
    EXPECT_EQ(MonthlyReportDue(2026, 2, limits_, calendar()), D("2026-02-24"));  // Spring Festival
    EXPECT_EQ(MonthlyReportDue(2023, 1, limits_, calendar()), D("2023-01-20"));  // Friday
}

TEST_F(DeadlinesTest, MonthlyReportDayBeyondTheMonthIsItsLastDay) {
    limits_.monthly_report_day = 31;

    EXPECT_EQ(MonthlyReportDue(2023, 4, limits_, calendar()), D("2023-05-04"));  // 04-30 Sunday
    EXPECT_EQ(MonthlyReportDue(2024, 2, limits_, calendar()), D("2024-02-29"));
}

TEST(OverdueTest, TheDueDateItselfIsInTime) {
    EXPECT_FALSE(Overdue(D("2023-10-07"), D("2023-10-06")));
    EXPECT_FALSE(Overdue(D("2023-10-07"), D("2023-10-07")));
    EXPECT_TRUE(Overdue(D("2023-10-07"), D("2023-10-08")));
}

// From Wednesday 2023-09-27 the next working days are 09-28, 10-07 and 10-08: the National Day
// holiday lies between.
TEST_F(DeadlinesTest, DueWithinWorkingDaysCountsWorkingDays) {
    Date today = D("2023-09-27");

    EXPECT_TRUE(DueWithinWorkingDays(D("2023-10-07"), today, 3, calendar()));
    EXPECT_TRUE(DueWithinWorkingDays(D("2023-10-08"), today, 3, calendar()));
    EXPECT_FALSE(DueWithinWorkingDays(D("2023-10-09"), today, 3, calendar()));
    EXPECT_TRUE(DueWithinWorkingDays(D("2023-10-05"), today, 2, calendar()))
        << "a deadline on a day off before the 2nd working day";
    EXPECT_FALSE(DueWithinWorkingDays(D("2023-10-07"), today, 1, calendar()));
}

TEST_F(DeadlinesTest, DueWithinWorkingDaysExcludesOverdueAndHandlesToday) {
    Date today = D("2023-09-27");

    EXPECT_FALSE(DueWithinWorkingDays(D("2023-09-26"), today, 3, calendar()));
    EXPECT_TRUE(DueWithinWorkingDays(today, today, 0, calendar()));
    EXPECT_FALSE(DueWithinWorkingDays(D("2023-09-28"), today, 0, calendar()));
}

}  // namespace
}  // namespace xinfang::core
