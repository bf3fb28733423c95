#include "app/commands.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/cli_args.h"
#include "app/demo_data.h"
#include "app/paths.h"
#include "core/calendar_file.h"
#include "core/log.h"
#include "core/time_limits.h"
#include "http/api.h"
#include "http/audit_support.h"
#include "http/ledger_import.h"
#include "http/metrics.h"
#include "http/server.h"
#include "security/field_crypto.h"
#include "security/password.h"
#include "security/random.h"
#include "store/file_store.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/user_store.h"

namespace xinfang::app {
namespace fs = std::filesystem;
namespace {

const char* kDefaultDb = "sqlite:var/xinfang.db";

std::string DatabaseUrl(const Args& args) {
    if (auto db = args.Get("db")) return *db;
    return Env("XINFANG_DB").value_or(kDefaultDb);
}

// A SQLite file's folder is created on first use, so `init --db sqlite:var/x.db` just works.
std::unique_ptr<store::Database> OpenDatabase(const std::string& url, int pool_size) {
    if (url.starts_with("sqlite:")) {
        fs::path file = url.substr(7);
        if (file.has_parent_path()) fs::create_directories(file.parent_path());
    }
    return store::Open(url, pool_size);
}

// Where the key of the petitioners' personal data lives: outside the database, given by
// --key-file or XINFANG_KEY_FILE, else beside a SQLite file, else under var/.
fs::path KeyFile(const Args& args, const std::string& url) {
    if (auto file = args.Get("key-file")) return *file;
    if (auto file = Env("XINFANG_KEY_FILE")) return *file;
    if (url.starts_with("sqlite:")) return url.substr(7) + ".key";
    return "var/xinfang.key";
}

// Where attachments are kept: --files-dir or XINFANG_FILES_DIR, else beside a SQLite file,
// else under var/.
fs::path FilesDir(const Args& args, const std::string& url) {
    if (auto dir = args.Get("files-dir")) return *dir;
    if (auto dir = Env("XINFANG_FILES_DIR")) return *dir;
    if (url.starts_with("sqlite:")) return url.substr(7) + ".files";
    return "var/files";
}

// Runs a command body, turning the failures every command shares into an exit code.
template <typename Body>
int Guarded(const char* name, Body body) {
    try {
        return body();
    } catch (const UsageError& error) {
        std::cerr << "xinfang " << name << ": " << error.what() << "\n"
                  << "see: xinfang " << name << " --help\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "xinfang " << name << ": " << error.what() << "\n";
        return 1;
    }
}

bool WantsHelp(const std::vector<std::string>& argv, const char* text) {
    for (const auto& arg : argv) {
        if (arg == "--help" || arg == "-h") {
            std::cout << text;
            return true;
        }
    }
    return false;
}

core::User CommandLineOperator(const char* command) {
    core::User user;
    user.username = command;
    return user;
}

// Init -------------------------------------------------------------------------------------

const char* kInitHelp = R"(usage: xinfang init [--db URL] [--key-file FILE] [--demo]

Creates the database schema, or upgrades it through the numbered migrations it lacks (running
it again changes nothing), and makes sure the account `admin` exists.

  --db URL   sqlite:PATH or postgresql://user@host:port/name (default: $XINFANG_DB or
             sqlite:var/xinfang.db)
  --key-file FILE  key of the petitioners' personal data, created here if missing (default:
             $XINFANG_KEY_FILE, or PATH.key beside a SQLite database, or var/xinfang.key)
  --demo     also load the seed's organisation (13 regions, 7 leaders, enforcement bureaus 1-6,
             the coordination section, town governments, the six groups) and demo accounts

The admin password is $XINFANG_ADMIN_PASSWORD, or else generated and printed once. Demo accounts
get $XINFANG_DEMO_PASSWORD, or else the admin password.
)";

