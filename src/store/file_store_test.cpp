#include "store/file_store.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <stdexcept>

#include "security/digest.h"

namespace xinfang::store {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "file_store_test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

const std::string kJpegBytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11);
const std::string kPngBytes("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16);
const std::string kPdfBytes = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";

std::size_t CountFiles(const fs::path& root) {
    std::size_t count = 0;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
        if (entry.is_regular_file()) ++count;
    }
    return count;
}

TEST(FileStoreTest, PutThenGetRoundTrips) {
    TempDir dir;
    FileStore store(dir.path());
    std::string bytes = kPdfBytes + std::string("\0binary\xFF", 8);

    StoredFile stored = store.Put(bytes);

    EXPECT_EQ(stored.sha256, security::Sha256Hex(bytes));
    EXPECT_EQ(stored.size, bytes.size());
    EXPECT_TRUE(store.Exists(stored.sha256));
    EXPECT_EQ(store.Get(stored.sha256), bytes);
    EXPECT_TRUE(fs::is_regular_file(dir.path() / stored.sha256.substr(0, 2) /
                                    stored.sha256.substr(2, 2) / stored.sha256));
}

TEST(FileStoreTest, StoresAnEmptyFile) {
    TempDir dir;
    FileStore store(dir.path());

    StoredFile stored = store.Put("");

    EXPECT_EQ(stored.size, 0u);
    EXPECT_EQ(store.Get(stored.sha256), "");
}

TEST(FileStoreTest, SameContentIsStoredOnce) {
    TempDir dir;
    FileStore store(dir.path());

    StoredFile first = store.Put(kPngBytes);
    StoredFile second = store.Put(kPngBytes);
    StoredFile other = store.Put(kJpegBytes);

    EXPECT_EQ(first.sha256, second.sha256);
    EXPECT_NE(first.sha256, other.sha256);
    EXPECT_EQ(CountFiles(dir.path()), 2u);
}

TEST(FileStoreTest, CreatesTheRootWhenMissing) {
    TempDir dir;
    FileStore store(dir.path() / "data" / "files");

    StoredFile stored = store.Put(kJpegBytes);

    EXPECT_EQ(store.Get(stored.sha256), kJpegBytes);
}

TEST(FileStoreTest, UnknownDigestIsAbsent) {
    TempDir dir;
    FileStore store(dir.path());
    std::string digest = security::Sha256Hex("never stored");

    EXPECT_FALSE(store.Exists(digest));
    EXPECT_EQ(store.Get(digest), std::nullopt);
}

TEST(FileStoreTest, MalformedDigestsAreRejected) {
    TempDir dir;
    FileStore store(dir.path());
    StoredFile stored = store.Put(kPdfBytes);
    std::string upper = stored.sha256;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

    const std::string malformed[] = {
        "",
        stored.sha256.substr(0, 63),
        stored.sha256 + "0",
        upper,
        "../../../../../../../../../../../../../../../../../../../etc/passwd",
        std::string(62, 'a') + "/a",
        std::string(63, '.') + "a",
        std::string(63, 'g') + "a",
    };

    for (const std::string& digest : malformed) {
        EXPECT_FALSE(IsSha256Hex(digest)) << digest;
        EXPECT_FALSE(store.Exists(digest)) << digest;
        EXPECT_EQ(store.Get(digest), std::nullopt) << digest;
    }
    EXPECT_TRUE(IsSha256Hex(stored.sha256));
}

TEST(FileStoreTest, PutFailsLoudlyWhenTheRootIsNotAFolder) {
    TempDir dir;
    fs::path plain = dir.path() / "plain";
    std::fclose(std::fopen(plain.c_str(), "w"));
    FileStore store(plain);

    EXPECT_THROW(store.Put("y"), std::runtime_error);
}

TEST(SniffTypeTest, RecognisesEachSupportedType) {
    EXPECT_EQ(SniffType(kJpegBytes), "image/jpeg");
    EXPECT_EQ(SniffType(kPngBytes), "image/png");
    EXPECT_EQ(SniffType(kPdfBytes), "application/pdf");
}

TEST(SniffTypeTest, RejectsOtherAndShortContent) {
    EXPECT_EQ(SniffType(""), std::nullopt);
    EXPECT_EQ(SniffType("\xFF\xD8"), std::nullopt);
    EXPECT_EQ(SniffType("\x89PNG"), std::nullopt);
    EXPECT_EQ(SniffType("%PDF"), std::nullopt);
    EXPECT_EQ(SniffType("GIF89a"), std::nullopt);
    EXPECT_EQ(SniffType("PK\x03\x04"), std::nullopt);
    EXPECT_EQ(SniffType("<html>%PDF-1.7"), std::nullopt);
}

TEST(CheckUploadTest, AcceptsMatchingTypes) {
    const std::size_t limit = 10 * 1024 * 1024;

    EXPECT_EQ(CheckUpload("image/jpeg", kJpegBytes, limit).content_type, "image/jpeg");
    EXPECT_EQ(CheckUpload("image/jpg", kJpegBytes, limit).content_type, "image/jpeg");
    EXPECT_EQ(CheckUpload("Image/PNG", kPngBytes, limit).content_type, "image/png");
    EXPECT_EQ(CheckUpload(" application/pdf; name=x", kPdfBytes, limit).content_type,
              "application/pdf");
    EXPECT_TRUE(CheckUpload("image/png", kPngBytes, kPngBytes.size()).ok());
}

