#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "security/init.h"

namespace {

const char* kUsage =
    R"(xinfang — environmental petition work (环境信访) for an ecological-environment bureau

usage: xinfang <command> [options]

commands:
  init     create or upgrade the database schema, optionally with demo data
  serve    run the HTTP server (JSON API and web app)
  user     add, change the password of, disable or list operator accounts
  routes   print the HTTP routes, one per line
  import   import a petitions ledger (CSV or XLSX), all rows or none

  xinfang <command> --help   options of one command
  xinfang --version          the program's version
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "--version") {
        std::cout << "xinfang " << XINFANG_VERSION << "\n";
        return 0;
    }

    xinfang::security::InitSecurity();
    std::string command = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "init") return xinfang::app::RunInit(rest);
    if (command == "serve") return xinfang::app::RunServe(rest);
    if (command == "user") return xinfang::app::RunUser(rest);
    if (command == "routes") return xinfang::app::RunRoutes(rest);
    if (command == "import") return xinfang::app::RunImport(rest);

    std::cerr << "xinfang: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
}
