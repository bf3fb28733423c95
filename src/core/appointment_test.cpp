#include "core/appointment.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

using S = AppointmentStatus;

Date D(const char* text) { return *Date::Parse(text); }

const Date kToday = D("2031-05-20");

AppointmentChange Change(S from, S to, const char* day = "2031-06-17") {
    AppointmentChange change;
    change.from = from;
    change.to = to;
    change.day = D(day);
    change.today = kToday;
    return change;
}

std::string CodeOf(const AppointmentChange& change) {
    auto refusal = CheckAppointmentChange(change);
    return refusal ? refusal->code : "";
}

TEST(AppointmentStatusTest, CodesRoundTrip) {
    for (S status : {S::kBooked, S::kConfirmed, S::kCancelled, S::kAttended, S::kNoShow}) {
        EXPECT_EQ(ParseAppointmentStatus(Code(status)), status);
    }
    EXPECT_EQ(ParseAppointmentStatus("lost"), std::nullopt);
}

TEST(AppointmentStatusTest, CancelledAndNoShowHoldNoPlace) {
    EXPECT_TRUE(HoldsPlace(S::kBooked));
    EXPECT_TRUE(HoldsPlace(S::kConfirmed));
    EXPECT_TRUE(HoldsPlace(S::kAttended));
    EXPECT_FALSE(HoldsPlace(S::kCancelled));
    EXPECT_FALSE(HoldsPlace(S::kNoShow));
}

TEST(AppointmentChangeTest, BeforeTheDayBookingsAreConfirmedUnconfirmedAndCancelled) {
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kConfirmed)), "");
    EXPECT_EQ(CodeOf(Change(S::kConfirmed, S::kBooked)), "");
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kCancelled)), "");
    EXPECT_EQ(CodeOf(Change(S::kConfirmed, S::kCancelled)), "");
}

TEST(AppointmentChangeTest, AttendedAndNoShowWaitForTheDay) {
    EXPECT_EQ(CodeOf(Change(S::kConfirmed, S::kAttended)), "appointment.invalid_transition");
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kNoShow)), "appointment.invalid_transition");
    EXPECT_EQ(CodeOf(Change(S::kConfirmed, S::kAttended, "2031-05-20")), "");
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kNoShow, "2031-05-19")), "");
}

TEST(AppointmentChangeTest, AttendedAndNoShowMayBeCorrectedIntoEachOtherOnly) {
    EXPECT_EQ(CodeOf(Change(S::kAttended, S::kNoShow, "2031-05-19")), "");
    EXPECT_EQ(CodeOf(Change(S::kNoShow, S::kAttended, "2031-05-19")), "");
    EXPECT_EQ(CodeOf(Change(S::kAttended, S::kBooked, "2031-05-19")),
              "appointment.invalid_transition");
    EXPECT_EQ(CodeOf(Change(S::kNoShow, S::kCancelled, "2031-05-19")),
              "appointment.invalid_transition");
}

TEST(AppointmentChangeTest, ACancelledBookingComesBackOnlyAsBookedOrConfirmedBeforeTheDay) {
    EXPECT_EQ(CodeOf(Change(S::kCancelled, S::kBooked)), "");
    EXPECT_EQ(CodeOf(Change(S::kCancelled, S::kConfirmed)), "");
    EXPECT_EQ(CodeOf(Change(S::kCancelled, S::kAttended, "2031-05-19")),
              "appointment.invalid_transition");
    EXPECT_EQ(CodeOf(Change(S::kCancelled, S::kBooked, "2031-05-19")),
              "appointment.invalid_transition");
}

TEST(AppointmentChangeTest, APastDayOnlyTakesAnOutcome) {
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kConfirmed, "2031-05-19")),
              "appointment.invalid_transition");
    EXPECT_EQ(CodeOf(Change(S::kBooked, S::kBooked, "2031-05-19")), "");
}

TEST(AppointmentChangeTest, ReschedulingNeedsAWaitingBookingAndAPublishedDayToCome) {
    AppointmentChange change = Change(S::kBooked, S::kBooked);
    change.rescheduled = true;
    EXPECT_EQ(CodeOf(change), "");

    change.day = D("2031-05-19");
    EXPECT_EQ(CodeOf(change), "appointment.day_past");

    change.day = D("2031-06-17");
    change.day_published = false;
    EXPECT_EQ(CodeOf(change), "appointment.day_unpublished");

    change.day_published = true;
    change.from = change.to = S::kCancelled;
    EXPECT_EQ(CodeOf(change), "appointment.invalid_transition");
    EXPECT_EQ(CheckAppointmentChange(change)->field, "reception_day_id");
}

TEST(AppointmentChangeTest, ARegisteredBookingStaysAsItIs) {
    AppointmentChange change = Change(S::kAttended, S::kNoShow, "2031-05-19");
    change.registered = true;
    EXPECT_EQ(CodeOf(change), "appointment.invalid_transition");

    change.to = S::kAttended;
    change.rescheduled = true;
    EXPECT_EQ(CodeOf(change), "appointment.already_registered");
}

TEST(AppointmentChangeTest, ReactivatingOrMovingCountsAgain) {
    EXPECT_TRUE(ChangeCountsAgain(Change(S::kCancelled, S::kBooked)));
    EXPECT_TRUE(ChangeCountsAgain(Change(S::kNoShow, S::kAttended)));
    EXPECT_FALSE(ChangeCountsAgain(Change(S::kBooked, S::kConfirmed)));
    EXPECT_FALSE(ChangeCountsAgain(Change(S::kBooked, S::kCancelled)));

    AppointmentChange moved = Change(S::kConfirmed, S::kConfirmed);
    moved.rescheduled = true;
    EXPECT_TRUE(ChangeCountsAgain(moved));
}

}  // namespace
}  // namespace xinfang::core
