#include "http/login_throttle.h"

#include <gtest/gtest.h>

namespace xinfang::http {
namespace {

TEST(LoginThrottleTest, LocksAnAccountAfterItsLimit) {
    LoginThrottle throttle(ThrottleLimits{3, 100, 900});
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.Locked("zhang", "10.0.0.1", 1000 + i));
        throttle.RecordFailure("zhang", "10.0.0.1", 1000 + i);
    }
    EXPECT_TRUE(throttle.Locked("zhang", "10.0.0.2", 1003));
    EXPECT_FALSE(throttle.Locked("li", "10.0.0.2", 1003));
}

TEST(LoginThrottleTest, LocksAnAddressTryingManyAccounts) {
    LoginThrottle throttle(ThrottleLimits{100, 2, 900});
    throttle.RecordFailure("a", "10.0.0.9", 1000);
    throttle.RecordFailure("b", "10.0.0.9", 1001);
    EXPECT_TRUE(throttle.Locked("c", "10.0.0.9", 1002));
    EXPECT_FALSE(throttle.Locked("c", "10.0.0.8", 1002));
}

TEST(LoginThrottleTest, FailuresAgeOutOfTheWindow) {
    LoginThrottle throttle(ThrottleLimits{1, 100, 900});
    throttle.RecordFailure("wang", "10.0.0.1", 1000);
    EXPECT_TRUE(throttle.Locked("wang", "10.0.0.1", 1899));
    EXPECT_FALSE(throttle.Locked("wang", "10.0.0.1", 1900));
}

TEST(LoginThrottleTest, SuccessClearsTheAccount) {
    LoginThrottle throttle(ThrottleLimits{2, 100, 900});
    throttle.RecordFailure("zhao", "10.0.0.1", 1000);
    throttle.RecordSuccess("zhao");
    throttle.RecordFailure("zhao", "10.0.0.1", 1001);
    EXPECT_FALSE(throttle.Locked("zhao", "10.0.0.1", 1002));
}

TEST(LoginThrottleTest, DelayGrowsAndIsCapped) {
    ThrottleLimits limits;
    limits.step_delay = std::chrono::milliseconds(100);
    limits.max_delay = std::chrono::milliseconds(250);
    LoginThrottle throttle(limits);
    EXPECT_EQ(throttle.RecordFailure("x", "a", 1).count(), 100);
    EXPECT_EQ(throttle.RecordFailure("x", "a", 2).count(), 200);
    EXPECT_EQ(throttle.RecordFailure("x", "a", 3).count(), 250);
}

}  // namespace
}  // namespace xinfang::http
