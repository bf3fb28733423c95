#pragma once

// A sliding-window limit per key (a client address), for the public endpoints that anyone can
// call without signing in: booking, online complaints and lookups. Per process, like the login
// throttle.

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace xinfang::http {

class RateLimiter {
public:
    RateLimiter(int max_per_window, std::int64_t window_seconds)
        : max_(max_per_window), window_(window_seconds) {}

    // Counts the call and says whether it is within the limit.
    bool Allow(const std::string& key, std::int64_t now);

private:
    int max_;
    std::int64_t window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::int64_t>> calls_;
    std::int64_t last_sweep_ = 0;
};

}  // namespace xinfang::http
