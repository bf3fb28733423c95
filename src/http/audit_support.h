#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/org.h"
#include "store/database.h"

namespace xinfang::http {

// `{"field": [old, new]}` for each field whose value differs between two JSON views of an
// entity; a field only in `after` is recorded with old = null. Callers leave secrets (password
// hashes, personal data) out of both views.
boost::json::object Changes(const boost::json::object& before, const boost::json::object& after);

// Appends an audit entry for `actor` inside the transaction of the change it describes.
void RecordAudit(store::Transaction& tx, const core::User& actor, std::string action,
                 std::string entity, std::optional<std::int64_t> entity_id,
                 const boost::json::object& changes);

}  // namespace xinfang::http
