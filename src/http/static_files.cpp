#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "http/api_error.h"

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
namespace {

std::optional<std::string> ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

bool Inside(const fs::path& root, const fs::path& path) {
    auto relative = path.lexically_normal().lexically_relative(root);
    return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::string_view MimeType(std::string_view path) {
    auto ends = [path](std::string_view ext) { return path.ends_with(ext); };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".json")) return "application/json";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".woff2")) return "font/woff2";
    if (ends(".woff")) return "font/woff";
    if (ends(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

Handler StaticFiles(fs::path root) {
    root = fs::weakly_canonical(root);
    return [root](RequestContext& ctx) {
        const Request& request = ctx.request();
        auto target = boost::urls::parse_origin_form(request.target());
        std::string path = target ? std::string(target->path()) : "/";

        fs::path file = (root / fs::path(path).relative_path()).lexically_normal();
        // The public portal (/public/) is a bundle of its own with its own page; every other
        // path that is not a file belongs to the staff app's client-side router.
        bool portal = path == "/public" || path.starts_with("/public/");
        bool asset = path.starts_with("/assets/") || path.starts_with("/public/assets/");
        std::error_code ec;
        if (path == "/" || !Inside(root, file) || !fs::is_regular_file(file, ec)) {
            if (asset) throw NotFound("文件不存在");
            file = portal ? root / "public" / "index.html" : root / "index.html";
        }

        auto body = ReadFile(file);
        if (!body) throw NotFound("网页文件缺失，请先构建前端（make build）");

        Response response{bhttp::status::ok, request.version()};
        response.set(bhttp::field::content_type, MimeType(file.string()));
        response.set(bhttp::field::cache_control,
                     asset ? "public, max-age=31536000, immutable" : "no-cache");
        response.set("X-Content-Type-Options", "nosniff");
        response.keep_alive(request.keep_alive());
        // HEAD gets the same response; the server sends its headers without the body.
        response.body() = std::move(*body);
        response.prepare_payload();
        return response;
    };
}

}  // namespace xinfang::http
