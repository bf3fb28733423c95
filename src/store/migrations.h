#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace xinfang::store {

struct Migration {
    int version;
    std::string name;
    std::string sql;           // both engines; {ID} and {BLOB} expand per engine
    std::string sqlite_only;   // appended on SQLite (triggers differ in syntax)
    std::string postgres_only; // appended on PostgreSQL
};

// Every schema change the program knows, in order. A released migration is never edited: a
// change is a new migration with the next number.
const std::vector<Migration>& AllMigrations();

struct MigrationReport {
    int from_version = 0;
    int to_version = 0;
    std::vector<std::string> applied;
};

// Brings the schema up to the newest version, each migration in its own transaction, recording
// it in schema_migrations. Running it on an up-to-date database changes nothing. Throws DbError
// when a migration fails (that migration is rolled back; earlier ones stay).
MigrationReport Migrate(Database& db);

// The newest version recorded in the database, 0 for an empty one.
int SchemaVersion(Database& db);

}  // namespace xinfang::store
