#include "store/file_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "security/digest.h"
#include "text/bigram.h"

namespace xinfang::store {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFilenameChars = 100;
constexpr std::size_t kMaxExtensionChars = 10;
constexpr std::string_view kFallbackFilename = "附件";

std::runtime_error SystemError(std::string_view step, const fs::path& path) {
    return std::runtime_error("file store: " + std::string(step) + " " + path.string() + ": " +
                              std::strerror(errno));
}

void WriteAll(int fd, std::string_view data, const fs::path& path) {
    while (!data.empty()) {
        ssize_t written = write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) throw SystemError("cannot write", path);
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

void SyncDirectory(const fs::path& directory) {
    int fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

// The temporary file sits in the target's own folder so that rename() stays within one file
// system and is atomic; its name is never 64 hex characters, so Get and Exists cannot see it.
void WriteAtomically(const fs::path& target, std::string_view bytes) {
    std::string temporary = (target.parent_path() / ".tmp-XXXXXX").string();
    int fd = mkstemp(temporary.data());
    if (fd < 0) throw SystemError("cannot create a temporary file in", target.parent_path());

    try {
        WriteAll(fd, bytes, temporary);
        if (fsync(fd) != 0) throw SystemError("cannot sync", temporary);
        if (close(fd) != 0) {
            fd = -1;
            throw SystemError("cannot close", temporary);
        }
        fd = -1;
        if (rename(temporary.c_str(), target.c_str()) != 0) {
            throw SystemError("cannot rename into", target);
        }
    } catch (...) {
        if (fd >= 0) close(fd);
        unlink(temporary.c_str());
        throw;
    }

    SyncDirectory(target.parent_path());
}

std::optional<std::string> ReadWhole(const fs::path& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return std::nullopt;
    if (fd < 0) throw SystemError("cannot open", path);

    std::string content;
    char buffer[64 * 1024];
    ssize_t count;
    while ((count = read(fd, buffer, sizeof buffer)) != 0) {
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) {
            int read_errno = errno;
            close(fd);
            errno = read_errno;
            throw SystemError("cannot read", path);
        }
        content.append(buffer, static_cast<std::size_t>(count));
    }
    close(fd);
    return content;
}

// ---- upload types ----

constexpr std::string_view kJpeg = "image/jpeg";
constexpr std::string_view kPng = "image/png";
constexpr std::string_view kPdf = "application/pdf";

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

// The canonical spelling of a supported declared type, whose parameters (";name=…"), blanks and
// case do not count; image/jpg, which some clients send, is taken for image/jpeg.
std::optional<std::string_view> SupportedType(std::string_view declared) {
    declared = declared.substr(0, declared.find(';'));
    std::size_t begin = declared.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return std::nullopt;
    declared = declared.substr(begin, declared.find_last_not_of(" \t") - begin + 1);

    if (EqualsIgnoringCase(declared, "image/jpg")) return kJpeg;
    for (std::string_view type : {kJpeg, kPng, kPdf}) {
        if (EqualsIgnoringCase(declared, type)) return type;
    }
    return std::nullopt;
}

std::string SizeLimitText(std::size_t max_bytes) {
    constexpr std::size_t kKiB = 1024;
    constexpr std::size_t kMiB = 1024 * kKiB;
    if (max_bytes >= kMiB && max_bytes % kMiB == 0) return std::to_string(max_bytes / kMiB) + "MB";
    if (max_bytes >= kKiB && max_bytes % kKiB == 0) return std::to_string(max_bytes / kKiB) + "KB";
    return std::to_string(max_bytes) + "字节";
}

UploadCheck Rejected(UploadProblem problem, int status, std::string code, std::string message) {
    return UploadCheck{problem, status, std::move(code), std::move(message), {}};
}

// ---- file names ----

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string PercentDecode(std::string_view text) {
    std::string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool escape = text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
                      HexValue(text[i + 2]) >= 0;
        if (!escape) {
            decoded += text[i];
            continue;
        }
        decoded += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
        i += 2;
    }
    return decoded;
}

void AppendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string EncodeUtf8(std::u32string_view text) {
    std::string out;
    for (char32_t c : text) AppendUtf8(out, c);
    return out;
}

bool IsBidiControl(char32_t c) {
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

bool IsUnsafeInFilename(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
    if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || IsBidiControl(c)) return true;
    return std::u32string_view(U"/\\<>:\"|?*").find(c) != std::u32string_view::npos;
}

bool IsBlank(char32_t c) { return c == U' ' || c == 0x3000; }

// A name cut to the limit keeps its extension (".pdf"), so the file still opens with the right
// program; an "extension" longer than kMaxExtensionChars is just part of the name.
std::u32string Truncate(std::u32string name) {
    if (name.size() <= kMaxFilenameChars) return name;

    std::size_t dot = name.rfind(U'.');
    std::size_t extension_length = dot == std::u32string::npos ? 0 : name.size() - dot;
    if (extension_length > kMaxExtensionChars) extension_length = 0;

    std::u32string extension = name.substr(name.size() - extension_length);
    name.resize(kMaxFilenameChars - extension_length);
    return name + extension;
}

}  // namespace

