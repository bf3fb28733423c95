// xinfang-bench-load: puts generated petitions into a database made by `xinfang init --demo`,
// through the server's own registration and workflow code (http/petition_registration,
// http/petition_actions), so personal data is encrypted, search tokens are built and every step
// has its timeline event and audit entry, exactly as if the desk had typed them in. It then
// writes the fixtures the load benchmark's wrk scripts read and the answers the guard checks.

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "app/cli_args.h"
#include "app/paths.h"
#include "bench/generator.h"
#include "core/calendar_file.h"
#include "http/audit_support.h"
#include "http/metrics.h"
#include "http/petition_actions.h"
#include "http/petition_support.h"
#include "store/migrations.h"
#include "store/org_store.h"
#include "store/user_store.h"

namespace xinfang::bench {
namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

const char* kHelp = R"(usage: xinfang-bench-load --db URL --count N [options]

Loads N generated petitions into a database made by `xinfang init --demo --db URL`.
  --key-file FILE   the personal-data key (default: PATH.key beside a SQLite database)
  --seed S          generator seed (default 7); the same seed and N give the same data
  --until DATE      last day of the ten years of petitions (default 2026-11-30)
  --batch B         petitions per transaction (default 500)
  --fixtures DIR    write the wrk fixtures and the guard's expected answers there
)";

struct Options {
    std::string db;
    fs::path key_file;
    std::int64_t count = 0;
    std::uint64_t seed = 7;
    core::Date until{2026, 11, 30};
    std::int64_t batch = 500;
    std::optional<fs::path> fixtures;
};

