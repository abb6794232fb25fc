// The legacy conditional parameters through DynamoDbApi (docs/dynamodb-legacy-parameters.md): every
// ComparisonOperator in ScanFilter, QueryFilter and Expected, ConditionalOperator, Query's KeyConditions,
// the mixing rules and DynamoDB's texts for what it refuses (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::test;

// moc reads only the class; the helpers and bodies hold raw strings its tokenizer trips over.
#ifndef Q_MOC_RUN
namespace {

/// Four items whose attributes every operator can be tried on; scan order a, b, c, d.
void fillOperatorsTable(ApiHarness &a)
{
    a.table("ops");
    for (const char *item :
         {R"({"h":{"S":"a"},"v":{"N":"5"},"s":{"S":"apple"},"ss":{"SS":["x","y"]},"l":{"L":[{"S":"x"},{"N":"1"}]}})",
          R"({"h":{"S":"b"},"v":{"N":"10"},"s":{"S":"banana"}})", R"({"h":{"S":"c"},"s":{"S":"cherry"}})",
          R"({"h":{"S":"d"},"v":{"S":"5"}})"})
        a.ok("PutItem", std::string(R"({"TableName":"ops","Item":)") + item + "}");
}

std::string scanFilter(const std::string &filter)
{
    return R"({"TableName":"ops","ScanFilter":)" + filter + "}";
}

} // namespace
#endif

class LegacyConditionsTest : public QObject
{
    Q_OBJECT

  private slots:
    void everyComparisonOperatorFilters_data();
    void everyComparisonOperatorFilters();
    void conditionalOperatorJoinsFilters();
    void refusesBadFilterArguments_data();
    void refusesBadFilterArguments();
    void expectedGuardsPutDeleteAndUpdate();
    void refusesMalformedExpected_data();
    void refusesMalformedExpected();
    void keyConditionsSelectThePartitionAndRange();
    void refusesKeyConditionsDynamoDbRefuses_data();
    void refusesKeyConditionsDynamoDbRefuses();
    void queryFilterAppliesAfterTheKeyAndSkipsKeys();
    void mixingRulesAreDynamoDbs();
};

#ifndef Q_MOC_RUN
void LegacyConditionsTest::everyComparisonOperatorFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("matched");
    const auto row = [](const char *name, const char *filter, QStringList matched) {
        QTest::newRow(name) << QString(filter) << matched;
    };
    row("EQ", R"({"v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"5.0"}]}})", {"a"});
    row("EQ list", R"({"l":{"ComparisonOperator":"EQ","AttributeValueList":[{"L":[{"S":"x"},{"N":"1"}]}]}})", {"a"});
    row("NE (absent and other types too)", R"({"v":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"5"}]}})",
        {"b", "c", "d"});
    row("LT", R"({"v":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"10"}]}})", {"a"});
    row("LE", R"({"v":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"10"}]}})", {"a", "b"});
    row("GT", R"({"v":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"5"}]}})", {"b"});
    row("GE", R"({"v":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"5"}]}})", {"a", "b"});
    row("GE on strings", R"({"s":{"ComparisonOperator":"GE","AttributeValueList":[{"S":"b"}]}})", {"b", "c"});
    row("NOT_NULL", R"({"v":{"ComparisonOperator":"NOT_NULL"}})", {"a", "b", "d"});
    row("NULL", R"({"v":{"ComparisonOperator":"NULL"}})", {"c"});
    row("CONTAINS substring", R"({"s":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"an"}]}})", {"b"});
    row("CONTAINS set member", R"({"ss":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"y"}]}})", {"a"});
    row("CONTAINS list element", R"({"l":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"N":"1"}]}})", {"a"});
    row("NOT_CONTAINS (absent too)", R"({"s":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"S":"an"}]}})",
        {"a", "c", "d"});
    row("BEGINS_WITH", R"({"s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"ch"}]}})", {"c"});
    row("IN", R"({"v":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"10"}]}})", {"b"});
    row("BETWEEN", R"({"v":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"4"},{"N":"6"}]}})", {"a"});
    row("BETWEEN strings", R"({"s":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"b"},{"S":"c"}]}})",
        {"b"});
    row("empty filter", "{}", {"a", "b", "c", "d"});
}

