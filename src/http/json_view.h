#pragma once

// The JSON shape of each organisation resource, as docs/openapi.yaml documents it.

#include <boost/json.hpp>
#include <optional>

#include "core/org.h"
#include "store/audit_store.h"

namespace xinfang::http {

boost::json::object ToJson(const core::Region& region);
boost::json::object ToJson(const core::Unit& unit);
boost::json::object ToJson(const core::Leader& leader);
boost::json::object ToJson(const core::Group& group);
boost::json::object ToJson(const core::User& user);
boost::json::object ToJson(const store::AuditEntry& entry);

// `{"items": [...], "total": N}`, the envelope of every list.
template <typename T>
boost::json::object ListJson(const std::vector<T>& items, std::int64_t total) {
    boost::json::array array;
    for (const auto& item : items) array.push_back(ToJson(item));
    return {{"items", std::move(array)}, {"total", total}};
}

template <typename T>
boost::json::value OptionalJson(const std::optional<T>& value) {
    if (!value) return nullptr;
    return boost::json::value_from(*value);
}

boost::json::value TimeJson(std::optional<std::int64_t> seconds);

}  // namespace xinfang::http
