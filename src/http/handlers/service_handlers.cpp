#include "http/handlers/service_handlers.h"

#include "http/metrics.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace {

Response Health(AppContext& app, RequestContext& ctx) {
    bool healthy = false;
    try {
        healthy = app.db.Acquire()->Healthy();
    } catch (const std::exception&) {
        healthy = false;
    }
    json::object body{{"status", healthy ? "ok" : "error"},
                      {"database", healthy ? "ok" : "unavailable"}};
    return JsonResponse(ctx.request(), healthy ? 200 : 503, body);
}

Response MetricsText(AppContext& app, RequestContext& ctx) {
    Response response{bhttp::status::ok, ctx.request().version()};
    response.set(bhttp::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.set(bhttp::field::cache_control, "no-store");
    response.keep_alive(ctx.request().keep_alive());
    response.body() = app.metrics.RenderPrometheus();
    response.prepare_payload();
    return response;
}

}  // namespace

void AddServiceRoutes(Router& router, AppContext& app) {
    router.Add(bhttp::verb::get, "/healthz", Guard::Public(),
               [&app](RequestContext& ctx) { return Health(app, ctx); });
    router.Add(bhttp::verb::get, "/metrics", Guard::Public(),
               [&app](RequestContext& ctx) { return MetricsText(app, ctx); });
}

}  // namespace xinfang::http
