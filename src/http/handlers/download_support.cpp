#include "http/handlers/download_support.h"

#include <cctype>

namespace xinfang::http {
namespace bhttp = boost::beast::http;
namespace {

std::string PercentEncode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

Disposition DispositionOf(const RequestContext& ctx) {
    return ctx.Query("inline") == "true" ? Disposition::kInline : Disposition::kAttachment;
}

Response FileResponse(const Request& request, std::string_view content_type,
                      const std::string& ascii_name, const std::string& utf8_name,
                      std::string bytes, Disposition disposition) {
    Response response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, content_type);
    response.set(bhttp::field::cache_control, "no-store");
    std::string kind = disposition == Disposition::kInline ? "inline" : "attachment";
    response.set(
        bhttp::field::content_disposition,
        kind + "; filename=\"" + ascii_name + "\"; filename*=UTF-8''" + PercentEncode(utf8_name));
    response.keep_alive(request.keep_alive());
    response.body() = std::move(bytes);
    response.prepare_payload();
    return response;
}

}  // namespace xinfang::http
