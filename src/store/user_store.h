#pragma once

// Accounts and login sessions. Session tokens are stored only as their SHA-256, so a copy of
// the database does not let anyone sign in.

#include <optional>
#include <string>
#include <vector>

#include "core/org.h"
#include "store/database.h"

namespace xinfang::store {

struct Page {
    std::int64_t offset = 0;
    std::int64_t limit = 50;
};

std::vector<core::User> ListUsers(Transaction& tx, const Page& page);
std::int64_t CountUsers(Transaction& tx);
std::optional<core::User> FindUser(Transaction& tx, std::int64_t id);
std::optional<core::User> FindUserByUsername(Transaction& tx, const std::string& username);
std::optional<std::string> PasswordHashOf(Transaction& tx, std::int64_t user_id);

std::int64_t InsertUser(Transaction& tx, const core::User& user, const std::string& password_hash);
void UpdateUser(Transaction& tx, const core::User& user);
void SetPasswordHash(Transaction& tx, std::int64_t user_id, const std::string& password_hash);
void RecordLogin(Transaction& tx, std::int64_t user_id, std::int64_t at);

struct SessionRecord {
    std::int64_t user_id = 0;
    std::string csrf_token;
    std::int64_t last_seen_at = 0;
};

void InsertSession(Transaction& tx, const std::string& token_hash, std::int64_t user_id,
                   const std::string& csrf_token, std::int64_t now);
std::optional<SessionRecord> FindSession(Transaction& tx, const std::string& token_hash);
void TouchSession(Transaction& tx, const std::string& token_hash, std::int64_t now);
void DeleteSession(Transaction& tx, const std::string& token_hash);
void DeleteSessionsOfUser(Transaction& tx, std::int64_t user_id);
// Removes sessions idle since before `idle_before`; returns how many.
std::int64_t DeleteIdleSessions(Transaction& tx, std::int64_t idle_before);

}  // namespace xinfang::store
