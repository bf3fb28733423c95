#include "http/login_throttle.h"

#include <algorithm>

namespace xinfang::http {

int LoginThrottle::Count(std::deque<std::int64_t>& times, std::int64_t now) {
    while (!times.empty() && times.front() <= now - limits_.window_seconds) times.pop_front();
    return static_cast<int>(times.size());
}

// Drops entries whose failures have all aged out, so that a flood of made-up account names
// cannot grow the maps without bound.
void LoginThrottle::Forget(std::int64_t now) {
    if (now - last_sweep_ < 60) return;
    last_sweep_ = now;
    for (auto* map : {&accounts_, &addresses_}) {
        for (auto it = map->begin(); it != map->end();) {
            if (Count(it->second, now) == 0) {
                it = map->erase(it);
            } else {
                ++it;
            }
        }
    }
}

bool LoginThrottle::Locked(const std::string& account, const std::string& address,
                           std::int64_t now) {
    std::lock_guard lock(mutex_);
    Forget(now);
    return Count(accounts_[account], now) >= limits_.max_per_account ||
           Count(addresses_[address], now) >= limits_.max_per_address;
}

bool LoginThrottle::TryBegin(const std::string& account, const std::string& address,
                             std::int64_t now) {
    std::lock_guard lock(mutex_);
    Forget(now);
    auto& account_times = accounts_[account];
    auto& address_times = addresses_[address];
    if (Count(account_times, now) >= limits_.max_per_account ||
        Count(address_times, now) >= limits_.max_per_address) {
        return false;
    }
    account_times.push_back(now);
    address_times.push_back(now);
    return true;
}

std::chrono::milliseconds LoginThrottle::Failed(const std::string& account) {
    std::lock_guard lock(mutex_);
    auto delay = limits_.step_delay * static_cast<int>(accounts_[account].size());
    return std::min(delay, limits_.max_delay);
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address,
                              std::int64_t now) {
    std::lock_guard lock(mutex_);
    accounts_.erase(account);
    auto& times = addresses_[address];
    auto it = std::find(times.rbegin(), times.rend(), now);
    if (it != times.rend()) times.erase(std::next(it).base());
}

}  // namespace xinfang::http
