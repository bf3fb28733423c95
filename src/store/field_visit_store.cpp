#include "store/field_visit_store.h"

namespace xinfang::store {
namespace {

const char* kSelectVisits =
    "SELECT v.*, g.name AS group_name, g.number AS group_number, g.unit_id AS group_unit_id, "
    "un.name AS group_unit_name, l.name AS leader_name FROM field_visits v JOIN case_groups g ON "
    "g.id = v.group_id JOIN units un ON un.id = g.unit_id JOIN leaders l ON l.id = v.leader_id ";

void WriteRegionsAndMatters(Transaction& tx, const FieldVisitRow& v) {
    tx.Exec("DELETE FROM field_visit_regions WHERE visit_id = $1", {v.id});
    for (const auto& region : v.regions) {
        tx.Exec(
            "INSERT INTO field_visit_regions (visit_id, region_id) VALUES ($1, $2) ON "
            "CONFLICT DO NOTHING",
            {v.id, region.id});
    }
    tx.Exec("DELETE FROM field_visit_matters WHERE visit_id = $1", {v.id});
    for (const auto& m : v.matters) {
        tx.Exec(
            "INSERT INTO field_visit_matters (visit_id, key_case_id, petition_id) VALUES ($1, "
            "$2, $3)",
            {v.id, m.key_case_id, m.petition_id});
    }
}

std::vector<FollowUpRow> FollowUpsOf(Transaction& tx, std::int64_t requirement_id) {
    std::vector<FollowUpRow> out;
    for (const auto& row : tx.Query(
             "SELECT f.*, u.display_name AS user_name FROM requirement_follow_ups f LEFT JOIN "
             "users u ON u.id = f.user_id WHERE f.requirement_id = $1 ORDER BY f.followed_up_on, "
             "f.id",
             {requirement_id})) {
        FollowUpRow f;
        f.id = row["id"].AsInt();
        f.followed_up_on = row["followed_up_on"].AsText();
        f.met = row["met"].AsBool();
        f.note = row["note"].AsText();
        f.user_id = row["user_id"].OptInt();
        f.user_name = row["user_name"].OptText();
        f.created_at = row["created_at"].AsInt();
        out.push_back(std::move(f));
    }
    return out;
}

VisitRequirementRow RequirementFrom(Transaction& tx, const Rows::Row& row) {
    VisitRequirementRow r;
    r.id = row["id"].AsInt();
    r.visit_id = row["visit_id"].AsInt();
    r.content = row["content"].AsText();
    r.deadline = row["deadline"].AsText();
    r.key_case_id = row["key_case_id"].OptInt();
    r.met = row["met"].AsBool();
    r.met_on = row["met_on"].OptText();
    r.follow_ups = FollowUpsOf(tx, r.id);
    return r;
}

FieldVisitRow VisitFrom(Transaction& tx, const Rows::Row& row) {
    FieldVisitRow v;
    v.id = row["id"].AsInt();
    v.group_id = row["group_id"].AsInt();
    v.group_name = row["group_name"].AsText();
    v.group_number = static_cast<int>(row["group_number"].AsInt());
    v.group_unit_id = row["group_unit_id"].AsInt();
    v.group_unit_name = row["group_unit_name"].AsText();
    v.leader_id = row["leader_id"].AsInt();
    v.leader_name = row["leader_name"].AsText();
    v.month = row["month"].AsText();
    v.visit_on = row["visit_on"].AsText();
    v.status = row["status"].AsText();
    v.participants = row["participants"].AsText();
    v.inspection_time = row["inspection_time"].AsText();
    v.findings = row["findings"].AsText();
    v.version = row["version"].AsInt();
    v.created_by = row["created_by"].OptInt();
    v.created_at = row["created_at"].AsInt();
    v.updated_at = row["updated_at"].AsInt();
    for (const auto& r : tx.Query("SELECT r.id, r.name FROM field_visit_regions vr JOIN regions r "
                                  "ON r.id = vr.region_id WHERE vr.visit_id = $1 ORDER BY "
                                  "r.sort_order, r.id",
                                  {v.id})) {
        v.regions.push_back({r["id"].AsInt(), r["name"].AsText()});
    }
    for (const auto& m : tx.Query(
             "SELECT m.key_case_id, k.location AS key_case_location, m.petition_id, p.code AS "
             "petition_code, p.summary AS petition_summary FROM field_visit_matters m LEFT JOIN "
             "key_cases k ON k.id = m.key_case_id LEFT JOIN petitions p ON p.id = m.petition_id "
             "WHERE m.visit_id = $1 ORDER BY m.id",
             {v.id})) {
        VisitMatterRow matter;
        matter.key_case_id = m["key_case_id"].OptInt();
        matter.key_case_location = m["key_case_location"].OptText();
        matter.petition_id = m["petition_id"].OptInt();
        matter.petition_code = m["petition_code"].OptText();
        matter.petition_summary = m["petition_summary"].OptText();
        v.matters.push_back(std::move(matter));
    }
    for (const auto& r : tx.Query("SELECT * FROM field_visit_requirements WHERE visit_id = $1 "
                                  "ORDER BY position, id",
                                  {v.id})) {
        v.requirements.push_back(RequirementFrom(tx, r));
    }
    return v;
}

}  // namespace

std::int64_t InsertFieldVisit(Transaction& tx, const FieldVisitRow& v) {
    FieldVisitRow stored = v;
    stored.id = tx.InsertReturningId(
        "INSERT INTO field_visits (group_id, leader_id, month, visit_on, status, participants, "
        "inspection_time, findings, version, created_by, created_at, updated_at) VALUES ($1, $2, "
        "$3, $4, $5, $6, $7, $8, 1, $9, $10, $10) RETURNING id",
        {v.group_id, v.leader_id, v.month, v.visit_on, v.status, v.participants, v.inspection_time,
         v.findings, v.created_by, v.created_at});
    WriteRegionsAndMatters(tx, stored);
    for (const auto& r : v.requirements) AddVisitRequirement(tx, stored.id, r);
    return stored.id;
}

std::optional<FieldVisitRow> FindFieldVisit(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectVisits) + "WHERE v.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return VisitFrom(tx, rows.front());
}

