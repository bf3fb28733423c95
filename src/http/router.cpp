#include "http/router.h"

#include "core/log.h"
#include "http/api_error.h"
#include "security/digest.h"
#include "store/database.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        out.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool IsWrite(bhttp::verb method) {
    return method == bhttp::verb::post || method == bhttp::verb::put ||
           method == bhttp::verb::patch || method == bhttp::verb::delete_;
}

bool Matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::pair<std::string, std::string>>* params) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const std::string& want = pattern[i];
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            if (path[i].empty()) return false;
            if (params) params->emplace_back(want.substr(1, want.size() - 2), path[i]);
        } else if (want != path[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string_view RequestContext::Param(std::string_view name) const {
    for (const auto& [key, value] : params_) {
        if (key == name) return value;
    }
    return {};
}

std::optional<std::string> RequestContext::Query(std::string_view name) const {
    auto params = url_.params();
    auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return std::string((*it).value);
}

void Router::Add(bhttp::verb method, std::string pattern, Guard guard, Handler handler) {
    Route route{method, pattern, SplitPath(pattern), guard, std::move(handler)};
    routes_.push_back(std::move(route));
}

std::vector<std::string> Router::Describe() const {
    std::vector<std::string> out;
    for (const auto& route : routes_) {
        out.push_back(std::string(bhttp::to_string(route.method)) + " " + route.pattern);
    }
    return out;
}

Response Router::Dispatch(Exchange& exchange) const {
    const Request& request = exchange.request;
    auto parsed = boost::urls::parse_origin_form(request.target());
    if (!parsed) {
        return ErrorResponse(request, 400, "http.bad_target", "请求地址格式不正确");
    }

    try {
        return Run(exchange, *parsed);
    } catch (const ApiError& error) {
        Response response =
            ErrorResponse(request, error.status(), error.code(), error.message(), error.field());
        if (error.retry_after_seconds() > 0) {
            response.set(boost::beast::http::field::retry_after,
                         std::to_string(error.retry_after_seconds()));
        }
        return response;
    } catch (const store::DbError& error) {
        if (error.kind() == store::DbError::Kind::kUnique) {
            return ErrorResponse(request, 409, "conflict.duplicate", "名称或编号已存在，不能重复");
        }
        if (error.kind() == store::DbError::Kind::kSerialization) {
            return ErrorResponse(request, 503, "server.busy", "服务器繁忙，请稍后再试");
        }
        if (error.kind() == store::DbError::Kind::kConnection) {
            core::LogError("database unreachable on " + exchange.route +
                           " rid=" + exchange.request_id + ": " + error.what());
            return ErrorResponse(request, 503, "server.database_unavailable",
                                 "数据库暂时无法连接，请稍后再试");
        }
        core::LogError("database error on " + exchange.route + " rid=" + exchange.request_id +
                       ": " + error.what());
        return ErrorResponse(request, 500, "internal", "服务器内部错误");
    } catch (const std::exception& error) {
        core::LogError("unexpected error on " + exchange.route + " rid=" + exchange.request_id +
                       ": " + error.what());
        return ErrorResponse(request, 500, "internal", "服务器内部错误");
    }
}

Response Router::Run(Exchange& exchange, boost::urls::url_view url) const {
    const Request& request = exchange.request;
    std::vector<std::string> path = SplitPath(url.path());
    bhttp::verb method = request.method();
    bhttp::verb lookup = method == bhttp::verb::head ? bhttp::verb::get : method;

    bool path_known = false;
    for (const auto& route : routes_) {
        std::vector<std::pair<std::string, std::string>> params;
        if (!Matches(route.segments, path, &params)) continue;
        path_known = true;
        if (route.method != lookup) continue;

        exchange.route = route.pattern;
        RequestContext ctx(exchange, url, std::move(params));
        CheckGuard(route, ctx);
        return route.handler(ctx);
    }

    bool api = url.path().starts_with("/api/");
    if (path_known) {
        exchange.route = "method_not_allowed";
        throw ApiError(405, "method_not_allowed", "不支持此请求方法");
    }
    if (!api && fallback_ && (lookup == bhttp::verb::get)) {
        exchange.route = "static";
        RequestContext ctx(exchange, url, {});
        return fallback_(ctx);
    }
    throw NotFound("请求的接口不存在");
}

void Router::CheckGuard(const Route& route, RequestContext& ctx) const {
    if (route.guard.kind == Guard::Kind::kPublic) return;

    auto principal = authenticator_(ctx.exchange());
    if (!principal) throw ApiError(401, "auth.required", "请先登录");

    if (route.guard.csrf && IsWrite(route.method)) {
        auto sent = ctx.request()["X-CSRF-Token"];
        if (sent.empty() || !security::ConstantTimeEquals(sent, principal->csrf_token)) {
            throw ApiError(403, "csrf.invalid", "请求缺少有效的安全令牌，请刷新页面后重试");
        }
    }
    if (route.guard.permission && !core::Allows(principal->user.role, *route.guard.permission)) {
        throw Forbidden();
    }
    ctx.set_principal(std::move(*principal));
}

Response JsonResponse(const Request& request, unsigned status, const boost::json::value& body) {
    Response response{static_cast<bhttp::status>(status), request.version()};
    response.set(bhttp::field::content_type, "application/json; charset=utf-8");
    response.set(bhttp::field::cache_control, "no-store");
    response.keep_alive(request.keep_alive());
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return response;
}

Response ErrorResponse(const Request& request, unsigned status, std::string_view code,
                       std::string_view message, std::string_view field) {
    boost::json::object error{{"code", code}, {"message", message}};
    if (!field.empty()) error["field"] = field;
    return JsonResponse(request, status, boost::json::object{{"error", std::move(error)}});
}

Response EmptyResponse(const Request& request, unsigned status) {
    Response response{static_cast<bhttp::status>(status), request.version()};
    response.keep_alive(request.keep_alive());
    response.set(bhttp::field::cache_control, "no-store");
    response.prepare_payload();
    return response;
}

}  // namespace xinfang::http
