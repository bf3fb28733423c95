#include "http/handlers/user_handlers.h"

#include <regex>

#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/list_support.h"
#include "http/json_body.h"
#include "http/json_view.h"
#include "security/password.h"
#include "store/org_store.h"
#include "store/user_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 128;

std::string ReadUsername(const JsonBody& body) {
    static const std::regex pattern("[a-z0-9_.-]{3,32}");
    std::string username = body.RequiredString("username", "用户名", 32);
    if (!std::regex_match(username, pattern)) {
        throw ValidationError("validation.invalid",
                              "用户名须为3到32位小写字母、数字或 _ . -", "username");
    }
    return username;
}

// Passwords are taken as sent, spaces included.
std::optional<std::string> ReadPassword(const JsonBody& body, bool required) {
    const json::value* v = body.object().if_contains("password");
    if (!v || v->is_null()) {
        if (required) throw ValidationError("validation.required", "请填写密码", "password");
        return std::nullopt;
    }
    if (!v->is_string()) {
        throw ValidationError("validation.type", "密码的格式不正确，应为文本", "password");
    }
    std::string password(v->as_string());
    std::size_t length = Utf8Length(password);
    if (length < kMinPassword || length > kMaxPassword) {
        throw ValidationError("validation.invalid", "密码长度应为10到128个字符", "password");
    }
    return password;
}

void ReadRole(const JsonBody& body, core::User& user, bool create) {
    body.ForbidNull("role", "角色");
    auto code = create ? std::optional(body.RequiredString("role", "角色", 20))
                       : body.OptionalString("role", "角色", 20);
    if (!code) return;
    auto role = core::ParseRole(*code);
    if (!role) throw ValidationError("validation.invalid", "角色不正确", "role");
    user.role = *role;
}

// Reads unit_id and leader_id (null clears them) and checks that the role has what it needs.
void ReadBinding(Transaction& tx, const JsonBody& body, core::User& user) {
    if (body.IsNull("unit_id")) user.unit_id.reset();
    if (auto id = body.OptionalInt("unit_id", "所属单位", 1, INT64_MAX)) user.unit_id = *id;
    if (body.IsNull("leader_id")) user.leader_id.reset();
    if (auto id = body.OptionalInt("leader_id", "对应领导", 1, INT64_MAX)) user.leader_id = *id;

    std::optional<core::UnitKind> kind;
    if (user.unit_id) {
        auto unit = store::FindUnit(tx, *user.unit_id);
        if (!unit) throw ValidationError("validation.invalid", "所选单位不存在", "unit_id");
        kind = unit->kind;
    }
    if (user.leader_id && !store::FindLeader(tx, *user.leader_id)) {
        throw ValidationError("validation.invalid", "所选领导不存在", "leader_id");
    }

    switch (core::CheckRoleBinding(user.role, kind, user.leader_id.has_value())) {
        case core::BindingProblem::kUnitRequired:
            throw ValidationError("validation.required", "该角色须选择所属单位", "unit_id");
        case core::BindingProblem::kUnitWrongKind:
            throw ValidationError("validation.invalid",
                                  user.role == core::Role::kBureau ? "执法局账号须属于执法局"
                                                                   : "属地账号须属于属地政府",
                                  "unit_id");
        case core::BindingProblem::kLeaderRequired:
            throw ValidationError("validation.required", "局领导账号须选择对应领导", "leader_id");
        case core::BindingProblem::kNone:
            break;
    }
}

core::User FoundUser(Transaction& tx, std::int64_t id) {
    auto user = store::FindUser(tx, id);
    if (!user) throw NotFound();
    return *user;
}

Response ListUsers(AppContext& app, RequestContext& ctx) {
    store::Page page = PageFromQuery(ctx);
    Transaction tx(app.db, Transaction::Mode::kRead);
    return JsonResponse(ctx.request(), 200,
                        ListJson(store::ListUsers(tx, page), store::CountUsers(tx)));
}

Response GetUser(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    Transaction tx(app.db, Transaction::Mode::kRead);
    return JsonResponse(ctx.request(), 200, ToJson(FoundUser(tx, id)));
}

Response CreateUser(AppContext& app, RequestContext& ctx) {
    JsonBody body = JsonBody::Parse(ctx.request());
    core::User user;
    user.username = ReadUsername(body);
    user.display_name = body.RequiredString("display_name", "姓名", 30);
    ReadRole(body, user, true);
    std::string password = *ReadPassword(body, true);
    std::string hash = security::HashPassword(password);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    ReadBinding(tx, body, user);
    if (store::FindUserByUsername(tx, user.username)) {
        throw Conflict("conflict.duplicate", "用户名已被使用", "username");
    }
    std::int64_t id = store::InsertUser(tx, user, hash);
    core::User created = FoundUser(tx, id);
    json::object view = ToJson(created);
    RecordAudit(tx, ctx.principal().user, "create", "user", id, Changes({}, view));
    tx.Commit();
    return JsonResponse(ctx.request(), 201, view);
}

Response UpdateUser(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    JsonBody body = JsonBody::Parse(ctx.request());
    auto password = ReadPassword(body, false);
    std::optional<std::string> hash;
    if (password) hash = security::HashPassword(*password);

    Transaction tx(app.db, Transaction::Mode::kWrite);
    core::User user = FoundUser(tx, id);
    json::object before = ToJson(user);
    body.ForbidNull("display_name", "姓名");
    if (auto name = body.OptionalString("display_name", "姓名", 30)) user.display_name = *name;
    ReadRole(body, user, false);
    ReadBinding(tx, body, user);
    body.ForbidNull("active", "启用状态");
    if (auto active = body.OptionalBool("active", "启用状态")) user.active = *active;

    bool self = id == ctx.principal().user.id;
    if (self && (!user.active || user.role != core::Role::kAdmin)) {
        throw Conflict("conflict.self", "不能停用自己的账号或取消自己的管理员角色", "active");
    }

    store::UpdateUser(tx, user);
    if (hash) store::SetPasswordHash(tx, id, *hash);
    // A disabled account or a changed password ends the account's other sessions at once.
    if (!user.active || (hash && !self)) store::DeleteSessionsOfUser(tx, id);

    json::object view = ToJson(FoundUser(tx, id));
    json::object changes = Changes(before, view);
    if (hash) changes["password"] = json::array{"******", "******"};
    if (!changes.empty()) RecordAudit(tx, ctx.principal().user, "update", "user", id, changes);
    tx.Commit();
    return JsonResponse(ctx.request(), 200, view);
}

}  // namespace

void AddUserRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kUsersRead);
    Guard write = Guard::Requires(core::Permission::kUsersWrite);
    router.Add(bhttp::verb::get, "/api/v1/users", read,
               [&app](RequestContext& ctx) { return ListUsers(app, ctx); });
    router.Add(bhttp::verb::post, "/api/v1/users", write,
               [&app](RequestContext& ctx) { return CreateUser(app, ctx); });
    router.Add(bhttp::verb::get, "/api/v1/users/{id}", read,
               [&app](RequestContext& ctx) { return GetUser(app, ctx); });
    router.Add(bhttp::verb::patch, "/api/v1/users/{id}", write,
               [&app](RequestContext& ctx) { return UpdateUser(app, ctx); });
}

}  // namespace xinfang::http