bool UpdateFieldVisit(Transaction& tx, const FieldVisitRow& v) {
    std::int64_t changed = tx.Exec(
        "UPDATE field_visits SET leader_id = $2, month = $3, visit_on = $4, status = $5, "
        "participants = $6, inspection_time = $7, findings = $8, updated_at = $9, version = "
        "version + 1 WHERE id = $1 AND version = $10",
        {v.id, v.leader_id, v.month, v.visit_on, v.status, v.participants, v.inspection_time,
         v.findings, v.updated_at, v.version});
    if (changed != 1) return false;
    WriteRegionsAndMatters(tx, v);
    return true;
}

std::vector<FieldVisitRow> ListFieldVisits(Transaction& tx, const FieldVisitFilter& f) {
    Params params;
    std::string sql = std::string(kSelectVisits) + "WHERE 1 = 1";
    if (f.month) {
        params.push_back(*f.month);
        sql += " AND v.month = $" + std::to_string(params.size());
    }
    if (f.group_id) {
        params.push_back(*f.group_id);
        sql += " AND v.group_id = $" + std::to_string(params.size());
    }
    if (f.key_case_id) {
        params.push_back(*f.key_case_id);
        sql += " AND v.id IN (SELECT visit_id FROM field_visit_matters WHERE key_case_id = $" +
               std::to_string(params.size()) + ")";
    }
    sql += " ORDER BY g.number, v.visit_on, v.id";
    std::vector<FieldVisitRow> out;
    for (const auto& row : tx.Query(sql, params)) out.push_back(VisitFrom(tx, row));
    return out;
}

std::int64_t AddVisitRequirement(Transaction& tx, std::int64_t visit_id,
                                 const VisitRequirementRow& r) {
    Rows rows = tx.Query(
        "SELECT COALESCE(MAX(position), 0) AS p FROM field_visit_requirements WHERE visit_id = $1",
        {visit_id});
    std::int64_t position = rows.front()["p"].AsInt() + 1;
    return tx.InsertReturningId(
        "INSERT INTO field_visit_requirements (visit_id, position, content, deadline, "
        "key_case_id, met) VALUES ($1, $2, $3, $4, $5, 0) RETURNING id",
        {visit_id, position, r.content, r.deadline, r.key_case_id});
}

