// The repositories against a real database: a SQLite file always, and PostgreSQL too when
// XINFANG_TEST_PG_URL names a server (make test starts one). The PostgreSQL run works in a
// schema of its own, dropped afterwards, so it never touches the API tests' tables.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "core/date.h"
#include "store/audit_store.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/petition_store.h"
#include "store/user_store.h"

namespace xinfang::store {
namespace {

std::string PgUrl() {
    const char* url = std::getenv("XINFANG_TEST_PG_URL");
    return url ? url : "";
}

class StoreTest : public ::testing::TestWithParam<Engine> {
protected:
    void SetUp() override {
        if (GetParam() == Engine::kPostgres) {
            if (PgUrl().empty()) GTEST_SKIP() << "XINFANG_TEST_PG_URL not set";
            schema_ = "store_test_" + std::to_string(::getpid());
            std::string url = PgUrl();
            url += (url.find('?') == std::string::npos ? "?" : "&");
            url += "options=-csearch_path%3D" + schema_;
            {
                auto admin = Open(PgUrl(), 1);
                admin->Acquire()->ExecScript("DROP SCHEMA IF EXISTS " + schema_ +
                                             " CASCADE; CREATE SCHEMA " + schema_);
            }
            db_ = Open(url, 2);
        } else {
            path_ = std::filesystem::temp_directory_path() /
                    ("xinfang-store-" + std::to_string(::getpid()) + ".db");
            std::filesystem::remove(path_);
            db_ = Open("sqlite:" + path_.string(), 2);
        }
        Migrate(*db_);
    }

    void TearDown() override {
        db_.reset();
        if (!schema_.empty()) {
            Open(PgUrl(), 1)->Acquire()->ExecScript("DROP SCHEMA " + schema_ + " CASCADE");
        }
        if (!path_.empty()) {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                std::filesystem::remove(path_.string() + suffix);
            }
        }
    }

    std::int64_t AddRegion(const std::string& name) {
        Transaction tx(*db_, Transaction::Mode::kWrite);
        core::Region region;
        region.name = name;
        std::int64_t id = InsertRegion(tx, region);
        tx.Commit();
        return id;
    }

    std::unique_ptr<Database> db_;
    std::filesystem::path path_;
    std::string schema_;
};

TEST_P(StoreTest, MigratingTwiceChangesNothing) {
    int version = SchemaVersion(*db_);
    MigrationReport again = Migrate(*db_);
    EXPECT_TRUE(again.applied.empty());
    EXPECT_EQ(again.to_version, version);
    EXPECT_EQ(version, AllMigrations().back().version);
}

TEST_P(StoreTest, GroupsCarryTheirLeaderUnitAndRegions) {
    std::int64_t r1 = AddRegion("三星镇");
    std::int64_t r2 = AddRegion("海永镇");
    Transaction tx(*db_, Transaction::Mode::kWrite);
    core::Leader leader;
    leader.name = "龚雪松";
    leader.id = InsertLeader(tx, leader);
    core::Unit unit;
    unit.name = "执法二局";
    unit.kind = core::UnitKind::kEnforcement;
    unit.id = InsertUnit(tx, unit);
    core::Group group;
    group.number = 2;
    group.name = "第二组";
    group.leader.id = leader.id;
    group.unit.id = unit.id;
    group.regions = {{r1, ""}};
    std::int64_t id = InsertGroup(tx, group);

    auto found = FindGroup(tx, id);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->leader.name, "龚雪松");
    EXPECT_EQ(found->unit.name, "执法二局");
    ASSERT_EQ(found->regions.size(), 1u);
    EXPECT_EQ(found->regions[0].name, "三星镇");
    EXPECT_EQ(FindRegion(tx, r1)->group_name, "第二组");
    EXPECT_TRUE(GroupCoveringRegion(tx, r1, 0).has_value());
    EXPECT_FALSE(GroupCoveringRegion(tx, r1, id).has_value());
    EXPECT_FALSE(GroupCoveringRegion(tx, r2, 0).has_value());
}

TEST_P(StoreTest, DuplicateNamesAreUniqueViolations) {
    AddRegion("悦来镇");
    try {
        AddRegion("悦来镇");
        FAIL() << "expected a unique violation";
    } catch (const DbError& error) {
        EXPECT_EQ(error.kind(), DbError::Kind::kUnique);
    }
}

TEST_P(StoreTest, AuditChainDetectsNothingWhenIntact) {
    Transaction tx(*db_, Transaction::Mode::kWrite);
    for (int i = 0; i < 3; ++i) {
        AuditEntry entry;
        entry.at = 1700000000 + i;
        entry.username = "admin";
        entry.action = "create";
        entry.entity = "region";
        entry.entity_id = i + 1;
        entry.changes_json = "{}";
        AppendAudit(tx, entry);
    }
    tx.Commit();

    Transaction read(*db_, Transaction::Mode::kRead);
    EXPECT_FALSE(VerifyAuditChain(read).has_value());
    auto entries = ListAudit(read, {}, {0, 10});
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].entity_id, 3);
    EXPECT_EQ(entries[0].prev_hash, entries[1].hash);
    EXPECT_EQ(CountAudit(read, AuditFilter{"region", 2, std::nullopt}), 1);
}

