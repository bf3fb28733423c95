#include "core/identity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace xinfang::core {
namespace {

constexpr std::string_view kReplacement = "\uFFFD";
constexpr std::string_view kIdeographicSpace = "\u3000";

// Length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the first byte does not start one.
std::size_t SequenceLength(std::string_view text, char32_t* code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }

    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || text.size() < length) return 0;
    char32_t value = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) return 0;
        value = (value << 6) | (byte(i) & 0x3F);
    }

    constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    bool surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (value < kMinimum[length] || value > 0x10FFFF || surrogate) return 0;
    *code_point = value;
    return length;
}

// The characters of `text`, each a well-formed UTF-8 string; a stray byte becomes U+FFFD.
std::vector<std::string> Characters(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        char32_t code_point = 0;
        std::size_t length = SequenceLength(text, &code_point);
        out.emplace_back(length == 0 ? kReplacement : text.substr(0, length));
        text.remove_prefix(std::max<std::size_t>(length, 1));
    }
    return out;
}

std::string_view Trim(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (true) {
        if (!text.empty() && is_space(text.front())) {
            text.remove_prefix(1);
        } else if (!text.empty() && is_space(text.back())) {
            text.remove_suffix(1);
        } else if (text.starts_with(kIdeographicSpace)) {
            text.remove_prefix(kIdeographicSpace.size());
        } else if (text.ends_with(kIdeographicSpace)) {
            text.remove_suffix(kIdeographicSpace.size());
        } else {
            return text;
        }
    }
}

std::string Join(const std::vector<std::string>& chars, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end && i < chars.size(); ++i) out += chars[i];
    return out;
}

