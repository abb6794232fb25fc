// JSON.parse and JSON.stringify, byte-exact with V8; Number::toString.
#include "js/js_error.h"
#include "js/json.h"
#include "js/numbers.h"

#include <QtTest>

#include <cmath>

using namespace orderlab::js;

namespace {
std::string roundTrip(const std::string &text)
{
    return *stringifyJson(parseJson(text));
}
} // namespace

class TstJson : public QObject
{
    Q_OBJECT
  private slots:
    void numberToString_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("0.1") << 0.1 << "0.1";
        QTest::newRow("1e-7") << 1e-7 << "1e-7";
        QTest::newRow("0.000001") << 0.000001 << "0.000001";
        QTest::newRow("123456789012345") << 123456789012345.0 << "123456789012345";
        QTest::newRow("-0") << -0.0 << "0";
        QTest::newRow("12.5") << 12.5 << "12.5";
        QTest::newRow("-17") << -17.0 << "-17";
        QTest::newRow("1e21") << 1e21 << "1e+21";
        QTest::newRow("1e20") << 1e20 << "100000000000000000000";
        QTest::newRow("1.5e300") << 1.5e300 << "1.5e+300";
        QTest::newRow("min denormal") << 5e-324 << "5e-324";
        QTest::newRow("max") << 1.7976931348623157e308 << "1.7976931348623157e+308";
        QTest::newRow("2^53-1") << 9007199254740991.0 << "9007199254740991";
        QTest::newRow("1/3") << 1.0 / 3 << "0.3333333333333333";
        QTest::newRow("0.12345678901234568") << 0.12345678901234567890 << "0.12345678901234568";
        QTest::newRow("1e-130") << 1e-130 << "1e-130";
        QTest::newRow("-1.5e-7") << -1.5e-7 << "-1.5e-7";
        QTest::newRow("123e-20") << 123e-20 << "1.23e-18";
        QTest::newRow("NaN") << double(NAN) << "NaN";
        QTest::newRow("-Infinity") << -double(INFINITY) << "-Infinity";
    }
    void numberToString()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(orderlab::js::numberToString(value)), text);
    }

    void stringifyEscapes()
    {
        // Well-formed JSON.stringify: lone surrogates escaped, U+2028 raw, DEL raw, controls as \u00xx.
        QCOMPARE(roundTrip("\"\\u2028\\ud800\\u007f\\u001f\\\"\\\\\\/\\b\\f\\n\\r\\t\""),
                 std::string("\"\xE2\x80\xA8\\ud800\x7f\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\""));
        QCOMPARE(roundTrip(R"("\udc00\ud83c\udf55\ud83c")"), std::string("\"\\udc00\xF0\x9F\x8D\x95\\ud83c\""));
        QCOMPARE(roundTrip(R"("d\u00e5vid 🍕")"), std::string("\"dåvid 🍕\""));
    }

    void objectKeyOrder()
    {
        QCOMPARE(roundTrip(R"({"b":1,"a":2,"10":3,"9":4,"01":5,"4294967295":6,"4294967294":7})"),
                 std::string(R"({"9":4,"10":3,"4294967294":7,"b":1,"a":2,"01":5,"4294967295":6})"));
        QCOMPARE(roundTrip(R"({"a":1,"b":2,"a":3})"), std::string(R"({"a":3,"b":2})"));
        QCOMPARE(roundTrip(R"({"__proto__":{"x":1}})"), std::string(R"({"__proto__":{"x":1}})"));
    }

    void numbersParse()
    {
        QCOMPARE(roundTrip("[-0,1E2,1e-7,0.10000000000000001,1e400,-1e400,123456789012345678901234567890]"),
                 std::string("[0,100,1e-7,0.1,null,null,1.2345678901234568e+29]"));
        QCOMPARE(roundTrip(" \t\r\n[ 1 , 2 ]\n"), std::string("[1,2]"));
    }

    void largeObjectsKeepOrder()
    {
        std::string text = "{";
        for (int i = 0; i < 200; ++i)
            text += (i ? ",\"k" : "\"k") + std::to_string(199 - i) + "\":" + std::to_string(i);
        text += ",\"k5\":-1}";
        const std::string out = roundTrip(text);
        QVERIFY(out.rfind("{\"k199\":0,\"k198\":1,", 0) == 0);
        QVERIFY(out.find("\"k5\":-1,\"k4\":195") != std::string::npos);
    }

    void undefinedAndSetsAndBigInt()
    {
        auto o = newObject();
        o->set("u", Value());
        o->set("s", Value(std::make_shared<Set>()));
        auto a = newArray();
        a->items = {Value(), Value(Null{}), Value(double(NAN))};
        o->set("a", Value(a));
        QCOMPARE(*stringifyJson(Value(o)), std::string(R"({"s":{},"a":[null,null,null]})"));
        QVERIFY(!stringifyJson(Value()).has_value());
        BigInt big;
        big.magnitude = "9007199254740993";
        o->set("b", Value(big));
        try {
            (void)stringifyJson(Value(o));
            QFAIL("a BigInt must throw");
        } catch (const JsError &e) {
            QCOMPARE(std::string(e.what()), std::string("TypeError: Do not know how to serialize a BigInt"));
        }
    }

    void parseErrorsNameTheByte_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("offset");
        QTest::newRow("empty") << "" << 0;
        QTest::newRow("trailing comma") << "[1,]" << 3;
        QTest::newRow("bad literal") << "[tru]" << 1;
        QTest::newRow("after value") << "{} x" << 3;
        QTest::newRow("single quotes") << "{'a':1}" << 1;
        QTest::newRow("leading zero") << "01" << 1;
        QTest::newRow("raw control char") << "\"a\nb\"" << 2;
        QTest::newRow("bad escape") << R"("\x")" << 2;
        QTest::newRow("short unicode escape") << R"("\u12")" << 5;
        QTest::newRow("unterminated") << "\"abc" << 4;
        QTest::newRow("lone minus") << "-" << 1;
        QTest::newRow("NaN") << "NaN" << 0;
    }
    void parseErrorsNameTheByte()
    {
        QFETCH(QString, text);
        QFETCH(int, offset);
        try {
            parseJson(text.toStdString());
            QFAIL("must not parse");
        } catch (const JsonParseError &e) {
            QCOMPARE(int(e.offset()), offset);
            QVERIFY(std::string(e.what()).find("at byte " + std::to_string(offset)) != std::string::npos);
        }
    }

    void deepNestingIsAnErrorNotACrash()
    {
        const std::string deep(100000, '[');
        QVERIFY_THROWS_EXCEPTION(JsonParseError, parseJson(deep));
        std::string ok = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
        QCOMPARE(*stringifyJson(parseJson(ok)), ok);
    }
};

QTEST_GUILESS_MAIN(TstJson)
#include "tst_json.moc"
