// The JavaScript abstract operations behind the handler's expressions: ==, ToString, Number(), BigInt(), spread.
#include "dynamodb/unmarshall.h"
#include "js/js_error.h"
#include "js/json.h"
#include "js/numbers.h"
#include "js/operations.h"
#include "js/wtf8.h"

#include <QtTest>

#include <cmath>

using namespace orderlab::js;

namespace {
Value j(const char *text)
{
    return parseJson(text);
}
/// unmarshall of one attribute value, e.g. av(R"({"N":"1"})").
Value av(const char *text)
{
    return orderlab::dynamodb::convertToNative(parseJson(text));
}
} // namespace

class TstJsOperations : public QObject
{
    Q_OBJECT
  private slots:
    void textEncoderMakesLoneSurrogatesReplacementCharacters()
    {
        // What the SDKs send for a JavaScript string: UTF-8, a lone surrogate (WTF-8 ED A0 80) as one U+FFFD.
        QCOMPARE(wtf8::toWellFormedUtf8("lone-\xED\xA0\x80"), std::string("lone-\xEF\xBF\xBD"));
        QCOMPARE(wtf8::toWellFormedUtf8("\xED\xB0\x80x\xED\xA0\x80"), std::string("\xEF\xBF\xBDx\xEF\xBF\xBD"));
        QCOMPARE(wtf8::toWellFormedUtf8("d\xC3\xA5vid \xF0\x9F\x8D\x95"), std::string("d\xC3\xA5vid \xF0\x9F\x8D\x95"));
        QCOMPARE(wtf8::toWellFormedUtf8(""), std::string());
    }

