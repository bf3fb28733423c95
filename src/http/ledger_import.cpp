#include "http/ledger_import.h"

#include <cmath>
#include <cstring>
#include <map>

#include "core/date.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/json_body.h"
#include "http/petition_registration.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace json = boost::json;
using store::Transaction;
namespace {

// Matches a vocabulary cell to a code by its Chinese label or its code.
template <typename T>
std::optional<std::string> VocabularyCode(const std::string& cell, const std::vector<T>& all) {
    for (T value : all) {
        if (cell == core::LabelZh(value) || cell == core::Code(value)) {
            return std::string(core::Code(value));
        }
    }
    return std::nullopt;
}

std::string Trim(const std::string& text) {
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return "";
    std::size_t end = text.find_last_not_of(" \t\r\n");
    return text.substr(start, end - start + 1);
}

// "2023-02-14", "2023/2/14", "2023.2.14", "2023年2月14日", each optionally followed by a time
// "09:30"; or an Excel date serial (days since 1899-12-30), as XLSX stores dates.
std::optional<std::string> ReceivedAt(const std::string& cell) {
    std::string text = Trim(cell);
    if (!text.empty() && text.find_first_not_of("0123456789.") == std::string::npos) {
        double serial = std::strtod(text.c_str(), nullptr);
        if (serial < 20000 || serial > 80000) return std::nullopt;  // 1954–2119
        auto day = static_cast<std::int64_t>(std::floor(serial));
        int minutes = static_cast<int>(std::lround((serial - static_cast<double>(day)) * 1440));
        core::Date date = core::Date::FromDaysSinceEpoch(day - 25569);
        char time[8];
        std::snprintf(time, sizeof time, "%02d:%02d", minutes / 60 % 24, minutes % 60);
        return date.ToString() + "T" + (minutes ? std::string(time) : "09:00") + ":00+08:00";
    }
    for (const char* sep : {"年", "月", "/", "."}) {
        for (std::size_t at = text.find(sep); at != std::string::npos; at = text.find(sep)) {
            text.replace(at, std::strlen(sep), "-");
        }
    }
    for (std::size_t at = text.find("日"); at != std::string::npos; at = text.find("日")) {
        text.replace(at, 3, "");
    }
    int y = 0, m = 0, d = 0, hh = 9, mm = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%d-%d-%d%n", &y, &m, &d, &used) != 3) return std::nullopt;
    std::string rest = Trim(text.substr(static_cast<std::size_t>(used)));
    if (!rest.empty() && (rest.front() == 'T' || rest.front() == 't')) rest = rest.substr(1);
    if (!rest.empty() && std::sscanf(rest.c_str(), "%d:%d", &hh, &mm) != 2) return std::nullopt;
    auto date = core::Date::FromYmd(y, m, d);
    if (!date || hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
    char out[40];
    std::snprintf(out, sizeof out, "%sT%02d:%02d:00+08:00", date->ToString().c_str(), hh, mm);
    return std::string(out);
}

struct Header {
    std::map<std::string, std::size_t> column_of;  // field → index
    std::vector<std::string> header_of;            // index → header text
    std::vector<std::string> ignored;
};

Header ReadHeader(const std::vector<std::string>& cells) {
    Header h;
    h.header_of = cells;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string text = Trim(cells[i]);
        if (text.empty()) continue;
        bool known = false;
        for (const auto& column : LedgerColumns()) {
            if (std::find(column.headers.begin(), column.headers.end(), text) !=
                column.headers.end()) {
                h.column_of.emplace(column.field, i);
                known = true;
            }
        }
        if (!known) h.ignored.push_back(text);
    }
    return h;
}

// The regions by name, with the seed's short forms: "三星" is 三星镇, "开发区" 海门开发区.
class RegionNames {
public:
    explicit RegionNames(Transaction& tx) {
        for (const auto& r : store::ListRegions(tx)) {
            if (r.active) regions_.push_back(r);
        }
    }
    std::optional<std::int64_t> Find(const std::string& text) const {
        std::string name = Trim(text);
        std::size_t bracket = name.find_first_of("(（");
        if (bracket != std::string::npos) name = Trim(name.substr(0, bracket));
        if (name.empty()) return std::nullopt;
        std::optional<std::int64_t> found;
        int matches = 0;
        for (const auto& r : regions_) {
            if (r.name == name) return r.id;
            if (r.name.find(name) != std::string::npos) {
                found = r.id;
                ++matches;
            }
        }
        return matches == 1 ? found : std::nullopt;
    }

private:
    std::vector<core::Region> regions_;
};

struct RowProblem {
    std::string column;
    std::string message;
};

// A checked row, ready to register.
struct PreparedRow {
    store::PetitionRow petition;
    std::vector<PetitionerInput> petitioners;
};

class RowChecker {
public:
    RowChecker(const Header& header, const RegionNames& regions) : h_(header), regions_(regions) {}

