#include "http/reception_support.h"

#include <algorithm>

#include "core/date.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace json = boost::json;
namespace {

constexpr const char* kSettingName = "reception_config";

// The seed's rotation (Attachment 1): the director first, then the deputies in this order.
const std::vector<std::string> kSeedRotation = {"刘华军", "杨杰", "许正娟", "施波",
                                                "钱向东", "王向阳", "龚雪松"};

core::ScheduleRule DefaultRule(store::Transaction& tx) {
    core::ScheduleRule rule;
    auto leaders = store::ListLeaders(tx);
    for (const auto& name : kSeedRotation) {
        for (const auto& leader : leaders) {
            if (leader.name == name && leader.active) rule.rotation.push_back({leader.id, name});
        }
    }
    if (rule.rotation.empty()) {
        for (const auto& leader : leaders) {
            if (leader.active) rule.rotation.push_back({leader.id, leader.name});
        }
    }
    if (!rule.rotation.empty()) rule.first_leader_id = rule.rotation.front().id;
    return rule;
}

}  // namespace

ReceptionConfig LoadReceptionConfig(store::Transaction& tx) {
    ReceptionConfig config;
    config.rule = DefaultRule(tx);
    auto saved = store::GetSetting(tx, kSettingName);
    if (!saved) return config;

    json::object o = json::parse(*saved).as_object();
    config.rule.week_of_month = static_cast<int>(o.at("week_of_month").as_int64());
    config.rule.weekday = static_cast<int>(o.at("weekday").as_int64());
    config.rule.months.clear();
    for (const auto& m : o.at("months").as_array()) config.rule.months.push_back(static_cast<int>(m.as_int64()));
    config.rule.rotation.clear();
    auto leaders = store::ListLeaders(tx);
    for (const auto& id : o.at("rotation_leader_ids").as_array()) {
        for (const auto& leader : leaders) {
            if (leader.id == id.as_int64()) config.rule.rotation.push_back({leader.id, leader.name});
        }
    }
    config.rule.first_leader_id = o.at("first_leader_id").as_int64();
    config.rule.start_time = std::string(o.at("start_time").as_string());
    config.rule.end_time = std::string(o.at("end_time").as_string());
    config.place = std::string(o.at("place").as_string());
    config.phone = std::string(o.at("phone").as_string());
    config.capacity = static_cast<int>(o.at("capacity").as_int64());
    config.booking_closes_hours_before =
        static_cast<int>(o.at("booking_closes_hours_before").as_int64());
    return config;
}

json::object ReceptionConfigJson(const ReceptionConfig& config) {
    json::array months, rotation, rotation_leaders;
    for (int m : config.rule.months) months.push_back(m);
    for (const auto& leader : config.rule.rotation) {
        rotation.push_back(leader.id);
        rotation_leaders.push_back(json::object{{"id", leader.id}, {"name", leader.name}});
    }
    return {{"week_of_month", config.rule.week_of_month},
            {"weekday", config.rule.weekday},
            {"months", std::move(months)},
            {"rotation_leader_ids", std::move(rotation)},
            {"rotation", std::move(rotation_leaders)},
            {"first_leader_id", config.rule.first_leader_id},
            {"start_time", config.rule.start_time},
            {"end_time", config.rule.end_time},
            {"place", config.place},
            {"phone", config.phone},
            {"capacity", config.capacity},
            {"booking_closes_hours_before", config.booking_closes_hours_before}};
}

void SaveReceptionConfig(store::Transaction& tx, const ReceptionConfig& config) {
    json::object o = ReceptionConfigJson(config);
    o.erase("rotation");
    store::PutSetting(tx, kSettingName, json::serialize(o));
}

json::object DayJson(const store::ReceptionDayRow& day) {
    json::array leaders;
    for (const auto& leader : day.leaders) {
        leaders.push_back(json::object{{"id", leader.id}, {"name", leader.name}});
    }
    return {{"id", day.id},
            {"date", day.date},
            {"start_time", day.start_time},
            {"end_time", day.end_time},
            {"leaders", std::move(leaders)},
            {"place", day.place},
            {"phone", day.phone},
            {"capacity", day.capacity},
            {"booked", day.booked},
            {"free", std::max(0, day.capacity - day.booked)},
            {"published", day.published},
            {"hand_made", day.hand_made},
            {"moved_from", day.moved_from ? json::value(*day.moved_from) : nullptr},
            {"note", day.note ? json::value(*day.note) : nullptr}};
}

