#include "core/access.h"

#include <array>

namespace xinfang::core {
namespace {

struct RoleInfo {
    Role role;
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

constexpr std::array<RoleInfo, 6> kRoles = {{
    {Role::kAdmin, "admin", "系统管理员", "Administrator"},
    {Role::kCoordinator, "coordinator", "信访调处科", "Coordination section"},
    {Role::kLeader, "leader", "局领导", "Bureau leader"},
    {Role::kBureau, "bureau", "执法局", "Enforcement bureau"},
    {Role::kTown, "town", "属地政府", "Town government"},
    {Role::kViewer, "viewer", "只读/审计", "Auditor (read-only)"},
}};

struct Grant {
    Permission permission;
    std::vector<Role> roles;
};

// The permission table. Reading the organisation is open to every signed-in role because each
// of them needs the names of regions, units and leaders to read their own work.
const std::vector<Grant>& Grants() {
    static const std::vector<Grant> grants = {
        {Permission::kOrgRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kTown,
          Role::kViewer}},
        {Permission::kOrgWrite, {Role::kAdmin}},
        {Permission::kUsersRead, {Role::kAdmin, Role::kCoordinator}},
        {Permission::kUsersWrite, {Role::kAdmin}},
        {Permission::kAuditRead, {Role::kAdmin, Role::kViewer}},
        {Permission::kPetitionsRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kTown,
          Role::kViewer}},
        {Permission::kPetitionsRegister, {Role::kAdmin, Role::kCoordinator}},
        {Permission::kPetitionsAct,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kTown}},
        {Permission::kPetitionsInspect, {Role::kAdmin, Role::kCoordinator, Role::kBureau}},
        {Permission::kPetitionersReveal, {Role::kAdmin, Role::kCoordinator, Role::kLeader}},
        // Bookings carry the names and phones of citizens: the units that investigate and the
        // towns that mediate have no part in the reception desk's work, so they do not see it.
        {Permission::kReceptionRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kViewer}},
        {Permission::kReceptionManage, {Role::kAdmin, Role::kCoordinator}},
        {Permission::kKeyCasesRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kTown,
          Role::kViewer}},
        {Permission::kKeyCasesManage, {Role::kAdmin, Role::kCoordinator}},
        {Permission::kKeyCasesEdit, {Role::kAdmin, Role::kCoordinator, Role::kLeader}},
        {Permission::kFieldVisitsRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kViewer}},
        {Permission::kFieldVisitsRecord,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau}},
        {Permission::kTasksAnswer, {Role::kAdmin, Role::kCoordinator, Role::kTown}},
        {Permission::kMonthlyReportsRead,
         {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kBureau, Role::kViewer}},
        {Permission::kMonthlyReportsWrite, {Role::kAdmin, Role::kCoordinator, Role::kBureau}},
        {Permission::kMonthlyReportsRemind, {Role::kAdmin, Role::kCoordinator}},
        // Statistics and the attachments are the leaders' and auditors' reading; they carry no
        // identities. Bureau and town users read their own work in the petition lists.
        {Permission::kReportsRead, {Role::kAdmin, Role::kCoordinator, Role::kLeader, Role::kViewer}},
        {Permission::kNoticesPrint, {Role::kAdmin, Role::kCoordinator}},
        {Permission::kTemplatesWrite, {Role::kAdmin}},
        {Permission::kLedgerImport, {Role::kAdmin, Role::kCoordinator}},
    };
    return grants;
}

const RoleInfo& Info(Role role) {
    for (const auto& info : kRoles) {
        if (info.role == role) return info;
    }
    return kRoles[0];
}

}  // namespace

std::string_view RoleCode(Role role) { return Info(role).code; }
std::string_view RoleLabelZh(Role role) { return Info(role).zh; }
std::string_view RoleLabelEn(Role role) { return Info(role).en; }

std::optional<Role> ParseRole(std::string_view code) {
    for (const auto& info : kRoles) {
        if (info.code == code) return info.role;
    }
    return std::nullopt;
}

const std::vector<Role>& AllRoles() {
    static const std::vector<Role> roles = [] {
        std::vector<Role> out;
        for (const auto& info : kRoles) out.push_back(info.role);
        return out;
    }();
    return roles;
}

bool Allows(Role role, Permission permission) {
    for (const auto& grant : Grants()) {
        if (grant.permission != permission) continue;
        for (Role allowed : grant.roles) {
            if (allowed == role) return true;
        }
    }
    return false;
}

namespace {

bool ManagesAll(Role role) { return role == Role::kAdmin || role == Role::kCoordinator; }

}  // namespace

bool MayEditKeyCase(const Binding& who, std::int64_t case_leader_id) {
    if (ManagesAll(who.role)) return true;
    return who.role == Role::kLeader && who.leader_id == case_leader_id;
}

bool MayRecordVisitOf(const Binding& who, std::int64_t group_unit_id,
                      std::int64_t group_leader_id) {
    if (ManagesAll(who.role)) return true;
    if (who.role == Role::kBureau) return who.unit_id == group_unit_id;
    return who.role == Role::kLeader && who.leader_id == group_leader_id;
}

bool MayWriteMonthlyReport(const Binding& who, std::int64_t report_unit_id) {
    if (ManagesAll(who.role)) return true;
    return who.role == Role::kBureau && who.unit_id == report_unit_id;
}

bool MayAnswerTask(const Binding& who, std::int64_t task_unit_id) {
    if (ManagesAll(who.role)) return true;
    return who.role == Role::kTown && who.unit_id == task_unit_id;
}

}  // namespace xinfang::core