    // The prepared row, or the first problem of the row.
    std::variant<PreparedRow, RowProblem> Check(const std::vector<std::string>& cells) const {
        for (const auto& cell : cells) {
            if (!reports::IsValidUtf8(cell))
                return RowProblem{"", "含有无法识别的字符（文件编码不正确？）"};
        }
        json::object body;
        auto problem = Fill(cells, body);
        if (problem) return *problem;
        try {
            JsonBody json_body(body);
            PreparedRow out;
            out.petition = ReadPetition(json_body);
            bool collective = out.petition.people_count >= 5;
            out.petitioners = ReadPetitioners(json_body, out.petition.people_count, collective);
            return out;
        } catch (const ApiError& error) {
            return RowProblem{HeaderForField(error.field()), error.message()};
        }
    }

private:
    std::string Cell(const std::vector<std::string>& cells, const std::string& field) const {
        auto it = h_.column_of.find(field);
        if (it == h_.column_of.end() || it->second >= cells.size()) return "";
        return Trim(cells[it->second]);
    }

    std::string HeaderForField(const std::string& field) const {
        std::string base = field;
        if (base.starts_with("petitioners["))
            base = "petitioner_" + base.substr(base.find('.') + 1);
        if (base == "petitioner_name") base = "petitioner";
        auto it = h_.column_of.find(base);
        if (it != h_.column_of.end()) return Trim(h_.header_of[it->second]);
        for (const auto& column : LedgerColumns()) {
            if (column.field == base) return column.headers.front();
        }
        return field;
    }

    template <typename T>
    std::optional<RowProblem> Vocabulary(const std::vector<std::string>& cells, const char* field,
                                         const std::vector<T>& all, const char* fallback,
                                         json::object& body) const {
        std::string cell = Cell(cells, field);
        if (cell.empty()) {
            if (fallback) body[field] = fallback;
            return std::nullopt;
        }
        auto code = VocabularyCode(cell, all);
        if (!code) return RowProblem{HeaderForField(field), "“" + cell + "”不是可选的取值"};
        body[field] = *code;
        return std::nullopt;
    }

    std::optional<RowProblem> Fill(const std::vector<std::string>& cells,
                                   json::object& body) const {
        std::string received = Cell(cells, "received_at");
        if (received.empty()) return RowProblem{HeaderForField("received_at"), "请填写收到日期"};
        auto at = ReceivedAt(received);
        if (!at) return RowProblem{HeaderForField("received_at"), "日期“" + received + "”无法识别"};
        body["received_at"] = *at;

        std::string region = Cell(cells, "region");
        auto region_id = regions_.Find(region);
        if (!region_id) {
            return RowProblem{HeaderForField("region"),
                              region.empty() ? "请填写区镇" : "区镇“" + region + "”不存在"};
        }
        body["region_id"] = *region_id;

        if (auto p = Vocabulary(cells, "channel", core::AllChannels(), "visit", body)) return p;
        if (auto p = Vocabulary(cells, "source", core::AllSources(), nullptr, body)) return p;
        if (auto p = Vocabulary(cells, "level", core::AllLevels(), "district", body)) return p;
        if (auto p = Vocabulary(cells, "content_type", core::AllContentTypes(), "violation", body))
            return p;
        if (auto p =
                Vocabulary(cells, "legal_category", core::AllLegalCategories(), "accusation", body))
            return p;
        if (auto p = Vocabulary(cells, "pollution_type", core::AllPollutionTypes(), "other", body))
            return p;
        if (!body.contains("source"))
            body["source"] = std::string(core::Code(core::AllSources().back()));

        std::string location = Cell(cells, "location");
        std::string summary = Cell(cells, "summary");
        std::string demand = Cell(cells, "demand");
        if (!location.empty()) body["location"] = location;
        if (!summary.empty() || !location.empty())
            body["summary"] = summary.empty() ? location : summary;
        if (!demand.empty() || !summary.empty()) body["demand"] = demand.empty() ? summary : demand;
        std::string respondent = Cell(cells, "respondent");
        if (!respondent.empty()) body["respondent"] = respondent;
        std::string people = Cell(cells, "people_count");
        if (!people.empty()) {
            char* end = nullptr;
            long n = std::strtol(people.c_str(), &end, 10);
            if (*end != '\0' || n < 1)
                return RowProblem{HeaderForField("people_count"), "人数应为正整数"};
            body["people_count"] = n;
        }

        json::object petitioner;
        std::string name = Cell(cells, "petitioner");
        if (!name.empty()) petitioner["name"] = name;
        for (const char* field : {"id_number", "phone", "address"}) {
            std::string value = Cell(cells, std::string("petitioner_") + field);
            if (!value.empty()) petitioner[field] = value;
        }
        petitioner["representative"] = true;
        body["petitioners"] = json::array{petitioner};
        return std::nullopt;
    }

