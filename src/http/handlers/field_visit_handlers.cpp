#include <algorithm>

#include "core/key_case.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/key_case_handlers.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/key_case_support.h"
#include "store/org_store.h"
#include "store/petition_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMaxRequirements = 50;
constexpr std::size_t kMaxMatters = 100;

core::Date Today() { return core::DateOf(core::NowSeconds()); }

void RequireVisitRecorder(const Principal& principal, const core::Group& group) {
    if (!core::MayRecordVisitOf(BindingOf(principal), group.unit.id, group.leader.id)) {
        throw ApiError(403, "field_visit.not_own_group", "只能记录本小组的带案下访");
    }
}

core::Group LoadGroup(Transaction& tx, std::int64_t id) {
    auto group = store::FindGroup(tx, id);
    if (!group || !group->active) {
        throw ValidationError("validation.invalid", "所选包案小组不存在或已停用", "group_id");
    }
    return *group;
}

std::vector<store::VisitRequirementRow> ReadRequirements(Transaction& tx, const JsonBody& body) {
    std::vector<store::VisitRequirementRow> out;
    const json::value* list = body.object().if_contains("requirements");
    if (!list || list->is_null()) return out;
    if (!list->is_array() || list->as_array().size() > kMaxRequirements) {
        throw ValidationError("validation.invalid", "督查要求应为不超过50项的列表", "requirements");
    }
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const json::value& item = list->as_array()[i];
        std::string prefix = "requirements[" + std::to_string(i) + "].";
        if (!item.is_object()) {
            throw ValidationError("validation.type", "督查要求格式不正确", "requirements");
        }
        JsonBody req(item.as_object());
        try {
            store::VisitRequirementRow r;
            r.content = req.RequiredString("content", "督查要求", 1000);
            r.deadline = RequiredDateField(req, "deadline", "整改时限").ToString();
            r.key_case_id = req.OptionalInt("key_case_id", "重点问题", 1, INT64_MAX);
            if (r.key_case_id && !store::FindKeyCase(tx, *r.key_case_id)) {
                throw ValidationError("validation.invalid", "重点信访问题不存在", "key_case_id");
            }
            out.push_back(std::move(r));
        } catch (const ApiError& error) {
            throw ApiError(error.status(), error.code(), error.message(), prefix + error.field());
        }
    }
    return out;
}

// The visit's own fields from a create (all) or an edit (those present).
void ReadVisitFields(Transaction& tx, const JsonBody& body, store::FieldVisitRow& v,
                     const core::Group& group, bool creating) {
    for (auto name : {"visit_on", "status", "participants"}) body.ForbidNull(name, name);
    if (creating || body.Has("visit_on")) {
        core::Date on = RequiredDateField(body, "visit_on", "下访日期");
        v.visit_on = on.ToString();
        v.month = core::Month::Of(on).ToString();
    }
    if (creating || body.Has("status")) {
        v.status = body.OptionalString("status", "状态", 20).value_or("done");
        if (v.status != "planned" && v.status != "done") {
            throw ValidationError("validation.invalid", "状态应为 planned 或 done", "status");
        }
    }
    if (creating || body.Has("participants")) {
        v.participants = body.RequiredString("participants", "参与人员", 500);
    }
    if (body.Has("inspection_time")) {
        v.inspection_time = body.OptionalString("inspection_time", "督查时间", 100).value_or("");
    }
    if (body.Has("findings"))
        v.findings = body.OptionalString("findings", "督查情况", 4000).value_or("");
    if (v.status == "done") {
        if (v.findings.empty()) {
            throw ValidationError("validation.required", "请填写督查情况", "findings");
        }
        if (*core::Date::Parse(v.visit_on) > Today()) {
            throw ValidationError("validation.future", "已完成的下访日期不能晚于今天", "visit_on");
        }
    }

    if (auto leader_id = body.OptionalInt("leader_id", "带案领导", 1, INT64_MAX)) {
        auto leader = store::FindLeader(tx, *leader_id);
        if (!leader || !leader->active) {
            throw ValidationError("validation.invalid", "所选带案领导不存在或已停用", "leader_id");
        }
        v.leader_id = leader->id;
    } else if (creating) {
        v.leader_id = group.leader.id;
    }

    if (auto ids = body.OptionalIdList("region_ids", "区镇")) {
        v.regions.clear();
        for (auto id : *ids) {
            auto region = store::FindRegion(tx, id);
            if (!region)
                throw ValidationError("validation.invalid", "所选区镇不存在", "region_ids");
            v.regions.push_back({region->id, region->name});
        }
    } else if (creating) {
        v.regions = group.regions;
    }

    auto case_ids = body.OptionalIdList("key_case_ids", "带案事项");
    auto petition_ids = body.OptionalIdList("petition_ids", "带案信访件");
    if (case_ids || petition_ids) {
        std::vector<store::VisitMatterRow> matters;
        for (auto id : case_ids.value_or(std::vector<std::int64_t>{})) {
            if (!store::FindKeyCase(tx, id)) {
                throw ValidationError("validation.invalid", "重点信访问题不存在", "key_case_ids");
            }
            if (std::count(case_ids->begin(), case_ids->end(), id) > 1) {
                throw ValidationError("validation.invalid", "带案事项重复", "key_case_ids");
            }
            matters.push_back({id, std::nullopt, std::nullopt, std::nullopt, std::nullopt});
        }
        for (auto id : petition_ids.value_or(std::vector<std::int64_t>{})) {
            if (!store::FindPetition(tx, id)) {
                throw ValidationError("validation.invalid", "信访件不存在", "petition_ids");
            }
            matters.push_back({std::nullopt, std::nullopt, id, std::nullopt, std::nullopt});
        }
        if (matters.size() > kMaxMatters) {
            throw ValidationError("validation.invalid", "带案事项不能超过100项", "key_case_ids");
        }
        v.matters = std::move(matters);
    }
}