std::optional<std::string> EnsureAdmin(store::Database& db, const std::string& password) {
    store::Transaction tx(db, store::Transaction::Mode::kWrite);
    if (store::FindUserByUsername(tx, "admin")) return std::nullopt;
    core::User admin;
    admin.username = "admin";
    admin.display_name = "系统管理员";
    admin.role = core::Role::kAdmin;
    std::int64_t id = store::InsertUser(tx, admin, security::HashPassword(password));
    http::RecordAudit(tx, CommandLineOperator("xinfang init"), "create", "user", id,
                      boost::json::object{{"username", boost::json::array{nullptr, "admin"}}});
    tx.Commit();
    return password;
}

int Init(const std::vector<std::string>& argv) {
    Args args(argv, {"db", "key-file"}, {"demo"});
    std::string url = DatabaseUrl(args);
    auto db = OpenDatabase(url, 1);
    fs::path key_file = KeyFile(args, url);
    bool had_key = fs::exists(key_file);
    security::FieldKey::LoadOrCreate(key_file, true);
    if (!had_key) {
        std::cout << "created the personal-data key " << key_file.string()
                  << " (back it up apart from the database: without it the petitioners' data "
                     "cannot be read)\n";
    }

    store::MigrationReport report = store::Migrate(*db);
    for (const auto& name : report.applied) std::cout << "applied migration " << name << "\n";
    std::cout << "schema version " << report.to_version
              << (report.applied.empty() ? " (already up to date)" : "") << "\n";

    auto env_password = Env("XINFANG_ADMIN_PASSWORD");
    std::string admin_password = env_password.value_or(security::RandomPassword(16));
    if (EnsureAdmin(*db, admin_password)) {
        if (env_password) {
            std::cout << "created account admin (password from XINFANG_ADMIN_PASSWORD)\n";
        } else {
            std::cout << "created account admin with password: " << admin_password
                      << "\n(shown only this once; change it with `xinfang user passwd admin`)\n";
        }
    }

    if (args.Flag("demo")) {
        std::string demo_password = Env("XINFANG_DEMO_PASSWORD").value_or(admin_password);
        std::string calendar_error;
        fs::path calendar_file = DataDir() / "calendar.txt";
        auto calendar = core::LoadCalendarFile(calendar_file, &calendar_error);
        if (!calendar) throw std::runtime_error(calendar_file.string() + ": " + calendar_error);
        bool loaded =
            LoadDemoData(*db, DataDir() / "demo" / "organisation.json", demo_password, *calendar);
        std::cout << (loaded ? "loaded demo organisation, accounts (tiaochu, liuhuajun, zhifa1, "
                               "sanxing, shenji), the 2023 reception days and the 16 key cases\n"
                             : "demo data already present, left as is\n");
    }
    return 0;
}

// Serve ------------------------------------------------------------------------------------

const char* kServeHelp = R"(usage: xinfang serve [options]

Serves the JSON API under /api/v1/ and the web app at / until SIGINT or SIGTERM, then finishes
the requests in flight and stops.

  --db URL                       database (default: $XINFANG_DB or sqlite:var/xinfang.db)
  --listen HOST:PORT             address (default: $XINFANG_LISTEN or 127.0.0.1:8080)
  --web DIR                      built web app (default: web/dist beside the program)
  --calendar FILE                official days off (default: data/calendar.txt)
  --time-limits FILE             the time limits in days (default: data/time-limits.txt)
  --key-file FILE                key of the petitioners' personal data (default as for init)
  --files-dir DIR                attachments (default: PATH.files beside a SQLite database,
                                 else var/files)
  --due-soon-days N              working days before a deadline that count as due soon (3)
  --public-requests-per-hour N   public bookings, complaints and lookups per address (30)
  --public-url URL               address citizens use, printed in announcements
  --threads N                    request worker threads (default 8)
  --max-body-bytes N             largest request body, uploads included (default 12 MiB;
                                 JSON bodies are limited to 1 MiB whatever this says)
  --max-connections N            open connections before new ones get 503 (default 1024)
  --session-idle-seconds N       sign out after this long without a request (default 1800)
  --login-max-per-account N      failed logins per account in 15 minutes (default 5)
  --login-max-per-address N      failed logins per client address in 15 minutes (default 20)
  --secure-cookies               mark the session cookie Secure (behind HTTPS)
)";

