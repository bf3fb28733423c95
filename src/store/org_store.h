#pragma once

// Reading and writing the organisation (regions, units, leaders, case groups). Every function
// works inside the caller's transaction; writes throw DbError (kUnique for a taken name).

#include <optional>
#include <vector>

#include "core/org.h"
#include "store/database.h"

namespace xinfang::store {

std::vector<core::Region> ListRegions(Transaction& tx);
std::optional<core::Region> FindRegion(Transaction& tx, std::int64_t id);
std::int64_t InsertRegion(Transaction& tx, const core::Region& region);
void UpdateRegion(Transaction& tx, const core::Region& region);

std::vector<core::Unit> ListUnits(Transaction& tx, std::optional<core::UnitKind> kind);
std::optional<core::Unit> FindUnit(Transaction& tx, std::int64_t id);
std::int64_t InsertUnit(Transaction& tx, const core::Unit& unit);
void UpdateUnit(Transaction& tx, const core::Unit& unit);

std::vector<core::Leader> ListLeaders(Transaction& tx);
std::optional<core::Leader> FindLeader(Transaction& tx, std::int64_t id);
std::int64_t InsertLeader(Transaction& tx, const core::Leader& leader);
void UpdateLeader(Transaction& tx, const core::Leader& leader);

std::vector<core::Group> ListGroups(Transaction& tx);
std::optional<core::Group> FindGroup(Transaction& tx, std::int64_t id);
// Inserts the group and its regions (group.regions ids; names are ignored).
std::int64_t InsertGroup(Transaction& tx, const core::Group& group);
void UpdateGroup(Transaction& tx, const core::Group& group);
// The active group other than `except_group` that already covers the region, if any: a region
// belongs to one group at a time.
std::optional<core::NamedRef> GroupCoveringRegion(Transaction& tx, std::int64_t region_id,
                                                  std::int64_t except_group);

}  // namespace xinfang::store