void LegacyConditionsTest::everyComparisonOperatorFilters()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, matched);
    ApiHarness a;
    fillOperatorsTable(a);
    const auto answer = a.ok("Scan", scanFilter(filter.toStdString()));
    QCOMPARE(column(answer, "h"), matched);
    QCOMPARE(static_cast<int>(answer.asObject()->find("ScannedCount")->asNumber()), 4);
}

void LegacyConditionsTest::conditionalOperatorJoinsFilters()
{
    ApiHarness a;
    fillOperatorsTable(a);
    const std::string two = R"({"v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"5"}]},)"
                            R"("s":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"ch"}]}})";
    QCOMPARE(column(a.ok("Scan", R"({"TableName":"ops","ConditionalOperator":"OR","ScanFilter":)" + two + "}"), "h"),
             (QStringList{"a", "c"}));
    QCOMPARE(column(a.ok("Scan", R"({"TableName":"ops","ConditionalOperator":"AND","ScanFilter":)" + two + "}"), "h"),
             QStringList());
    QCOMPARE(column(a.ok("Scan", scanFilter(two)), "h"), QStringList()); // AND by default
    QCOMPARE(a.refused("Scan", R"({"TableName":"ops","ConditionalOperator":"AN","ScanFilter":)" + two + "}"),
             QString("ValidationException: 1 validation error detected: Value 'AN' at 'conditionalOperator' failed to "
                     "satisfy constraint: Member must satisfy enum value set: [OR, AND]"));
}

void LegacyConditionsTest::refusesBadFilterArguments_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    const QString invalid = "ValidationException: One or more parameter values were invalid: ";
    const auto count = [&](const char *name, const char *filter, const char *op) {
        QTest::newRow(name) << QString(filter)
                            << invalid + "Invalid number of argument(s) for the " + op + " ComparisonOperator";
    };
    count("EQ none", R"({"a":{"ComparisonOperator":"EQ"}})", "EQ");
    count("EQ two", R"({"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"},{"S":"a"}]}})", "EQ");
    count("NE none", R"({"a":{"ComparisonOperator":"NE","AttributeValueList":[]}})", "NE");
    count("LT none", R"({"a":{"ComparisonOperator":"LT"}})", "LT");
    count("LE two", R"({"a":{"ComparisonOperator":"LE","AttributeValueList":[{"S":"a"},{"S":"b"}]}})", "LE");
    count("GT none", R"({"a":{"ComparisonOperator":"GT"}})", "GT");
    count("GE none", R"({"a":{"ComparisonOperator":"GE"}})", "GE");
    count("NULL one", R"({"a":{"ComparisonOperator":"NULL","AttributeValueList":[{"S":"a"}]}})", "NULL");
    count("NOT_NULL one", R"({"a":{"ComparisonOperator":"NOT_NULL","AttributeValueList":[{"S":"a"}]}})", "NOT_NULL");
    count("CONTAINS none", R"({"a":{"ComparisonOperator":"CONTAINS"}})", "CONTAINS");
    count("NOT_CONTAINS none", R"({"a":{"ComparisonOperator":"NOT_CONTAINS"}})", "NOT_CONTAINS");
    count("BEGINS_WITH none", R"({"a":{"ComparisonOperator":"BEGINS_WITH"}})", "BEGINS_WITH");
    count("IN none", R"({"a":{"ComparisonOperator":"IN"}})", "IN");
    count("BETWEEN one", R"({"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"}]}})", "BETWEEN");
    QTest::newRow("mixed types")
        << QString(R"({"a":{"ComparisonOperator":"IN","AttributeValueList":[{"S":"b"},{"N":"1"}]}})")
        << invalid + "AttributeValues inside AttributeValueList must be of same type";
    const auto type = [&](const char *name, const char *filter, const char *op, const char *typeName) {
        QTest::newRow(name) << QString(filter)
                            << invalid + "ComparisonOperator " + op + " is not valid for " + typeName +
                                   " AttributeValue type";
    };
    type("LT BOOL", R"({"a":{"ComparisonOperator":"LT","AttributeValueList":[{"BOOL":true}]}})", "LT", "BOOL");
    type("GE NULL", R"({"a":{"ComparisonOperator":"GE","AttributeValueList":[{"NULL":true}]}})", "GE", "NULL");
    type("IN SS", R"({"a":{"ComparisonOperator":"IN","AttributeValueList":[{"SS":["a"]}]}})", "IN", "SS");
    type("CONTAINS NS", R"({"a":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"NS":["1"]}]}})", "CONTAINS",
         "NS");
    type("NOT_CONTAINS M", R"({"a":{"ComparisonOperator":"NOT_CONTAINS","AttributeValueList":[{"M":{}}]}})",
         "NOT_CONTAINS", "M");
    type("BEGINS_WITH N", R"({"a":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]}})",
         "BEGINS_WITH", "N");
    type("BETWEEN L", R"({"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"L":[]},{"L":[]}]}})", "BETWEEN",
         "L");
    QTest::newRow("BETWEEN reversed")
        << QString(R"({"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"b"},{"S":"a"}]}})")
        << QString("ValidationException: The BETWEEN condition was provided a range where the lower bound is greater "
                   "than the upper bound");
    QTest::newRow("no operator") << QString(R"({"a":{"AttributeValueList":[{"S":"b"}]}})")
                                 << QString("ValidationException: 1 validation error detected: Value null at "
                                            "'scanFilter.a.member.comparisonOperator' failed to satisfy constraint: "
                                            "Member must not be null");
    QTest::newRow("unknown operator")
        << QString(R"({"b":{"ComparisonOperator":"LIKE"}})")
        << QString("ValidationException: 1 validation error detected: Value 'LIKE' at "
                   "'scanFilter.b.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum "
                   "value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, "
                   "CONTAINS]");
    QTest::newRow("condition not an object")
        << QString(R"({"a":5})") << QString("SerializationException: a must be a JSON object");
}