core::TimeLimits LoadTimeLimits(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot read the time limits");
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    auto limits = core::ParseTimeLimits(text.str(), &error);
    if (!limits) throw std::runtime_error(file.string() + ": " + error);
    return *limits;
}

// Blocks until SIGINT or SIGTERM; the server keeps running on its own threads meanwhile.
void WaitForStopSignal() {
    boost::asio::io_context signals_context;
    boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int signal) {
        core::LogInfo("received signal " + std::to_string(signal) + ", stopping");
    });
    signals_context.run();
}

std::pair<std::string, std::uint16_t> SplitListen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw UsageError("--listen needs HOST:PORT, got " + listen);
    std::string host = listen.substr(0, colon);
    int port = -1;
    try {
        port = std::stoi(listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535 || host.empty()) {
        throw UsageError("--listen needs HOST:PORT, got " + listen);
    }
    return {host, static_cast<std::uint16_t>(port)};
}

int Serve(const std::vector<std::string>& argv) {
    Args args(argv,
              {"db", "listen", "web", "calendar", "time-limits", "threads", "max-body-bytes",
               "max-connections", "session-idle-seconds", "login-max-per-account",
               "login-max-per-address", "key-file", "files-dir", "due-soon-days",
               "public-requests-per-hour", "public-url"},
              {"secure-cookies"});
    std::string url = DatabaseUrl(args);
    auto [host, port] =
        SplitListen(args.Get("listen").value_or(Env("XINFANG_LISTEN").value_or("127.0.0.1:8080")));
    int threads = static_cast<int>(args.GetInt("threads", 1, 256).value_or(8));

    std::string calendar_error;
    fs::path calendar_file = args.GetOr("calendar", (DataDir() / "calendar.txt").string());
    auto calendar = core::LoadCalendarFile(calendar_file, &calendar_error);
    if (!calendar) throw std::runtime_error(calendar_file.string() + ": " + calendar_error);

    auto db = OpenDatabase(url, threads + 2);
    int version = store::SchemaVersion(*db);
    if (version < store::AllMigrations().back().version) {
        throw std::runtime_error("the database schema is at version " + std::to_string(version) +
                                 "; run `xinfang init --db URL` to create or upgrade it");
    }

    http::ServiceConfig config;
    config.limits =
        LoadTimeLimits(args.GetOr("time-limits", (DataDir() / "time-limits.txt").string()));
    config.session_idle_seconds = args.GetInt("session-idle-seconds", 1, 30 * 86400).value_or(1800);
    config.login_limits.max_per_account =
        static_cast<int>(args.GetInt("login-max-per-account", 1, 1000).value_or(5));
    config.login_limits.max_per_address =
        static_cast<int>(args.GetInt("login-max-per-address", 1, 100000).value_or(20));
    config.secure_cookies = args.Flag("secure-cookies");
    config.due_soon_working_days =
        static_cast<int>(args.GetInt("due-soon-days", 0, 60).value_or(3));
    security::FieldKey field_key = security::FieldKey::LoadOrCreate(KeyFile(args, url), false);
    store::FileStore files(FilesDir(args, url));
    fs::path web = args.GetOr("web", WebDir().string());
    if (fs::exists(web / "index.html")) {
        config.web_root = web.string();
    } else {
        core::LogWarn("no web app at " + web.string() + " (run make build); serving the API only");
    }

    http::Metrics metrics;
    http::LoginThrottle throttle(config.login_limits);
    config.public_requests_per_hour =
        static_cast<int>(args.GetInt("public-requests-per-hour", 1, 100000).value_or(30));
    if (auto url = args.Get("public-url")) config.public_base_url = *url;
    http::RateLimiter public_limiter(config.public_requests_per_hour, 3600);
    http::AppContext app{*db,     *calendar, config, throttle,
                         metrics, field_key, files,  public_limiter};
    http::Router router = http::BuildRouter(app);

    http::ServerOptions options;
    options.host = host;
    options.port = port;
    options.worker_threads = threads;
    options.max_body_bytes =
        static_cast<std::size_t>(args.GetInt("max-body-bytes", 1024, 1LL << 30).value_or(12 << 20));
    options.max_connections =
        static_cast<std::size_t>(args.GetInt("max-connections", 1, 100000).value_or(1024));
    http::Server server(
        options, [&router](http::Exchange& e) { return router.Dispatch(e); }, metrics);
    server.Start();
    std::cout << "xinfang " << XINFANG_VERSION << " serving on http://" << host << ":"
              << server.port()
              << "/ (database: " << (url.starts_with("sqlite:") ? url : "postgresql") << ")"
              << std::endl;
    WaitForStopSignal();
    server.Stop();
    return 0;
}

