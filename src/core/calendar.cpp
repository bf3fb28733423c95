#include "core/calendar.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <map>
#include <utility>

namespace xinfang::core {

namespace {

// No holiday of the State Council notices lasts longer; a longer range is a typing mistake.
constexpr std::int64_t kMaxRangeDays = 31;

// The years the API accepts (api-contract.md, Calendar); a notice outside them is a typing mistake.
constexpr int kMinNoticeYear = 1900;
constexpr int kMaxNoticeYear = 2200;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";

std::string_view WeekdayName(int iso_weekday) {
    static constexpr std::array<std::string_view, 7> kNames = {
        "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    return kNames[iso_weekday - 1];
}

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view Trim(std::string_view text) {
    while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
    while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
    return text;
}

// Splits off the first blank-separated word; `rest` keeps the remainder, trimmed.
std::string_view TakeWord(std::string_view& rest) {
    std::size_t end = 0;
    while (end < rest.size() && !IsBlank(rest[end])) ++end;
    std::string_view word = rest.substr(0, end);
    rest = Trim(rest.substr(end));
    return word;
}

// Strips the comment, and turns the full-width space a Chinese input method types between
// words into an ordinary one so that it separates words as the clerk meant.
std::string NormaliseLine(std::string_view raw) {
    std::string line(raw.substr(0, raw.find('#')));
    for (std::size_t pos; (pos = line.find(kIdeographicSpace)) != std::string::npos;) {
        line.replace(pos, kIdeographicSpace.size(), " ");
    }
    return line;
}

bool EntryDateLess(const CalendarEntry& entry, Date date) { return entry.date < date; }

// Reads data/calendar.txt line by line (format in that file's header), collecting entries and
// known years, and stops at the first line in error.
class CalendarParser {
public:
    bool ParseLine(std::string_view raw, int line_number, std::string* error);

    std::vector<CalendarEntry> TakeEntries() { return std::move(entries_); }
    std::set<int> TakeKnownYears() { return std::move(known_years_); }

private:
    std::optional<std::string> ParseYear(std::string_view rest);
    std::optional<std::string> ParseEntries(DayKind kind, std::string_view rest, int line_number);
    std::optional<std::string> AddEntry(CalendarEntry entry, int line_number);

    std::optional<int> notice_year_;
    std::vector<CalendarEntry> entries_;
    std::set<int> known_years_;
    std::map<Date, int> line_of_date_;
};

bool CalendarParser::ParseLine(std::string_view raw, int line_number, std::string* error) {
    std::string line = NormaliseLine(raw);
    std::string_view rest = Trim(line);
    if (rest.empty()) return true;

    std::string_view keyword = TakeWord(rest);
    std::optional<std::string> problem;
    if (keyword == "year") {
        problem = ParseYear(rest);
    } else if (keyword == "off") {
        problem = ParseEntries(DayKind::kDayOff, rest, line_number);
    } else if (keyword == "work") {
        problem = ParseEntries(DayKind::kWorkday, rest, line_number);
    } else {
        problem = "无法识别的关键字“" + std::string(keyword) + "”，应为 year、off 或 work";
    }

    if (problem && error) *error = "第" + std::to_string(line_number) + "行：" + *problem;
    return !problem;
}

std::optional<std::string> CalendarParser::ParseYear(std::string_view rest) {
    std::string_view word = TakeWord(rest);
    auto year = Date::Parse(std::string(word) + "-01-01");
    if (!year || !rest.empty() || year->year() < kMinNoticeYear || year->year() > kMaxNoticeYear) {
        return "year 后应为 1900–2200 之间的四位年份，如 year 2027";
    }
    if (known_years_.contains(year->year())) return std::string(word) + " 年已经出现过";

    notice_year_ = year->year();
    known_years_.insert(*notice_year_);
    return std::nullopt;
}

std::optional<std::string> CalendarParser::ParseEntries(DayKind kind, std::string_view rest,
                                                        int line_number) {
    if (!notice_year_) return "日期之前须先有 year 行，注明所属年度的通知";

    std::string_view range = TakeWord(rest);
    std::size_t dots = range.find("..");
    auto first = Date::Parse(range.substr(0, dots));
    auto last = dots == std::string_view::npos ? first : Date::Parse(range.substr(dots + 2));
    if (!first || !last) {
        return "日期无效：" + std::string(range) + "（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）";
    }
    std::int64_t span = first->DaysUntil(*last);
    if (span < 0) return "日期范围的结束早于开始：" + std::string(range);
    if (span >= kMaxRangeDays) {
        return "日期范围超过 " + std::to_string(kMaxRangeDays) + " 天：" + std::string(range);
    }

    for (std::int64_t offset = 0; offset <= span; ++offset) {
        CalendarEntry entry{first->AddDays(offset), kind, std::string(rest), *notice_year_};
        if (auto problem = AddEntry(std::move(entry), line_number)) return problem;
    }
    return std::nullopt;
}

std::optional<std::string> CalendarParser::AddEntry(CalendarEntry entry, int line_number) {
    if (auto problem = CheckCalendarEntry(entry)) return problem;

    auto [it, inserted] = line_of_date_.emplace(entry.date, line_number);
    if (!inserted) {
        return entry.date.ToString() + " 已在第" + std::to_string(it->second) + "行列出";
    }

    entries_.push_back(std::move(entry));
    return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckCalendarEntry(const CalendarEntry& entry) {
    if (entry.name.empty()) return "缺少名称，如 春节";
    if (std::abs(entry.date.year() - entry.notice_year) > 1) {
        return entry.date.ToString() + " 不属于 " + std::to_string(entry.notice_year) + " 年的通知";
    }
    if (entry.kind == DayKind::kWorkday && !entry.date.IsWeekend()) {
        return entry.date.ToString() + " 是" + std::string(WeekdayName(entry.date.Weekday())) +
               "，调休上班日应为周六或周日";
    }
    return std::nullopt;
}

std::optional<Calendar> Calendar::Create(std::vector<CalendarEntry> entries,
                                         std::set<int> known_years, std::string* error) {
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.date < b.date; });

    for (std::size_t i = 0; i < entries.size(); ++i) {
        std::optional<std::string> problem = CheckCalendarEntry(entries[i]);
        if (!problem && i > 0 && entries[i - 1].date == entries[i].date) {
            problem = entries[i].date.ToString() + " 重复列出";
        }
        if (problem) {
            if (error) *error = *problem;
            return std::nullopt;
        }
        known_years.insert(entries[i].notice_year);
    }

    Calendar calendar;
    calendar.entries_ = std::move(entries);
    calendar.known_years_ = std::move(known_years);
    return calendar;
}

bool Calendar::IsWorkingDay(Date date) const {
    auto entry = Entry(date);
    if (entry) return entry->kind == DayKind::kWorkday;
    return !date.IsWeekend();
}

std::optional<CalendarEntry> Calendar::Entry(Date date) const {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), date, EntryDateLess);
    if (it == entries_.end() || it->date != date) return std::nullopt;
    return *it;
}

