#pragma once

// The append-only audit log (DESIGN.md §2, issue #2): who changed what and when. Each row
// carries the SHA-256 of its content and of the row before it, so that a removed or altered row
// breaks the chain (VerifyAuditChain finds where).

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user_store.h"

namespace xinfang::store {

struct AuditEntry {
    std::int64_t id = 0;
    std::int64_t at = 0;
    std::optional<std::int64_t> user_id;
    std::string username;  // kept as written: an account renamed later still reads right
    std::string action;    // create, update, login, logout, reveal, ...
    std::string entity;    // region, unit, leader, group, user, session, ...
    std::optional<std::int64_t> entity_id;
    std::string changes_json;  // {"field": [old, new], ...}; never personal data in clear
    std::string prev_hash;
    std::string hash;
};

// Appends inside the caller's transaction, so the record commits or rolls back with the change
// it describes. Concurrent appenders serialise on the chain's head row.
void AppendAudit(Transaction& tx, AuditEntry entry);

struct AuditFilter {
    std::optional<std::string> entity;
    std::optional<std::int64_t> entity_id;
    std::optional<std::int64_t> user_id;
};

std::vector<AuditEntry> ListAudit(Transaction& tx, const AuditFilter& filter, const Page& page);
std::int64_t CountAudit(Transaction& tx, const AuditFilter& filter);

// Recomputes the chain from the first row; returns the id of the first row that does not match,
// or nothing when the whole log is intact.
std::optional<std::int64_t> VerifyAuditChain(Transaction& tx);

}  // namespace xinfang::store