// User -------------------------------------------------------------------------------------

const char* kUserHelp = R"(usage:
  xinfang user add --username NAME --role ROLE --name DISPLAY [--unit-id N] [--leader-id N]
  xinfang user passwd USERNAME
  xinfang user disable USERNAME
  xinfang user list
options for all: --db URL (default: $XINFANG_DB or sqlite:var/xinfang.db)

Roles: admin, coordinator, leader (needs --leader-id), bureau (needs --unit-id of an enforcement
bureau), town (needs --unit-id of a town government), viewer. The password is taken from
$XINFANG_USER_PASSWORD, or else generated and printed once. Disabling ends the account's sessions.
)";

std::string NewPassword() {
    if (auto password = Env("XINFANG_USER_PASSWORD")) {
        if (password->size() < 10)
            throw UsageError("XINFANG_USER_PASSWORD needs 10 characters or more");
        return *password;
    }
    return security::RandomPassword(16);
}

void PrintPassword(const std::string& username, const std::string& password) {
    if (Env("XINFANG_USER_PASSWORD")) {
        std::cout << "password of " << username << " set from XINFANG_USER_PASSWORD\n";
    } else {
        std::cout << "password of " << username << ": " << password << " (shown only this once)\n";
    }
}

core::User FindOrFail(store::Transaction& tx, const std::string& username) {
    auto user = store::FindUserByUsername(tx, username);
    if (!user) throw std::runtime_error("no account named " + username);
    return *user;
}

int UserAdd(store::Database& db, const Args& args) {
    core::User user;
    user.username = args.Get("username").value_or("");
    user.display_name = args.Get("name").value_or(user.username);
    auto role = core::ParseRole(args.Get("role").value_or(""));
    if (user.username.empty() || !role) throw UsageError("add needs --username and a valid --role");
    user.role = *role;
    if (auto unit = args.GetInt("unit-id", 1, INT64_MAX)) user.unit_id = *unit;
    if (auto leader = args.GetInt("leader-id", 1, INT64_MAX)) user.leader_id = *leader;

    store::Transaction tx(db, store::Transaction::Mode::kWrite);
    std::optional<core::UnitKind> kind;
    if (user.unit_id) {
        auto unit = store::FindUnit(tx, *user.unit_id);
        if (!unit) throw std::runtime_error("no unit with id " + std::to_string(*user.unit_id));
        kind = unit->kind;
    }
    if (core::CheckRoleBinding(user.role, kind, user.leader_id.has_value()) !=
        core::BindingProblem::kNone) {
        throw UsageError("role " + std::string(core::RoleCode(user.role)) +
                         " needs the matching --unit-id or --leader-id");
    }
    std::string password = NewPassword();
    std::int64_t id = store::InsertUser(tx, user, security::HashPassword(password));
    http::RecordAudit(
        tx, CommandLineOperator("xinfang user"), "create", "user", id,
        boost::json::object{{"username", boost::json::array{nullptr, user.username}}});
    tx.Commit();
    std::cout << "created account " << user.username << " (id " << id << ")\n";
    PrintPassword(user.username, password);
    return 0;
}

