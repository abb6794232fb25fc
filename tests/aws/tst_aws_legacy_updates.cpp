// UpdateItem's legacy AttributeUpdates (PUT, ADD, DELETE) and AttributesToGet on every read that takes it,
// through DynamoDbApi (docs/dynamodb-legacy-parameters.md; no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::test;

#ifndef Q_MOC_RUN
namespace {

std::string update(const std::string &updates, const std::string &extra = {})
{
    return R"({"TableName":"upd","Key":{"h":{"S":"k"}},"AttributeUpdates":)" + updates + extra + "}";
}

std::string stored(ApiHarness &a)
{
    return json(*a.ok("GetItem", R"({"TableName":"upd","Key":{"h":{"S":"k"}}})").asObject()->find("Item"));
}

} // namespace
#endif

class LegacyUpdatesTest : public QObject
{
    Q_OBJECT

  private slots:
    void createsAnAbsentItemWithEveryAction();
    void changesAStoredItem();
    void typeMismatchesChangeNothing();
    void refusesMalformedUpdates_data();
    void refusesMalformedUpdates();
    void attributesToGetSelectsOnEveryRead();
};

#ifndef Q_MOC_RUN
void LegacyUpdatesTest::createsAnAbsentItemWithEveryAction()
{
    ApiHarness a;
    a.table("upd");
    // DynamoDB's own answer to this request (dynalite's test suite, recorded against DynamoDB).
    const auto answer = a.ok(
        "UpdateItem", update(R"({"b":{"Action":"DELETE"},"c":{"Action":"DELETE","Value":{"SS":["a","b"]}},)"
                             R"("d":{"Action":"ADD","Value":{"N":"5"}},"e":{"Action":"ADD","Value":{"SS":["a","b"]}},)"
                             R"("f":{"Action":"ADD","Value":{"L":[{"S":"a"},{"N":"1"}]}}})",
                             R"(,"ReturnValues":"UPDATED_NEW")"));
    QCOMPARE(json(answer),
             std::string(R"({"Attributes":{"d":{"N":"5"},"e":{"SS":["a","b"]},"f":{"L":[{"S":"a"},{"N":"1"}]}}})"));
    QCOMPARE(stored(a),
             std::string(R"({"h":{"S":"k"},"d":{"N":"5"},"e":{"SS":["a","b"]},"f":{"L":[{"S":"a"},{"N":"1"}]}})"));
}

void LegacyUpdatesTest::changesAStoredItem()
{
    ApiHarness a;
    a.table("upd");
    a.ok(
        "PutItem",
        R"({"TableName":"upd","Item":{"h":{"S":"k"},"d":{"N":"5"},"e":{"SS":["a","b"]},"f":{"L":[{"S":"a"}]},"g":{"S":"old"}}})");
    const auto answer =
        a.ok("UpdateItem",
             update(R"({"d":{"Action":"ADD","Value":{"N":"-2.5"}},"e":{"Action":"ADD","Value":{"SS":["b","c"]}},)"
                    R"("f":{"Action":"ADD","Value":{"L":[{"S":"z"}]}},"g":{"Value":{"S":"new"}},)"
                    R"("n":{"Action":"PUT","Value":{"NULL":true}}})",
                    R"(,"ReturnValues":"UPDATED_OLD")"));
    QCOMPARE(
        json(answer),
        std::string(R"({"Attributes":{"d":{"N":"5"},"e":{"SS":["a","b"]},"f":{"L":[{"S":"a"}]},"g":{"S":"old"}}})"));
    QCOMPARE(stored(a),
             std::string(R"({"h":{"S":"k"},"d":{"N":"2.5"},"e":{"SS":["a","b","c"]},"f":{"L":[{"S":"a"},{"S":"z"}]},)"
                         R"("g":{"S":"new"},"n":{"NULL":true}})"));
    // DELETE of set elements (the set removed once empty) and of whole attributes, absent ones ignored.
    a.ok("UpdateItem",
         update(
             R"({"e":{"Action":"DELETE","Value":{"SS":["a","x"]}},"d":{"Action":"DELETE"},"zz":{"Action":"DELETE"}})"));
    QCOMPARE(
        stored(a),
        std::string(
            R"({"h":{"S":"k"},"e":{"SS":["b","c"]},"f":{"L":[{"S":"a"},{"S":"z"}]},"g":{"S":"new"},"n":{"NULL":true}})"));
    a.ok("UpdateItem", update(R"({"e":{"Action":"DELETE","Value":{"SS":["b","c"]}}})", R"(,"ReturnValues":"ALL_NEW")"));
    QCOMPARE(stored(a),
             std::string(R"({"h":{"S":"k"},"f":{"L":[{"S":"a"},{"S":"z"}]},"g":{"S":"new"},"n":{"NULL":true}})"));
}

void LegacyUpdatesTest::typeMismatchesChangeNothing()
{
    ApiHarness a;
    a.table("upd");
    a.ok("PutItem", R"({"TableName":"upd","Item":{"h":{"S":"k"},"b":{"SS":["1"]},"c":{"N":"1"},"s":{"S":"x"}}})");
    const std::string before = stored(a);
    for (const char *updates :
         {R"({"b":{"Action":"DELETE","Value":{"NS":["1"]}}})", R"({"c":{"Action":"DELETE","Value":{"NS":["1"]}}})",
          R"({"b":{"Action":"ADD","Value":{"NS":["1"]}}})", R"({"b":{"Action":"ADD","Value":{"N":"1"}}})",
          R"({"s":{"Action":"ADD","Value":{"L":[{"N":"1"}]}}})"}) {
        QCOMPARE(a.refused("UpdateItem", update(std::string(R"({"z":{"Value":{"N":"9"}},)") + (updates + 1))),
                 QString("ValidationException: Type mismatch for attribute to update"));
    }
    QCOMPARE(stored(a), before);
}

