#include "http/handlers/reception_handlers.h"

#include "core/appointment.h"
#include "core/date.h"
#include "core/identity.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/petition_support.h"
#include "http/reception_support.h"
#include "reports/feeds.h"
#include "store/org_store.h"
#include "store/petition_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

const std::vector<std::string> kInvitationStatuses = {"invited", "accepted", "declined", "held"};

int YearQuery(const RequestContext& ctx) {
    auto text = ctx.Query("year");
    if (!text) return core::DateOf(core::NowSeconds()).year();
    try {
        std::size_t used = 0;
        int year = std::stoi(*text, &used);
        if (used == text->size() && year >= core::kMinScheduleYear && year <= core::kMaxScheduleYear) {
            return year;
        }
    } catch (const std::exception&) {
    }
    throw ValidationError("validation.invalid", "年份应为1900到2200之间的整数", "year");
}

std::string ClockField(const JsonBody& body, std::string_view name, std::string_view label,
                       std::string current) {
    auto text = body.OptionalString(name, label, 5);
    if (!text) return current;
    if (!core::ParseClockTime(*text)) {
        throw ValidationError("validation.invalid", std::string(label) + "格式应为 HH:MM",
                              std::string(name));
    }
    return *text;
}

std::vector<core::NamedRef> LeadersField(Transaction& tx, const JsonBody& body, bool required) {
    auto ids = body.OptionalIdList("leader_ids", "接访领导");
    if (!ids) {
        if (required) throw ValidationError("validation.required", "请选择接访领导", "leader_ids");
        return {};
    }
    if (ids->empty()) throw ValidationError("validation.required", "请选择接访领导", "leader_ids");
    std::vector<core::NamedRef> out;
    for (std::int64_t id : *ids) {
        auto leader = store::FindLeader(tx, id);
        if (!leader) throw ValidationError("validation.invalid", "所选领导不存在", "leader_ids");
        out.push_back({leader->id, leader->name});
    }
    return out;
}

// Reads the editable fields of a day; `create` requires date and leaders.
void ReadDayFields(Transaction& tx, const JsonBody& body, store::ReceptionDayRow& day,
                   bool create) {
    if (create || body.Has("date")) {
        body.ForbidNull("date", "接访日期");
        std::string text = body.RequiredString("date", "接访日期", 10);
        auto date = core::Date::Parse(text);
        if (!date) throw ValidationError("validation.invalid", "接访日期格式应为 YYYY-MM-DD", "date");
        if (!create && text != day.date) day.moved_from = day.moved_from.value_or(day.date);
        day.date = text;
    }
    auto leaders = LeadersField(tx, body, create);
    if (!leaders.empty()) day.leaders = leaders;
    day.start_time = ClockField(body, "start_time", "开始时间", day.start_time);
    day.end_time = ClockField(body, "end_time", "结束时间", day.end_time);
    if (*core::ParseClockTime(day.end_time) <= *core::ParseClockTime(day.start_time)) {
        throw ValidationError("validation.invalid", "结束时间应晚于开始时间", "end_time");
    }
    if (auto place = body.OptionalString("place", "接访地点", 100)) day.place = *place;
    if (auto phone = body.OptionalString("phone", "预约电话", 20)) day.phone = *phone;
    if (auto capacity = body.OptionalInt("capacity", "预约名额", 1, 500)) {
        day.capacity = static_cast<int>(*capacity);
    }
    if (auto published = body.OptionalBool("published", "是否发布")) day.published = *published;
    if (body.IsNull("note")) day.note.reset();
    if (auto note = body.OptionalString("note", "备注", 500)) day.note = *note;
}

// Every field the generator sets; a day whose value differs from what it was is the section's
// own and survives regeneration.
bool ChangedByHand(const store::ReceptionDayRow& a, const store::ReceptionDayRow& b) {
    auto ids = [](const store::ReceptionDayRow& day) {
        std::vector<std::int64_t> out;
        for (const auto& leader : day.leaders) out.push_back(leader.id);
        return out;
    };
    return a.date != b.date || ids(a) != ids(b) || a.start_time != b.start_time ||
           a.end_time != b.end_time || a.place != b.place || a.phone != b.phone ||
           a.capacity != b.capacity || a.published != b.published || a.note != b.note;
}

