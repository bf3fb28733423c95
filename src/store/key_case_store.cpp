#include "store/key_case_store.h"

namespace xinfang::store {
namespace {

const char* kSelectKeyCases =
    "SELECT k.*, r.name AS region_name, l.name AS leader_name, g.name AS group_name, "
    "g.unit_id AS group_unit_id FROM key_cases k JOIN regions r ON r.id = k.region_id "
    "JOIN leaders l ON l.id = k.leader_id LEFT JOIN case_groups g ON g.id = k.group_id ";

KeyCaseRow KeyCaseFrom(const Rows::Row& row) {
    KeyCaseRow k;
    k.id = row["id"].AsInt();
    k.seq = static_cast<int>(row["seq"].AsInt());
    k.region_id = row["region_id"].AsInt();
    k.region_name = row["region_name"].AsText();
    k.level = row["level"].AsText();
    k.level_note = row["level_note"].AsText();
    k.location = row["location"].AsText();
    k.situation = row["situation"].AsText();
    k.recommendation = row["recommendation"].AsText();
    k.leader_id = row["leader_id"].AsInt();
    k.leader_name = row["leader_name"].AsText();
    k.group_id = row["group_id"].OptInt();
    k.group_name = row["group_name"].OptText();
    k.group_unit_id = row["group_unit_id"].OptInt();
    k.owner_level = row["owner_level"].AsText();
    k.district_leader = row["district_leader"].OptText();
    k.stage = row["stage"].AsText();
    k.target_date = row["target_date"].OptText();
    k.repeat = row["is_repeat"].AsBool();
    k.level_skipping = row["level_skipping"].AsBool();
    k.version = row["version"].AsInt();
    k.closed_at = row["closed_at"].OptInt();
    k.created_by = row["created_by"].OptInt();
    k.created_at = row["created_at"].AsInt();
    k.updated_at = row["updated_at"].AsInt();
    return k;
}

// The WHERE clause of a filter and its parameters, numbered from $1.
std::string WhereOf(const KeyCaseFilter& f, Params& params) {
    std::string sql = " WHERE 1 = 1";
    auto add = [&](const std::string& clause, Value value) {
        params.push_back(std::move(value));
        std::string n = "$" + std::to_string(params.size());
        std::string out = clause;
        for (auto at = out.find("$?"); at != std::string::npos; at = out.find("$?")) {
            out.replace(at, 2, n);
        }
        sql += " AND " + out;
    };
    if (f.region_id) add("k.region_id = $?", *f.region_id);
    if (f.leader_id) add("k.leader_id = $?", *f.leader_id);
    if (f.group_id) add("k.group_id = $?", *f.group_id);
    if (f.level) add("k.level = $?", *f.level);
    if (f.stage) add("k.stage = $?", *f.stage);
    if (f.owner_level) add("k.owner_level = $?", *f.owner_level);
    if (f.task_unit_id) {
        add("k.id IN (SELECT key_case_id FROM key_case_tasks WHERE unit_id = $?)", *f.task_unit_id);
    }
    if (f.text) {
        add("(k.location LIKE $? ESCAPE '\\' OR k.situation LIKE $? ESCAPE '\\' OR "
            "k.recommendation LIKE $? ESCAPE '\\')",
            ContainsPattern(*f.text));
    }
    return sql;
}

}  // namespace

int NextKeyCaseSeq(Transaction& tx) {
    Rows rows = tx.Query("SELECT COALESCE(MAX(seq), 0) AS seq FROM key_cases");
    return static_cast<int>(rows.front()["seq"].AsInt()) + 1;
}

std::int64_t InsertKeyCase(Transaction& tx, const KeyCaseRow& k) {
    return tx.InsertReturningId(
        "INSERT INTO key_cases (seq, region_id, level, level_note, location, situation, "
        "recommendation, leader_id, group_id, owner_level, district_leader, stage, target_date, "
        "is_repeat, level_skipping, version, closed_at, created_by, created_at, updated_at) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $18, "
        "$18) RETURNING id",
        {k.seq, k.region_id, k.level, k.level_note, k.location, k.situation, k.recommendation,
         k.leader_id, k.group_id, k.owner_level, k.district_leader, k.stage, k.target_date,
         k.repeat, k.level_skipping, k.closed_at, k.created_by, k.created_at});
}

std::optional<KeyCaseRow> FindKeyCase(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectKeyCases) + "WHERE k.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return KeyCaseFrom(rows.front());
}