// Keeps `head` characters at the front and `tail` at the back, one '*' for each other one.
std::string KeepEnds(const std::vector<std::string>& chars, std::size_t head, std::size_t tail) {
    std::size_t masked = chars.size() - head - tail;
    return Join(chars, 0, head) + std::string(masked, '*') +
           Join(chars, chars.size() - tail, chars.size());
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllDigits(std::string_view text) { return std::all_of(text.begin(), text.end(), IsDigit); }

// Province-level division codes of GB/T 2260, with 71 (Taiwan) and 81–83 (Hong Kong, Macao,
// Taiwan residents' residence permits, which use the same number format).
bool IsProvinceCode(int code) {
    constexpr std::array<std::array<int, 2>, 8> kRanges = {{
        {11, 15},
        {21, 23},
        {31, 37},
        {41, 46},
        {50, 54},
        {61, 65},
        {71, 71},
        {81, 83},
    }};
    return std::any_of(kRanges.begin(), kRanges.end(),
                       [code](const auto& range) { return code >= range[0] && code <= range[1]; });
}

int DigitsValue(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

char IdCheckCharacter(std::string_view first17) {
    constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    constexpr std::string_view kCheck = "10X98765432";
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
    return kCheck[sum % 11];
}

// The digits of a phone number as typed, with a leading '+' kept; nullopt when it holds
// anything but digits (ASCII or full-width), '+' at the start, and common separators.
std::optional<std::string> PhoneDigits(std::string_view text) {
    std::string digits;
    for (const std::string& ch : Characters(Trim(text))) {
        char32_t cp = 0;
        SequenceLength(ch, &cp);
        if (cp >= U'0' && cp <= U'9') {
            digits += static_cast<char>(cp);
        } else if (cp >= U'\uFF10' && cp <= U'\uFF19') {
            digits += static_cast<char>('0' + (cp - U'\uFF10'));
        } else if (cp == U'+' && digits.empty()) {
            digits += '+';
        } else if (cp != U' ' && cp != U'-' && cp != U'(' && cp != U')' && cp != U'\uFF08' &&
                   cp != U'\uFF09' && cp != U'\uFF0D' && cp != U'\u3000') {
            return std::nullopt;
        }
    }
    return digits;
}

bool IsMobileDigits(std::string_view d) {
    return d.size() == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9' && AllDigits(d);
}

bool IsLocalNumber(std::string_view d) {
    return (d.size() == 7 || d.size() == 8) && d[0] >= '2' && d[0] <= '9' && AllDigits(d);
}

// "0513" + "82219316" → "0513-82219316"; the area code's length decides where the local number
// starts: Beijing 010 and the 02x cities have three digits and 8-digit numbers, the rest four.
std::optional<std::string> LandlineWithArea(std::string_view d) {
    if (d.size() < 10 || d[0] != '0' || !AllDigits(d)) return std::nullopt;

    bool short_area = d.starts_with("010") || d[1] == '2';
    if (!short_area && (d[1] < '3' || d[1] > '9')) return std::nullopt;
    std::size_t area = short_area ? 3 : 4;
    std::string_view local = d.substr(area);
    if (!IsLocalNumber(local) || (short_area && local.size() != 8)) return std::nullopt;
    return std::string(d.substr(0, area)) + "-" + std::string(local);
}

std::optional<CanonicalPhone> ClassifyDigits(std::string_view d) {
    if (IsMobileDigits(d)) return CanonicalPhone{PhoneKind::kMobile, std::string(d)};
    if (auto landline = LandlineWithArea(d)) return CanonicalPhone{PhoneKind::kLandline, *landline};
    if (IsLocalNumber(d)) return CanonicalPhone{PhoneKind::kLandline, std::string(d)};
    return std::nullopt;
}

// The number after an international prefix: a mobile as is, a landline without its trunk 0.
std::optional<CanonicalPhone> ClassifyInternational(std::string_view d) {
    if (IsMobileDigits(d)) return CanonicalPhone{PhoneKind::kMobile, std::string(d)};
    if (auto landline = LandlineWithArea("0" + std::string(d))) {
        return CanonicalPhone{PhoneKind::kLandline, *landline};
    }
    return std::nullopt;
}

bool StartsAt(const std::vector<std::string>& chars, std::size_t i, std::string_view word) {
    for (const std::string& ch : Characters(word)) {
        if (i >= chars.size() || chars[i] != ch) return false;
        ++i;
    }
    return true;
}

std::size_t CharCount(std::string_view word) { return Characters(word).size(); }

// The length of the town-level marker starting at `i`, or 0.
std::size_t TownMarkerAt(const std::vector<std::string>& chars, std::size_t i) {
    constexpr std::array<std::string_view, 7> kTownMarkers = {"街道", "开发区", "园区", "新区",
                                                              "农场", "镇",     "乡"};
    for (std::string_view marker : kTownMarkers) {
        if (StartsAt(chars, i, marker)) return CharCount(marker);
    }
    return 0;
}

struct UpperMarker {
    std::string_view text;
    int level;  // 1 province, 2 city, 3 county
};

// The province, city or county marker starting at `i`, if any.
std::optional<UpperMarker> UpperMarkerAt(const std::vector<std::string>& chars, std::size_t i) {
    constexpr std::array<UpperMarker, 7> kUpperMarkers = {{
        {"自治区", 1},
        {"自治州", 2},
        {"自治县", 3},
        {"省", 1},
        {"市", 2},
        {"区", 3},
        {"县", 3},
    }};
    for (const UpperMarker& marker : kUpperMarkers) {
        if (StartsAt(chars, i, marker.text)) return marker;
    }
    return std::nullopt;
}

// How many leading characters of the address MaskAddress keeps. A marker only counts when some
// name precedes it in its segment (so 镇江市 is a city, not a town called nothing), and upper
// levels only count while they descend (省 → 市 → 区), so 人民市场 after 海门区 is no city.
std::size_t KeptCharacters(const std::vector<std::string>& chars) {
    std::size_t segment_start = 0;
    int level = 0;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        if (i == segment_start) continue;
        if (std::size_t town = TownMarkerAt(chars, i)) return i + town;

        auto upper = UpperMarkerAt(chars, i);
        if (upper && upper->level > level) {
            level = upper->level;
            segment_start = i + CharCount(upper->text);
            i = segment_start - 1;
        }
    }
    return segment_start;
}

}  // namespace

std::string NormalizeIdNumber(std::string_view text) {
    std::string id(Trim(text));
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    return id;
}