void ReadDay(Transaction& tx, const JsonBody& body, store::ReceptionDayRow& day, bool create) {
    store::ReceptionDayRow before = day;
    ReadDayFields(tx, body, day, create);
    if (!create && ChangedByHand(before, day)) day.hand_made = true;
}

store::ReceptionDayRow FoundDay(Transaction& tx, std::int64_t id) {
    auto day = store::FindReceptionDay(tx, id);
    if (!day) throw NotFound("接访日不存在");
    return *day;
}

Response ListDays(AppContext& app, RequestContext& ctx) {
    int year = YearQuery(ctx);
    Transaction tx(app.db, Transaction::Mode::kRead);
    auto days = store::ListReceptionDays(tx, std::to_string(year) + "-01-01",
                                         std::to_string(year) + "-12-31", false);
    json::array items;
    for (const auto& day : days) items.push_back(DayJson(day));
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"total", days.size()}});
}

Response CreateDay(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    ReceptionConfig config = LoadReceptionConfig(tx);
    store::ReceptionDayRow day;
    day.place = config.place;
    day.phone = config.phone;
    day.capacity = config.capacity;
    day.start_time = config.rule.start_time;
    day.end_time = config.rule.end_time;
    day.hand_made = true;
    ReadDay(tx, body, day, true);
    std::int64_t id = store::InsertReceptionDay(tx, day);
    json::object view = DayJson(FoundDay(tx, id));
    RecordAudit(tx, ctx.principal().user, "create", "reception_day", id, Changes({}, view));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response PatchDay(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::ReceptionDayRow day = FoundDay(tx, id);
    json::object before = DayJson(day);
    ReadDay(tx, body, day, false);
    if (day.capacity < day.booked) {
        throw Conflict("reception.capacity_below_bookings", "预约名额不能少于已预约人数", "capacity");
    }
    store::UpdateReceptionDay(tx, day);
    json::object view = DayJson(FoundDay(tx, id));
    json::object changes = Changes(before, view);
    if (!changes.empty()) RecordAudit(tx, ctx.principal().user, "update", "reception_day", id, changes);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

// Reads an optional rule from the body on top of the saved one.
void ReadRule(Transaction& tx, const JsonBody& body, ReceptionConfig& config) {
    core::ScheduleRule& rule = config.rule;
    if (auto week = body.OptionalInt("week_of_month", "第几周", 1, 5)) rule.week_of_month = static_cast<int>(*week);
    if (auto weekday = body.OptionalInt("weekday", "星期几", 1, 7)) rule.weekday = static_cast<int>(*weekday);
    if (auto months = body.OptionalIdList("months", "月份")) {
        rule.months.clear();
        for (auto m : *months) {
            if (m > 12) throw ValidationError("validation.invalid", "月份应在1到12之间", "months");
            rule.months.push_back(static_cast<int>(m));
        }
    }
    if (auto ids = body.OptionalIdList("rotation_leader_ids", "轮值领导")) {
        rule.rotation.clear();
        for (auto id : *ids) {
            auto leader = store::FindLeader(tx, id);
            if (!leader) throw ValidationError("validation.invalid", "所选领导不存在", "rotation_leader_ids");
            rule.rotation.push_back({leader->id, leader->name});
        }
    }
    if (auto first = body.OptionalInt("first_leader_id", "首月接访领导", 1, INT64_MAX)) {
        rule.first_leader_id = *first;
    }
    rule.start_time = ClockField(body, "start_time", "开始时间", rule.start_time);
    rule.end_time = ClockField(body, "end_time", "结束时间", rule.end_time);
    if (auto place = body.OptionalString("place", "接访地点", 100)) config.place = *place;
    if (auto phone = body.OptionalString("phone", "预约电话", 20)) config.phone = *phone;
    if (auto capacity = body.OptionalInt("capacity", "预约名额", 1, 500)) config.capacity = static_cast<int>(*capacity);
    if (auto hours = body.OptionalInt("booking_closes_hours_before", "提前截止小时数", 0, 720)) {
        config.booking_closes_hours_before = static_cast<int>(*hours);
    }
    if (auto error = core::CheckScheduleRule(rule)) {
        throw ValidationError("validation.invalid", error->message, error->field);
    }
}

Response GetConfig(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    return JsonResponse(ctx.request(), 200, ReceptionConfigJson(LoadReceptionConfig(tx)));
}

Response PutConfig(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    ReceptionConfig config = LoadReceptionConfig(tx);
    json::object before = ReceptionConfigJson(config);
    ReadRule(tx, body, config);
    SaveReceptionConfig(tx, config);
    json::object view = ReceptionConfigJson(config);
    RecordAudit(tx, ctx.principal().user, "update", "reception_config", std::nullopt,
                Changes(before, view));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

json::object ProposedJson(const core::ProposedDay& day) {
    json::array leaders;
    for (const auto& leader : day.leaders) {
        leaders.push_back(json::object{{"id", leader.id}, {"name", leader.name}});
    }
    return {{"date", day.date.ToString()},
            {"leaders", std::move(leaders)},
            {"start_time", day.start_time},
            {"end_time", day.end_time},
            {"moved_from", day.moved_from ? json::value(day.moved_from->ToString()) : nullptr},
            {"reason", day.reason},
            {"hand_made", day.hand_made}};
}

Response Generate(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    int year = static_cast<int>(body.RequiredInt("year", "年份", core::kMinScheduleYear,
                                                 core::kMaxScheduleYear));
    bool dry_run = body.OptionalBool("dry_run", "仅预览").value_or(false);
    bool publish = body.OptionalBool("publish", "立即发布").value_or(false);

    Transaction tx(app.db, dry_run ? Transaction::Mode::kRead : Transaction::Mode::kWrite);
    ReceptionConfig config = LoadReceptionConfig(tx);
    if (const json::value* rule = body.object().if_contains("rule"); rule && rule->is_object()) {
        ReadRule(tx, JsonBody(rule->as_object()), config);
    }
    auto existing = store::ListReceptionDays(tx, std::to_string(year) + "-01-01",
                                             std::to_string(year) + "-12-31", false);
    std::vector<core::HandMadeDay> kept;
    for (const auto& day : existing) {
        if (!day.hand_made) continue;
        core::HandMadeDay hand;
        hand.date = *core::Date::Parse(day.date);
        for (const auto& l : day.leaders) hand.leaders.push_back({l.id, l.name});
        if (day.moved_from) hand.moved_from = core::Date::Parse(*day.moved_from);
        hand.reason = day.note.value_or("");
        hand.start_time = day.start_time;
        hand.end_time = day.end_time;
        kept.push_back(std::move(hand));
    }
    core::ScheduleResult result = core::GenerateSchedule(year, config.rule, app.calendar, kept);
    if (!result.ok()) {
        throw ValidationError("validation.invalid", result.error->message, result.error->field);
    }

    json::array items, warnings;
    for (const auto& day : result.days) items.push_back(ProposedJson(day));
    for (const auto& warning : result.warnings) warnings.push_back(json::value(warning));
    if (dry_run) {
        return JsonResponse(ctx.request(), 200,
                            json::object{{"items", std::move(items)}, {"warnings", std::move(warnings)},
                                         {"saved", false}, {"published", false}});
    }

    // Saved days are reconciled with the proposal, never dropped and added again, so a
    // published day keeps its id, its UID in the feeds and its place on the public pages.
    ScheduleSaved saved = SaveSchedule(tx, result.days, existing, config, publish);
    for (const auto& warning : saved.warnings) warnings.push_back(json::value(warning));
    RecordAudit(tx, ctx.principal().user, "generate", "reception_day", std::nullopt,
                json::object{{"year", json::array{nullptr, year}},
                             {"added", json::array{nullptr, saved.added}},
                             {"updated", json::array{nullptr, saved.updated}},
                             {"deleted", json::array{nullptr, saved.deleted}},
                             {"kept", json::array{nullptr, saved.kept}},
                             {"published", json::array{nullptr, publish}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"warnings", std::move(warnings)},
                                     {"saved", true}, {"published", publish}});
}

std::string BaseUrl(const AppContext& app, const RequestContext& ctx) {
    if (!app.config.public_base_url.empty()) return app.config.public_base_url;
    return "http://" + std::string(ctx.request()[bhttp::field::host]);
}

Response Announcement(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    store::ReceptionDayRow day = FoundDay(tx, id);
    reports::Announcement text = reports::MakeAnnouncement(ToFeedDay(day), BaseUrl(app, ctx) + "/public/");
    return JsonResponse(ctx.request(), 200,
                        json::object{{"title", text.title}, {"text", text.text}, {"html", text.html}});
}

json::object AppointmentJson(const store::AppointmentRow& a) {
    return {{"id", a.id},
            {"code", a.code},
            {"status", a.status},
            {"name", a.name_masked},
            {"phone", a.phone_masked},
            {"region", a.region},
            {"topic", a.topic},
            {"reception_day_id", a.reception_day_id},
            {"petition_id", a.petition_id ? json::value(*a.petition_id) : nullptr},
            {"created_at", core::FormatTime(a.created_at)}};
}

Response DayAppointments(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    FoundDay(tx, id);
    json::array items;
    for (const auto& a : store::ListAppointmentsOfDay(tx, id)) items.push_back(AppointmentJson(a));
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

store::AppointmentRow FoundAppointment(Transaction& tx, std::int64_t id) {
    auto a = store::FindAppointment(tx, id);
    if (!a) throw NotFound("预约不存在");
    return *a;
}

core::AppointmentStatus StatusField(const JsonBody& body, core::AppointmentStatus current) {
    auto text = body.OptionalString("status", "预约状态", 20);
    if (!text) return current;
    auto status = core::ParseAppointmentStatus(*text);
    if (!status) throw ValidationError("validation.invalid", "预约状态不正确", "status");
    return *status;
}

// A booking that starts to hold a place on `day` (reactivated or moved there) needs a free
// place and no other active booking of the same phone on that day.
void RequirePlaceFor(Transaction& tx, const store::AppointmentRow& a,
                     const store::ReceptionDayRow& day, bool rescheduled) {
    std::string field = rescheduled ? "reception_day_id" : "status";
    if (day.booked >= day.capacity) {
        throw Conflict("appointment.full", "该接访日预约已满，请选择其他日期", field);
    }
    if (store::PhoneHasActiveAppointment(tx, day.id, a.phone_hash)) {
        throw Conflict("appointment.duplicate", "该电话在这一接访日已有其他预约", field);
    }
}

// Confirm, reschedule, cancel, restore, attended or no-show, by core::CheckAppointmentChange.
Response PatchAppointment(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::AppointmentRow a = FoundAppointment(tx, id);
    json::object before = AppointmentJson(a);

    core::AppointmentChange change;
    change.from = *core::ParseAppointmentStatus(a.status);
    change.to = StatusField(body, change.from);
    change.registered = a.petition_id.has_value();
    std::int64_t day_id = a.reception_day_id;
    if (auto wanted = body.OptionalInt("reception_day_id", "改约接访日", 1, INT64_MAX)) {
        change.rescheduled = *wanted != a.reception_day_id;
        day_id = *wanted;
    }
    store::LockReceptionDay(tx, day_id);
    store::ReceptionDayRow day = FoundDay(tx, day_id);
    change.day = *core::Date::Parse(day.date);
    change.today = Today();
    change.day_published = day.published;
    if (auto refusal = core::CheckAppointmentChange(change)) {
        throw Conflict(refusal->code, refusal->message, refusal->field);
    }
    if (core::ChangeCountsAgain(change)) RequirePlaceFor(tx, a, day, change.rescheduled);

    a.status = std::string(core::Code(change.to));
    a.reception_day_id = day_id;
    store::UpdateAppointment(tx, a);
    json::object view = AppointmentJson(FoundAppointment(tx, id));
    json::object changes = Changes(before, view);
    if (!changes.empty()) RecordAudit(tx, ctx.principal().user, "update", "appointment", id, changes);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

// The registration form's prefill from a booking: what the citizen already told us.
Response AppointmentDraft(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::AppointmentRow a = FoundAppointment(tx, id);
    store::ReceptionDayRow day = FoundDay(tx, a.reception_day_id);
    auto name = app.field_key.Decrypt(a.name_enc, "appointment.name");
    auto phone = app.field_key.Decrypt(a.phone_enc, "appointment.phone");
    if (!name || !phone) throw std::runtime_error("a booking failed to decrypt (wrong key file?)");

    std::optional<std::int64_t> region_id;
    for (const auto& region : store::ListRegions(tx)) {
        if (region.name == a.region) region_id = region.id;
    }
    json::array leaders;
    for (const auto& leader : day.leaders) {
        leaders.push_back(json::object{{"id", leader.id}, {"name", leader.name}});
    }
    RecordAudit(tx, ctx.principal().user, "reveal", "appointment", id, {});
    tx.Commit();
    return JsonResponse(
        ctx.request(), 200,
        json::object{{"appointment_id", a.id},
                     {"channel", "leader_reception"},
                     {"source", "leader_reception"},
                     {"received_at", core::FormatTime(core::NowSeconds())},
                     {"region_id", region_id ? json::value(*region_id) : nullptr},
                     {"summary", a.topic},
                     {"petitioners", json::array{json::object{{"name", *name}, {"phone", *phone},
                                                              {"representative", true}}}},
                     {"receiving_leaders", std::move(leaders)}});
}

json::object InvitationJson(const store::InvitationRow& i) {
    return {{"id", i.id},
            {"leader", json::object{{"id", i.leader_id}, {"name", i.leader_name}}},
            {"petition", i.petition_id
                             ? json::value(json::object{{"id", *i.petition_id},
                                                        {"code", i.petition_code.value_or("")}})
                             : nullptr},
            {"petitioner_name", i.petitioner_name_masked},
            {"phone", i.phone_masked ? json::value(*i.phone_masked) : nullptr},
            {"reception_day_id", i.reception_day_id ? json::value(*i.reception_day_id) : nullptr},
            {"reception_date", i.reception_date ? json::value(*i.reception_date) : nullptr},
            {"scheduled_at", TimeJson(i.scheduled_at)},
            {"place", i.place ? json::value(*i.place) : nullptr},
            {"note", i.note ? json::value(*i.note) : nullptr},
            {"status", i.status},
            {"answer", i.answer ? json::value(*i.answer) : nullptr},
            {"registered_petition",
             i.registered_petition_id
                 ? json::value(json::object{{"id", *i.registered_petition_id},
                                            {"code", i.registered_petition_code.value_or("")}})
                 : nullptr},
            {"created_at", core::FormatTime(i.created_at)}};
}

store::InvitationRow FoundInvitation(Transaction& tx, std::int64_t id) {
    auto found = store::FindInvitation(tx, id);
    if (!found) throw NotFound("约访记录不存在");
    return *found;
}

Response ListInvitations(AppContext& app, RequestContext& ctx) {
    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    for (const auto& i : store::ListInvitations(tx)) items.push_back(InvitationJson(i));
    std::size_t total = items.size();
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"total", total}});
}

std::optional<std::int64_t> ScheduledAtField(const JsonBody& body) {
    auto at = body.OptionalString("scheduled_at", "约访时间", 40);
    if (!at) return std::nullopt;
    auto parsed = core::ParseTime(*at);
    if (!parsed) throw ValidationError("validation.invalid", "约访时间格式不正确", "scheduled_at");
    return parsed;
}

Response CreateInvitation(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    store::InvitationRow i;
    i.leader_id = body.RequiredInt("leader_id", "约访领导", 1, INT64_MAX);
    i.petition_id = body.OptionalInt("petition_id", "信访件", 1, INT64_MAX);
    std::string name = body.RequiredString("petitioner_name", "信访人姓名", 30);
    i.petitioner_name_enc = app.field_key.Encrypt(name, "invitation.name");
    i.petitioner_name_masked = core::MaskName(name);
    if (auto phone = body.OptionalString("phone", "联系电话", 20)) {
        auto parsed = core::ParsePhone(*phone);
        if (!parsed) throw ValidationError("validation.phone", "联系电话格式不正确", "phone");
        i.phone_enc = app.field_key.Encrypt(parsed->number, "invitation.phone");
        i.phone_masked = core::MaskPhone(parsed->number);
    }
    i.reception_day_id = body.OptionalInt("reception_day_id", "接访日", 1, INT64_MAX);
    i.scheduled_at = ScheduledAtField(body);
    if (!i.reception_day_id && !i.scheduled_at) {
        throw ValidationError("validation.required", "请选择接访日或约访时间", "reception_day_id");
    }
    i.place = body.OptionalString("place", "约访地点", 100);
    i.note = body.OptionalString("note", "约访事由", 1000);
    i.created_by = ctx.principal().user.id;
    i.created_at = i.updated_at = core::NowSeconds();

    Transaction tx(app.db, Transaction::Mode::kWrite);
    if (!store::FindLeader(tx, i.leader_id)) {
        throw ValidationError("validation.invalid", "所选领导不存在", "leader_id");
    }
    if (i.petition_id && !store::FindPetition(tx, *i.petition_id)) {
        throw ValidationError("validation.invalid", "所选信访件不存在", "petition_id");
    }
    if (i.reception_day_id && !store::FindReceptionDay(tx, *i.reception_day_id)) {
        throw ValidationError("validation.invalid", "所选接访日不存在", "reception_day_id");
    }
    std::int64_t id = store::InsertInvitation(tx, i);
    json::object view = InvitationJson(*store::FindInvitation(tx, id));
    RecordAudit(tx, ctx.principal().user, "create", "invitation", id,
                json::object{{"leader_id", json::array{nullptr, i.leader_id}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

// Day, time and place of an invitation: each may be changed or cleared (null), as long as a
// reception day or a time remains.
void ReadInvitationWhen(Transaction& tx, const JsonBody& body, store::InvitationRow& i) {
    if (body.IsNull("reception_day_id")) i.reception_day_id.reset();
    if (auto day = body.OptionalInt("reception_day_id", "接访日", 1, INT64_MAX)) {
        if (!store::FindReceptionDay(tx, *day)) {
            throw ValidationError("validation.invalid", "所选接访日不存在", "reception_day_id");
        }
        i.reception_day_id = day;
    }
    if (body.IsNull("scheduled_at")) i.scheduled_at.reset();
    if (auto at = ScheduledAtField(body)) i.scheduled_at = at;
    if (body.IsNull("place")) i.place.reset();
    if (auto place = body.OptionalString("place", "约访地点", 100)) i.place = place;
    if (!i.reception_day_id && !i.scheduled_at) {
        throw ValidationError("validation.required", "请选择接访日或约访时间", "reception_day_id");
    }
}

Response PatchInvitation(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::InvitationRow i = FoundInvitation(tx, id);
    json::object before = InvitationJson(i);
    if (auto status = body.OptionalString("status", "约访状态", 20)) {
        if (std::find(kInvitationStatuses.begin(), kInvitationStatuses.end(), *status) ==
            kInvitationStatuses.end()) {
            throw ValidationError("validation.invalid", "约访状态不正确", "status");
        }
        i.status = *status;
    }
    if (auto answer = body.OptionalString("answer", "答复情况", 1000)) i.answer = *answer;
    ReadInvitationWhen(tx, body, i);
    if (i.registered_petition_id && i.status != "held") {
        throw Conflict("invitation.already_registered", "该约访已登记为信访件，状态不能再改",
                       "status");
    }
    store::UpdateInvitation(tx, i);
    json::object view = InvitationJson(FoundInvitation(tx, id));
    json::object changes = Changes(before, view);
    if (!changes.empty()) RecordAudit(tx, ctx.principal().user, "update", "invitation", id, changes);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

// The registration form's prefill from an accepted invitation, like AppointmentDraft: the
// petitioner in clear, the inviting leader as receiving leader, and the petition it was about
// (region, summary, and as a link) when there is one.
Response InvitationDraft(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::InvitationRow i = FoundInvitation(tx, id);
    if (i.registered_petition_id) {
        throw Conflict("invitation.already_registered", "该约访已登记为信访件");
    }
    if (i.status != "accepted" && i.status != "held") {
        throw Conflict("invitation.not_accepted", "信访人尚未接受约访，不能登记");
    }
    auto name = app.field_key.Decrypt(i.petitioner_name_enc, "invitation.name");
    std::optional<std::string> phone;
    if (i.phone_enc) phone = app.field_key.Decrypt(*i.phone_enc, "invitation.phone");
    if (!name || (i.phone_enc && !phone)) {
        throw std::runtime_error("an invitation failed to decrypt (wrong key file?)");
    }

    json::object person{{"name", *name}, {"representative", true}};
    if (phone) person["phone"] = *phone;
    json::value region_id = nullptr;
    std::string summary = i.note.value_or("");
    json::array linked;
    if (i.petition_id) {
        if (auto petition = store::FindPetition(tx, *i.petition_id)) {
            region_id = petition->region_id;
            summary = petition->summary;
            linked.push_back(petition->id);
        }
    }
    RecordAudit(tx, ctx.principal().user, "reveal", "invitation", id, {});
    tx.Commit();
    return JsonResponse(
        ctx.request(), 200,
        json::object{{"invitation_id", i.id},
                     {"channel", "leader_reception"},
                     {"source", "leader_reception"},
                     {"received_at", core::FormatTime(core::NowSeconds())},
                     {"region_id", std::move(region_id)},
                     {"summary", std::move(summary)},
                     {"petitioners", json::array{std::move(person)}},
                     {"receiving_leaders",
                      json::array{json::object{{"id", i.leader_id}, {"name", i.leader_name}}}},
                     {"linked_petition_ids", std::move(linked)}});
}

}  // namespace

void AddReceptionRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kReceptionRead);
    Guard manage = Guard::Requires(core::Permission::kReceptionManage);
    Guard reveal = Guard::Requires(core::Permission::kPetitionersReveal);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/reception-days", read, bind(ListDays));
    router.Add(bhttp::verb::post, "/api/v1/reception-days", manage, bind(CreateDay));
    router.Add(bhttp::verb::post, "/api/v1/reception-days/generate", manage, bind(Generate));
    router.Add(bhttp::verb::patch, "/api/v1/reception-days/{id}", manage, bind(PatchDay));
    router.Add(bhttp::verb::get, "/api/v1/reception-days/{id}/announcement", read, bind(Announcement));
    router.Add(bhttp::verb::get, "/api/v1/reception-days/{id}/appointments", read,
               bind(DayAppointments));
    router.Add(bhttp::verb::get, "/api/v1/reception-config", read, bind(GetConfig));
    router.Add(bhttp::verb::put, "/api/v1/reception-config", manage, bind(PutConfig));
    router.Add(bhttp::verb::patch, "/api/v1/appointments/{id}", manage, bind(PatchAppointment));
    router.Add(bhttp::verb::get, "/api/v1/appointments/{id}/draft", reveal, bind(AppointmentDraft));
    router.Add(bhttp::verb::get, "/api/v1/invitations", read, bind(ListInvitations));
    router.Add(bhttp::verb::post, "/api/v1/invitations", manage, bind(CreateInvitation));
    router.Add(bhttp::verb::patch, "/api/v1/invitations/{id}", manage, bind(PatchInvitation));
    router.Add(bhttp::verb::get, "/api/v1/invitations/{id}/draft", reveal, bind(InvitationDraft));
}

}  // namespace xinfang::http
