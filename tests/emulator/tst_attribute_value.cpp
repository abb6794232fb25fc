// DynamoDB attribute values: canonical numbers, base64, parsing and its errors, set rules,
// equality, JSON output and the SizeBytes rule.
#ifndef Q_MOC_RUN
#include "dynamodb/attribute_value.h"
#include "dynamodb/base64.h"
#include "js/json.h"
#include "table_test_data.h"
#endif

#include <QtTest>

#include <functional>
#include <string>

using namespace orderlab;
using namespace orderlab::dynamodb;

namespace {

/// The message of the ValidationError `f` throws; fails the test when it throws nothing.
std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const ValidationError &e) {
        const std::string what = e.what();
        if (what != "ValidationException: " + e.message())
            return "bad what(): " + what;
        return e.message();
    }
    return "(no error)";
}

AttributeValue parseText(std::string_view json)
{
    return parseAttributeValue(js::parseJson(json));
}

std::string jsonOf(const AttributeValue &v)
{
    std::string out;
    appendJson(out, v);
    return out;
}

/// `depth` nested M containers around an S: {"M":{"n":{"M":{"n":...{"S":"leaf"}}}}}.
std::string deepMapJson(int depth)
{
    std::string out;
    for (int i = 0; i < depth; ++i)
        out += "{\"M\":{\"n\":";
    out += "{\"S\":\"leaf\"}";
    for (int i = 0; i < depth; ++i)
        out += "}}";
    return out;
}

AttributeValue S(const char *s)
{
    return AttributeValue::string(s);
}

AttributeValue N(const char *s)
{
    return AttributeValue::number(s);
}

} // namespace

class TstAttributeValue : public QObject
{
    Q_OBJECT
  private slots:
    void canonicalNumbers()
    {
        for (const auto &[input, canonical] : testdata::kCanonicalNumbers) {
            const std::string what = "input \"" + std::string(input) + "\"";
            QVERIFY2(canonicalNumber(input) == canonical, what.c_str());
            // Canonical text is a fixed point, and the N factory stores it.
            QVERIFY2(canonicalNumber(canonical) == canonical, what.c_str());
            QVERIFY2(AttributeValue::number(input).text() == canonical, what.c_str());
        }
    }

    void numberErrors()
    {
        for (const auto &[input, message] : testdata::kNumberErrors) {
            const std::string what = "input \"" + std::string(input) + "\"";
            QVERIFY2(errorOf([&] { canonicalNumber(input); }) == message, what.c_str());
            QVERIFY2(errorOf([&] { AttributeValue::number(input); }) == message, what.c_str());
        }
    }

    void base64KnownVectors()
    {
        const std::pair<std::string, std::string> vectors[] = {
            {"", ""},
            {"f", "Zg=="},
            {"fo", "Zm8="},
            {"foo", "Zm9v"},
            {"foob", "Zm9vYg=="},
            {"fooba", "Zm9vYmE="},
            {"foobar", "Zm9vYmFy"},
            {std::string("\x01\x02", 2), "AQI="},
            {std::string("\xff\xfe\x00", 3), "//4A"},
        };
        for (const auto &[bytes, text] : vectors) {
            QCOMPARE(base64Encode(bytes), text);
            const auto decoded = base64Decode(text);
            QVERIFY(decoded);
            QCOMPARE(*decoded, bytes);
        }
    }

    void base64RoundTrips()
    {
        std::string all;
        for (int i = 0; i < 256; ++i)
            all += static_cast<char>(i);
        for (std::size_t length = 0; length <= all.size(); ++length) {
            const std::string bytes = all.substr(256 - length) + all.substr(0, length / 3);
            const std::string text = base64Encode(bytes);
            QCOMPARE(text.size() % 4, std::size_t(0));
            const auto decoded = base64Decode(text);
            QVERIFY(decoded);
            QCOMPARE(*decoded, bytes);
        }
    }