void LegacyUpdatesTest::refusesMalformedUpdates_data()
{
    QTest::addColumn<QString>("updates");
    QTest::addColumn<QString>("message");
    const QString invalid = "ValidationException: One or more parameter values were invalid: ";
    QTest::newRow("PUT without a value") << QString(R"({"a":{"Action":"PUT"}})")
                                         << invalid +
                                                "Only DELETE action is allowed when no attribute value is specified";
    QTest::newRow("no action, no value") << QString(R"({"a":{}})")
                                         << invalid +
                                                "Only DELETE action is allowed when no attribute value is specified";
    QTest::newRow("ADD without a value") << QString(R"({"a":{"Action":"ADD"}})")
                                         << invalid +
                                                "Only DELETE action is allowed when no attribute value is specified";
    for (const char *type : {R"({"S":"1"})", R"({"N":"1"})", R"({"B":"Yg=="})", R"({"NULL":true})", R"({"BOOL":true})",
                             R"({"M":{}})", R"({"L":[]})"}) {
        const QString name = QString(type).mid(2).section('"', 0, 0);
        QTest::newRow(qPrintable("DELETE " + name))
            << QString(R"({"a":{"Action":"DELETE","Value":)") + type + "}}"
            << invalid + "DELETE action with value is not supported for the type " + name;
    }
    for (const char *type :
         {R"({"S":"1"})", R"({"B":"Yg=="})", R"({"NULL":true})", R"({"BOOL":true})", R"({"M":{}})"}) {
        const QString name = QString(type).mid(2).section('"', 0, 0);
        QTest::newRow(qPrintable("ADD " + name)) << QString(R"({"a":{"Action":"ADD","Value":)") + type + "}}"
                                                 << invalid + "ADD action is not supported for the type " + name;
    }
    QTest::newRow("unknown action")
        << QString(R"({"a":{"Action":"SET","Value":{"S":"x"}}})")
        << QString(
               "ValidationException: 1 validation error detected: Value 'SET' at 'attributeUpdates.a.member.action' "
               "failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]");
    QTest::newRow("a key attribute") << QString(R"({"h":{"Value":{"S":"other"}}})")
                                     << invalid + "Cannot update attribute h. This attribute is part of the key";
    QTest::newRow("bad number") << QString(R"({"a":{"Action":"ADD","Value":{"N":"x"}}})")
                                << QString(
                                       "ValidationException: The parameter cannot be converted to a numeric value: x");
}

void LegacyUpdatesTest::refusesMalformedUpdates()
{
    QFETCH(QString, updates);
    QFETCH(QString, message);
    ApiHarness a;
    a.table("upd");
    QCOMPARE(a.refused("UpdateItem", update(updates.toStdString())), message);
    QCOMPARE(json(a.ok("GetItem", R"({"TableName":"upd","Key":{"h":{"S":"k"}}})")), std::string("{}"));
}

void LegacyUpdatesTest::attributesToGetSelectsOnEveryRead()
{
    ApiHarness a;
    a.table("get", "N");
    a.ok("PutItem",
         R"({"TableName":"get","Item":{"h":{"S":"x"},"r":{"N":"1"},"a":{"S":"A"},"b":{"S":"B"},"c":{"S":"C"}}})");
    const std::string key = R"({"h":{"S":"x"},"r":{"N":"1"}})";
    const std::string get = R"("AttributesToGet":["b","r","missing"])"; // kept in the item's order
    QCOMPARE(json(*a.ok("GetItem", R"({"TableName":"get","Key":)" + key + "," + get + "}").asObject()->find("Item")),
             std::string(R"({"r":{"N":"1"},"b":{"S":"B"}})"));
    const auto items = [](const js::Value &answer) { return json(*answer.asObject()->find("Items")); };
    const std::string selected = R"([{"r":{"N":"1"},"b":{"S":"B"}}])";
    QCOMPARE(items(a.ok("Scan", R"({"TableName":"get",)" + get + "}")), selected);
    QCOMPARE(
        items(a.ok(
            "Query",
            R"({"TableName":"get",)" + get +
                R"(,"Select":"SPECIFIC_ATTRIBUTES","KeyConditions":{"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}}})")),
        selected);
    const auto batch = a.ok("BatchGetItem", R"({"RequestItems":{"get":{"Keys":[)" + key + "]," + get + "}}}");
    QCOMPARE(json(*batch.asObject()->find("Responses")), R"({"get":)" + selected + "}");
    QCOMPARE(a.refused("Scan", R"({"TableName":"get","Select":"ALL_ATTRIBUTES",)" + get + "}"),
             QString("ValidationException: Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"));
    QCOMPARE(a.refused("GetItem", R"({"TableName":"get","Key":)" + key + R"(,"AttributesToGet":["a","a"]})"),
             QString("ValidationException: One or more parameter values were invalid: Duplicate value in attribute "
                     "name: a"));
}

#endif

QTEST_GUILESS_MAIN(LegacyUpdatesTest)
#include "tst_aws_legacy_updates.moc"