int UserPasswd(store::Database& db, const std::string& username) {
    std::string password = NewPassword();
    store::Transaction tx(db, store::Transaction::Mode::kWrite);
    core::User user = FindOrFail(tx, username);
    store::SetPasswordHash(tx, user.id, security::HashPassword(password));
    store::DeleteSessionsOfUser(tx, user.id);
    http::RecordAudit(tx, CommandLineOperator("xinfang user"), "update", "user", user.id,
                      boost::json::object{{"password", boost::json::array{"******", "******"}}});
    tx.Commit();
    PrintPassword(username, password);
    return 0;
}

int UserDisable(store::Database& db, const std::string& username) {
    store::Transaction tx(db, store::Transaction::Mode::kWrite);
    core::User user = FindOrFail(tx, username);
    user.active = false;
    store::UpdateUser(tx, user);
    store::DeleteSessionsOfUser(tx, user.id);
    http::RecordAudit(tx, CommandLineOperator("xinfang user"), "update", "user", user.id,
                      boost::json::object{{"active", boost::json::array{true, false}}});
    tx.Commit();
    std::cout << "disabled account " << username << "\n";
    return 0;
}

int UserList(store::Database& db) {
    store::Transaction tx(db, store::Transaction::Mode::kRead);
    for (const auto& user : store::ListUsers(tx, {0, 100000})) {
        std::cout << user.id << "\t" << user.username << "\t" << core::RoleCode(user.role) << "\t"
                  << (user.active ? "active" : "disabled") << "\t" << user.display_name << "\n";
    }
    return 0;
}

int User(const std::vector<std::string>& argv) {
    Args args(argv, {"db", "username", "role", "name", "unit-id", "leader-id"}, {});
    const auto& words = args.positional();
    if (words.empty()) throw UsageError("missing action: add, passwd, disable or list");
    auto db = OpenDatabase(DatabaseUrl(args), 1);
    const std::string& action = words[0];
    if (action == "add") return UserAdd(*db, args);
    if (action == "list") return UserList(*db);
    if (words.size() != 2) throw UsageError(action + " needs one USERNAME");
    if (action == "passwd") return UserPasswd(*db, words[1]);
    if (action == "disable") return UserDisable(*db, words[1]);
    throw UsageError("unknown action " + action);
}

// Routes -----------------------------------------------------------------------------------

// Import -----------------------------------------------------------------------------------

const char* kImportHelp =
    R"(usage: xinfang import [--db URL] [--key-file FILE] [--kind petitions|key-cases]
                      [--encoding utf-8|gbk] [--dry-run] FILE

Imports a ledger, CSV or XLSX (told apart by content): petitions (the default) or, with
--kind key-cases, key cases in the columns of the seed's Attachment 3. Columns are found by
their Chinese headers (petitions: 收到日期, 区镇, 问题点位, 反映问题, 诉求, 信访人, 联系电话, …;
key cases: 区镇, 信访层级, 问题点位, 目前情况, 下一步工作建议, 备注 (the owning leader); see
docs/reports.md). Every row is checked first; when any row is bad nothing is imported and each
bad row is listed with its reason. A CSV's encoding is detected (UTF-8 with or without BOM, or
GBK) unless --encoding says it. --dry-run only checks. Exit code 0 when imported (or, with
--dry-run, when every row is good), 1 otherwise.
)";

std::unique_ptr<reports::LedgerReader> OpenLedger(const std::string& path,
                                                  std::optional<reports::TextEncoding> encoding,
                                                  std::ifstream& stream) {
    stream = std::ifstream(path, std::ios::binary);
    if (!stream) throw std::runtime_error("cannot open " + path);
    char head[4] = {};
    stream.read(head, 4);
    bool xlsx =
        reports::LooksLikeXlsx(std::string_view(head, static_cast<std::size_t>(stream.gcount())));
    stream.clear();
    stream.seekg(0);
    if (xlsx) return reports::OpenXlsxFile(path);
    return encoding ? reports::OpenCsv(stream, *encoding) : reports::OpenCsv(stream);
}

