#pragma once

// Petitioners' personal data encrypted at rest (issue 3, "Personal data"). The database holds
// only ciphertext and keyed hashes; the key lives in a file outside it, so a copy of the database
// file alone reveals no name, ID number, phone or address, and a search of it for a registered
// phone number finds nothing.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xinfang::security {

class FieldKey {
public:
    // The master key file: a header line "xinfang-field-key v1" and a line with the 32-byte key
    // in standard base64. When the file does not exist and `create` is true, a random key is
    // written there with mode 0600, its folder created as needed (mode 0700); a concurrent
    // creator cannot leave a half-written file, the first complete one wins. A file readable by
    // group or others is loaded with a warning in the log. Throws std::runtime_error when the
    // file is missing and `create` is false, unreadable, or not in the format above.
    static FieldKey LoadOrCreate(const std::filesystem::path& file, bool create);

    // A fresh random key held only in memory: for tests and tools that never reopen their data.
    static FieldKey Generate();

    // Movable but not copyable, so the key exists in as few places in memory as possible; a
    // moved-from key is wiped and must not be used. Every copy is wiped when destroyed.
    FieldKey(FieldKey&& other) noexcept;
    FieldKey& operator=(FieldKey&& other) noexcept;
    FieldKey(const FieldKey&) = delete;
    FieldKey& operator=(const FieldKey&) = delete;
    ~FieldKey();

    // Format version byte, random 24-byte nonce, then XChaCha20-Poly1305 ciphertext and tag
    // (41 bytes more than the plaintext). `label` names the column the value belongs to, e.g.
    // "petitioner.phone", and is authenticated with it, so a value moved to another column no
    // longer decrypts. Encrypting the same text twice gives different blobs.
    std::vector<std::uint8_t> Encrypt(std::string_view plaintext, std::string_view label) const;

    // The plaintext, or nullopt when the blob was altered, truncated, has an unknown format
    // version, was encrypted with another key or under another label.
    std::optional<std::string> Decrypt(const std::vector<std::uint8_t>& blob,
                                       std::string_view label) const;

    // 64 lowercase hex characters: BLAKE2b keyed with a key separate from the encryption key,
    // over `kind`, a NUL byte and the value. Equal inputs give equal hashes under the same key,
    // for exact lookups ("all petitions of this phone") without storing the value in clear.
    // The caller normalises the value first (core::NormalizeIdNumber, core::ParsePhone) so that
    // every spelling of one number matches; `kind` (e.g. "id_number", "phone") keeps equal
    // strings of different kinds apart and must not contain a NUL byte.
    std::string KeyedHash(std::string_view kind, std::string_view normalized_value) const;

private:
    static constexpr std::size_t kKeyBytes = 32;

    explicit FieldKey(const std::uint8_t (&master)[kKeyBytes]);
    void Wipe() noexcept;

    std::uint8_t encryption_key_[kKeyBytes];
    std::uint8_t hash_key_[kKeyBytes];
};

}  // namespace xinfang::security
