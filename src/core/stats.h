#pragma once

// The arithmetic of the statistics (issue 6): on-time rates against the statutory limits on the
// working-day calendar, and counts by month. The store counts rows grouped by their step days
// (few distinct values even for a million petitions); these functions turn the groups into
// figures, so the same rule applies on both engines and is tested without a database.

#include <cstdint>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/deadlines.h"

namespace xinfang::core {

// `count` petitions whose step started on day `start_day` and ended on `end_day` (days since
// the epoch, China dates), with `extra_days` granted beyond the limit (an extension) and the
// periods recorded as paused on them (most petitions have none).
struct StepDays {
    std::int64_t start_day = 0;
    std::int64_t end_day = 0;
    int extra_days = 0;
    std::int64_t count = 0;
    std::vector<PausedPeriod> paused;
};

struct Rate {
    std::int64_t numerator = 0;
    std::int64_t denominator = 0;
    // numerator / denominator rounded to 4 places; 0 when there is nothing to count.
    double value() const;
};

// How many of the steps ended by their limit: start + limit_days + extra_days calendar days,
// not counting the paused days that stop `clock` (as the petition's own deadline does), moved
// to the next working day when that is a day off (LimitEnd).
Rate OnTimeRate(const std::vector<StepDays>& steps, int limit_days, DeadlineKind clock,
                const Calendar& calendar);

struct DayCount {
    std::int64_t day = 0;  // days since the epoch
    std::int64_t count = 0;
};
struct MonthCount {
    std::string month;  // YYYY-MM
    std::int64_t count = 0;
};

// Sums day counts into months, in month order, with a zero for each month between the first
// and the last so that a trend chart has no gaps.
std::vector<MonthCount> ByMonth(const std::vector<DayCount>& days);

}  // namespace xinfang::core
