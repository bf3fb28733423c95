// Google Benchmark micro-benchmarks of the pure functions on the hot paths of issue 7: bigram
// tokenisation (every registration and search), deadline computation (every list row and
// detail), masking (every registration) and the JSON of a petition (every response). Inputs
// come from the generator, so they look like the data the load benchmark uses.

#include <benchmark/benchmark.h>

#include "bench/generator.h"
#include "core/calendar_file.h"
#include "core/identity.h"
#include "http/metrics.h"
#include "http/petition_support.h"
#include "text/bigram.h"

namespace xinfang::bench {
namespace {

const Generator& Gen() {
    static const Generator generator(7, 1'000'000, core::Date(2026, 11, 30));
    return generator;
}

// A closed petition with a reply and a unit's target: the most deadlines to compute.
store::PetitionRow SamplePetition() {
    GeneratedPetition p = Gen().Petition(123'456);
    store::PetitionRow row = p.row;
    row.id = 123'457;
    row.code = "2023-0123457";
    row.status = "replied";
    row.region_name = RegionNames()[p.region_index];
    row.accepted_at = row.received_at + 3 * 86400;
    row.assigned_at = row.received_at + 5 * 86400;
    row.assigned_unit_id = 4;
    row.assigned_unit_name = "执法三局";
    row.unit_target = core::DateOf(row.received_at).AddDays(35).ToString();
    row.replied_at = row.received_at + 40 * 86400;
    row.next_due = core::DateOf(row.received_at).AddDays(60).ToString();
    row.next_due_kind = "handling";
    row.petitioner_masked = core::MaskName(p.people.front().name);
    return row;
}

const core::Calendar& Calendar() {
    static const core::Calendar calendar = [] {
        std::string error;
        auto loaded = core::LoadCalendarFile(XINFANG_SOURCE_DIR "/data/calendar.txt", &error);
        if (!loaded) throw std::runtime_error(error);
        return *loaded;
    }();
    return calendar;
}

void BM_BigramTokens(benchmark::State& state) {
    store::PetitionRow row = SamplePetition();
    for (auto _ : state) benchmark::DoNotOptimize(http::SearchTokensOf(row));
    state.SetLabel(std::to_string(http::SearchTokensOf(row).size()) + " tokens");
}
BENCHMARK(BM_BigramTokens);

void BM_QueryTokens(benchmark::State& state) {
    std::string query = Gen().Enterprises()[42];
    for (auto _ : state) benchmark::DoNotOptimize(text::QueryTokenList(query));
}
BENCHMARK(BM_QueryTokens);

void BM_ComputeDeadlines(benchmark::State& state) {
    store::PetitionRow row = SamplePetition();
    core::DeadlineInputs in;
    in.received_at = row.received_at;
    in.accepted_at = row.accepted_at;
    in.replied_at = row.replied_at;
    in.unit_target = core::Date::Parse(*row.unit_target);
    core::TimeLimits limits;
    for (auto _ : state) benchmark::DoNotOptimize(core::ComputeDeadlines(in, limits, Calendar()));
}
BENCHMARK(BM_ComputeDeadlines);

void BM_MaskPerson(benchmark::State& state) {
    Person who = Gen().PersonAt(99);
    for (auto _ : state) {
        benchmark::DoNotOptimize(core::MaskName(who.name));
        benchmark::DoNotOptimize(core::MaskIdNumber(who.id_number));
        benchmark::DoNotOptimize(core::MaskPhone(who.phone));
        benchmark::DoNotOptimize(core::MaskAddress(who.address));
    }
}
BENCHMARK(BM_MaskPerson);

// One row of a list page as the server writes it: the summary object with its running deadline
// (which consults the calendar for "due soon"), serialised.
void BM_PetitionJson(benchmark::State& state) {
    store::PetitionRow row = SamplePetition();
    auto db = store::Open("sqlite::memory:", 1);
    http::Metrics metrics;
    http::LoginThrottle throttle({});
    security::FieldKey key = security::FieldKey::Generate();
    store::FileStore files(std::filesystem::temp_directory_path() / "xinfang-microbench");
    http::RateLimiter limiter(1, 1);
    http::AppContext app{*db, Calendar(), {}, throttle, metrics, key, files, limiter};
    http::Principal principal;
    principal.user.role = core::Role::kCoordinator;
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::string text = boost::json::serialize(http::SummaryJson(row, app, principal));
        bytes = text.size();
        benchmark::DoNotOptimize(text);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_PetitionJson);

void BM_GeneratePetition(benchmark::State& state) {
    std::int64_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(Gen().Petition(i++ % 1'000'000));
}
BENCHMARK(BM_GeneratePetition);

}  // namespace
}  // namespace xinfang::bench

BENCHMARK_MAIN();
