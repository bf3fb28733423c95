// Ledger import (issue 6): POST /api/v1/imports/petitions and /api/v1/imports/key-cases with the
// CSV or XLSX file as the body. See http/ledger_import.h for the rules and docs/openapi.yaml
// ("imports").

#include "http/handlers/import_handlers.h"

#include <sstream>

#include "http/api_error.h"
#include "http/ledger_import.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace json = boost::json;
namespace {

json::object ResultJson(const ImportResult& result, bool dry_run) {
    json::array problems, ignored;
    for (const auto& p : result.problems) {
        problems.push_back(
            json::object{{"row", p.row}, {"column", p.column}, {"message", p.message}});
    }
    for (const auto& c : result.ignored_columns) ignored.push_back(json::string(c));
    return json::object{{"rows", result.rows},
                        {"imported", result.imported},
                        {"dry_run", dry_run},
                        {"problem_count", result.problem_count},
                        {"problems", std::move(problems)},
                        {"ignored_columns", std::move(ignored)}};
}

Response Import(AppContext& app, RequestContext& ctx, LedgerKind kind) {
    const std::string& bytes = ctx.request().body();
    if (bytes.empty()) throw ValidationError("validation.required", "请上传台账文件", "file");
    bool dry_run = ctx.Query("dry_run") == "true";
    std::optional<reports::TextEncoding> encoding;
    if (auto e = ctx.Query("encoding")) {
        if (*e == "gbk") {
            encoding = reports::TextEncoding::kGb18030;
        } else if (*e == "utf-8") {
            encoding = reports::TextEncoding::kUtf8;
        } else if (!e->empty()) {
            throw ValidationError("validation.invalid", "编码只能是 utf-8 或 gbk", "encoding");
        }
    }

    bool xlsx = reports::LooksLikeXlsx(bytes);
    std::istringstream stream;
    LedgerOpener open = [&]() -> std::unique_ptr<reports::LedgerReader> {
        if (xlsx) return reports::OpenXlsx(bytes);
        stream = std::istringstream(bytes);
        return encoding ? reports::OpenCsv(stream, *encoding) : reports::OpenCsv(stream);
    };
    ImportResult result;
    try {
        result = ImportLedger(app, ctx.principal().user, kind, open, dry_run);
    } catch (const reports::LedgerError& error) {
        throw ApiError(422, "import.unreadable", error.what(), "file");
    }
    json::object body = ResultJson(result, dry_run);
    if (result.problem_count == 0) return JsonResponse(ctx.request(), 200, body);
    body["error"] = json::object{
        {"code", "import.invalid_rows"},
        {"message", "有" + std::to_string(result.problem_count) + "处不符合要求，未导入任何数据"},
        {"field", "file"}};
    return JsonResponse(ctx.request(), 422, body);
}

}  // namespace

void AddImportRoutes(Router& router, AppContext& app) {
    router.Add(bhttp::verb::post, "/api/v1/imports/petitions",
               Guard::Requires(core::Permission::kLedgerImport),
               [&app](RequestContext& ctx) { return Import(app, ctx, LedgerKind::kPetitions); });
    router.Add(bhttp::verb::post, "/api/v1/imports/key-cases",
               Guard::Requires(core::Permission::kLedgerImport),
               [&app](RequestContext& ctx) { return Import(app, ctx, LedgerKind::kKeyCases); });
}

}  // namespace xinfang::http
