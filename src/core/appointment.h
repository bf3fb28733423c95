#pragma once

// What the staff may do to a booking (issue 4, "the staff see bookings per day, confirm,
// reschedule, mark attended or no-show"). The rule only decides; the caller then checks the
// target day's free places and the one-booking-per-phone rule when the booking starts counting
// on a day (ChangeCountsAgain), because those need the database.

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace xinfang::core {

enum class AppointmentStatus { kBooked, kConfirmed, kCancelled, kAttended, kNoShow };

std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view code);
std::string_view Code(AppointmentStatus status);

// Booked, confirmed and attended bookings hold a place of their day; cancelled and no-show
// bookings do not.
bool HoldsPlace(AppointmentStatus status);

struct AppointmentChange {
    AppointmentStatus from = AppointmentStatus::kBooked;
    AppointmentStatus to = AppointmentStatus::kBooked;
    bool registered = false;  // the booking has already become a petition

    // The day the booking is on after the change (the new one when rescheduled) and today, in
    // China time.
    Date day;
    Date today;
    bool rescheduled = false;
    bool day_published = true;  // the target day's; only looked at when rescheduled
};

// Why a change is refused: a stable `code` for the 409, a Chinese `message`, the request
// `field` at fault ("status" or "reception_day_id").
struct AppointmentRefusal {
    std::string code;
    std::string message;
    std::string field;
};

// nullopt when the change is allowed:
// - booked ↔ confirmed, and either → cancelled, while the day has not passed;
// - attended or no-show only from the day itself on, and between the two as a correction;
// - a cancelled booking only back to booked or confirmed, while the day has not passed;
// - a rescheduled booking must be booked or confirmed afterwards and move to a published day
//   that has not passed;
// - a booking registered as a petition stays attended and on its day.
// Keeping the status unchanged on the same day is always allowed.
std::optional<AppointmentRefusal> CheckAppointmentChange(const AppointmentChange& change);

// Whether the booking takes a place on its (new) day that it did not hold before: a reactivated
// booking or one moved to another day. The caller must then check capacity and duplicates.
bool ChangeCountsAgain(const AppointmentChange& change);

}  // namespace xinfang::core
