#pragma once

// Attachments of petitions and inspections (issue 3, "Investigation"): photos and documents kept
// as files outside the database, named by the SHA-256 of their content, so the database row only
// references them by hash, the same file uploaded twice is stored once, and a file can be
// checked against its name at any time. Also the checks an upload passes before it is stored.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace xinfang::store {

struct StoredFile {
    std::string sha256;  // 64 lowercase hex characters
    std::size_t size;
};

class FileStore {
public:
    // Files live under `root`/ab/cd/<sha256> (ab and cd being the first two pairs of hex digits,
    // so no folder grows beyond 256 entries). Folders are created when first needed.
    explicit FileStore(std::filesystem::path root);

    // Stores `bytes` and returns their digest and size. The file is written under a temporary
    // name, synced and renamed into place, so a reader or a crash never sees a partial file; when
    // the file is already there it is kept as it is. Throws std::runtime_error when the disk
    // refuses (permissions, space).
    StoredFile Put(std::string_view bytes) const;

    // The content stored under `sha256`; nullopt when nothing is, or when `sha256` is not 64
    // lowercase hex characters (so a name from a request can never reach outside the root).
    // Throws std::runtime_error when the file exists but cannot be read.
    std::optional<std::string> Get(std::string_view sha256) const;

    // Whether a file is stored under `sha256`; false for a malformed digest.
    bool Exists(std::string_view sha256) const;

private:
    std::filesystem::path PathOf(std::string_view sha256) const;

    std::filesystem::path root_;
};

// Exactly 64 lowercase hexadecimal characters.
bool IsSha256Hex(std::string_view text);

// The type of `bytes` judged by their first bytes: "image/jpeg", "image/png" or
// "application/pdf"; nullopt for anything else.
std::optional<std::string> SniffType(std::string_view bytes);

enum class UploadProblem { kNone, kUnsupportedType, kTypeMismatch, kTooLarge, kEmpty };

// The verdict on one upload. When `problem` is kNone, `content_type` is the canonical type to
// store; otherwise `status`, `code` and `message` are the API error to answer with (e.g. 415,
// "upload.unsupported_type", "仅支持 JPG、PNG 图片和 PDF 文件").
struct UploadCheck {
    UploadProblem problem = UploadProblem::kNone;
    int status = 0;
    std::string code;
    std::string message;
    std::string content_type;

    bool ok() const { return problem == UploadProblem::kNone; }
};

// Checks a raw upload body against its declared Content-Type, in this order: the type is one of
// image/jpeg (also spelled image/jpg), image/png, application/pdf, parameters and case ignored
// (else 415 upload.unsupported_type); the body is not empty (400 upload.empty); it is at most
// `max_bytes` long (413 upload.too_large); its magic bytes match the declared type
// (400 upload.type_mismatch).
UploadCheck CheckUpload(std::string_view declared_type, std::string_view bytes,
                        std::size_t max_bytes);

// A file name fit to store and to offer back on download, from the percent-encoded UTF-8 name a
// client sends (header X-Filename). Decodes %XX escapes (a '%' not followed by two hex digits is
// kept as it is); a result that is not valid UTF-8 is discarded whole. Removes path separators,
// control characters, bidirectional overrides (which can disguise an extension) and the
// characters Windows forbids in names (<>:"|?*), then leading dots and surrounding spaces. Keeps
// at most 100 characters, preserving a short extension. Falls back to "附件" when nothing is left.
std::string SafeFilename(std::string_view percent_encoded_name);

}  // namespace xinfang::store
