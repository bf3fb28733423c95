#include "store/postgres/postgres_engine.h"

#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <mutex>
#include <new>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

namespace xinfang::store::postgres {
namespace {

// Type OIDs are fixed by the server's catalog (pg_type.dat); libpq does not export them.
constexpr Oid kBoolOid = 16;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

constexpr int kTextFormat = 0;
constexpr int kBinaryFormat = 1;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;
using ConnPtr = std::unique_ptr<PGconn, decltype(&PQfinish)>;

std::string ClientMessage(const PGconn* conn) {
    std::string message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    return "PostgreSQL: " + message;
}

DbError::Kind KindOf(std::string_view sqlstate) {
    if (sqlstate == "23505") return DbError::Kind::kUnique;
    if (sqlstate.starts_with("23")) return DbError::Kind::kConstraint;
    if (sqlstate == "40001" || sqlstate == "40P01") return DbError::Kind::kSerialization;
    if (sqlstate.starts_with("08")) return DbError::Kind::kConnection;
    return DbError::Kind::kOther;
}

// The primary message names tables, columns and constraints but not values, except for data
// exceptions (class 22), which quote the rejected input; DETAIL is never used because it quotes
// key values.
std::string ServerMessage(std::string_view sqlstate, const PGresult* result) {
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string message = "PostgreSQL: ";
    if (sqlstate.starts_with("22") || primary == nullptr) {
        message += "data exception";
    } else {
        message += primary;
    }
    return message + " (SQLSTATE " + std::string(sqlstate) + ")";
}

// Without a SQLSTATE the error arose in libpq itself, most often because the connection died.
DbError ErrorFrom(const PGconn* conn, const PGresult* result) {
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    bool connection_lost = PQstatus(conn) != CONNECTION_OK;
    if (sqlstate == nullptr) {
        return DbError(connection_lost ? DbError::Kind::kConnection : DbError::Kind::kOther,
                       ClientMessage(conn));
    }

    DbError::Kind kind = connection_lost ? DbError::Kind::kConnection : KindOf(sqlstate);
    return DbError(kind, ServerMessage(sqlstate, result));
}

std::string DoubleText(double value) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, end);
}

// libpq takes parameters as parallel arrays; text_ owns the strings that values_ points into.
// Blobs go in binary, typed bytea, so they need no escaping and may contain zero bytes; other
// parameters leave their type to the server, which infers it from the statement.
class ParamArrays {
public:
    explicit ParamArrays(const Params& params)
        : text_(params.size()),
          types_(params.size(), 0),
          values_(params.size(), nullptr),
          lengths_(params.size(), 0),
          formats_(params.size(), kTextFormat) {
        for (std::size_t i = 0; i < params.size(); ++i) Set(i, params[i]);
    }

    int count() const { return static_cast<int>(values_.size()); }
    const Oid* types() const { return types_.data(); }
    const char* const* values() const { return values_.data(); }
    const int* lengths() const { return lengths_.data(); }
    const int* formats() const { return formats_.data(); }

private:
    void Set(std::size_t i, const Value& value) {
        if (value.IsNull()) return;

        if (value.IsBlob()) {
            const Blob& blob = value.AsBlob();
            types_[i] = kByteaOid;
            // An empty vector's data() may be null, which libpq would send as SQL NULL.
            values_[i] = blob.empty() ? "" : reinterpret_cast<const char*>(blob.data());
            lengths_[i] = static_cast<int>(blob.size());
            formats_[i] = kBinaryFormat;
            return;
        }

        if (value.IsInt()) {
            text_[i] = std::to_string(value.AsInt());
        } else if (value.IsDouble()) {
            text_[i] = DoubleText(value.AsDouble());
        } else {
            text_[i] = value.AsText();
        }
        values_[i] = text_[i].c_str();
    }

    std::vector<std::string> text_;
    std::vector<Oid> types_;
    std::vector<const char*> values_;
    std::vector<int> lengths_;
    std::vector<int> formats_;
};

std::int64_t ParseInt(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw DbError(DbError::Kind::kOther, "PostgreSQL: malformed integer in result");
    }
    return value;
}

double ParseDouble(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw DbError(DbError::Kind::kOther, "PostgreSQL: malformed number in result");
    }
    return value;
}

Value ParseNumeric(std::string_view text) {
    std::int64_t integer = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (ec == std::errc() && end == text.data() + text.size()) return Value(integer);
    return Value(ParseDouble(text));
}

Blob ParseBytea(const char* text) {
    std::size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (bytes == nullptr) throw std::bad_alloc();
    Blob blob(bytes, bytes + length);
    PQfreemem(bytes);
    return blob;
}

