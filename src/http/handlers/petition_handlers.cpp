#include "http/handlers/petition_handlers.h"

#include <set>

#include "core/date.h"
#include "core/identity.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/petition_registration.h"
#include "http/petition_support.h"
#include "store/key_case_store.h"
#include "store/org_store.h"
#include "store/reception_store.h"
#include "text/bigram.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::int64_t kRepeatWindowSeconds = 365 * 86400;

constexpr std::string_view kLeaderReception = "leader_reception";

// A walk-in on a reception day is received by that day's (first) leader.
std::optional<std::int64_t> ScheduledLeader(Transaction& tx, core::Date date) {
    for (const auto& day : store::ListReceptionDays(tx, date.ToString(), date.ToString(), false)) {
        if (!day.leaders.empty()) return day.leaders.front().id;
    }
    return std::nullopt;
}

// The booking the desk registers (appointment_id): once only, never a cancelled one.
store::AppointmentRow AppointmentToRegister(Transaction& tx, std::int64_t id) {
    auto appointment = store::FindAppointment(tx, id);
    if (!appointment)
        throw ValidationError("validation.invalid", "预约记录不存在", "appointment_id");
    if (appointment->petition_id) {
        throw Conflict("appointment.already_registered", "该预约已登记为信访件", "appointment_id");
    }
    if (appointment->status == "cancelled") {
        throw Conflict("appointment.cancelled", "该预约已取消，不能登记", "appointment_id");
    }
    return *appointment;
}

// The invitation the desk registers (invitation_id): accepted or held, once only.
store::InvitationRow InvitationToRegister(Transaction& tx, std::int64_t id) {
    auto invitation = store::FindInvitation(tx, id);
    if (!invitation) throw ValidationError("validation.invalid", "约访记录不存在", "invitation_id");
    if (invitation->registered_petition_id) {
        throw Conflict("invitation.already_registered", "该约访已登记为信访件", "invitation_id");
    }
    if (invitation->status != "accepted" && invitation->status != "held") {
        throw Conflict("invitation.not_accepted", "信访人尚未接受约访，不能登记", "invitation_id");
    }
    return *invitation;
}

// What the desk registers from: a booking, an invitation, or neither (a walk-in or any other
// channel). Both come only through the leader's reception.
struct RegistrationOrigin {
    std::optional<std::int64_t> appointment_id;
    std::optional<std::int64_t> invitation_id;
};

RegistrationOrigin ReadOrigin(const JsonBody& body, const store::PetitionRow& row) {
    RegistrationOrigin origin;
    origin.appointment_id = body.OptionalInt("appointment_id", "预约记录", 1, INT64_MAX);
    origin.invitation_id = body.OptionalInt("invitation_id", "约访记录", 1, INT64_MAX);
    if (origin.appointment_id && origin.invitation_id) {
        throw ValidationError("validation.invalid", "预约与约访只能择一登记", "invitation_id");
    }
    if ((origin.appointment_id || origin.invitation_id) && row.channel != kLeaderReception) {
        throw ValidationError("validation.invalid",
                              "由预约或约访登记的信访件，信访渠道应为领导接访", "channel");
    }
    return origin;
}

