#pragma once

// Matches a request to a route, enforces the route's guard (session, permission, CSRF token on
// writes), runs the handler and turns every failure into the error format of DESIGN.md §5.
// This is the single catch point of the API: handlers throw, the router answers.

#include <boost/json.hpp>
#include <boost/url.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access.h"
#include "core/org.h"
#include "http/server.h"

namespace xinfang::http {

// The signed-in user behind a request.
struct Principal {
    core::User user;
    std::string csrf_token;
    std::string session_token_hash;
};

struct Guard {
    enum class Kind { kPublic, kSignedIn };
    Kind kind = Kind::kSignedIn;
    std::optional<core::Permission> permission;
    // Writes need the CSRF token except where there is no session yet (logging in).
    bool csrf = true;

    static Guard Public() { return {Kind::kPublic, std::nullopt, false}; }
    static Guard SignedIn() { return {Kind::kSignedIn, std::nullopt, true}; }
    static Guard Requires(core::Permission p) { return {Kind::kSignedIn, p, true}; }
};

class RequestContext {
public:
    RequestContext(Exchange& exchange, boost::urls::url_view url,
                   std::vector<std::pair<std::string, std::string>> params)
        : exchange_(exchange), url_(url), params_(std::move(params)) {}

    Exchange& exchange() { return exchange_; }
    const Request& request() const { return exchange_.request; }
    // A `{name}` segment of the route pattern, percent-decoded.
    std::string_view Param(std::string_view name) const;
    // A query parameter, percent-decoded; nothing when absent.
    std::optional<std::string> Query(std::string_view name) const;

    const Principal& principal() const { return *principal_; }
    bool signed_in() const { return principal_.has_value(); }
    void set_principal(Principal principal) { principal_ = std::move(principal); }

private:
    Exchange& exchange_;
    boost::urls::url_view url_;
    std::vector<std::pair<std::string, std::string>> params_;
    std::optional<Principal> principal_;
};

using Handler = std::function<Response(RequestContext&)>;
// Finds the principal of a request's session cookie, or nothing when it has none or it expired.
using Authenticator = std::function<std::optional<Principal>(const Exchange&)>;

class Router {
public:
    explicit Router(Authenticator authenticator) : authenticator_(std::move(authenticator)) {}

    void Add(boost::beast::http::verb method, std::string pattern, Guard guard, Handler handler);
    // For GET/HEAD requests outside /api/ that match no route (the web app's files).
    void SetFallback(Handler handler) { fallback_ = std::move(handler); }

    // Never throws: any failure becomes an error response.
    Response Dispatch(Exchange& exchange) const;

    // "GET /api/v1/regions/{id}" for every route, in registration order (`xinfang routes`).
    std::vector<std::string> Describe() const;

private:
    struct Route {
        boost::beast::http::verb method;
        std::string pattern;
        std::vector<std::string> segments;
        Guard guard;
        Handler handler;
    };

    Response Run(Exchange& exchange, boost::urls::url_view url) const;
    void CheckGuard(const Route& route, RequestContext& ctx) const;

    std::vector<Route> routes_;
    Handler fallback_;
    Authenticator authenticator_;
};

// Building responses.
Response JsonResponse(const Request& request, unsigned status, const boost::json::value& body);
Response ErrorResponse(const Request& request, unsigned status, std::string_view code,
                       std::string_view message, std::string_view field = {});
Response EmptyResponse(const Request& request, unsigned status);

}  // namespace xinfang::http
