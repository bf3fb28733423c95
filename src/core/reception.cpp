#include "core/reception.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace xinfang::core {

namespace {

// Which step of MoveOffDayOff found the day; the reason shown to the section names it.
enum class MoveKind { kSameWeek, kNextWeek, kAfterNextWeek, kEarlier };

struct Move {
    Date date;
    MoveKind kind;
};

// The first working day among days `from`–`to` of the month of `in`, or nullopt when the range
// is empty. Day numbers stay inside the month, so no Date leaves 0001–9999.
std::optional<Date> FirstWorkingDay(Date in, int from, int to, const Calendar& calendar) {
    for (int day = from; day <= to; ++day) {
        Date candidate(in.year(), in.month(), day);
        if (calendar.IsWorkingDay(candidate)) return candidate;
    }
    return std::nullopt;
}

// The last working day among days `from`–`to` of the month of `in`.
std::optional<Date> LastWorkingDay(Date in, int from, int to, const Calendar& calendar) {
    for (int day = to; day >= from; --day) {
        Date candidate(in.year(), in.month(), day);
        if (calendar.IsWorkingDay(candidate)) return candidate;
    }
    return std::nullopt;
}

std::optional<Move> FindMove(Date date, const Calendar& calendar) {
    int last = DaysInMonth(date.year(), date.month());
    int sunday = date.day() + 7 - date.Weekday();
    if (auto found = FirstWorkingDay(date, date.day() + 1, std::min(sunday, last), calendar)) {
        return Move{*found, MoveKind::kSameWeek};
    }

    int next_week = date.day() + 7;
    if (auto found = FirstWorkingDay(date, next_week, last, calendar)) {
        bool same_weekday = found->day() == next_week;
        return Move{*found, same_weekday ? MoveKind::kNextWeek : MoveKind::kAfterNextWeek};
    }

    if (auto found = LastWorkingDay(date, 1, date.day() - 1, calendar)) {
        return Move{*found, MoveKind::kEarlier};
    }
    return std::nullopt;
}

// "2026-02-17（星期二）".
std::string DateWithWeekday(Date date) {
    return date.ToString() + "（" + std::string(WeekdayNameZh(date.Weekday())) + "）";
}

// What kind of day off `date` is, to follow "为": a listed holiday by its notice's name, any
// other day off being a plain weekend.
std::string DayOffKind(Date date, const Calendar& calendar) {
    auto entry = calendar.Entry(date);
    if (entry && entry->kind == DayKind::kDayOff) return entry->name + "假期";
    return "休息日";
}

std::string MoveReason(Date from, const Move& move, const Calendar& calendar) {
    std::string reason = DateWithWeekday(from) + "为" + DayOffKind(from, calendar);
    switch (move.kind) {
        case MoveKind::kSameWeek:
            return reason + "，改至同周的 " + DateWithWeekday(move.date);
        case MoveKind::kNextWeek:
            return reason + "，当周无其他工作日，改至下周的 " + DateWithWeekday(move.date);
        case MoveKind::kAfterNextWeek:
            return reason + "，当周无其他工作日，下周的 " + DateWithWeekday(from.AddDays(7)) +
                   "也不是工作日，改至其后第一个工作日 " + DateWithWeekday(move.date);
        case MoveKind::kEarlier:
            return reason + "，其后本月内无可改的工作日，提前至 " + DateWithWeekday(move.date);
    }
    return reason;
}

std::optional<ScheduleError> CheckMonths(const std::vector<int>& months) {
    std::set<int> seen;
    for (int month : months) {
        if (month < 1 || month > 12) {
            return ScheduleError{"months", "月份应为 1–12，收到 " + std::to_string(month)};
        }
        if (!seen.insert(month).second) {
            return ScheduleError{"months", "月份 " + std::to_string(month) + " 重复出现"};
        }
    }
    return std::nullopt;
}

std::optional<ScheduleError> CheckRotation(const ScheduleRule& rule) {
    if (rule.rotation.empty()) return ScheduleError{"rotation_leader_ids", "轮值领导名单不能为空"};

    std::set<std::int64_t> ids;
    for (std::size_t i = 0; i < rule.rotation.size(); ++i) {
        const ReceptionLeader& leader = rule.rotation[i];
        if (leader.name.empty()) {
            return ScheduleError{"rotation_leader_ids",
                                 "轮值领导名单第 " + std::to_string(i + 1) + " 位缺少姓名"};
        }
        if (!ids.insert(leader.id).second) {
            return ScheduleError{"rotation_leader_ids",
                                 "轮值领导 id " + std::to_string(leader.id) + " 重复出现"};
        }
    }

    if (!ids.contains(rule.first_leader_id)) {
        return ScheduleError{
            "first_leader_id",
            "首位轮值领导（id " + std::to_string(rule.first_leader_id) + "）不在轮值名单中"};
    }
    return std::nullopt;
}

std::optional<ScheduleError> CheckTimes(const std::string& start, const std::string& end) {
    auto start_minutes = ParseClockTime(start);
    if (!start_minutes) {
        return ScheduleError{"start_time",
                             "开始时间应为 HH:MM（00:00–23:59），收到“" + start + "”"};
    }
    auto end_minutes = ParseClockTime(end);
    if (!end_minutes) {
        return ScheduleError{"end_time", "结束时间应为 HH:MM（00:00–23:59），收到“" + end + "”"};
    }
    if (*end_minutes <= *start_minutes) {
        return ScheduleError{"end_time", "结束时间 " + end + " 应晚于开始时间 " + start};
    }
    return std::nullopt;
}

std::size_t RotationIndexOf(const ScheduleRule& rule, std::int64_t id) {
    auto it = std::find_if(rule.rotation.begin(), rule.rotation.end(),
                           [id](const ReceptionLeader& leader) { return leader.id == id; });
    return static_cast<std::size_t>(it - rule.rotation.begin());
}

// The month a hand-made day stands for (HandMadeDay's contract); its year decides which
// schedule the day belongs to.
Date StandsFor(const HandMadeDay& day) { return day.moved_from.value_or(day.date); }

ProposedDay FromHandMade(const HandMadeDay& kept, const ScheduleRule& rule) {
    ProposedDay day;
    day.date = kept.date;
    day.leaders = kept.leaders;
    day.start_time = kept.start_time.empty() ? rule.start_time : kept.start_time;
    day.end_time = kept.end_time.empty() ? rule.end_time : kept.end_time;
    day.moved_from = kept.moved_from;
    day.reason = kept.reason;
    day.hand_made = true;
    return day;
}

// The rule's day of one month with its leader, moved off a day off; nullopt, with a warning
// added, when the month has no day to offer.
std::optional<ProposedDay> GenerateMonth(int year, int month, const ReceptionLeader& leader,
                                         const ScheduleRule& rule, const Calendar& calendar,
                                         std::vector<std::string>& warnings) {
    auto date = ReceptionDayOfMonth(year, month, rule.week_of_month, rule.weekday);
    if (!date) {
        warnings.push_back(std::to_string(year) + " 年 " + std::to_string(month) + " 月没有第 " +
                           std::to_string(rule.week_of_month) + " 周的" +
                           std::string(WeekdayNameZh(rule.weekday)) +
                           "（以星期三所在月份计周），该月未安排接访日");
        return std::nullopt;
    }

    ProposedDay day{*date, {leader}, rule.start_time, rule.end_time, std::nullopt, "", false};
    if (calendar.IsWorkingDay(*date)) return day;

    auto move = FindMove(*date, calendar);
    if (!move) {
        warnings.push_back(DateWithWeekday(*date) + "为" + DayOffKind(*date, calendar) +
                           "，本月已无工作日可改，该月未安排接访日");
        return std::nullopt;
    }
    day.date = move->date;
    day.moved_from = *date;
    day.reason = MoveReason(*date, *move, calendar);
    return day;
}

}  // namespace