Response Register(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    store::PetitionRow row = ReadPetition(body);
    bool collective =
        std::find(row.flags.begin(), row.flags.end(), "collective") != row.flags.end();
    auto petitioners = ReadPetitioners(body, row.people_count, collective);
    auto links = body.OptionalIdList("linked_petition_ids", "关联信访件")
                     .value_or(std::vector<std::int64_t>{});
    RegistrationOrigin origin = ReadOrigin(body, row);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    std::optional<store::AppointmentRow> appointment;
    std::optional<store::InvitationRow> invitation;
    if (origin.appointment_id) {
        // The desk turns a booking into a petition once; the booking then counts as attended
        // and points at what it became.
        appointment = AppointmentToRegister(tx, *origin.appointment_id);
        if (!row.receiving_leader_id) {
            auto day = store::FindReceptionDay(tx, appointment->reception_day_id);
            if (day && !day->leaders.empty()) row.receiving_leader_id = day->leaders.front().id;
        }
    } else if (origin.invitation_id) {
        invitation = InvitationToRegister(tx, *origin.invitation_id);
        if (!row.receiving_leader_id) row.receiving_leader_id = invitation->leader_id;
    } else if (row.channel == kLeaderReception && !row.receiving_leader_id) {
        row.receiving_leader_id = ScheduledLeader(tx, core::DateOf(row.received_at));
    }
    std::int64_t id = RegisterPetition(tx, app, ctx.principal().user, row, petitioners, links);
    if (appointment) {
        std::string before = appointment->status;
        appointment->status = "attended";
        appointment->petition_id = id;
        appointment->updated_at = core::NowSeconds();
        store::UpdateAppointment(tx, *appointment);
        RecordAudit(tx, ctx.principal().user, "update", "appointment", appointment->id,
                    json::object{{"status", json::array{json::value(before), "attended"}},
                                 {"petition_id", json::array{nullptr, id}}});
    }
    if (invitation) {
        std::string before = invitation->status;
        invitation->status = "held";
        invitation->registered_petition_id = id;
        store::UpdateInvitation(tx, *invitation);
        RecordAudit(tx, ctx.principal().user, "update", "invitation", invitation->id,
                    json::object{{"status", json::array{json::value(before), "held"}},
                                 {"registered_petition_id", json::array{nullptr, id}}});
    }
    json::object view = DetailJson(tx, app, ctx.principal(), *store::FindPetition(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

// Query values that may repeat (status=a&status=b) or be comma-separated (status=a,b).
std::vector<std::string> MultiQuery(const RequestContext& ctx, std::string_view name) {
    std::vector<std::string> out;
    auto url = boost::urls::parse_origin_form(ctx.request().target());
    if (!url) return out;
    for (auto param : url->params()) {
        if (param.key != name) continue;
        std::string value(param.value);
        std::size_t start = 0;
        while (start <= value.size()) {
            auto end = value.find(',', start);
            if (end == std::string::npos) end = value.size();
            if (end > start) out.push_back(value.substr(start, end - start));
            start = end + 1;
        }
    }
    return out;
}

template <typename T>
std::optional<std::string> CodeQuery(const RequestContext& ctx, std::string_view name,
                                     std::optional<T> (*parse)(std::string_view)) {
    auto value = ctx.Query(name);
    if (!value || value->empty()) return std::nullopt;
    if (!parse(*value)) {
        throw ValidationError("validation.invalid", "筛选条件" + std::string(name) + "的取值不正确",
                              std::string(name));
    }
    return value;
}

std::optional<std::int64_t> DateQuery(const RequestContext& ctx, std::string_view name,
                                      int add_days) {
    auto value = ctx.Query(name);
    if (!value || value->empty()) return std::nullopt;
    auto date = core::Date::Parse(*value);
    if (!date) {
        throw ValidationError("validation.invalid", "日期格式应为 YYYY-MM-DD", std::string(name));
    }
    return core::StartOfDay(date->AddDays(add_days));
}

store::PetitionFilter FilterFromQuery(const RequestContext& ctx) {
    store::PetitionFilter f;
    for (const auto& status : MultiQuery(ctx, "status")) {
        if (!core::ParsePetitionStatus(status)) {
            throw ValidationError("validation.invalid", "状态的取值不正确", "status");
        }
        f.statuses.push_back(status);
    }
    for (const auto& flag : MultiQuery(ctx, "flag")) {
        if (!core::ParsePetitionFlag(flag)) {
            throw ValidationError("validation.invalid", "标记的取值不正确", "flag");
        }
        f.flags.push_back(flag);
    }
    f.region_id = IntQuery(ctx, "region_id");
    f.group_id = IntQuery(ctx, "group_id");
    f.unit_id = IntQuery(ctx, "unit_id");
    f.level = CodeQuery(ctx, "level", core::ParseLevel);
    f.source = CodeQuery(ctx, "source", core::ParseSource);
    f.channel = CodeQuery(ctx, "channel", core::ParseChannel);
    f.pollution_type = CodeQuery(ctx, "pollution_type", core::ParsePollutionType);
    f.received_from = DateQuery(ctx, "from", 0);
    f.received_before = DateQuery(ctx, "to", 1);
    if (auto overdue = ctx.Query("overdue")) {
        if (*overdue == "true" || *overdue == "1") {
            f.due_before = Today().ToString();
        } else if (*overdue != "false" && *overdue != "0" && !overdue->empty()) {
            throw ValidationError("validation.invalid", "overdue 应为 true 或 false", "overdue");
        }
    }

    if (auto q = ctx.Query("q"); q && !q->empty()) {
        if (Utf8Length(*q) > 50)
            throw ValidationError("validation.too_long", "关键词不能超过50个字", "q");
        f.tokens = text::QueryTokenList(*q);
        // A single character, or punctuation that yields no search token, is looked for as
        // written: a query must never widen to every petition.
        if (f.tokens.empty() || text::NeedsSubstringSearch(*q)) {
            f.tokens.clear();
            f.substring = text::Normalize(*q);
            if (f.substring->empty()) f.substring = *q;
        }
    }
    return f;
}

store::PetitionSort SortFromQuery(const RequestContext& ctx) {
    std::string sort = ctx.Query("sort").value_or("-received_at");
    if (sort == "-received_at") return store::PetitionSort::kReceivedDesc;
    if (sort == "received_at") return store::PetitionSort::kReceivedAsc;
    if (sort == "code") return store::PetitionSort::kCodeAsc;
    if (sort == "-code") return store::PetitionSort::kCodeDesc;
    if (sort == "due") return store::PetitionSort::kDueAsc;
    if (sort == "-due") return store::PetitionSort::kDueDesc;
    throw ValidationError("validation.invalid", "排序方式不正确", "sort");
}

Response List(AppContext& app, RequestContext& ctx) {
    store::Page page = PageFromQuery(ctx);
    store::PetitionFilter filter = FilterFromQuery(ctx);
    store::PetitionSort sort = SortFromQuery(ctx);

    Transaction tx(app.db, Transaction::Mode::kRead);
    ApplyScope(ctx.principal(), app, tx, filter);
    store::PetitionPage found = store::ListPetitionPage(tx, filter, sort, page);
    json::array items;
    for (const auto& row : found.rows) items.push_back(SummaryJson(row, app, ctx.principal()));
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"total", found.total}});
}

