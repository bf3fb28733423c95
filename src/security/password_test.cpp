#include "security/password.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace xinfang::security {
namespace {

TEST(PasswordTest, HashIsArgon2idWithInteractiveLimitsAnd64MiB) {
    std::string hash = HashPassword("correct horse battery");

    EXPECT_EQ(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << hash;
}

TEST(PasswordTest, VerifiesOnlyTheRightPassword) {
    std::string hash = HashPassword("信访调处科2023");

    EXPECT_TRUE(VerifyPassword(hash, "信访调处科2023"));
    EXPECT_FALSE(VerifyPassword(hash, "信访调处科2024"));
    EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST(PasswordTest, EqualPasswordsGetDifferentSalts) {
    std::string first = HashPassword("same password");
    std::string second = HashPassword("same password");

    EXPECT_NE(first, second);
    EXPECT_TRUE(VerifyPassword(second, "same password"));
}

TEST(PasswordTest, PasswordsWithNulBytesAreHashedWhole) {
    std::string with_nul("abc\0def", 7);
    std::string hash = HashPassword(with_nul);

    EXPECT_TRUE(VerifyPassword(hash, with_nul));
    EXPECT_FALSE(VerifyPassword(hash, "abc"));
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
    const std::string hashes[] = {"", "plaintext", "$argon2id$v=19$m=65536,t=2,p=1$AAAA$BBBB",
                                  std::string(500, 'x'), std::string("$argon2id\0$", 11)};
    for (const std::string& hash : hashes) {
        EXPECT_FALSE(VerifyPassword(hash, "plaintext"));
        EXPECT_TRUE(NeedsRehash(hash));
    }
}

TEST(PasswordTest, NeedsRehashOnlyWhenParametersDiffer) {
    std::string current = HashPassword("a password");
    char weaker[crypto_pwhash_STRBYTES];
    ASSERT_EQ(crypto_pwhash_str_alg(weaker, "a password", 10, 1, 8u * 1024 * 1024,
                                    crypto_pwhash_ALG_ARGON2ID13),
              0);

    EXPECT_FALSE(NeedsRehash(current));
    EXPECT_TRUE(NeedsRehash(weaker));
    EXPECT_TRUE(VerifyPassword(weaker, "a password"));
}

TEST(PasswordTest, InitSecurityCanBeCalledRepeatedly) {
    InitSecurity();
    InitSecurity();

    EXPECT_FALSE(HashPassword("x").empty());
}

}  // namespace
}  // namespace xinfang::security