void LegacyConditionsTest::refusesBadFilterArguments()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    ApiHarness a;
    fillOperatorsTable(a);
    QCOMPARE(a.refused("Scan", scanFilter(filter.toStdString())), message);
}

void LegacyConditionsTest::expectedGuardsPutDeleteAndUpdate()
{
    ApiHarness a;
    a.table("exp");
    const std::string failed = "ConditionalCheckFailedException: The conditional request failed";
    const std::string put = R"({"TableName":"exp","Item":{"h":{"S":"e"},"v":{"N":"1"}},"Expected":)";
    a.ok("PutItem", put + R"({"h":{"Exists":false}}})");
    QCOMPARE(a.refused("PutItem", put + R"({"h":{"Exists":false}}})"), QString::fromStdString(failed));
    a.ok("PutItem", put + R"({"v":{"Value":{"N":"1"}}}})");
    a.ok("PutItem", put + R"({"v":{"Exists":true,"Value":{"N":"1"}}}})");
    QCOMPARE(a.refused("PutItem", put + R"({"v":{"Value":{"N":"2"}}}})"), QString::fromStdString(failed));
    a.ok("PutItem", put + R"({"v":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"0"}]}}})");
    a.ok("PutItem", put + R"({"v":{"ComparisonOperator":"LE","Value":{"N":"1"}}}})");
    // OR: one condition holding is enough; AND needs both.
    const std::string two = R"({"v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"100"}]},)"
                            R"("w":{"ComparisonOperator":"NULL"}})";
    a.ok("PutItem", put + two + R"(,"ConditionalOperator":"OR"})");
    QCOMPARE(a.refused("PutItem", put + two + "}"), QString::fromStdString(failed));
    // With ALL_OLD, the refusal carries the item, as for ConditionExpression.
    const auto answer =
        a.call("PutItem", put + R"({"v":{"Value":{"N":"9"}}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"})");
    QCOMPARE(answer.status, 400);
    QCOMPARE(json(*js::parseJson(answer.body).asObject()->find("Item")),
             std::string(R"({"h":{"S":"e"},"v":{"N":"1"}})"));

    // UpdateItem: Expected with AttributeUpdates, and with no update at all.
    const std::string update = R"({"TableName":"exp","Key":{"h":{"S":"e"}},)";
    QCOMPARE(a.refused("UpdateItem", update + R"("Expected":{"v":{"Value":{"N":"7"}}},)"
                                              R"("AttributeUpdates":{"v":{"Value":{"N":"8"}}}})"),
             QString::fromStdString(failed));
    a.ok("UpdateItem",
         update + R"("Expected":{"v":{"Value":{"N":"1"}}},"AttributeUpdates":{"v":{"Value":{"N":"8"}}}})");
    QCOMPARE(json(a.ok("GetItem", R"({"TableName":"exp","Key":{"h":{"S":"e"}}})")),
             std::string(R"({"Item":{"h":{"S":"e"},"v":{"N":"8"}}})"));

    // DeleteItem.
    const std::string del = R"({"TableName":"exp","Key":{"h":{"S":"e"}},"Expected":)";
    QCOMPARE(a.refused("DeleteItem",
                       del + R"({"v":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"},{"N":"2"}]}}})"),
             QString::fromStdString(failed));
    a.ok("DeleteItem", del + R"({"v":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"8"},{"N":"9"}]}}})");
    QCOMPARE(json(a.ok("GetItem", R"({"TableName":"exp","Key":{"h":{"S":"e"}}})")), std::string("{}"));
}