int Import(const std::vector<std::string>& argv) {
    Args args(argv, {"db", "key-file", "encoding", "kind"}, {"dry-run"});
    if (args.positional().size() != 1) throw UsageError("give one ledger file");
    std::string path = args.positional().front();
    std::optional<reports::TextEncoding> encoding;
    if (auto e = args.Get("encoding")) {
        if (*e == "gbk" || *e == "gb18030") {
            encoding = reports::TextEncoding::kGb18030;
        } else if (*e == "utf-8" || *e == "utf8") {
            encoding = reports::TextEncoding::kUtf8;
        } else {
            throw UsageError("--encoding is utf-8 or gbk");
        }
    }

    auto kind = http::ParseLedgerKind(args.Get("kind").value_or("petitions"));
    if (!kind) throw UsageError("--kind is petitions or key-cases");

    std::string url = DatabaseUrl(args);
    auto db = OpenDatabase(url, 2);
    if (store::SchemaVersion(*db) < store::AllMigrations().back().version) {
        throw std::runtime_error("the database schema is not current; run `xinfang init` first");
    }
    std::string calendar_error;
    auto calendar = core::LoadCalendarFile(DataDir() / "calendar.txt", &calendar_error);
    if (!calendar) throw std::runtime_error(calendar_error);
    security::FieldKey key = security::FieldKey::LoadOrCreate(KeyFile(args, url), false);
    store::FileStore files(FilesDir(args, url));
    http::Metrics metrics;
    http::LoginThrottle throttle({});
    http::RateLimiter limiter(1, 1);
    http::AppContext app{*db, *calendar, {}, throttle, metrics, key, files, limiter};

    std::ifstream stream;
    bool dry_run = args.Flag("dry-run");
    auto result = http::ImportLedger(
        app, CommandLineOperator("import"), *kind,
        [&] { return OpenLedger(path, encoding, stream); }, dry_run);
    for (const auto& column : result.ignored_columns) {
        std::cout << "ignored column: " << column << "\n";
    }
    for (const auto& p : result.problems) {
        std::cout << "row " << p.row << (p.column.empty() ? "" : " [" + p.column + "]") << ": "
                  << p.message << "\n";
    }
    if (result.problem_count > result.problems.size()) {
        std::cout << "... and " << (result.problem_count - result.problems.size()) << " more\n";
    }
    if (result.problem_count) {
        std::cout << result.problem_count << " problem(s) in " << result.rows
                  << " row(s); nothing imported\n";
        return 1;
    }
    std::cout << (dry_run ? "checked " : "imported ") << (dry_run ? result.rows : result.imported)
              << " row(s)\n";
    return 0;
}

const char* kRoutesHelp = R"(usage: xinfang routes

Prints every HTTP route the server answers, one `METHOD /path/{param}` per line (the test suite
compares it with docs/openapi.yaml).
)";

int Routes() {
    auto db = store::Open("sqlite::memory:", 1);
    core::Calendar calendar;
    http::Metrics metrics;
    http::LoginThrottle throttle({});
    security::FieldKey key = security::FieldKey::Generate();
    store::FileStore files(fs::temp_directory_path() / "xinfang-routes");
    http::RateLimiter limiter(1, 1);
    http::AppContext app{*db, calendar, {}, throttle, metrics, key, files, limiter};
    for (const auto& line : http::BuildRouter(app).Describe()) std::cout << line << "\n";
    return 0;
}

}  // namespace

int RunInit(const std::vector<std::string>& args) {
    if (WantsHelp(args, kInitHelp)) return 0;
    return Guarded("init", [&] { return Init(args); });
}

int RunServe(const std::vector<std::string>& args) {
    if (WantsHelp(args, kServeHelp)) return 0;
    return Guarded("serve", [&] { return Serve(args); });
}

int RunUser(const std::vector<std::string>& args) {
    if (WantsHelp(args, kUserHelp)) return 0;
    return Guarded("user", [&] { return User(args); });
}

int RunImport(const std::vector<std::string>& args) {
    if (WantsHelp(args, kImportHelp)) return 0;
    return Guarded("import", [&] { return Import(args); });
}

int RunRoutes(const std::vector<std::string>& args) {
    if (WantsHelp(args, kRoutesHelp)) return 0;
    return Guarded("routes", [&] { return Routes(); });
}

}  // namespace xinfang::app
