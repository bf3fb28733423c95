#pragma once

#include <filesystem>
#include <string>

#include "core/calendar.h"
#include "store/database.h"

namespace xinfang::app {

// Loads the seed's organisation (data/demo/organisation.json: regions, leaders, units, the six
// groups) and the demo accounts, all with `password`. Does nothing and returns false when the
// database already has regions, so `init --demo` can run twice. Throws std::runtime_error when
// the file is missing or malformed. It also saves and publishes the seed's 2023 reception days
// (Attachment 1), generated on `calendar`, and the sixteen key cases of Attachment 3
// (data/demo/key_cases.json in the same folder).
bool LoadDemoData(store::Database& db, const std::filesystem::path& file,
                  const std::string& password, const core::Calendar& calendar);

}  // namespace xinfang::app
