// unmarshall + JSON.stringify against every row of @aws-sdk/util-dynamodb 3.996.9's behaviour, as printed
// by the reference's dynamodb-unmarshall-probe.js (node 20): `JSON.stringify({a: unmarshall({a: AV}).a})`.
#include "dynamodb/unmarshall.h"
#include "js/js_error.h"
#include "js/json.h"

#include <QtTest>

using namespace orderlab;

class TstUnmarshall : public QObject
{
    Q_OBJECT
  private slots:
    void attributeValues_data()
    {
        QTest::addColumn<QString>("attributeValue");
        QTest::addColumn<QString>("result"); // `{"a":...}` or `throws <first line>`
        QTest::newRow("S") << QStringLiteral(R"__({"S":"hello"})__") << QStringLiteral(R"__({"a":"hello"})__");
        QTest::newRow("S empty") << QStringLiteral(R"__({"S":""})__") << QStringLiteral(R"__({"a":""})__");
        QTest::newRow("S non-ASCII") << QStringLiteral(R"__({"S":"d\u00e5vid \ud83c\udf55"})__")
                                     << QStringLiteral(R"__({"a":"dåvid 🍕"})__");
        QTest::newRow("N integer") << QStringLiteral(R"__({"N":"42"})__") << QStringLiteral(R"__({"a":42})__");
        QTest::newRow("N negative") << QStringLiteral(R"__({"N":"-17"})__") << QStringLiteral(R"__({"a":-17})__");
        QTest::newRow("N decimal") << QStringLiteral(R"__({"N":"12.5"})__") << QStringLiteral(R"__({"a":12.5})__");
        QTest::newRow("N exponent") << QStringLiteral(R"__({"N":"1E+2"})__") << QStringLiteral(R"__({"a":100})__");
        QTest::newRow("N small") << QStringLiteral(R"__({"N":"0.0000001"})__") << QStringLiteral(R"__({"a":1e-7})__");
        QTest::newRow("N small, exponent")
            << QStringLiteral(R"__({"N":"1E-7"})__") << QStringLiteral(R"__({"a":1e-7})__");
        QTest::newRow("N \"-0\"") << QStringLiteral(R"__({"N":"-0"})__") << QStringLiteral(R"__({"a":0})__");
        QTest::newRow("N 2^53-1") << QStringLiteral(R"__({"N":"9007199254740991"})__")
                                  << QStringLiteral(R"__({"a":9007199254740991})__");
        QTest::newRow("N 2^53") << QStringLiteral(R"__({"N":"9007199254740992"})__")
                                << QStringLiteral(R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N 2^53+1") << QStringLiteral(R"__({"N":"9007199254740993"})__")
                                  << QStringLiteral(R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N -(2^53)") << QStringLiteral(R"__({"N":"-9007199254740992"})__")
                                   << QStringLiteral(R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N 1e20 plain") << QStringLiteral(R"__({"N":"100000000000000000000"})__")
                                      << QStringLiteral(
                                             R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N 1e21 plain") << QStringLiteral(R"__({"N":"1000000000000000000000"})__")
                                      << QStringLiteral(
                                             R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N 1E+21")
            << QStringLiteral(R"__({"N":"1E+21"})__")
            << QStringLiteral(
                   R"__(throws Error: 1E+21 can't be converted to BigInt. Set options.wrapNumbers to get string value.)__");
        QTest::newRow("N 1E+16")
            << QStringLiteral(R"__({"N":"1E+16"})__")
            << QStringLiteral(
                   R"__(throws Error: 1E+16 can't be converted to BigInt. Set options.wrapNumbers to get string value.)__");
        QTest::newRow("N big decimal")
            << QStringLiteral(R"__({"N":"9007199254740993.5"})__")
            << QStringLiteral(
                   R"__(throws Error: 9007199254740993.5 can't be converted to BigInt. Set options.wrapNumbers to get string value.)__");
        QTest::newRow("N 9007199254740991.5")
            << QStringLiteral(R"__({"N":"9007199254740991.5"})__")
            << QStringLiteral(
                   R"__(throws Error: 9007199254740991.5 can't be converted to BigInt. Set options.wrapNumbers to get string value.)__");
        QTest::newRow("N 9007199254740991.4")
            << QStringLiteral(R"__({"N":"9007199254740991.4"})__") << QStringLiteral(R"__({"a":9007199254740991})__");
        QTest::newRow("N 38 digits") << QStringLiteral(R"__({"N":"12345678901234567890123456789012345678"})__")
                                     << QStringLiteral(
                                            R"__(throws TypeError: Do not know how to serialize a BigInt)__");
        QTest::newRow("N 38-digit fraction")
            << QStringLiteral(R"__({"N":"0.12345678901234567890123456789012345678"})__")
            << QStringLiteral(R"__({"a":0.12345678901234568})__");
        QTest::newRow("N 1E-130") << QStringLiteral(R"__({"N":"1E-130"})__") << QStringLiteral(R"__({"a":1e-130})__");
        QTest::newRow("N 1E+125")
            << QStringLiteral(R"__({"N":"1E+125"})__")
            << QStringLiteral(
                   R"__(throws Error: 1E+125 can't be converted to BigInt. Set options.wrapNumbers to get string value.)__");
        QTest::newRow("N 1E+400 (not DynamoDB)")
            << QStringLiteral(R"__({"N":"1E+400"})__") << QStringLiteral(R"__({"a":null})__");
        QTest::newRow("N \"abc\" (not DynamoDB)")
            << QStringLiteral(R"__({"N":"abc"})__") << QStringLiteral(R"__({"a":null})__");
        QTest::newRow("N \"\" (not DynamoDB)") << QStringLiteral(R"__({"N":""})__") << QStringLiteral(R"__({"a":0})__");
        QTest::newRow("BOOL true") << QStringLiteral(R"__({"BOOL":true})__") << QStringLiteral(R"__({"a":true})__");
        QTest::newRow("BOOL false") << QStringLiteral(R"__({"BOOL":false})__") << QStringLiteral(R"__({"a":false})__");
        QTest::newRow("NULL true") << QStringLiteral(R"__({"NULL":true})__") << QStringLiteral(R"__({"a":null})__");
        QTest::newRow("NULL false") << QStringLiteral(R"__({"NULL":false})__") << QStringLiteral(R"__({"a":null})__");
        QTest::newRow("L") << QStringLiteral(R"__({"L":[{"S":"x"},{"N":"1"},{"NULL":true}]})__")
                           << QStringLiteral(R"__({"a":["x",1,null]})__");
        QTest::newRow("L empty") << QStringLiteral(R"__({"L":[]})__") << QStringLiteral(R"__({"a":[]})__");
        QTest::newRow("M") << QStringLiteral(
                                  R"__({"M":{"b":{"S":"x"},"a":{"N":"1"},"10":{"BOOL":true},"9":{"S":"z"}}})__")
                           << QStringLiteral(R"__({"a":{"9":"z","10":true,"b":"x","a":1}})__");
        QTest::newRow("M empty") << QStringLiteral(R"__({"M":{}})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("M with \"__proto__\" key (M)")
            << QStringLiteral(R"__({"M":{"__proto__":{"M":{"pk":{"S":"p"}}},"y":{"S":"ok"}}})__")
            << QStringLiteral(R"__({"a":{"y":"ok"}})__");
        QTest::newRow("M with \"__proto__\" key (S)")
            << QStringLiteral(R"__({"M":{"__proto__":{"S":"p"},"y":{"S":"ok"}}})__")
            << QStringLiteral(R"__({"a":{"y":"ok"}})__");
        QTest::newRow("SS") << QStringLiteral(R"__({"SS":["a","b"]})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("NS") << QStringLiteral(R"__({"NS":["1","2.5","9007199254740993"]})__")
                            << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("NS collapsing") << QStringLiteral(R"__({"NS":["0.1","0.10000000000000001"]})__")
                                       << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("BS (base64, as in a Lambda event)")
            << QStringLiteral(R"__({"BS":["AQI=","AwQ="]})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("B (base64, as in a Lambda event)")
            << QStringLiteral(R"__({"B":"AQI="})__") << QStringLiteral(R"__({"a":"AQI="})__");
        QTest::newRow("B empty") << QStringLiteral(R"__({"B":""})__") << QStringLiteral(R"__({"a":""})__");
        QTest::newRow("SS empty (not DynamoDB)")
            << QStringLiteral(R"__({"SS":[]})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("NS empty (not DynamoDB)")
            << QStringLiteral(R"__({"NS":[]})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("BS empty (not DynamoDB)")
            << QStringLiteral(R"__({"BS":[]})__") << QStringLiteral(R"__({"a":{}})__");
        QTest::newRow("unknown type key")
            << QStringLiteral(R"__({"X":"y"})__") << QStringLiteral(R"__(throws Error: Unsupported type passed: X)__");
        QTest::newRow("lower-case type key")
            << QStringLiteral(R"__({"s":"y"})__") << QStringLiteral(R"__(throws Error: Unsupported type passed: s)__");
        QTest::newRow("no type key") << QStringLiteral(R"__({})__")
                                     << QStringLiteral(R"__(throws Error: No value defined: {})__");
        QTest::newRow("two keys S,N") << QStringLiteral(R"__({"S":"x","N":"1"})__")
                                      << QStringLiteral(R"__({"a":"x"})__");
        QTest::newRow("two keys N,S") << QStringLiteral(R"__({"N":"1","S":"x"})__") << QStringLiteral(R"__({"a":1})__");
        QTest::newRow("two keys X,S") << QStringLiteral(R"__({"X":"y","S":"x"})__")
                                      << QStringLiteral(R"__(throws Error: Unsupported type passed: X)__");
        QTest::newRow("two keys S,X") << QStringLiteral(R"__({"S":"x","X":"y"})__")
                                      << QStringLiteral(R"__({"a":"x"})__");
        QTest::newRow("S null") << QStringLiteral(R"__({"S":null})__") << QStringLiteral(R"__({"a":null})__");
        QTest::newRow("BOOL \"false\" (string)")
            << QStringLiteral(R"__({"BOOL":"false"})__") << QStringLiteral(R"__({"a":true})__");
        QTest::newRow("L null") << QStringLiteral(R"__({"L":null})__")
                                << QStringLiteral(
                                       R"__(throws TypeError: Cannot read properties of null (reading 'map'))__");
        QTest::newRow("M null") << QStringLiteral(R"__({"M":null})__")
                                << QStringLiteral(
                                       R"__(throws TypeError: Cannot convert undefined or null to object)__");
        QTest::newRow("attribute value null")
            << QStringLiteral(R"__(null)__")
            << QStringLiteral(R"__(throws TypeError: Cannot convert undefined or null to object)__");
        QTest::newRow("attribute value a string")
            << QStringLiteral(R"__("str")__") << QStringLiteral(R"__(throws Error: Unsupported type passed: 0)__");
    }
    void attributeValues()
    {
        QFETCH(QString, attributeValue);
        QFETCH(QString, result);
        QString got;
        try {
            const js::Value item = dynamodb::unmarshall(js::parseJson("{\"a\":" + attributeValue.toStdString() + "}"));
            try {
                got = QString::fromStdString(*js::stringifyJson(item));
            } catch (const js::JsError &e) {
                got = QStringLiteral("throws ") + QString::fromStdString(e.what());
            }
        } catch (const js::JsError &e) {
            got = QStringLiteral("throws ") + QString::fromStdString(e.what());
        }
        QCOMPARE(got, result);
    }

    void images()
    {
        QVERIFY_THROWS_EXCEPTION(js::JsError, dynamodb::unmarshall(js::Value()));
        try {
            dynamodb::unmarshall(js::Value());
        } catch (const js::JsError &e) {
            QCOMPARE(std::string(e.what()), std::string("Error: No value defined: {}"));
        }
        try {
            dynamodb::unmarshall(js::Value(js::Null{}));
        } catch (const js::JsError &e) {
            QCOMPARE(std::string(e.what()), std::string("TypeError: Cannot convert undefined or null to object"));
        }
        QCOMPARE(*js::stringifyJson(dynamodb::unmarshall(js::parseJson("{}"))), std::string("{}"));
        QCOMPARE(*js::stringifyJson(dynamodb::unmarshall(js::parseJson("5"))), std::string("{}"));
        QCOMPARE(*js::stringifyJson(dynamodb::unmarshall(js::parseJson(R"([{"S":"x"}])"))),
                 std::string(R"({"0":"x"})"));
    }

    void errorsAnywhereFailTheWholeImage()
    {
        try {
            dynamodb::unmarshall(js::parseJson(R"({"ok":{"S":"x"},"items":{"L":[{"M":{"deep":{"L":[{"Y":"1"}]}}}]}})"));
            QFAIL("must throw");
        } catch (const js::JsError &e) {
            QCOMPARE(std::string(e.what()), std::string("Error: Unsupported type passed: Y"));
        }
    }

    void deepButLegalNestingWorks()
    {
        std::string deep;
        for (int i = 0; i < 400; ++i)
            deep += "{\"L\":[";
        deep += "{\"S\":\"x\"}";
        for (int i = 0; i < 400; ++i)
            deep += "]}";
        const std::string out = *js::stringifyJson(dynamodb::unmarshall(js::parseJson("{\"a\":" + deep + "}")));
        QCOMPARE(out, "{\"a\":" + std::string(400, '[') + "\"x\"" + std::string(400, ']') + "}");
    }
};

QTEST_GUILESS_MAIN(TstUnmarshall)
#include "tst_unmarshall.moc"
