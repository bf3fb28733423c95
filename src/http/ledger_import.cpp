#include "http/ledger_import.h"

#include <cmath>
#include <cstring>
#include <map>

#include "core/date.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/json_body.h"
#include "http/key_case_support.h"
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
    const std::vector<LedgerColumn>* columns = nullptr;
    std::map<std::string, std::size_t> column_of;  // field → index
    std::vector<std::string> header_of;            // index → header text
    std::vector<std::string> ignored;

    std::string Cell(const std::vector<std::string>& cells, const std::string& field) const {
        auto it = column_of.find(field);
        if (it == column_of.end() || it->second >= cells.size()) return "";
        return Trim(cells[it->second]);
    }
    // The header the user sees for a field: as the file spells it, else the usual one.
    std::string For(const std::string& field) const {
        auto it = column_of.find(field);
        if (it != column_of.end()) return Trim(header_of[it->second]);
        for (const auto& column : *columns) {
            if (column.field == field) return column.headers.front();
        }
        return field;
    }
    // A page of the bureau's table repeats the header row (the seed's Attachment 3 does).
    bool IsRepeat(const std::vector<std::string>& cells) const {
        int same = 0;
        for (const auto& [field, index] : column_of) {
            std::string cell = index < cells.size() ? Trim(cells[index]) : "";
            if (cell.empty()) continue;
            if (cell != Trim(header_of[index])) return false;
            ++same;
        }
        return same >= 2;
    }
};

