#pragma once

// Field visits 带案下访 (Attachment 2 rows) with their requirements and follow-ups, and the
// enforcement bureaus' monthly reports with reminders (issue 5), inside the caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/org.h"
#include "store/database.h"

namespace xinfang::store {

struct FollowUpRow {
    std::int64_t id = 0;
    std::string followed_up_on;
    bool met = false;
    std::string note;
    std::optional<std::int64_t> user_id;
    std::optional<std::string> user_name;
    std::int64_t created_at = 0;
};

struct VisitRequirementRow {
    std::int64_t id = 0;
    std::int64_t visit_id = 0;
    std::string content;
    std::string deadline;
    std::optional<std::int64_t> key_case_id;
    bool met = false;
    std::optional<std::string> met_on;
    std::vector<FollowUpRow> follow_ups;
};

struct VisitMatterRow {
    std::optional<std::int64_t> key_case_id;
    std::optional<std::string> key_case_location;
    std::optional<std::int64_t> petition_id;
    std::optional<std::string> petition_code;
    std::optional<std::string> petition_summary;
};

struct FieldVisitRow {
    std::int64_t id = 0;
    std::int64_t group_id = 0;
    std::string group_name;
    int group_number = 0;
    std::int64_t group_unit_id = 0;
    std::string group_unit_name;
    std::int64_t leader_id = 0;
    std::string leader_name;
    std::string month;     // YYYY-MM of visit_on
    std::string visit_on;  // YYYY-MM-DD
    std::string status;    // planned | done
    std::string participants, inspection_time, findings;
    std::int64_t version = 1;
    std::optional<std::int64_t> created_by;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<core::NamedRef> regions;
    std::vector<VisitMatterRow> matters;
    std::vector<VisitRequirementRow> requirements;
};

struct FieldVisitFilter {
    std::optional<std::string> month;
    std::optional<std::int64_t> group_id;
    std::optional<std::int64_t> key_case_id;  // visits that took this case
};

// Inserts the visit with its regions, matters and requirements.
std::int64_t InsertFieldVisit(Transaction& tx, const FieldVisitRow& row);
std::optional<FieldVisitRow> FindFieldVisit(Transaction& tx, std::int64_t id);
// Rewrites the visit's own columns, regions and matters; requirements are only appended
// (`AddVisitRequirement`) so their follow-ups stay attached. False on a stale version.
bool UpdateFieldVisit(Transaction& tx, const FieldVisitRow& row);
std::vector<FieldVisitRow> ListFieldVisits(Transaction& tx, const FieldVisitFilter& filter);
std::int64_t AddVisitRequirement(Transaction& tx, std::int64_t visit_id,
                                 const VisitRequirementRow& row);
std::optional<VisitRequirementRow> FindVisitRequirement(Transaction& tx, std::int64_t id);
void InsertFollowUp(Transaction& tx, std::int64_t requirement_id, const FollowUpRow& row);

// Visits recorded as done, per group, in a month.
struct GroupMonthCount {
    std::int64_t group_id = 0;
    int done = 0;
    int planned = 0;
};
std::vector<GroupMonthCount> CountVisitsByGroup(Transaction& tx, const std::string& month);

struct MonthlyReportRow {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string month;
    std::string due_on;
    std::string body;
    std::string status;  // draft | submitted
    std::optional<std::string> submitted_on;
    std::optional<std::int64_t> submitted_at, submitted_by;
    std::optional<std::string> submitted_by_name;
    std::int64_t version = 1;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
std::int64_t InsertMonthlyReport(Transaction& tx, const MonthlyReportRow& row);
std::optional<MonthlyReportRow> FindMonthlyReport(Transaction& tx, std::int64_t id);
std::optional<MonthlyReportRow> FindMonthlyReportOf(Transaction& tx, std::int64_t unit_id,
                                                    const std::string& month);
std::vector<MonthlyReportRow> ListMonthlyReports(Transaction& tx, const std::string& month);
// False on a stale version.
bool UpdateMonthlyReport(Transaction& tx, const MonthlyReportRow& row);

struct ReminderRow {
    std::int64_t id = 0;
    std::int64_t unit_id = 0;
    std::string month;
    std::string message;
    std::int64_t sent_at = 0;
    std::optional<std::int64_t> sent_by;
    std::optional<std::string> sent_by_name;
};
std::int64_t InsertReminder(Transaction& tx, const ReminderRow& row);
std::vector<ReminderRow> ListReminders(Transaction& tx, std::int64_t unit_id,
                                       const std::string& month);

}  // namespace xinfang::store