Response Get(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    return JsonResponse(ctx.request(), 200, DetailJson(tx, app, ctx.principal(), row));
}

std::optional<std::string> Decrypted(const AppContext& app, const std::optional<store::Blob>& blob,
                                     std::string_view label) {
    if (!blob) return std::nullopt;
    auto text = app.field_key.Decrypt(*blob, label);
    if (!text) throw std::runtime_error("a petitioner field failed to decrypt (wrong key file?)");
    return text;
}

Response Petitioners(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    bool reveal = ctx.Query("reveal") == "true";
    const core::User& user = ctx.principal().user;
    if (reveal && !core::Allows(user.role, core::Permission::kPetitionersReveal)) {
        throw Forbidden("没有查看信访人完整信息的权限");
    }

    Transaction tx(app.db, reveal ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    bool hidden = user.role == core::Role::kTown;
    json::array items;
    for (const auto& p : store::ListPetitioners(tx, id)) {
        json::object item{{"id", p.id}, {"representative", p.representative}, {"hidden", hidden}};
        if (hidden) {
            item["name"] = item["id_number"] = item["phone"] = item["address"] = nullptr;
        } else if (reveal) {
            item["name"] = *Decrypted(app, p.name_enc, "petitioner.name");
            item["id_number"] =
                OptionalJson(Decrypted(app, p.id_number_enc, "petitioner.id_number"));
            item["phone"] = OptionalJson(Decrypted(app, p.phone_enc, "petitioner.phone"));
            item["address"] = OptionalJson(Decrypted(app, p.address_enc, "petitioner.address"));
        } else {
            item["name"] = p.name_masked;
            item["id_number"] = OptionalJson(p.id_number_masked);
            item["phone"] = OptionalJson(p.phone_masked);
            item["address"] = OptionalJson(p.address_masked);
        }
        items.push_back(std::move(item));
    }
    if (reveal) {
        RecordAudit(tx, user, "reveal", "petition", row.id,
                    json::object{{"petitioners", json::array{nullptr, items.size()}}});
        tx.Commit();
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

struct IdentityHashes {
    std::optional<std::string> id_number;
    std::optional<std::string> phone;
};

IdentityHashes ReadIdentity(const AppContext& app, const JsonBody& body) {
    IdentityHashes hashes;
    if (auto id = body.OptionalString("id_number", "身份证号码", 18)) {
        hashes.id_number = app.field_key.KeyedHash("id_number", core::NormalizeIdNumber(*id));
    }
    if (auto phone = body.OptionalString("phone", "联系电话", 20)) {
        auto parsed = core::ParsePhone(*phone);
        if (!parsed) throw ValidationError("validation.phone", "联系电话格式不正确", "phone");
        hashes.phone = app.field_key.KeyedHash("phone", parsed->number);
    }
    return hashes;
}

Response History(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    IdentityHashes hashes = ReadIdentity(app, body);
    if (!hashes.id_number && !hashes.phone) {
        throw ValidationError("validation.required", "请填写身份证号码或联系电话", "id_number");
    }

    Transaction tx(app.db, Transaction::Mode::kWrite);
    json::array petitions;
    json::array key_cases;
    std::set<std::int64_t> seen_cases;
    for (const auto& row :
         store::PetitionsOfPetitioner(tx, hashes.id_number, hashes.phone, std::nullopt, 500)) {
        petitions.push_back(SummaryJson(row, app, ctx.principal()));
        for (std::int64_t case_id : store::CasesOfPetition(tx, row.id)) {
            if (!seen_cases.insert(case_id).second) continue;
            auto found = store::FindKeyCase(tx, case_id);
            if (!found) continue;
            key_cases.push_back(json::object{
                {"id", found->id},
                {"seq", found->seq},
                {"location", found->location},
                {"stage", found->stage},
                {"region", json::object{{"id", found->region_id}, {"name", found->region_name}}},
                {"leader", json::object{{"id", found->leader_id}, {"name", found->leader_name}}}});
        }
    }
    // Bookings carry a phone but no ID number, so only a phone finds them.
    json::array appointments;
    if (hashes.phone) {
        for (const auto& a : store::AppointmentsOfPhone(tx, *hashes.phone, 500)) {
            auto day = store::FindReceptionDay(tx, a.reception_day_id);
            appointments.push_back(json::object{
                {"id", a.id},
                {"code", a.code},
                {"status", a.status},
                {"date", day ? json::value(day->date) : nullptr},
                {"topic", a.topic},
                {"petition_id", a.petition_id ? json::value(*a.petition_id) : nullptr}});
        }
    }
    RecordAudit(tx, ctx.principal().user, "history", "petitioner", std::nullopt,
                json::object{{"petitions", json::array{nullptr, petitions.size()}},
                             {"appointments", json::array{nullptr, appointments.size()}},
                             {"key_cases", json::array{nullptr, key_cases.size()}}});
    tx.Commit();
    return JsonResponse(ctx.request(), 200,
                        json::object{{"petitions", std::move(petitions)},
                                     {"appointments", std::move(appointments)},
                                     {"key_cases", std::move(key_cases)}});
}

json::object CandidateJson(const store::PetitionRow& row, std::string_view match) {
    return {{"id", row.id},           {"code", row.code},
            {"summary", row.summary}, {"received_at", core::FormatTime(row.received_at)},
            {"status", row.status},   {"match", match}};
}

Response RepeatCandidates(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    IdentityHashes hashes = ReadIdentity(app, body);
    auto respondent = body.OptionalString("respondent", "被投诉单位", 200);
    auto location = body.OptionalString("location", "问题点位", 200);
    auto exclude = body.OptionalInt("exclude_id", "排除的信访件", 1, INT64_MAX);
    // The twelve months count back from when the new petition was received, which the desk may
    // enter days later.
    std::int64_t received = core::NowSeconds();
    if (auto text = body.OptionalString("received_at", "收到时间", 40)) {
        auto at = core::ParseTime(*text);
        if (!at) throw ValidationError("validation.invalid", "收到时间格式不正确", "received_at");
        received = std::min(*at, received);
    }
    std::int64_t since = received - kRepeatWindowSeconds;

    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    std::vector<std::int64_t> seen;
    auto add = [&](const std::vector<store::PetitionRow>& rows, std::string_view match) {
        for (const auto& row : rows) {
            if (row.id == exclude || std::find(seen.begin(), seen.end(), row.id) != seen.end())
                continue;
            seen.push_back(row.id);
            items.push_back(CandidateJson(row, match));
        }
    };
    add(store::PetitionsOfPetitioner(tx, hashes.id_number, hashes.phone, since, 20), "petitioner");
    if (respondent && location) {
        add(store::PetitionsAbout(tx, *respondent, *location, since, 20), "respondent_location");
    }
    return JsonResponse(ctx.request(), 200, json::object{{"items", std::move(items)}});
}

Response Link(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t other = body.RequiredInt("petition_id", "关联信访件", 1, INT64_MAX);
    std::int64_t version = body.RequiredInt("version", "版本号", 1, INT64_MAX);
    if (other == id) throw ValidationError("validation.invalid", "不能关联自身", "petition_id");

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    auto linked = store::FindPetition(tx, other);
    if (!linked) {
        throw ValidationError("validation.invalid", "关联的信访件不存在", "petition_id");
    }
    if (row.version != version) {
        throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
    }
    AddFlag(row, core::PetitionFlag::kRepeat);
    row.updated_at = core::NowSeconds();
    if (!store::UpdatePetition(tx, row)) {
        throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
    }
    store::LinkPetitions(tx, id, other);
    store::EventRow event;
    event.action = "link";
    event.from_status = event.to_status = row.status;
    event.at = event.recorded_at = row.updated_at;
    event.user_id = ctx.principal().user.id;
    event.details_json =
        json::serialize(json::object{{"linked_id", other}, {"linked_code", linked->code}});
    store::InsertEvent(tx, id, event);
    RecordAudit(tx, ctx.principal().user, "link", "petition", id,
                json::object{{"linked_id", json::array{nullptr, other}}});
    auto stored = store::FindPetition(tx, id);
    json::object view = DetailJson(tx, app, ctx.principal(), *stored);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

// One classification field of a correction: nullopt when not given, else a valid code.
template <typename T>
std::optional<std::string> OptionalCode(const JsonBody& body, std::string_view name,
                                        std::string_view label,
                                        std::optional<T> (*parse)(std::string_view)) {
    if (!body.Has(name)) return std::nullopt;
    return CodeField(body, name, label, parse);
}

// Corrects how a petition was classified (content type, legal category, level) while it is
// still only registered: an online complaint arrives with fixed values the citizen cannot
// choose, and the section decides them when it takes the case up. Level decides the derived
// level-skipping flag, so that follows.
Response Reclassify(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = body.RequiredInt("version", "版本号", 1, INT64_MAX);
    auto content_type = OptionalCode(body, "content_type", "接访内容", core::ParseContentType);
    auto legal_category =
        OptionalCode(body, "legal_category", "事项类别", core::ParseLegalCategory);
    auto level = OptionalCode(body, "level", "信访层级", core::ParseLevel);
    if (!content_type && !legal_category && !level) {
        throw ValidationError("validation.required", "请给出要更正的分类", "content_type");
    }

    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::PetitionRow row = LoadVisiblePetition(tx, app, ctx.principal(), id);
    if (row.version != version) {
        throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试", "version");
    }
    if (row.status != core::Code(core::PetitionStatus::kRegistered)) {
        throw Conflict("petition.classification_locked", "信访件已受理或办理，不能再更正分类");
    }

    json::object changes;
    auto apply = [&changes](std::string_view field, std::string& current,
                            const std::optional<std::string>& wanted) {
        if (!wanted || *wanted == current) return;
        changes[field] = json::array{json::value(current), json::value(*wanted)};
        current = *wanted;
    };
    apply("content_type", row.content_type, content_type);
    apply("legal_category", row.legal_category, legal_category);
    apply("level", row.level, level);
    if (!changes.empty()) {
        std::string skipping(core::Code(core::PetitionFlag::kLevelSkipping));
        std::erase(row.flags, skipping);
        if (core::ImpliesLevelSkipping(*core::ParseLevel(row.level))) {
            AddFlag(row, core::PetitionFlag::kLevelSkipping);
        }
        row.updated_at = core::NowSeconds();
        RefreshNextDue(row, app);
        if (!store::UpdatePetition(tx, row)) {
            throw Conflict("conflict.stale_version", "该信访件已被他人修改，请刷新后重试",
                           "version");
        }
        store::UpdatePetitionClassification(tx, row);
        store::EventRow event;
        event.action = "reclassify";
        event.from_status = event.to_status = row.status;
        event.at = event.recorded_at = row.updated_at;
        event.user_id = ctx.principal().user.id;
        event.details_json = json::serialize(changes);
        store::InsertEvent(tx, id, event);
        RecordAudit(tx, ctx.principal().user, "reclassify", "petition", id, changes);
    }
    json::object view = DetailJson(tx, app, ctx.principal(), *store::FindPetition(tx, id));
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

}  // namespace

void AddPetitionRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kPetitionsRead);
    Guard registrar = Guard::Requires(core::Permission::kPetitionsRegister);
    Guard reveal = Guard::Requires(core::Permission::kPetitionersReveal);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/petitions", read, bind(List));
    router.Add(bhttp::verb::post, "/api/v1/petitions", registrar, bind(Register));
    router.Add(bhttp::verb::post, "/api/v1/petitions/repeat-candidates", registrar,
               bind(RepeatCandidates));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}", read, bind(Get));
    router.Add(bhttp::verb::patch, "/api/v1/petitions/{id}", registrar, bind(Reclassify));
    router.Add(bhttp::verb::get, "/api/v1/petitions/{id}/petitioners", read, bind(Petitioners));
    router.Add(bhttp::verb::post, "/api/v1/petitions/{id}/links", registrar, bind(Link));
    router.Add(bhttp::verb::post, "/api/v1/petitioners/history", reveal, bind(History));
}

}  // namespace xinfang::http