TEST(CheckUploadTest, RejectsUnsupportedTypes) {
    for (std::string_view type : {"image/gif", "text/plain", "", "application/pdfx", "image"}) {
        UploadCheck check = CheckUpload(type, kPdfBytes, 1024);

        EXPECT_EQ(check.problem, UploadProblem::kUnsupportedType) << type;
        EXPECT_EQ(check.status, 415);
        EXPECT_EQ(check.code, "upload.unsupported_type");
        EXPECT_EQ(check.message, "仅支持 JPG、PNG 图片和 PDF 文件");
    }
}

TEST(CheckUploadTest, RejectsContentThatDoesNotMatchItsType) {
    UploadCheck check = CheckUpload("image/png", kJpegBytes, 1024);

    EXPECT_FALSE(check.ok());
    EXPECT_EQ(check.problem, UploadProblem::kTypeMismatch);
    EXPECT_EQ(check.status, 400);
    EXPECT_EQ(check.code, "upload.type_mismatch");
    EXPECT_EQ(check.message, "文件内容与类型不符");
    EXPECT_EQ(CheckUpload("application/pdf", "MZ\x90\x00", 1024).problem,
              UploadProblem::kTypeMismatch);
}

TEST(CheckUploadTest, RejectsFilesOverTheLimit) {
    const std::size_t limit = 10 * 1024 * 1024;
    std::string bytes = kPdfBytes + std::string(limit, 'x');

    UploadCheck check = CheckUpload("application/pdf", bytes, limit);

    EXPECT_EQ(check.problem, UploadProblem::kTooLarge);
    EXPECT_EQ(check.status, 413);
    EXPECT_EQ(check.code, "upload.too_large");
    EXPECT_EQ(check.message, "文件不能超过10MB");
    EXPECT_EQ(CheckUpload("image/png", kPngBytes, 4).message, "文件不能超过4字节");
}

TEST(CheckUploadTest, RejectsAnEmptyBody) {
    UploadCheck check = CheckUpload("image/jpeg", "", 1024);

    EXPECT_EQ(check.problem, UploadProblem::kEmpty);
    EXPECT_EQ(check.status, 400);
    EXPECT_EQ(check.code, "upload.empty");
}

TEST(SafeFilenameTest, DecodesChineseNames) {
    EXPECT_EQ(SafeFilename("%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.jpg"), "现场照片.jpg");
    EXPECT_EQ(SafeFilename("整改报告 2023.pdf"), "整改报告 2023.pdf");
    EXPECT_EQ(SafeFilename("100%25+done.pdf"), "100%+done.pdf");
    EXPECT_EQ(SafeFilename("50%.pdf"), "50%.pdf");
    EXPECT_EQ(SafeFilename("%zz%4"), "%zz%4");
}

TEST(SafeFilenameTest, StripsPathTricks) {
    EXPECT_EQ(SafeFilename("..%2F..%2Fetc%2Fpasswd"), "etcpasswd");
    EXPECT_EQ(SafeFilename("..%5C..%5Cwindows%5Cwin.ini"), "windowswin.ini");
    EXPECT_EQ(SafeFilename("/etc/passwd"), "etcpasswd");
    EXPECT_EQ(SafeFilename(".."), "附件");
    EXPECT_EQ(SafeFilename(".hidden"), "hidden");
}

TEST(SafeFilenameTest, StripsControlAndDisguisingCharacters) {
    EXPECT_EQ(SafeFilename("a%00b%0D%0Ac%7F.pdf"), "abc.pdf");
    EXPECT_EQ(SafeFilename("photo%E2%80%AEgpj.exe"), "photogpj.exe");
    EXPECT_EQ(SafeFilename("a%3Cb%3E%3A%22%7C%3F%2A.png"), "ab.png");
    EXPECT_EQ(SafeFilename("  report.pdf  "), "report.pdf");
}

TEST(SafeFilenameTest, RejectsBrokenUtf8) {
    EXPECT_EQ(SafeFilename("%E7%8E.jpg"), "附件");
    EXPECT_EQ(SafeFilename("%C0%AF.jpg"), "附件");
    EXPECT_EQ(SafeFilename("%ED%A0%80.jpg"), "附件");
    EXPECT_EQ(SafeFilename("%FF.jpg"), "附件");
}

TEST(SafeFilenameTest, FallsBackWhenNothingIsLeft) {
    EXPECT_EQ(SafeFilename(""), "附件");
    EXPECT_EQ(SafeFilename("%2F%2F"), "附件");
    EXPECT_EQ(SafeFilename(" . "), "附件");
}

std::string Repeat(std::string_view piece, int times) {
    std::string text;
    for (int i = 0; i < times; ++i) text += piece;
    return text;
}

TEST(SafeFilenameTest, LimitsLengthKeepingTheExtension) {
    EXPECT_EQ(SafeFilename(Repeat("照", 120) + ".jpg"), Repeat("照", 96) + ".jpg");
    EXPECT_EQ(SafeFilename(Repeat("a", 150)), Repeat("a", 100));
    EXPECT_EQ(SafeFilename(Repeat("a", 150) + ".verylongextension"), Repeat("a", 100));
    EXPECT_EQ(SafeFilename(Repeat("照", 100)), Repeat("照", 100));
}

}  // namespace
}  // namespace xinfang::store
