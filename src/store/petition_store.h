#pragma once

// Reading and writing petitions (issue #3) inside the caller's transaction. Rows hold codes as
// text, times as epoch seconds and dates as 'YYYY-MM-DD'; the handlers translate them to the
// domain enums. Petitioners' personal data arrives here already encrypted and masked: this layer
// never sees it in clear.

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user_store.h"

namespace xinfang::store {

struct PetitionRow {
    std::int64_t id = 0;
    std::string code;
    std::string status;
    std::int64_t version = 1;
    std::string channel, source, level, content_type, legal_category, pollution_type;
    std::int64_t region_id = 0;
    std::string region_name;
    std::optional<std::int64_t> group_id, leader_id, responsible_unit_id;
    std::optional<std::string> group_name, leader_name, responsible_unit_name;
    // The leader who received the petitioner in person (channel leader_reception), who is not
    // always the region's leader.
    std::optional<std::int64_t> receiving_leader_id;
    std::optional<std::string> receiving_leader_name;
    std::string location, respondent, summary, demand;
    std::int64_t received_at = 0;
    int people_count = 1;
    std::vector<std::string> flags;
    std::optional<std::int64_t> accepted_at, reported_at, replied_at;
    std::optional<std::int64_t> review_requested_at, review_decided_at;
    std::optional<std::int64_t> rereview_requested_at, rereview_decided_at;
    std::optional<std::string> decline_reason, forwarded_to;
    std::optional<std::int64_t> assigned_unit_id;
    std::optional<std::string> assigned_unit_name;
    std::optional<std::string> assignment_requirements, unit_target;
    std::optional<std::int64_t> assigned_at;
    std::optional<std::string> findings;
    int extension_days = 0;
    std::optional<std::string> extension_reason;
    std::optional<std::int64_t> extension_by, extension_at;
    std::optional<std::string> extension_by_name;
    std::optional<std::string> reply_content, reply_way, satisfaction;
    std::string pauses_json = "[]";  // [{"first","last","reason"}]
    std::optional<std::string> next_due, next_due_kind;
    std::int64_t last_step_at = 0;
    std::optional<std::int64_t> registered_by;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    // The masked name of the representative (or first) petitioner, for lists.
    std::optional<std::string> petitioner_masked;
};

struct PetitionerRow {
    std::int64_t id = 0;
    int position = 0;
    bool representative = false;
    Blob name_enc;
    std::optional<Blob> id_number_enc, phone_enc, address_enc;
    std::string name_masked;
    std::optional<std::string> id_number_masked, phone_masked, address_masked;
    std::optional<std::string> id_number_hash, phone_hash;
};

struct EventRow {
    std::int64_t id = 0;
    std::string action;
    std::optional<std::string> from_status, to_status;
    std::int64_t at = 0;
    std::int64_t recorded_at = 0;
    std::optional<std::int64_t> user_id;
    std::optional<std::string> user_name;
    std::string details_json = "{}";
};

// The next number of the year's sequence. Concurrent callers serialise on the year's counter
// row, so two registrations never get the same code.
std::int64_t NextPetitionSequence(Transaction& tx, int year);

std::int64_t InsertPetition(Transaction& tx, const PetitionRow& row);
std::optional<PetitionRow> FindPetition(Transaction& tx, std::int64_t id);
// Writes every mutable column and bumps the version, only if the stored version is still
// `row.version`. Returns false (and changes nothing) when someone else changed it first.
bool UpdatePetition(Transaction& tx, const PetitionRow& row);
// Writes the classification fields UpdatePetition leaves alone (content type, legal category,
// level); the caller bumps the version with UpdatePetition in the same transaction.
void UpdatePetitionClassification(Transaction& tx, const PetitionRow& row);

void InsertPetitioner(Transaction& tx, std::int64_t petition_id, const PetitionerRow& row);
std::vector<PetitionerRow> ListPetitioners(Transaction& tx, std::int64_t petition_id);

void InsertEvent(Transaction& tx, std::int64_t petition_id, const EventRow& row);
std::vector<EventRow> ListEvents(Transaction& tx, std::int64_t petition_id);

void ReplaceSearchTokens(Transaction& tx, std::int64_t petition_id,
                         const std::vector<std::string>& tokens);

void LinkPetitions(Transaction& tx, std::int64_t petition_id, std::int64_t linked_id);
struct LinkRow {
    std::int64_t id;
    std::string code;
    std::string summary;
};
std::vector<LinkRow> ListLinks(Transaction& tx, std::int64_t petition_id);

// What a list or the supervision board may see: a role's scope is a filter like any other.
struct PetitionFilter {
    std::vector<std::string> statuses;
    std::optional<std::int64_t> region_id, group_id, unit_id, leader_id;
    std::optional<std::string> level, source, channel, pollution_type;
    std::vector<std::string> flags;               // all must be present
    std::optional<std::int64_t> received_from;    // inclusive, epoch seconds
    std::optional<std::int64_t> received_before;  // exclusive
    std::optional<std::string> due_before;        // next_due < this date (overdue: today)
    std::optional<std::string> due_on_or_before;  // next_due <= this date (due soon)
    std::optional<std::string> target_before;     // unit_target < this date (unit late)
    std::vector<std::string> tokens;              // every token must match (bigram search)
    std::optional<std::string> substring;         // LIKE fallback for one-character queries
    // Scope: a bureau sees its unit's assignments; a town its region's assigned petitions.
    std::optional<std::int64_t> scope_assigned_unit;
    std::optional<std::int64_t> scope_region_assigned;
    std::optional<std::int64_t> only_id;
    bool open_supervision = false;  // a 督办单 waits for its answer
};

enum class PetitionSort { kReceivedDesc, kReceivedAsc, kCodeAsc, kCodeDesc, kDueAsc, kDueDesc };

std::vector<PetitionRow> ListPetitions(Transaction& tx, const PetitionFilter& filter,
                                       PetitionSort sort, const Page& page);
std::int64_t CountPetitions(Transaction& tx, const PetitionFilter& filter);

// A page and the total of its filter, as a list shows them. A search driven by a rare token
// (fewer than a few thousand postings) finds its matches once for both.
struct PetitionPage {
    std::vector<PetitionRow> rows;
    std::int64_t total = 0;
};
PetitionPage ListPetitionPage(Transaction& tx, const PetitionFilter& filter, PetitionSort sort,
                              const Page& page);

// Petitions (newest first, at most `limit`) with a petitioner whose keyed hash matches.
std::vector<PetitionRow> PetitionsOfPetitioner(Transaction& tx,
                                               const std::optional<std::string>& id_number_hash,
                                               const std::optional<std::string>& phone_hash,
                                               std::optional<std::int64_t> received_since,
                                               std::int64_t limit);
std::vector<PetitionRow> PetitionsAbout(Transaction& tx, const std::string& respondent,
                                        const std::string& location, std::int64_t received_since,
                                        std::int64_t limit);

struct NoticeRow {
    std::int64_t id = 0;
    std::string content;
    std::optional<std::string> deadline;
    std::int64_t issued_at = 0;
    std::optional<std::int64_t> issued_by;
    std::optional<std::string> issued_by_name;
    std::optional<std::string> answer;
    std::optional<std::int64_t> answered_at;
};
std::int64_t InsertNotice(Transaction& tx, std::int64_t petition_id, const NoticeRow& row);
std::vector<NoticeRow> ListNotices(Transaction& tx, std::int64_t petition_id);
void AnswerNotice(Transaction& tx, std::int64_t notice_id, const std::string& answer,
                  std::int64_t at, std::int64_t user_id);

struct RequirementRow {
    std::int64_t id = 0;
    std::string content;
    std::string deadline;
    std::optional<bool> met;
    std::optional<std::string> followed_up_on, followup_note;
};
struct InspectionRow {
    std::int64_t id = 0;
    std::int64_t petition_id = 0;
    std::string inspected_on, participants, findings;
    std::int64_t created_at = 0;
    std::optional<std::int64_t> created_by;
    std::optional<std::string> created_by_name;
    std::vector<RequirementRow> requirements;
};
std::int64_t InsertInspection(Transaction& tx, const InspectionRow& row);
std::vector<InspectionRow> ListInspections(Transaction& tx, std::int64_t petition_id);
std::optional<InspectionRow> FindInspection(Transaction& tx, std::int64_t id);
void RecordFollowUp(Transaction& tx, std::int64_t requirement_id, bool met,
                    const std::string& followed_up_on, const std::string& note);

struct AttachmentRow {
    std::int64_t id = 0;
    std::int64_t petition_id = 0;
    std::string filename, content_type, sha256;
    std::int64_t size = 0;
    std::int64_t uploaded_at = 0;
};
std::int64_t InsertAttachment(Transaction& tx, const AttachmentRow& row,
                              std::optional<std::int64_t> user_id);
std::vector<AttachmentRow> ListAttachments(Transaction& tx, std::int64_t petition_id);
std::optional<AttachmentRow> FindAttachment(Transaction& tx, std::int64_t id);

}  // namespace xinfang::store
