#include "http/handlers/org_handlers.h"

#include <functional>

#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::int64_t kMaxSortOrder = 1000000;

template <typename T>
T Found(std::optional<T> value) {
    if (!value) throw NotFound();
    return std::move(*value);
}

// What a write did: the entity's id, and its view before the change (none for a creation).
struct Written {
    std::int64_t id;
    std::optional<json::object> before;
};

// One audited write: run `change` in a write transaction, read the entity back, record what
// differs from before, commit, and answer with the entity.
template <typename T, typename Change>
Response Write(AppContext& app, RequestContext& ctx, std::string entity, Change change,
               std::optional<T> (*reload)(Transaction&, std::int64_t)) {
    Transaction tx(app.db, Transaction::Mode::kWrite);
    Written written{0, std::nullopt};
    try {
        written = change(tx);
    } catch (const store::DbError& error) {
        if (error.kind() != store::DbError::Kind::kUnique) throw;
        throw Conflict("conflict.duplicate", "名称已存在，不能重复", "name");
    }
    json::object view = ToJson(Found(reload(tx, written.id)));
    bool created = !written.before;
    json::object changes = Changes(written.before.value_or(json::object()), view);
    if (created || !changes.empty()) {
        RecordAudit(tx, ctx.principal().user, created ? "create" : "update", std::move(entity),
                    written.id, changes);
    }
    tx.Commit();
    return JsonResponse(ctx.request(), created ? 201 : 200, view);
}

std::string NameField(const JsonBody& body, std::string_view label, std::size_t max, bool create,
                      std::string current) {
    if (create) return body.RequiredString("name", label, max);
    body.ForbidNull("name", label);
    return body.OptionalString("name", label, max).value_or(std::move(current));
}

template <typename T>
void ReadCommon(const JsonBody& body, T& entity) {
    body.ForbidNull("sort_order", "排序");
    body.ForbidNull("active", "启用状态");
    if (auto order = body.OptionalInt("sort_order", "排序", 0, kMaxSortOrder)) {
        entity.sort_order = static_cast<int>(*order);
    }
    if (auto active = body.OptionalBool("active", "启用状态")) entity.active = *active;
}

// Adds GET list, GET one, POST and PATCH for one organisation resource. `read_body` fills an
// entity from the request (create: from defaults) and validates it against the database.
template <typename T, typename ReadBody>
void AddResource(Router& router, AppContext& app, const std::string& path, std::string entity,
                 std::function<std::vector<T>(Transaction&, const RequestContext&)> list,
                 std::optional<T> (*find)(Transaction&, std::int64_t),
                 std::int64_t (*insert)(Transaction&, const T&), void (*update)(Transaction&, const T&),
                 ReadBody read_body) {
    Guard read = Guard::Requires(core::Permission::kOrgRead);
    Guard write = Guard::Requires(core::Permission::kOrgWrite);

    router.Add(bhttp::verb::get, path, read, [&app, list](RequestContext& ctx) {
        store::Page page = PageFromQuery(ctx);
        Transaction tx(app.db, Transaction::Mode::kRead);
        auto all = list(tx, ctx);
        return JsonResponse(ctx.request(), 200, ListJson(Slice(all, page), all.size()));
    });
    router.Add(bhttp::verb::get, path + "/{id}", read, [&app, find](RequestContext& ctx) {
        std::int64_t id = ParseId(ctx.Param("id"));
        Transaction tx(app.db, Transaction::Mode::kRead);
        return JsonResponse(ctx.request(), 200, ToJson(Found(find(tx, id))));
    });
    router.Add(bhttp::verb::post, path, write, [&app, entity, find, insert, read_body](RequestContext& ctx) {
        JsonBody body = JsonBody::Parse(ctx.request());
        return Write<T>(app, ctx, entity, [&](Transaction& tx) {
            T value;
            read_body(tx, body, value, true);
            return Written{insert(tx, value), std::nullopt};
        }, find);
    });
    router.Add(bhttp::verb::patch, path + "/{id}", write,
               [&app, entity, find, update, read_body](RequestContext& ctx) {
        std::int64_t id = ParseId(ctx.Param("id"));
        JsonBody body = JsonBody::Parse(ctx.request());
        return Write<T>(app, ctx, entity, [&](Transaction& tx) {
            T value = Found(find(tx, id));
            json::object before = ToJson(value);
            read_body(tx, body, value, false);
            update(tx, value);
            return Written{id, std::move(before)};
        }, find);
    });
}

// A whole table, unfiltered.
template <typename T>
std::function<std::vector<T>(Transaction&, const RequestContext&)> All(
    std::vector<T> (*list)(Transaction&)) {
    return [list](Transaction& tx, const RequestContext&) { return list(tx); };
}

std::vector<core::Unit> ListUnitsOfKind(Transaction& tx, const RequestContext& ctx) {
    std::optional<core::UnitKind> kind;
    if (auto code = ctx.Query("kind")) {
        kind = core::ParseUnitKind(*code);
        if (!kind) throw ValidationError("validation.invalid", "单位类别不正确", "kind");
    }
    return store::ListUnits(tx, kind);
}

// Regions ------------------------------------------------------------------------------------

void ReadRegion(Transaction&, const JsonBody& body, core::Region& region, bool create) {
    region.name = NameField(body, "区镇名称", 50, create, region.name);
    ReadCommon(body, region);
}

// Units --------------------------------------------------------------------------------------

