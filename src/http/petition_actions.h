#pragma once

// The two halves of a workflow step after core::CheckTransition allowed it, shared by
// POST /api/v1/petitions/{id}/transitions and the bulk loader of bench/, so that generated
// petitions carry exactly the rows, timeline and audit entries the server would have written.

#include <boost/json.hpp>
#include <string_view>

#include "core/workflow.h"
#include "http/app_context.h"
#include "store/petition_store.h"

namespace xinfang::http {

// Applies the effects of an allowed action to `row` (and writes the supervision notice of
// `supervise`, answers the open one of `answer_supervision`); returns the timeline details.
// Throws ValidationError for an inactive handling unit.
boost::json::object ApplyAction(store::Transaction& tx, store::PetitionRow& row,
                                core::Action action, const core::TransitionPayload& payload,
                                std::int64_t at, const core::User& actor);

// Stores the step: the new status, the running deadline, the row (409 when `row.version` is
// stale; on success `row.version` is the new one), the timeline event and the audit entry.
void RecordStep(store::Transaction& tx, AppContext& app, const core::User& actor,
                store::PetitionRow& row, std::string_view code, core::PetitionStatus from,
                core::PetitionStatus to, std::int64_t at, const boost::json::object& details);

}  // namespace xinfang::http
