#pragma once

// The time limits of a petition (DESIGN.md §3, issue 3), computed from the recorded step times
// and the working-day calendar. Deadlines are dates: a limit of n days counts calendar days from
// the day after the starting step, and a limit that ends on a day off moves to the next working
// day. Whether something is overdue is always computed from the clock, never stored.
//
// Two kinds of date are kept apart: the statutory limits of the Regulation on Letters and Visits
// (受理告知, 办理, 复查, 复核), and the internal target 限期办结 a coordinator sets for a unit at
// assignment. A unit can miss its target while the petition is still within the law.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/petition.h"

namespace xinfang::core {

// The configurable limits, in calendar days unless stated. The defaults are those of the
// Regulation on Letters and Visits (2022) and seed §四 4.
struct TimeLimits {
    int acceptance_notice_days = 15;  // tell the petitioner whether it is accepted
    int handling_days = 60;           // handle and reply, from acceptance
    int max_extension_days = 30;      // one leader-approved extension
    int review_request_days = 30;     // petitioner asks for 复查, from the reply
    int review_decision_days = 30;    // decide the 复查, from the request
    int rereview_request_days = 30;   // petitioner asks for 复核, from the review decision
    int rereview_decision_days = 30;  // decide the 复核, from the request
    int monthly_report_day = 20;      // enforcement bureaus' monthly report, day of month
};

// The bureau's statutory clocks.
enum class DeadlineKind {
    kAcceptanceNotice,
    kHandling,
    kReviewDecision,
    kRereviewDecision,
};

// A span during which one of the bureau's clocks stands still, e.g. a hearing 听证 during
// re-review. Both ends are included; the clock resumes by itself on the day after `last`.
// `clock` is the clock that was running when the pause was recorded: a pause stops only that
// one, so a deadline already met (or one not yet started) never moves. A pause without a clock
// stops every clock whose period it overlaps.
struct PausedPeriod {
    Date first;
    Date last;
    std::string reason;
    std::optional<DeadlineKind> clock;
};

// The pauses that stop `kind`'s clock.
std::vector<PausedPeriod> PausesStopping(const std::vector<PausedPeriod>& paused,
                                         DeadlineKind kind);

// What a petition's record says about its steps. Instants are seconds since the epoch; only
// their date in China counts.
struct DeadlineInputs {
    std::int64_t received_at = 0;
    std::optional<std::int64_t> accepted_at;
    std::optional<std::int64_t> replied_at;
    std::optional<std::int64_t> review_requested_at;
    std::optional<std::int64_t> review_decided_at;
    std::optional<std::int64_t> rereview_requested_at;
    std::optional<std::int64_t> rereview_decided_at;
    int extension_days = 0;           // granted extension; 0 when none
    std::optional<Date> unit_target;  // the target set at assignment, if assigned
    std::vector<PausedPeriod> paused;
};

// Each deadline is present once the step it counts from has happened. The bureau's own clocks
// (acceptance notice, handling, review and re-review decisions) skip paused days; the
// petitioner's windows to ask for a review or re-review do not, since a pause recorded by the
// bureau does not lengthen the citizen's time.
struct PetitionDeadlines {
    Date acceptance_notice;
    std::optional<Date> handling;           // statutory, without any extension
    std::optional<Date> handling_extended;  // statutory with the granted extension
    std::optional<Date> unit_target;        // internal target, never a statutory limit
    std::optional<Date> review_request;
    std::optional<Date> review_decision;
    std::optional<Date> rereview_request;
    std::optional<Date> rereview_decision;

    // The handling limit in force: the extended one when an extension was granted.
    std::optional<Date> EffectiveHandling() const {
        return handling_extended ? handling_extended : handling;
    }
};

// `start` plus `days` calendar days, not counting the days of `paused`, then moved to the next
// working day if it falls on a day off. Precondition: days >= 0.
Date LimitEnd(Date start, int days, const std::vector<PausedPeriod>& paused,
              const Calendar& calendar);

// All deadlines of one petition. An extension_days below 0 counts as 0 and one above
// limits.max_extension_days as that maximum: the workflow refuses such values before they are
// recorded, so they only reach here from damaged data.
PetitionDeadlines ComputeDeadlines(const DeadlineInputs& inputs, const TimeLimits& limits,
                                   const Calendar& calendar);

struct RunningDeadline {
    DeadlineKind kind;
    Date due;
};

// The statutory deadline the bureau is working against in `status`: acceptance notice while
// registered, handling (extended if granted) while accepted, assigned or reported, the review or
// re-review decision while one is requested. nullopt in every other status (nothing runs on the
// bureau's side) or when the needed date is missing.
std::optional<RunningDeadline> CurrentDeadline(PetitionStatus status,
                                               const PetitionDeadlines& deadlines);

// The monthly report of `year`-`month` is due on limits.monthly_report_day of that month (the
// last day of the month when shorter), moved to the next working day when that is a day off.
// Precondition: 1 <= month <= 12, 1 <= limits.monthly_report_day <= 31.
Date MonthlyReportDue(int year, int month, const TimeLimits& limits, const Calendar& calendar);

// A deadline is overdue from the day after it: work finished on the due date is in time.
bool Overdue(Date deadline, Date today);

// Not yet overdue and due no later than the n-th working day after today (today itself when
// n == 0): what the supervision board shows as due soon. Precondition: n >= 0.
bool DueWithinWorkingDays(Date deadline, Date today, int n, const Calendar& calendar);

}  // namespace xinfang::core
