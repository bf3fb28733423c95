#include "core/date.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cstdio>
#include <ostream>

namespace xinfang::core {

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kDaysPerCycle = 146097;  // 400 Gregorian years repeat exactly.

// Counting years from 1 March puts the leap day last, so every month's offset within such a year
// is fixed and only the year's length depends on leap rules.
constexpr std::array<int, 12> kDaysBeforeMonthFromMarch = {0,   31,  61,  92,  122, 153,
                                                           184, 214, 245, 275, 306, 337};

// Days from 0000-03-01, the first day of a 400-year cycle in March-based counting, to 1970-01-01.
constexpr std::int64_t kEpochInCycleDays = 719468;

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Days from the start of a cycle to the start of its March-based year `year_in_cycle` (0–400).
// The leap day of civil year k closes March-based year k - 1, so the years before
// `year_in_cycle` hold one leap day per leap civil year in 1..year_in_cycle.
std::int64_t DaysBeforeYearInCycle(std::int64_t year_in_cycle) {
    std::int64_t y = year_in_cycle;
    return 365 * y + y / 4 - y / 100 + y / 400;
}

// Reads exactly `width` ASCII digits starting at `pos`.
std::optional<int> ReadDigits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;

    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Seconds east of UTC for an RFC 3339 offset: "Z", "z" or "+HH:MM" / "-HH:MM".
std::optional<std::int64_t> ParseOffset(std::string_view text) {
    if (text == "Z" || text == "z") return 0;
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
        return std::nullopt;
    }

    auto hours = ReadDigits(text, 1, 2);
    auto minutes = ReadDigits(text, 4, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;

    std::int64_t seconds = *hours * 3600 + *minutes * 60;
    return text[0] == '-' ? -seconds : seconds;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
    static constexpr std::array<int, 12> kLengths = {31, 28, 31, 30, 31, 30,
                                                     31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && IsLeapYear(year)) return 29;
    return kLengths[month - 1];
}

bool IsValidDate(int year, int month, int day) {
    return year >= kMinYear && year <= kMaxYear && day >= 1 && day <= DaysInMonth(year, month);
}

Date::Date(int year, int month, int day) : year_(year), month_(month), day_(day) {
    assert(IsValidDate(year, month, day));
}

std::optional<Date> Date::FromYmd(int year, int month, int day) {
    if (!IsValidDate(year, month, day)) return std::nullopt;
    return Date(year, month, day);
}

std::optional<Date> Date::Parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;

    auto year = ReadDigits(text, 0, 4);
    auto month = ReadDigits(text, 5, 2);
    auto day = ReadDigits(text, 8, 2);
    if (!year || !month || !day) return std::nullopt;
    return FromYmd(*year, *month, *day);
}

Date Date::FromDaysSinceEpoch(std::int64_t days) {
    std::int64_t from_cycle_zero = days + kEpochInCycleDays;
    std::int64_t cycle = FloorDiv(from_cycle_zero, kDaysPerCycle);
    std::int64_t day_of_cycle = from_cycle_zero - cycle * kDaysPerCycle;

    // An average-length estimate is off by at most one year either way; the loops settle it.
    std::int64_t year_in_cycle = day_of_cycle * 400 / kDaysPerCycle;
    while (DaysBeforeYearInCycle(year_in_cycle) > day_of_cycle) --year_in_cycle;
    while (DaysBeforeYearInCycle(year_in_cycle + 1) <= day_of_cycle) ++year_in_cycle;

    int day_of_year = static_cast<int>(day_of_cycle - DaysBeforeYearInCycle(year_in_cycle));
    auto after = std::upper_bound(kDaysBeforeMonthFromMarch.begin(),
                                  kDaysBeforeMonthFromMarch.end(), day_of_year);
    int month_from_march = static_cast<int>(after - kDaysBeforeMonthFromMarch.begin()) - 1;
    int day = day_of_year - kDaysBeforeMonthFromMarch[month_from_march] + 1;
    int month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
    auto year = static_cast<int>(cycle * 400 + year_in_cycle + (month <= 2 ? 1 : 0));
    return Date(year, month, day);
}

