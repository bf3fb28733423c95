// The archive export of one key case (一案一卷, issue 5): the whole case file as one PDF, and a
// ZIP with that PDF, the same text in Markdown, each minute and report as written, and every
// attachment as uploaded. Petitioners appear masked unless the reader may see identities and
// asks with `reveal=true`; a reveal is audited like the petition page's.

#include "core/key_case.h"
#include "core/petition.h"
#include "http/api_error.h"
#include "http/audit_support.h"
#include "http/handlers/download_support.h"
#include "http/handlers/key_case_handlers.h"
#include "http/key_case_support.h"
#include "reports/case_file.h"
#include "store/petition_store.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
using store::Transaction;
namespace {

struct Archive {
    store::KeyCaseRow row;
    reports::CaseFileDocument document;
    std::vector<store::CaseDocumentRow> documents;
    std::vector<store::CaseAttachmentRow> attachments;
};

std::string KindLabel(const std::string& kind) {
    if (kind == "minutes") return "会议纪要";
    if (kind == "closing_report") return "结案报告";
    if (kind == "special_report") return "专题报告";
    return kind;
}

std::string PetitionerNames(Transaction& tx, const AppContext& app, std::int64_t petition_id,
                            bool reveal) {
    std::string names;
    for (const auto& p : store::ListPetitioners(tx, petition_id)) {
        std::string name = p.name_masked;
        if (reveal) {
            auto clear = app.field_key.Decrypt(p.name_enc, "petitioner.name");
            if (!clear) throw std::runtime_error("a petitioner name failed to decrypt");
            name = *clear;
        }
        names += (names.empty() ? "" : "、") + name;
    }
    return names.empty() ? "（无）" : names;
}

std::vector<std::pair<std::string, std::string>> Summary(const store::KeyCaseRow& k) {
    std::string level = LevelLabel(k.level) + (k.level_note.empty() ? "" : "、" + k.level_note);
    std::string owner = k.owner_level == "district"
                            ? "区领导包案（" + k.district_leader.value_or("") + "）"
                            : "局领导包案";
    std::string marks = std::string(k.repeat ? "重复访 " : "") + (k.level_skipping ? "越级访" : "");
    return {{"序号", std::to_string(k.seq)},
            {"区镇", k.region_name},
            {"信访层级", level},
            {"问题点位", k.location},
            {"目前情况", k.situation},
            {"下一步工作建议", k.recommendation},
            {"包案领导", k.leader_name},
            {"包案小组", k.group_name.value_or("（无）")},
            {"包案层级", owner},
            {"阶段", StageLabel(k.stage)},
            {"目标化解时间", k.target_date.value_or("（未定）")},
            {"标记", marks.empty() ? "（无）" : marks}};
}

std::string LedgerText(Transaction& tx, std::int64_t case_id) {
    std::string md;
    for (const auto& e : store::ListLedger(tx, case_id)) {
        auto kind = core::ParseLedgerKind(e.kind);
        md += "- " + e.on_date + " " + std::string(kind ? core::LedgerKindLabelZh(*kind) : e.kind) +
              "：" + e.summary + (e.user_name ? "（" + *e.user_name + "）" : "") + "\n";
    }
    return md;
}

std::string VisitText(const store::FieldVisitRow& v) {
    std::string md = "### " + v.visit_on + " " + v.group_name + " " + v.leader_name + "带案下访" +
                     (v.status == "planned" ? "（计划）" : "") + "\n\n";
    md += "- 参与人员：" + v.participants + "\n";
    if (!v.inspection_time.empty()) md += "- 督查时间：" + v.inspection_time + "\n";
    if (!v.findings.empty()) md += "- 督查情况：" + v.findings + "\n";
    for (const auto& r : v.requirements) {
        md += "- 督查要求：" + r.content + "（" + r.deadline + "前，" +
              (r.met ? "已整改到位" : "未整改到位") + "）\n";
        for (const auto& f : r.follow_ups) {
            md += "- 后督察 " + f.followed_up_on + "：" + (f.met ? "到位。" : "未到位。") + f.note +
                  "\n";
        }
    }
    return md;
}

Archive Collect(Transaction& tx, const AppContext& app, const store::KeyCaseRow& row, bool reveal) {
    Archive archive;
    archive.row = row;
    archive.documents = store::ListCaseDocuments(tx, row.id);
    archive.attachments = store::ListCaseAttachments(tx, row.id);
    reports::CaseFileDocument& doc = archive.document;
    doc.title = "一案一卷：" + row.location;
    doc.summary = Summary(row);

    doc.sections.push_back({"案件台帐", {}});
    if (std::string ledger = LedgerText(tx, row.id); !ledger.empty()) {
        doc.sections.back().paragraphs.push_back(ledger);
    }

    reports::CaseFileSection tasks{"属地及部门任务", {}};
    for (const auto& t : store::ListCaseTasks(tx, row.id)) {
        tasks.paragraphs.push_back("- " + t.unit_name + "：" + t.content +
                                   (t.deadline ? "（" + *t.deadline + "前）" : "") +
                                   "；落实情况：" + t.result.value_or("未反馈") +
                                   (t.done ? "（已完成）" : ""));
    }
    doc.sections.push_back(std::move(tasks));

    reports::CaseFileSection minutes{"会议纪要", {}};
    for (const auto& d : archive.documents) {
        if (d.kind != "minutes") continue;
        minutes.paragraphs.push_back("### " + d.title + "（" + d.held_on.value_or("") + "）\n\n" +
                                     d.body);
    }
    doc.sections.push_back(std::move(minutes));

    reports::CaseFileSection visits{"带案下访记录", {}};
    store::FieldVisitFilter filter;
    filter.key_case_id = row.id;
    for (const auto& v : store::ListFieldVisits(tx, filter))
        visits.paragraphs.push_back(VisitText(v));
    doc.sections.push_back(std::move(visits));

    reports::CaseFileSection petitions{"关联信访件", {}};
    for (const auto& p : store::ListCasePetitions(tx, row.id)) {
        petitions.paragraphs.push_back("- " + p.code + " " + p.summary + "（" +
                                       LevelLabel(p.level) + "）信访人：" +
                                       PetitionerNames(tx, app, p.id, reveal));
    }
    doc.sections.push_back(std::move(petitions));

    reports::CaseFileSection escalations{"层级上提及专题报告", {}};
    for (const auto& e : store::ListEscalations(tx, row.id)) {
        escalations.paragraphs.push_back("- " + core::DateOf(e.escalated_at).ToString() +
                                         " 上提至区领导" + e.district_leader + "：" + e.reason);
    }
    for (const auto& d : archive.documents) {
        if (d.kind == "special_report") escalations.paragraphs.push_back(d.body);
    }
    doc.sections.push_back(std::move(escalations));

    reports::CaseFileSection closing{"结案报告", {}};
    for (const auto& d : archive.documents) {
        if (d.kind != "closing_report") continue;
        closing.paragraphs.push_back("- 化解情况：" + d.settlement.value_or("") + "\n- 息诉息访：" +
                                     (d.petitioner_stopped.value_or(false) ? "是" : "否"));
        closing.paragraphs.push_back(d.body);
    }
    doc.sections.push_back(std::move(closing));

    reports::CaseFileSection files{"附件", {}};
    for (const auto& a : archive.attachments) {
        files.paragraphs.push_back("- " + std::to_string(a.id) + "-" + a.filename + "（" +
                                   std::to_string(a.size) + " 字节）");
    }
    doc.sections.push_back(std::move(files));
    return archive;
}

// Loads the archive as the principal may read it; a town government never reads the case file.
Archive LoadArchive(AppContext& app, RequestContext& ctx) {
    std::int64_t id = ParseId(ctx.Param("id"));
    bool reveal = ctx.Query("reveal") == "true";
    const core::User& user = ctx.principal().user;
    if (reveal && !core::Allows(user.role, core::Permission::kPetitionersReveal)) {
        throw Forbidden("没有查看信访人完整信息的权限");
    }
    Transaction tx(app.db, reveal ? Transaction::Mode::kWrite : Transaction::Mode::kRead);
    store::KeyCaseRow row = LoadVisibleKeyCase(tx, ctx.principal(), id);
    if (user.role == core::Role::kTown) throw NotFound("重点信访问题不存在");
    Archive archive = Collect(tx, app, row, reveal);
    if (reveal) {
        RecordAudit(tx, user, "reveal", "key_case", id,
                    json::object{{"export", json::array{nullptr, "petitioners"}}});
        tx.Commit();
    }
    return archive;
}

std::string FileStem(const store::KeyCaseRow& row) { return "一案一卷-" + std::to_string(row.seq); }

Response Pdf(AppContext& app, RequestContext& ctx) {
    Archive archive = LoadArchive(app, ctx);
    std::string pdf = reports::CaseFilePdf(archive.document);
    return FileResponse(ctx.request(), kPdfType,
                        "key-case-" + std::to_string(archive.row.seq) + ".pdf",
                        FileStem(archive.row) + ".pdf", std::move(pdf), DispositionOf(ctx));
}

Response Zip(AppContext& app, RequestContext& ctx) {
    Archive archive = LoadArchive(app, ctx);
    std::vector<reports::ZipEntry> entries;
    entries.push_back({"案卷.pdf", reports::CaseFilePdf(archive.document)});
    entries.push_back({"案卷.md", reports::CaseFileMarkdown(archive.document)});
    for (const auto& d : archive.documents) {
        entries.push_back({"文书/" + KindLabel(d.kind) + "-" + std::to_string(d.id) + ".md",
                           "# " + d.title + "\n\n" + d.body + "\n"});
    }
    for (const auto& a : archive.attachments) {
        auto bytes = app.files.Get(a.sha256);
        if (!bytes) throw NotFound("附件文件缺失：" + a.filename);
        entries.push_back({"附件/" + std::to_string(a.id) + "-" + a.filename, std::move(*bytes)});
    }
    return FileResponse(ctx.request(), "application/zip",
                        "key-case-" + std::to_string(archive.row.seq) + ".zip",
                        FileStem(archive.row) + ".zip", reports::ZipArchive(entries));
}

}  // namespace

void AddKeyCaseExportRoutes(Router& router, AppContext& app) {
    Guard read = Guard::Requires(core::Permission::kKeyCasesRead);
    auto bind = [&app](Response (*handler)(AppContext&, RequestContext&)) {
        return [&app, handler](RequestContext& ctx) { return handler(app, ctx); };
    };
    router.Add(bhttp::verb::get, "/api/v1/key-cases/{id}/archive.pdf", read, bind(Pdf));
    router.Add(bhttp::verb::get, "/api/v1/key-cases/{id}/archive.zip", read, bind(Zip));
}

}  // namespace xinfang::http