Header ReadHeader(const std::vector<std::string>& cells, const std::vector<LedgerColumn>& columns) {
    Header h;
    h.columns = &columns;
    h.header_of = cells;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string text = Trim(cells[i]);
        if (text.empty()) continue;
        bool known = false;
        for (const auto& column : columns) {
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
        auto [bracket, length] = OpeningBracket(name);
        if (bracket != std::string::npos) name = Trim(name.substr(0, bracket));
        return FindName(name);
    }

    // A merged cell of the bureau's tables may name two areas, "开发区 (海门街道)": the one that
    // `context` (the row's recommendation, say) names first, else the first of the cell.
    std::optional<std::int64_t> FindIn(const std::string& text, const std::string& context) const {
        std::string name = Trim(text);
        auto [open, open_len] = OpeningBracket(name);
        if (open == std::string::npos) return FindName(name);
        std::string first = Trim(name.substr(0, open));
        std::string second = name.substr(open + open_len);
        for (const char* close : {")", "）"}) {
            if (second.ends_with(close)) second.resize(second.size() - std::strlen(close));
        }
        second = Trim(second);
        auto a = FindName(first);
        auto b = FindName(second);
        if (!a || !b) return a ? a : b;
        std::size_t at_a = context.find(first), at_b = context.find(second);
        return at_b < at_a ? b : a;
    }

private:
    // Where the first "(" or "（" is, and its length in bytes.
    static std::pair<std::size_t, std::size_t> OpeningBracket(const std::string& text) {
        std::size_t ascii = text.find('('), wide = text.find("（");
        return ascii < wide ? std::pair{ascii, std::size_t{1}} : std::pair{wide, std::strlen("（")};
    }

    std::optional<std::int64_t> FindName(const std::string& name) const {
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

    std::vector<core::Region> regions_;
};

struct RowProblem {
    std::string column;
    std::string message;
};

// One kind of ledger: checks a data row and, in the second pass, saves the row it last checked.
class RowImporter {
public:
    virtual ~RowImporter() = default;
    // The first problem of the row, if any.
    virtual std::optional<RowProblem> Check(const std::vector<std::string>& cells) = 0;
    virtual void Write() = 0;
};

std::optional<RowProblem> Unreadable(const std::vector<std::string>& cells) {
    for (const auto& cell : cells) {
        if (!reports::IsValidUtf8(cell))
            return RowProblem{"", "含有无法识别的字符（文件编码不正确？）"};
    }
    return std::nullopt;
}

// Petitions, registered as the desk registers them.
class PetitionImporter : public RowImporter {
public:
    PetitionImporter(Transaction& tx, AppContext& app, const core::User& actor,
                     const Header& header)
        : tx_(tx), app_(app), actor_(actor), h_(header), regions_(tx) {}

    std::optional<RowProblem> Check(const std::vector<std::string>& cells) override {
        if (auto bad = Unreadable(cells)) return bad;
        json::object body;
        if (auto problem = Fill(cells, body)) return problem;
        try {
            JsonBody json_body(body);
            petition_ = ReadPetition(json_body);
            bool collective = petition_.people_count >= 5;
            petitioners_ = ReadPetitioners(json_body, petition_.people_count, collective);
            return std::nullopt;
        } catch (const ApiError& error) {
            return RowProblem{HeaderForField(error.field()), error.message()};
        }
    }

    void Write() override { RegisterPetition(tx_, app_, actor_, petition_, petitioners_, {}); }

private:
    std::string HeaderForField(const std::string& field) const {
        std::string base = field;
        if (base.starts_with("petitioners["))
            base = "petitioner_" + base.substr(base.find('.') + 1);
        if (base == "petitioner_name") base = "petitioner";
        if (base == "region_id") base = "region";
        return h_.For(base);
    }

    template <typename T>
    std::optional<RowProblem> Vocabulary(const std::vector<std::string>& cells, const char* field,
                                         const std::vector<T>& all, const char* fallback,
                                         json::object& body) const {
        std::string cell = h_.Cell(cells, field);
        if (cell.empty()) {
            if (fallback) body[field] = fallback;
            return std::nullopt;
        }
        auto code = VocabularyCode(cell, all);
        if (!code) return RowProblem{h_.For(field), "“" + cell + "”不是可选的取值"};
        body[field] = *code;
        return std::nullopt;
    }

    std::optional<RowProblem> Fill(const std::vector<std::string>& cells,
                                   json::object& body) const {
        std::string received = h_.Cell(cells, "received_at");
        if (received.empty()) return RowProblem{h_.For("received_at"), "请填写收到日期"};
        auto at = ReceivedAt(received);
        if (!at) return RowProblem{h_.For("received_at"), "日期“" + received + "”无法识别"};
        body["received_at"] = *at;

        std::string region = h_.Cell(cells, "region");
        auto region_id = regions_.Find(region);
        if (!region_id) {
            return RowProblem{h_.For("region"),
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

        std::string location = h_.Cell(cells, "location");
        std::string summary = h_.Cell(cells, "summary");
        std::string demand = h_.Cell(cells, "demand");
        if (!location.empty()) body["location"] = location;
        if (!summary.empty() || !location.empty())
            body["summary"] = summary.empty() ? location : summary;
        if (!demand.empty() || !summary.empty()) body["demand"] = demand.empty() ? summary : demand;
        std::string respondent = h_.Cell(cells, "respondent");
        if (!respondent.empty()) body["respondent"] = respondent;
        std::string people = h_.Cell(cells, "people_count");
        if (!people.empty()) {
            char* end = nullptr;
            long n = std::strtol(people.c_str(), &end, 10);
            if (*end != '\0' || n < 1) return RowProblem{h_.For("people_count"), "人数应为正整数"};
            body["people_count"] = n;
        }

        json::object petitioner;
        std::string name = h_.Cell(cells, "petitioner");
        if (!name.empty()) petitioner["name"] = name;
        for (const char* field : {"id_number", "phone", "address"}) {
            std::string value = h_.Cell(cells, std::string("petitioner_") + field);
            if (!value.empty()) petitioner[field] = value;
        }
        petitioner["representative"] = true;
        body["petitioners"] = json::array{petitioner};
        return std::nullopt;
    }

    Transaction& tx_;
    AppContext& app_;
    const core::User& actor_;
    const Header& h_;
    RegionNames regions_;
    store::PetitionRow petition_;
    std::vector<PetitionerInput> petitioners_;
};

// "市级" or "municipal"; a cell naming two bodies, "国家信访局省委巡视组", is the first with the
// second as its note, as the seed's Attachment 3 prints it.
std::optional<std::pair<std::string, std::string>> KeyCaseLevel(const std::string& cell) {
    for (core::Level level : core::AllLevels()) {
        std::string label(core::LabelZh(level));
        if (cell == label || cell == core::Code(level))
            return std::pair{cell == label ? std::string(core::Code(level)) : cell, std::string()};
    }
    for (core::Level level : core::AllLevels()) {
        std::string label(core::LabelZh(level));
        if (!cell.starts_with(label)) continue;
        std::string rest = Trim(cell.substr(label.size()));
        for (const char* sep : {"、", "，", ",", "/"}) {
            if (rest.starts_with(sep)) rest = Trim(rest.substr(std::strlen(sep)));
        }
        for (core::Level note : core::AllLevels()) {
            if (rest == core::LabelZh(note)) {
                return std::pair{std::string(core::Code(level)), rest};
            }
        }
    }
    return std::nullopt;
}

// "杨 杰" as the bureau's tables space two-character names: 杨杰.
std::string WithoutSpaces(std::string text) {
    for (std::size_t at = text.find("\u3000"); at != std::string::npos; at = text.find("\u3000")) {
        text.erase(at, std::strlen("\u3000"));
    }
    std::erase(text, ' ');
    return text;
}

// Key cases, created as POST /api/v1/key-cases creates them. An empty 区镇 repeats the one
// above it (a merged cell, as in the seed's Attachment 3); the 备注 column of Attachment 3 holds
// the owning leader.
class KeyCaseImporter : public RowImporter {
public:
    KeyCaseImporter(Transaction& tx, const core::User& actor, const Header& header)
        : tx_(tx), actor_(actor), h_(header), regions_(tx) {
        for (const auto& leader : store::ListLeaders(tx)) {
            if (leader.active) leaders_.emplace(WithoutSpaces(leader.name), leader.id);
        }
    }

    std::optional<RowProblem> Check(const std::vector<std::string>& cells) override {
        if (auto bad = Unreadable(cells)) return bad;
        json::object body;
        std::string area = h_.Cell(cells, "region");
        if (!area.empty()) area_ = area;
        if (area_.empty()) return RowProblem{h_.For("region"), "请填写区镇"};
        std::string recommendation = h_.Cell(cells, "recommendation");
        auto region_id = regions_.FindIn(area_, recommendation + h_.Cell(cells, "location"));
        if (!region_id) return RowProblem{h_.For("region"), "区镇“" + area_ + "”不存在"};
        body["region_id"] = *region_id;

        std::string level_text = h_.Cell(cells, "level");
        if (level_text.empty()) return RowProblem{h_.For("level"), "请填写信访层级"};
        auto level = KeyCaseLevel(level_text);
        if (!level)
            return RowProblem{h_.For("level"), "信访层级“" + level_text + "”不是可选的取值"};
        body["level"] = level->first;
        if (!level->second.empty()) body["level_note"] = level->second;

        for (const char* field : {"location", "situation", "recommendation"}) {
            std::string text = h_.Cell(cells, field);
            if (!text.empty()) body[field] = text;
        }
        std::string leader = WithoutSpaces(h_.Cell(cells, "leader"));
        if (!leader.empty()) {
            auto found = leaders_.find(leader);
            if (found == leaders_.end()) {
                return RowProblem{h_.For("leader"), "“" + leader + "”不是在任的局领导"};
            }
            body["leader_id"] = found->second;
        }
        std::string stage = h_.Cell(cells, "stage");
        if (!stage.empty()) {
            bool known = false;
            for (core::KeyCaseStage s : core::AllKeyCaseStages()) {
                if (stage == core::KeyCaseStageLabelZh(s) || stage == core::KeyCaseStageCode(s)) {
                    body["stage"] = std::string(core::KeyCaseStageCode(s));
                    known = true;
                }
            }
            if (!known) return RowProblem{h_.For("stage"), "“" + stage + "”不是可选的阶段"};
        }
        std::string target = h_.Cell(cells, "target_date");
        if (!target.empty()) {
            auto at = ReceivedAt(target);
            if (!at) return RowProblem{h_.For("target_date"), "日期“" + target + "”无法识别"};
            body["target_date"] = at->substr(0, 10);
        }
        try {
            row_ = ReadNewKeyCase(tx_, JsonBody(body));
            return std::nullopt;
        } catch (const ApiError& error) {
            std::string field = error.field();
            if (field == "region_id") field = "region";
            if (field == "leader_id" || field == "group_id") field = "leader";
            return RowProblem{h_.For(field), error.message()};
        }
    }

    void Write() override { InsertNewKeyCase(tx_, actor_, row_); }

private:
    Transaction& tx_;
    const core::User& actor_;
    const Header& h_;
    RegionNames regions_;
    std::map<std::string, std::int64_t> leaders_;
    std::string area_;  // the 区镇 of the rows above, for merged cells
    store::KeyCaseRow row_;
};

std::unique_ptr<RowImporter> MakeImporter(LedgerKind kind, Transaction& tx, AppContext& app,
                                          const core::User& actor, const Header& header) {
    if (kind == LedgerKind::kKeyCases) return std::make_unique<KeyCaseImporter>(tx, actor, header);
    return std::make_unique<PetitionImporter>(tx, app, actor, header);
}

bool Blank(const std::vector<std::string>& cells) {
    return std::all_of(cells.begin(), cells.end(), [](const auto& c) { return Trim(c).empty(); });
}

// Reads up to the header row: the first row with two or more known column names (the bureau's
// tables have a title row above it, merged across the columns), or with `first_row` the first
// row that is not blank. False when there is none.
bool SkipToHeader(reports::LedgerReader& reader, const std::vector<LedgerColumn>& columns,
                  std::vector<std::string>& header, bool first_row = false) {
    while (reader.Next(header)) {
        if (Blank(header)) continue;
        if (first_row || ReadHeader(header, columns).column_of.size() >= 2) return true;
    }
    return false;
}

}  // namespace

const std::vector<LedgerColumn>& LedgerColumns(LedgerKind kind) {
    static const std::vector<LedgerColumn> petitions = {
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
    // The columns of the seed's Attachment 3, in its order, and what the app adds to a case.
    static const std::vector<LedgerColumn> key_cases = {
        {"seq", {"序号"}, false},
        {"region", {"区镇", "所属区镇", "属地"}, true},
        {"level", {"信访层级", "层级"}, true},
        {"location", {"问题点位", "点位"}, true},
        {"situation", {"目前情况", "基本情况"}, true},
        {"recommendation", {"下一步工作建议", "工作建议", "下一步工作"}, true},
        {"leader", {"备注", "包案领导", "带案领导"}, false},
        {"stage", {"阶段", "化解阶段"}, false},
        {"target_date", {"目标化解时间", "化解时限"}, false},
    };
    return kind == LedgerKind::kKeyCases ? key_cases : petitions;
}

std::optional<LedgerKind> ParseLedgerKind(std::string_view text) {
    if (text == "petitions") return LedgerKind::kPetitions;
    if (text == "key-cases" || text == "key_cases") return LedgerKind::kKeyCases;
    return std::nullopt;
}

ImportResult ImportLedger(AppContext& app, const core::User& actor, LedgerKind kind,
                          const LedgerOpener& open, bool dry_run) {
    const std::vector<LedgerColumn>& columns = LedgerColumns(kind);
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
        auto reader = open();
        std::vector<std::string> cells;
        if (!SkipToHeader(*reader, columns, cells)) {
            // No row names the columns: the first row is taken as the header, so that what it
            // lacks is listed.
            reader = open();
            if (!SkipToHeader(*reader, columns, cells, true)) {
                problem(0, "", "文件中没有数据");
                return result;
            }
        }
        header = ReadHeader(cells, columns);
        result.ignored_columns = header.ignored;
        for (const auto& column : columns) {
            if (column.required && !header.column_of.count(column.field)) {
                problem(reader->row_number(), column.headers.front(),
                        "缺少“" + column.headers.front() + "”列");
            }
        }
        if (result.problem_count) return result;
        auto importer = MakeImporter(kind, tx, app, actor, header);
        while (reader->Next(cells)) {
            if (Blank(cells) || header.IsRepeat(cells)) continue;
            ++result.rows;
            if (auto bad = importer->Check(cells)) {
                problem(reader->row_number(), bad->column, bad->message);
            }
        }
    }
    if (result.rows == 0) problem(0, "", "文件中只有表头，没有数据行");
    if (result.problem_count || dry_run) return result;

    // Pass 2: save every row in one transaction, so that a failure leaves nothing behind.
    Transaction tx(app.db, Transaction::Mode::kWrite);
    auto importer = MakeImporter(kind, tx, app, actor, header);
    auto reader = open();
    std::vector<std::string> cells;
    SkipToHeader(*reader, columns, cells);
    while (reader->Next(cells)) {
        if (Blank(cells) || header.IsRepeat(cells)) continue;
        if (auto bad = importer->Check(cells)) {
            // Checked in pass 1; a region or leader deactivated meanwhile is the one way here.
            problem(reader->row_number(), bad->column, bad->message);
            return result;
        }
        try {
            importer->Write();
        } catch (const ApiError& error) {
            problem(reader->row_number(), "", error.message());
            return result;
        }
        ++result.imported;
    }
    RecordAudit(tx, actor, "import", kind == LedgerKind::kKeyCases ? "key_case" : "petition",
                std::nullopt, json::object{{"imported", json::array{nullptr, result.imported}}});
    tx.Commit();
    return result;
}

}  // namespace xinfang::http
