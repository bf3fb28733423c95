#pragma once

// The reception-day schedule of the seed's 局长大接访 (seed §四(一), Attachment 1; issue 4).
//
// The seed fixes the day as "每月第三周周二上午（工作日）": one morning a month, the bureau's
// leaders taking turns. GenerateSchedule turns a rule (which week, which weekday, which months,
// the leaders' order) and the official calendar into a year's proposed days. It only proposes:
// the caller shows them (dry run) or saves them. Days the section has moved or reassigned by hand
// are passed back in and kept, so regenerating never undoes a hand-made change.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"

namespace xinfang::core {

// The years GenerateSchedule accepts, the same as the calendar API's.
inline constexpr int kMinScheduleYear = 1900;
inline constexpr int kMaxScheduleYear = 2200;

struct ReceptionLeader {
    std::int64_t id = 0;
    std::string name;

    friend bool operator==(const ReceptionLeader&, const ReceptionLeader&) = default;
};

struct ScheduleRule {
    // Week 1 of a month is the Monday–Sunday week whose Wednesday lies in the month (see
    // ReceptionDayOfMonth for why); the seed's day is the Tuesday (ISO weekday 2) of week 3.
    int week_of_month = 3;
    int weekday = 2;

    // The months (1–12) that get a reception day, each once; the order given does not matter.
    // The seed's 2023 table starts in February.
    std::vector<int> months = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    // The leaders in the order they take turns; the month list's first month goes to the
    // rotation member whose id is `first_leader_id`, the next month to the member after it,
    // wrapping round.
    std::vector<ReceptionLeader> rotation;
    std::int64_t first_leader_id = 0;

    // The morning session, "HH:MM" in China time, start before end.
    std::string start_time = "08:30";
    std::string end_time = "11:30";
};

// A reception day the section has set by hand (moved, reassigned, or added). It stands for the
// generated day of the month of `moved_from` when that is set, else of the month of `date`.
struct HandMadeDay {
    Date date;
    std::vector<ReceptionLeader> leaders;
    std::optional<Date> moved_from;
    std::string reason;  // the section's own words, shown as given

    // "HH:MM"; empty keeps the rule's times.
    std::string start_time;
    std::string end_time;
};

struct ProposedDay {
    Date date;
    std::vector<ReceptionLeader> leaders;
    std::string start_time;
    std::string end_time;

    // Set when the rule's date was a day off and the day moved; `reason` then says why, in
    // Chinese, e.g. "2026-02-17（星期二）为春节假期，当周无其他工作日，改至下周的
    // 2026-02-24（星期二）".
    std::optional<Date> moved_from;
    std::string reason;

    bool hand_made = false;
};

// What is wrong with a rule or a year: `field` names the request field at fault ("year",
// "week_of_month", "weekday", "months", "rotation_leader_ids", "first_leader_id", "start_time",
// "end_time"), `message` says what in Chinese.
struct ScheduleError {
    std::string field;
    std::string message;
};

// Success: `days` in date order and `warnings` (Chinese) for the section to read before
// publishing: a year whose holiday notice is not loaded, a month with no possible day, a
// hand-made day that now falls on a day off. Failure: `error` set and nothing else.
struct ScheduleResult {
    std::vector<ProposedDay> days;
    std::vector<std::string> warnings;
    std::optional<ScheduleError> error;

    bool ok() const { return !error.has_value(); }
};

// nullopt when the rule can generate a schedule: week 1–5, weekday 1–7, months within 1–12 and
// none twice, at least one leader in the rotation, each with a name and no id twice, the first
// leader among them, and valid times with the start before the end.
std::optional<ScheduleError> CheckScheduleRule(const ScheduleRule& rule);

// The rule's date in the given month before any holiday move, or nullopt when the month has no
// such day (a week 5 that does not exist, or a week 1 weekday that falls in the month before).
std::optional<Date> ReceptionDayOfMonth(int year, int month, int week_of_month, int weekday);

// Where a reception day on the day off `date` moves: the next working day of the same
// Monday–Sunday week; else the same weekday of the following week, or the first working day
// after it; else the nearest working day before `date`; always within `date`'s month. nullopt
// when the month has no working day left to offer.
std::optional<Date> MoveOffDayOff(Date date, const Calendar& calendar);

// The schedule of `year` by `rule` and `calendar`, with the `kept` hand-made days of that year
// in place of the generated days of their months (hand-made days of other years are ignored).
// A year the calendar does not know is generated on weekends alone, with a warning.
ScheduleResult GenerateSchedule(int year, const ScheduleRule& rule, const Calendar& calendar,
                                const std::vector<HandMadeDay>& kept);

// A saved day of the year being regenerated, as PlanRegeneration needs it.
struct SavedDay {
    std::int64_t id = 0;
    Date date;
    std::optional<Date> moved_from;
    bool hand_made = false;
    // Active bookings (booked, confirmed, attended) or invitations point at it, so it may be
    // neither deleted nor moved without telling the people concerned.
    bool referenced = false;
};

// What saving a new proposal does to the saved days of its year. A generated day stands for
// the month of its `moved_from`, else of its date, like a hand-made one.
struct RegenerationPlan {
    // A saved generated day that takes the proposed day of its month, keeping its id (and so
    // its UID in the feeds) and its published state.
    struct Update {
        std::int64_t id;
        ProposedDay day;
    };
    std::vector<Update> updates;
    std::vector<ProposedDay> inserts;   // months no saved day stands for
    std::vector<std::int64_t> deletes;  // unreferenced generated days the proposal has no use for
    // Referenced generated days left exactly as saved: the proposal's day for their month is not
    // added, so a month never gets a second day. Each is named in `warnings` (Chinese).
    std::vector<std::int64_t> kept;
    std::vector<std::string> warnings;
};

// Reconciles the proposal (GenerateSchedule's days, hand-made ones included) with the saved
// days of the same year. Hand-made saved days are never touched. For each month of the
// proposal's generated days: the first unreferenced saved generated day of the month is updated
// to it, unless a referenced one exists, which is kept instead; other saved generated days of
// that month, and those of months the proposal leaves out, are deleted when unreferenced and
// kept with a warning otherwise.
RegenerationPlan PlanRegeneration(const std::vector<ProposedDay>& proposal,
                                  const std::vector<SavedDay>& saved);

// Minutes after midnight of "HH:MM" (00:00–23:59, two digits each), or nullopt.
std::optional<int> ParseClockTime(std::string_view text);

// "星期一" … "星期日" for ISO weekday 1–7.
std::string_view WeekdayNameZh(int iso_weekday);

}  // namespace xinfang::core
