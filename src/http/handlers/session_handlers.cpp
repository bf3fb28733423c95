#include "http/handlers/session_handlers.h"

#include <thread>

#include "core/date.h"
#include "core/log.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "http/session_auth.h"
#include "security/password.h"
#include "store/user_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace {

struct Credentials {
    std::string username;
    std::string password;
};

// The password is taken exactly as sent: spaces are part of it.
Credentials ReadCredentials(const JsonBody& body) {
    Credentials c;
    c.username = body.RequiredString("username", "用户名", 64);
    const json::value* password = body.object().if_contains("password");
    if (!password || password->is_null()) {
        throw ValidationError("validation.required", "请填写密码", "password");
    }
    if (!password->is_string()) {
        throw ValidationError("validation.type", "密码的格式不正确，应为文本", "password");
    }
    c.password = std::string(password->as_string());
    if (c.password.empty()) throw ValidationError("validation.required", "请填写密码", "password");
    if (c.password.size() > 1024) {
        throw ValidationError("validation.too_long", "密码过长", "password");
    }
    return c;
}

// Checking a password for an unknown account costs the same as for a known one, so the answer
// time does not tell which usernames exist.
const std::string& DecoyHash() {
    static const std::string hash = security::HashPassword("xinfang-decoy-password");
    return hash;
}

// What login and /me answer: the user, the CSRF token and the codes of the user's permissions.
json::object SessionJson(const core::User& user, const std::string& csrf_token) {
    json::array permissions;
    for (auto code : core::PermissionCodesOf(user.role)) permissions.push_back(json::string(code));
    return {{"user", ToJson(user)},
            {"csrf_token", csrf_token},
            {"permissions", std::move(permissions)}};
}

Response Login(AppContext& app, RequestContext& ctx) {
    Credentials c = ReadCredentials(JsonBody::Parse(ctx.request()));
    const std::string& address = ctx.exchange().remote_address;
    std::int64_t now = core::NowSeconds();
    if (!app.throttle.TryBegin(c.username, address, now)) {
        core::LogWarn("login refused: too many failures rid=" + ctx.exchange().request_id);
        throw ApiError(429, "auth.too_many_attempts", "登录失败次数过多，请15分钟后再试")
            .WithRetryAfter(static_cast<int>(app.throttle.window_seconds()));
    }

    std::optional<core::User> user;
    std::optional<std::string> hash;
    {
        store::Transaction tx(app.db, store::Transaction::Mode::kRead);
        user = store::FindUserByUsername(tx, c.username);
        if (user) hash = store::PasswordHashOf(tx, user->id);
    }
    bool valid = security::VerifyPassword(hash ? *hash : DecoyHash(), c.password);
    if (!user || !hash || !valid || !user->active) {
        auto delay = app.throttle.Failed(c.username);
        std::this_thread::sleep_for(delay);
        core::LogWarn("login failed rid=" + ctx.exchange().request_id);
        throw ApiError(401, "auth.invalid_credentials", "用户名或密码错误");
    }
    app.throttle.Succeeded(c.username, address, now);

    store::Transaction tx(app.db, store::Transaction::Mode::kWrite);
    // Sessions idle past the limit can never be used again; each sign-in sweeps them so the
    // table holds only live ones.
    store::DeleteIdleSessions(tx, now - app.config.session_idle_seconds);
    NewSession session = StartSession(tx, user->id);
    store::RecordLogin(tx, user->id, now);
    RecordAudit(tx, *user, "login", "session", user->id, {});
    tx.Commit();
    user->last_login_at = now;

    Response response = JsonResponse(ctx.request(), 200, SessionJson(*user, session.csrf_token));
    response.set(bhttp::field::set_cookie, SessionCookie(app, session.token));
    return response;
}

Response Logout(AppContext& app, RequestContext& ctx) {
    store::Transaction tx(app.db, store::Transaction::Mode::kWrite);
    store::DeleteSession(tx, ctx.principal().session_token_hash);
    RecordAudit(tx, ctx.principal().user, "logout", "session", ctx.principal().user.id, {});
    tx.Commit();

    Response response = EmptyResponse(ctx.request(), 204);
    response.set(bhttp::field::set_cookie, ExpiredSessionCookie(app));
    return response;
}

Response Me(RequestContext& ctx) {
    return JsonResponse(ctx.request(), 200,
                        SessionJson(ctx.principal().user, ctx.principal().csrf_token));
}

}  // namespace

void AddSessionRoutes(Router& router, AppContext& app) {
    Guard login = Guard::Public();
    router.Add(bhttp::verb::post, "/api/v1/session", login,
               [&app](RequestContext& ctx) { return Login(app, ctx); });
    router.Add(bhttp::verb::delete_, "/api/v1/session", Guard::SignedIn(),
               [&app](RequestContext& ctx) { return Logout(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/me", Guard::SignedIn(),
               [](RequestContext& ctx) { return Me(ctx); });
}

}  // namespace xinfang::http
