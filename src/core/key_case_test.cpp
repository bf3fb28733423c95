#include "core/key_case.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/calendar_file.h"

namespace xinfang::core {
namespace {

Date D(const char* text) { return *Date::Parse(text); }
Month M(const char* text) { return *Month::Parse(text); }

const Calendar& RealCalendar() {
    static const Calendar calendar = [] {
        const char* dir = std::getenv("XINFANG_SOURCE_DIR");
        std::string error;
        auto loaded =
            LoadCalendarFile(std::filesystem::path(dir ? dir : ".") / "data/calendar.txt", &error);
        if (!loaded) throw std::runtime_error(error);
        return *loaded;
    }();
    return calendar;
}

TEST(MonthlyReportDue, IsTheTwentiethOfTheNextMonthWhenItIsAWorkingDay) {
    EXPECT_EQ(MonthlyReportDue(M("2023-05"), RealCalendar()), D("2023-06-20"));
}

TEST(MonthlyReportDue, MovesOffAWeekendToMonday) {
    EXPECT_EQ(MonthlyReportDue(M("2023-04"), RealCalendar()), D("2023-05-22"));
    EXPECT_EQ(MonthlyReportDue(M("2024-09"), RealCalendar()), D("2024-10-21"));
}

TEST(MonthlyReportDue, MovesPastAHolidayToTheFirstWorkingDay) {
    // 2026-02-20 lies in the Spring Festival days off (02-15…02-23).
    EXPECT_EQ(MonthlyReportDue(M("2026-01"), RealCalendar()), D("2026-02-24"));
}

TEST(MonthlyReportDue, StaysOnAWeekendThatIsWorked) {
    // Sunday 2026-09-20 is worked in exchange for the Mid-Autumn days off.
    EXPECT_EQ(MonthlyReportDue(M("2026-08"), RealCalendar()), D("2026-09-20"));
}

TEST(MonthlyReportDue, DecemberIsDueInTheNextYear) {
    EXPECT_EQ(MonthlyReportDue(M("2023-12"), RealCalendar()), D("2024-01-22"));
}

TEST(MonthlyReportState, OnOrBeforeTheDueDateIsSubmitted) {
    Date due = D("2023-06-20");
    EXPECT_EQ(MonthlyReportState(due, D("2023-06-20"), D("2023-07-01")), ReportState::kSubmitted);
    EXPECT_EQ(MonthlyReportState(due, D("2023-06-02"), D("2023-06-03")), ReportState::kSubmitted);
}

TEST(MonthlyReportState, AfterTheDueDateIsLate) {
    EXPECT_EQ(MonthlyReportState(D("2023-06-20"), D("2023-06-21"), D("2023-06-21")),
              ReportState::kLate);
}

TEST(MonthlyReportState, UnsubmittedIsPendingUntilTheDueDateThenMissing) {
    Date due = D("2023-06-20");
    EXPECT_EQ(MonthlyReportState(due, std::nullopt, D("2023-06-20")), ReportState::kPending);
    EXPECT_EQ(MonthlyReportState(due, std::nullopt, D("2023-06-21")), ReportState::kMissing);
}

TEST(GroupVisitState, ADoneVisitCountsWhateverTheDay) {
    EXPECT_EQ(GroupVisitState(M("2023-05"), 1, D("2023-05-02")), VisitState::kVisited);
    EXPECT_EQ(GroupVisitState(M("2023-05"), 2, D("2024-01-01")), VisitState::kVisited);
}

TEST(GroupVisitState, NoVisitIsMissingOnlyOnceTheMonthIsOver) {
    EXPECT_EQ(GroupVisitState(M("2023-05"), 0, D("2023-05-31")), VisitState::kPlanned);
    EXPECT_EQ(GroupVisitState(M("2023-05"), 0, D("2023-06-01")), VisitState::kMissing);
    EXPECT_EQ(GroupVisitState(M("2023-05"), 0, D("2023-04-30")), VisitState::kFuture);
}

TEST(Month, ParsesOnlyYearDashMonth) {
    EXPECT_EQ(M("2023-02").ToString(), "2023-02");
    EXPECT_FALSE(Month::Parse("2023-13").has_value());
    EXPECT_FALSE(Month::Parse("2023-2").has_value());
    EXPECT_FALSE(Month::Parse("2023-02-01").has_value());
    EXPECT_EQ(M("2024-02").Last(), D("2024-02-29"));
    EXPECT_EQ(M("2023-12").Next(), M("2024-01"));
}

TEST(StageChange, ClosingNeedsTheClosingReport) {
    EXPECT_TRUE(
        StageChangeProblem(KeyCaseStage::kResolving, KeyCaseStage::kResolved, false).has_value());
    EXPECT_FALSE(
        StageChangeProblem(KeyCaseStage::kStabilising, KeyCaseStage::kResolved, true).has_value());
}

TEST(StageChange, ResolvingAndStabilisingMoveFreely) {
    EXPECT_FALSE(StageChangeProblem(KeyCaseStage::kResolving, KeyCaseStage::kStabilising, false)
                     .has_value());
    EXPECT_FALSE(StageChangeProblem(KeyCaseStage::kStabilising, KeyCaseStage::kResolving, false)
                     .has_value());
}

TEST(StageChange, AResolvedCaseReopensOnlyAsResolving) {
    EXPECT_FALSE(
        StageChangeProblem(KeyCaseStage::kResolved, KeyCaseStage::kResolving, true).has_value());
    EXPECT_TRUE(
        StageChangeProblem(KeyCaseStage::kResolved, KeyCaseStage::kStabilising, true).has_value());
}

TEST(Escalation, NeedsRepeatOrLevelSkipping) {
    EscalationFacts facts;
    EXPECT_TRUE(EscalationProblem(facts).has_value());
    facts.repeat = true;
    EXPECT_FALSE(EscalationProblem(facts).has_value());
    facts.repeat = false;
    facts.level_skipping = true;
    EXPECT_FALSE(EscalationProblem(facts).has_value());
}

TEST(Escalation, HappensOnceAndNotOnAResolvedCase) {
    EscalationFacts facts;
    facts.repeat = true;
    facts.owner_level = OwnerLevel::kDistrict;
    EXPECT_TRUE(EscalationProblem(facts).has_value());
    facts.owner_level = OwnerLevel::kBureau;
    facts.stage = KeyCaseStage::kResolved;
    EXPECT_TRUE(EscalationProblem(facts).has_value());
}

TEST(Vocabulary, CodesRoundTrip) {
    for (LedgerKind kind : AllLedgerKinds()) {
        EXPECT_EQ(ParseLedgerKind(LedgerKindCode(kind)), kind);
    }
    EXPECT_EQ(ParseKeyCaseStage("stabilising"), KeyCaseStage::kStabilising);
    EXPECT_EQ(ParseOwnerLevel("district"), OwnerLevel::kDistrict);
    EXPECT_FALSE(ParseKeyCaseStage("done").has_value());
}

}  // namespace
}  // namespace xinfang::core
