#include "store/sqlite/sqlite_engine.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>
#include <unordered_map>

namespace xinfang::store::sqlite {
namespace {

DbError ErrorFrom(sqlite3* db, int rc) {
    int extended = sqlite3_extended_errcode(db);
    std::string message = std::string("sqlite: ") + sqlite3_errmsg(db);
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return DbError(DbError::Kind::kUnique, message);
    }
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return DbError(DbError::Kind::kConstraint, message);
    if ((rc & 0xff) == SQLITE_BUSY) return DbError(DbError::Kind::kSerialization, message);
    return DbError(DbError::Kind::kOther, message);
}

constexpr int kBusyTimeoutMs = 10000;
constexpr int kRestartFrames = 16384;  // 64 MiB of log in 4 KiB pages

class SqliteConnection : public Connection {
public:
    // `writer` is shared by the connections of one database: see Begin.
    SqliteConnection(const std::string& path, std::timed_mutex& writer) : writer_(writer) {
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw DbError(DbError::Kind::kConnection,
                          "sqlite: cannot open " + path + ": " + message);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, kBusyTimeoutMs);
        // WAL with synchronous=NORMAL keeps every committed transaction across a process crash;
        // only a power loss can drop the last few, which DESIGN.md §6 does not ask for.
        // A 16 MB page cache per connection (SQLite's default is 2 MB) keeps the upper levels of
        // the petition and token indexes in memory at a million petitions, where the default
        // spent more time in page reads than in the queries; with the server's pool of ten
        // connections it stays within the memory budget of docs/benchmarks.md.
        ExecScript(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; "
            "PRAGMA journal_size_limit=67108864;");
    }

    ~SqliteConnection() override {
        for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }

    Rows Query(std::string_view sql, const Params& params) override {
        sqlite3_stmt* stmt = Prepare(sql, params);
        std::vector<std::string> columns;
        int count = sqlite3_column_count(stmt);
        for (int i = 0; i < count; ++i) columns.emplace_back(sqlite3_column_name(stmt, i));

        std::vector<std::vector<Value>> rows;
        while (Step(stmt)) {
            std::vector<Value> row;
            row.reserve(count);
            for (int i = 0; i < count; ++i) row.push_back(Column(stmt, i));
            rows.push_back(std::move(row));
        }
        return Rows(std::move(columns), std::move(rows));
    }

    std::int64_t Exec(std::string_view sql, const Params& params) override {
        sqlite3_stmt* stmt = Prepare(sql, params);
        while (Step(stmt)) {
        }
        return sqlite3_changes(db_);
    }

    void ExecScript(std::string_view sql) override {
        char* error = nullptr;
        std::string text(sql);
        int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
        if (rc != SQLITE_OK) {
            std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw DbError(DbError::Kind::kOther, "sqlite: " + message);
        }
    }

    // SQLite has one writer at a time. Writers of this process queue on a mutex before BEGIN
    // IMMEDIATE instead of in SQLite's busy handler, which polls with sleeps of up to 100 ms:
    // under sixteen concurrent registrations that polling, not the work, made the tail latency
    // (docs/benchmarks.md). Another process writing to the same file still meets the busy
    // timeout.
    void Begin(bool write) override {
        if (!write) {
            ExecScript("BEGIN");
            return;
        }
        if (!writer_.try_lock_for(std::chrono::milliseconds(kBusyTimeoutMs))) {
            throw DbError(DbError::Kind::kSerialization, "sqlite: database is locked");
        }
        holding_writer_ = true;
        try {
            ExecScript("BEGIN IMMEDIATE");
        } catch (...) {
            ReleaseWriter();
            throw;
        }
    }
    void Commit() override {
        ExecScript("COMMIT");
        ReleaseWriter();
    }
    void Rollback() override {
        try {
            if (!sqlite3_get_autocommit(db_)) ExecScript("ROLLBACK");
        } catch (...) {
            ReleaseWriter();
            throw;
        }
        ReleaseWriter();
    }
    // A PASSIVE checkpoint, which waits for no reader or writer. The log only starts again from
    // its beginning when no reader is using it, which under steady load may not happen; once
    // it is past kRestartFrames, a RESTART, holding the process's writer mutex so that this
    // process's writers queue on it rather than in SQLite's busy handler, waits for the readers
    // of the moment and lets the next writer start the log afresh.
    void Checkpoint(std::timed_mutex& writers) {
        int log = 0, copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
        if (rc != SQLITE_OK || log <= kRestartFrames) return;
        if (!writers.try_lock_for(std::chrono::seconds(1))) return;
        sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &copied);
        writers.unlock();
    }

    bool Healthy() override {
        try {
            Query("SELECT 1", {});
            return true;
        } catch (const DbError&) {
            return false;
        }
    }