void LegacyConditionsTest::refusesMalformedExpected_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("message");
    const QString invalid = "ValidationException: One or more parameter values were invalid: ";
    const auto row = [&](const char *name, const char *expected, const char *message) {
        QTest::newRow(name) << QString(expected) << invalid + message;
    };
    row("nothing", R"({"a":{}})", "Value must be provided when Exists is null for Attribute: a");
    row("Exists true alone", R"({"a":{"Exists":true}})", "Value must be provided when Exists is true for Attribute: a");
    row("Exists false with Value", R"({"a":{"Exists":false,"Value":{"S":"a"}}})",
        "Value cannot be used when Exists is false for Attribute: a");
    row("operator alone", R"({"a":{"ComparisonOperator":"LT"}})",
        "Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a");
    row("operator and Exists", R"({"a":{"Exists":true,"ComparisonOperator":"LT"}})",
        "Exists and ComparisonOperator cannot be used together for Attribute: a");
    row("Value and list", R"({"a":{"AttributeValueList":[{"S":"a"}],"Value":{"S":"a"},"ComparisonOperator":"LT"}})",
        "Value and AttributeValueList cannot be used together for Attribute: a");
    row("list alone", R"({"a":{"AttributeValueList":[{"S":"a"}]}})",
        "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
    row("list with Exists", R"({"a":{"Exists":true,"AttributeValueList":[{"S":"a"}]}})",
        "AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
    row("EQ empty list", R"({"a":{"AttributeValueList":[],"ComparisonOperator":"EQ"}})",
        "Invalid number of argument(s) for the EQ ComparisonOperator");
    row("NULL with Value", R"({"a":{"Value":{"S":"a"},"ComparisonOperator":"NULL"}})",
        "Invalid number of argument(s) for the NULL ComparisonOperator");
    row("BETWEEN with Value", R"({"a":{"Value":{"S":"a"},"ComparisonOperator":"BETWEEN"}})",
        "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
    row("IN empty list", R"({"a":{"AttributeValueList":[],"ComparisonOperator":"IN"}})",
        "Invalid number of argument(s) for the IN ComparisonOperator");
    row("BEGINS_WITH a number", R"({"a":{"Value":{"N":"1"},"ComparisonOperator":"BEGINS_WITH"}})",
        "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
    QTest::newRow("unknown operator")
        << QString(R"({"a":{"Value":{"N":"1"},"ComparisonOperator":"ABOUT"}})")
        << QString("ValidationException: 1 validation error detected: Value 'ABOUT' at "
                   "'expected.a.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum "
                   "value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, "
                   "CONTAINS]");
}

void LegacyConditionsTest::refusesMalformedExpected()
{
    QFETCH(QString, expected);
    QFETCH(QString, message);
    ApiHarness a;
    a.table("exp");
    const std::string e = expected.toStdString();
    QCOMPARE(a.refused("PutItem", R"({"TableName":"exp","Item":{"h":{"S":"e"}},"Expected":)" + e + "}"), message);
    QCOMPARE(a.refused("DeleteItem", R"({"TableName":"exp","Key":{"h":{"S":"e"}},"Expected":)" + e + "}"), message);
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"exp","Key":{"h":{"S":"e"}},"Expected":)" + e + "}"), message);
    QCOMPARE(a.ok("Scan", R"({"TableName":"exp"})").asObject()->find("Count")->asNumber(), 0.0);
}

void LegacyConditionsTest::keyConditionsSelectThePartitionAndRange()
{
    ApiHarness a;
    a.table("keys", "N");
    for (const char *r : {"3", "1", "5", "2", "4"})
        a.ok("PutItem", std::string(R"({"TableName":"keys","Item":{"h":{"S":"x"},"r":{"N":")") + r + R"("}}})");
    a.ok("PutItem", R"({"TableName":"keys","Item":{"h":{"S":"y"},"r":{"N":"1"}}})");
    const std::string hash = R"("h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]})";
    const auto query = [&](const std::string &range, const std::string &extra = {}) {
        return column(a.ok("Query", R"({"TableName":"keys",)" + extra + R"("KeyConditions":{)" + hash +
                                        (range.empty() ? "" : "," + range) + "}}"),
                      "r");
    };
    const auto rangeOf = [](const char *op, const char *values) {
        return std::string(R"("r":{"ComparisonOperator":")") + op + R"(","AttributeValueList":[)" + values + "]}";
    };
    QCOMPARE(query(""), (QStringList{"1", "2", "3", "4", "5"}));
    QCOMPARE(query("", R"("ScanIndexForward":false,)"), (QStringList{"5", "4", "3", "2", "1"}));
    QCOMPARE(query(rangeOf("EQ", R"({"N":"3"})")), (QStringList{"3"}));
    QCOMPARE(query(rangeOf("LT", R"({"N":"3"})")), (QStringList{"1", "2"}));
    QCOMPARE(query(rangeOf("LE", R"({"N":"3"})")), (QStringList{"1", "2", "3"}));
    QCOMPARE(query(rangeOf("GT", R"({"N":"3"})")), (QStringList{"4", "5"}));
    QCOMPARE(query(rangeOf("GE", R"({"N":"3"})")), (QStringList{"3", "4", "5"}));
    QCOMPARE(query(rangeOf("BETWEEN", R"({"N":"2"},{"N":"4"})")), (QStringList{"2", "3", "4"}));
    // Pages continue after LastEvaluatedKey as with KeyConditionExpression.
    const auto first = a.ok("Query", R"({"TableName":"keys","Limit":2,"KeyConditions":{)" + hash + "," +
                                         rangeOf("GE", R"({"N":"2"})") + "}}");
    QCOMPARE(column(first, "r"), (QStringList{"2", "3"}));
    const std::string start = json(*first.asObject()->find("LastEvaluatedKey"));
    QCOMPARE(query(rangeOf("GE", R"({"N":"2"})"), R"("ExclusiveStartKey":)" + start + ","), (QStringList{"4", "5"}));

    a.table("keys_s", "S");
    for (const char *r : {"banana", "apricot", "apple"})
        a.ok("PutItem", std::string(R"({"TableName":"keys_s","Item":{"h":{"S":"x"},"r":{"S":")") + r + R"("}}})");
    QCOMPARE(column(a.ok("Query", R"({"TableName":"keys_s","KeyConditions":{)" + hash + "," +
                                      rangeOf("BEGINS_WITH", R"({"S":"ap"})") + "}}"),
                    "r"),
             (QStringList{"apple", "apricot"}));
}

void LegacyConditionsTest::refusesKeyConditionsDynamoDbRefuses_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("conditions");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const char *table, const char *conditions, const char *message) {
        QTest::newRow(name) << QString(table) << QString(conditions) << QString("ValidationException: ") + message;
    };
    row("none", "keys", "{}", "Conditions can be of length 1 or 2 only");
    row("three", "keys",
        R"({"a":{"ComparisonOperator":"NULL"},"b":{"ComparisonOperator":"NULL"},"c":{"ComparisonOperator":"NULL"}})",
        "Conditions can be of length 1 or 2 only");
    row("range only", "keys", R"({"r":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}})",
        "Query condition missed key schema element: h");
    row("non-key beside the hash", "keys",
        R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"z":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}})",
        "Query condition missed key schema element: r");
    row("NE on the hash", "keys", R"({"h":{"ComparisonOperator":"NE","AttributeValueList":[{"S":"x"}]}})",
        "Attempted conditional constraint is not an indexable operation");
    row("IN on the range", "keys",
        R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"r":{"ComparisonOperator":"IN","AttributeValueList":[{"N":"1"}]}})",
        "Attempted conditional constraint is not an indexable operation");
    row("NULL on the range", "keys",
        R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"r":{"ComparisonOperator":"NULL"}})",
        "Attempted conditional constraint is not an indexable operation");
    row("GT on the hash", "keys", R"({"h":{"ComparisonOperator":"GT","AttributeValueList":[{"S":"x"}]}})",
        "Query key condition not supported");
    row("wrong hash type", "keys", R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}})",
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
    row("two on a hash-only table", "hash_only",
        R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"z":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}})",
        "Query key condition not supported");
    row("EQ without values", "keys", R"({"h":{"ComparisonOperator":"EQ"}})",
        "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
    row("BEGINS_WITH a number", "keys",
        R"({"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]},"r":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]}})",
        "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue "
        "type");
    row("no operator", "keys", R"({"h":{"AttributeValueList":[{"S":"x"}]}})",
        "1 validation error detected: Value null at 'keyConditions.h.member.comparisonOperator' failed to satisfy "
        "constraint: Member must not be null");
}

