#include "store/audit_store.h"

#include "security/digest.h"

namespace xinfang::store {
namespace {

std::string OptionalText(const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
}

// The hashed form lists every field with a separator that cannot occur in the numbers, and the
// free-text fields last with their lengths, so that no two different rows hash alike.
std::string HashOf(const AuditEntry& e) {
    std::string text = e.prev_hash + "|" + std::to_string(e.at) + "|" + OptionalText(e.user_id) +
                       "|" + OptionalText(e.entity_id) + "|" + std::to_string(e.username.size()) +
                       ":" + e.username + "|" + e.action + "|" + e.entity + "|" +
                       std::to_string(e.changes_json.size()) + ":" + e.changes_json;
    return security::Sha256Hex(text);
}

AuditEntry EntryFrom(const Rows::Row& row) {
    AuditEntry e;
    e.id = row["id"].AsInt();
    e.at = row["at"].AsInt();
    e.user_id = row["user_id"].OptInt();
    e.username = row["username"].AsText();
    e.action = row["action"].AsText();
    e.entity = row["entity"].AsText();
    e.entity_id = row["entity_id"].OptInt();
    e.changes_json = row["changes"].AsText();
    e.prev_hash = row["prev_hash"].AsText();
    e.hash = row["hash"].AsText();
    return e;
}

// Filters are optional; `$n IS NULL OR column = $n` keeps one statement for every combination.
// The casts tell PostgreSQL the type of a parameter that may be sent as NULL.
const char* kFilter =
    " WHERE (CAST($1 AS TEXT) IS NULL OR entity = CAST($1 AS TEXT))"
    " AND (CAST($2 AS BIGINT) IS NULL OR entity_id = CAST($2 AS BIGINT))"
    " AND (CAST($3 AS BIGINT) IS NULL OR user_id = CAST($3 AS BIGINT))";

Params FilterParams(const AuditFilter& filter) {
    return {filter.entity, filter.entity_id, filter.user_id};
}

}  // namespace

void AppendAudit(Transaction& tx, AuditEntry entry) {
    // Updating the head row takes its lock (PostgreSQL) or the write lock (SQLite) until commit,
    // so the previous hash read here is still the last one when this row is inserted.
    Rows head = tx.Query("UPDATE audit_chain SET seq = seq + 1 WHERE id = 1 RETURNING last_hash");
    entry.prev_hash = head.front()["last_hash"].AsText();
    entry.hash = HashOf(entry);
    tx.Exec(
        "INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, changes, "
        "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        {entry.at, entry.user_id, entry.username, entry.action, entry.entity, entry.entity_id,
         entry.changes_json, entry.prev_hash, entry.hash});
    tx.Exec("UPDATE audit_chain SET last_hash = $1 WHERE id = 1", {entry.hash});
}

std::vector<AuditEntry> ListAudit(Transaction& tx, const AuditFilter& filter, const Page& page) {
    Params params = FilterParams(filter);
    params.push_back(page.limit);
    params.push_back(page.offset);
    Rows rows = tx.Query(std::string("SELECT * FROM audit_log") + kFilter +
                             " ORDER BY id DESC LIMIT $4 OFFSET $5",
                         params);
    std::vector<AuditEntry> out;
    for (const auto& row : rows) out.push_back(EntryFrom(row));
    return out;
}

std::int64_t CountAudit(Transaction& tx, const AuditFilter& filter) {
    Rows rows =
        tx.Query(std::string("SELECT COUNT(*) AS n FROM audit_log") + kFilter, FilterParams(filter));
    return rows.front()["n"].AsInt();
}

std::optional<std::int64_t> VerifyAuditChain(Transaction& tx) {
    std::string prev;
    for (const auto& row : tx.Query("SELECT * FROM audit_log ORDER BY id")) {
        AuditEntry e = EntryFrom(row);
        if (e.prev_hash != prev || HashOf(e) != e.hash) return e.id;
        prev = e.hash;
    }
    return std::nullopt;
}

}  // namespace xinfang::store
