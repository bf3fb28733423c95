#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <thread>
#include <vector>

#include "store/postgres/postgres_engine.h"

namespace xinfang::store::postgres {
namespace {

// Runs against the server named by XINFANG_TEST_PG_URL (see scripts/pg-test.sh). Each test owns
// a table named after it, so tests may run in parallel processes against one database.
class PostgresEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* url = std::getenv("XINFANG_TEST_PG_URL");
        if (url == nullptr || *url == '\0') GTEST_SKIP() << "XINFANG_TEST_PG_URL is not set";
        url_ = url;
        db_ = OpenPostgres(url_, 4);

        table_ = "pgtest_";
        for (char c : std::string(testing::UnitTest::GetInstance()->current_test_info()->name())) {
            table_ += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        db_->Acquire()->ExecScript(
            Sql("DROP TABLE IF EXISTS {t};"
                "CREATE TABLE {t} (id BIGSERIAL PRIMARY KEY, i BIGINT, d DOUBLE PRECISION,"
                " t TEXT UNIQUE, b BYTEA)"));
    }

    void TearDown() override {
        if (db_) db_->Acquire()->ExecScript(Sql("DROP TABLE IF EXISTS {t}"));
    }

    // Replaces each `{t}` with this test's table name.
    std::string Sql(std::string_view pattern) const {
        std::string sql(pattern);
        for (auto at = sql.find("{t}"); at != std::string::npos; at = sql.find("{t}", at)) {
            sql.replace(at, 3, table_);
        }
        return sql;
    }

    std::int64_t CountRows() {
        return db_->Acquire()->Query(Sql("SELECT count(*) FROM {t}")).front()[0].AsInt();
    }

    std::string url_;
    std::unique_ptr<Database> db_;
    std::string table_;
};

TEST_F(PostgresEngineTest, ReportsPostgresEngine) { EXPECT_EQ(db_->engine(), Engine::kPostgres); }

TEST_F(PostgresEngineTest, RoundTripsEveryValueKind) {
    const std::int64_t large = std::numeric_limits<std::int64_t>::max();
    const std::int64_t small = std::numeric_limits<std::int64_t>::min();
    const std::string chinese = "生态环境局信访件：噪声扰民 🏭";
    const Blob bytes = {0x00, 0x01, 0x00, 0xff, 0x5c, 0x00};
    auto conn = db_->Acquire();

    conn->Exec(Sql("INSERT INTO {t} (id, i, d, t, b) VALUES (1, $1, $2, $3, $4)"),
               {large, 0.1, chinese, bytes});
    conn->Exec(Sql("INSERT INTO {t} (id, i, d, t, b) VALUES (2, $1, $2, $3, $4)"),
               {small, -1.5e300, "", Blob{}});
    conn->Exec(Sql("INSERT INTO {t} (id, i, d, t, b) VALUES (3, $1, $2, $3, $4)"),
               {nullptr, Value(), std::optional<std::string>(), Value()});
    Rows rows = conn->Query(Sql("SELECT i, d, t, b FROM {t} ORDER BY id"));

    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0]["i"].AsInt(), large);
    EXPECT_EQ(rows[0]["d"].AsDouble(), 0.1);
    EXPECT_EQ(rows[0]["t"].AsText(), chinese);
    EXPECT_EQ(rows[0]["b"].AsBlob(), bytes);
    EXPECT_EQ(rows[1]["i"].AsInt(), small);
    EXPECT_EQ(rows[1]["d"].AsDouble(), -1.5e300);
    EXPECT_EQ(rows[1]["t"].AsText(), "");
    EXPECT_TRUE(rows[1]["b"].AsBlob().empty());
    for (const char* column : {"i", "d", "t", "b"}) EXPECT_TRUE(rows[2][column].IsNull());
}

