#include "http/handlers/list_support.h"

#include <charconv>

#include "http/api_error.h"

namespace xinfang::http {

std::optional<std::int64_t> IntQuery(const RequestContext& ctx, std::string_view name) {
    auto text = ctx.Query(name);
    if (!text) return std::nullopt;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size()) {
        throw ValidationError("validation.type", "参数" + std::string(name) + "应为整数",
                              std::string(name));
    }
    return value;
}

store::Page PageFromQuery(const RequestContext& ctx) {
    std::int64_t page = IntQuery(ctx, "page").value_or(1);
    std::int64_t size = IntQuery(ctx, "page_size").value_or(50);
    if (page < 1 || page > 1000000) {
        throw ValidationError("validation.invalid", "页码应为正整数", "page");
    }
    if (size < 1 || size > 500) {
        throw ValidationError("validation.invalid", "每页条数应在1到500之间", "page_size");
    }
    return store::Page{(page - 1) * size, size};
}

}  // namespace xinfang::http