Value FieldValue(const PGresult* result, int row, int column) {
    if (PQgetisnull(result, row, column)) return Value();

    const char* text = PQgetvalue(result, row, column);
    std::string_view view(text, static_cast<std::size_t>(PQgetlength(result, row, column)));
    switch (PQftype(result, column)) {
        case kInt2Oid:
        case kInt4Oid:
        case kInt8Oid:
        case kOidOid:
            return Value(ParseInt(view));
        case kFloat4Oid:
        case kFloat8Oid:
            return Value(ParseDouble(view));
        case kNumericOid:
            return ParseNumeric(view);
        case kBoolOid:
            return Value(view == "t");
        case kByteaOid:
            return Value(ParseBytea(text));
        default:
            return Value(std::string(view));
    }
}

Rows RowsFrom(const PGresult* result) {
    int column_count = PQnfields(result);
    std::vector<std::string> columns;
    columns.reserve(column_count);
    for (int c = 0; c < column_count; ++c) columns.emplace_back(PQfname(result, c));

    int row_count = PQntuples(result);
    std::vector<std::vector<Value>> rows(row_count);
    for (int r = 0; r < row_count; ++r) {
        rows[r].reserve(column_count);
        for (int c = 0; c < column_count; ++c) rows[r].push_back(FieldValue(result, r, c));
    }
    return Rows(std::move(columns), std::move(rows));
}

