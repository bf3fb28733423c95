#include "core/petition.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace xinfang::core {
namespace {

using testing::ElementsAre;

template <typename E>
std::vector<std::string> CodesOf(const std::vector<E>& values) {
    std::vector<std::string> codes;
    for (E value : values) codes.emplace_back(Code(value));
    return codes;
}

template <typename E, typename ParseFn>
void ExpectRoundTrip(const std::vector<E>& values, ParseFn parse) {
    std::set<std::string_view> codes;
    std::set<std::string_view> labels;
    for (E value : values) {
        EXPECT_EQ(parse(Code(value)), value) << Code(value);
        EXPECT_FALSE(LabelZh(value).empty());
        EXPECT_FALSE(LabelEn(value).empty());
        codes.insert(Code(value));
        labels.insert(LabelZh(value));
    }
    EXPECT_EQ(codes.size(), values.size()) << "codes must be distinct";
    EXPECT_EQ(labels.size(), values.size()) << "Chinese labels must be distinct";
}

TEST(PetitionVocabularyTest, ChannelCodesAreTheContract) {
    EXPECT_THAT(
        CodesOf(AllChannels()),
        ElementsAre("visit", "letter", "phone", "online", "leader_reception", "hotline_12369",
                    "hotline_12345", "inspection_referral", "media", "other"));
    ExpectRoundTrip(AllChannels(), ParseChannel);
    EXPECT_EQ(LabelZh(Channel::kVisit), "来访");
    EXPECT_EQ(LabelZh(Channel::kHotline12369), "12369环保举报热线");
    EXPECT_EQ(LabelZh(Channel::kInspectionReferral), "督察交办");
}

TEST(PetitionVocabularyTest, SourceCodesAreTheSevenOfTheSeed) {
    EXPECT_THAT(CodesOf(AllSources()),
                ElementsAre("escalated", "inspection", "hotline", "leader_instruction", "media",
                            "leader_reception", "other"));
    ExpectRoundTrip(AllSources(), ParseSource);
    EXPECT_EQ(LabelZh(Source::kEscalated), "到部到省越级信访");
    EXPECT_EQ(LabelZh(Source::kLeaderReception), "局长大接访");
}

TEST(PetitionVocabularyTest, LevelCodes) {
    EXPECT_THAT(CodesOf(AllLevels()), ElementsAre("national", "ministry", "provincial_inspection",
                                                  "provincial", "municipal", "district"));
    ExpectRoundTrip(AllLevels(), ParseLevel);
    EXPECT_EQ(LabelZh(Level::kNational), "国家信访局");
    EXPECT_EQ(LabelZh(Level::kProvincialInspection), "省委巡视组");
    EXPECT_EQ(LabelZh(Level::kDistrict), "区级");
}

TEST(PetitionVocabularyTest, ContentAndLegalCategories) {
    EXPECT_THAT(CodesOf(AllContentTypes()),
                ElementsAre("violation", "suggestion", "staff_criticism"));
    ExpectRoundTrip(AllContentTypes(), ParseContentType);

    EXPECT_THAT(CodesOf(AllLegalCategories()), ElementsAre("suggestion", "accusation", "claim"));
    ExpectRoundTrip(AllLegalCategories(), ParseLegalCategory);
    EXPECT_EQ(LabelZh(LegalCategory::kSuggestion), "建议意见类");
    EXPECT_EQ(LabelZh(LegalCategory::kAccusation), "检举控告类");
    EXPECT_EQ(LabelZh(LegalCategory::kClaim), "申诉求决类");
}

TEST(PetitionVocabularyTest, PollutionTypesAndFlags) {
    EXPECT_THAT(CodesOf(AllPollutionTypes()),
                ElementsAre("air", "noise", "water", "solid_waste", "soil", "radiation", "other"));
    ExpectRoundTrip(AllPollutionTypes(), ParsePollutionType);
    EXPECT_EQ(LabelZh(PollutionType::kAir), "大气/异味");

    EXPECT_THAT(CodesOf(AllPetitionFlags()),
                ElementsAre("repeat", "level_skipping", "collective", "litigation"));
    ExpectRoundTrip(AllPetitionFlags(), ParsePetitionFlag);
    EXPECT_EQ(LabelZh(PetitionFlag::kLevelSkipping), "越级访");
}

TEST(PetitionVocabularyTest, StatusCodesAndLabels) {
    EXPECT_THAT(CodesOf(AllPetitionStatuses()),
                ElementsAre("registered", "accepted", "not_accepted", "forwarded", "assigned",
                            "reported", "replied", "closed", "review_requested", "reviewed",
                            "rereview_requested", "rereviewed", "terminated", "litigation"));
    ExpectRoundTrip(AllPetitionStatuses(), ParsePetitionStatus);
    EXPECT_EQ(LabelZh(PetitionStatus::kRegistered), "已登记");
    EXPECT_EQ(LabelZh(PetitionStatus::kClosed), "已办结");
    EXPECT_EQ(LabelZh(PetitionStatus::kLitigation), "诉访分离");
}

TEST(PetitionVocabularyTest, ReplyWaysAndSatisfaction) {
    EXPECT_THAT(CodesOf(AllReplyWays()), ElementsAre("written", "phone", "in_person"));
    ExpectRoundTrip(AllReplyWays(), ParseReplyWay);
    EXPECT_EQ(LabelZh(ReplyWay::kInPerson), "当面");

    EXPECT_THAT(CodesOf(AllSatisfactions()),
                ElementsAre("satisfied", "basically_satisfied", "unsatisfied"));
    ExpectRoundTrip(AllSatisfactions(), ParseSatisfaction);
    EXPECT_EQ(LabelZh(Satisfaction::kBasicallySatisfied), "基本满意");
}

TEST(PetitionVocabularyTest, ParseTakesOnlyExactCodes) {
    EXPECT_FALSE(ParseChannel("Visit"));
    EXPECT_FALSE(ParseChannel("来访"));
    EXPECT_FALSE(ParseChannel(" visit"));
    EXPECT_FALSE(ParseChannel(""));
    EXPECT_FALSE(ParsePetitionStatus("done"));
    EXPECT_FALSE(ParseLevel(std::string_view("district\0", 9)));
}

TEST(PetitionVocabularyTest, TableListsEveryVocabularyInOrder) {
    auto vocabularies = PetitionVocabularies();

    std::vector<std::string> names;
    for (const auto& vocabulary : vocabularies) names.emplace_back(vocabulary.name);
    EXPECT_THAT(names, ElementsAre("channels", "sources", "levels", "content_types",
                                   "legal_categories", "pollution_types", "petition_flags",
                                   "petition_statuses", "reply_ways", "satisfactions"));
    EXPECT_EQ(vocabularies[0].terms.size(), 10u);
    EXPECT_EQ(vocabularies[7].terms.size(), 14u);
    EXPECT_EQ(vocabularies[1].terms[0].code, "escalated");
    EXPECT_EQ(vocabularies[1].terms[0].zh, "到部到省越级信访");
    EXPECT_FALSE(vocabularies[1].terms[0].en.empty());
}

TEST(PetitionRulesTest, EveryLevelAboveTheDistrictIsLevelSkipping) {
    for (Level level : AllLevels()) {
        EXPECT_EQ(ImpliesLevelSkipping(level), level != Level::kDistrict) << Code(level);
    }
}

TEST(PetitionRulesTest, FinalStatuses) {
    std::vector<std::string> final_codes;
    for (PetitionStatus status : AllPetitionStatuses()) {
        if (IsFinalStatus(status)) final_codes.emplace_back(Code(status));
    }
    EXPECT_THAT(final_codes, ElementsAre("not_accepted", "forwarded", "terminated", "litigation"));
}

TEST(PetitionRulesTest, PetitionCodeHasYearAndPaddedSequence) {
    EXPECT_EQ(FormatPetitionCode(2023, 12), "XF-2023-00012");
    EXPECT_EQ(FormatPetitionCode(2024, 1), "XF-2024-00001");
    EXPECT_EQ(FormatPetitionCode(2023, 123456), "XF-2023-123456");
}

}  // namespace
}  // namespace xinfang::core
