#include "http/key_case_support.h"

#include <limits>

#include "core/petition.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/json_view.h"
#include "store/org_store.h"

namespace xinfang::http {
namespace json = boost::json;

core::Binding BindingOf(const Principal& principal) {
    const core::User& user = principal.user;
    return {user.role, user.leader_id, user.unit_id};
}

store::KeyCaseRow LoadVisibleKeyCase(store::Transaction& tx, const Principal& principal,
                                     std::int64_t id) {
    auto row = store::FindKeyCase(tx, id);
    if (!row) throw NotFound("重点信访问题不存在");
    if (principal.user.role == core::Role::kTown) {
        store::KeyCaseFilter filter;
        filter.task_unit_id = principal.user.unit_id.value_or(0);
        bool given = false;
        for (const auto& task : store::ListCaseTasks(tx, id)) {
            given = given || task.unit_id == *filter.task_unit_id;
        }
        if (!given) throw NotFound("重点信访问题不存在");
    }
    return *row;
}

void RequireCaseEditor(const Principal& principal, const store::KeyCaseRow& row) {
    if (!core::MayEditKeyCase(BindingOf(principal), row.leader_id)) {
        throw ApiError(403, "key_case.not_owner", "只能编辑本人包案的重点信访问题");
    }
}

void ReadKeyCaseFields(store::Transaction& tx, const JsonBody& body, store::KeyCaseRow& row,
                       bool creating, bool may_reassign) {
    for (auto name : {"region_id", "level", "location", "situation", "recommendation"}) {
        body.ForbidNull(name, name);
    }
    if (creating || body.Has("region_id")) {
        row.region_id = body.RequiredInt("region_id", "区镇", 1, INT64_MAX);
        auto region = store::FindRegion(tx, row.region_id);
        if (!region || !region->active) {
            throw ValidationError("validation.invalid", "所选区镇不存在或已停用", "region_id");
        }
    }
    if (creating || body.Has("level")) {
        row.level = body.RequiredString("level", "信访层级", 40);
        if (!core::ParseLevel(row.level)) {
            throw ValidationError("validation.invalid", "信访层级不在可选范围内", "level");
        }
    }
    if (body.Has("level_note"))
        row.level_note = body.OptionalString("level_note", "层级备注", 50).value_or("");
    if (creating || body.Has("location"))
        row.location = body.RequiredString("location", "问题点位", 300);
    if (creating || body.Has("situation"))
        row.situation = body.RequiredString("situation", "目前情况", 4000);
    if (creating || body.Has("recommendation")) {
        row.recommendation = body.RequiredString("recommendation", "下一步工作建议", 4000);
    }
    if (body.Has("target_date")) {
        auto date = OptionalDateField(body, "target_date", "目标化解时间");
        row.target_date = date ? std::optional(date->ToString()) : std::nullopt;
    }
    if (auto repeat = body.OptionalBool("repeat", "重复访")) row.repeat = *repeat;
    if (auto skipping = body.OptionalBool("level_skipping", "越级访"))
        row.level_skipping = *skipping;
    if (creating && !body.Has("level_skipping")) {
        row.level_skipping = core::ImpliesLevelSkipping(*core::ParseLevel(row.level));
    }

    bool reassigning = body.Has("leader_id") || body.Has("group_id");
    if (reassigning && !may_reassign) {
        throw ApiError(403, "key_case.reassign", "只有信访调处科可以调整包案领导和小组");
    }
    if (auto group_id = body.OptionalInt("group_id", "包案小组", 1, INT64_MAX)) {
        auto group = store::FindGroup(tx, *group_id);
        if (!group || !group->active) {
            throw ValidationError("validation.invalid", "所选包案小组不存在或已停用", "group_id");
        }
        row.group_id = group->id;
        if (!body.Has("leader_id")) row.leader_id = group->leader.id;
    } else if (creating) {
        if (auto covering = store::GroupCoveringRegion(tx, row.region_id, 0)) {
            row.group_id = covering->id;
            row.leader_id = store::FindGroup(tx, covering->id)->leader.id;
        }
    }
    if (auto leader_id = body.OptionalInt("leader_id", "包案领导", 1, INT64_MAX)) {
        auto leader = store::FindLeader(tx, *leader_id);
        if (!leader || !leader->active) {
            throw ValidationError("validation.invalid", "所选包案领导不存在或已停用", "leader_id");
        }
        row.leader_id = leader->id;
    }
    if (row.leader_id == 0) {
        throw ValidationError("validation.required", "该区镇没有包案小组，请指定包案领导",
                              "leader_id");
    }
}

store::KeyCaseRow ReadNewKeyCase(store::Transaction& tx, const JsonBody& body) {
    store::KeyCaseRow row;
    ReadKeyCaseFields(tx, body, row, true, true);
    if (auto stage = body.OptionalString("stage", "阶段", 20)) {
        auto parsed = core::ParseKeyCaseStage(*stage);
        if (!parsed) throw ValidationError("validation.invalid", "阶段不在可选范围内", "stage");
        if (*parsed == core::KeyCaseStage::kResolved) {
            throw ValidationError("validation.invalid", "新建的问题不能直接为已化解", "stage");
        }
        row.stage = *stage;
    }
    return row;
}

store::KeyCaseRow InsertNewKeyCase(store::Transaction& tx, const core::User& actor,
                                   store::KeyCaseRow row) {
    row.seq = store::NextKeyCaseSeq(tx);
    row.owner_level = "bureau";
    row.created_by = actor.id;
    row.created_at = core::NowSeconds();
    row.id = store::InsertKeyCase(tx, row);
    store::KeyCaseRow saved = *store::FindKeyCase(tx, row.id);
    RecordAudit(tx, actor, "create", "key_case", saved.id,
                Changes(json::object(), KeyCaseSummaryJson(saved)));
    return saved;
}

core::Date RequiredDateField(const JsonBody& body, std::string_view name, std::string_view label) {
    std::string text = body.RequiredString(name, label, 10);
    auto date = core::Date::Parse(text);
    if (!date) {
        throw ValidationError("validation.invalid", std::string(label) + "格式应为 YYYY-MM-DD",
                              std::string(name));
    }
    return *date;
}

std::optional<core::Date> OptionalDateField(const JsonBody& body, std::string_view name,
                                            std::string_view label) {
    if (!body.Has(name) || body.IsNull(name)) return std::nullopt;
    return RequiredDateField(body, name, label);
}

core::Month MonthFrom(const std::optional<std::string>& text, std::string_view field) {
    if (!text) throw ValidationError("validation.required", "请指定月份", std::string(field));
    auto month = core::Month::Parse(*text);
    if (!month || month->year < 2000 || month->year > 2999) {
        throw ValidationError("validation.invalid", "月份格式应为 YYYY-MM", std::string(field));
    }
    return *month;
}

std::int64_t RequiredVersion(const JsonBody& body) {
    return body.RequiredInt("version", "版本号", 1, std::numeric_limits<std::int64_t>::max());
}

std::string LevelLabel(const std::string& code) {
    auto level = core::ParseLevel(code);
    return level ? std::string(core::LabelZh(*level)) : code;
}

std::string StageLabel(const std::string& code) {
    auto stage = core::ParseKeyCaseStage(code);
    return stage ? std::string(core::KeyCaseStageLabelZh(*stage)) : code;
}

json::object KeyCaseSummaryJson(const store::KeyCaseRow& k) {
    return json::object{
        {"id", k.id},
        {"seq", k.seq},
        {"region", json::object{{"id", k.region_id}, {"name", k.region_name}}},
        {"level", k.level},
        {"level_note", k.level_note},
        {"location", k.location},
        {"situation", k.situation},
        {"recommendation", k.recommendation},
        {"leader", json::object{{"id", k.leader_id}, {"name", k.leader_name}}},
        {"group", k.group_id ? json::value(json::object{{"id", *k.group_id},
                                                        {"name", k.group_name.value_or("")}})
                             : json::value(nullptr)},
        {"owner_level", k.owner_level},
        {"district_leader", OptionalJson(k.district_leader)},
        {"stage", k.stage},
        {"target_date", OptionalJson(k.target_date)},
        {"repeat", k.repeat},
        {"level_skipping", k.level_skipping},
        {"version", k.version},
        {"closed_at", TimeJson(k.closed_at)},
        {"created_at", TimeJson(k.created_at)},
        {"updated_at", TimeJson(k.updated_at)},
    };
}

json::object CaseTaskJson(const store::CaseTaskRow& t) {
    return json::object{
        {"id", t.id},
        {"key_case_id", t.key_case_id},
        {"unit", json::object{{"id", t.unit_id}, {"name", t.unit_name}}},
        {"content", t.content},
        {"deadline", OptionalJson(t.deadline)},
        {"done", t.done},
        {"result", OptionalJson(t.result)},
        {"done_at", TimeJson(t.done_at)},
        {"created_at", TimeJson(t.created_at)},
    };
}

json::object CaseDocumentJson(const store::CaseDocumentRow& d) {
    json::object out{
        {"id", d.id},
        {"key_case_id", d.key_case_id},
        {"kind", d.kind},
        {"title", d.title},
        {"body", d.body},
        {"held_on", OptionalJson(d.held_on)},
        {"created_by", OptionalJson(d.created_by_name)},
        {"created_at", TimeJson(d.created_at)},
        {"updated_at", TimeJson(d.updated_at)},
    };
    if (d.kind == "closing_report") {
        out["settlement"] = OptionalJson(d.settlement);
        out["petitioner_stopped"] = OptionalJson(d.petitioner_stopped);
    }
    return out;
}

json::object LedgerJson(const store::LedgerEntryRow& e) {
    return json::object{
        {"id", e.id},
        {"kind", e.kind},
        {"on_date", e.on_date},
        {"summary", e.summary},
        {"field_visit_id", OptionalJson(e.field_visit_id)},
        {"document_id", OptionalJson(e.document_id)},
        {"petition_id", OptionalJson(e.petition_id)},
        {"user", OptionalJson(e.user_name)},
        {"created_at", TimeJson(e.created_at)},
    };
}

json::object CaseAttachmentJson(const store::CaseAttachmentRow& a) {
    return json::object{
        {"id", a.id},
        {"key_case_id", a.key_case_id},
        {"document_id", OptionalJson(a.document_id)},
        {"filename", a.filename},
        {"content_type", a.content_type},
        {"size", a.size},
        {"sha256", a.sha256},
        {"uploaded_at", TimeJson(a.uploaded_at)},
    };
}

json::object EscalationJson(const store::EscalationRow& e) {
    return json::object{
        {"id", e.id},
        {"from_level", e.from_level},
        {"to_level", e.to_level},
        {"reason", e.reason},
        {"district_leader", e.district_leader},
        {"report_id", OptionalJson(e.report_id)},
        {"escalated_at", TimeJson(e.escalated_at)},
        {"escalated_by", OptionalJson(e.escalated_by_name)},
    };
}

json::object FieldVisitJson(const store::FieldVisitRow& v, core::Date today) {
    json::array regions, matters, requirements;
    for (const auto& r : v.regions) regions.push_back(json::object{{"id", r.id}, {"name", r.name}});
    for (const auto& m : v.matters) {
        if (m.key_case_id) {
            matters.push_back(json::object{{"kind", "key_case"},
                                           {"id", *m.key_case_id},
                                           {"label", m.key_case_location.value_or("")}});
        } else if (m.petition_id) {
            matters.push_back(json::object{
                {"kind", "petition"},
                {"id", *m.petition_id},
                {"label", m.petition_code.value_or("") + " " + m.petition_summary.value_or("")}});
        }
    }
    for (const auto& r : v.requirements) {
        json::array follow_ups;
        for (const auto& f : r.follow_ups) {
            follow_ups.push_back(json::object{{"id", f.id},
                                              {"followed_up_on", f.followed_up_on},
                                              {"met", f.met},
                                              {"note", f.note},
                                              {"user", OptionalJson(f.user_name)},
                                              {"created_at", TimeJson(f.created_at)}});
        }
        auto deadline = core::Date::Parse(r.deadline);
        requirements.push_back(json::object{
            {"id", r.id},
            {"content", r.content},
            {"deadline", r.deadline},
            {"key_case_id", OptionalJson(r.key_case_id)},
            {"met", r.met},
            {"met_on", OptionalJson(r.met_on)},
            {"overdue", !r.met && deadline && *deadline < today},
            {"follow_ups", std::move(follow_ups)},
        });
    }
    return json::object{
        {"id", v.id},
        {"group",
         json::object{{"id", v.group_id}, {"name", v.group_name}, {"number", v.group_number}}},
        {"unit", json::object{{"id", v.group_unit_id}, {"name", v.group_unit_name}}},
        {"leader", json::object{{"id", v.leader_id}, {"name", v.leader_name}}},
        {"month", v.month},
        {"visit_on", v.visit_on},
        {"status", v.status},
        {"participants", v.participants},
        {"inspection_time", v.inspection_time},
        {"findings", v.findings},
        {"regions", std::move(regions)},
        {"matters", std::move(matters)},
        {"requirements", std::move(requirements)},
        {"version", v.version},
        {"created_at", TimeJson(v.created_at)},
        {"updated_at", TimeJson(v.updated_at)},
    };
}

json::object MonthlyReportJson(const store::MonthlyReportRow& m, core::Date today) {
    std::optional<core::Date> submitted;
    if (m.submitted_on) submitted = core::Date::Parse(*m.submitted_on);
    core::ReportState state =
        core::MonthlyReportState(*core::Date::Parse(m.due_on), submitted, today);
    return json::object{
        {"id", m.id},
        {"unit", json::object{{"id", m.unit_id}, {"name", m.unit_name}}},
        {"month", m.month},
        {"due_on", m.due_on},
        {"body", m.body},
        {"status", m.status},
        {"state", core::ReportStateCode(state)},
        {"submitted_on", OptionalJson(m.submitted_on)},
        {"submitted_by", OptionalJson(m.submitted_by_name)},
        {"version", m.version},
        {"created_at", TimeJson(m.created_at)},
        {"updated_at", TimeJson(m.updated_at)},
    };
}

namespace {

json::array CasePetitionsJson(store::Transaction& tx, std::int64_t case_id) {
    json::array out;
    for (const auto& p : store::ListCasePetitions(tx, case_id)) {
        out.push_back(json::object{{"id", p.id},
                                   {"code", p.code},
                                   {"summary", p.summary},
                                   {"status", p.status},
                                   {"level", p.level},
                                   {"flags", json::value_from(p.flags)},
                                   {"petitioner", OptionalJson(p.petitioner_masked)}});
    }
    return out;
}

}  // namespace

json::object KeyCaseDetailJson(store::Transaction& tx, const Principal& principal,
                               const store::KeyCaseRow& row) {
    json::object out = KeyCaseSummaryJson(row);
    json::array tasks;
    bool town = principal.user.role == core::Role::kTown;
    for (const auto& t : store::ListCaseTasks(tx, row.id)) {
        if (town && t.unit_id != principal.user.unit_id) continue;
        tasks.push_back(CaseTaskJson(t));
    }
    out["tasks"] = std::move(tasks);
    out["may_edit"] = core::MayEditKeyCase(BindingOf(principal), row.leader_id);
    // A town government sees its own part of the case, never the file behind it.
    if (town) return out;

    out["petitions"] = CasePetitionsJson(tx, row.id);
    json::array ledger, documents, attachments, escalations, visits;
    for (const auto& e : store::ListLedger(tx, row.id)) ledger.push_back(LedgerJson(e));
    for (const auto& d : store::ListCaseDocuments(tx, row.id)) {
        documents.push_back(CaseDocumentJson(d));
    }
    for (const auto& a : store::ListCaseAttachments(tx, row.id)) {
        attachments.push_back(CaseAttachmentJson(a));
    }
    for (const auto& e : store::ListEscalations(tx, row.id))
        escalations.push_back(EscalationJson(e));
    store::FieldVisitFilter filter;
    filter.key_case_id = row.id;
    core::Date today = core::DateOf(core::NowSeconds());
    for (const auto& v : store::ListFieldVisits(tx, filter)) {
        visits.push_back(FieldVisitJson(v, today));
    }
    out["ledger"] = std::move(ledger);
    out["documents"] = std::move(documents);
    out["attachments"] = std::move(attachments);
    out["escalations"] = std::move(escalations);
    out["field_visits"] = std::move(visits);
    return out;
}

namespace {

// Table cells may not hold a line break or a pipe in Markdown.
std::string Cell(std::string text) {
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '|') c = ' ';
    }
    return text;
}

}  // namespace