    void base64Errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        const QString length = "Base64 encoded length is expected a multiple of 4 bytes but found: ";
        const QString character = "Invalid Base64 character: ";
        const QString last = "Invalid last non-pad Base64 character dectected";
        QTest::newRow("5 characters") << "23456" << length + "5";
        QTest::newRow("missing padding") << "Zg" << length + "2";
        QTest::newRow("short padding") << "Zg=" << length + "3";
        QTest::newRow("space") << "Zm9v YmFy" << length + "9";
        QTest::newRow("newline") << "Zm9v\nYmF" << character + "'\n'";
        QTest::newRow("leading pad") << "=+/=" << character + "'='";
        QTest::newRow("three pads") << "Z===" << character + "'='";
        QTest::newRow("pad inside") << "Zm=v" << character + "'='";
        QTest::newRow("pad then more") << "Zg==Zg==" << character + "'='";
        QTest::newRow("url-safe minus") << "Zm9-" << character + "'-'";
        QTest::newRow("url-safe underscore") << "Zm_v" << character + "'_'";
        QTest::newRow("unused bits, one pad") << "+/+=" << last;
        QTest::newRow("unused bits, two pads") << "Zh==" << last;
    }
    void base64Errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        std::string error;
        QVERIFY(!base64Decode(text.toStdString(), &error));
        QCOMPARE(QString::fromStdString(error), reason);
        QVERIFY(!base64Decode(text.toStdString()));
    }

    void jsonRoundTrips()
    {
        for (const auto &row : testdata::kRoundTrips) {
            const AttributeValue v = parseText(row.input);
            QVERIFY2(jsonOf(v) == row.output, row.name);
            QVERIFY2(parseText(row.output) == v, row.name);
        }
    }

    void parsedValues()
    {
        const AttributeValue b = parseText("{\"B\":\"AQI=\"}");
        QCOMPARE(b.type(), AttributeValue::Type::B);
        QCOMPARE(b.text(), std::string("\x01\x02", 2));
        const AttributeValue ns = parseText("{\"NS\":[\"2.50\",\"1E+1\"]}");
        QCOMPARE(ns.type(), AttributeValue::Type::NS);
        QCOMPARE(ns.set(), (std::vector<std::string>{"2.5", "10"}));
        const AttributeValue bs = parseText("{\"BS\":[\"AwQ=\",\"AQI=\"]}");
        QCOMPARE(bs.set(), (std::vector<std::string>{"\x03\x04", "\x01\x02"}));
        const AttributeValue m = parseText("{\"M\":{\"b\":{\"S\":\"x\"},\"a\":{\"BOOL\":true}}}");
        QCOMPARE(m.map().size(), std::size_t(2));
        QCOMPARE(m.map()[0].first, std::string("b"));
        QVERIFY(m.map()[1].second.boolean());
        const AttributeValue l = parseText("{\"L\":[{\"NULL\":true},{\"N\":\"-0\"}]}");
        QCOMPARE(l.list().size(), std::size_t(2));
        QCOMPARE(l.list()[0].type(), AttributeValue::Type::NUL);
        QCOMPARE(l.list()[1].text(), std::string("0"));
        // Accessors of other types are empty.
        QVERIFY(l.text().empty() && l.map().empty() && l.set().empty() && !l.boolean());
    }

    void parseErrors()
    {
        for (const auto &row : testdata::kAttributeErrors) {
            const std::string message = errorOf([&] { parseText(row.input); });
            QVERIFY2(message == row.message, (std::string(row.name) + ": " + message).c_str());
        }
    }

    void itemErrorsNameThePath()
    {
        const std::string message = errorOf([] { parseItemJson(testdata::kItemWithBadPrice); });
        QCOMPARE(QString::fromStdString(message),
                 QString("The parameter cannot be converted to a numeric value: abc (attribute items[0].price)"));
        QCOMPARE(
            QString::fromStdString(errorOf([] { parseItemJson("{\"tags\":{\"SS\":[]}}"); })),
            QString("One or more parameter values were invalid: An string set  may not be empty (attribute tags)"));
    }

    void parseItemJsonErrors()
    {
        QVERIFY(errorOf([] { parseItemJson("{\"pk\":{\"S\":\"x\"}"); }).starts_with("Invalid JSON: "));
        QVERIFY(errorOf([] { parseItemJson(""); }).starts_with("Invalid JSON: "));
        QCOMPARE(QString::fromStdString(errorOf([] { parseItemJson("[]"); })),
                 QString("An item must be a JSON object of attribute values, found array"));
        QCOMPARE(parseItemJson("{}").size(), std::size_t(0));
    }

    void parseItemKeepsOrder()
    {
        const AttributeMap item = parseItemJson(testdata::kSpecNewImage);
        std::vector<std::string> names;
        for (const auto &entry : item)
            names.push_back(entry.first);
        QCOMPARE(names, (std::vector<std::string>{"status", "creator", "pk", "createdAt", "numItems", "lastUpdated",
                                                  "items"}));
        QCOMPARE(itemJson(item), std::string(testdata::kSpecNewImage));
        QCOMPARE(find(item, "creator")->text(), std::string("alice"));
        QVERIFY(!find(item, "missing"));
    }

    void nestingLimit()
    {
        // 31 nested containers (leaf at level 32) are accepted, 32 are not.
        QCOMPARE(parseText(deepMapJson(31)).nestingLevel(), 32);
        std::string path = "n";
        for (int i = 1; i < 32; ++i)
            path += ".n";
        QCOMPARE(errorOf([] { parseText(deepMapJson(32)); }),
                 std::string(kNestingLevelsMessage) + " (attribute " + path + ")");
        QCOMPARE(errorOf([] { parseItemJson("{\"deep\":" + deepMapJson(32) + "}"); }),
                 std::string(kNestingLevelsMessage) + " (attribute deep." + path + ")");
        // Deeper than JSON.parse goes: a JSON error, not a stack overflow.
        QVERIFY(errorOf([] { parseItemJson("{\"deep\":" + deepMapJson(2000) + "}"); }).starts_with("Invalid JSON"));

        // The factories keep the same limit, so no value can be deeper.
        AttributeValue v = S("leaf");
        for (int i = 0; i < 31; ++i)
            v = (i % 2) ? AttributeValue::list({v}) : AttributeValue::map({{"n", v}});
        QCOMPARE(v.nestingLevel(), 32);
        QCOMPARE(QString::fromStdString(errorOf([&] { AttributeValue::list({v}); })),
                 QString::fromStdString(std::string(kNestingLevelsMessage)));
        QCOMPARE(QString::fromStdString(errorOf([&] {
                     AttributeValue::map({{"n", v}});
                 })),
                 QString::fromStdString(std::string(kNestingLevelsMessage)));
        QCOMPARE(AttributeValue::list({}).nestingLevel(), 1);
        QCOMPARE(AttributeValue::map({{"a", S("x")}}).nestingLevel(), 2);
    }

    void setRules()
    {
        const std::string invalid = "One or more parameter values were invalid: ";
        QCOMPARE(errorOf([] { AttributeValue::stringSet({}); }), invalid + "An string set  may not be empty");
        QCOMPARE(errorOf([] { AttributeValue::numberSet({}); }), invalid + "An number set  may not be empty");
        QCOMPARE(errorOf([] { AttributeValue::binarySet({}); }), invalid + "Binary sets should not be empty");
        QCOMPARE(errorOf([] {
                     AttributeValue::stringSet({"a", "b", "a"});
                 }),
                 invalid + "Input collection [a, b, a] contains duplicates.");
        QCOMPARE(errorOf([] {
                     AttributeValue::numberSet({"1", "1E0"});
                 }),
                 std::string("Input collection contains duplicates"));
        QCOMPARE(errorOf([] {
                     AttributeValue::numberSet({"1", "x"});
                 }),
                 std::string("The parameter cannot be converted to a numeric value: x"));
        QCOMPARE(errorOf([] {
                     AttributeValue::binarySet({"b", "b"});
                 }),
                 invalid + "Input collection [Yg==, Yg==]of type BS contains duplicates.");
        // Valid sets keep their order; numbers are canonical; "" is a valid element.
        QCOMPARE(AttributeValue::stringSet({"b", "", "a"}).set(), (std::vector<std::string>{"b", "", "a"}));
        QCOMPARE(AttributeValue::numberSet({"1E+2", "0.50"}).set(), (std::vector<std::string>{"100", "0.5"}));
        QCOMPARE(AttributeValue::binarySet({"", "x"}).set(), (std::vector<std::string>{"", "x"}));
        QVERIFY(AttributeValue::stringSet({"a"}).isSet() && !S("a").isSet());
        QCOMPARE(jsonOf(AttributeValue::binarySet({std::string("\x01\x02", 2)})), std::string("{\"BS\":[\"AQI=\"]}"));
    }

    void mapFactoryRefusesDuplicateNames()
    {
        QCOMPARE(errorOf([] {
                     AttributeValue::map({{"a", S("x")}, {"b", S("y")}, {"a", S("z")}});
                 }),
                 std::string("One or more parameter values were invalid: Duplicate attribute name a in a map"));
    }

    void equality()
    {
        QVERIFY(N("1E+2") == N("100"));
        QVERIFY(N("-0") == N("0"));
        QVERIFY(!(N("1") == S("1")));
        QVERIFY(!(AttributeValue::binary("1") == S("1")));
        QVERIFY(!(AttributeValue::stringSet({"1"}) == AttributeValue::numberSet({"1"})));
        QVERIFY(AttributeValue::boolean(true) == AttributeValue::boolean(true));
        QVERIFY(!(AttributeValue::boolean(true) == AttributeValue::boolean(false)));
        QVERIFY(AttributeValue::null() == AttributeValue());
        QVERIFY(!(AttributeValue::null() == AttributeValue::boolean(false)));
        // Sets: any order.
        QVERIFY(AttributeValue::stringSet({"a", "b", "c"}) == AttributeValue::stringSet({"c", "a", "b"}));
        QVERIFY(!(AttributeValue::stringSet({"a", "b"}) == AttributeValue::stringSet({"a", "b", "c"})));
        QVERIFY(AttributeValue::numberSet({"1", "2.50"}) == AttributeValue::numberSet({"2.5", "1E0"}));
        QVERIFY(AttributeValue::binarySet({"x", "y"}) == AttributeValue::binarySet({"y", "x"}));
        // Lists: in order.
        QVERIFY(AttributeValue::list({S("a"), N("1")}) == AttributeValue::list({S("a"), N("1.0")}));
        QVERIFY(!(AttributeValue::list({S("a"), N("1")}) == AttributeValue::list({N("1"), S("a")})));
        QVERIFY(!(AttributeValue::list({S("a")}) == AttributeValue::list({S("a"), S("a")})));
        // Maps: any order, nested too, small and large.
        const auto m1 = AttributeValue::map({{"a", S("x")}, {"b", AttributeValue::map({{"c", N("1")}, {"d", S("")}})}});
        const auto m2 =
            AttributeValue::map({{"b", AttributeValue::map({{"d", S("")}, {"c", N("1.00")}})}, {"a", S("x")}});
        QVERIFY(m1 == m2);
        QVERIFY(!(m1 == AttributeValue::map({{"a", S("x")}})));
        QVERIFY(!(m1 == AttributeValue::map({{"a", S("x")}, {"c", S("y")}})));
        AttributeMap big1, big2;
        for (int i = 0; i < 40; ++i) {
            big1.emplace_back("k" + std::to_string(i), N(std::to_string(i).c_str()));
            big2.emplace_back("k" + std::to_string(39 - i), N(std::to_string(39 - i).c_str()));
        }
        QVERIFY(AttributeValue::map(big1) == AttributeValue::map(big2));
        QVERIFY(sameItem(big1, big2));
        big2[5].second = S("other");
        QVERIFY(!(AttributeValue::map(big1) == AttributeValue::map(big2)));
        QVERIFY(!sameItem(big1, big2));
        big2[5] = {"renamed", big1[34].second};
        QVERIFY(!sameItem(big1, big2));
    }

    void sameItemIgnoresOrder()
    {
        const AttributeMap a = parseItemJson(testdata::kSpecOldImage);
        AttributeMap b(a.rbegin(), a.rend());
        QVERIFY(sameItem(a, b));
        b.pop_back();
        QVERIFY(!sameItem(a, b));
        QVERIFY(!sameItem(b, a));
        QVERIFY(!sameItem(a, parseItemJson(testdata::kSpecNewImage)));
        QVERIFY(sameItem({}, {}));
    }

    void jsonOutput()
    {
        AttributeMap item;
        item.emplace_back("pk", S("o\"1"));
        item.emplace_back("n", N("1.50E1"));
        item.emplace_back("b", AttributeValue::binary(std::string("\x00\xff", 2)));
        item.emplace_back("ok", AttributeValue::boolean(false));
        item.emplace_back("none", AttributeValue::null());
        item.emplace_back("l", AttributeValue::list({S("x"), AttributeValue::list({})}));
        item.emplace_back("m", AttributeValue::map({{"z", S("1")}, {"a", S("2")}}));
        item.emplace_back("ss", AttributeValue::stringSet({"b", "a"}));
        item.emplace_back("ns", AttributeValue::numberSet({"3", "-1"}));
        item.emplace_back("bs", AttributeValue::binarySet({"foo", "f"}));
        const std::string expected =
            "{\"pk\":{\"S\":\"o\\\"1\"},\"n\":{\"N\":\"15\"},\"b\":{\"B\":\"AP8=\"},\"ok\":{\"BOOL\":false},"
            "\"none\":{\"NULL\":true},\"l\":{\"L\":[{\"S\":\"x\"},{\"L\":[]}]},\"m\":{\"M\":{\"z\":{\"S\":\"1\"},"
            "\"a\":{\"S\":\"2\"}}},\"ss\":{\"SS\":[\"b\",\"a\"]},\"ns\":{\"NS\":[\"3\",\"-1\"]},"
            "\"bs\":{\"BS\":[\"Zm9v\",\"Zg==\"]}}";
        QCOMPARE(itemJson(item), expected);
        std::string appended = "x";
        appendItemJson(appended, item);
        QCOMPARE(appended, "x" + expected);
        // What appendJson writes parses back to the same item.
        QVERIFY(sameItem(parseItemJson(expected), item));
        QCOMPARE(itemJson({}), std::string("{}"));
    }

    void typeNames()
    {
        using T = AttributeValue::Type;
        QCOMPARE(typeName(T::NUL), std::string_view("NULL"));
        QCOMPARE(typeName(T::BOOL), std::string_view("BOOL"));
        QCOMPARE(typeName(T::BS), std::string_view("BS"));
        QCOMPARE(S("x").type(), T::S);
        QCOMPARE(AttributeValue().type(), T::NUL);
    }

    void sizeOfTheSpecExample()
    {
        const AttributeMap keys = parseItemJson(testdata::kSpecKeys);
        const AttributeMap newImage = parseItemJson(testdata::kSpecNewImage);
        const AttributeMap oldImage = parseItemJson(testdata::kSpecOldImage);
        QCOMPARE(int(sizeBytes(keys) + sizeBytes(newImage) + sizeBytes(oldImage)), testdata::kSpecSizeBytes);
        QCOMPARE(sizeBytes(keys), std::size_t(7));
    }

    void valueSizes_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<int>("size");
        QTest::newRow("S utf-8 bytes") << "{\"S\":\"dåvid\"}" << 6;
        QTest::newRow("S empty") << "{\"S\":\"\"}" << 0;
        QTest::newRow("N 1723213300") << "{\"N\":\"1723213300\"}" << 5;
        QTest::newRow("N 12.5") << "{\"N\":\"12.5\"}" << 3;
        QTest::newRow("N -12.5") << "{\"N\":\"-12.5\"}" << 3;
        QTest::newRow("N 0.001") << "{\"N\":\"0.001\"}" << 2;
        QTest::newRow("N 1E+2") << "{\"N\":\"1E+2\"}" << 2;
        QTest::newRow("N 0") << "{\"N\":\"0\"}" << 2;
        QTest::newRow("N 38 digits") << "{\"N\":\"11111111111111111111111111111111111111\"}" << 20;
        QTest::newRow("N 1.01") << "{\"N\":\"1.01\"}" << 3;
        QTest::newRow("B raw bytes") << "{\"B\":\"AQI=\"}" << 2;
        QTest::newRow("BOOL") << "{\"BOOL\":false}" << 1;
        QTest::newRow("NULL") << "{\"NULL\":true}" << 1;
        QTest::newRow("SS") << "{\"SS\":[\"a\",\"bc\"]}" << 3;
        QTest::newRow("NS") << "{\"NS\":[\"1\",\"123\"]}" << 5;
        QTest::newRow("BS") << "{\"BS\":[\"AQI=\",\"AQID\"]}" << 5;
        QTest::newRow("L") << "{\"L\":[{\"S\":\"ab\"},{\"N\":\"1\"}]}" << 3 + 3 + 3;
        QTest::newRow("L empty") << "{\"L\":[]}" << 3;
        QTest::newRow("M") << "{\"M\":{\"k\":{\"S\":\"ab\"}}}" << 3 + 1 + 1 + 2;
        QTest::newRow("M empty") << "{\"M\":{}}" << 3;
    }
    void valueSizes()
    {
        QFETCH(QString, json);
        QFETCH(int, size);
        QCOMPARE(int(valueSize(parseText(json.toStdString()))), size);
    }
};

QTEST_GUILESS_MAIN(TstAttributeValue)
#include "tst_attribute_value.moc"