    const Header& h_;
    const RegionNames& regions_;
};

bool Blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const auto& c) { return Trim(c).empty(); });
}

// Reads up to the header row; false when the file has no rows at all.
bool SkipToHeader(reports::LedgerReader& reader, std::vector<std::string>& header) {
    while (reader.Next(header)) {
        if (!Blank(header)) return true;
    }
    return false;
}

}  // namespace

const std::vector<LedgerColumn>& LedgerColumns() {
    static const std::vector<LedgerColumn> columns = {
        {"received_at", {"收到日期", "来信来访日期", "登记日期", "信访日期", "日期"}, true},
        {"region", {"区镇", "所属区镇", "属地"}, true},
        {"location", {"问题点位", "点位", "地点"}, true},
        {"summary", {"反映问题", "信访事项", "问题概要", "事项"}, false},
        {"demand", {"诉求", "反映内容", "信访诉求", "主要诉求"}, false},
        {"respondent", {"被投诉单位", "被反映单位", "涉及企业"}, false},
        {"channel", {"信访渠道", "渠道", "来源渠道"}, false},
        {"source", {"事项来源"}, false},
        {"level", {"信访层级", "层级"}, false},
        {"content_type", {"接访内容", "内容类型"}, false},
        {"legal_category", {"事项类别", "信访类别"}, false},
        {"pollution_type", {"污染类型", "问题类型"}, false},
        {"people_count", {"人数", "信访人数"}, false},
        {"petitioner", {"信访人", "信访人姓名", "姓名"}, true},
        {"petitioner_phone", {"联系电话", "电话", "手机"}, false},
        {"petitioner_id_number", {"身份证号码", "身份证号"}, false},
        {"petitioner_address", {"住址", "地址"}, false},
    };
    return columns;
}

ImportResult ImportPetitionLedger(AppContext& app, const core::User& actor,
                                  const LedgerOpener& open, bool dry_run) {
    ImportResult result;
    auto problem = [&](std::size_t row, std::string column, std::string message) {
        ++result.problem_count;
        if (result.problems.size() < kMaxListedProblems) {
            result.problems.push_back({row, std::move(column), std::move(message)});
        }
    };

    // Pass 1: check every row, write nothing.
    Header header;
    {
        Transaction tx(app.db, Transaction::Mode::kRead);
        RegionNames regions(tx);
        auto reader = open();
        std::vector<std::string> cells;
        if (!SkipToHeader(*reader, cells)) {
            problem(0, "", "文件中没有数据");
            return result;
        }
        header = ReadHeader(cells);
        result.ignored_columns = header.ignored;
        for (const auto& column : LedgerColumns()) {
            if (column.required && !header.column_of.count(column.field)) {
                problem(reader->row_number(), column.headers.front(),
                        "缺少“" + column.headers.front() + "”列");
            }
        }
        if (result.problem_count) return result;
        RowChecker checker(header, regions);
        while (reader->Next(cells)) {
            if (Blank(cells)) continue;
            ++result.rows;
            auto checked = checker.Check(cells);
            if (auto* bad = std::get_if<RowProblem>(&checked)) {
                problem(reader->row_number(), bad->column, bad->message);
            }
        }
    }
    if (result.rows == 0) problem(0, "", "文件中只有表头，没有数据行");
    if (result.problem_count || dry_run) return result;

    // Pass 2: register every row in one transaction, so that a failure leaves nothing behind.
    Transaction tx(app.db, Transaction::Mode::kWrite);
    RegionNames regions(tx);
    RowChecker checker(header, regions);
    auto reader = open();
    std::vector<std::string> cells;
    SkipToHeader(*reader, cells);
    while (reader->Next(cells)) {
        if (Blank(cells)) continue;
        auto checked = checker.Check(cells);
        auto* row = std::get_if<PreparedRow>(&checked);
        if (!row) throw std::runtime_error("ledger changed between the passes");
        try {
            RegisterPetition(tx, app, actor, row->petition, row->petitioners, {});
        } catch (const ApiError& error) {
            // Checked in pass 1; a region deactivated meanwhile is the one way to get here.
            problem(reader->row_number(), "", error.message());
            return result;
        }
        ++result.imported;
    }
    RecordAudit(tx, actor, "import", "petition", std::nullopt,
                json::object{{"imported", json::array{nullptr, result.imported}}});
    tx.Commit();
    return result;
}

}  // namespace xinfang::http
