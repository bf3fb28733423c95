#pragma once

// Sessions: a random token in an HttpOnly, SameSite=Strict cookie, stored server-side as its
// SHA-256 with the user and a CSRF token. A session unused for `session_idle_seconds` expires.

#include <optional>
#include <string>
#include <string_view>

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

inline constexpr std::string_view kSessionCookie = "xf_session";

// The value of one cookie in a Cookie header, or nothing.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

// The principal of the request's session, or nothing when there is no valid, unexpired session
// of an active user. Refreshes the session's last-seen time at most once a minute
// (more often when the idle limit is short).
std::optional<Principal> Authenticate(AppContext& app, const Exchange& exchange);

struct NewSession {
    std::string token;  // goes into the cookie, never stored
    std::string csrf_token;
};

// Creates a session for the user inside the caller's transaction.
NewSession StartSession(store::Transaction& tx, std::int64_t user_id);

std::string SessionCookie(const AppContext& app, std::string_view token);
std::string ExpiredSessionCookie(const AppContext& app);

}  // namespace xinfang::http