namespace {

// Sets the fields the rule and the configuration decide; the id, published state and the
// bookings stay.
void ApplyProposed(store::ReceptionDayRow& day, const core::ProposedDay& proposed,
                   const ReceptionConfig& config) {
    day.date = proposed.date.ToString();
    day.leaders.clear();
    for (const auto& l : proposed.leaders) day.leaders.push_back({l.id, l.name});
    day.start_time = proposed.start_time;
    day.end_time = proposed.end_time;
    day.place = config.place;
    day.phone = config.phone;
    day.capacity = std::max(config.capacity, day.booked);
    day.moved_from.reset();
    if (proposed.moved_from) day.moved_from = proposed.moved_from->ToString();
    day.note.reset();
    if (!proposed.reason.empty()) day.note = proposed.reason;
}

bool SameDay(const store::ReceptionDayRow& a, const store::ReceptionDayRow& b) {
    return json::serialize(DayJson(a)) == json::serialize(DayJson(b));
}

}  // namespace

std::vector<core::SavedDay> SavedDaysOf(store::Transaction& tx,
                                        const std::vector<store::ReceptionDayRow>& days) {
    std::vector<core::SavedDay> out;
    for (const auto& day : days) {
        core::SavedDay saved;
        saved.id = day.id;
        saved.date = *core::Date::Parse(day.date);
        if (day.moved_from) saved.moved_from = core::Date::Parse(*day.moved_from);
        saved.hand_made = day.hand_made;
        saved.referenced = store::ReceptionDayIsReferenced(tx, day.id);
        out.push_back(saved);
    }
    return out;
}

ScheduleSaved SaveSchedule(store::Transaction& tx, const std::vector<core::ProposedDay>& days,
                           const std::vector<store::ReceptionDayRow>& existing,
                           const ReceptionConfig& config, bool publish) {
    core::RegenerationPlan plan = core::PlanRegeneration(days, SavedDaysOf(tx, existing));
    ScheduleSaved saved;
    saved.warnings = plan.warnings;
    auto find = [&existing](std::int64_t id) {
        return *std::find_if(existing.begin(), existing.end(),
                             [id](const auto& day) { return day.id == id; });
    };

    for (const auto& update : plan.updates) {
        store::ReceptionDayRow before = find(update.id);
        store::ReceptionDayRow day = before;
        ApplyProposed(day, update.day, config);
        day.published = day.published || publish;
        if (SameDay(before, day)) continue;
        store::UpdateReceptionDay(tx, day);
        ++saved.updated;
    }
    for (std::int64_t id : plan.kept) {
        store::ReceptionDayRow day = find(id);
        ++saved.kept;
        if (!publish || day.published) continue;
        day.published = true;
        store::UpdateReceptionDay(tx, day);
    }
    for (std::int64_t id : plan.deletes) {
        store::DeleteReceptionDay(tx, id);
        ++saved.deleted;
    }
    for (const auto& proposed : plan.inserts) {
        store::ReceptionDayRow day;
        ApplyProposed(day, proposed, config);
        day.published = publish;
        store::InsertReceptionDay(tx, day);
        ++saved.added;
    }
    return saved;
}

bool IsPlainName(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7F || c == '<' || c == '>') return false;
    }
    return true;
}

std::optional<core::Region> MatchRegion(const std::vector<core::Region>& regions,
                                        const json::value& value) {
    for (const auto& region : regions) {
        if (!region.active) continue;
        if (value.is_int64() && value.as_int64() == region.id) return region;
        if (value.is_string() && value.as_string() == region.name) return region;
    }
    return std::nullopt;
}

reports::FeedDay ToFeedDay(const store::ReceptionDayRow& day) {
    reports::FeedDay out;
    out.id = day.id;
    out.date = day.date;
    out.start_time = day.start_time;
    out.end_time = day.end_time;
    for (const auto& leader : day.leaders) out.leaders.push_back(leader.name);
    out.place = day.place;
    out.phone = day.phone;
    out.capacity = day.capacity;
    return out;
}

std::int64_t SessionStart(const store::ReceptionDayRow& day) {
    auto date = core::Date::Parse(day.date);
    auto minutes = core::ParseClockTime(day.start_time);
    if (!date) return 0;
    return core::StartOfDay(*date) + minutes.value_or(0) * 60;
}

bool BookingOpen(const store::ReceptionDayRow& day, const ReceptionConfig& config,
                 std::int64_t now) {
    return day.published &&
           now < SessionStart(day) - static_cast<std::int64_t>(config.booking_closes_hours_before) * 3600;
}

json::object PublicDayJson(const store::ReceptionDayRow& day, const ReceptionConfig& config) {
    json::array leaders;
    for (const auto& leader : day.leaders) leaders.push_back(json::object{{"name", leader.name}});
    auto date = core::Date::Parse(day.date);
    return {{"id", day.id},
            {"date", day.date},
            {"weekday", date ? core::WeekdayNameZh(date->Weekday()) : ""},
            {"start_time", day.start_time},
            {"end_time", day.end_time},
            {"leaders", std::move(leaders)},
            {"place", day.place},
            {"phone", day.phone},
            {"free", std::max(0, day.capacity - day.booked)},
            {"booking_open", BookingOpen(day, config, core::NowSeconds())}};
}

}  // namespace xinfang::http