private:
    void ReleaseWriter() {
        if (holding_writer_) {
            holding_writer_ = false;
            writer_.unlock();
        }
    }

    // Statements are prepared once per connection and kept: the server runs the same few
    // hundred statements over and over.
    sqlite3_stmt* Prepare(std::string_view sql, const Params& params) {
        std::string key(sql);
        auto found = statements_.find(key);
        sqlite3_stmt* stmt = nullptr;
        if (found != statements_.end()) {
            stmt = found->second;
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
        } else {
            std::string rewritten = RewriteParameters(sql);
            int rc = sqlite3_prepare_v3(db_, rewritten.c_str(), -1, SQLITE_PREPARE_PERSISTENT,
                                        &stmt, nullptr);
            if (rc != SQLITE_OK) throw ErrorFrom(db_, rc);
            statements_.emplace(std::move(key), stmt);
        }
        for (std::size_t i = 0; i < params.size(); ++i)
            Bind(stmt, static_cast<int>(i + 1), params[i]);
        return stmt;
    }

    void Bind(sqlite3_stmt* stmt, int index, const Value& value) {
        int rc = SQLITE_OK;
        if (value.IsNull()) {
            rc = sqlite3_bind_null(stmt, index);
        } else if (value.IsInt()) {
            rc = sqlite3_bind_int64(stmt, index, value.AsInt());
        } else if (value.IsDouble()) {
            rc = sqlite3_bind_double(stmt, index, value.AsDouble());
        } else if (value.IsText()) {
            const std::string& text = value.AsText();
            rc = sqlite3_bind_text64(stmt, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                     SQLITE_UTF8);
        } else {
            const Blob& blob = value.AsBlob();
            rc = sqlite3_bind_blob64(stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) throw ErrorFrom(db_, rc);
    }

    bool Step(sqlite3_stmt* stmt) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        DbError error = ErrorFrom(db_, rc);
        sqlite3_reset(stmt);
        throw error;
    }

    static Value Column(sqlite3_stmt* stmt, int i) {
        switch (sqlite3_column_type(stmt, i)) {
            case SQLITE_INTEGER:
                return Value(static_cast<std::int64_t>(sqlite3_column_int64(stmt, i)));
            case SQLITE_FLOAT:
                return Value(sqlite3_column_double(stmt, i));
            case SQLITE_TEXT: {
                auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                return Value(std::string(text, sqlite3_column_bytes(stmt, i)));
            }
            case SQLITE_BLOB: {
                auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
                return Value(Blob(data, data + sqlite3_column_bytes(stmt, i)));
            }
            default:
                return Value();
        }
    }

    sqlite3* db_ = nullptr;
    std::timed_mutex& writer_;
    bool holding_writer_ = false;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

// Copies the write-ahead log back into the database file every quarter second, on a connection
// and a thread of its own. SQLite would otherwise do it inside the commit that crosses 1,000
// pages of log, with an fsync, while that writer holds the write lock: a fifth of every
// registration's time at 100,000 petitions (docs/benchmarks.md). See Checkpoint for the modes.
class Checkpointer {
public:
    Checkpointer(const std::string& path, std::timed_mutex& writers)
        : writers_(writers),
          conn_(path, own_writer_),
          thread_([this](std::stop_token stop) { Run(stop); }) {}

private:
    void Run(std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!stop.stop_requested()) {
            // Wakes at once when the jthread is asked to stop (on destruction).
            if (wake_.wait_for(lock, stop, std::chrono::milliseconds(250), [] { return false; }) ||
                stop.stop_requested()) {
                break;
            }
            conn_.Checkpoint(writers_);
        }
    }

    std::timed_mutex& writers_;    // the pool's
    std::timed_mutex own_writer_;  // for conn_, which never writes through Begin
    SqliteConnection conn_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::jthread thread_;  // last: it uses the members above
};

class SqliteDatabase : public Database {
public:
    SqliteDatabase(const std::string& path, int pool_size) {
        for (int i = 0; i < pool_size; ++i) {
            free_.push_back(std::make_unique<SqliteConnection>(path, writer_));
            free_.back()->ExecScript("PRAGMA wal_autocheckpoint=0");
        }
        checkpointer_ = std::make_unique<Checkpointer>(path, writer_);
    }

    ~SqliteDatabase() override { checkpointer_.reset(); }

    Engine engine() const override { return Engine::kSqlite; }

    std::shared_ptr<Connection> Acquire() override {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return !free_.empty(); });
        SqliteConnection* conn = free_.back().release();
        free_.pop_back();
        return std::shared_ptr<Connection>(conn, [this](Connection* c) {
            std::lock_guard guard(mutex_);
            free_.emplace_back(static_cast<SqliteConnection*>(c));
            available_.notify_one();
        });
    }

private:
    std::timed_mutex writer_;  // before the connections, which refer to it
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<SqliteConnection>> free_;
    std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace

std::string RewriteParameters(std::string_view sql) {
    std::string out;
    out.reserve(sql.size());
    char quote = 0;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
            c = '?';
        }
        out.push_back(c);
    }
    return out;
}

std::unique_ptr<Database> OpenSqlite(const std::string& path, int pool_size) {
    return std::make_unique<SqliteDatabase>(path, pool_size);
}

}  // namespace xinfang::store::sqlite
