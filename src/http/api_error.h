#pragma once

// The API's one error representation (DESIGN.md §5): handlers throw ApiError, and the router
// turns it into `{"error": {"code", "message", "field"}}` in one place. Codes are stable English
// identifiers clients may rely on; messages are Chinese, for the people reading them.

#include <stdexcept>
#include <string>

namespace xinfang::http {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, std::string message, std::string field = {})
        : std::runtime_error(code),
          status_(status),
          code_(std::move(code)),
          message_(std::move(message)),
          field_(std::move(field)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& message() const { return message_; }
    const std::string& field() const { return field_; }

    // For a 429 or 503: how many seconds the client should wait, sent as Retry-After.
    int retry_after_seconds() const { return retry_after_seconds_; }
    ApiError& WithRetryAfter(int seconds) {
        retry_after_seconds_ = seconds;
        return *this;
    }

private:
    int status_;
    std::string code_;
    std::string message_;
    std::string field_;
    int retry_after_seconds_ = 0;
};

ApiError ValidationError(std::string code, std::string message, std::string field);
ApiError NotFound(std::string message = "请求的资源不存在");
ApiError Forbidden(std::string message = "没有权限执行此操作");
ApiError Conflict(std::string code, std::string message, std::string field = {});

}  // namespace xinfang::http