std::int64_t Date::DaysSinceEpoch() const {
    std::int64_t march_year = year_ - (month_ <= 2 ? 1 : 0);
    int month_from_march = month_ >= 3 ? month_ - 3 : month_ + 9;
    std::int64_t cycle = FloorDiv(march_year, 400);
    std::int64_t year_in_cycle = march_year - cycle * 400;

    return cycle * kDaysPerCycle + DaysBeforeYearInCycle(year_in_cycle) +
           kDaysBeforeMonthFromMarch[month_from_march] + (day_ - 1) - kEpochInCycleDays;
}

int Date::Weekday() const {
    // 1970-01-01 was a Thursday (ISO weekday 4).
    std::int64_t days = DaysSinceEpoch() + 3;
    return static_cast<int>(days - FloorDiv(days, 7) * 7) + 1;
}

Date Date::AddDays(std::int64_t days) const { return FromDaysSinceEpoch(DaysSinceEpoch() + days); }

std::int64_t Date::DaysUntil(Date other) const { return other.DaysSinceEpoch() - DaysSinceEpoch(); }

std::string Date::ToString() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year_, month_, day_);
    return buffer;
}

std::ostream& operator<<(std::ostream& out, Date date) { return out << date.ToString(); }

std::string FormatTime(std::int64_t unix_seconds) {
    std::int64_t local = unix_seconds + kChinaOffsetSeconds;
    std::int64_t days = FloorDiv(local, kSecondsPerDay);
    auto second_of_day = static_cast<int>(local - days * kSecondsPerDay);

    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d+08:00",
                  Date::FromDaysSinceEpoch(days).ToString().c_str(), second_of_day / 3600,
                  second_of_day / 60 % 60, second_of_day % 60);
    return buffer;
}

std::optional<std::int64_t> ParseTime(std::string_view text) {
    if (text.size() < 20) return std::nullopt;

    auto date = Date::Parse(text.substr(0, 10));
    char separator = text[10];
    if (!date || (separator != 'T' && separator != 't' && separator != ' ')) return std::nullopt;

    auto hour = ReadDigits(text, 11, 2);
    auto minute = ReadDigits(text, 14, 2);
    auto second = ReadDigits(text, 17, 2);
    if (!hour || !minute || !second || text[13] != ':' || text[16] != ':') return std::nullopt;
    if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

    std::size_t pos = 19;
    if (text[pos] == '.') {
        std::size_t digits_end = text.find_first_not_of("0123456789", pos + 1);
        if (digits_end == pos + 1 || digits_end == std::string_view::npos) return std::nullopt;
        pos = digits_end;
    }

    auto offset = ParseOffset(text.substr(pos));
    if (!offset) return std::nullopt;

    std::int64_t local =
        date->DaysSinceEpoch() * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second;
    return local - *offset;
}

Date DateOf(std::int64_t unix_seconds) {
    return Date::FromDaysSinceEpoch(FloorDiv(unix_seconds + kChinaOffsetSeconds, kSecondsPerDay));
}

std::int64_t StartOfDay(Date date) {
    return date.DaysSinceEpoch() * kSecondsPerDay - kChinaOffsetSeconds;
}

std::int64_t NowSeconds() {
    auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

std::optional<Month> Month::Parse(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    auto date = Date::Parse(std::string(text) + "-01");
    if (!date) return std::nullopt;
    return Month{date->year(), date->month()};
}

Month Month::Of(Date date) { return {date.year(), date.month()}; }

std::string Month::ToString() const {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", year, month);
    return text;
}

Date Month::First() const { return Date(year, month, 1); }
Date Month::Last() const { return Date(year, month, DaysInMonth(year, month)); }
Month Month::Next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }

}  // namespace xinfang::core