bool UpdateKeyCase(Transaction& tx, const KeyCaseRow& k) {
    return tx.Exec(
               "UPDATE key_cases SET region_id = $2, level = $3, level_note = $4, "
               "location = $5, situation = $6, recommendation = $7, leader_id = $8, "
               "group_id = $9, owner_level = $10, district_leader = $11, stage = $12, "
               "target_date = $13, is_repeat = $14, level_skipping = $15, closed_at = $16, "
               "updated_at = $17, version = version + 1 WHERE id = $1 AND version = $18",
               {k.id, k.region_id, k.level, k.level_note, k.location, k.situation, k.recommendation,
                k.leader_id, k.group_id, k.owner_level, k.district_leader, k.stage, k.target_date,
                k.repeat, k.level_skipping, k.closed_at, k.updated_at, k.version}) == 1;
}

std::vector<KeyCaseRow> ListKeyCases(Transaction& tx, const KeyCaseFilter& filter,
                                     const Page& page) {
    Params params;
    std::string sql = std::string(kSelectKeyCases) + WhereOf(filter, params);
    params.push_back(page.limit);
    params.push_back(page.offset);
    sql += " ORDER BY k.seq, k.id LIMIT $" + std::to_string(params.size() - 1) + " OFFSET $" +
           std::to_string(params.size());
    std::vector<KeyCaseRow> out;
    for (const auto& row : tx.Query(sql, params)) out.push_back(KeyCaseFrom(row));
    return out;
}

std::int64_t CountKeyCases(Transaction& tx, const KeyCaseFilter& filter) {
    Params params;
    std::string sql = "SELECT COUNT(*) AS n FROM key_cases k" + WhereOf(filter, params);
    return tx.Query(sql, params).front()["n"].AsInt();
}

void LinkCasePetition(Transaction& tx, std::int64_t case_id, std::int64_t petition_id,
                      std::int64_t at) {
    tx.Exec(
        "INSERT INTO key_case_petitions (key_case_id, petition_id, linked_at) VALUES ($1, $2, "
        "$3) ON CONFLICT DO NOTHING",
        {case_id, petition_id, at});
}

bool UnlinkCasePetition(Transaction& tx, std::int64_t case_id, std::int64_t petition_id) {
    return tx.Exec("DELETE FROM key_case_petitions WHERE key_case_id = $1 AND petition_id = $2",
                   {case_id, petition_id}) == 1;
}

std::vector<std::int64_t> CasesOfPetition(Transaction& tx, std::int64_t petition_id) {
    std::vector<std::int64_t> out;
    for (const auto& row :
         tx.Query("SELECT key_case_id FROM key_case_petitions WHERE petition_id = $1 ORDER BY "
                  "key_case_id",
                  {petition_id})) {
        out.push_back(row["key_case_id"].AsInt());
    }
    return out;
}

std::vector<CasePetitionRow> ListCasePetitions(Transaction& tx, std::int64_t case_id) {
    std::vector<CasePetitionRow> out;
    for (const auto& row : tx.Query(
             "SELECT p.id, p.code, p.summary, p.status, p.level, p.flags, "
             "(SELECT name_masked FROM petitioners WHERE petition_id = p.id ORDER BY "
             "representative DESC, position LIMIT 1) AS petitioner_masked FROM key_case_petitions "
             "kp JOIN petitions p ON p.id = kp.petition_id WHERE kp.key_case_id = $1 ORDER BY "
             "p.received_at",
             {case_id})) {
        CasePetitionRow p;
        p.id = row["id"].AsInt();
        p.code = row["code"].AsText();
        p.summary = row["summary"].AsText();
        p.status = row["status"].AsText();
        p.level = row["level"].AsText();
        // Petitions keep their flags as ",repeat,level_skipping," (petition_store).
        std::string flags = row["flags"].AsText();
        for (std::size_t at = 0, next; at < flags.size(); at = next + 1) {
            next = flags.find(',', at);
            if (next == std::string::npos) next = flags.size();
            if (next > at) p.flags.push_back(flags.substr(at, next - at));
        }
        p.petitioner_masked = row["petitioner_masked"].OptText();
        out.push_back(std::move(p));
    }
    return out;
}

