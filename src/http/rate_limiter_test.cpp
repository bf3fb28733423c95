#include "http/rate_limiter.h"

#include <gtest/gtest.h>

namespace xinfang::http {
namespace {

TEST(RateLimiterTest, RefusesPastTheLimitWithinTheWindow) {
    RateLimiter limiter(2, 60);
    EXPECT_TRUE(limiter.Allow("10.0.0.1", 100));
    EXPECT_TRUE(limiter.Allow("10.0.0.1", 101));
    EXPECT_FALSE(limiter.Allow("10.0.0.1", 102));
    EXPECT_TRUE(limiter.Allow("10.0.0.2", 102));
}

TEST(RateLimiterTest, AllowsAgainOnceTheWindowHasPassed) {
    RateLimiter limiter(1, 60);
    EXPECT_TRUE(limiter.Allow("a", 100));
    EXPECT_FALSE(limiter.Allow("a", 159));
    EXPECT_TRUE(limiter.Allow("a", 160));
}

}  // namespace
}  // namespace xinfang::http
