#include "text/bigram.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace xinfang::text {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

std::set<std::string> Split(const std::string& tokens) {
    std::set<std::string> out;
    std::istringstream in(tokens);
    for (std::string token; in >> token;) out.insert(token);
    return out;
}

// What both engines do: a row matches when its indexed tokens hold every query token.
bool Finds(std::string_view query, std::string_view text) {
    auto wanted = Split(QueryTokens(query));
    auto indexed = Split(Tokens(text));
    if (wanted.empty()) return false;
    for (const auto& token : wanted) {
        if (!indexed.contains(token)) return false;
    }
    return true;
}

TEST(DecodeUtf8Test, DecodesWellFormedText) {
    EXPECT_EQ(DecodeUtf8("a噪\U00020000"), U"a噪\U00020000");
    EXPECT_EQ(DecodeUtf8(""), U"");
}

TEST(DecodeUtf8Test, SkipsMalformedBytes) {
    EXPECT_EQ(DecodeUtf8("a\xffz"), U"az");
    EXPECT_EQ(DecodeUtf8("\x80\xbf"), U"") << "stray continuation bytes";
    EXPECT_EQ(DecodeUtf8("\xc0\xaf"), U"") << "overlong slash";
    EXPECT_EQ(DecodeUtf8("\xe0\x80\xaf"), U"") << "overlong three-byte form";
    EXPECT_EQ(DecodeUtf8("\xed\xa0\x80"), U"") << "surrogate";
    EXPECT_EQ(DecodeUtf8("\xf4\x90\x80\x80"), U"") << "above U+10FFFF";
    EXPECT_EQ(DecodeUtf8("噪\xe5\xa3"), U"噪") << "truncated at the end";
    EXPECT_EQ(DecodeUtf8("\xe5\xa3噪"), U"噪") << "truncated before a character";
}

TEST(NormalizeTest, FoldsWidthAndCaseAndDropsPunctuation) {
    EXPECT_EQ(Normalize("金轮 橡胶厂，噪声！"), "金轮橡胶厂噪声");
    EXPECT_EQ(Normalize("ＡＢＣ１２３"), "abc123");
    EXPECT_EQ(Normalize("PM2.5 超标"), "pm25超标");
    EXPECT_EQ(Normalize("\u3000（夜间）施工\n"), "夜间施工");
    EXPECT_EQ(Normalize("“异味”——《投诉》"), "异味投诉");
    EXPECT_EQ(Normalize("Café"), "café");
    EXPECT_EQ(Normalize(""), "");
    EXPECT_EQ(Normalize("\xff噪\xfe"), "噪");
}

TEST(TokenListTest, AdjacentChineseCharactersGiveBigrams) {
    EXPECT_THAT(TokenList("噪声扰民"), ElementsAre("噪声", "声扰", "扰民"));
    EXPECT_THAT(TokenList("金轮橡胶厂"), ElementsAre("金轮", "轮橡", "橡胶", "胶厂"));
}

TEST(TokenListTest, PunctuationAndSpacesDoNotBreakAChineseRun) {
    EXPECT_THAT(TokenList("噪声，扰民"), ElementsAre("噪声", "声扰", "扰民"));
    EXPECT_THAT(TokenList("噪声 扰民"), ElementsAre("噪声", "声扰", "扰民"));
}

TEST(TokenListTest, AsciiWordsStayWholeAndLowerCase) {
    EXPECT_THAT(TokenList("PM2.5 exceeds ABC"), ElementsAre("pm2", "5", "exceeds", "abc"));
    EXPECT_THAT(TokenList("ＸＹＺ公司"), ElementsAre("xyz", "公司"));
}

TEST(TokenListTest, WordsBreakChineseRuns) {
    EXPECT_THAT(TokenList("金轮橡胶厂2号车间"),
                ElementsAre("金轮", "轮橡", "橡胶", "胶厂", "2", "号车", "车间"));
    EXPECT_THAT(TokenList("A栋"), ElementsAre("a", "栋"));
}

TEST(TokenListTest, ALoneChineseCharacterIsAUnigram) {
    EXPECT_THAT(TokenList("镇"), ElementsAre("镇"));
    EXPECT_THAT(TokenList("3号"), ElementsAre("3", "号"));
}