void LegacyConditionsTest::refusesKeyConditionsDynamoDbRefuses()
{
    QFETCH(QString, table);
    QFETCH(QString, conditions);
    QFETCH(QString, message);
    ApiHarness a;
    a.table("keys", "N");
    a.table("hash_only");
    QCOMPARE(a.refused("Query", R"({"TableName":")" + table.toStdString() + R"(","KeyConditions":)" +
                                    conditions.toStdString() + "}"),
             message);
}

void LegacyConditionsTest::queryFilterAppliesAfterTheKeyAndSkipsKeys()
{
    ApiHarness a;
    a.table("qfilter", "N");
    for (int r = 1; r <= 4; ++r)
        a.ok("PutItem", R"({"TableName":"qfilter","Item":{"h":{"S":"x"},"r":{"N":")" + std::to_string(r) +
                            R"("},"odd":{"BOOL":)" + (r % 2 ? "true" : "false") + "}}}");
    const std::string key = R"("KeyConditions":{"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}})";
    const auto answer = a.ok(
        "Query", R"({"TableName":"qfilter",)" + key +
                     R"(,"QueryFilter":{"odd":{"ComparisonOperator":"EQ","AttributeValueList":[{"BOOL":true}]}}})");
    QCOMPARE(column(answer, "r"), (QStringList{"1", "3"}));
    QCOMPARE(answer.asObject()->find("ScannedCount")->asNumber(), 4.0);
    QCOMPARE(
        a.refused("Query", R"({"TableName":"qfilter",)" + key +
                               R"(,"QueryFilter":{"r":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"1"}]}}})"),
        QString("ValidationException: QueryFilter can only contain non-primary key attributes: Primary key "
                "attribute: r"));
    // ConditionalOperator joins the QueryFilter's conditions.
    const auto either = a.ok(
        "Query",
        R"({"TableName":"qfilter",)" + key +
            R"(,"ConditionalOperator":"OR","QueryFilter":{"odd":{"ComparisonOperator":"EQ","AttributeValueList":[{"BOOL":false}]},)"
            R"("missing":{"ComparisonOperator":"NOT_NULL"}}})");
    QCOMPARE(column(either, "r"), (QStringList{"2", "4"}));
}

