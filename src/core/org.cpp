#include "core/org.h"

#include <array>

namespace xinfang::core {
namespace {

struct UnitKindInfo {
    UnitKind kind;
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array<UnitKindInfo, 5> kUnitKinds = {{
    {UnitKind::kBureau, "bureau", "生态环境局", "Bureau"},
    {UnitKind::kSection, "section", "科室", "Section"},
    {UnitKind::kEnforcement, "enforcement", "执法局", "Enforcement bureau"},
    {UnitKind::kTown, "town", "属地政府", "Town government"},
    {UnitKind::kDepartment, "department", "其他部门", "Other department"},
}};

const UnitKindInfo& Info(UnitKind kind) {
    for (const auto& info : kUnitKinds) {
        if (info.kind == kind) return info;
    }
    return kUnitKinds[4];
}

}  // namespace

std::string_view UnitKindCode(UnitKind kind) { return Info(kind).code; }
std::string_view UnitKindLabelZh(UnitKind kind) { return Info(kind).zh; }
std::string_view UnitKindLabelEn(UnitKind kind) { return Info(kind).en; }

std::optional<UnitKind> ParseUnitKind(std::string_view code) {
    for (const auto& info : kUnitKinds) {
        if (info.code == code) return info.kind;
    }
    return std::nullopt;
}

const std::vector<UnitKind>& AllUnitKinds() {
    static const std::vector<UnitKind> kinds = [] {
        std::vector<UnitKind> out;
        for (const auto& info : kUnitKinds) out.push_back(info.kind);
        return out;
    }();
    return kinds;
}

std::string_view GroupRoleCode(GroupRole role) {
    return role == GroupRole::kHead ? "head" : "deputy";
}
std::string_view GroupRoleLabelZh(GroupRole role) {
    return role == GroupRole::kHead ? "组长" : "副组长";
}
std::string_view GroupRoleLabelEn(GroupRole role) {
    return role == GroupRole::kHead ? "Head" : "Deputy head";
}

std::optional<GroupRole> ParseGroupRole(std::string_view code) {
    if (code == "head") return GroupRole::kHead;
    if (code == "deputy") return GroupRole::kDeputy;
    return std::nullopt;
}

BindingProblem CheckRoleBinding(Role role, std::optional<UnitKind> unit_kind, bool has_leader) {
    switch (role) {
        case Role::kBureau:
            if (!unit_kind) return BindingProblem::kUnitRequired;
            if (*unit_kind != UnitKind::kEnforcement) return BindingProblem::kUnitWrongKind;
            return BindingProblem::kNone;
        case Role::kTown:
            if (!unit_kind) return BindingProblem::kUnitRequired;
            if (*unit_kind != UnitKind::kTown) return BindingProblem::kUnitWrongKind;
            return BindingProblem::kNone;
        case Role::kLeader:
            return has_leader ? BindingProblem::kNone : BindingProblem::kLeaderRequired;
        default:
            return BindingProblem::kNone;
    }
}

}  // namespace xinfang::core