TEST(TokenListTest, NothingSearchable) {
    EXPECT_THAT(TokenList(""), IsEmpty());
    EXPECT_THAT(TokenList("，。！？ \t\n——"), IsEmpty());
    EXPECT_THAT(TokenList("\xff\xfe\x80"), IsEmpty());
}

TEST(TokenListTest, OtherCjkScriptsAndExtensionsAreChinese) {
    EXPECT_THAT(TokenList("二〇二三"), ElementsAre("二〇", "〇二", "二三"));
    EXPECT_THAT(TokenList("\U00020000\U00020001"), ElementsAre("\U00020000\U00020001"));
}

TEST(TokensTest, DistinctTokensInFirstSeenOrder) {
    EXPECT_EQ(Tokens("噪声噪声"), "噪声 声噪");
    EXPECT_EQ(Tokens("abc ABC abc"), "abc");
    EXPECT_EQ(Tokens(""), "");
}

TEST(TokensTest, TokensAreSafeFtsBarewords) {
    std::string tokens = Tokens("他说：\"AND OR NOT\" (x*y) + NEAR/3 {col}: ^start 'q'");

    for (char c : tokens) {
        bool ascii_ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
        EXPECT_TRUE(ascii_ok || static_cast<unsigned char>(c) >= 0x80) << tokens;
    }
    EXPECT_EQ(tokens, "他说 and or not x y near 3 col start q");
}

TEST(QueryTokensTest, SeparatorsSplitKeywords) {
    EXPECT_EQ(QueryTokens("噪声"), "噪声");
    EXPECT_EQ(QueryTokens("噪声扰民"), "噪声 声扰 扰民");
    EXPECT_EQ(QueryTokens("金轮 异味"), "金轮 异味");
    EXPECT_EQ(QueryTokens("金轮，橡胶厂"), "金轮 橡胶 胶厂");
    EXPECT_THAT(QueryTokenList("三 镇"), ElementsAre("三", "镇"));
    EXPECT_EQ(QueryTokens("ＰＭ２．５"), "pm2 5");
    EXPECT_EQ(QueryTokens("  ，"), "");
}

TEST(QueryTokensTest, LongQueriesAreCapped) {
    std::string query;
    for (int i = 0; i < 100; ++i) query += "w" + std::to_string(i) + " ";

    EXPECT_EQ(Split(QueryTokens(query)).size(), kMaxQueryTokens);
}

TEST(SearchTest, BigramsFindWhatContainsThem) {
    EXPECT_TRUE(Finds("噪声", "夜间施工噪声扰民"));
    EXPECT_TRUE(Finds("金轮", "金轮橡胶厂废气异味"));
    EXPECT_TRUE(Finds("橡胶厂", "金轮橡胶厂废气异味"));
    EXPECT_TRUE(Finds("噪声扰民", "反映噪声，扰民严重"));
    EXPECT_TRUE(Finds("ＰＭ２．５", "PM2.5超标"));
    EXPECT_TRUE(Finds("金轮 异味", "金轮橡胶厂废气异味"));
    EXPECT_TRUE(Finds("噪声 扰民", "噪声扰民"));
}

TEST(SearchTest, DoesNotFindWhatIsAbsent) {
    EXPECT_FALSE(Finds("噪声", "废气异味"));
    EXPECT_FALSE(Finds("金轮", "金色轮胎"));
    EXPECT_FALSE(Finds("", "任何内容"));
}

TEST(SearchTest, LoneCharacterQueriesNeedSubstringSearch) {
    EXPECT_TRUE(NeedsSubstringSearch("镇"));
    EXPECT_TRUE(NeedsSubstringSearch("3号"));
    EXPECT_TRUE(NeedsSubstringSearch("噪声 镇"));
    EXPECT_FALSE(NeedsSubstringSearch("噪声"));
    EXPECT_FALSE(NeedsSubstringSearch("pm25"));
    EXPECT_FALSE(NeedsSubstringSearch(""));
}

}  // namespace
}  // namespace xinfang::text
