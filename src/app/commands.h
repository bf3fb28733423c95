#pragma once

// The subcommands of `xinfang`. Each takes its arguments after the subcommand name and returns
// the process exit code: 0 done, 1 failed (message on stderr), 2 usage error.

#include <string>
#include <vector>

namespace xinfang::app {

int RunInit(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunUser(const std::vector<std::string>& args);
int RunRoutes(const std::vector<std::string>& args);
int RunImport(const std::vector<std::string>& args);

}  // namespace xinfang::app