std::optional<ScheduleError> CheckScheduleRule(const ScheduleRule& rule) {
    if (rule.week_of_month < 1 || rule.week_of_month > 5) {
        return ScheduleError{"week_of_month",
                             "每月第几周应为 1–5，收到 " + std::to_string(rule.week_of_month)};
    }
    if (rule.weekday < 1 || rule.weekday > 7) {
        return ScheduleError{
            "weekday", "星期应为 1–7（星期一至星期日），收到 " + std::to_string(rule.weekday)};
    }
    if (auto error = CheckMonths(rule.months)) return error;
    if (auto error = CheckRotation(rule)) return error;
    return CheckTimes(rule.start_time, rule.end_time);
}

std::optional<Date> ReceptionDayOfMonth(int year, int month, int week_of_month, int weekday) {
    if (!IsValidDate(year, month, 1) || week_of_month < 1 || week_of_month > 5 || weekday < 1 ||
        weekday > 7) {
        return std::nullopt;
    }

    // Counting weeks by their Wednesday gives every week to the month holding most of its days,
    // and is the reading under which "第三周周二" yields the seed's 2023 table (2023-02-14 and
    // 2023-11-14, where the plain third Tuesday would be 02-21 and 11-21). Day numbers may run
    // below 1 here: week 1 can begin in the month before.
    int first_weekday = Date(year, month, 1).Weekday();
    int first_wednesday = 1 + (3 - first_weekday + 7) % 7;
    int day = first_wednesday - 2 + 7 * (week_of_month - 1) + (weekday - 1);
    if (day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
    return Date(year, month, day);
}

std::optional<Date> MoveOffDayOff(Date date, const Calendar& calendar) {
    auto move = FindMove(date, calendar);
    if (!move) return std::nullopt;
    return move->date;
}

ScheduleResult GenerateSchedule(int year, const ScheduleRule& rule, const Calendar& calendar,
                                const std::vector<HandMadeDay>& kept) {
    ScheduleResult result;
    if (year < kMinScheduleYear || year > kMaxScheduleYear) {
        result.error = ScheduleError{"year", "年份应在 " + std::to_string(kMinScheduleYear) + "–" +
                                                 std::to_string(kMaxScheduleYear) + " 之间，收到 " +
                                                 std::to_string(year)};
        return result;
    }
    if (auto error = CheckScheduleRule(rule)) {
        result.error = std::move(error);
        return result;
    }

    // The calendar already treats a year without a notice as plain Monday–Friday weeks; the
    // section only needs to know that the proposal may still clash with that year's holidays.
    if (!calendar.KnowsYear(year)) {
        result.warnings.push_back(std::to_string(year) +
                                  " 年的节假日安排通知尚未载入，接访日仅避开周末推算，"
                                  "发布前请按当年通知核对");
    }

    std::set<int> hand_made_months;
    for (const HandMadeDay& day : kept) {
        if (StandsFor(day).year() != year) continue;
        hand_made_months.insert(StandsFor(day).month());
        result.days.push_back(FromHandMade(day, rule));
    }

    // Turns follow the month list, not the days actually held, so a month without a day or with
    // a hand-made one leaves the rest of the year's rotation where the rule puts it.
    std::vector<int> months = rule.months;
    std::sort(months.begin(), months.end());
    std::size_t first = RotationIndexOf(rule, rule.first_leader_id);
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (hand_made_months.contains(months[i])) continue;
        const ReceptionLeader& leader = rule.rotation[(first + i) % rule.rotation.size()];
        auto day = GenerateMonth(year, months[i], leader, rule, calendar, result.warnings);
        if (day) result.days.push_back(std::move(*day));
    }

    std::stable_sort(result.days.begin(), result.days.end(),
                     [](const auto& a, const auto& b) { return a.date < b.date; });

    for (const ProposedDay& day : result.days) {
        if (!day.hand_made || calendar.IsWorkingDay(day.date)) continue;
        result.warnings.push_back("手工设定的接访日 " + DateWithWeekday(day.date) + "为" +
                                  DayOffKind(day.date, calendar) + "，请确认是否仍在当日接访");
    }
    return result;
}

