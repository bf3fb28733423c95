#pragma once

#include <filesystem>

namespace xinfang::app {

// Where the program finds its data files (calendar, demo data) and the built web app. The
// defaults suit a source checkout (`build/xinfang` beside `data/` and `web/dist/`); the
// environment variables XINFANG_DATA_DIR and XINFANG_WEB_DIR override them for an install.
std::filesystem::path DataDir();
std::filesystem::path WebDir();

}  // namespace xinfang::app
