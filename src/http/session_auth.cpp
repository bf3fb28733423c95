#include "http/session_auth.h"

#include <algorithm>

#include "core/date.h"
#include "security/digest.h"
#include "security/random.h"
#include "store/user_store.h"

namespace xinfang::http {
namespace {

// Refreshing last-seen on every request would turn every read into a write; once a minute is
// enough, or more often for idle limits short enough that a minute matters.
std::int64_t TouchInterval(std::int64_t idle_seconds) {
    return std::min<std::int64_t>(60, std::max<std::int64_t>(1, idle_seconds / 2));
}

}  // namespace

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto end = header.find(';');
        std::string_view part = header.substr(0, end);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        auto eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) {
            return std::string(part.substr(eq + 1));
        }
        if (end == std::string_view::npos) break;
        header.remove_prefix(end + 1);
    }
    return std::nullopt;
}

std::optional<Principal> Authenticate(AppContext& app, const Exchange& exchange) {
    auto token = CookieValue(exchange.request[boost::beast::http::field::cookie], kSessionCookie);
    if (!token || token->empty()) return std::nullopt;

    std::string token_hash = security::Sha256Hex(*token);
    std::int64_t now = core::NowSeconds();
    std::optional<store::SessionRecord> session;
    std::optional<core::User> user;
    {
        store::Transaction tx(app.db, store::Transaction::Mode::kRead);
        session = store::FindSession(tx, token_hash);
        if (session) user = store::FindUser(tx, session->user_id);
    }
    if (!session || !user || !user->active) return std::nullopt;
    if (now - session->last_seen_at > app.config.session_idle_seconds) return std::nullopt;

    if (now - session->last_seen_at >= TouchInterval(app.config.session_idle_seconds)) {
        store::Transaction tx(app.db, store::Transaction::Mode::kWrite);
        store::TouchSession(tx, token_hash, now);
        tx.Commit();
    }
    return Principal{std::move(*user), session->csrf_token, token_hash};
}

NewSession StartSession(store::Transaction& tx, std::int64_t user_id) {
    NewSession session{security::RandomToken(32), security::RandomToken(24)};
    store::InsertSession(tx, security::Sha256Hex(session.token), user_id, session.csrf_token,
                         core::NowSeconds());
    return session;
}

std::string SessionCookie(const AppContext& app, std::string_view token) {
    std::string cookie = std::string(kSessionCookie) + "=" + std::string(token) +
                         "; Path=/; HttpOnly; SameSite=Strict";
    if (app.config.secure_cookies) cookie += "; Secure";
    return cookie;
}

std::string ExpiredSessionCookie(const AppContext& app) {
    std::string cookie = std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    if (app.config.secure_cookies) cookie += "; Secure";
    return cookie;
}

}  // namespace xinfang::http
