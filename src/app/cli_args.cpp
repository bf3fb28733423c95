#include "app/cli_args.h"

#include <cstdlib>

namespace xinfang::app {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& with_value,
           const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (!arg.starts_with("--")) {
            positional_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags.contains(name) && !value) {
            flags_.insert(name);
        } else if (with_value.contains(name)) {
            if (!value) {
                if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
                value = argv[++i];
            }
            values_[name] = *value;
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::optional<std::string> Args::Get(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
    return Get(name).value_or(fallback);
}

std::optional<long long> Args::GetInt(const std::string& name, long long min, long long max) const {
    auto text = Get(name);
    if (!text) return std::nullopt;
    try {
        std::size_t used = 0;
        long long value = std::stoll(*text, &used);
        if (used == text->size() && value >= min && value <= max) return value;
    } catch (const std::exception&) {
    }
    throw UsageError("option --" + name + " needs an integer from " + std::to_string(min) +
                     " to " + std::to_string(max));
}

std::optional<std::string> Env(const char* name) {
    const char* value = std::getenv(name);
    if (!value || !*value) return std::nullopt;
    return std::string(value);
}

}  // namespace xinfang::app
