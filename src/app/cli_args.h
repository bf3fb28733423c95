#pragma once

// A small command-line reader: `--name value`, `--name=value`, `--flag`, and positional words.
// Each subcommand declares the options it takes, so an unknown or misspelt option is an error
// rather than silently ignored.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace xinfang::app {

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Args {
public:
    // Throws UsageError for an option not in `with_value` or `flags`, or one missing its value.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
         const std::set<std::string>& flags);

    std::optional<std::string> Get(const std::string& name) const;
    std::string GetOr(const std::string& name, const std::string& fallback) const;
    // Throws UsageError when the value is not an integer in [min, max].
    std::optional<long long> GetInt(const std::string& name, long long min, long long max) const;
    bool Flag(const std::string& name) const { return flags_.contains(name); }
    const std::vector<std::string>& positional() const { return positional_; }

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
    std::vector<std::string> positional_;
};

// The value of an environment variable, or nothing when unset or empty.
std::optional<std::string> Env(const char* name);

}  // namespace xinfang::app
