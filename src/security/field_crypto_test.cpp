#include "security/field_crypto.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

namespace xinfang::security {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "field_crypto_test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void WriteFile(const fs::path& file, std::string_view content) {
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << content;
    }
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
}

TEST(FieldKeyTest, RoundTripsChineseAsciiAndEmptyText) {
    FieldKey key = FieldKey::Generate();

    for (std::string_view text : {"江苏省南通市海门区三星镇汤家村5组", "13812345678", ""}) {
        std::vector<std::uint8_t> blob = key.Encrypt(text, "petitioner.address");

        EXPECT_EQ(blob.size(), text.size() + 41);
        EXPECT_EQ(key.Decrypt(blob, "petitioner.address"), std::string(text));
    }
}

TEST(FieldKeyTest, CiphertextDoesNotContainThePlaintext) {
    FieldKey key = FieldKey::Generate();

    std::vector<std::uint8_t> blob = key.Encrypt("13812345678", "petitioner.phone");

    std::string raw(blob.begin(), blob.end());
    EXPECT_EQ(raw.find("13812345678"), std::string::npos);
}

TEST(FieldKeyTest, SameTextEncryptsDifferentlyEachTime) {
    FieldKey key = FieldKey::Generate();

    EXPECT_NE(key.Encrypt("张三", "petitioner.name"), key.Encrypt("张三", "petitioner.name"));
}

TEST(FieldKeyTest, WrongLabelFails) {
    FieldKey key = FieldKey::Generate();
    std::vector<std::uint8_t> blob = key.Encrypt("13812345678", "petitioner.phone");

    EXPECT_EQ(key.Decrypt(blob, "petitioner.id_number"), std::nullopt);
}

TEST(FieldKeyTest, AnyTamperedByteFails) {
    FieldKey key = FieldKey::Generate();
    std::vector<std::uint8_t> blob = key.Encrypt("张三", "petitioner.name");

    for (std::size_t i = 0; i < blob.size(); ++i) {
        std::vector<std::uint8_t> tampered = blob;
        tampered[i] ^= 0x01;
        EXPECT_EQ(key.Decrypt(tampered, "petitioner.name"), std::nullopt) << "byte " << i;
    }
}

TEST(FieldKeyTest, TruncatedOrEmptyBlobFails) {
    FieldKey key = FieldKey::Generate();
    std::vector<std::uint8_t> blob = key.Encrypt("", "petitioner.name");

    blob.pop_back();

    EXPECT_EQ(key.Decrypt(blob, "petitioner.name"), std::nullopt);
    EXPECT_EQ(key.Decrypt({}, "petitioner.name"), std::nullopt);
}

TEST(FieldKeyTest, DifferentKeyFails) {
    FieldKey key = FieldKey::Generate();
    FieldKey other = FieldKey::Generate();

    std::vector<std::uint8_t> blob = key.Encrypt("张三", "petitioner.name");

    EXPECT_EQ(other.Decrypt(blob, "petitioner.name"), std::nullopt);
}

TEST(FieldKeyTest, KeyedHashIsStableForSameInputAndKey) {
    FieldKey key = FieldKey::Generate();

    std::string hash = key.KeyedHash("phone", "13812345678");

    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_EQ(key.KeyedHash("phone", "13812345678"), hash);
}

TEST(FieldKeyTest, KeyedHashDiffersByKindValueAndKey) {
    FieldKey key = FieldKey::Generate();
    FieldKey other = FieldKey::Generate();

    std::string hash = key.KeyedHash("phone", "13812345678");

    EXPECT_NE(key.KeyedHash("id_number", "13812345678"), hash);
    EXPECT_NE(key.KeyedHash("phone", "13812345679"), hash);
    EXPECT_NE(other.KeyedHash("phone", "13812345678"), hash);
    EXPECT_NE(key.KeyedHash("phone1", "3812345678"), hash);
}