std::string DraftSpecialReport(store::Transaction& tx, const store::KeyCaseRow& row,
                               const std::string& reason) {
    std::string md = "# 关于“" + Cell(row.location) + "”的专题报告\n\n";
    md += "## 一、基本情况\n\n";
    md += "| 区镇 | 信访层级 | 包案领导 | 目前阶段 |\n|---|---|---|---|\n";
    md += "| " + row.region_name + " | " + LevelLabel(row.level) +
          (row.level_note.empty() ? "" : "、" + row.level_note) + " | " + row.leader_name + " | " +
          StageLabel(row.stage) + " |\n\n";
    md += "**目前情况：**" + Cell(row.situation) + "\n\n";
    md += "## 二、提请层级上提的理由\n\n" + Cell(reason) + "\n\n";
    md += "## 三、化解工作经过\n\n";
    auto ledger = store::ListLedger(tx, row.id);
    if (ledger.empty()) md += "（台帐暂无记录）\n";
    for (const auto& e : ledger) {
        auto kind = core::ParseLedgerKind(e.kind);
        md += "- " + e.on_date + " " + std::string(kind ? core::LedgerKindLabelZh(*kind) : e.kind) +
              "：" + Cell(e.summary) + "\n";
    }
    auto petitions = store::ListCasePetitions(tx, row.id);
    md += "\n## 四、相关信访件\n\n";
    if (petitions.empty()) md += "（暂无关联信访件）\n";
    for (const auto& p : petitions) {
        md += "- " + p.code + " " + Cell(p.summary) + "（" + LevelLabel(p.level) + "）\n";
    }
    md += "\n## 五、下一步工作建议\n\n" + Cell(row.recommendation) + "\n\n";
    md += "## 六、提请区领导协调事项\n\n- \n";
    return md;
}