namespace {

const char* kSelectTasks =
    "SELECT t.*, u.name AS unit_name FROM key_case_tasks t JOIN units u ON u.id = t.unit_id ";

CaseTaskRow TaskFrom(const Rows::Row& row) {
    CaseTaskRow t;
    t.id = row["id"].AsInt();
    t.key_case_id = row["key_case_id"].AsInt();
    t.unit_id = row["unit_id"].AsInt();
    t.unit_name = row["unit_name"].AsText();
    t.content = row["content"].AsText();
    t.deadline = row["deadline"].OptText();
    t.done = row["done"].AsBool();
    t.result = row["result"].OptText();
    t.done_at = row["done_at"].OptInt();
    t.created_at = row["created_at"].AsInt();
    return t;
}

std::vector<CaseTaskRow> TasksWhere(Transaction& tx, const std::string& where, Value value) {
    std::vector<CaseTaskRow> out;
    for (const auto& row :
         tx.Query(std::string(kSelectTasks) + where + " ORDER BY t.id", {std::move(value)})) {
        out.push_back(TaskFrom(row));
    }
    return out;
}

}  // namespace

std::int64_t InsertCaseTask(Transaction& tx, const CaseTaskRow& t) {
    return tx.InsertReturningId(
        "INSERT INTO key_case_tasks (key_case_id, unit_id, content, deadline, done, created_at) "
        "VALUES ($1, $2, $3, $4, 0, $5) RETURNING id",
        {t.key_case_id, t.unit_id, t.content, t.deadline, t.created_at});
}

