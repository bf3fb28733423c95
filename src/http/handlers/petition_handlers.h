#pragma once

#include "http/app_context.h"
#include "http/router.h"

namespace xinfang::http {

// /api/v1/petitions (register, list, search, detail), petitioners and their history, repeat
// candidates and links (docs/openapi.yaml, "petitions"; issue #3).
void AddPetitionRoutes(Router& router, AppContext& app);

// POST /api/v1/petitions/{id}/transitions: the workflow of DESIGN.md §3.
void AddPetitionActionRoutes(Router& router, AppContext& app);

// Inspections, follow-ups and attachments of a petition.
void AddInspectionRoutes(Router& router, AppContext& app);

// GET /api/v1/supervision and GET /api/v1/todo.
void AddSupervisionRoutes(Router& router, AppContext& app);

}  // namespace xinfang::http
