#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace xinfang::store::sqlite {

// Opens (creating if needed) the SQLite file at `path` in WAL mode with foreign keys on, and
// returns a pool of `pool_size` connections to it. Throws DbError(kConnection) when the file
// cannot be opened.
std::unique_ptr<Database> OpenSqlite(const std::string& path, int pool_size);

// Rewrites PostgreSQL-style `$N` parameters to SQLite's `?N`, leaving string literals and
// quoted identifiers alone. Exposed for tests.
std::string RewriteParameters(std::string_view sql);

}  // namespace xinfang::store::sqlite
