#include "security/random.h"

#include <gtest/gtest.h>

#include <set>

namespace xinfang::security {
namespace {

bool OnlyCharsFrom(const std::string& text, std::string_view alphabet) {
    return text.find_first_not_of(alphabet) == std::string::npos;
}

constexpr std::string_view kUrlSafeBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

TEST(RandomTokenTest, IsUrlSafeBase64WithoutPadding) {
    std::string token = RandomToken();

    EXPECT_EQ(token.size(), 43u);
    EXPECT_TRUE(OnlyCharsFrom(token, kUrlSafeBase64)) << token;
}

TEST(RandomTokenTest, LengthFollowsByteCount) {
    EXPECT_EQ(RandomToken(0), "");
    EXPECT_EQ(RandomToken(1).size(), 2u);
    EXPECT_EQ(RandomToken(3).size(), 4u);
    EXPECT_EQ(RandomToken(16).size(), 22u);
}

TEST(RandomTokenTest, TokensDoNotRepeat) {
    std::set<std::string> tokens;
    for (int i = 0; i < 1000; ++i) tokens.insert(RandomToken());

    EXPECT_EQ(tokens.size(), 1000u);
}

TEST(RandomPasswordTest, UsesOnlyUnambiguousCharacters) {
    std::string password = RandomPassword(2000);

    EXPECT_EQ(password.size(), 2000u);
    EXPECT_TRUE(OnlyCharsFrom(password, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"));
    EXPECT_EQ(password.find_first_of("0O1lIio"), std::string::npos);
}

TEST(RandomPasswordTest, DefaultIsLongEnoughForTheAccountRules) {
    EXPECT_GE(RandomPassword().size(), 10u);
    EXPECT_NE(RandomPassword(), RandomPassword());
}

TEST(RandomCodeTest, UsesOnlyUnambiguousCapitalsAndDigits) {
    std::string code = RandomCode(64);
    ASSERT_EQ(code.size(), 64u);
    EXPECT_EQ(code.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), std::string::npos);
    EXPECT_NE(RandomCode(12), RandomCode(12));
}

}  // namespace
}  // namespace xinfang::security
