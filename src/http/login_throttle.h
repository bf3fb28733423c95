#pragma once

// Slows and then refuses repeated failed logins, per account and per client address (issue #2).
// The counts live in this process's memory: several servers behind a load balancer each keep
// their own, so the effective limit there is per process (docs/operations.md says so).

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace xinfang::http {

struct ThrottleLimits {
    int max_per_account = 5;
    int max_per_address = 20;
    std::int64_t window_seconds = 15 * 60;
    // Each failure delays the answer by this much times the failures so far, up to the cap.
    std::chrono::milliseconds step_delay{200};
    std::chrono::milliseconds max_delay{1000};
};

class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleLimits limits) : limits_(limits) {}

    // How long a failure counts against the account and the address.
    std::int64_t window_seconds() const { return limits_.window_seconds; }

    // True when a login for this account from this address must be refused now, whatever the
    // password.
    bool Locked(const std::string& account, const std::string& address, std::int64_t now);

    // Starts a login attempt: false when it must be refused (Locked). Otherwise the attempt
    // counts as a failure from this moment, so that parallel attempts cannot all pass the check
    // before any of them is counted; Succeeded takes it back.
    bool TryBegin(const std::string& account, const std::string& address, std::int64_t now);
    // The attempt begun at `now` failed: how long to hold the answer back.
    std::chrono::milliseconds Failed(const std::string& account);
    // The attempt begun at `now` succeeded: forgets the account's failures and takes this
    // attempt back from the address's count (the address's earlier failures stay).
    void Succeeded(const std::string& account, const std::string& address, std::int64_t now);

private:
    int Count(std::deque<std::int64_t>& times, std::int64_t now);
    void Forget(std::int64_t now);

    ThrottleLimits limits_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<std::int64_t>> accounts_;
    std::unordered_map<std::string, std::deque<std::int64_t>> addresses_;
    std::int64_t last_sweep_ = 0;
};

}  // namespace xinfang::http