TEST_F(PostgresEngineTest, ConvertsResultColumnsByType) {
    Rows rows = db_->Acquire()->Query(
        "SELECT true AS yes, false AS no, 7::int2 AS i2, 8::int4 AS i4, 9::oid AS o,"
        " 0.5::float4 AS f4, 42::numeric AS whole, 2.25::numeric AS part,"
        " 123456789012345678901234::numeric AS huge, sum(x) AS total, '2024-01-02'::date AS day"
        " FROM (VALUES (9223372036854775000::bigint), (7)) AS v(x)");

    auto row = rows.front();
    EXPECT_EQ(row["yes"].AsInt(), 1);
    EXPECT_EQ(row["no"].AsInt(), 0);
    EXPECT_EQ(row["i2"].AsInt(), 7);
    EXPECT_EQ(row["i4"].AsInt(), 8);
    EXPECT_EQ(row["o"].AsInt(), 9);
    EXPECT_TRUE(row["f4"].IsDouble());
    EXPECT_EQ(row["f4"].AsDouble(), 0.5);
    EXPECT_TRUE(row["whole"].IsInt());
    EXPECT_EQ(row["whole"].AsInt(), 42);
    EXPECT_TRUE(row["part"].IsDouble());
    EXPECT_EQ(row["part"].AsDouble(), 2.25);
    EXPECT_DOUBLE_EQ(row["huge"].AsDouble(), 1.23456789012345678901234e23);
    EXPECT_EQ(row["total"].AsInt(), 9223372036854775007);
    EXPECT_EQ(row["day"].AsText(), "2024-01-02");
}

TEST_F(PostgresEngineTest, UniqueViolationIsKUniqueWithoutTheValue) {
    auto conn = db_->Acquire();
    conn->Exec(Sql("INSERT INTO {t} (t) VALUES ($1)"), {"张三 13800001111"});

    try {
        conn->Exec(Sql("INSERT INTO {t} (t) VALUES ($1)"), {"张三 13800001111"});
        FAIL() << "expected a unique violation";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kUnique);
        EXPECT_NE(std::string(e.what()).find("23505"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find("13800001111"), std::string::npos) << e.what();
    }
}

TEST_F(PostgresEngineTest, NotNullViolationIsKConstraint) {
    try {
        db_->Acquire()->Exec(Sql("INSERT INTO {t} (id) VALUES ($1)"), {nullptr});
        FAIL() << "expected a not-null violation";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kConstraint);
    }
}

TEST_F(PostgresEngineTest, DataExceptionHidesTheRejectedInput) {
    try {
        db_->Acquire()->Query("SELECT $1::bigint", {"身份证 110101199001011234"});
        FAIL() << "expected invalid input syntax";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kOther);
        EXPECT_EQ(std::string(e.what()).find("110101199001011234"), std::string::npos) << e.what();
    }
}

TEST_F(PostgresEngineTest, ExecReturnsChangedRowCount) {
    auto conn = db_->Acquire();

    EXPECT_EQ(conn->Exec(Sql("INSERT INTO {t} (i) VALUES (1), (2), (3)")), 3);
    EXPECT_EQ(conn->Exec(Sql("UPDATE {t} SET i = i + 10 WHERE i >= $1"), {2}), 2);
    EXPECT_EQ(conn->Exec(Sql("DELETE FROM {t} WHERE i = $1"), {99}), 0);
    EXPECT_EQ(conn->Exec(Sql("CREATE INDEX ON {t} (i)")), 0);
}

TEST_F(PostgresEngineTest, InsertReturningIdGivesEachRowItsId) {
    Transaction tx(*db_, Transaction::Mode::kWrite);

    std::int64_t first =
        tx.InsertReturningId(Sql("INSERT INTO {t} (i) VALUES ($1) RETURNING id"), {10});
    std::int64_t second =
        tx.InsertReturningId(Sql("INSERT INTO {t} (i) VALUES ($1) RETURNING id"), {20});
    tx.Commit();

    EXPECT_EQ(second, first + 1);
    EXPECT_EQ(
        db_->Acquire()->Query(Sql("SELECT i FROM {t} WHERE id = $1"), {second}).front()[0].AsInt(),
        20);
}

TEST_F(PostgresEngineTest, TransactionRollsBackWhenDestroyedWithoutCommit) {
    {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        tx.Exec(Sql("INSERT INTO {t} (i) VALUES (1)"));
    }
    EXPECT_EQ(CountRows(), 0);

    {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        tx.Exec(Sql("INSERT INTO {t} (i) VALUES (1)"));
        tx.Commit();
    }
    EXPECT_EQ(CountRows(), 1);
}