TEST_P(StoreTest, AuditLogRefusesUpdatesAndDeletes) {
    Transaction tx(*db_, Transaction::Mode::kWrite);
    AuditEntry entry;
    entry.at = 1700000000;
    entry.username = "admin";
    entry.action = "create";
    entry.entity = "region";
    entry.changes_json = "{}";
    AppendAudit(tx, entry);
    tx.Commit();

    Transaction change(*db_, Transaction::Mode::kWrite);
    EXPECT_THROW(change.Exec("UPDATE audit_log SET username = 'x'"), DbError);
}

TEST_P(StoreTest, SessionsExpireByIdleTime) {
    Transaction tx(*db_, Transaction::Mode::kWrite);
    core::User user;
    user.username = "tiaochu";
    user.display_name = "调处";
    user.role = core::Role::kCoordinator;
    std::int64_t id = InsertUser(tx, user, "hash");
    InsertSession(tx, "old", id, "csrf1", 1000);
    InsertSession(tx, "new", id, "csrf2", 5000);
    EXPECT_EQ(DeleteIdleSessions(tx, 2000), 1);
    EXPECT_FALSE(FindSession(tx, "old").has_value());
    EXPECT_EQ(FindSession(tx, "new")->csrf_token, "csrf2");
}

PetitionRow NewPetition(std::int64_t region_id, const std::string& code,
                        const std::string& summary) {
    PetitionRow row;
    row.code = code;
    row.status = "registered";
    row.channel = "visit";
    row.source = "other";
    row.level = "district";
    row.content_type = "violation";
    row.legal_category = "accusation";
    row.pollution_type = "noise";
    row.region_id = region_id;
    row.location = "三南村20组";
    row.respondent = "新光紧固件厂";
    row.summary = summary;
    row.demand = "停止夜间生产";
    row.received_at = 1695173400;
    row.last_step_at = row.received_at;
    row.created_at = row.updated_at = row.received_at;
    return row;
}

TEST_P(StoreTest, PetitionSequencesNeverRepeatUnderConcurrency) {
    std::vector<std::int64_t> seen;
    std::mutex mutex;
    auto work = [&] {
        for (int i = 0; i < 25; ++i) {
            Transaction tx(*db_, Transaction::Mode::kWrite);
            std::int64_t n = NextPetitionSequence(tx, 2023);
            tx.Commit();
            std::lock_guard lock(mutex);
            seen.push_back(n);
        }
    };
    std::thread a(work), b(work);
    a.join();
    b.join();
    std::set<std::int64_t> unique(seen.begin(), seen.end());
    EXPECT_EQ(unique.size(), 50u);
    EXPECT_EQ(*unique.rbegin(), 50);
}

TEST_P(StoreTest, StaleVersionsChangeNothing) {
    std::int64_t region = AddRegion("海门开发区");
    Transaction tx(*db_, Transaction::Mode::kWrite);
    PetitionRow row = NewPetition(region, "XF-2023-00001", "夜间噪声扰民");
    row.id = InsertPetition(tx, row);
    row.status = "accepted";
    EXPECT_TRUE(UpdatePetition(tx, row));
    row.status = "declined";
    EXPECT_FALSE(UpdatePetition(tx, row));
    auto stored = FindPetition(tx, row.id);
    EXPECT_EQ(stored->status, "accepted");
    EXPECT_EQ(stored->version, 2);
}

TEST_P(StoreTest, SearchTokensFindPetitionsByEveryToken) {
    std::int64_t region = AddRegion("三星镇");
    Transaction tx(*db_, Transaction::Mode::kWrite);
    PetitionRow noise = NewPetition(region, "XF-2023-00001", "夜间噪声扰民");
    noise.id = InsertPetition(tx, noise);
    ReplaceSearchTokens(tx, noise.id, {"夜间", "间噪", "噪声", "声扰", "扰民"});
    PetitionRow odour = NewPetition(region, "XF-2023-00002", "橡胶厂异味");
    odour.id = InsertPetition(tx, odour);
    ReplaceSearchTokens(tx, odour.id, {"橡胶", "胶厂", "厂异", "异味"});

    PetitionFilter filter;
    filter.tokens = {"噪声"};
    auto found = ListPetitions(tx, filter, PetitionSort::kReceivedDesc, {0, 10});
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].code, "XF-2023-00001");
    filter.tokens = {"噪声", "异味"};
    EXPECT_EQ(CountPetitions(tx, filter), 0);

    // One-word totals come from token_stats, which follows a petition's tokens when they are
    // replaced (its text edited) and ignores a token given twice.
    filter.tokens = {"噪声"};
    EXPECT_EQ(CountPetitions(tx, filter), 1);
    ReplaceSearchTokens(tx, noise.id, {"异味", "异味", "扰民"});
    EXPECT_EQ(CountPetitions(tx, filter), 0);
    filter.tokens = {"异味"};
    EXPECT_EQ(CountPetitions(tx, filter), 2);
    EXPECT_EQ(ListPetitions(tx, filter, PetitionSort::kReceivedDesc, {0, 10}).size(), 2u);
    filter.tokens = {"扰民"};
    EXPECT_EQ(CountPetitions(tx, filter), 1);
}

