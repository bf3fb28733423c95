#include "http/rate_limiter.h"

namespace xinfang::http {

bool RateLimiter::Allow(const std::string& key, std::int64_t now) {
    std::lock_guard lock(mutex_);
    // Forget idle keys once a minute so that many addresses cannot grow the map without bound.
    if (now - last_sweep_ >= 60) {
        last_sweep_ = now;
        for (auto it = calls_.begin(); it != calls_.end();) {
            if (it->second.empty() || it->second.back() <= now - window_) {
                it = calls_.erase(it);
            } else {
                ++it;
            }
        }
    }
    auto& times = calls_[key];
    while (!times.empty() && times.front() <= now - window_) times.pop_front();
    if (static_cast<int>(times.size()) >= max_) return false;
    times.push_back(now);
    return true;
}

}  // namespace xinfang::http
