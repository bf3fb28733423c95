#include "store/sqlite/sqlite_engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace xinfang::store::sqlite {
namespace {

class SqliteEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("xinfang-sqlite-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        std::filesystem::remove(path_);
        db_ = OpenSqlite(path_.string(), 2);
    }
    void TearDown() override {
        db_.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::filesystem::remove(path_.string() + suffix);
        }
    }

    std::filesystem::path path_;
    std::unique_ptr<Database> db_;
};

TEST(RewriteParametersTest, RewritesDollarParametersOutsideQuotes) {
    EXPECT_EQ(RewriteParameters("SELECT $1, '$2', \"$3\", $10"), "SELECT ?1, '$2', \"$3\", ?10");
    EXPECT_EQ(RewriteParameters("SELECT 'it''s $1' || $2"), "SELECT 'it''s $1' || ?2");
}

TEST_F(SqliteEngineTest, RoundTripsEveryKindOfValue) {
    Transaction tx(*db_, Transaction::Mode::kWrite);
    Rows rows = tx.Query("SELECT $1 AS n, $2 AS i, $3 AS d, $4 AS t, $5 AS b",
                         {nullptr, INT64_MAX, 2.5, "噪声扰民", Blob{0, 1, 0, 255}});
    auto row = rows.front();
    EXPECT_TRUE(row["n"].IsNull());
    EXPECT_EQ(row["i"].AsInt(), INT64_MAX);
    EXPECT_DOUBLE_EQ(row["d"].AsDouble(), 2.5);
    EXPECT_EQ(row["t"].AsText(), "噪声扰民");
    EXPECT_EQ(row["b"].AsBlob(), (Blob{0, 1, 0, 255}));
}

TEST_F(SqliteEngineTest, ReportsUniqueViolationsByKind) {
    Transaction tx(*db_, Transaction::Mode::kWrite);
    tx.Exec("CREATE TABLE t (name TEXT UNIQUE)");
    tx.Exec("INSERT INTO t VALUES ($1)", {"a"});
    try {
        tx.Exec("INSERT INTO t VALUES ($1)", {"a"});
        FAIL() << "expected a unique violation";
    } catch (const DbError& error) {
        EXPECT_EQ(error.kind(), DbError::Kind::kUnique);
    }
}

TEST_F(SqliteEngineTest, UncommittedTransactionRollsBack) {
    {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        tx.Exec("CREATE TABLE t (x INTEGER)");
        tx.Commit();
    }
    {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        tx.Exec("INSERT INTO t VALUES (1)");
    }
    Transaction tx(*db_, Transaction::Mode::kRead);
    EXPECT_EQ(tx.Query("SELECT COUNT(*) AS n FROM t").front()["n"].AsInt(), 0);
}

TEST_F(SqliteEngineTest, ConcurrentWritersQueueInsteadOfFailing) {
    {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        tx.Exec("CREATE TABLE counter (n INTEGER)");
        tx.Exec("INSERT INTO counter VALUES (0)");
        tx.Commit();
    }
    auto work = [this] {
        for (int i = 0; i < 50; ++i) {
            Transaction tx(*db_, Transaction::Mode::kWrite);
            std::int64_t n = tx.Query("SELECT n FROM counter").front()["n"].AsInt();
            tx.Exec("UPDATE counter SET n = $1", {n + 1});
            tx.Commit();
        }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
    Transaction tx(*db_, Transaction::Mode::kRead);
    EXPECT_EQ(tx.Query("SELECT n FROM counter").front()["n"].AsInt(), 100);
}

}  // namespace
}  // namespace xinfang::store::sqlite
