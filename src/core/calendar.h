#pragma once

// The official working-day calendar: which days are worked and which are off.
//
// China's public holidays are set each year by a State Council notice that lists the days off and
// the weekend days worked in exchange (调休). Limits in DESIGN.md §3 count calendar days, and a
// limit ending on a day off moves to the next working day, so deadlines need this calendar. The
// notices are data (data/calendar.txt, see its header for the format), not code; a year without a
// notice in the data is treated as plain Monday–Friday weeks.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace xinfang::core {

enum class DayKind {
    kDayOff,   // 放假: a day off, usually a weekday, within a holiday.
    kWorkday,  // 调休上班: a Saturday or Sunday worked instead.
};

struct CalendarEntry {
    Date date;
    DayKind kind = DayKind::kDayOff;
    std::string name;     // The holiday, e.g. 春节; for a workday the one it pays for.
    int notice_year = 0;  // The notice listing it: 2022-12-31 belongs to the 2023 notice.

    friend bool operator==(const CalendarEntry&, const CalendarEntry&) = default;
};

// Why `entry` cannot be part of a calendar, or nullopt when it can: a workday must fall on a
// weekend, the name must not be empty, and the date must lie in the notice's year or next to it.
std::optional<std::string> CheckCalendarEntry(const CalendarEntry& entry);

class Calendar {
public:
    // A calendar that knows no notice: weekends off, weekdays worked.
    Calendar() = default;

    // Builds a calendar from the given notices. `known_years` are the years whose notice is
    // present; the notice year of every entry counts as known too. Fails (nullopt, with a Chinese
    // message in *error) when an entry fails CheckCalendarEntry or a date is listed twice.
    static std::optional<Calendar> Create(std::vector<CalendarEntry> entries,
                                          std::set<int> known_years, std::string* error);

    // A listed workday, or a Monday–Friday not listed as a day off.
    bool IsWorkingDay(Date date) const;
    bool IsDayOff(Date date) const { return !IsWorkingDay(date); }

    // The entry listing `date`, if any.
    std::optional<CalendarEntry> Entry(Date date) const;

    Date NextWorkingDayOnOrAfter(Date date) const;
    Date NextWorkingDayAfter(Date date) const;

    // The n-th working day after `date` (before it when n < 0); `date` itself when n == 0.
    Date AddWorkingDays(Date date, int n) const;

    // `date` plus n calendar days, moved to the next working day if that is a day off: the rule
    // of DESIGN.md §3 for every time limit.
    Date AddCalendarDaysMovedOffDayOff(Date date, int n) const;

    // Whether the data holds the notice of `year`.
    bool KnowsYear(int year) const { return known_years_.contains(year); }
    std::vector<int> KnownYears() const { return {known_years_.begin(), known_years_.end()}; }

    // The entries of the notice of `year` in date order (may include a day of the year before).
    std::vector<CalendarEntry> EntriesOfYear(int year) const;

private:
    std::vector<CalendarEntry> entries_;  // Sorted by date, no date twice.
    std::set<int> known_years_;
};

// Parses the text of data/calendar.txt. On failure returns nullopt and sets *error to a Chinese
// message naming the line, e.g. "第12行：日期无效：2023-02-29".
std::optional<Calendar> ParseCalendar(std::string_view text, std::string* error);

}  // namespace xinfang::core
