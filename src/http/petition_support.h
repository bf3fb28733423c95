#pragma once

// What the petition handlers share: who may see which petition, the deadlines of a petition on
// the official calendar, and the JSON shapes of docs/openapi.yaml ("petitions").

#include <boost/json.hpp>

#include "core/deadlines.h"
#include "core/petition.h"
#include "http/app_context.h"
#include "http/json_body.h"
#include "http/router.h"
#include "store/petition_store.h"

namespace xinfang::http {

// Narrows a filter to what the principal may see: a bureau officer its unit's assignments, a
// town contact the assigned petitions of its region.
void ApplyScope(const Principal& principal, AppContext& app, store::Transaction& tx,
                store::PetitionFilter& filter);

// The petition, if the principal may see it; otherwise 404, so that ids of other units'
// petitions do not leak.
store::PetitionRow LoadVisiblePetition(store::Transaction& tx, AppContext& app,
                                       const Principal& principal, std::int64_t id);

core::PetitionStatus StatusOf(const store::PetitionRow& row);
std::vector<core::PausedPeriod> PausesOf(const store::PetitionRow& row);
// The pauses column as the petition row holds it.
std::vector<core::PausedPeriod> ParsePauses(const std::string& pauses_json);
core::PetitionDeadlines DeadlinesOf(const store::PetitionRow& row, const AppContext& app);
// Stores the running deadline (next_due, next_due_kind) from the petition's current state.
void RefreshNextDue(store::PetitionRow& row, const AppContext& app);

// Today in China.
core::Date Today();

// The list shape of a petition; `petitioner` is null for roles that never see identities.
boost::json::object SummaryJson(const store::PetitionRow& row, const AppContext& app,
                                const Principal& principal);
boost::json::object DetailJson(store::Transaction& tx, AppContext& app, const Principal& principal,
                               const store::PetitionRow& row);
boost::json::object InspectionJson(const store::InspectionRow& row);
boost::json::object AttachmentJson(const store::AttachmentRow& row);

// The attachments a step or an inspection refers to (`attachment_ids` in its body), as
// `[{"id", "filename"}]` for its timeline entry; nothing when the body names none. 400 on
// `attachment_ids` when one of them is not an attachment of this petition.
std::optional<boost::json::array> ReferencedAttachments(store::Transaction& tx,
                                                        const JsonBody& body,
                                                        std::int64_t petition_id);

// The search tokens of a petition's text fields.
std::vector<std::string> SearchTokensOf(const store::PetitionRow& row);

}  // namespace xinfang::http

#include "core/workflow.h"

namespace xinfang::http {

// The facts the workflow rules look at for this petition and principal, without a payload.
core::TransitionFacts FactsFor(store::Transaction& tx, const AppContext& app,
                               const Principal& principal, const store::PetitionRow& row);

}  // namespace xinfang::http