std::optional<CaseTaskRow> FindCaseTask(Transaction& tx, std::int64_t id) {
    auto found = TasksWhere(tx, "WHERE t.id = $1", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

void UpdateCaseTask(Transaction& tx, const CaseTaskRow& t) {
    tx.Exec("UPDATE key_case_tasks SET done = $2, result = $3, done_at = $4 WHERE id = $1",
            {t.id, t.done, t.result, t.done_at});
}

std::vector<CaseTaskRow> ListCaseTasks(Transaction& tx, std::int64_t case_id) {
    return TasksWhere(tx, "WHERE t.key_case_id = $1", case_id);
}

std::vector<CaseTaskRow> ListTasksOfUnit(Transaction& tx, std::int64_t unit_id) {
    return TasksWhere(tx, "WHERE t.unit_id = $1", unit_id);
}

namespace {

const char* kSelectDocuments =
    "SELECT d.*, u.display_name AS created_by_name FROM key_case_documents d LEFT JOIN users u "
    "ON u.id = d.created_by ";

CaseDocumentRow DocumentFrom(const Rows::Row& row) {
    CaseDocumentRow d;
    d.id = row["id"].AsInt();
    d.key_case_id = row["key_case_id"].AsInt();
    d.kind = row["kind"].AsText();
    d.title = row["title"].AsText();
    d.body = row["body"].AsText();
    d.held_on = row["held_on"].OptText();
    d.settlement = row["settlement"].OptText();
    if (!row["petitioner_stopped"].IsNull())
        d.petitioner_stopped = row["petitioner_stopped"].AsBool();
    d.created_by = row["created_by"].OptInt();
    d.created_by_name = row["created_by_name"].OptText();
    d.created_at = row["created_at"].AsInt();
    d.updated_at = row["updated_at"].AsInt();
    return d;
}

}  // namespace

std::int64_t InsertCaseDocument(Transaction& tx, const CaseDocumentRow& d) {
    return tx.InsertReturningId(
        "INSERT INTO key_case_documents (key_case_id, kind, title, body, held_on, settlement, "
        "petitioner_stopped, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9, $9) RETURNING id",
        {d.key_case_id, d.kind, d.title, d.body, d.held_on, d.settlement, d.petitioner_stopped,
         d.created_by, d.created_at});
}

void UpdateCaseDocument(Transaction& tx, const CaseDocumentRow& d) {
    tx.Exec(
        "UPDATE key_case_documents SET title = $2, body = $3, held_on = $4, settlement = $5, "
        "petitioner_stopped = $6, updated_at = $7 WHERE id = $1",
        {d.id, d.title, d.body, d.held_on, d.settlement, d.petitioner_stopped, d.updated_at});
}

std::optional<CaseDocumentRow> FindCaseDocument(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query(std::string(kSelectDocuments) + "WHERE d.id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return DocumentFrom(rows.front());
}

std::vector<CaseDocumentRow> ListCaseDocuments(Transaction& tx, std::int64_t case_id) {
    std::vector<CaseDocumentRow> out;
    for (const auto& row : tx.Query(
             std::string(kSelectDocuments) + "WHERE d.key_case_id = $1 ORDER BY d.id", {case_id})) {
        out.push_back(DocumentFrom(row));
    }
    return out;
}

std::int64_t InsertLedgerEntry(Transaction& tx, const LedgerEntryRow& e) {
    return tx.InsertReturningId(
        "INSERT INTO key_case_ledger (key_case_id, kind, on_date, summary, field_visit_id, "
        "document_id, petition_id, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
        "$9) RETURNING id",
        {e.key_case_id, e.kind, e.on_date, e.summary, e.field_visit_id, e.document_id,
         e.petition_id, e.user_id, e.created_at});
}

std::vector<LedgerEntryRow> ListLedger(Transaction& tx, std::int64_t case_id) {
    std::vector<LedgerEntryRow> out;
    for (const auto& row : tx.Query(
             "SELECT e.*, u.display_name AS user_name FROM key_case_ledger e LEFT JOIN users u ON "
             "u.id = e.user_id WHERE e.key_case_id = $1 ORDER BY e.on_date, e.id",
             {case_id})) {
        LedgerEntryRow e;
        e.id = row["id"].AsInt();
        e.key_case_id = row["key_case_id"].AsInt();
        e.kind = row["kind"].AsText();
        e.on_date = row["on_date"].AsText();
        e.summary = row["summary"].AsText();
        e.field_visit_id = row["field_visit_id"].OptInt();
        e.document_id = row["document_id"].OptInt();
        e.petition_id = row["petition_id"].OptInt();
        e.user_id = row["user_id"].OptInt();
        e.user_name = row["user_name"].OptText();
        e.created_at = row["created_at"].AsInt();
        out.push_back(std::move(e));
    }
    return out;
}

namespace {

CaseAttachmentRow CaseAttachmentFrom(const Rows::Row& row) {
    CaseAttachmentRow a;
    a.id = row["id"].AsInt();
    a.key_case_id = row["key_case_id"].AsInt();
    a.document_id = row["document_id"].OptInt();
    a.filename = row["filename"].AsText();
    a.content_type = row["content_type"].AsText();
    a.size = row["size"].AsInt();
    a.sha256 = row["sha256"].AsText();
    a.uploaded_at = row["uploaded_at"].AsInt();
    a.uploaded_by = row["uploaded_by"].OptInt();
    return a;
}

}  // namespace

std::int64_t InsertCaseAttachment(Transaction& tx, const CaseAttachmentRow& a) {
    return tx.InsertReturningId(
        "INSERT INTO key_case_attachments (key_case_id, document_id, filename, content_type, "
        "size, sha256, uploaded_at, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
        "RETURNING id",
        {a.key_case_id, a.document_id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_at,
         a.uploaded_by});
}

std::optional<CaseAttachmentRow> FindCaseAttachment(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query("SELECT * FROM key_case_attachments WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return CaseAttachmentFrom(rows.front());
}

std::vector<CaseAttachmentRow> ListCaseAttachments(Transaction& tx, std::int64_t case_id) {
    std::vector<CaseAttachmentRow> out;
    for (const auto& row : tx.Query(
             "SELECT * FROM key_case_attachments WHERE key_case_id = $1 ORDER BY id", {case_id})) {
        out.push_back(CaseAttachmentFrom(row));
    }
    return out;
}

std::int64_t InsertEscalation(Transaction& tx, const EscalationRow& e) {
    return tx.InsertReturningId(
        "INSERT INTO key_case_escalations (key_case_id, from_level, to_level, reason, "
        "district_leader, report_id, escalated_at, escalated_by) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8) RETURNING id",
        {e.key_case_id, e.from_level, e.to_level, e.reason, e.district_leader, e.report_id,
         e.escalated_at, e.escalated_by});
}

std::vector<EscalationRow> ListEscalations(Transaction& tx, std::int64_t case_id) {
    std::vector<EscalationRow> out;
    for (const auto& row : tx.Query(
             "SELECT e.*, u.display_name AS escalated_by_name FROM key_case_escalations e LEFT "
             "JOIN users u ON u.id = e.escalated_by WHERE e.key_case_id = $1 ORDER BY e.id",
             {case_id})) {
        EscalationRow e;
        e.id = row["id"].AsInt();
        e.key_case_id = row["key_case_id"].AsInt();
        e.from_level = row["from_level"].AsText();
        e.to_level = row["to_level"].AsText();
        e.reason = row["reason"].AsText();
        e.district_leader = row["district_leader"].AsText();
        e.report_id = row["report_id"].OptInt();
        e.escalated_at = row["escalated_at"].AsInt();
        e.escalated_by = row["escalated_by"].OptInt();
        e.escalated_by_name = row["escalated_by_name"].OptText();
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace xinfang::store
