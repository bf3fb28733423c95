#include "bench/generator.h"

#include <gtest/gtest.h>

#include "core/identity.h"
#include "text/bigram.h"

namespace xinfang::bench {
namespace {

const core::Date kUntil(2026, 11, 30);

TEST(GeneratorTest, SameSeedSamePetitions) {
    Generator a(7, 10'000, kUntil), b(7, 10'000, kUntil);
    for (std::int64_t i : {0, 1, 4'999, 9'999}) {
        EXPECT_EQ(a.Petition(i).row.summary, b.Petition(i).row.summary);
        EXPECT_EQ(a.Petition(i).people.front().id_number, b.Petition(i).people.front().id_number);
        EXPECT_EQ(a.Petition(i).steps.size(), b.Petition(i).steps.size());
    }
    Generator c(8, 10'000, kUntil);
    EXPECT_NE(a.Petition(3).people.front().id_number, c.Petition(3).people.front().id_number);
}

TEST(GeneratorTest, PeopleHaveValidIdNumbersAndMobiles) {
    Generator g(7, 10'000, kUntil);
    for (std::int64_t p = 0; p < 2'000; ++p) {
        Person who = g.PersonAt(p);
        EXPECT_EQ(core::CheckIdNumber(who.id_number, kUntil), core::IdNumberProblem::kNone)
            << who.id_number;
        EXPECT_TRUE(core::IsMainlandMobile(who.phone)) << who.phone;
        EXPECT_FALSE(who.name.empty());
    }
}

TEST(GeneratorTest, PetitionsSpanTenYearsAndEndOpenAtTheRecentEnd) {
    std::int64_t count = 20'000;
    Generator g(7, count, kUntil);
    core::Date first = core::DateOf(g.Petition(0).row.received_at);
    core::Date last = core::DateOf(g.Petition(count - 1).row.received_at);
    EXPECT_GE(first.DaysUntil(last), 3'600);
    EXPECT_LE(last, kUntil);

    int closed_old = 0, open_recent = 0, recurring = 0;
    for (std::int64_t i = 0; i < 2'000; ++i) {
        GeneratedPetition old = g.Petition(i);
        if (!old.steps.empty() && old.steps.back().action == core::Action::kClose) ++closed_old;
        GeneratedPetition recent = g.Petition(count - 1 - i);
        if (recent.steps.empty() || recent.steps.back().action != core::Action::kClose)
            ++open_recent;
        if (old.person_index < g.RecurringPeople()) ++recurring;
        for (const auto& step : recent.steps) EXPECT_LE(core::DateOf(step.at), kUntil);
    }
    EXPECT_GT(closed_old, 1'500);
    EXPECT_GT(open_recent, 50);
    EXPECT_GT(recurring, 300);
}

TEST(GeneratorTest, TextsAreChineseAndSearchable) {
    Generator g(7, 1'000, kUntil);
    EXPECT_GE(g.Enterprises().size(), 3'000u);
    int noise = 0;
    for (std::int64_t i = 0; i < 1'000; ++i) {
        GeneratedPetition p = g.Petition(i);
        EXPECT_FALSE(p.row.summary.empty());
        EXPECT_LE(text::DecodeUtf8(p.row.summary).size(), 200u);
        EXPECT_FALSE(text::TokenList(p.row.demand).empty());
        if (p.row.pollution_type == "noise") ++noise;
    }
    EXPECT_GT(noise, 200);
}

TEST(GeneratorTest, CheckCharacterFollowsIso7064) {
    EXPECT_EQ(WithCheckCharacter("11010519491231002"), "11010519491231002X");
}

}  // namespace
}  // namespace xinfang::bench
