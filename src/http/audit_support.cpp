#include "http/audit_support.h"

#include "core/date.h"
#include "core/log.h"
#include "store/audit_store.h"

namespace xinfang::http {
namespace json = boost::json;

json::object Changes(const json::object& before, const json::object& after) {
    json::object changes;
    for (const auto& [key, value] : after) {
        const json::value* old = before.if_contains(key);
        if (old && *old == value) continue;
        changes[key] = json::array{old ? *old : json::value(nullptr), value};
    }
    return changes;
}

void RecordAudit(store::Transaction& tx, const core::User& actor, std::string action,
                 std::string entity, std::optional<std::int64_t> entity_id,
                 const json::object& changes) {
    store::AuditEntry entry;
    entry.at = core::NowSeconds();
    // Id 0 is the command line (`xinfang init`, `xinfang user`): an operator, not an account.
    if (actor.id != 0) entry.user_id = actor.id;
    entry.username = actor.username;
    entry.action = std::move(action);
    entry.entity = std::move(entity);
    entry.entity_id = entity_id;
    entry.changes_json = json::serialize(changes);

    // The state-change log line names the record, never its contents.
    core::LogInfo("audit " + entry.action + " " + entry.entity +
                  (entity_id ? " id=" + std::to_string(*entity_id) : std::string()) +
                  " by user=" + std::to_string(actor.id));
    store::AppendAudit(tx, std::move(entry));
}

}  // namespace xinfang::http
