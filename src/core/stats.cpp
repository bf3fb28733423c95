#include "core/stats.h"

#include <cmath>
#include <map>

#include "core/deadlines.h"

namespace xinfang::core {

double Rate::value() const {
    if (denominator == 0) return 0;
    return std::round(static_cast<double>(numerator) / static_cast<double>(denominator) * 10000) /
           10000;
}

Rate OnTimeRate(const std::vector<StepDays>& steps, int limit_days, DeadlineKind clock,
                const Calendar& calendar) {
    Rate rate;
    // Most groups share a start day and have no pause: their limit is computed once.
    std::map<std::pair<std::int64_t, int>, Date> unpaused;
    for (const StepDays& step : steps) {
        Date start = Date::FromDaysSinceEpoch(step.start_day);
        int days = limit_days + std::max(0, step.extra_days);
        std::vector<PausedPeriod> paused = PausesStopping(step.paused, clock);
        Date end = start;
        if (paused.empty()) {
            auto [it, added] = unpaused.try_emplace({step.start_day, days}, start);
            if (added) it->second = LimitEnd(start, days, {}, calendar);
            end = it->second;
        } else {
            end = LimitEnd(start, days, paused, calendar);
        }
        rate.denominator += step.count;
        if (step.end_day <= end.DaysSinceEpoch()) rate.numerator += step.count;
    }
    return rate;
}

std::vector<MonthCount> ByMonth(const std::vector<DayCount>& days) {
    std::map<std::pair<int, int>, std::int64_t> months;
    for (const DayCount& d : days) {
        Date date = Date::FromDaysSinceEpoch(d.day);
        months[{date.year(), date.month()}] += d.count;
    }
    std::vector<MonthCount> out;
    if (months.empty()) return out;
    auto [year, month] = months.begin()->first;
    const auto last = months.rbegin()->first;
    while (std::make_pair(year, month) <= last) {
        char text[8];
        std::snprintf(text, sizeof text, "%04d-%02d", year, month);
        auto it = months.find({year, month});
        out.push_back({text, it == months.end() ? 0 : it->second});
        if (++month > 12) {
            month = 1;
            ++year;
        }
    }
    return out;
}

}  // namespace xinfang::core
