#include "security/field_crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "core/log.h"
#include "security/init.h"

namespace xinfang::security {

namespace {

constexpr std::string_view kKeyFileHeader = "xinfang-field-key v1";
constexpr std::uint8_t kBlobVersion = 1;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr std::size_t kHashBytes = 32;
// A key file is two short lines; reading stops soon after this so a wrong path given by mistake
// (a log, a database) is rejected as malformed instead of read whole into memory.
constexpr std::size_t kMaxKeyFileBytes = 4096;

// crypto_kdf contexts are exactly 8 bytes. Distinct contexts make the two sub-keys independent:
// knowing the hash key, which any lookup uses, tells nothing about the encryption key.
constexpr char kEncryptionContext[crypto_kdf_CONTEXTBYTES + 1] = "xfencryp";
constexpr char kHashContext[crypto_kdf_CONTEXTBYTES + 1] = "xfhashky";

static_assert(crypto_kdf_KEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_generichash_KEYBYTES_MIN <= 32 && 32 <= crypto_generichash_KEYBYTES_MAX);

const unsigned char* Bytes(std::string_view text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

std::runtime_error KeyFileError(const std::filesystem::path& file, std::string_view problem) {
    return std::runtime_error("field key file " + file.string() + ": " + std::string(problem));
}

std::runtime_error KeyFileSystemError(const std::filesystem::path& file, std::string_view step) {
    return KeyFileError(file, std::string(step) + ": " + std::strerror(errno));
}

// Holds key material read from or written to disk, and wipes it when it goes out of scope.
struct WipedText {
    std::string text;
    ~WipedText() { sodium_memzero(text.data(), text.size()); }
};

struct WipedKey {
    std::uint8_t bytes[crypto_kdf_KEYBYTES];
    ~WipedKey() { sodium_memzero(bytes, sizeof bytes); }
};

void ParseKeyFile(const std::filesystem::path& file, std::string_view content, WipedKey& key) {
    std::size_t line_end = content.find('\n');
    std::string_view header = content.substr(0, line_end);
    if (header.ends_with('\r')) header.remove_suffix(1);
    if (line_end == std::string_view::npos || header != kKeyFileHeader) {
        throw KeyFileError(
            file, "malformed: the first line must be \"" + std::string(kKeyFileHeader) + "\"");
    }

    std::string_view encoded = content.substr(line_end + 1);
    std::size_t key_length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(key.bytes, sizeof key.bytes, encoded.data(), encoded.size(), " \t\r\n",
                          &key_length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        key_length != sizeof key.bytes || end != encoded.data() + encoded.size()) {
        throw KeyFileError(file, "malformed: the second line must be a 32-byte key in base64");
    }
}

void WarnIfShared(const std::filesystem::path& file, int fd) {
    struct stat info {};
    if (fstat(fd, &info) == 0 && (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        core::LogWarn("field key file " + file.string() +
                      " is accessible to group or others; restrict it with chmod 600");
    }
}

void LoadKeyFile(const std::filesystem::path& file, WipedKey& key) {
    int fd = open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw KeyFileSystemError(file, "cannot open");
    WarnIfShared(file, fd);

    WipedText content;
    char buffer[256];
    ssize_t count;
    while ((count = read(fd, buffer, sizeof buffer)) != 0) {
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) break;
        content.text.append(buffer, static_cast<std::size_t>(count));
        if (content.text.size() > kMaxKeyFileBytes) break;
    }
    int read_errno = errno;
    sodium_memzero(buffer, sizeof buffer);
    close(fd);
    if (count < 0) {
        errno = read_errno;
        throw KeyFileSystemError(file, "cannot read");
    }

    ParseKeyFile(file, content.text, key);
}

void WriteAll(int fd, std::string_view data, const std::filesystem::path& file) {
    while (!data.empty()) {
        ssize_t written = write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) throw KeyFileSystemError(file, "cannot write");
        data.remove_prefix(static_cast<std::size_t>(written));
    }
}

void SyncDirectory(const std::filesystem::path& directory) {
    int fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

void CreateDirectories(const std::filesystem::path& directory) {
    if (directory.empty() || std::filesystem::exists(directory)) return;
    CreateDirectories(directory.parent_path());
    if (mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
        throw std::runtime_error("cannot create folder " + directory.string() + ": " +
                                 std::strerror(errno));
    }
}

// The key is written to a temporary file and linked into place only once complete and synced:
// link() fails if the file appeared meanwhile, so two processes initialising at once end up
// sharing the first key instead of one overwriting the other's.
bool TryCreateKeyFile(const std::filesystem::path& file, const WipedKey& key) {
    CreateDirectories(file.parent_path());

    WipedText content;
    content.text.assign(kKeyFileHeader);
    content.text += '\n';
    char encoded[sodium_base64_ENCODED_LEN(crypto_kdf_KEYBYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(encoded, sizeof encoded, key.bytes, sizeof key.bytes,
                      sodium_base64_VARIANT_ORIGINAL);
    content.text += encoded;
    content.text += '\n';
    sodium_memzero(encoded, sizeof encoded);

    std::string temporary = file.string() + ".tmp-XXXXXX";
    int fd = mkstemp(temporary.data());
    if (fd < 0) throw KeyFileSystemError(file, "cannot create a temporary file");
    try {
        WriteAll(fd, content.text, file);
        if (fsync(fd) != 0) throw KeyFileSystemError(file, "cannot sync");
    } catch (...) {
        close(fd);
        unlink(temporary.c_str());
        throw;
    }
    close(fd);

    int linked = link(temporary.c_str(), file.c_str());
    int link_errno = errno;
    unlink(temporary.c_str());
    if (linked != 0 && link_errno == EEXIST) return false;
    if (linked != 0) {
        errno = link_errno;
        throw KeyFileSystemError(file, "cannot create");
    }

    SyncDirectory(file.parent_path().empty() ? "." : file.parent_path());
    return true;
}

}  // namespace

FieldKey FieldKey::LoadOrCreate(const std::filesystem::path& file, bool create) {
    InitSecurity();

    WipedKey master;
    if (!std::filesystem::exists(file)) {
        if (!create) throw KeyFileError(file, "does not exist (run `xinfang init` to create it)");

        randombytes_buf(master.bytes, sizeof master.bytes);
        if (TryCreateKeyFile(file, master)) {
            core::LogInfo("created field key file " + file.string());
            return FieldKey(master.bytes);
        }
    }

    LoadKeyFile(file, master);
    return FieldKey(master.bytes);
}

FieldKey FieldKey::Generate() {
    InitSecurity();

    WipedKey master;
    randombytes_buf(master.bytes, sizeof master.bytes);
    return FieldKey(master.bytes);
}

FieldKey::FieldKey(const std::uint8_t (&master)[kKeyBytes]) {
    crypto_kdf_derive_from_key(encryption_key_, sizeof encryption_key_, 1, kEncryptionContext,
                               master);
    crypto_kdf_derive_from_key(hash_key_, sizeof hash_key_, 1, kHashContext, master);
}

FieldKey::FieldKey(FieldKey&& other) noexcept {
    std::memcpy(encryption_key_, other.encryption_key_, kKeyBytes);
    std::memcpy(hash_key_, other.hash_key_, kKeyBytes);
    other.Wipe();
}

FieldKey& FieldKey::operator=(FieldKey&& other) noexcept {
    if (this != &other) {
        std::memcpy(encryption_key_, other.encryption_key_, kKeyBytes);
        std::memcpy(hash_key_, other.hash_key_, kKeyBytes);
        other.Wipe();
    }
    return *this;
}

FieldKey::~FieldKey() { Wipe(); }

void FieldKey::Wipe() noexcept {
    sodium_memzero(encryption_key_, kKeyBytes);
    sodium_memzero(hash_key_, kKeyBytes);
}

std::vector<std::uint8_t> FieldKey::Encrypt(std::string_view plaintext,
                                            std::string_view label) const {
    std::vector<std::uint8_t> blob(1 + kNonceBytes + plaintext.size() + kTagBytes);
    blob[0] = kBlobVersion;
    std::uint8_t* nonce = blob.data() + 1;
    randombytes_buf(nonce, kNonceBytes);

    unsigned long long ciphertext_length = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &ciphertext_length,
                                               Bytes(plaintext), plaintext.size(), Bytes(label),
                                               label.size(), nullptr, nonce, encryption_key_);
    return blob;
}

std::optional<std::string> FieldKey::Decrypt(const std::vector<std::uint8_t>& blob,
                                             std::string_view label) const {
    if (blob.size() < 1 + kNonceBytes + kTagBytes || blob[0] != kBlobVersion) return std::nullopt;

    const std::uint8_t* nonce = blob.data() + 1;
    const std::uint8_t* ciphertext = nonce + kNonceBytes;
    std::size_t ciphertext_length = blob.size() - 1 - kNonceBytes;

    std::string plaintext(ciphertext_length - kTagBytes, '\0');
    unsigned long long plaintext_length = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plaintext.data()), &plaintext_length, nullptr,
            ciphertext, ciphertext_length, Bytes(label), label.size(), nonce,
            encryption_key_) != 0) {
        return std::nullopt;
    }
    return plaintext;
}

std::string FieldKey::KeyedHash(std::string_view kind, std::string_view normalized_value) const {
    crypto_generichash_state state;
    crypto_generichash_init(&state, hash_key_, sizeof hash_key_, kHashBytes);
    crypto_generichash_update(&state, Bytes(kind), kind.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, Bytes(normalized_value), normalized_value.size());

    unsigned char digest[kHashBytes];
    crypto_generichash_final(&state, digest, sizeof digest);

    char hex[kHashBytes * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace xinfang::security
