#include "store/database.h"

#include <charconv>

#include "store/postgres/postgres_engine.h"
#include "store/sqlite/sqlite_engine.h"

namespace xinfang::store {

std::int64_t Value::AsInt() const {
    if (auto* i = std::get_if<std::int64_t>(&v_)) return *i;
    if (auto* d = std::get_if<double>(&v_)) return static_cast<std::int64_t>(*d);
    if (auto* s = std::get_if<std::string>(&v_)) {
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
        if (ec == std::errc() && ptr == s->data() + s->size()) return out;
    }
    throw std::logic_error("value is not an integer");
}

double Value::AsDouble() const {
    if (auto* d = std::get_if<double>(&v_)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&v_)) return std::stod(*s);
    throw std::logic_error("value is not a number");
}

const std::string& Value::AsText() const {
    if (auto* s = std::get_if<std::string>(&v_)) return *s;
    throw std::logic_error("value is not text");
}

const Blob& Value::AsBlob() const {
    if (auto* b = std::get_if<Blob>(&v_)) return *b;
    throw std::logic_error("value is not a blob");
}

std::optional<std::int64_t> Value::OptInt() const {
    if (IsNull()) return std::nullopt;
    return AsInt();
}

std::optional<std::string> Value::OptText() const {
    if (IsNull()) return std::nullopt;
    return AsText();
}

std::size_t Rows::ColumnIndex(std::string_view name) const {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i] == name) return i;
    }
    throw std::logic_error("no column named " + std::string(name));
}

const Value& Rows::Row::operator[](std::size_t column) const {
    return rows_->rows_.at(index_).at(column);
}

const Value& Rows::Row::operator[](std::string_view column) const {
    return rows_->rows_.at(index_).at(rows_->ColumnIndex(column));
}

std::unique_ptr<Database> Open(const std::string& url, int pool_size) {
    if (url.starts_with("sqlite:")) return sqlite::OpenSqlite(url.substr(7), pool_size);
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return postgres::OpenPostgres(url, pool_size);
    }
    throw DbError(DbError::Kind::kConnection,
                  "unsupported database URL (expected sqlite:PATH or postgresql://...)");
}

Transaction::Transaction(Database& db, Mode mode) : conn_(db.Acquire()), engine_(db.engine()) {
    conn_->Begin(mode == Mode::kWrite);
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        conn_->Rollback();
    } catch (...) {
        // A failed rollback leaves nothing to undo: the engine drops the transaction with the
        // broken connection, and the pool resets it on the next Acquire.
    }
}

std::int64_t Transaction::InsertReturningId(std::string_view sql, const Params& params) {
    Rows rows = conn_->Query(sql, params);
    if (rows.empty()) throw std::logic_error("INSERT ... RETURNING produced no row");
    return rows.front()[0].AsInt();
}

void Transaction::Commit() {
    conn_->Commit();
    done_ = true;
}

std::string ContainsPattern(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back('%');
    return out;
}

}  // namespace xinfang::store
