#include "core/appointment.h"

#include <array>
#include <utility>

namespace xinfang::core {
namespace {

constexpr std::array<std::pair<AppointmentStatus, std::string_view>, 5> kCodes = {{
    {AppointmentStatus::kBooked, "booked"},
    {AppointmentStatus::kConfirmed, "confirmed"},
    {AppointmentStatus::kCancelled, "cancelled"},
    {AppointmentStatus::kAttended, "attended"},
    {AppointmentStatus::kNoShow, "no_show"},
}};

bool IsOutcome(AppointmentStatus status) {
    return status == AppointmentStatus::kAttended || status == AppointmentStatus::kNoShow;
}

AppointmentRefusal Refuse(std::string_view message) {
    return {"appointment.invalid_transition", std::string(message), "status"};
}

std::optional<AppointmentRefusal> CheckReschedule(const AppointmentChange& change) {
    if (change.registered) {
        return AppointmentRefusal{"appointment.already_registered",
                                  "该预约已登记为信访件，不能改约", "reception_day_id"};
    }
    if (IsOutcome(change.to) || change.to == AppointmentStatus::kCancelled) {
        return AppointmentRefusal{"appointment.invalid_transition",
                                  "只有待接访（已预约或已确认）的预约可以改约", "reception_day_id"};
    }
    if (!change.day_published) {
        return AppointmentRefusal{"appointment.day_unpublished",
                                  "所选接访日尚未发布，不能改约到该日", "reception_day_id"};
    }
    if (change.day < change.today) {
        return AppointmentRefusal{"appointment.day_past", "所选接访日已过，不能改约到该日",
                                  "reception_day_id"};
    }
    return std::nullopt;
}

}  // namespace

std::optional<AppointmentStatus> ParseAppointmentStatus(std::string_view code) {
    for (const auto& [status, text] : kCodes) {
        if (text == code) return status;
    }
    return std::nullopt;
}

std::string_view Code(AppointmentStatus status) {
    for (const auto& [candidate, text] : kCodes) {
        if (candidate == status) return text;
    }
    return {};
}

bool HoldsPlace(AppointmentStatus status) {
    return status == AppointmentStatus::kBooked || status == AppointmentStatus::kConfirmed ||
           status == AppointmentStatus::kAttended;
}

std::optional<AppointmentRefusal> CheckAppointmentChange(const AppointmentChange& change) {
    if (change.rescheduled) {
        if (auto refusal = CheckReschedule(change)) return refusal;
    }
    if (change.from == change.to) return std::nullopt;

    if (change.registered) return Refuse("该预约已登记为信访件，状态不能再改");
    if (IsOutcome(change.to)) {
        if (change.from == AppointmentStatus::kCancelled) {
            return Refuse("已取消的预约不能标记到场或未到，请先恢复预约");
        }
        if (change.day > change.today) return Refuse("接访日尚未到来，不能标记到场或未到");
        return std::nullopt;
    }
    // From here the booking is to wait for its day again (booked, confirmed) or be cancelled.
    if (IsOutcome(change.from)) return Refuse("已标记到场或未到的预约只能在两者之间更正");
    if (change.day < change.today) return Refuse("接访日已过，只能标记到场或未到");
    return std::nullopt;
}

bool ChangeCountsAgain(const AppointmentChange& change) {
    if (!HoldsPlace(change.to)) return false;
    return change.rescheduled || !HoldsPlace(change.from);
}

}  // namespace xinfang::core
