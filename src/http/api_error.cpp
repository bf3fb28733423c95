#include "http/api_error.h"

namespace xinfang::http {

ApiError ValidationError(std::string code, std::string message, std::string field) {
    return ApiError(400, std::move(code), std::move(message), std::move(field));
}

ApiError NotFound(std::string message) { return ApiError(404, "not_found", std::move(message)); }

ApiError Forbidden(std::string message) {
    return ApiError(403, "access.forbidden", std::move(message));
}

ApiError Conflict(std::string code, std::string message, std::string field) {
    return ApiError(409, std::move(code), std::move(message), std::move(field));
}

}  // namespace xinfang::http