bool Succeeded(const PGresult* result) {
    if (result == nullptr) return false;
    ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Notices (such as "relation already exists, skipping" from idempotent migrations) would
// otherwise go to stderr, the service's log, as unstructured noise; nothing in them needs action.
void IgnoreNotice(void*, const char*) {}

class PgConnection final : public Connection {
public:
    explicit PgConnection(ConnPtr conn) : conn_(std::move(conn)) {}

    Rows Query(std::string_view sql, const Params& params) override {
        return RowsFrom(Run(sql, params).get());
    }

    std::int64_t Exec(std::string_view sql, const Params& params) override {
        ResultPtr result = Run(sql, params);
        std::string_view changed = PQcmdTuples(result.get());
        return changed.empty() ? 0 : ParseInt(changed);
    }

    void ExecScript(std::string_view sql) override { RunSimple(std::string(sql).c_str()); }

    // Write transactions rely on READ COMMITTED plus explicit row locks (database.h), so the
    // level is stated rather than taken from a server default that an operator may change.
    void Begin(bool write) override {
        RunSimple(write ? "BEGIN ISOLATION LEVEL READ COMMITTED, READ WRITE"
                        : "BEGIN ISOLATION LEVEL READ COMMITTED, READ ONLY");
    }

    void Commit() override { RunSimple("COMMIT"); }
    void Rollback() override { RunSimple("ROLLBACK"); }

    bool Healthy() override {
        ResultPtr result(PQexec(conn_.get(), "SELECT 1"), &PQclear);
        return result && PQresultStatus(result.get()) == PGRES_TUPLES_OK;
    }

    // Makes a pooled connection fit to lend: a broken one is re-established, and a transaction
    // that a previous holder left open is rolled back.
    void PrepareForLease() {
        if (PQstatus(conn_.get()) != CONNECTION_OK) {
            PQreset(conn_.get());
            prepared_.clear();  // a new session has none of the old one's statements
            if (PQstatus(conn_.get()) != CONNECTION_OK) {
                throw DbError(DbError::Kind::kConnection, ClientMessage(conn_.get()));
            }
            EnsureUtc();
            return;
        }
        if (PQtransactionStatus(conn_.get()) != PQTRANS_IDLE) Rollback();
    }

    // The session time zone normally arrives in the startup options, but options given in the
    // URL replace ours; the server reports the zone in effect, so it is checked after connecting.
    void EnsureUtc() {
        const char* zone = PQparameterStatus(conn_.get(), "TimeZone");
        if (zone == nullptr || std::string_view(zone) != "UTC") RunSimple("SET TimeZone TO 'UTC'");
    }

private:
    ResultPtr Run(std::string_view sql, const Params& params) {
        ParamArrays arrays(params);
        const std::string& name = Prepared(sql, arrays);
        ResultPtr result(PQexecPrepared(conn_.get(), name.c_str(), arrays.count(), arrays.values(),
                                        arrays.lengths(), arrays.formats(), kTextFormat),
                         &PQclear);
        if (!Succeeded(result.get())) throw ErrorFrom(conn_.get(), result.get());
        return result;
    }

    // Statements are prepared once per connection and kept, as the SQLite engine does: planning
    // a petition query with its joins took ten to twenty times longer than running it
    // (docs/benchmarks.md). Parameter types are those of the first call: unknown, so the server
    // infers them from the statement as it did for unnamed statements, except bytea.
    const std::string& Prepared(std::string_view sql, const ParamArrays& arrays) {
        std::string key(sql);
        auto found = prepared_.find(key);
        if (found != prepared_.end()) return found->second;
        std::string name = "xf_" + std::to_string(prepared_.size() + 1);
        ResultPtr result(
            PQprepare(conn_.get(), name.c_str(), key.c_str(), arrays.count(), arrays.types()),
            &PQclear);
        if (!Succeeded(result.get())) throw ErrorFrom(conn_.get(), result.get());
        return prepared_.emplace(std::move(key), std::move(name)).first->second;
    }

    void RunSimple(const char* sql) {
        ResultPtr result(PQexec(conn_.get(), sql), &PQclear);
        if (!Succeeded(result.get())) throw ErrorFrom(conn_.get(), result.get());
    }

    ConnPtr conn_;
    std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

std::unique_ptr<PgConnection> Connect(const std::string& conninfo) {
    // libpq applies keywords in order, so those before dbname are defaults that the URL may
    // override and those after it are imposed: the engine decodes every result as UTF-8.
    const char* const keywords[] = {"fallback_application_name",
                                    "connect_timeout",
                                    "options",
                                    "dbname",
                                    "client_encoding",
                                    nullptr};
    const char* const values[] = {"xinfang",        "10",   "-c TimeZone=UTC",
                                  conninfo.c_str(), "UTF8", nullptr};
    ConnPtr conn(PQconnectdbParams(keywords, values, /*expand_dbname=*/1), &PQfinish);
    if (conn == nullptr) throw std::bad_alloc();
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        throw DbError(DbError::Kind::kConnection, ClientMessage(conn.get()));
    }

    PQsetNoticeProcessor(conn.get(), IgnoreNotice, nullptr);
    auto connection = std::make_unique<PgConnection>(std::move(conn));
    connection->EnsureUtc();
    return connection;
}

// Shared by the Database and every lease, so that a lease released after the Database is gone
// still has a pool to return to.
class Pool : public std::enable_shared_from_this<Pool> {
public:
    Pool(std::string conninfo, int capacity) : conninfo_(std::move(conninfo)), capacity_(capacity) {
        // Reserved so that returning a connection never allocates (Return is noexcept).
        idle_.reserve(capacity_);
        idle_.push_back(Connect(conninfo_));
        open_ = 1;
    }

    std::shared_ptr<Connection> Acquire() {
        std::unique_ptr<PgConnection> connection = Take();

        try {
            connection->PrepareForLease();
        } catch (...) {
            Return(connection.release());
            throw;
        }

        return std::shared_ptr<Connection>(connection.release(),
                                           [pool = shared_from_this()](Connection* c) {
                                               pool->Return(static_cast<PgConnection*>(c));
                                           });
    }

private:
    // Connections are opened outside the lock: connecting can take seconds and must not hold
    // up threads returning or taking idle ones.
    std::unique_ptr<PgConnection> Take() {
        std::unique_lock lock(mutex_);
        returned_.wait(lock, [this] { return !idle_.empty() || open_ < capacity_; });
        if (!idle_.empty()) {
            std::unique_ptr<PgConnection> connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }

        ++open_;
        lock.unlock();
        try {
            return Connect(conninfo_);
        } catch (...) {
            lock.lock();
            --open_;
            lock.unlock();
            returned_.notify_one();
            throw;
        }
    }

    void Return(PgConnection* connection) noexcept {
        {
            std::lock_guard lock(mutex_);
            idle_.emplace_back(connection);
        }
        returned_.notify_one();
    }

    const std::string conninfo_;
    const int capacity_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::unique_ptr<PgConnection>> idle_;
    int open_ = 0;
};

class PgDatabase final : public Database {
public:
    explicit PgDatabase(std::shared_ptr<Pool> pool) : pool_(std::move(pool)) {}

    Engine engine() const override { return Engine::kPostgres; }
    std::shared_ptr<Connection> Acquire() override { return pool_->Acquire(); }

private:
    std::shared_ptr<Pool> pool_;
};

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& conninfo_url, int pool_size) {
    if (pool_size < 1) throw DbError(DbError::Kind::kOther, "PostgreSQL: pool size must be >= 1");
    return std::make_unique<PgDatabase>(std::make_shared<Pool>(conninfo_url, pool_size));
}

}  // namespace xinfang::store::postgres
