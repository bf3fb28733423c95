#include "security/digest.h"

#include <gtest/gtest.h>

namespace xinfang::security {
namespace {

TEST(Sha256HexTest, MatchesKnownDigests) {
    EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256Hex("信访"),
              "a84ad9594a372a4aedb2017af1870966a0259a5def7c5813006f737a1ec0865d");
}

TEST(Sha256HexTest, HashesEmbeddedNulBytes) {
    EXPECT_NE(Sha256Hex(std::string_view("a\0b", 3)), Sha256Hex("a"));
}

TEST(ConstantTimeEqualsTest, ComparesWholeValues) {
    EXPECT_TRUE(ConstantTimeEquals("token-value", "token-value"));
    EXPECT_TRUE(ConstantTimeEquals("", ""));
    EXPECT_FALSE(ConstantTimeEquals("token-value", "token-valuf"));
    EXPECT_FALSE(ConstantTimeEquals("token-value", "Token-value"));
    EXPECT_FALSE(ConstantTimeEquals("token", "token-value"));
    EXPECT_FALSE(ConstantTimeEquals("", "x"));
}

}  // namespace
}  // namespace xinfang::security
