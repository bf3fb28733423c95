#pragma once

// Roles and permissions: the one table that says who may do what (issue #2). Every route names
// the permission it needs; nothing else in the program compares role names.

#include <optional>
#include <string_view>
#include <vector>

namespace xinfang::core {

enum class Role { kAdmin, kCoordinator, kLeader, kBureau, kTown, kViewer };

enum class Permission {
    kOrgRead,     // regions, units, leaders, groups, calendar, vocabularies
    kOrgWrite,
    kUsersRead,
    kUsersWrite,
    kAuditRead,
    kPetitionsRead,      // lists, details, supervision board, to-do; bureau and town scoped
    kPetitionsRegister,  // register, link repeats, look for repeat candidates
    kPetitionsAct,       // workflow transitions; the workflow rules decide per action and role
    kPetitionsInspect,   // inspections, follow-ups and attachments
    kPetitionersReveal,  // petitioners' identity in clear, and their history
    kReceptionRead,      // reception days and their bookings, invitations
    kReceptionManage,    // schedule, publishing, bookings, invitations
    kReportsRead,        // the seed's attachments, statistics and their exports
    kNoticesPrint,       // printed notices of a petition (they name the petitioner in clear)
    kTemplatesWrite,     // edit the notice templates
    kLedgerImport,       // import petitions ledgers from CSV or XLSX
};

std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);
std::string_view RoleLabelZh(Role role);
std::string_view RoleLabelEn(Role role);
const std::vector<Role>& AllRoles();

bool Allows(Role role, Permission permission);

}  // namespace xinfang::core
