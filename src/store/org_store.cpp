#include "store/org_store.h"


#include "core/date.h"

namespace xinfang::store {
namespace {

const char* kSelectRegions = R"sql(
SELECT r.id, r.name, r.sort_order, r.active, g.id AS group_id, g.name AS group_name
FROM regions r
LEFT JOIN group_regions gr ON gr.region_id = r.id
    AND gr.group_id IN (SELECT id FROM case_groups WHERE active = 1)
LEFT JOIN case_groups g ON g.id = gr.group_id
)sql";

core::Region RegionFrom(const Rows::Row& row) {
    core::Region region;
    region.id = row["id"].AsInt();
    region.name = row["name"].AsText();
    region.sort_order = static_cast<int>(row["sort_order"].AsInt());
    region.active = row["active"].AsBool();
    region.group_id = row["group_id"].OptInt();
    region.group_name = row["group_name"].OptText();
    return region;
}

const char* kSelectUnits = R"sql(
SELECT u.id, u.name, u.kind, u.region_id, r.name AS region_name, u.sort_order, u.active
FROM units u LEFT JOIN regions r ON r.id = u.region_id
)sql";

core::Unit UnitFrom(const Rows::Row& row) {
    core::Unit unit;
    unit.id = row["id"].AsInt();
    unit.name = row["name"].AsText();
    unit.kind = core::ParseUnitKind(row["kind"].AsText()).value_or(core::UnitKind::kDepartment);
    unit.region_id = row["region_id"].OptInt();
    unit.region_name = row["region_name"].OptText();
    unit.sort_order = static_cast<int>(row["sort_order"].AsInt());
    unit.active = row["active"].AsBool();
    return unit;
}

const char* kSelectLeaders =
    "SELECT id, name, title, group_role, sort_order, active FROM leaders ";

core::Leader LeaderFrom(const Rows::Row& row) {
    core::Leader leader;
    leader.id = row["id"].AsInt();
    leader.name = row["name"].AsText();
    leader.title = row["title"].AsText();
    if (auto role = row["group_role"].OptText()) leader.group_role = core::ParseGroupRole(*role);
    leader.sort_order = static_cast<int>(row["sort_order"].AsInt());
    leader.active = row["active"].AsBool();
    return leader;
}

void AttachGroupIds(Transaction& tx, std::vector<core::Leader>& leaders) {
    Rows rows = tx.Query("SELECT id, leader_id FROM case_groups ORDER BY number");
    for (auto& leader : leaders) {
        for (const auto& row : rows) {
            if (row["leader_id"].AsInt() == leader.id) leader.group_ids.push_back(row["id"].AsInt());
        }
    }
}

const char* kSelectGroups = R"sql(
SELECT g.id, g.number, g.name, g.active, l.id AS leader_id, l.name AS leader_name,
       u.id AS unit_id, u.name AS unit_name
FROM case_groups g JOIN leaders l ON l.id = g.leader_id JOIN units u ON u.id = g.unit_id
)sql";

std::vector<core::Group> GroupsFrom(Transaction& tx, const Rows& rows) {
    std::vector<core::Group> groups;
    for (const auto& row : rows) {
        core::Group group;
        group.id = row["id"].AsInt();
        group.number = static_cast<int>(row["number"].AsInt());
        group.name = row["name"].AsText();
        group.active = row["active"].AsBool();
        group.leader = {row["leader_id"].AsInt(), row["leader_name"].AsText()};
        group.unit = {row["unit_id"].AsInt(), row["unit_name"].AsText()};
        groups.push_back(std::move(group));
    }
    if (groups.empty()) return groups;

    Rows regions = tx.Query(
        "SELECT gr.group_id, r.id, r.name FROM group_regions gr JOIN regions r ON r.id = "
        "gr.region_id ORDER BY r.sort_order, r.id");
    for (auto& group : groups) {
        for (const auto& row : regions) {
            if (row["group_id"].AsInt() != group.id) continue;
            group.regions.push_back({row["id"].AsInt(), row["name"].AsText()});
        }
    }
    return groups;
}

void ReplaceGroupRegions(Transaction& tx, const core::Group& group) {
    tx.Exec("DELETE FROM group_regions WHERE group_id = $1", {group.id});
    for (const auto& region : group.regions) {
        tx.Exec("INSERT INTO group_regions (group_id, region_id) VALUES ($1, $2)",
                {group.id, region.id});
    }
}

}  // namespace

std::vector<core::Region> ListRegions(Transaction& tx) {
    std::vector<core::Region> out;
    for (const auto& row : tx.Query(std::string(kSelectRegions) + " ORDER BY r.sort_order, r.id")) {
        out.push_back(RegionFrom(row));
    }
    return out;
}

std::optional<core::Region> FindRegion(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectRegions) + " WHERE r.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return RegionFrom(rows.front());
}

std::int64_t InsertRegion(Transaction& tx, const core::Region& region) {
    std::int64_t now = core::NowSeconds();
    return tx.InsertReturningId(
        "INSERT INTO regions (name, sort_order, active, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $4) RETURNING id",
        {region.name, region.sort_order, region.active, now});
}