std::string DraftMonthlyReport(store::Transaction& tx, std::int64_t unit_id,
                               const std::string& unit_name, core::Month month) {
    std::string md = "# " + unit_name + std::to_string(month.year) + "年" +
                     std::to_string(month.month) + "月领导地区包案、带案下访情况\n\n";
    md += "## 一、带案下访情况\n\n";
    md +=
        "| 序号 | 区镇 | 带案领导 | 参与人员 | 带案事项 | 督查时间 | 督查情况 | 督查要求 |\n"
        "|---|---|---|---|---|---|---|---|\n";
    store::FieldVisitFilter filter;
    filter.month = month.ToString();
    int n = 0;
    std::vector<std::int64_t> groups;
    for (const auto& v : store::ListFieldVisits(tx, filter)) {
        if (v.group_unit_id != unit_id) continue;
        groups.push_back(v.group_id);
        std::string regions, matters, requirements;
        for (const auto& r : v.regions) regions += (regions.empty() ? "" : "、") + r.name;
        for (const auto& m : v.matters) {
            std::string label =
                m.key_case_location ? *m.key_case_location : m.petition_code.value_or("");
            matters += (matters.empty() ? "" : "；") + label;
        }
        for (const auto& r : v.requirements) {
            requirements += (requirements.empty() ? "" : "；") + r.content + "（" + r.deadline +
                            "前" + (r.met ? "，已整改" : "") + "）";
        }
        md += "| " + std::to_string(++n) + " | " + Cell(regions) + " | " + v.leader_name + " | " +
              Cell(v.participants) + " | " + Cell(matters) + " | " +
              Cell(v.inspection_time.empty() ? v.visit_on : v.inspection_time) + " | " +
              Cell(v.findings) + " | " + Cell(requirements) + " |\n";
    }
    if (n == 0) md += "\n本月暂无带案下访记录。\n";

    md += "\n## 二、重点信访问题进展\n\n";
    int cases = 0;
    for (const auto& row : store::ListKeyCases(tx, {}, {0, 1000})) {
        if (!row.group_unit_id || *row.group_unit_id != unit_id) continue;
        ++cases;
        md += "- **" + Cell(row.location) + "**（" + StageLabel(row.stage) + "）";
        int entries = 0;
        for (const auto& e : store::ListLedger(tx, row.id)) {
            if (e.on_date.substr(0, 7) != month.ToString()) continue;
            md += std::string(entries++ == 0 ? "：" : "；") + e.on_date + " " + Cell(e.summary);
        }
        if (entries == 0) md += "：本月无新进展";
        md += "\n";
    }
    if (cases == 0) md += "本单位暂无重点信访问题。\n";
    md += "\n## 三、存在问题和下一步打算\n\n- \n";
    return md;
}

}  // namespace xinfang::http