namespace {

int MonthOf(const SavedDay& day) { return day.moved_from.value_or(day.date).month(); }

int MonthOf(const ProposedDay& day) { return day.moved_from.value_or(day.date).month(); }

std::string KeptWarning(const SavedDay& day, std::string_view why) {
    return "接访日 " + DateWithWeekday(day.date) + "已有预约或约访，" + std::string(why) +
           "，请与相关人员联系后手工调整";
}

}  // namespace

RegenerationPlan PlanRegeneration(const std::vector<ProposedDay>& proposal,
                                  const std::vector<SavedDay>& saved) {
    RegenerationPlan plan;
    std::vector<const SavedDay*> generated;
    for (const SavedDay& day : saved) {
        if (!day.hand_made) generated.push_back(&day);
    }

    std::set<std::int64_t> used;
    for (const ProposedDay& day : proposal) {
        if (day.hand_made) continue;
        int month = MonthOf(day);
        const SavedDay* referenced = nullptr;
        const SavedDay* free = nullptr;
        for (const SavedDay* candidate : generated) {
            if (MonthOf(*candidate) != month || used.contains(candidate->id)) continue;
            if (candidate->referenced && !referenced) referenced = candidate;
            if (!candidate->referenced && !free) free = candidate;
        }
        if (referenced) {
            used.insert(referenced->id);
            plan.kept.push_back(referenced->id);
            bool same = referenced->date == day.date;
            if (!same)
                plan.warnings.push_back(KeptWarning(
                    *referenced, "按规则应为 " + DateWithWeekday(day.date) + "，保留原日期"));
        } else if (free) {
            used.insert(free->id);
            plan.updates.push_back({free->id, day});
        } else {
            plan.inserts.push_back(day);
        }
    }

    for (const SavedDay* day : generated) {
        if (used.contains(day->id)) continue;
        if (!day->referenced) {
            plan.deletes.push_back(day->id);
            continue;
        }
        plan.kept.push_back(day->id);
        plan.warnings.push_back(
            KeptWarning(*day, "新的安排中该月已另有接访日或不再安排，保留该日"));
    }
    return plan;
}

std::optional<int> ParseClockTime(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0, 1, 3, 4}) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    }

    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

std::string_view WeekdayNameZh(int iso_weekday) {
    static constexpr std::array<std::string_view, 7> kNames = {
        "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    if (iso_weekday < 1 || iso_weekday > 7) return {};
    return kNames[iso_weekday - 1];
}

}  // namespace xinfang::core
