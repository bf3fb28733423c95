#pragma once

// The narrow storage interface that every repository in src/store/ is written against. Two
// engines implement it: SQLite (src/store/sqlite/) and PostgreSQL (src/store/postgres/).
//
// SQL is written once, in the PostgreSQL dialect subset that SQLite also understands, with
// positional parameters `$1`, `$2`, ...; the SQLite engine rewrites them to `?1`, `?2`.
// Where the dialects differ (column types in migrations), the statement uses a placeholder
// expanded by Dialect (see migrations.cpp).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace xinfang::store {

using Blob = std::vector<std::uint8_t>;

// One SQL value. Booleans are stored as integers 0/1 on both engines; timestamps as integer
// seconds since the Unix epoch (UTC); dates as 'YYYY-MM-DD' text.
class Value {
public:
    Value() = default;
    Value(std::nullptr_t) {}
    Value(std::int64_t v) : v_(v) {}
    Value(int v) : v_(static_cast<std::int64_t>(v)) {}
    Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
    Value(double v) : v_(v) {}
    Value(std::string v) : v_(std::move(v)) {}
    Value(std::string_view v) : v_(std::string(v)) {}
    Value(const char* v) : v_(std::string(v)) {}
    Value(Blob v) : v_(std::move(v)) {}
    template <typename T>
    Value(const std::optional<T>& v) {
        if (v) *this = Value(*v);
    }

    bool IsNull() const { return std::holds_alternative<std::monostate>(v_); }
    bool IsInt() const { return std::holds_alternative<std::int64_t>(v_); }
    bool IsDouble() const { return std::holds_alternative<double>(v_); }
    bool IsText() const { return std::holds_alternative<std::string>(v_); }
    bool IsBlob() const { return std::holds_alternative<Blob>(v_); }

    // Accessors convert where it is lossless (an integer read as double, numeric text read as
    // integer: PostgreSQL returns NUMERIC and some aggregates as text). They throw
    // std::logic_error on NULL or an impossible conversion: that is a bug in our SQL.
    std::int64_t AsInt() const;
    double AsDouble() const;
    const std::string& AsText() const;
    const Blob& AsBlob() const;
    bool AsBool() const { return AsInt() != 0; }

    std::optional<std::int64_t> OptInt() const;
    std::optional<std::string> OptText() const;

private:
    std::variant<std::monostate, std::int64_t, double, std::string, Blob> v_;
};

using Params = std::vector<Value>;

// The rows a query returned. Column lookup by name is for readability in repositories; it is a
// linear scan over a handful of columns.
class Rows {
public:
    Rows() = default;
    Rows(std::vector<std::string> columns, std::vector<std::vector<Value>> rows)
        : columns_(std::move(columns)), rows_(std::move(rows)) {}

    std::size_t size() const { return rows_.size(); }
    bool empty() const { return rows_.empty(); }
    const std::vector<std::string>& columns() const { return columns_; }

    class Row {
    public:
        Row(const Rows* rows, std::size_t index) : rows_(rows), index_(index) {}
        const Value& operator[](std::size_t column) const;
        const Value& operator[](std::string_view column) const;

    private:
        const Rows* rows_;
        std::size_t index_;
    };

    Row operator[](std::size_t index) const { return Row(this, index); }
    Row front() const { return Row(this, 0); }

    class Iterator {
    public:
        Iterator(const Rows* rows, std::size_t index) : rows_(rows), index_(index) {}
        Row operator*() const { return Row(rows_, index_); }
        Iterator& operator++() {
            ++index_;
            return *this;
        }
        bool operator!=(const Iterator& other) const { return index_ != other.index_; }

    private:
        const Rows* rows_;
        std::size_t index_;
    };
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, rows_.size()); }

private:
    friend class Row;
    std::size_t ColumnIndex(std::string_view name) const;

    std::vector<std::string> columns_;
    std::vector<std::vector<Value>> rows_;
};

// Thrown by engines. Kind lets the layers above translate without parsing messages.
class DbError : public std::runtime_error {
public:
    enum class Kind { kConstraint, kUnique, kSerialization, kConnection, kOther };
    DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

enum class Engine { kSqlite, kPostgres };

// `%text%` for `column LIKE $n ESCAPE '\'`: a `%`, `_` or backslash the user typed is matched as
// written, never as a wildcard. Both engines accept the same ESCAPE clause.
std::string ContainsPattern(std::string_view text);

// One connection. Not thread-safe; a Database hands each thread its own through Transaction.
class Connection {
public:
    virtual ~Connection() = default;
    virtual Rows Query(std::string_view sql, const Params& params = {}) = 0;
    // Runs a statement and returns the number of rows it changed.
    virtual std::int64_t Exec(std::string_view sql, const Params& params = {}) = 0;
    // Runs several statements without parameters (migrations).
    virtual void ExecScript(std::string_view sql) = 0;
    virtual void Begin(bool write) = 0;
    virtual void Commit() = 0;
    virtual void Rollback() = 0;
    virtual bool Healthy() = 0;
};

// A pool of connections to one database. Thread-safe.
class Database {
public:
    virtual ~Database() = default;
    virtual Engine engine() const = 0;
    // Blocks until a connection is free. The lease returns it to the pool on destruction.
    virtual std::shared_ptr<Connection> Acquire() = 0;
};

// Opens `sqlite:PATH` or `postgresql://...` (also `postgres://`). Throws DbError on a bad URL
// or a failed connection.
std::unique_ptr<Database> Open(const std::string& url, int pool_size = 8);

// A unit of work on one connection. Commits only when Commit() is called; otherwise the
// destructor rolls back, so an exception anywhere leaves the database unchanged.
//
// Write transactions on SQLite start with BEGIN IMMEDIATE (so that two writers serialise at the
// start instead of failing at commit); on PostgreSQL they run at READ COMMITTED, and code that
// needs more takes explicit row locks (SELECT ... FOR UPDATE).
class Transaction {
public:
    enum class Mode { kRead, kWrite };
    Transaction(Database& db, Mode mode);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Rows Query(std::string_view sql, const Params& params = {}) {
        return conn_->Query(sql, params);
    }
    std::int64_t Exec(std::string_view sql, const Params& params = {}) {
        return conn_->Exec(sql, params);
    }
    // Convenience for `INSERT ... RETURNING id`.
    std::int64_t InsertReturningId(std::string_view sql, const Params& params);
    Engine engine() const { return engine_; }
    void Commit();

private:
    std::shared_ptr<Connection> conn_;
    Engine engine_;
    bool done_ = false;
};

}  // namespace xinfang::store