// A done visit is a dated entry in the ledger of each key case it took.
void LedgerVisit(Transaction& tx, const Principal& principal, const store::FieldVisitRow& v) {
    for (const auto& m : v.matters) {
        if (!m.key_case_id) continue;
        store::LedgerEntryRow e;
        e.key_case_id = *m.key_case_id;
        e.kind = std::string(core::LedgerKindCode(core::LedgerKind::kFieldVisit));
        e.on_date = v.visit_on;
        e.summary = v.leader_name + "带案下访（" + v.participants + "）：" + v.findings;
        e.field_visit_id = v.id;
        e.user_id = principal.user.id;
        e.created_at = core::NowSeconds();
        store::InsertLedgerEntry(tx, e);
    }
}

json::object AuditView(const store::FieldVisitRow& v) {
    json::array regions, cases;
    for (const auto& r : v.regions) regions.push_back(r.id);
    for (const auto& m : v.matters) {
        if (m.key_case_id) cases.push_back(*m.key_case_id);
    }
    return json::object{{"group_id", v.group_id},         {"leader_id", v.leader_id},
                        {"visit_on", v.visit_on},         {"status", v.status},
                        {"participants", v.participants}, {"inspection_time", v.inspection_time},
                        {"findings", v.findings},         {"region_ids", regions},
                        {"key_case_ids", cases}};
}