Date Calendar::NextWorkingDayOnOrAfter(Date date) const {
    // Terminates: entries are finite, and past the last one every Monday is worked.
    while (!IsWorkingDay(date)) date = date.AddDays(1);
    return date;
}

Date Calendar::NextWorkingDayAfter(Date date) const {
    return NextWorkingDayOnOrAfter(date.AddDays(1));
}

Date Calendar::AddWorkingDays(Date date, int n) const {
    int step = n < 0 ? -1 : 1;
    for (int remaining = std::abs(n); remaining > 0;) {
        date = date.AddDays(step);
        if (IsWorkingDay(date)) --remaining;
    }
    return date;
}

Date Calendar::AddCalendarDaysMovedOffDayOff(Date date, int n) const {
    return NextWorkingDayOnOrAfter(date.AddDays(n));
}

std::vector<CalendarEntry> Calendar::EntriesOfYear(int year) const {
    std::vector<CalendarEntry> result;
    std::copy_if(entries_.begin(), entries_.end(), std::back_inserter(result),
                 [year](const CalendarEntry& entry) { return entry.notice_year == year; });
    return result;
}

std::optional<Calendar> ParseCalendar(std::string_view text, std::string* error) {
    if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());

    CalendarParser parser;
    int line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        if (!parser.ParseLine(text.substr(start, end - start), ++line_number, error)) {
            return std::nullopt;
        }
        start = end + 1;
    }

    return Calendar::Create(parser.TakeEntries(), parser.TakeKnownYears(), error);
}

}  // namespace xinfang::core