void UpdateRegion(Transaction& tx, const core::Region& region) {
    tx.Exec(
        "UPDATE regions SET name = $2, sort_order = $3, active = $4, updated_at = $5 "
        "WHERE id = $1",
        {region.id, region.name, region.sort_order, region.active, core::NowSeconds()});
}

std::vector<core::Unit> ListUnits(Transaction& tx, std::optional<core::UnitKind> kind) {
    std::vector<core::Unit> out;
    Rows rows = kind ? tx.Query(std::string(kSelectUnits) +
                                    " WHERE u.kind = $1 ORDER BY u.sort_order, u.id",
                                {std::string(core::UnitKindCode(*kind))})
                     : tx.Query(std::string(kSelectUnits) + " ORDER BY u.sort_order, u.id");
    for (const auto& row : rows) out.push_back(UnitFrom(row));
    return out;
}

std::optional<core::Unit> FindUnit(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectUnits) + " WHERE u.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return UnitFrom(rows.front());
}

std::int64_t InsertUnit(Transaction& tx, const core::Unit& unit) {
    std::int64_t now = core::NowSeconds();
    return tx.InsertReturningId(
        "INSERT INTO units (name, kind, region_id, sort_order, active, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        {unit.name, std::string(core::UnitKindCode(unit.kind)), unit.region_id, unit.sort_order,
         unit.active, now});
}

void UpdateUnit(Transaction& tx, const core::Unit& unit) {
    tx.Exec(
        "UPDATE units SET name = $2, kind = $3, region_id = $4, sort_order = $5, active = $6, "
        "updated_at = $7 WHERE id = $1",
        {unit.id, unit.name, std::string(core::UnitKindCode(unit.kind)), unit.region_id,
         unit.sort_order, unit.active, core::NowSeconds()});
}

std::vector<core::Leader> ListLeaders(Transaction& tx) {
    std::vector<core::Leader> out;
    for (const auto& row : tx.Query(std::string(kSelectLeaders) + "ORDER BY sort_order, id")) {
        out.push_back(LeaderFrom(row));
    }
    AttachGroupIds(tx, out);
    return out;
}

std::optional<core::Leader> FindLeader(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectLeaders) + "WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    std::vector<core::Leader> one = {LeaderFrom(rows.front())};
    AttachGroupIds(tx, one);
    return one.front();
}

std::int64_t InsertLeader(Transaction& tx, const core::Leader& leader) {
    std::int64_t now = core::NowSeconds();
    std::optional<std::string> role;
    if (leader.group_role) role = std::string(core::GroupRoleCode(*leader.group_role));
    return tx.InsertReturningId(
        "INSERT INTO leaders (name, title, group_role, sort_order, active, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        {leader.name, leader.title, role, leader.sort_order, leader.active, now});
}

void UpdateLeader(Transaction& tx, const core::Leader& leader) {
    std::optional<std::string> role;
    if (leader.group_role) role = std::string(core::GroupRoleCode(*leader.group_role));
    tx.Exec(
        "UPDATE leaders SET name = $2, title = $3, group_role = $4, sort_order = $5, "
        "active = $6, updated_at = $7 WHERE id = $1",
        {leader.id, leader.name, leader.title, role, leader.sort_order, leader.active,
         core::NowSeconds()});
}

std::vector<core::Group> ListGroups(Transaction& tx) {
    return GroupsFrom(tx, tx.Query(std::string(kSelectGroups) + " ORDER BY g.number"));
}

std::optional<core::Group> FindGroup(Transaction& tx, std::int64_t id) {
    auto groups = GroupsFrom(tx, tx.Query(std::string(kSelectGroups) + " WHERE g.id = $1", {id}));
    if (groups.empty()) return std::nullopt;
    return groups.front();
}

std::int64_t InsertGroup(Transaction& tx, const core::Group& group) {
    std::int64_t now = core::NowSeconds();
    core::Group stored = group;
    stored.id = tx.InsertReturningId(
        "INSERT INTO case_groups (number, name, leader_id, unit_id, active, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        {group.number, group.name, group.leader.id, group.unit.id, group.active, now});
    ReplaceGroupRegions(tx, stored);
    return stored.id;
}

void UpdateGroup(Transaction& tx, const core::Group& group) {
    tx.Exec(
        "UPDATE case_groups SET number = $2, name = $3, leader_id = $4, unit_id = $5, "
        "active = $6, updated_at = $7 WHERE id = $1",
        {group.id, group.number, group.name, group.leader.id, group.unit.id, group.active,
         core::NowSeconds()});
    ReplaceGroupRegions(tx, group);
}

std::optional<core::NamedRef> GroupCoveringRegion(Transaction& tx, std::int64_t region_id,
                                                  std::int64_t except_group) {
    Rows rows = tx.Query(
        "SELECT g.id, g.name FROM group_regions gr JOIN case_groups g ON g.id = gr.group_id "
        "WHERE gr.region_id = $1 AND g.active = 1 AND g.id <> $2",
        {region_id, except_group});
    if (rows.empty()) return std::nullopt;
    return core::NamedRef{rows.front()["id"].AsInt(), rows.front()["name"].AsText()};
}

}  // namespace xinfang::store
