#include "store/notice_store.h"

#include <algorithm>

namespace xinfang::store {
namespace {

NoticeTemplateRow TemplateFrom(const Rows::Row& row) {
    NoticeTemplateRow t;
    t.text.kind = row["kind"].AsText();
    t.text.name = row["name"].AsText();
    t.text.title = row["title"].AsText();
    t.text.number_prefix = row["number_prefix"].AsText();
    t.text.addressee = row["addressee"].AsText();
    t.text.fields = row["fields"].AsText();
    t.text.body = row["body"].AsText();
    t.text.cc = row["cc"].AsText();
    t.version = row["version"].AsInt();
    t.updated_at = row["updated_at"].AsInt();
    t.updated_by = row["updated_by"].OptInt();
    return t;
}

PetitionDocumentRow DocumentFrom(const Rows::Row& row) {
    PetitionDocumentRow d;
    d.id = row["id"].AsInt();
    d.petition_id = row["petition_id"].AsInt();
    d.kind = row["kind"].AsText();
    d.year = static_cast<int>(row["year"].AsInt());
    d.sequence = static_cast<int>(row["sequence"].AsInt());
    d.number = row["number"].AsText();
    d.issued_on = row["issued_on"].AsText();
    d.content = row["content"].AsText();
    d.issued_at = row["issued_at"].AsInt();
    d.issued_by = row["issued_by"].OptInt();
    return d;
}

}  // namespace

std::vector<NoticeTemplateRow> ListNoticeTemplates(Transaction& tx) {
    std::vector<NoticeTemplateRow> out;
    for (const auto& row : tx.Query("SELECT * FROM notice_templates"))
        out.push_back(TemplateFrom(row));
    // The workflow's order, which is how the section thinks of them.
    const auto& kinds = core::NoticeKinds();
    auto rank = [&](const NoticeTemplateRow& t) {
        return std::find(kinds.begin(), kinds.end(), t.text.kind) - kinds.begin();
    };
    std::sort(out.begin(), out.end(),
              [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return out;
}

std::optional<NoticeTemplateRow> FindNoticeTemplate(Transaction& tx, const std::string& kind) {
    Rows rows = tx.Query("SELECT * FROM notice_templates WHERE kind = $1", {kind});
    if (rows.empty()) return std::nullopt;
    return TemplateFrom(rows.front());
}

bool UpdateNoticeTemplate(Transaction& tx, const NoticeTemplateRow& row) {
    const auto& t = row.text;
    return tx.Exec(
               "UPDATE notice_templates SET name = $1, title = $2, number_prefix = $3, "
               "addressee = $4, fields = $5, body = $6, cc = $7, version = version + 1, "
               "updated_at = $8, updated_by = $9 WHERE kind = $10 AND version = $11",
               {t.name, t.title, t.number_prefix, t.addressee, t.fields, t.body, t.cc,
                row.updated_at, row.updated_by, t.kind, row.version}) == 1;
}

int NextDocumentSequence(Transaction& tx, const std::string& kind, int year) {
    Rows rows = tx.Query(
        "SELECT COALESCE(MAX(sequence), 0) AS last FROM petition_documents "
        "WHERE kind = $1 AND year = $2",
        {kind, year});
    return static_cast<int>(rows.front()["last"].AsInt()) + 1;
}

std::int64_t InsertPetitionDocument(Transaction& tx, const PetitionDocumentRow& row) {
    return tx.InsertReturningId(
        "INSERT INTO petition_documents (petition_id, kind, year, sequence, number, issued_on, "
        "content, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        {row.petition_id, row.kind, row.year, row.sequence, row.number, row.issued_on, row.content,
         row.issued_at, row.issued_by});
}

std::vector<PetitionDocumentRow> ListPetitionDocuments(Transaction& tx, std::int64_t petition_id) {
    std::vector<PetitionDocumentRow> out;
    for (const auto& row : tx.Query("SELECT * FROM petition_documents WHERE petition_id = $1 "
                                    "ORDER BY issued_at, id",
                                    {petition_id})) {
        out.push_back(DocumentFrom(row));
    }
    return out;
}

std::optional<PetitionDocumentRow> FindPetitionDocument(Transaction& tx, std::int64_t id) {
    Rows rows = tx.Query("SELECT * FROM petition_documents WHERE id = $1", {id});
    if (rows.empty()) return std::nullopt;
    return DocumentFrom(rows.front());
}

}  // namespace xinfang::store
