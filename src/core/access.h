#pragma once

// Roles and permissions: the one table that says who may do what (issue #2). Every route names
// the permission it needs; nothing else in the program compares role names.

#include <cstdint>
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
    kKeyCasesRead,       // key cases, case files, field visits; a town sees its own tasks only
    kKeyCasesManage,     // create key cases, give tasks, escalate (the coordination section)
    kKeyCasesEdit,       // edit, ledger, minutes, close; a leader only the cases it owns
    kFieldVisitsRead,    // field visits and the missing-visit board
    kFieldVisitsRecord,  // plan and record visits, follow-ups; a bureau or leader: own group
    kTasksAnswer,        // report on a task given to the unit; a town: its own tasks only
    kMonthlyReportsRead,    // the monthly-report board and reports
    kMonthlyReportsWrite,   // draft, complete and submit; a bureau officer: its own report
    kMonthlyReportsRemind,  // remind a bureau of its report
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

// Row-level rules of issue 5, on top of Allows: which key case, group or report is the user's
// own. The ids are the user's binding (users.leader_id, users.unit_id).
struct Binding {
    Role role = Role::kViewer;
    std::optional<std::int64_t> leader_id;
    std::optional<std::int64_t> unit_id;
};
// Coordinator and admin edit every case; a leader the cases it owns.
bool MayEditKeyCase(const Binding& who, std::int64_t case_leader_id);
// Coordinator and admin every group; a bureau officer the group of its unit; a leader the group
// it leads.
bool MayRecordVisitOf(const Binding& who, std::int64_t group_unit_id, std::int64_t group_leader_id);
// Coordinator and admin every report; a bureau officer its own unit's.
bool MayWriteMonthlyReport(const Binding& who, std::int64_t report_unit_id);
// Coordinator and admin every task; a town user the tasks given to its unit.
bool MayAnswerTask(const Binding& who, std::int64_t task_unit_id);

}  // namespace xinfang::core
