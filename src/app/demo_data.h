#pragma once

#include <filesystem>
#include <string>

#include "store/database.h"

namespace xinfang::app {

// Loads the seed's organisation (data/demo/organisation.json: regions, leaders, units, the six
// groups) and the demo accounts, all with `password`. Does nothing and returns false when the
// database already has regions, so `init --demo` can run twice. Throws std::runtime_error when
// the file is missing or malformed.
bool LoadDemoData(store::Database& db, const std::filesystem::path& file,
                  const std::string& password);

}  // namespace xinfang::app