FileStore::FileStore(fs::path root) : root_(std::move(root)) {}

fs::path FileStore::PathOf(std::string_view sha256) const {
    return root_ / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

StoredFile FileStore::Put(std::string_view bytes) const {
    StoredFile stored{security::Sha256Hex(bytes), bytes.size()};
    fs::path target = PathOf(stored.sha256);

    std::error_code error;
    if (fs::file_size(target, error) == bytes.size() && !error) return stored;

    fs::create_directories(target.parent_path());
    WriteAtomically(target, bytes);
    return stored;
}

std::optional<std::string> FileStore::Get(std::string_view sha256) const {
    if (!IsSha256Hex(sha256)) return std::nullopt;
    return ReadWhole(PathOf(sha256));
}

bool FileStore::Exists(std::string_view sha256) const {
    if (!IsSha256Hex(sha256)) return false;

    std::error_code error;
    return fs::is_regular_file(PathOf(sha256), error);
}

bool IsSha256Hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::optional<std::string> SniffType(std::string_view bytes) {
    if (bytes.starts_with("\xFF\xD8\xFF")) return std::string(kJpeg);
    if (bytes.starts_with("\x89PNG\r\n\x1A\n")) return std::string(kPng);
    if (bytes.starts_with("%PDF-")) return std::string(kPdf);
    return std::nullopt;
}

UploadCheck CheckUpload(std::string_view declared_type, std::string_view bytes,
                        std::size_t max_bytes) {
    std::optional<std::string_view> type = SupportedType(declared_type);
    if (!type) {
        return Rejected(UploadProblem::kUnsupportedType, 415, "upload.unsupported_type",
                        "仅支持 JPG、PNG 图片和 PDF 文件");
    }
    if (bytes.empty()) {
        return Rejected(UploadProblem::kEmpty, 400, "upload.empty", "文件内容为空");
    }
    if (bytes.size() > max_bytes) {
        return Rejected(UploadProblem::kTooLarge, 413, "upload.too_large",
                        "文件不能超过" + SizeLimitText(max_bytes));
    }
    if (SniffType(bytes) != *type) {
        return Rejected(UploadProblem::kTypeMismatch, 400, "upload.type_mismatch",
                        "文件内容与类型不符");
    }
    return UploadCheck{UploadProblem::kNone, 0, {}, {}, std::string(*type)};
}

std::string SafeFilename(std::string_view percent_encoded_name) {
    std::string decoded = PercentDecode(percent_encoded_name);
    std::u32string chars = text::DecodeUtf8(decoded);
    if (EncodeUtf8(chars) != decoded) return std::string(kFallbackFilename);

    std::erase_if(chars, IsUnsafeInFilename);

    std::size_t begin = 0;
    while (begin < chars.size() && (IsBlank(chars[begin]) || chars[begin] == U'.')) ++begin;
    std::size_t end = chars.size();
    while (end > begin && (IsBlank(chars[end - 1]) || chars[end - 1] == U'.')) --end;
    chars = Truncate(chars.substr(begin, end - begin));

    if (chars.empty()) return std::string(kFallbackFilename);
    return EncodeUtf8(chars);
}

}  // namespace xinfang::store