    void looseEquality_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        // Attribute values (unmarshalled), as the handler compares statuses.
        QTest::newRow("\"1\" == 1") << R"({"S":"1"})"
                                    << R"({"N":"1"})" << true;
        QTest::newRow("\" 1 \" == 1") << R"({"S":" 1 "})"
                                      << R"({"N":"1"})" << true;
        QTest::newRow("\"0x10\" == 16") << R"({"S":"0x10"})"
                                        << R"({"N":"16"})" << true;
        QTest::newRow("\"\" == 0") << R"({"S":""})"
                                   << R"({"N":"0"})" << true;
        QTest::newRow("null == null") << R"({"NULL":true})"
                                      << R"({"NULL":true})" << true;
        QTest::newRow("true == 1") << R"({"BOOL":true})"
                                   << R"({"N":"1"})" << true;
        QTest::newRow("true == \"1\"") << R"({"BOOL":true})"
                                       << R"({"S":"1"})" << true;
        QTest::newRow("false == null") << R"({"BOOL":false})"
                                       << R"({"NULL":true})" << false;
        QTest::newRow("[\"a\"] == \"a\"") << R"({"L":[{"S":"a"}]})"
                                          << R"({"S":"a"})" << true;
        QTest::newRow("[1,2] == \"1,2\"") << R"({"L":[{"N":"1"},{"N":"2"}]})"
                                          << R"({"S":"1,2"})" << true;
        QTest::newRow("{} == \"[object Object]\"") << R"({"M":{}})"
                                                   << R"({"S":"[object Object]"})" << true;
        QTest::newRow("set == \"[object Set]\"") << R"({"SS":["a"]})"
                                                 << R"({"S":"[object Set]"})" << true;
        QTest::newRow("set != set") << R"({"SS":["a"]})"
                                    << R"({"SS":["a"]})" << false;
        QTest::newRow("NaN != NaN") << R"({"N":"x"})"
                                    << R"({"N":"x"})" << false;
        QTest::newRow("big == \"digits\"") << R"({"N":"9007199254740993"})"
                                           << R"({"S":"9007199254740993"})" << true;
        QTest::newRow("big == big") << R"({"N":"9007199254740993"})"
                                    << R"({"N":"9007199254740993"})" << true;
        QTest::newRow("big != other big") << R"({"N":"9007199254740993"})"
                                          << R"({"N":"9007199254740994"})" << false;
        QTest::newRow("2^53 big == 2^53 as number") << R"({"N":"9007199254740992"})"
                                                    << R"({"S":"9007199254740992"})" << true;
        QTest::newRow("big == \"0x...\"") << R"({"N":"9007199254740993"})"
                                          << R"({"S":"0x20000000000001"})" << true;
        QTest::newRow("big != \"1.5\"") << R"({"N":"9007199254740993"})"
                                        << R"({"S":"1.5"})" << false;
        QTest::newRow("-0 == 0") << R"({"N":"-0"})"
                                 << R"({"N":"0"})" << true;
    }
    void looseEquality()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        const Value va = av(a.toUtf8().constData()), vb = av(b.toUtf8().constData());
        QCOMPARE(looselyEquals(va, vb), equal);
        QCOMPARE(looselyEquals(vb, va), equal);
    }

    void bigIntAgainstNumber()
    {
        BigInt b;
        b.magnitude = "9007199254740992";
        QVERIFY(looselyEquals(Value(b), Value(9007199254740992.0)));
        QVERIFY(!looselyEquals(Value(b), Value(9007199254740991.0)));
        QVERIFY(!looselyEquals(Value(b), Value(double(INFINITY))));
    }

    void toStringOfValues_data()
    {
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("text");
        QTest::newRow("number") << R"({"N":"12.50"})"
                                << "12.5";
        QTest::newRow("null") << R"({"NULL":true})"
                              << "null";
        QTest::newRow("bool") << R"({"BOOL":false})"
                              << "false";
        QTest::newRow("list") << R"({"L":[{"N":"1"},{"L":[{"S":"x"},{"NULL":true}]},{"M":{}}]})"
                              << "1,x,,[object Object]";
        QTest::newRow("set") << R"({"NS":["1"]})"
                             << "[object Set]";
        QTest::newRow("bigint") << R"({"N":"-100000000000000000000"})"
                                << "-100000000000000000000";
        QTest::newRow("proto array") << R"({"M":{"__proto__":{"L":[{"S":"a"},{"S":"b"}]}}})"
                                     << "a,b"; // Array.prototype.join through the chain
        QTest::newRow("proto set") << R"({"M":{"__proto__":{"SS":["a"]}}})"
                                   << "[object Set]";
    }
    void toStringOfValues()
    {
        QFETCH(QString, attribute);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(toString(av(attribute.toUtf8().constData()))), text);
    }

    void toStringThrowsLikeV8()
    {
        for (const char *bad : {R"({"M":{"toString":{"S":"x"}}})", R"({"M":{"__proto__":{"NULL":true}}})"}) {
            try {
                toString(av(bad));
                QFAIL(bad);
            } catch (const JsError &e) {
                QCOMPARE(std::string(e.what()), std::string("TypeError: Cannot convert object to primitive value"));
            }
        }
        // An own `join` that is not callable: Array.prototype.toString falls back to Object.prototype.toString.
        QCOMPARE(toString(av(R"({"M":{"join":{"S":"x"},"__proto__":{"L":[]}}})")), std::string("[object Object]"));
    }

    void propertyReadsFallThroughThePrototype()
    {
        const Value item =
            orderlab::dynamodb::unmarshall(j(R"({"__proto__":{"M":{"pk":{"S":"from-proto"}}},"status":{"S":"A"}})"));
        QCOMPARE(getProperty(item, "pk").asString(), std::string("from-proto"));
        QCOMPARE(*stringifyJson(item), std::string(R"({"status":"A"})"));
        QVERIFY(getProperty(j("\"abc\""), "id").isUndefined());
        QCOMPARE(getProperty(j("\"abc\""), "length").asNumber(), 3.0);
        try {
            getProperty(Value(), "NewImage");
            QFAIL("undefined has no properties");
        } catch (const JsError &e) {
            QCOMPARE(std::string(e.what()),
                     std::string("TypeError: Cannot read properties of undefined (reading 'NewImage')"));
        }
    }

    void stringToNumber_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("value");
        QTest::newRow("empty") << "" << 0.0;
        QTest::newRow("spaces") << " \t\n 12 \xC2\xA0" << 12.0;
        QTest::newRow("plus") << "+.5" << 0.5;
        QTest::newRow("trailing dot") << "5." << 5.0;
        QTest::newRow("exp") << "1E+2" << 100.0;
        QTest::newRow("hex") << "0xFF" << 255.0;
        QTest::newRow("octal") << "0o17" << 15.0;
        QTest::newRow("binary") << "0b101" << 5.0;
        QTest::newRow("Infinity") << "-Infinity" << -double(INFINITY);
        QTest::newRow("overflow") << "1e400" << double(INFINITY);
        QTest::newRow("ties to even") << "9007199254740993" << 9007199254740992.0;
    }
    void stringToNumber()
    {
        QFETCH(QString, text);
        QFETCH(double, value);
        QCOMPARE(orderlab::js::stringToNumber(text.toStdString()), value);
    }
    void stringToNumberNaN()
    {
        for (const char *s : {"abc", "1_000", "-0x10", "0x", "1e", "inf", "nan", ".", "1.2.3", "Infinityx"})
            QVERIFY2(std::isnan(orderlab::js::stringToNumber(s)), s);
    }

    void stringToBigInt()
    {
        QCOMPARE(orderlab::js::stringToBigInt("  -000123 ")->toString(), std::string("-123"));
        QCOMPARE(orderlab::js::stringToBigInt("0xffffffffffffffffff")->toString(),
                 std::string("4722366482869645213695"));
        QCOMPARE(orderlab::js::stringToBigInt("")->toString(), std::string("0"));
        QCOMPARE(orderlab::js::stringToBigInt("-0")->toString(), std::string("0"));
        QVERIFY(!orderlab::js::stringToBigInt("1.5"));
        QVERIFY(!orderlab::js::stringToBigInt("1e3"));
        QVERIFY(!orderlab::js::stringToBigInt("-0x1"));
    }

    void spreadCopiesOwnProperties()
    {
        auto target = newObject();
        spreadInto(*target, j(R"({"id":"a","x":1})"));
        spreadInto(*target, j(R"("hé🍕")"));
        spreadInto(*target, j("[true]"));
        spreadInto(*target, Value(42.0));
        QCOMPARE(*stringifyJson(Value(target)),
                 std::string("{\"0\":true,\"1\":\"é\",\"2\":\"\\ud83c\",\"3\":\"\\udf55\",\"id\":\"a\",\"x\":1}"));
    }

    void utf16Order()
    {
        // U+FF5E sorts after U+1F355 in UTF-8 byte order but before it in UTF-16 code units.
        QVERIFY(wtf8::lessUtf16("\xF0\x9F\x8D\x95", "\xEF\xBD\x9E"));
        QVERIFY(!wtf8::lessUtf16("\xEF\xBD\x9E", "\xF0\x9F\x8D\x95"));
        QVERIFY(wtf8::lessUtf16("a", "ab"));
        QVERIFY(!wtf8::lessUtf16("ab", "ab"));
    }

    void lossyUtf8IsWhatNodeReads()
    {
        QCOMPARE(wtf8::fromUtf8Lossy("a\xFF"
                                     "b\xE2\x82"
                                     "c\xED\xA0\x80"),
                 std::string("a\xEF\xBF\xBD"
                             "b\xEF\xBF\xBD"
                             "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
        QCOMPARE(wtf8::fromUtf8Lossy("ok é 🍕"), std::string("ok é 🍕"));
    }
};

QTEST_GUILESS_MAIN(TstJsOperations)
#include "tst_js_operations.moc"
