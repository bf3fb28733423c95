#pragma once

// Reading a JSON request body field by field. Each getter checks presence, type and bounds and
// throws a 400 ApiError naming the field (in `field`) with a Chinese message using the field's
// label, so every handler rejects bad input the same way. Unknown fields are ignored.

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/server.h"

namespace xinfang::http {

// JSON bodies are small; only uploads (raw bodies) may use the server's larger limit.
inline constexpr std::size_t kMaxJsonBytes = 1024 * 1024;

class JsonBody {
public:
    // Checks the size (413 over kMaxJsonBytes), the content type (415) and parses (400 json.malformed for broken JSON or broken
    // UTF-8, json.not_object when the top level is not an object).
    static JsonBody Parse(const Request& request);
    explicit JsonBody(boost::json::object object) : object_(std::move(object)) {}

    bool Has(std::string_view name) const;
    // Present with the value null.
    bool IsNull(std::string_view name) const;

    // Text is trimmed of surrounding white space; length counts characters, not bytes.
    std::string RequiredString(std::string_view name, std::string_view label,
                               std::size_t max_chars) const;
    std::optional<std::string> OptionalString(std::string_view name, std::string_view label,
                                              std::size_t max_chars) const;
    std::int64_t RequiredInt(std::string_view name, std::string_view label, std::int64_t min,
                             std::int64_t max) const;
    std::optional<std::int64_t> OptionalInt(std::string_view name, std::string_view label,
                                            std::int64_t min, std::int64_t max) const;
    std::optional<bool> OptionalBool(std::string_view name, std::string_view label) const;
    std::optional<std::vector<std::int64_t>> OptionalIdList(std::string_view name,
                                                            std::string_view label) const;

    // For PATCH of a field that cannot be empty: an explicit null is an error, not "unchanged".
    void ForbidNull(std::string_view name, std::string_view label) const;

    const boost::json::object& object() const { return object_; }

private:
    const boost::json::value* Find(std::string_view name) const;

    boost::json::object object_;
};

// Number of Unicode characters in valid UTF-8 text.
std::size_t Utf8Length(std::string_view text);

// Parses a positive integer id from a path segment; 404 when it is not one (an id that cannot
// exist names no resource).
std::int64_t ParseId(std::string_view text);

}  // namespace xinfang::http
