#pragma once

// The PostgreSQL engine behind store::Database, on libpq.
//
// Values travel as text, except Blob parameters (binary, typed bytea). Result columns are
// converted by their type: integer types and oid become integers, float4/float8 doubles, numeric
// an integer when it is integral and fits in 64 bits (SUM over bigint returns numeric, and
// SQLite returns an integer there) and a double otherwise, bool 0/1, bytea a Blob, everything
// else text.
//
// Every session runs with client_encoding UTF8 and TimeZone UTC; application_name defaults to
// `xinfang` unless the URL sets one.
//
// Errors are DbError, classified by SQLSTATE: 23505 kUnique, other class 23 kConstraint,
// 40001/40P01 kSerialization, class 08 or a lost connection kConnection, the rest kOther. The
// message carries the server's primary message and the SQLSTATE, never parameter values or the
// server's DETAIL (which quotes key values); for class 22 (data exceptions, whose primary message
// quotes the offending input) only the SQLSTATE is given.

#include <memory>
#include <string>

#include "store/database.h"

namespace xinfang::store::postgres {

// Opens a pool of at most `pool_size` connections to the database named by `conninfo_url`, a
// libpq URI (`postgresql://user@host:port/db?...`) or keyword/value string. One connection is
// opened at once, to fail early on a bad URL or an unreachable server (DbError kConnection); the
// others are opened when Acquire() first needs them.
//
// Acquire() blocks while all `pool_size` connections are leased. A pooled connection found broken
// is re-established with PQreset, and one left inside a transaction is rolled back, before it is
// handed out; if the server stays unreachable Acquire() throws DbError kConnection. Leases may
// outlive the Database: the pool's state is shared with them.
std::unique_ptr<Database> OpenPostgres(const std::string& conninfo_url, int pool_size);

}  // namespace xinfang::store::postgres