void LegacyConditionsTest::mixingRulesAreDynamoDbs()
{
    ApiHarness a;
    a.table("mix", "N");
    a.ok("PutItem", R"({"TableName":"mix","Item":{"h":{"S":"x"},"r":{"N":"1"},"v":{"N":"1"}}})");
    a.ok("PutItem", R"({"TableName":"mix","Item":{"h":{"S":"x"},"r":{"N":"2"},"v":{"N":"2"}}})");
    const std::string key = R"("KeyConditions":{"h":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"x"}]}})";
    // KeyConditions may go with FilterExpression (DynamoDB counts it as legacy only beside KeyConditionExpression).
    QCOMPARE(
        column(a.ok("Query", R"({"TableName":"mix",)" + key +
                                 R"(,"FilterExpression":"v > :one","ExpressionAttributeValues":{":one":{"N":"1"}}})"),
               "r"),
        (QStringList{"2"}));
    const QString both = "ValidationException: Can not use both expression and non-expression parameters in the same "
                         "request: Non-expression parameters: {";
    QCOMPARE(
        a.refused("Query", R"({"TableName":"mix",)" + key +
                               R"(,"KeyConditionExpression":"h = :h","ExpressionAttributeValues":{":h":{"S":"x"}}})"),
        both + "KeyConditions} Expression parameters: {KeyConditionExpression}");
    QCOMPARE(a.refused("PutItem",
                       R"({"TableName":"mix","Item":{"h":{"S":"x"},"r":{"N":"3"}},"Expected":{"v":{"Exists":false}},)"
                       R"~("ConditionExpression":"attribute_not_exists(v)"})~"),
             both + "Expected} Expression parameters: {ConditionExpression}");
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"mix","Key":{"h":{"S":"x"},"r":{"N":"1"}},)"
                                     R"("AttributeUpdates":{"v":{"Value":{"N":"5"}}},"UpdateExpression":"SET v = :v",)"
                                     R"("ExpressionAttributeValues":{":v":{"N":"5"}}})"),
             both + "AttributeUpdates} Expression parameters: {UpdateExpression}");
    // Placeholder maps without the expressions that would use them.
    QCOMPARE(a.refused("Scan", R"({"TableName":"mix","ScanFilter":{"v":{"ComparisonOperator":"NOT_NULL"}},)"
                               R"("ExpressionAttributeValues":{":v":{"N":"1"}}})"),
             QString("ValidationException: ExpressionAttributeValues can only be specified when using expressions: "
                     "FilterExpression is null"));
    QCOMPARE(a.refused("Query", R"({"TableName":"mix",)" + key + R"(,"ExpressionAttributeValues":{":v":{"N":"1"}}})"),
             QString("ValidationException: ExpressionAttributeValues can only be specified when using expressions: "
                     "FilterExpression and KeyConditionExpression are null"));
    QCOMPARE(a.refused("UpdateItem",
                       R"({"TableName":"mix","Key":{"h":{"S":"x"},"r":{"N":"1"}},)"
                       R"("AttributeUpdates":{"v":{"Value":{"N":"5"}}},"ExpressionAttributeValues":{":v":{"N":"5"}}})"),
             QString("ValidationException: ExpressionAttributeValues can only be specified when using expressions: "
                     "UpdateExpression and ConditionExpression are null"));
    QCOMPARE(a.refused("GetItem", R"({"TableName":"mix","Key":{"h":{"S":"x"},"r":{"N":"1"}},"AttributesToGet":["v"],)"
                                  R"("ExpressionAttributeNames":{"#v":"v"}})"),
             QString("ValidationException: ExpressionAttributeNames can only be specified when using expressions"));
}

#endif

QTEST_GUILESS_MAIN(LegacyConditionsTest)
#include "tst_aws_legacy_conditions.moc"