TEST(FieldKeyTest, MovedKeyKeepsWorking) {
    FieldKey key = FieldKey::Generate();
    std::vector<std::uint8_t> blob = key.Encrypt("张三", "petitioner.name");
    std::string hash = key.KeyedHash("phone", "13812345678");

    FieldKey moved = std::move(key);

    EXPECT_EQ(moved.Decrypt(blob, "petitioner.name"), "张三");
    EXPECT_EQ(moved.KeyedHash("phone", "13812345678"), hash);
}

TEST(FieldKeyFileTest, CreatesFileWithOwnerOnlyModeAndReloadsSameKey) {
    TempDir dir;
    fs::path file = dir.path() / "keys" / "field.key";

    FieldKey created = FieldKey::LoadOrCreate(file, true);
    std::vector<std::uint8_t> blob = created.Encrypt("13812345678", "petitioner.phone");

    struct stat info {};
    ASSERT_EQ(stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    ASSERT_EQ(stat(file.parent_path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);

    FieldKey loaded = FieldKey::LoadOrCreate(file, false);
    EXPECT_EQ(loaded.Decrypt(blob, "petitioner.phone"), "13812345678");
    EXPECT_EQ(loaded.KeyedHash("phone", "13812345678"), created.KeyedHash("phone", "13812345678"));

    FieldKey reopened = FieldKey::LoadOrCreate(file, true);
    EXPECT_EQ(reopened.Decrypt(blob, "petitioner.phone"), "13812345678");
}

TEST(FieldKeyFileTest, FileHasHeaderAndNoStrayTemporaryFiles) {
    TempDir dir;
    fs::path file = dir.path() / "field.key";

    FieldKey::LoadOrCreate(file, true);

    std::ifstream in(file);
    std::string header, encoded, rest;
    std::getline(in, header);
    std::getline(in, encoded);
    std::getline(in, rest);
    EXPECT_EQ(header, "xinfang-field-key v1");
    EXPECT_EQ(encoded.size(), 44u);
    EXPECT_TRUE(rest.empty());
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(FieldKeyFileTest, AcceptsHandWrittenKeyFile) {
    TempDir dir;
    fs::path file = dir.path() / "field.key";
    WriteFile(file, "xinfang-field-key v1\r\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\r\n");

    FieldKey first = FieldKey::LoadOrCreate(file, false);
    FieldKey second = FieldKey::LoadOrCreate(file, false);

    EXPECT_EQ(first.KeyedHash("phone", "1"), second.KeyedHash("phone", "1"));
}

TEST(FieldKeyFileTest, LoadsFileReadableByOthers) {
    TempDir dir;
    fs::path file = dir.path() / "field.key";
    FieldKey created = FieldKey::LoadOrCreate(file, true);
    fs::permissions(file, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);

    FieldKey loaded = FieldKey::LoadOrCreate(file, false);

    EXPECT_EQ(loaded.KeyedHash("phone", "1"), created.KeyedHash("phone", "1"));
}

TEST(FieldKeyFileTest, RejectsMalformedFiles) {
    TempDir dir;
    fs::path file = dir.path() / "field.key";
    const std::string_view malformed[] = {
        "",
        "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "xinfang-field-key v2\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        "xinfang-field-key v1\n",
        "xinfang-field-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n",
        "xinfang-field-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ==\n",
        "xinfang-field-key v1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\nextra\n",
        "xinfang-field-key v1\n!!!!not base64!!!!\n",
    };

    for (std::string_view content : malformed) {
        WriteFile(file, content);
        EXPECT_THROW(FieldKey::LoadOrCreate(file, false), std::runtime_error) << content;
        EXPECT_THROW(FieldKey::LoadOrCreate(file, true), std::runtime_error) << content;
    }
}

TEST(FieldKeyFileTest, MissingFileWithoutCreateThrowsAndCreatesNothing) {
    TempDir dir;
    fs::path file = dir.path() / "missing" / "field.key";

    try {
        FieldKey::LoadOrCreate(file, false);
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("does not exist"), std::string::npos);
    }
    EXPECT_FALSE(fs::exists(file.parent_path()));
}

}  // namespace
}  // namespace xinfang::security
