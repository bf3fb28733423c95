#include "http/json_view.h"

#include "core/date.h"

namespace xinfang::http {
namespace json = boost::json;
namespace {

json::object Ref(const core::NamedRef& ref) { return {{"id", ref.id}, {"name", ref.name}}; }

}  // namespace

json::value TimeJson(std::optional<std::int64_t> seconds) {
    if (!seconds) return nullptr;
    return json::value(core::FormatTime(*seconds));
}

json::object ToJson(const core::Region& region) {
    return {{"id", region.id},
            {"name", region.name},
            {"sort_order", region.sort_order},
            {"active", region.active},
            {"group_id", OptionalJson(region.group_id)},
            {"group_name", OptionalJson(region.group_name)}};
}

json::object ToJson(const core::Unit& unit) {
    return {{"id", unit.id},
            {"name", unit.name},
            {"kind", core::UnitKindCode(unit.kind)},
            {"region_id", OptionalJson(unit.region_id)},
            {"region_name", OptionalJson(unit.region_name)},
            {"sort_order", unit.sort_order},
            {"active", unit.active}};
}

json::object ToJson(const core::Leader& leader) {
    json::array group_ids;
    for (auto id : leader.group_ids) group_ids.push_back(id);
    json::value role = nullptr;
    if (leader.group_role) role = core::GroupRoleCode(*leader.group_role);
    return {{"id", leader.id},
            {"name", leader.name},
            {"title", leader.title},
            {"group_role", role},
            {"sort_order", leader.sort_order},
            {"active", leader.active},
            {"group_ids", std::move(group_ids)}};
}

json::object ToJson(const core::Group& group) {
    json::array regions;
    for (const auto& region : group.regions) regions.push_back(Ref(region));
    return {{"id", group.id},
            {"number", group.number},
            {"name", group.name},
            {"leader", Ref(group.leader)},
            {"unit", Ref(group.unit)},
            {"regions", std::move(regions)},
            {"active", group.active}};
}

json::object ToJson(const core::User& user) {
    return {{"id", user.id},
            {"username", user.username},
            {"display_name", user.display_name},
            {"role", core::RoleCode(user.role)},
            {"unit_id", OptionalJson(user.unit_id)},
            {"unit_name", OptionalJson(user.unit_name)},
            {"leader_id", OptionalJson(user.leader_id)},
            {"leader_name", OptionalJson(user.leader_name)},
            {"active", user.active},
            {"created_at", TimeJson(user.created_at)},
            {"last_login_at", TimeJson(user.last_login_at)}};
}

json::object ToJson(const store::AuditEntry& entry) {
    boost::system::error_code ec;
    json::value changes = json::parse(entry.changes_json, ec);
    if (ec) changes = json::object();
    return {{"id", entry.id},
            {"at", TimeJson(entry.at)},
            {"user_id", OptionalJson(entry.user_id)},
            {"username", entry.username},
            {"action", entry.action},
            {"entity", entry.entity},
            {"entity_id", OptionalJson(entry.entity_id)},
            {"changes", std::move(changes)},
            {"hash", entry.hash}};
}

}  // namespace xinfang::http
