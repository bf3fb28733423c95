#include "core/identity.h"

#include <gtest/gtest.h>

namespace xinfang::core {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

const Date kToday = D("2023-10-10");

TEST(IdNumberTest, AcceptsValidNumbers) {
    EXPECT_EQ(CheckIdNumber("11010519491231002X", kToday), IdNumberProblem::kNone);
    EXPECT_EQ(CheckIdNumber("320684198503121236", kToday), IdNumberProblem::kNone);
    EXPECT_EQ(CheckIdNumber("320684200002291237", kToday), IdNumberProblem::kNone)
        << "2000-02-29 exists";
}

TEST(IdNumberTest, RejectsAWrongCheckCharacter) {
    EXPECT_EQ(CheckIdNumber("320684198503121235", kToday), IdNumberProblem::kChecksum);
    EXPECT_EQ(CheckIdNumber("110105194912310021", kToday), IdNumberProblem::kChecksum);
    EXPECT_EQ(CheckIdNumber("32068419850312123X", kToday), IdNumberProblem::kChecksum);
}

TEST(IdNumberTest, RejectsWrongLengthAndCharacters) {
    EXPECT_EQ(CheckIdNumber("", kToday), IdNumberProblem::kLength);
    EXPECT_EQ(CheckIdNumber("32068419850312123", kToday), IdNumberProblem::kLength);
    EXPECT_EQ(CheckIdNumber("3206841985031212360", kToday), IdNumberProblem::kLength);
    EXPECT_EQ(CheckIdNumber("32068419850312123x", kToday), IdNumberProblem::kCharacters)
        << "lower-case x must be normalised first";
    EXPECT_EQ(CheckIdNumber("3206841985031A1236", kToday), IdNumberProblem::kCharacters);
    EXPECT_EQ(CheckIdNumber("X20684198503121236", kToday), IdNumberProblem::kCharacters);
    EXPECT_EQ(CheckIdNumber("32068419850312\xff\xfe", kToday), IdNumberProblem::kLength);
}

TEST(IdNumberTest, RejectsUnknownProvince) {
    EXPECT_EQ(CheckIdNumber("990684198503121230", kToday), IdNumberProblem::kRegion);
}

TEST(IdNumberTest, RejectsImplausibleBirthDates) {
    EXPECT_EQ(CheckIdNumber("320684199902291237", kToday), IdNumberProblem::kBirthDate)
        << "1999-02-29 does not exist";
    EXPECT_EQ(CheckIdNumber("440524188001010014", kToday), IdNumberProblem::kBirthDate)
        << "born 1880: valid checksum, implausible person";
    EXPECT_EQ(CheckIdNumber("320684210001011239", kToday), IdNumberProblem::kBirthDate)
        << "born in 2100";
    EXPECT_EQ(CheckIdNumber("320684202309201231", D("2023-09-19")), IdNumberProblem::kBirthDate)
        << "born after today";
    EXPECT_EQ(CheckIdNumber("320684202309201231", D("2023-09-20")), IdNumberProblem::kNone);
}

TEST(IdNumberTest, NormalisationTrimsAndUppercasesTheCheckCharacter) {
    EXPECT_EQ(NormalizeIdNumber(" 11010519491231002x\u3000"), "11010519491231002X");
    EXPECT_EQ(CheckIdNumber(NormalizeIdNumber("11010519491231002x"), kToday),
              IdNumberProblem::kNone);
    EXPECT_EQ(NormalizeIdNumber(""), "");
}

TEST(IdNumberTest, EveryProblemHasAMessage) {
    EXPECT_TRUE(IdNumberProblemMessage(IdNumberProblem::kNone).empty());
    for (auto problem :
         {IdNumberProblem::kLength, IdNumberProblem::kCharacters, IdNumberProblem::kRegion,
          IdNumberProblem::kBirthDate, IdNumberProblem::kChecksum}) {
        EXPECT_FALSE(IdNumberProblemMessage(problem).empty());
    }
}

TEST(PhoneTest, MobileNumbers) {
    EXPECT_EQ(ParsePhone("19912345678")->number, "19912345678");
    for (const char* text :
         {"13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678", "+8613812345678",
          "008613812345678", "8613812345678", "１３８１２３４５６７８"}) {
        auto phone = ParsePhone(text);
        ASSERT_TRUE(phone) << text;
        EXPECT_EQ(phone->kind, PhoneKind::kMobile) << text;
        EXPECT_EQ(phone->number, "13812345678") << text;
        EXPECT_TRUE(IsMainlandMobile(text)) << text;
    }
}

TEST(PhoneTest, RejectsWhatIsNoMainlandMobile) {
    for (const char* text :
         {"12812345678", "10012345678", "1381234567", "138123456789", "+85291234567",
          "+1 415 555 0100", "1381234567a", "", "13812345678转8", "\xe1\x80"}) {
        EXPECT_FALSE(IsMainlandMobile(text)) << text;
    }
}

TEST(PhoneTest, LandlineNumbers) {
    struct Case {
        const char* text;
        const char* canonical;
    };
    for (const Case& c :
         {Case{"0513-82219316", "0513-82219316"}, Case{"051382219316", "0513-82219316"},
          Case{"(0513) 8221 9316", "0513-82219316"}, Case{"010-62345678", "010-62345678"},
          Case{"021 62345678", "021-62345678"}, Case{"0898-6123456", "0898-6123456"},
          Case{"+86 513 82219316", "0513-82219316"}, Case{"82219316", "82219316"},
          Case{"6123456", "6123456"}}) {
        auto phone = ParsePhone(c.text);
        ASSERT_TRUE(phone) << c.text;
        EXPECT_EQ(phone->kind, PhoneKind::kLandline) << c.text;
        EXPECT_EQ(phone->number, c.canonical) << c.text;
        EXPECT_FALSE(IsMainlandMobile(c.text));
    }
}

TEST(PhoneTest, RejectsMalformedLandlines) {
    for (const char* text :
         {"010-1234567", "010-12345678", "0513-123456", "0513-02219316", "0113-82219316", "12369",
          "12345", "01234", "0513-822193161", "400-123-4567", "0513--", "+"}) {
        EXPECT_FALSE(ParsePhone(text)) << text;
    }
}

TEST(MaskTest, Names) {
    EXPECT_EQ(MaskName("张三明"), "张*明");
    EXPECT_EQ(MaskName("张三"), "张*");
    EXPECT_EQ(MaskName("欧阳娜娜"), "欧**娜");
    EXPECT_EQ(MaskName("买买提·艾力"), "买****力");
    EXPECT_EQ(MaskName("张"), "*");
    EXPECT_EQ(MaskName(""), "");
    EXPECT_EQ(MaskName(" 张三明 "), "张*明");
    EXPECT_EQ(MaskName("Li Lei"), "L****i");
}

TEST(MaskTest, NamesWithBrokenUtf8StayValid) {
    EXPECT_EQ(MaskName("张\xff明"), "张*明");
    EXPECT_EQ(MaskName("\xe5\xbc"), "\uFFFD*") << "each stray byte counts as one character";
    EXPECT_EQ(MaskName("\xff\xfe\xfd"), "\uFFFD*\uFFFD");
}

TEST(MaskTest, IdNumbers) {
    EXPECT_EQ(MaskIdNumber("320684198503121236"), "320684********1236");
    EXPECT_EQ(MaskIdNumber("11010519491231002X"), "110105********002X");
    EXPECT_EQ(MaskIdNumber("320684850312123"), "320684******123");
    EXPECT_EQ(MaskIdNumber("E12345678"), "E*******8");
    EXPECT_EQ(MaskIdNumber("AB"), "**");
    EXPECT_EQ(MaskIdNumber(""), "");
}

TEST(MaskTest, Phones) {
    EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
    EXPECT_EQ(MaskPhone("+86 138-1234-5678"), "138****5678");
    EXPECT_EQ(MaskPhone("0513-82219316"), "0513-****9316");
    EXPECT_EQ(MaskPhone("010-62345678"), "010-****5678");
    EXPECT_EQ(MaskPhone("82219316"), "****9316");
    EXPECT_EQ(MaskPhone("6123456"), "***3456");
    EXPECT_EQ(MaskPhone("+852 9123 4567"), "+*** **** 4567");
    EXPECT_EQ(MaskPhone("123"), "123");
}

TEST(MaskTest, AddressesKeepTheTownLevel) {
    EXPECT_EQ(MaskAddress("江苏省南通市海门区三星镇汤家村5组12号"), "江苏省南通市海门区三星镇****");
    EXPECT_EQ(MaskAddress("海门区海门街道人民路18号"), "海门区海门街道****");
    EXPECT_EQ(MaskAddress("海门开发区广州路999号"), "海门开发区****");
    EXPECT_EQ(MaskAddress("三厂工业园区江海路1号"), "三厂工业园区****");
    EXPECT_EQ(MaskAddress("江心沙农场三大队"), "江心沙农场****");
    EXPECT_EQ(MaskAddress("海门港新区东灶港村"), "海门港新区****");
    EXPECT_EQ(MaskAddress("四甲镇"), "四甲镇");
    EXPECT_EQ(MaskAddress("某某乡某某村"), "某某乡****");
}

TEST(MaskTest, AddressMarkersNeedANameBeforeThem) {
    EXPECT_EQ(MaskAddress("江苏省镇江市丹徒区辛丰镇某村"), "江苏省镇江市丹徒区辛丰镇****");
    EXPECT_EQ(MaskAddress("镇江市京口区正东路8号"), "镇江市京口区****");
}

TEST(MaskTest, AddressWithoutTownKeepsTheUpperLevels) {
    EXPECT_EQ(MaskAddress("江苏省南通市海门区人民中路18号"), "江苏省南通市海门区****");
    EXPECT_EQ(MaskAddress("海门区人民市场3号"), "海门区****") << "市 after 区 is no city";
    EXPECT_EQ(MaskAddress("广西壮族自治区南宁市青秀区民族大道1号"),
              "广西壮族自治区南宁市青秀区****");
    EXPECT_EQ(MaskAddress("人民路18号"), "****");
    EXPECT_EQ(MaskAddress(""), "");
    EXPECT_EQ(MaskAddress("  "), "");
}

TEST(MaskTest, AddressWithBrokenUtf8StaysValid) {
    EXPECT_EQ(MaskAddress("三星镇\xff\xfe村"), "三星镇****");
    EXPECT_EQ(MaskAddress("\xe4\xb8"), "****");
}

}  // namespace
}  // namespace xinfang::core