Options ReadOptions(const std::vector<std::string>& argv) {
    app::Args args(argv, {"db", "key-file", "count", "seed", "until", "batch", "fixtures"}, {});
    Options o;
    o.db = args.Get("db").value_or("");
    if (o.db.empty()) throw app::UsageError("--db is required");
    if (auto key = args.Get("key-file")) {
        o.key_file = *key;
    } else if (o.db.starts_with("sqlite:")) {
        o.key_file = o.db.substr(7) + ".key";
    } else {
        throw app::UsageError("--key-file is required for PostgreSQL");
    }
    o.count = args.GetInt("count", 0, 100'000'000).value_or(0);
    o.seed = static_cast<std::uint64_t>(args.GetInt("seed", 0, INT64_MAX).value_or(7));
    if (auto until = args.Get("until")) {
        auto date = core::Date::Parse(*until);
        if (!date) throw app::UsageError("--until must be YYYY-MM-DD");
        o.until = *date;
    }
    o.batch = args.GetInt("batch", 1, 100'000).value_or(500);
    if (auto dir = args.Get("fixtures")) o.fixtures = *dir;
    return o;
}

core::User RequireUser(store::Database& db, const std::string& username) {
    store::Transaction tx(db, store::Transaction::Mode::kRead);
    auto user = store::FindUserByUsername(tx, username);
    if (!user)
        throw std::runtime_error("no user " + username + ": run `xinfang init --demo` first");
    return *user;
}

std::vector<std::int64_t> RegionIds(store::Database& db) {
    store::Transaction tx(db, store::Transaction::Mode::kRead);
    std::map<std::string, std::int64_t> by_name;
    for (const auto& region : store::ListRegions(tx)) by_name[region.name] = region.id;
    std::vector<std::int64_t> ids;
    for (const auto& name : RegionNames()) {
        auto found = by_name.find(name);
        if (found == by_name.end()) throw std::runtime_error("the database lacks region " + name);
        ids.push_back(found->second);
    }
    return ids;
}

// What the loader remembers for the fixtures and the guard.
struct Tally {
    std::int64_t max_id = 0;
    std::map<std::int64_t, std::int64_t> by_region;
    std::map<std::string, std::int64_t> by_status;
    struct Sample {
        std::int64_t id;
        std::int64_t index;
        std::size_t events;
        std::string status;
    };
    std::vector<Sample> samples;
    // person -> (petition id, received_at)
    std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> recurring;
};

class Loader {
public:
    Loader(const Options& options, http::AppContext& app)
        : options_(options),
          app_(app),
          generator_(options.seed, options.count, options.until),
          section_(RequireUser(app.db, "tiaochu")),
          leader_(RequireUser(app.db, "liuhuajun")),
          region_ids_(RegionIds(app.db)) {}

    Tally Run() {
        auto started = Clock::now();
        for (std::int64_t first = 0; first < options_.count; first += options_.batch) {
            std::int64_t last = std::min(options_.count, first + options_.batch);
            store::Transaction tx(app_.db, store::Transaction::Mode::kWrite);
            for (std::int64_t i = first; i < last; ++i) LoadOne(tx, i);
            tx.Commit();
            if (last % 50'000 == 0 || last == options_.count) Progress(last, started);
        }
        return std::move(tally_);
    }

    const Generator& generator() const { return generator_; }
    const std::vector<std::int64_t>& region_ids() const { return region_ids_; }

private:
    void Progress(std::int64_t done, Clock::time_point started) {
        double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        std::cerr << "loaded " << done << " petitions in " << static_cast<int>(seconds) << " s ("
                  << static_cast<int>(done / std::max(seconds, 0.001)) << "/s)\n";
    }

    void LoadOne(store::Transaction& tx, std::int64_t index) {
        GeneratedPetition p = generator_.Petition(index);
        store::PetitionRow& row = p.row;
        row.region_id = region_ids_[p.region_index];

        // The desk links a petition to the same person's earlier one of the last year.
        std::vector<std::int64_t> links;
        bool recurring = p.person_index < generator_.RecurringPeople();
        if (recurring) {
            auto& earlier = tally_.recurring[p.person_index];
            if (!earlier.empty() && earlier.back().second > row.received_at - 365 * 86400) {
                links.push_back(earlier.back().first);
            }
        }
        std::int64_t id = http::RegisterPetition(tx, app_, section_, row, p.petitioners, links);
        std::size_t events = 1;
        if (recurring) {
            tally_.recurring[p.person_index].push_back({id, row.received_at});
        }

        for (std::size_t s = 0; s < p.steps.size(); ++s) {
            Step(tx, row, p.steps[s], index);
            ++events;
            for (const auto& inspection : p.inspections) {
                if (inspection.after_step == s) events += Inspect(tx, row, inspection);
            }
        }

        tally_.max_id = std::max(tally_.max_id, id);
        tally_.by_region[row.region_id]++;
        tally_.by_status[row.status]++;
        if (index % std::max<std::int64_t>(options_.count / 200, 1) == 0) {
            tally_.samples.push_back({id, index, events, row.status});
        }
    }

    void Step(store::Transaction& tx, store::PetitionRow& row, PlannedStep step,
              std::int64_t index) {
        // The assigned unit answers a supervision notice itself; the loader stands in for its
        // officer, recorded under the section's account (the demo has one bureau user only).
        core::User actor = step.by_leader ? leader_ : section_;
        if (step.action == core::Action::kAnswerSupervision) {
            actor.role = core::Role::kBureau;
            actor.unit_id = row.assigned_unit_id;
        }
        http::Principal principal{actor, "", ""};
        if (step.action == core::Action::kAssign) step.payload.unit_id = row.responsible_unit_id;
        core::TransitionFacts facts = http::FactsFor(tx, app_, principal, row);
        facts.at = step.at;
        facts.payload = step.payload;
        core::PetitionStatus from = http::StatusOf(row);
        core::TransitionResult result = core::CheckTransition(from, step.action, actor.role, facts);
        if (!result.ok()) {
            throw std::runtime_error(
                "petition " + std::to_string(index) + ": " + std::string(core::Code(step.action)) +
                " refused: " + result.error->code + " " + result.error->message);
        }
        json::object details =
            http::ApplyAction(tx, row, step.action, step.payload, result.at, actor);
        http::RecordStep(tx, app_, actor, row, core::Code(step.action), from, *result.next,
                         result.at, details);
    }

    // Mirrors POST /api/v1/petitions/{id}/inspections and the follow-ups of its requirements;
    // returns the number of timeline events written.
    std::size_t Inspect(store::Transaction& tx, const store::PetitionRow& row,
                        const PlannedInspection& planned) {
        store::InspectionRow inspection;
        inspection.petition_id = row.id;
        inspection.inspected_on = planned.on.ToString();
        inspection.participants = planned.participants;
        inspection.findings = planned.findings;
        inspection.created_at = core::NowSeconds();
        inspection.created_by = section_.id;
        for (const auto& r : planned.requirements) {
            store::RequirementRow requirement;
            requirement.content = r.content;
            requirement.deadline = r.deadline.ToString();
            inspection.requirements.push_back(requirement);
        }
        std::int64_t inspection_id = store::InsertInspection(tx, inspection);
        Event(tx, row, "inspect", core::StartOfDay(planned.on),
              json::object{{"inspection_id", inspection_id},
                           {"requirements", inspection.requirements.size()}});
        http::RecordAudit(tx, section_, "create", "inspection", inspection_id,
                          json::object{{"petition_id", json::array{nullptr, row.id}}});
        std::size_t events = 1;

        auto stored = store::FindInspection(tx, inspection_id);
        for (std::size_t i = 0; i < planned.requirements.size(); ++i) {
            const auto& r = planned.requirements[i];
            if (!r.met) continue;
            std::int64_t requirement_id = stored->requirements[i].id;
            std::string note = *r.met ? "复查已整改到位" : "复查仍未整改到位，继续督促";
            store::RecordFollowUp(tx, requirement_id, *r.met, r.followed_up_on->ToString(), note);
            Event(tx, row, "follow_up", core::StartOfDay(*r.followed_up_on),
                  json::object{{"inspection_id", inspection_id},
                               {"requirement_id", requirement_id},
                               {"met", *r.met}});
            http::RecordAudit(tx, section_, "update", "inspection", inspection_id,
                              json::object{{"requirement_met", json::array{nullptr, *r.met}}});
            ++events;
        }
        return events;
    }

    void Event(store::Transaction& tx, const store::PetitionRow& row, const char* action,
               std::int64_t at, const json::object& details) {
        store::EventRow event;
        event.action = action;
        event.from_status = event.to_status = row.status;
        event.at = at;
        event.recorded_at = core::NowSeconds();
        event.user_id = section_.id;
        event.details_json = json::serialize(details);
        store::InsertEvent(tx, row.id, event);
    }

    const Options& options_;
    http::AppContext& app_;
    Generator generator_;
    core::User section_, leader_;
    std::vector<std::int64_t> region_ids_;
    Tally tally_;
};

std::string UrlEncode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// Fixtures of the wrk scripts (bench/wrk/*.lua), one request per line, and the answers the
// guard compares with what the server says (bench/check.mjs).
void WriteFixtures(const fs::path& dir, const Options& options, const Loader& loader,
                   const Tally& tally) {
    fs::create_directories(dir);
    const Generator& g = loader.generator();

    // Registration bodies: new petitions of the generator's style, received in the last hours.
    std::ofstream reg(dir / "register.jsonl");
    std::int64_t now = core::NowSeconds();
    for (std::int64_t i = 0; i < 20'000; ++i) {
        reg << g.RegistrationBody(options.count + i, now - 3600 - (i % 600) * 5,
                                  loader.region_ids())
            << "\n";
    }

    // Repeat candidates: recurring people and the place of one of their petitions.
    std::ofstream repeat(dir / "repeat.jsonl");
    std::int64_t people = std::min<std::int64_t>(g.RecurringPeople(), 5'000);
    for (std::int64_t p = 0; p < people; ++p) {
        Person who = g.PersonAt(p);
        json::object body{{"id_number", who.id_number}, {"phone", who.phone}};
        repeat << json::serialize(body) << "\n";
    }

    std::ofstream ids(dir / "ids.txt");
    std::int64_t step = std::max<std::int64_t>(tally.max_id / 5'000, 1);
    for (std::int64_t id = 1; id <= tally.max_id; id += step) ids << id << "\n";

    // Keyword searches: two-character words of the templates and respondents' names.
    std::ofstream search(dir / "search.txt");
    for (const char* word :
         {"噪声", "异味", "废水", "扬尘", "固废", "偷排", "恶臭", "黑烟", "死鱼", "危废"}) {
        search << "/api/v1/petitions?page_size=50&q=" << UrlEncode(word) << "\n";
    }
    for (std::size_t e = 0; e < 40; ++e) {
        search << "/api/v1/petitions?page_size=50&q=" << UrlEncode(g.Enterprises()[e * 7]) << "\n";
    }

    // Filtered lists: a region, a status, a pollution type, a year, and pages beyond the first.
    std::ofstream list(dir / "list.txt");
    const char* statuses[] = {"closed", "assigned", "replied", "accepted", "registered"};
    const char* types[] = {"noise", "air", "water", "solid_waste"};
    for (int i = 0; i < 200; ++i) {
        std::int64_t region = loader.region_ids()[static_cast<std::size_t>(i) % 13];
        std::string path = "/api/v1/petitions?page_size=50&region_id=" + std::to_string(region);
        if (i % 2 == 0) path += std::string("&status=") + statuses[i % 5];
        if (i % 3 == 0) path += std::string("&pollution_type=") + types[i % 4];
        if (i % 5 == 0) {
            int year = options.until.year() - (i % 10);
            path +=
                "&from=" + std::to_string(year) + "-01-01&to=" + std::to_string(year) + "-12-31";
        }
        path += "&page=" + std::to_string(1 + i % 3);
        list << path << "\n";
    }

    json::object expected{{"count", options.count}, {"max_id", tally.max_id}};
    json::object by_region, by_status;
    for (const auto& [id, n] : tally.by_region) by_region[std::to_string(id)] = n;
    for (const auto& [status, n] : tally.by_status) by_status[status] = n;
    expected["by_region"] = std::move(by_region);
    expected["by_status"] = std::move(by_status);
    json::array samples;
    for (const auto& s : tally.samples) {
        GeneratedPetition p = g.Petition(s.index);
        samples.push_back(json::object{{"id", s.id},
                                       {"events", s.events},
                                       {"status", s.status},
                                       {"respondent", p.row.respondent},
                                       {"id_number", p.people.front().id_number}});
    }
    expected["samples"] = std::move(samples);
    json::array recurring;
    for (const auto& [person, petitions] : tally.recurring) {
        if (recurring.size() >= 20) break;
        Person who = g.PersonAt(person);
        json::array ids_of;
        for (auto [id, at] : petitions) {
            ids_of.push_back(json::object{{"id", id}, {"received_at", at}});
        }
        recurring.push_back(json::object{
            {"id_number", who.id_number}, {"phone", who.phone}, {"petitions", std::move(ids_of)}});
    }
    expected["recurring"] = std::move(recurring);
    std::ofstream(dir / "expected.json") << json::serialize(expected) << "\n";
}

int Main(const std::vector<std::string>& argv) {
    for (const auto& arg : argv) {
        if (arg == "--help" || arg == "-h") {
            std::cout << kHelp;
            return 0;
        }
    }
    // One audit log line per write would be millions of lines here; warnings still show.
    setenv("XINFANG_LOG_LEVEL", "warn", 0);
    Options options = ReadOptions(argv);
    auto db = store::Open(options.db, 1);
    if (store::SchemaVersion(*db) < store::AllMigrations().back().version) {
        throw std::runtime_error("run `xinfang init --demo --db URL` first");
    }
    if (db->engine() == store::Engine::kSqlite) {
        // A large page cache keeps the token index's pages in memory while it grows.
        store::Transaction tx(*db, store::Transaction::Mode::kRead);
        tx.Exec("PRAGMA cache_size = -1048576");
    }

    std::string calendar_error;
    auto calendar = core::LoadCalendarFile(app::DataDir() / "calendar.txt", &calendar_error);
    if (!calendar) throw std::runtime_error("calendar: " + calendar_error);
    security::FieldKey key = security::FieldKey::LoadOrCreate(options.key_file, false);
    http::Metrics metrics;
    http::LoginThrottle throttle({});
    store::FileStore files(fs::temp_directory_path() / "xinfang-bench-files");
    http::RateLimiter limiter(1, 1);
    http::AppContext app{*db, *calendar, {}, throttle, metrics, key, files, limiter};

    auto started = Clock::now();
    Loader loader(options, app);
    Tally tally = loader.Run();
    double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::cout << "{\"loaded\": " << options.count << ", \"seconds\": " << seconds
              << ", \"per_second\": " << (seconds > 0 ? options.count / seconds : 0)
              << ", \"max_id\": " << tally.max_id << "}" << std::endl;
    if (options.fixtures) WriteFixtures(*options.fixtures, options, loader, tally);
    return 0;
}

}  // namespace xinfang::bench

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return xinfang::bench::Main(args);
    } catch (const xinfang::app::UsageError& error) {
        std::cerr << "xinfang-bench-load: " << error.what() << "\n" << xinfang::bench::kHelp;
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "xinfang-bench-load: " << error.what() << "\n";
        return 1;
    }
}
