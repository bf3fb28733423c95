#include "http/json_body.h"

#include <charconv>

#include "http/api_error.h"

namespace xinfang::http {
namespace json = boost::json;
namespace {

std::string Trim(std::string_view text) {
    const char* space = " \t\r\n";
    auto begin = text.find_first_not_of(space);
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(space);
    return std::string(text.substr(begin, end - begin + 1));
}

ApiError TypeError(std::string_view name, std::string_view label, std::string_view expected) {
    return ValidationError("validation.type",
                           std::string(label) + "的格式不正确，应为" + std::string(expected),
                           std::string(name));
}

ApiError Required(std::string_view name, std::string_view label) {
    return ValidationError("validation.required", "请填写" + std::string(label),
                           std::string(name));
}

}  // namespace

std::size_t Utf8Length(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++count;
    }
    return count;
}

JsonBody JsonBody::Parse(const Request& request) {
    if (request.body().size() > kMaxJsonBytes) {
        throw ApiError(413, "request.too_large", "请求体过大");
    }
    auto type = request[boost::beast::http::field::content_type];
    if (!type.starts_with("application/json")) {
        throw ApiError(415, "request.unsupported_media_type", "请求内容必须是 JSON（application/json）");
    }

    boost::system::error_code ec;
    json::value value = json::parse(request.body(), ec);
    if (ec) throw ValidationError("json.malformed", "请求内容不是有效的 JSON", "");
    if (!value.is_object()) {
        throw ValidationError("json.not_object", "请求内容必须是 JSON 对象", "");
    }
    return JsonBody(std::move(value.as_object()));
}

const json::value* JsonBody::Find(std::string_view name) const {
    return object_.if_contains(name);
}

bool JsonBody::Has(std::string_view name) const { return Find(name) != nullptr; }

bool JsonBody::IsNull(std::string_view name) const {
    const json::value* v = Find(name);
    return v && v->is_null();
}

void JsonBody::ForbidNull(std::string_view name, std::string_view label) const {
    if (IsNull(name)) throw Required(name, label);
}

std::string JsonBody::RequiredString(std::string_view name, std::string_view label,
                                     std::size_t max_chars) const {
    auto value = OptionalString(name, label, max_chars);
    if (!value) throw Required(name, label);
    return *value;
}

std::optional<std::string> JsonBody::OptionalString(std::string_view name, std::string_view label,
                                                    std::size_t max_chars) const {
    const json::value* v = Find(name);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) throw TypeError(name, label, "文本");

    std::string text = Trim(v->as_string());
    if (text.empty()) throw Required(name, label);
    if (text.find('\0') != std::string::npos) throw TypeError(name, label, "不含控制字符的文本");
    if (Utf8Length(text) > max_chars) {
        throw ValidationError("validation.too_long",
                              std::string(label) + "不能超过" + std::to_string(max_chars) + "个字",
                              std::string(name));
    }
    return text;
}

std::int64_t JsonBody::RequiredInt(std::string_view name, std::string_view label,
                                   std::int64_t min, std::int64_t max) const {
    auto value = OptionalInt(name, label, min, max);
    if (!value) throw Required(name, label);
    return *value;
}

std::optional<std::int64_t> JsonBody::OptionalInt(std::string_view name, std::string_view label,
                                                  std::int64_t min, std::int64_t max) const {
    const json::value* v = Find(name);
    if (!v || v->is_null()) return std::nullopt;

    std::int64_t number = 0;
    if (v->is_int64()) {
        number = v->as_int64();
    } else if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        number = static_cast<std::int64_t>(v->as_uint64());
    } else {
        throw TypeError(name, label, "整数");
    }
    if (number < min || number > max) {
        throw ValidationError("validation.invalid",
                              std::string(label) + "应在" + std::to_string(min) + "到" +
                                  std::to_string(max) + "之间",
                              std::string(name));
    }
    return number;
}

std::optional<bool> JsonBody::OptionalBool(std::string_view name, std::string_view label) const {
    const json::value* v = Find(name);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_bool()) throw TypeError(name, label, "true 或 false");
    return v->as_bool();
}

std::optional<std::vector<std::int64_t>> JsonBody::OptionalIdList(std::string_view name,
                                                                  std::string_view label) const {
    const json::value* v = Find(name);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_array()) throw TypeError(name, label, "编号列表");

    std::vector<std::int64_t> ids;
    for (const auto& item : v->as_array()) {
        if (!item.is_int64() || item.as_int64() <= 0) throw TypeError(name, label, "编号列表");
        ids.push_back(item.as_int64());
    }
    return ids;
}

std::int64_t ParseId(std::string_view text) {
    std::int64_t id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) throw NotFound();
    return id;
}

}  // namespace xinfang::http