std::optional<VisitRequirementRow> FindVisitRequirement(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query("SELECT * FROM field_visit_requirements WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return RequirementFrom(tx, rows.front());
}

void InsertFollowUp(Transaction& tx, std::int64_t requirement_id, const FollowUpRow& f) {
    tx.Exec(
        "INSERT INTO requirement_follow_ups (requirement_id, followed_up_on, met, note, "
        "user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        {requirement_id, f.followed_up_on, f.met, f.note, f.user_id, f.created_at});
    // The requirement takes the finding of its latest follow-up: one met before opens again when
    // a later follow-up finds the problem back (反弹回潮).
    tx.Exec("UPDATE field_visit_requirements SET met = $2, met_on = $3 WHERE id = $1",
            {requirement_id, f.met, f.met ? Value(f.followed_up_on) : Value()});
}

std::vector<GroupMonthCount> CountVisitsByGroup(Transaction& tx, const std::string& month) {
    std::vector<GroupMonthCount> out;
    for (const auto& row : tx.Query(
             "SELECT group_id, SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) AS done, "
             "SUM(CASE WHEN status = 'planned' THEN 1 ELSE 0 END) AS planned FROM field_visits "
             "WHERE month = $1 GROUP BY group_id",
             {month})) {
        out.push_back({row["group_id"].AsInt(), static_cast<int>(row["done"].AsInt()),
                       static_cast<int>(row["planned"].AsInt())});
    }
    return out;
}

namespace {

const char* kSelectReports =
    "SELECT m.*, u.name AS unit_name, s.display_name AS submitted_by_name FROM monthly_reports m "
    "JOIN units u ON u.id = m.unit_id LEFT JOIN users s ON s.id = m.submitted_by ";

MonthlyReportRow ReportFrom(const Rows::Row& row) {
    MonthlyReportRow m;
    m.id = row["id"].AsInt();
    m.unit_id = row["unit_id"].AsInt();
    m.unit_name = row["unit_name"].AsText();
    m.month = row["month"].AsText();
    m.due_on = row["due_on"].AsText();
    m.body = row["body"].AsText();
    m.status = row["status"].AsText();
    m.submitted_on = row["submitted_on"].OptText();
    m.submitted_at = row["submitted_at"].OptInt();
    m.submitted_by = row["submitted_by"].OptInt();
    m.submitted_by_name = row["submitted_by_name"].OptText();
    m.version = row["version"].AsInt();
    m.created_at = row["created_at"].AsInt();
    m.updated_at = row["updated_at"].AsInt();
    return m;
}

}  // namespace

std::int64_t InsertMonthlyReport(Transaction& tx, const MonthlyReportRow& m) {
    return tx.InsertReturningId(
        "INSERT INTO monthly_reports (unit_id, month, due_on, body, status, version, created_at, "
        "updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
        {m.unit_id, m.month, m.due_on, m.body, m.status, m.created_at});
}

std::optional<MonthlyReportRow> FindMonthlyReport(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectReports) + "WHERE m.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return ReportFrom(rows.front());
}

std::optional<MonthlyReportRow> FindMonthlyReportOf(Transaction& tx, std::int64_t unit_id,
                                                    const std::string& month) {
    Rows rows = tx.Query(std::string(kSelectReports) + "WHERE m.unit_id = $1 AND m.month = $2",
                         {unit_id, month});
    if (rows.empty()) return std::nullopt;
    return ReportFrom(rows.front());
}

std::vector<MonthlyReportRow> ListMonthlyReports(Transaction& tx, const std::string& month) {
    std::vector<MonthlyReportRow> out;
    for (const auto& row : tx.Query(
             std::string(kSelectReports) + "WHERE m.month = $1 ORDER BY u.sort_order", {month})) {
        out.push_back(ReportFrom(row));
    }
    return out;
}

bool UpdateMonthlyReport(Transaction& tx, const MonthlyReportRow& m) {
    return tx.Exec(
               "UPDATE monthly_reports SET body = $2, status = $3, submitted_on = $4, "
               "submitted_at = $5, submitted_by = $6, due_on = $7, updated_at = $8, version = "
               "version + 1 WHERE id = $1 AND version = $9",
               {m.id, m.body, m.status, m.submitted_on, m.submitted_at, m.submitted_by, m.due_on,
                m.updated_at, m.version}) == 1;
}

std::int64_t InsertReminder(Transaction& tx, const ReminderRow& r) {
    return tx.InsertReturningId(
        "INSERT INTO monthly_report_reminders (unit_id, month, message, sent_at, sent_by) VALUES "
        "($1, $2, $3, $4, $5) RETURNING id",
        {r.unit_id, r.month, r.message, r.sent_at, r.sent_by});
}

std::vector<ReminderRow> ListReminders(Transaction& tx, std::int64_t unit_id,
                                       const std::string& month) {
    std::vector<ReminderRow> out;
    for (const auto& row : tx.Query(
             "SELECT r.*, u.display_name AS sent_by_name FROM monthly_report_reminders r LEFT JOIN "
             "users u ON u.id = r.sent_by WHERE r.unit_id = $1 AND r.month = $2 ORDER BY r.id",
             {unit_id, month})) {
        ReminderRow r;
        r.id = row["id"].AsInt();
        r.unit_id = row["unit_id"].AsInt();
        r.month = row["month"].AsText();
        r.message = row["message"].AsText();
        r.sent_at = row["sent_at"].AsInt();
        r.sent_by = row["sent_by"].OptInt();
        r.sent_by_name = row["sent_by_name"].OptText();
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace xinfang::store