IdNumberProblem CheckIdNumber(std::string_view id, Date today) {
    if (id.size() != 18) return IdNumberProblem::kLength;
    std::string_view first17 = id.substr(0, 17);
    if (!AllDigits(first17) || !(IsDigit(id[17]) || id[17] == 'X')) {
        return IdNumberProblem::kCharacters;
    }
    if (!IsProvinceCode(DigitsValue(id.substr(0, 2)))) return IdNumberProblem::kRegion;

    auto birth = Date::FromYmd(DigitsValue(id.substr(6, 4)), DigitsValue(id.substr(10, 2)),
                               DigitsValue(id.substr(12, 2)));
    if (!birth || birth->year() < 1900 || *birth > today) return IdNumberProblem::kBirthDate;

    if (IdCheckCharacter(first17) != id[17]) return IdNumberProblem::kChecksum;
    return IdNumberProblem::kNone;
}

std::string_view IdNumberProblemMessage(IdNumberProblem problem) {
    switch (problem) {
        case IdNumberProblem::kNone:
            return "";
        case IdNumberProblem::kLength:
            return "身份证号码应为18位";
        case IdNumberProblem::kCharacters:
            return "身份证号码应为17位数字加1位数字或X";
        case IdNumberProblem::kRegion:
            return "身份证号码的地区码无效";
        case IdNumberProblem::kBirthDate:
            return "身份证号码中的出生日期无效";
        case IdNumberProblem::kChecksum:
            return "身份证号码校验位不正确";
    }
    return "";
}

std::optional<CanonicalPhone> ParsePhone(std::string_view text) {
    auto digits = PhoneDigits(text);
    if (!digits || digits->empty()) return std::nullopt;
    std::string_view d = *digits;

    if (d.starts_with("+86")) return ClassifyInternational(d.substr(3));
    if (d.starts_with('+')) return std::nullopt;
    if (d.starts_with("0086")) return ClassifyInternational(d.substr(4));
    if (d.size() == 13 && d.starts_with("86")) return ClassifyInternational(d.substr(2));
    return ClassifyDigits(d);
}

bool IsMainlandMobile(std::string_view text) {
    auto phone = ParsePhone(text);
    return phone && phone->kind == PhoneKind::kMobile;
}

std::string MaskName(std::string_view name) {
    auto chars = Characters(Trim(name));
    if (chars.size() <= 1) return std::string(chars.size(), '*');
    if (chars.size() == 2) return KeepEnds(chars, 1, 0);
    return KeepEnds(chars, 1, 1);
}

std::string MaskIdNumber(std::string_view id_number) {
    auto chars = Characters(Trim(id_number));
    if (chars.size() == 18) return KeepEnds(chars, 6, 4);
    if (chars.size() == 15) return KeepEnds(chars, 6, 3);
    if (chars.size() >= 3) return KeepEnds(chars, 1, 1);
    return std::string(chars.size(), '*');
}

std::string MaskPhone(std::string_view phone) {
    if (auto canonical = ParsePhone(phone)) {
        const std::string& number = canonical->number;
        if (canonical->kind == PhoneKind::kMobile) {
            return number.substr(0, 3) + "****" + number.substr(7);
        }
        std::size_t dash = number.find('-');
        std::size_t local_start = dash == std::string::npos ? 0 : dash + 1;
        std::size_t local_size = number.size() - local_start;
        return number.substr(0, local_start) + std::string(local_size - 4, '*') +
               number.substr(number.size() - 4);
    }

    auto chars = Characters(Trim(phone));
    std::string out = Join(chars, 0, chars.size());
    std::size_t digits = std::count_if(out.begin(), out.end(), IsDigit);
    std::size_t seen = 0;
    for (char& c : out) {
        if (IsDigit(c) && ++seen + 4 <= digits) c = '*';
    }
    return out;
}

std::string MaskAddress(std::string_view address) {
    auto chars = Characters(Trim(address));
    if (chars.empty()) return {};

    std::size_t kept = KeptCharacters(chars);
    if (kept >= chars.size()) return Join(chars, 0, chars.size());
    return Join(chars, 0, kept) + "****";
}

}  // namespace xinfang::core