void ReadUnit(Transaction& tx, const JsonBody& body, core::Unit& unit, bool create) {
    unit.name = NameField(body, "单位名称", 50, create, unit.name);
    if (create || body.Has("kind")) {
        body.ForbidNull("kind", "单位类别");
        std::string code = body.RequiredString("kind", "单位类别", 20);
        auto kind = core::ParseUnitKind(code);
        if (!kind) throw ValidationError("validation.invalid", "单位类别不正确", "kind");
        unit.kind = *kind;
    }
    if (body.IsNull("region_id")) unit.region_id.reset();
    if (auto region = body.OptionalInt("region_id", "所属区镇", 1, INT64_MAX)) {
        if (!store::FindRegion(tx, *region)) {
            throw ValidationError("validation.invalid", "所选区镇不存在", "region_id");
        }
        unit.region_id = *region;
    }
    if (unit.kind == core::UnitKind::kTown && !unit.region_id) {
        throw ValidationError("validation.required", "属地政府须选择所属区镇", "region_id");
    }
    ReadCommon(body, unit);
}

// Leaders ------------------------------------------------------------------------------------

void ReadLeader(Transaction&, const JsonBody& body, core::Leader& leader, bool create) {
    leader.name = NameField(body, "领导姓名", 20, create, leader.name);
    body.ForbidNull("title", "职务");
    if (auto title = body.OptionalString("title", "职务", 30)) leader.title = *title;
    if (body.IsNull("group_role")) leader.group_role.reset();
    if (auto code = body.OptionalString("group_role", "领导小组职务", 10)) {
        auto role = core::ParseGroupRole(*code);
        if (!role) throw ValidationError("validation.invalid", "领导小组职务不正确", "group_role");
        leader.group_role = *role;
    }
    ReadCommon(body, leader);
}

// Groups -------------------------------------------------------------------------------------

void ReadGroupRegions(Transaction& tx, const JsonBody& body, core::Group& group, bool create) {
    body.ForbidNull("region_ids", "包案地区");
    auto ids = body.OptionalIdList("region_ids", "包案地区");
    if (create && !ids) throw ValidationError("validation.required", "请选择包案地区", "region_ids");
    if (ids) {
        group.regions.clear();
        for (std::int64_t id : *ids) {
            auto region = store::FindRegion(tx, id);
            if (!region) throw ValidationError("validation.invalid", "所选区镇不存在", "region_ids");
            group.regions.push_back({region->id, region->name});
        }
    }
    if (!group.active) return;
    for (const auto& region : group.regions) {
        if (auto other = store::GroupCoveringRegion(tx, region.id, group.id)) {
            throw Conflict("conflict.region_taken",
                           region.name + "已由" + other->name + "包案，一个区镇只能属于一个小组",
                           "region_ids");
        }
    }
}

void ReadGroup(Transaction& tx, const JsonBody& body, core::Group& group, bool create) {
    group.name = NameField(body, "小组名称", 30, create, group.name);
    body.ForbidNull("number", "组别序号");
    auto number = create ? body.RequiredInt("number", "组别序号", 1, 99)
                         : body.OptionalInt("number", "组别序号", 1, 99);
    if (number) {
        group.number = static_cast<int>(*number);
        for (const auto& other : store::ListGroups(tx)) {
            if (other.number == group.number && other.id != group.id) {
                throw Conflict("conflict.duplicate", "组别序号已被" + other.name + "使用", "number");
            }
        }
    }

    body.ForbidNull("leader_id", "带案领导");
    auto leader_id = create ? body.RequiredInt("leader_id", "带案领导", 1, INT64_MAX)
                            : body.OptionalInt("leader_id", "带案领导", 1, INT64_MAX);
    if (leader_id) {
        auto leader = store::FindLeader(tx, *leader_id);
        if (!leader) throw ValidationError("validation.invalid", "所选领导不存在", "leader_id");
        group.leader = {leader->id, leader->name};
    }

    body.ForbidNull("unit_id", "成员单位");
    auto unit_id = create ? body.RequiredInt("unit_id", "成员单位", 1, INT64_MAX)
                          : body.OptionalInt("unit_id", "成员单位", 1, INT64_MAX);
    if (unit_id) {
        auto unit = store::FindUnit(tx, *unit_id);
        if (!unit) throw ValidationError("validation.invalid", "所选单位不存在", "unit_id");
        if (unit->kind != core::UnitKind::kEnforcement) {
            throw ValidationError("validation.invalid", "成员单位须为执法局", "unit_id");
        }
        group.unit = {unit->id, unit->name};
    }

    body.ForbidNull("active", "启用状态");
    if (auto active = body.OptionalBool("active", "启用状态")) group.active = *active;
    ReadGroupRegions(tx, body, group, create);
}

}  // namespace

void AddOrgRoutes(Router& router, AppContext& app) {
    AddResource<core::Region>(router, app, "/api/v1/regions", "region", All(store::ListRegions),
                              store::FindRegion, store::InsertRegion, store::UpdateRegion,
                              ReadRegion);
    AddResource<core::Unit>(router, app, "/api/v1/units", "unit", ListUnitsOfKind, store::FindUnit,
                            store::InsertUnit, store::UpdateUnit, ReadUnit);
    AddResource<core::Leader>(router, app, "/api/v1/leaders", "leader", All(store::ListLeaders),
                              store::FindLeader, store::InsertLeader, store::UpdateLeader,
                              ReadLeader);
    AddResource<core::Group>(router, app, "/api/v1/groups", "group", All(store::ListGroups),
                             store::FindGroup, store::InsertGroup, store::UpdateGroup, ReadGroup);
}

}  // namespace xinfang::http
