#include "app/paths.h"

#include "app/cli_args.h"

namespace xinfang::app {
namespace fs = std::filesystem;
namespace {

fs::path SourceRoot() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return fs::current_path();
    return exe.parent_path().parent_path();
}

}  // namespace

fs::path DataDir() {
    if (auto dir = Env("XINFANG_DATA_DIR")) return *dir;
    return SourceRoot() / "data";
}

fs::path WebDir() {
    if (auto dir = Env("XINFANG_WEB_DIR")) return *dir;
    return SourceRoot() / "web" / "dist";
}

}  // namespace xinfang::app
