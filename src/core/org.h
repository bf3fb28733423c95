#pragma once

// The bureau's organisation (DESIGN.md §2): regions 区镇, units 单位, leaders 局领导, the six
// case groups 包案小组, and the accounts of the people who use xinfang.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"

namespace xinfang::core {

struct Region {
    std::int64_t id = 0;
    std::string name;
    int sort_order = 0;
    bool active = true;
    std::optional<std::int64_t> group_id;  // the active group that owns the region, if any
    std::optional<std::string> group_name;
};

enum class UnitKind { kBureau, kSection, kEnforcement, kTown, kDepartment };
std::string_view UnitKindCode(UnitKind kind);
std::optional<UnitKind> ParseUnitKind(std::string_view code);
std::string_view UnitKindLabelZh(UnitKind kind);
std::string_view UnitKindLabelEn(UnitKind kind);
const std::vector<UnitKind>& AllUnitKinds();

struct Unit {
    std::int64_t id = 0;
    std::string name;
    UnitKind kind = UnitKind::kDepartment;
    std::optional<std::int64_t> region_id;  // towns only: the region they govern
    std::optional<std::string> region_name;
    int sort_order = 0;
    bool active = true;
};

// A leader's place in the leadership group of seed §四(二): the director is 组长, the deputies
// 副组长.
enum class GroupRole { kHead, kDeputy };
std::string_view GroupRoleCode(GroupRole role);
std::optional<GroupRole> ParseGroupRole(std::string_view code);
std::string_view GroupRoleLabelZh(GroupRole role);
std::string_view GroupRoleLabelEn(GroupRole role);

struct Leader {
    std::int64_t id = 0;
    std::string name;
    std::string title;
    std::optional<GroupRole> group_role;
    int sort_order = 0;
    bool active = true;
    std::vector<std::int64_t> group_ids;
};

struct NamedRef {
    std::int64_t id = 0;
    std::string name;
};

struct Group {
    std::int64_t id = 0;
    int number = 0;
    std::string name;
    NamedRef leader;
    NamedRef unit;  // the enforcement bureau of the group
    std::vector<NamedRef> regions;
    bool active = true;
};

struct User {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::kViewer;
    std::optional<std::int64_t> unit_id;
    std::optional<std::string> unit_name;
    std::optional<std::int64_t> leader_id;
    std::optional<std::string> leader_name;
    bool active = true;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> last_login_at;
};

// What a role needs bound to it: a bureau officer works for one enforcement bureau, a town
// contact for one town government, a leader account is one leader. Returns the name of the
// field that is missing or wrong, or nothing when the binding is complete.
enum class BindingProblem { kNone, kUnitRequired, kUnitWrongKind, kLeaderRequired };
BindingProblem CheckRoleBinding(Role role, std::optional<UnitKind> unit_kind,
                                bool has_leader);

}  // namespace xinfang::core
