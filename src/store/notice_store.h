#pragma once

// Notice templates and the notices issued from them (issue 6, migration 5), inside the
// caller's transaction.

#include <optional>
#include <string>
#include <vector>

#include "core/notice.h"
#include "store/database.h"

namespace xinfang::store {

struct NoticeTemplateRow {
    core::NoticeTemplate text;
    std::int64_t version = 1;
    std::int64_t updated_at = 0;
    std::optional<std::int64_t> updated_by;
};

std::vector<NoticeTemplateRow> ListNoticeTemplates(Transaction& tx);
std::optional<NoticeTemplateRow> FindNoticeTemplate(Transaction& tx, const std::string& kind);
// Writes the texts and bumps the version, only if it is still `row.version`; false otherwise.
bool UpdateNoticeTemplate(Transaction& tx, const NoticeTemplateRow& row);

struct PetitionDocumentRow {
    std::int64_t id = 0;
    std::int64_t petition_id = 0;
    std::string kind;
    int year = 0;
    int sequence = 0;
    std::string number;
    std::string issued_on;  // YYYY-MM-DD
    std::string content;    // JSON of the filled notice
    std::int64_t issued_at = 0;
    std::optional<std::int64_t> issued_by;
};

// The next number of a kind's sequence in a year. Two concurrent issuers may read the same
// number; the unique key (kind, year, sequence) then fails the second insert, which the router
// answers with 409 and the client retries.
int NextDocumentSequence(Transaction& tx, const std::string& kind, int year);
std::int64_t InsertPetitionDocument(Transaction& tx, const PetitionDocumentRow& row);
std::vector<PetitionDocumentRow> ListPetitionDocuments(Transaction& tx, std::int64_t petition_id);
std::optional<PetitionDocumentRow> FindPetitionDocument(Transaction& tx, std::int64_t id);

}  // namespace xinfang::store
