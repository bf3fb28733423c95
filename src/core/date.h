#pragma once

// Civil dates and instants, as the bureau's work counts them.
//
// A Date is a day of the proleptic Gregorian calendar, years 0001–9999, with no time zone: it is
// the date printed on a form. An instant is an int64 count of seconds since 1970-01-01T00:00:00Z
// (the same representation the store uses). The bureau lives in China Standard Time, a fixed
// +08:00 with no daylight saving since 1991, so turning an instant into a date or a displayed time
// needs no time-zone database.

#include <compare>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace xinfang::core {

inline constexpr int kMinYear = 1;
inline constexpr int kMaxYear = 9999;

// Seconds east of UTC of Asia/Shanghai, the only zone this program displays times in.
inline constexpr std::int64_t kChinaOffsetSeconds = 8 * 3600;

bool IsLeapYear(int year);

// Days in `month` (1–12) of `year`; 0 for a month outside 1–12.
int DaysInMonth(int year, int month);

// True when year/month/day names a real day within kMinYear–kMaxYear.
bool IsValidDate(int year, int month, int day);

class Date {
public:
    // 1970-01-01.
    constexpr Date() = default;

    // Precondition: IsValidDate(year, month, day). Use FromYmd for values not yet checked.
    Date(int year, int month, int day);

    // nullopt unless IsValidDate(year, month, day).
    static std::optional<Date> FromYmd(int year, int month, int day);

    // Accepts exactly "YYYY-MM-DD" (ISO 8601 extended, four-digit year) naming a real day, so
    // "2023-02-29", "2023-2-14" and "2023-02-14 " are all nullopt.
    static std::optional<Date> Parse(std::string_view text);

    // The day `days` after 1970-01-01 (before it when negative). Precondition: the result lies
    // within kMinYear–kMaxYear.
    static Date FromDaysSinceEpoch(std::int64_t days);

    int year() const { return year_; }
    int month() const { return month_; }
    int day() const { return day_; }

    std::int64_t DaysSinceEpoch() const;

    // ISO 8601 weekday: Monday = 1 … Sunday = 7.
    int Weekday() const;
    bool IsWeekend() const { return Weekday() >= 6; }

    // Precondition: the result lies within kMinYear–kMaxYear.
    Date AddDays(std::int64_t days) const;

    // Signed number of days from this date to `other`: positive when `other` is later.
    std::int64_t DaysUntil(Date other) const;

    // "YYYY-MM-DD".
    std::string ToString() const;

    friend auto operator<=>(const Date&, const Date&) = default;

private:
    // Declaration order makes the defaulted comparison chronological.
    int year_ = 1970;
    int month_ = 1;
    int day_ = 1;
};

std::ostream& operator<<(std::ostream& out, Date date);

// "2023-02-14T09:30:00+08:00": the instant shown in China time, whole seconds.
std::string FormatTime(std::int64_t unix_seconds);

// A calendar month, "2023-05".
struct Month {
    int year = 0;
    int month = 0;
    static std::optional<Month> Parse(std::string_view text);
    static Month Of(Date date);
    std::string ToString() const;
    Date First() const;
    Date Last() const;
    Month Next() const;
    friend auto operator<=>(const Month&, const Month&) = default;
};

// Parses an RFC 3339 date-time with any offset ("Z", "+08:00", "-05:30") into seconds since the
// epoch. The separator may be 'T', 't' or a space; fractional seconds are accepted and dropped.
// A leap second (":60") and anything that is not a complete RFC 3339 date-time give nullopt.
std::optional<std::int64_t> ParseTime(std::string_view text);

// The date in China at the given instant.
Date DateOf(std::int64_t unix_seconds);

// The instant 00:00:00+08:00 on `date`.
std::int64_t StartOfDay(Date date);

// Current wall-clock time from the system clock.
std::int64_t NowSeconds();

}  // namespace xinfang::core
