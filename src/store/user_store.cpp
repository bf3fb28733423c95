#include "store/user_store.h"

#include "core/date.h"

namespace xinfang::store {
namespace {

const char* kSelectUsers = R"sql(
SELECT us.id, us.username, us.display_name, us.role, us.unit_id, un.name AS unit_name,
       us.leader_id, l.name AS leader_name, us.active, us.created_at, us.last_login_at
FROM users us
LEFT JOIN units un ON un.id = us.unit_id
LEFT JOIN leaders l ON l.id = us.leader_id
)sql";

core::User UserFrom(const Rows::Row& row) {
    core::User user;
    user.id = row["id"].AsInt();
    user.username = row["username"].AsText();
    user.display_name = row["display_name"].AsText();
    user.role = core::ParseRole(row["role"].AsText()).value_or(core::Role::kViewer);
    user.unit_id = row["unit_id"].OptInt();
    user.unit_name = row["unit_name"].OptText();
    user.leader_id = row["leader_id"].OptInt();
    user.leader_name = row["leader_name"].OptText();
    user.active = row["active"].AsBool();
    user.created_at = row["created_at"].AsInt();
    user.last_login_at = row["last_login_at"].OptInt();
    return user;
}

std::optional<core::User> FirstUser(const Rows& rows) {
    if (rows.empty()) return std::nullopt;
    return UserFrom(rows.front());
}

}  // namespace

std::vector<core::User> ListUsers(Transaction& tx, const Page& page) {
    std::vector<core::User> out;
    Rows rows = tx.Query(std::string(kSelectUsers) + " ORDER BY us.id LIMIT $1 OFFSET $2",
                         {page.limit, page.offset});
    for (const auto& row : rows) out.push_back(UserFrom(row));
    return out;
}

std::int64_t CountUsers(Transaction& tx) {
    return tx.Query("SELECT COUNT(*) AS n FROM users").front()["n"].AsInt();
}

std::optional<core::User> FindUser(Transaction& tx, std::int64_t id) {
    return FirstUser(tx.Query(std::string(kSelectUsers) + " WHERE us.id = $1", {id}));
}

std::optional<core::User> FindUserByUsername(Transaction& tx, const std::string& username) {
    return FirstUser(tx.Query(std::string(kSelectUsers) + " WHERE us.username = $1", {username}));
}

std::optional<std::string> PasswordHashOf(Transaction& tx, std::int64_t user_id) {
    Rows rows = tx.Query("SELECT password_hash FROM users WHERE id = $1", {user_id});
    if (rows.empty()) return std::nullopt;
    return rows.front()["password_hash"].AsText();
}

std::int64_t InsertUser(Transaction& tx, const core::User& user, const std::string& password_hash) {
    std::int64_t now = core::NowSeconds();
    return tx.InsertReturningId(
        "INSERT INTO users (username, display_name, role, unit_id, leader_id, password_hash, "
        "active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        {user.username, user.display_name, std::string(core::RoleCode(user.role)), user.unit_id,
         user.leader_id, password_hash, user.active, now});
}

void UpdateUser(Transaction& tx, const core::User& user) {
    tx.Exec(
        "UPDATE users SET display_name = $2, role = $3, unit_id = $4, leader_id = $5, "
        "active = $6, updated_at = $7 WHERE id = $1",
        {user.id, user.display_name, std::string(core::RoleCode(user.role)), user.unit_id,
         user.leader_id, user.active, core::NowSeconds()});
}

void SetPasswordHash(Transaction& tx, std::int64_t user_id, const std::string& password_hash) {
    tx.Exec("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1",
            {user_id, password_hash, core::NowSeconds()});
}

void RecordLogin(Transaction& tx, std::int64_t user_id, std::int64_t at) {
    tx.Exec("UPDATE users SET last_login_at = $2 WHERE id = $1", {user_id, at});
}

void InsertSession(Transaction& tx, const std::string& token_hash, std::int64_t user_id,
                   const std::string& csrf_token, std::int64_t now) {
    tx.Exec(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) "
        "VALUES ($1, $2, $3, $4, $4)",
        {token_hash, user_id, csrf_token, now});
}

std::optional<SessionRecord> FindSession(Transaction& tx, const std::string& token_hash) {
    Rows rows = tx.Query(
        "SELECT user_id, csrf_token, last_seen_at FROM sessions WHERE token_hash = $1",
        {token_hash});
    if (rows.empty()) return std::nullopt;
    auto row = rows.front();
    return SessionRecord{row["user_id"].AsInt(), row["csrf_token"].AsText(),
                         row["last_seen_at"].AsInt()};
}

void TouchSession(Transaction& tx, const std::string& token_hash, std::int64_t now) {
    tx.Exec("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", {token_hash, now});
}

void DeleteSession(Transaction& tx, const std::string& token_hash) {
    tx.Exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

void DeleteSessionsOfUser(Transaction& tx, std::int64_t user_id) {
    tx.Exec("DELETE FROM sessions WHERE user_id = $1", {user_id});
}

std::int64_t DeleteIdleSessions(Transaction& tx, std::int64_t idle_before) {
    return tx.Exec("DELETE FROM sessions WHERE last_seen_at < $1", {idle_before});
}

}  // namespace xinfang::store
