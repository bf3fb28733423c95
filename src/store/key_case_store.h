#pragma once

// Key cases and their one-case-one-file archive (issue 5), inside the caller's transaction.
// Codes are text (core/key_case.h), dates 'YYYY-MM-DD', times epoch seconds. Minutes and reports
// are stored as the Markdown the user wrote; the web app sanitises when it renders.

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user_store.h"

namespace xinfang::store {

struct KeyCaseRow {
    std::int64_t id = 0;
    int seq = 0;  // 序号 of Attachment 3
    std::int64_t region_id = 0;
    std::string region_name;
    std::string level;       // a petition level code (core/petition.h)
    std::string level_note;  // a second body it reached, e.g. 省委巡视组 beside 国家信访局
    std::string location, situation, recommendation;
    std::int64_t leader_id = 0;
    std::string leader_name;
    std::optional<std::int64_t> group_id;
    std::optional<std::string> group_name;
    std::optional<std::int64_t> group_unit_id;
    std::string owner_level = "bureau";
    std::optional<std::string> district_leader;
    std::string stage = "resolving";
    std::optional<std::string> target_date;
    bool repeat = false;
    bool level_skipping = false;
    std::int64_t version = 1;
    std::optional<std::int64_t> closed_at;
    std::optional<std::int64_t> created_by;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct KeyCaseFilter {
    std::optional<std::int64_t> region_id, leader_id, group_id;
    std::optional<std::string> level, stage, owner_level;
    // Scope of a town user: only cases with a task given to this unit.
    std::optional<std::int64_t> task_unit_id;
    std::optional<std::string> text;  // substring of location, situation or recommendation
};

std::int64_t InsertKeyCase(Transaction& tx, const KeyCaseRow& row);
std::optional<KeyCaseRow> FindKeyCase(Transaction& tx, std::int64_t id);
// Writes every mutable column and bumps the version, only when the stored version is still
// `row.version`; false (nothing changed) when someone else changed it first.
bool UpdateKeyCase(Transaction& tx, const KeyCaseRow& row);
std::vector<KeyCaseRow> ListKeyCases(Transaction& tx, const KeyCaseFilter& filter,
                                     const Page& page);
std::int64_t CountKeyCases(Transaction& tx, const KeyCaseFilter& filter);
int NextKeyCaseSeq(Transaction& tx);

struct CasePetitionRow {
    std::int64_t id = 0;
    std::string code, summary, status, level;
    std::vector<std::string> flags;  // petition flag codes
    std::optional<std::string> petitioner_masked;
};
void LinkCasePetition(Transaction& tx, std::int64_t case_id, std::int64_t petition_id,
                      std::int64_t at);
bool UnlinkCasePetition(Transaction& tx, std::int64_t case_id, std::int64_t petition_id);
std::vector<CasePetitionRow> ListCasePetitions(Transaction& tx, std::int64_t case_id);
// The key cases a petition is linked to, by id (a petitioner's history lists them).
std::vector<std::int64_t> CasesOfPetition(Transaction& tx, std::int64_t petition_id);

// 属地/部门任务: a local government or department's part of the case.
struct CaseTaskRow {
    std::int64_t id = 0;
    std::int64_t key_case_id = 0;
    std::int64_t unit_id = 0;
    std::string unit_name;
    std::string content;
    std::optional<std::string> deadline;
    bool done = false;
    std::optional<std::string> result;
    std::optional<std::int64_t> done_at;
    std::int64_t created_at = 0;
};
std::int64_t InsertCaseTask(Transaction& tx, const CaseTaskRow& row);
std::optional<CaseTaskRow> FindCaseTask(Transaction& tx, std::int64_t id);
void UpdateCaseTask(Transaction& tx, const CaseTaskRow& row);
std::vector<CaseTaskRow> ListCaseTasks(Transaction& tx, std::int64_t case_id);
std::vector<CaseTaskRow> ListTasksOfUnit(Transaction& tx, std::int64_t unit_id);

// Minutes 会议纪要, the closing report 结案报告 and special reports 专题报告.
struct CaseDocumentRow {
    std::int64_t id = 0;
    std::int64_t key_case_id = 0;
    std::string kind;  // minutes | closing_report | special_report
    std::string title, body;
    std::optional<std::string> held_on;
    std::optional<std::string> settlement;   // closing report: how it was settled
    std::optional<bool> petitioner_stopped;  // closing report: 息诉息访
    std::optional<std::int64_t> created_by;
    std::optional<std::string> created_by_name;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};
std::int64_t InsertCaseDocument(Transaction& tx, const CaseDocumentRow& row);
void UpdateCaseDocument(Transaction& tx, const CaseDocumentRow& row);
std::optional<CaseDocumentRow> FindCaseDocument(Transaction& tx, std::int64_t id);
std::vector<CaseDocumentRow> ListCaseDocuments(Transaction& tx, std::int64_t case_id);

struct LedgerEntryRow {
    std::int64_t id = 0;
    std::int64_t key_case_id = 0;
    std::string kind;
    std::string on_date;
    std::string summary;
    std::optional<std::int64_t> field_visit_id, document_id, petition_id, user_id;
    std::optional<std::string> user_name;
    std::int64_t created_at = 0;
};
std::int64_t InsertLedgerEntry(Transaction& tx, const LedgerEntryRow& row);
// In date order, oldest first; entries of one day in the order they were written.
std::vector<LedgerEntryRow> ListLedger(Transaction& tx, std::int64_t case_id);

struct CaseAttachmentRow {
    std::int64_t id = 0;
    std::int64_t key_case_id = 0;
    std::optional<std::int64_t> document_id;
    std::string filename, content_type, sha256;
    std::int64_t size = 0;
    std::int64_t uploaded_at = 0;
    std::optional<std::int64_t> uploaded_by;
};
std::int64_t InsertCaseAttachment(Transaction& tx, const CaseAttachmentRow& row);
std::optional<CaseAttachmentRow> FindCaseAttachment(Transaction& tx, std::int64_t id);
std::vector<CaseAttachmentRow> ListCaseAttachments(Transaction& tx, std::int64_t case_id);

struct EscalationRow {
    std::int64_t id = 0;
    std::int64_t key_case_id = 0;
    std::string from_level, to_level, reason, district_leader;
    std::optional<std::int64_t> report_id;
    std::int64_t escalated_at = 0;
    std::optional<std::int64_t> escalated_by;
    std::optional<std::string> escalated_by_name;
};
std::int64_t InsertEscalation(Transaction& tx, const EscalationRow& row);
std::vector<EscalationRow> ListEscalations(Transaction& tx, std::int64_t case_id);

}  // namespace xinfang::store