TEST_F(PostgresEngineTest, ReadTransactionRefusesWrites) {
    Transaction tx(*db_, Transaction::Mode::kRead);

    EXPECT_THROW(tx.Exec(Sql("INSERT INTO {t} (i) VALUES (1)")), DbError);
}

TEST_F(PostgresEngineTest, ExecScriptRunsSeveralStatements) {
    db_->Acquire()->ExecScript(
        Sql("INSERT INTO {t} (i) VALUES (1); INSERT INTO {t} (i) VALUES (2);"));

    EXPECT_EQ(CountRows(), 2);
}

TEST_F(PostgresEngineTest, SessionUsesUtcUtf8AndApplicationName) {
    Rows rows = db_->Acquire()->Query(
        "SELECT current_setting('TimeZone') AS zone, current_setting('client_encoding') AS enc,"
        " current_setting('application_name') AS app");

    EXPECT_EQ(rows.front()["zone"].AsText(), "UTC");
    EXPECT_EQ(rows.front()["enc"].AsText(), "UTF8");
    EXPECT_EQ(rows.front()["app"].AsText(), "xinfang");
}

TEST_F(PostgresEngineTest, ParallelAcquireFromFourThreads) {
    auto db = OpenPostgres(url_, 2);
    std::atomic<int> leased = 0;
    std::vector<std::thread> threads;

    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int n = 0; n < 25; ++n) {
                Transaction tx(*db, Transaction::Mode::kWrite);
                EXPECT_LE(++leased, 2);
                tx.Exec(Sql("INSERT INTO {t} (i) VALUES ($1)"), {t * 100 + n});
                --leased;
                tx.Commit();
            }
        });
    }
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(CountRows(), 100);
}

TEST_F(PostgresEngineTest, AcquireBlocksUntilALeaseIsReturned) {
    auto db = OpenPostgres(url_, 1);
    auto lease = db->Acquire();
    std::atomic<bool> acquired = false;

    std::thread waiter([&] {
        auto second = db->Acquire();
        acquired = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_FALSE(acquired);
    lease.reset();
    waiter.join();

    EXPECT_TRUE(acquired);
}

TEST_F(PostgresEngineTest, BrokenConnectionIsResetOnAcquire) {
    auto db = OpenPostgres(url_, 1);
    std::int64_t old_pid = 0;
    {
        auto conn = db->Acquire();
        old_pid = conn->Query("SELECT pg_backend_pid()").front()[0].AsInt();
        try {
            conn->Query("SELECT pg_terminate_backend(pg_backend_pid())");
            FAIL() << "expected the connection to be lost";
        } catch (const DbError& e) {
            EXPECT_EQ(e.kind(), DbError::Kind::kConnection) << e.what();
        }
    }

    auto conn = db->Acquire();

    EXPECT_TRUE(conn->Healthy());
    EXPECT_NE(conn->Query("SELECT pg_backend_pid()").front()[0].AsInt(), old_pid);
    EXPECT_EQ(conn->Query("SELECT current_setting('TimeZone')").front()[0].AsText(), "UTC");
}

TEST_F(PostgresEngineTest, TransactionLeftOpenIsRolledBackBeforeReuse) {
    auto db = OpenPostgres(url_, 1);
    {
        auto conn = db->Acquire();
        conn->Begin(true);
        conn->Exec(Sql("INSERT INTO {t} (i) VALUES (1)"));
    }

    auto conn = db->Acquire();
    conn->Begin(true);
    conn->Commit();

    EXPECT_EQ(CountRows(), 0);
}

TEST(PostgresEngineOpenTest, UnreachableServerIsKConnection) {
    try {
        OpenPostgres("postgresql://postgres@127.0.0.1:1/xinfang_test?connect_timeout=2", 2);
        FAIL() << "expected a connection error";
    } catch (const DbError& e) {
        EXPECT_EQ(e.kind(), DbError::Kind::kConnection);
    }
}

}  // namespace
}  // namespace xinfang::store::postgres