Response Create(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t group_id = body.RequiredInt("group_id", "包案小组", 1, INT64_MAX);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    core::Group group = LoadGroup(tx, group_id);
    RequireVisitRecorder(ctx.principal(), group);
    store::FieldVisitRow v;
    v.group_id = group.id;
    ReadVisitFields(tx, body, v, group, true);
    v.requirements = ReadRequirements(tx, body);
    v.created_by = ctx.principal().user.id;
    v.created_at = core::NowSeconds();
    v.id = store::InsertFieldVisit(tx, v);
    store::FieldVisitRow stored = *store::FindFieldVisit(tx, v.id);
    if (stored.status == "done") LedgerVisit(tx, ctx.principal(), stored);
    json::object audit = AuditView(stored);
    audit["requirements"] = stored.requirements.size();
    RecordAudit(tx, ctx.principal().user, "create", "field_visit", v.id,
                Changes(json::object(), audit));
    json::object view = FieldVisitJson(stored, Today());
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

store::FieldVisitRow LoadVisit(Transaction& tx, std::int64_t id) {
    auto v = store::FindFieldVisit(tx, id);
    if (!v) throw NotFound("带案下访记录不存在");
    return *v;
}

Response Update(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    std::int64_t version = RequiredVersion(body);
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::FieldVisitRow v = LoadVisit(tx, id);
    core::Group group = LoadGroup(tx, v.group_id);
    RequireVisitRecorder(ctx.principal(), group);
    json::object before = AuditView(v);
    bool was_done = v.status == "done";
    ReadVisitFields(tx, body, v, group, false);
    if (was_done && v.status != "done") {
        throw Conflict("field_visit.done", "已完成的下访不能改回计划", "status");
    }
    v.version = version;
    v.updated_at = core::NowSeconds();
    if (!store::UpdateFieldVisit(tx, v)) {
        throw Conflict("conflict.stale_version", "该记录已被他人修改，请刷新后重试", "version");
    }
    store::FieldVisitRow stored = *store::FindFieldVisit(tx, id);
    if (!was_done && stored.status == "done") LedgerVisit(tx, ctx.principal(), stored);
    RecordAudit(tx, ctx.principal().user, "update", "field_visit", id,
                Changes(before, AuditView(stored)));
    json::object view = FieldVisitJson(stored, Today());
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

Response Get(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    return JsonResponse(ctx.request(), 200, FieldVisitJson(LoadVisit(tx, id), Today()));
}

Response List(AppContext& app, RequestContext& ctx) {
    store::FieldVisitFilter filter;
    if (auto month = ctx.Query("month")) filter.month = MonthFrom(month, "month").ToString();
    filter.group_id = IntQuery(ctx, "group_id");
    filter.key_case_id = IntQuery(ctx, "key_case_id");
    Transaction tx(app.db, Transaction::Mode::kRead);
    json::array items;
    core::Date today = Today();
    for (const auto& v : store::ListFieldVisits(tx, filter))
        items.push_back(FieldVisitJson(v, today));
    std::int64_t total = static_cast<std::int64_t>(items.size());
    return JsonResponse(ctx.request(), 200,
                        json::object{{"items", std::move(items)}, {"total", total}});
}

Response AddRequirement(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    Transaction tx(app.db, Transaction::Mode::kWrite);
    store::FieldVisitRow v = LoadVisit(tx, id);
    RequireVisitRecorder(ctx.principal(), LoadGroup(tx, v.group_id));
    store::VisitRequirementRow r;
    r.content = body.RequiredString("content", "督查要求", 1000);
    r.deadline = RequiredDateField(body, "deadline", "整改时限").ToString();
    r.key_case_id = body.OptionalInt("key_case_id", "重点问题", 1, INT64_MAX);
    if (r.key_case_id && !store::FindKeyCase(tx, *r.key_case_id)) {
        throw ValidationError("validation.invalid", "重点信访问题不存在", "key_case_id");
    }
    std::int64_t rid = store::AddVisitRequirement(tx, id, r);
    RecordAudit(tx, ctx.principal().user, "create", "visit_requirement", rid,
                json::object{{"visit_id", json::array{nullptr, id}},
                             {"deadline", json::array{nullptr, r.deadline}}});
    json::object view = FieldVisitJson(LoadVisit(tx, id), Today());
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response FollowUp(AppContext& app, RequestContext& ctx) {
    std::int64_t rid = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    auto met = body.OptionalBool("met", "是否整改到位");
    if (!met) throw ValidationError("validation.required", "请选择是否整改到位", "met");
    core::Date on = RequiredDateField(body, "followed_up_on", "后督察日期");
    if (on > Today()) {
        throw ValidationError("validation.future", "后督察日期不能晚于今天", "followed_up_on");
    }
    std::string note = body.RequiredString("note", "后督察情况", 2000);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto requirement = store::FindVisitRequirement(tx, rid);
    if (!requirement) throw NotFound("督查要求不存在");
    store::FieldVisitRow v = LoadVisit(tx, requirement->visit_id);
    RequireVisitRecorder(ctx.principal(), LoadGroup(tx, v.group_id));
    if (v.status != "done") {
        throw Conflict("field_visit.planned", "计划中的下访还不能后督察");
    }
    if (on < *core::Date::Parse(v.visit_on)) {
        throw ValidationError("validation.invalid", "后督察日期不能早于下访日期", "followed_up_on");
    }
    store::FollowUpRow f;
    f.followed_up_on = on.ToString();
    f.met = *met;
    f.note = note;
    f.user_id = ctx.principal().user.id;
    f.created_at = core::NowSeconds();
    store::InsertFollowUp(tx, rid, f);
    if (requirement->key_case_id) {
        store::LedgerEntryRow e;
        e.key_case_id = *requirement->key_case_id;
        e.kind = std::string(core::LedgerKindCode(core::LedgerKind::kInspection));
        e.on_date = f.followed_up_on;
        e.summary = "后督察“" + requirement->content + "”：" +
                    (f.met ? "已整改到位。" : "未整改到位。") + note;
        e.field_visit_id = v.id;
        e.user_id = f.user_id;
        e.created_at = f.created_at;
        store::InsertLedgerEntry(tx, e);
    }
    RecordAudit(tx, ctx.principal().user, "follow_up", "visit_requirement", rid,
                json::object{{"met", json::array{requirement->met, f.met}}});
    json::object view = FieldVisitJson(LoadVisit(tx, v.id), Today());
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

// The coordination section's board: each active group's visits in the month, and whether the
// group missed its monthly visit (core::GroupVisitState).
Response Board(AppContext& app, RequestContext& ctx) {
    core::Month month =
        MonthFrom(ctx.Query("month").value_or(core::Month::Of(Today()).ToString()), "month");
    core::Date today = Today();
    Transaction tx(app.db, Transaction::Mode::kRead);
    auto counts = store::CountVisitsByGroup(tx, month.ToString());
    store::FieldVisitFilter filter;
    filter.month = month.ToString();
    auto visits = store::ListFieldVisits(tx, filter);
    json::array items;
    int missing = 0;
    for (const auto& group : store::ListGroups(tx)) {
        if (!group.active) continue;
        store::GroupMonthCount count{group.id, 0, 0};
        for (const auto& c : counts) {
            if (c.group_id == group.id) count = c;
        }
        int open = 0, overdue = 0;
        for (const auto& v : visits) {
            if (v.group_id != group.id) continue;
            for (const auto& r : v.requirements) {
                if (r.met) continue;
                ++open;
                if (*core::Date::Parse(r.deadline) < today) ++overdue;
            }
        }
        core::VisitState state = core::GroupVisitState(month, count.done, today);
        if (state == core::VisitState::kMissing) ++missing;
        json::array regions;
        for (const auto& r : group.regions)
            regions.push_back(json::object{{"id", r.id}, {"name", r.name}});
        items.push_back(json::object{
            {"group",
             json::object{{"id", group.id}, {"name", group.name}, {"number", group.number}}},
            {"leader", json::object{{"id", group.leader.id}, {"name", group.leader.name}}},
            {"unit", json::object{{"id", group.unit.id}, {"name", group.unit.name}}},
            {"regions", std::move(regions)},
            {"state", core::VisitStateCode(state)},
            {"done", count.done},
            {"planned", count.planned},
            {"open_requirements", open},
            {"overdue_requirements", overdue},
        });
    }
    return JsonResponse(
        ctx.request(), 200,
        json::object{
            {"month", month.ToString()}, {"items", std::move(items)}, {"missing", missing}});
}

}  // namespace

void AddFieldVisitRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kFieldVisitsRead);
    Guard record = Guard::Requires(core::Permission::kFieldVisitsRecord);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/field-visits/board", read, bind(Board));
    router.Add(bhttp::verb::get, "/api/v1/field-visits", read, bind(List));
    router.Add(bhttp::verb::post, "/api/v1/field-visits", record, bind(Create));
    router.Add(bhttp::verb::get, "/api/v1/field-visits/{id}", read, bind(Get));
    router.Add(bhttp::verb::patch, "/api/v1/field-visits/{id}", record, bind(Update));
    router.Add(bhttp::verb::post, "/api/v1/field-visits/{id}/requirements", record,
               bind(AddRequirement));
    router.Add(bhttp::verb::post, "/api/v1/visit-requirements/{id}/follow-ups", record,
               bind(FollowUp));
}

}  // namespace xinfang::http
