#include "http/login_throttle.h"

#include <gtest/gtest.h>

namespace xinfang::http {
namespace {

// A failed attempt: begun, then failed.
void Fail(LoginThrottle& throttle, const std::string& account, const std::string& address,
          std::int64_t now) {
    ASSERT_TRUE(throttle.TryBegin(account, address, now));
    throttle.Failed(account);
}

TEST(LoginThrottleTest, LocksAnAccountAfterItsLimit) {
    LoginThrottle throttle(ThrottleLimits{3, 100, 900});
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.Locked("zhang", "10.0.0.1", 1000 + i));
        Fail(throttle, "zhang", "10.0.0.1", 1000 + i);
    }
    EXPECT_TRUE(throttle.Locked("zhang", "10.0.0.2", 1003));
    EXPECT_FALSE(throttle.TryBegin("zhang", "10.0.0.2", 1003));
    EXPECT_FALSE(throttle.Locked("li", "10.0.0.2", 1003));
}

TEST(LoginThrottleTest, LocksAnAddressTryingManyAccounts) {
    LoginThrottle throttle(ThrottleLimits{100, 2, 900});
    Fail(throttle, "a", "10.0.0.9", 1000);
    Fail(throttle, "b", "10.0.0.9", 1001);
    EXPECT_TRUE(throttle.Locked("c", "10.0.0.9", 1002));
    EXPECT_FALSE(throttle.Locked("c", "10.0.0.8", 1002));
}

TEST(LoginThrottleTest, FailuresAgeOutOfTheWindow) {
    LoginThrottle throttle(ThrottleLimits{1, 100, 900});
    Fail(throttle, "wang", "10.0.0.1", 1000);
    EXPECT_TRUE(throttle.Locked("wang", "10.0.0.1", 1899));
    EXPECT_FALSE(throttle.Locked("wang", "10.0.0.1", 1900));
}

TEST(LoginThrottleTest, SuccessClearsTheAccount) {
    LoginThrottle throttle(ThrottleLimits{2, 100, 900});
    Fail(throttle, "zhao", "10.0.0.1", 1000);
    ASSERT_TRUE(throttle.TryBegin("zhao", "10.0.0.1", 1001));
    throttle.Succeeded("zhao", "10.0.0.1", 1001);
    Fail(throttle, "zhao", "10.0.0.1", 1002);
    EXPECT_FALSE(throttle.Locked("zhao", "10.0.0.1", 1003));
}

// Attempts still in progress count: with a limit of 3, a burst of ten parallel attempts lets
// three through to the password check, however the threads interleave.
TEST(LoginThrottleTest, AttemptsInProgressCountTowardTheLimit) {
    LoginThrottle throttle(ThrottleLimits{3, 100, 900});
    int begun = 0;
    for (int i = 0; i < 10; ++i) begun += throttle.TryBegin("qian", "10.0.0.1", 1000) ? 1 : 0;

    EXPECT_EQ(begun, 3);
}

TEST(LoginThrottleTest, ASuccessTakesBackOnlyItsOwnAttemptFromTheAddress) {
    LoginThrottle throttle(ThrottleLimits{100, 2, 900});
    Fail(throttle, "a", "10.0.0.9", 1000);
    ASSERT_TRUE(throttle.TryBegin("b", "10.0.0.9", 1001));
    throttle.Succeeded("b", "10.0.0.9", 1001);

    EXPECT_FALSE(throttle.Locked("c", "10.0.0.9", 1002));
    Fail(throttle, "c", "10.0.0.9", 1002);
    EXPECT_TRUE(throttle.Locked("d", "10.0.0.9", 1003));
}

TEST(LoginThrottleTest, DelayGrowsAndIsCapped) {
    ThrottleLimits limits;
    limits.step_delay = std::chrono::milliseconds(100);
    limits.max_delay = std::chrono::milliseconds(250);
    LoginThrottle throttle(limits);
    for (int expected : {100, 200, 250}) {
        ASSERT_TRUE(throttle.TryBegin("x", "a", expected));
        EXPECT_EQ(throttle.Failed("x").count(), expected);
    }
}

}  // namespace
}  // namespace xinfang::http
