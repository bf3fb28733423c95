#include "core/deadlines.h"

#include <algorithm>

namespace xinfang::core {
namespace {

bool IsPaused(Date date, const std::vector<PausedPeriod>& paused) {
    return std::any_of(paused.begin(), paused.end(), [date](const PausedPeriod& period) {
        return period.first <= date && date <= period.last;
    });
}

// Counted day by day so that overlapping or adjacent pauses are never counted twice; limits are
// at most a few months long, so the loop is short.
Date CountDays(Date start, int days, const std::vector<PausedPeriod>& paused) {
    Date day = start;
    for (int counted = 0; counted < days;) {
        day = day.AddDays(1);
        if (!IsPaused(day, paused)) ++counted;
    }
    return day;
}

std::optional<Date> From(const std::optional<std::int64_t>& at, int days,
                         const std::vector<PausedPeriod>& paused, const Calendar& calendar) {
    if (!at) return std::nullopt;
    return LimitEnd(DateOf(*at), days, paused, calendar);
}

}  // namespace

std::vector<PausedPeriod> PausesStopping(const std::vector<PausedPeriod>& paused,
                                         DeadlineKind kind) {
    std::vector<PausedPeriod> out;
    for (const auto& period : paused) {
        if (!period.clock || *period.clock == kind) out.push_back(period);
    }
    return out;
}

Date LimitEnd(Date start, int days, const std::vector<PausedPeriod>& paused,
              const Calendar& calendar) {
    return calendar.NextWorkingDayOnOrAfter(CountDays(start, days, paused));
}

PetitionDeadlines ComputeDeadlines(const DeadlineInputs& inputs, const TimeLimits& limits,
                                   const Calendar& calendar) {
    const std::vector<PausedPeriod> no_pause;
    const auto paused = [&inputs](DeadlineKind kind) {
        return PausesStopping(inputs.paused, kind);
    };
    PetitionDeadlines out;

    out.acceptance_notice = LimitEnd(DateOf(inputs.received_at), limits.acceptance_notice_days,
                                     paused(DeadlineKind::kAcceptanceNotice), calendar);

    const auto handling_pauses = paused(DeadlineKind::kHandling);
    out.handling = From(inputs.accepted_at, limits.handling_days, handling_pauses, calendar);
    int extension = std::clamp(inputs.extension_days, 0, limits.max_extension_days);
    if (extension > 0) {
        out.handling_extended =
            From(inputs.accepted_at, limits.handling_days + extension, handling_pauses, calendar);
    }
    out.unit_target = inputs.unit_target;

    out.review_request = From(inputs.replied_at, limits.review_request_days, no_pause, calendar);
    out.review_decision = From(inputs.review_requested_at, limits.review_decision_days,
                               paused(DeadlineKind::kReviewDecision), calendar);
    out.rereview_request =
        From(inputs.review_decided_at, limits.rereview_request_days, no_pause, calendar);
    out.rereview_decision = From(inputs.rereview_requested_at, limits.rereview_decision_days,
                                 paused(DeadlineKind::kRereviewDecision), calendar);
    return out;
}

std::optional<RunningDeadline> CurrentDeadline(PetitionStatus status,
                                               const PetitionDeadlines& deadlines) {
    auto running = [](DeadlineKind kind,
                      std::optional<Date> due) -> std::optional<RunningDeadline> {
        if (!due) return std::nullopt;
        return RunningDeadline{kind, *due};
    };

    switch (status) {
        case PetitionStatus::kRegistered:
            return running(DeadlineKind::kAcceptanceNotice, deadlines.acceptance_notice);
        case PetitionStatus::kAccepted:
        case PetitionStatus::kAssigned:
        case PetitionStatus::kReported:
            return running(DeadlineKind::kHandling, deadlines.EffectiveHandling());
        case PetitionStatus::kReviewRequested:
            return running(DeadlineKind::kReviewDecision, deadlines.review_decision);
        case PetitionStatus::kRereviewRequested:
            return running(DeadlineKind::kRereviewDecision, deadlines.rereview_decision);
        default:
            return std::nullopt;
    }
}

Date MonthlyReportDue(int year, int month, const TimeLimits& limits, const Calendar& calendar) {
    int day = std::min(limits.monthly_report_day, DaysInMonth(year, month));
    return calendar.NextWorkingDayOnOrAfter(Date(year, month, day));
}

bool Overdue(Date deadline, Date today) { return today > deadline; }

bool DueWithinWorkingDays(Date deadline, Date today, int n, const Calendar& calendar) {
    if (Overdue(deadline, today)) return false;
    return deadline <= calendar.AddWorkingDays(today, n);
}

}  // namespace xinfang::core