// Totals over region, status, pollution type and a received range come from petition_counts
// (migration 8), kept by triggers: they must agree with counting the petitions themselves
// after inserts, a change of status, and for ranges that do and do not fall on month
// boundaries in China.
TEST_P(StoreTest, TotalsFromTheCountsTableAgreeWithThePetitions) {
    std::int64_t a = AddRegion("三星镇");
    std::int64_t b = AddRegion("常乐镇");
    auto at = [](const char* date, int hour) {
        return core::StartOfDay(*core::Date::Parse(date)) + hour * 3600;
    };
    struct Given {
        std::int64_t region;
        const char* status;
        const char* type;
        std::int64_t received_at;
    };
    // 2024-02-29 23:00 in China is 15:00 UTC: February, not March.
    std::vector<Given> given = {
        {a, "registered", "noise", at("2024-01-15", 9)},
        {a, "accepted", "noise", at("2024-02-01", 0)},
        {a, "accepted", "air", at("2024-02-29", 23)},
        {a, "closed", "noise", at("2024-03-01", 8)},
        {b, "accepted", "noise", at("2024-02-10", 10)},
        {b, "closed", "water", at("2024-03-31", 23)},
    };
    Transaction tx(*db_, Transaction::Mode::kWrite);
    std::vector<PetitionRow> rows;
    for (std::size_t i = 0; i < given.size(); ++i) {
        PetitionRow row = NewPetition(given[i].region, "XF-2024-0000" + std::to_string(i), "噪声");
        row.status = given[i].status;
        row.pollution_type = given[i].type;
        row.received_at = given[i].received_at;
        row.id = InsertPetition(tx, row);
        rows.push_back(*FindPetition(tx, row.id));
    }
    // One petition moves on: its old status loses it, its new one gains it.
    rows[0].status = "accepted";
    ASSERT_TRUE(UpdatePetition(tx, rows[0]));
    given[0].status = "accepted";

    auto expected = [&](const PetitionFilter& f) {
        std::int64_t n = 0;
        for (const auto& g : given) {
            if (f.region_id && *f.region_id != g.region) continue;
            if (!f.statuses.empty() &&
                std::find(f.statuses.begin(), f.statuses.end(), g.status) == f.statuses.end())
                continue;
            if (f.pollution_type && *f.pollution_type != g.type) continue;
            if (f.received_from && g.received_at < *f.received_from) continue;
            if (f.received_before && g.received_at >= *f.received_before) continue;
            ++n;
        }
        return n;
    };
    std::vector<PetitionFilter> filters(10);
    filters[1].region_id = a;
    filters[2].region_id = a;
    filters[2].statuses = {"accepted"};
    filters[3].statuses = {"accepted", "closed"};
    filters[4].pollution_type = "noise";
    filters[5].received_from = at("2024-02-01", 0);  // whole months: February and March
    filters[5].received_before = at("2024-04-01", 0);
    filters[6].received_from = at("2024-01-20", 0);  // ragged ends
    filters[6].received_before = at("2024-03-15", 0);
    filters[6].region_id = a;
    filters[7].received_from = at("2024-02-05", 0);  // inside one month
    filters[7].received_before = at("2024-02-20", 0);
    filters[8].received_before = at("2024-03-01", 0);
    filters[8].statuses = {"accepted"};
    filters[9].received_from = at("2024-02-29", 12);
    for (std::size_t i = 0; i < filters.size(); ++i) {
        EXPECT_EQ(CountPetitions(tx, filters[i]), expected(filters[i])) << "filter " << i;
    }
    // Lists over the same filters (SQLite names the index of the rarer filter) find as many.
    for (std::size_t i = 0; i < filters.size(); ++i) {
        PetitionFilter f = filters[i];
        EXPECT_EQ(static_cast<std::int64_t>(
                      ListPetitions(tx, f, PetitionSort::kReceivedDesc, {0, 50}).size()),
                  expected(f))
            << "list " << i;
        f.pollution_type = "noise";
        if (!f.region_id) continue;
        EXPECT_EQ(static_cast<std::int64_t>(
                      ListPetitions(tx, f, PetitionSort::kReceivedDesc, {0, 50}).size()),
                  expected(f))
            << "list with a type " << i;
    }
    // A filter the counts table does not hold is counted on the petitions.
    PetitionFilter by_channel;
    by_channel.channel = "visit";
    EXPECT_EQ(CountPetitions(tx, by_channel), 6);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         [](const auto& info) {
                             return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace xinfang::store
