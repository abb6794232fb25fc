// Query and Scan through DynamoDbApi (docs/dynamodb-api.md, "Reads"): key conditions on S and N range
// keys, both directions, pages and their start keys, filters, projections, Select, and DynamoDB's texts
// for what it refuses (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

// moc reads only the class; the helpers and bodies hold raw strings its tokenizer trips over.
#ifndef Q_MOC_RUN
namespace {

/// The shared harness (api_harness.h); refused() here gives the message alone, without the type.
struct ReadsApi : test::ApiHarness
{
    QString refused(std::string_view operation, const std::string &body)
    {
        const auto answer = call(operation, body);
        if (answer.status != 400)
            return QString::fromStdString("answered " + std::to_string(answer.status) + ": " + answer.body);
        const js::Value parsed = js::parseJson(answer.body);
        const auto *message = parsed.asObject()->find("message");
        return QString::fromStdString(message ? message->asString() : answer.body);
    }
};

/// The `r` values of an answer's Items, as texts.
QStringList ranges(const js::Value &answer)
{
    return test::column(answer, "r");
}

using test::json;

long long number(const js::Value &answer, const char *member)
{
    return static_cast<long long>(answer.asObject()->find(member)->asNumber());
}

} // namespace

#endif

class AwsReadsTest : public QObject
{
    Q_OBJECT

  private slots:
    void queriesNumericRangeKeysInNumericOrderBothWays();
    void pagesWithLimitAndStartKeysInEitherDirection();
    void filtersCountAfterTheLimitAndProjectionsShapeItems();
    void refusesWhatDynamoDbRefuses();
    void batchAndTransactionReadsProject();
};

#ifndef Q_MOC_RUN
void AwsReadsTest::queriesNumericRangeKeysInNumericOrderBothWays()
{
    ReadsApi a;
    a.table("num", "N");
    for (const char *r : {"10", "-3", "2.5", "100", "0", "-20"})
        a.ok("PutItem", std::string(R"({"TableName":"num","Item":{"h":{"S":"x"},"r":{"N":")") + r + R"("}}})");
    a.ok("PutItem", R"({"TableName":"num","Item":{"h":{"S":"y"},"r":{"N":"1"}}})");
    a.ok("PutItem", R"({"TableName":"num","Item":{"h":{"S":"xx"},"r":{"N":"1"}}})");
    const std::string x = R"("KeyConditionExpression":"h = :h","ExpressionAttributeValues":{":h":{"S":"x"}})";
    QCOMPARE(ranges(a.ok("Query", R"({"TableName":"num",)" + x + "}")),
             (QStringList{"-20", "-3", "0", "2.5", "10", "100"}));
    QCOMPARE(ranges(a.ok("Query", R"({"TableName":"num","ScanIndexForward":false,)" + x + "}")),
             (QStringList{"100", "10", "2.5", "0", "-3", "-20"}));
    const auto lt = a.ok("Query", R"({"TableName":"num","KeyConditionExpression":"h = :h AND r < :z",)"
                                  R"("ExpressionAttributeValues":{":h":{"S":"x"},":z":{"N":"0"}}})");
    QCOMPARE(ranges(lt), (QStringList{"-20", "-3"}));
    QCOMPARE(number(lt, "ScannedCount"), 2); // the key condition's misses are not read
}

void AwsReadsTest::pagesWithLimitAndStartKeysInEitherDirection()
{
    ReadsApi a;
    a.table("str", "S");
    for (const char *r : {"a", "b", "c", "d", "e"})
        a.ok("PutItem", std::string(R"({"TableName":"str","Item":{"h":{"S":"p"},"r":{"S":")") + r + R"("}}})");
    const std::string p = R"("KeyConditionExpression":"h = :h","ExpressionAttributeValues":{":h":{"S":"p"}})";
    auto page = a.ok("Query", R"({"TableName":"str","Limit":2,"ScanIndexForward":false,)" + p + "}");
    QCOMPARE(ranges(page), (QStringList{"e", "d"}));
    const std::string start = json(*page.asObject()->find("LastEvaluatedKey"));
    QCOMPARE(start, std::string(R"({"h":{"S":"p"},"r":{"S":"d"}})"));
    page = a.ok("Query", R"({"TableName":"str","Limit":2,"ScanIndexForward":false,"ExclusiveStartKey":)" + start + "," +
                             p + "}");
    QCOMPARE(ranges(page), (QStringList{"c", "b"}));
    page = a.ok("Query", R"({"TableName":"str","ExclusiveStartKey":{"h":{"S":"p"},"r":{"S":"b"}},)" + p + "}");
    QCOMPARE(ranges(page), (QStringList{"c", "d", "e"}));
    QVERIFY(!page.asObject()->find("LastEvaluatedKey"));
    const auto prefix =
        a.ok("Query", R"x({"TableName":"str","KeyConditionExpression":"h = :h AND begins_with(r, :b)",)x"
                      R"("ExpressionAttributeValues":{":h":{"S":"p"},":b":{"S":"c"}}})");
    QCOMPARE(ranges(prefix), (QStringList{"c"}));
}

void AwsReadsTest::filtersCountAfterTheLimitAndProjectionsShapeItems()
{
    ReadsApi a;
    a.table("flt", "N");
    for (int i = 0; i < 6; ++i)
        a.ok("PutItem", R"({"TableName":"flt","Item":{"h":{"S":"k"},"r":{"N":")" + std::to_string(i) +
                            R"("},"odd":{"BOOL":)" + (i % 2 ? "true" : "false") +
                            R"(},"m":{"M":{"a":{"N":"1"},"b":{"N":"2"}}}}})");
    const auto odd = a.ok(
        "Query", R"({"TableName":"flt","Limit":4,"KeyConditionExpression":"h = :h","FilterExpression":"odd = :t",)"
                 R"("ProjectionExpression":"r, m.b","ExpressionAttributeValues":{":h":{"S":"k"},":t":{"BOOL":true}}})");
    QCOMPARE(ranges(odd), (QStringList{"1", "3"}));
    QCOMPARE(number(odd, "Count"), 2);
    QCOMPARE(number(odd, "ScannedCount"), 4);
    QCOMPARE(json(odd.asObject()->find("Items")->asArray()->items.front()),
             std::string(R"({"r":{"N":"1"},"m":{"M":{"b":{"N":"2"}}}})"));
    const auto scan = a.ok("Scan", R"({"TableName":"flt","Select":"COUNT","FilterExpression":"r >= :three",)"
                                   R"("ExpressionAttributeValues":{":three":{"N":"3"}}})");
    QCOMPARE(number(scan, "Count"), 3);
    QVERIFY(!scan.asObject()->find("Items"));
    const auto got = a.ok("GetItem", R"({"TableName":"flt","Key":{"h":{"S":"k"},"r":{"N":"2"}},)"
                                     R"("ProjectionExpression":"#m.a","ExpressionAttributeNames":{"#m":"m"}})");
    QCOMPARE(json(*got.asObject()->find("Item")), std::string(R"({"m":{"M":{"a":{"N":"1"}}}})"));
}

void AwsReadsTest::refusesWhatDynamoDbRefuses()
{
    ReadsApi a;
    a.table("err", "S");
    const std::string q =
        R"({"TableName":"err","KeyConditionExpression":"h = :h","ExpressionAttributeValues":{":h":{"S":"p"}},)";
    QCOMPARE(a.refused("Query", q + R"("FilterExpression":"r = :h"})"),
             QString("Filter Expression can only contain non-primary key attributes: Primary key attribute: r"));
    QCOMPARE(a.refused("Query", q + R"("Select":"COUNT","ProjectionExpression":"x"})"),
             QString("Cannot specify the ProjectionExpression when choosing to get only the Count"));
    QCOMPARE(a.refused("Query", q + R"("Select":"ALL_ATTRIBUTES","ProjectionExpression":"x"})"),
             QString("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"));
    QCOMPARE(a.refused("Query", q + R"("Select":"SPECIFIC_ATTRIBUTES"})"),
             QString("Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                     "SPECIFIC_ATTRIBUTES"));
    QCOMPARE(a.refused("Query", q + R"("QueryFilter":{}})"),
             QString("Can not use both expression and non-expression parameters in the same request: "
                     "Non-expression parameters: {QueryFilter} Expression parameters: {KeyConditionExpression}"));
    QCOMPARE(a.refused("Query", R"({"TableName":"err"})"),
             QString("Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
                     "request."));
    QCOMPARE(
        a.refused(
            "Query",
            R"({"TableName":"err","KeyConditionExpression":"h = :h","ExpressionAttributeValues":{":h":{"N":"1"}}})"),
        QString("One or more parameter values were invalid: Condition parameter type does not match "
                "schema type"));
    QCOMPARE(a.refused("Scan", R"({"TableName":"err","FilterExpression":"a = :a"})").left(30),
             QString("Invalid FilterExpression: An e"));
    QCOMPARE(a.refused("Scan", R"({"TableName":"err","FilterExpression":"a = :a","ScanFilter":{}})"),
             QString("Can not use both expression and non-expression parameters in the same request: "
                     "Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}"));
}

void AwsReadsTest::batchAndTransactionReadsProject()
{
    ReadsApi a;
    a.table("bat", "N");
    a.ok("PutItem",
         R"({"TableName":"bat","Item":{"h":{"S":"k"},"r":{"N":"1"},"a":{"S":"x"},"b":{"L":[{"N":"7"},{"N":"8"}]}}})");
    const auto batch =
        a.ok("BatchGetItem", R"({"RequestItems":{"bat":{"Keys":[{"h":{"S":"k"},"r":{"N":"1"}}],)"
                             R"("ProjectionExpression":"#b[1], a","ExpressionAttributeNames":{"#b":"b"}}}})");
    QCOMPARE(json(*batch.asObject()->find("Responses")),
             std::string(R"({"bat":[{"a":{"S":"x"},"b":{"L":[{"N":"8"}]}}]})"));
    const auto transaction =
        a.ok("TransactGetItems", R"({"TransactItems":[{"Get":{"TableName":"bat","Key":{"h":{"S":"k"},"r":{"N":"1"}},)"
                                 R"("ProjectionExpression":"r"}}]})");
    QCOMPARE(json(*transaction.asObject()->find("Responses")), std::string(R"([{"Item":{"r":{"N":"1"}}}])"));
    QCOMPARE(a.refused("BatchGetItem", R"({"RequestItems":{"bat":{"Keys":[{"h":{"S":"k"},"r":{"N":"1"}}],)"
                                       R"("ProjectionExpression":"a","ExpressionAttributeNames":{"#b":"b"}}}})"),
             QString("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"));
}

#endif

QTEST_GUILESS_MAIN(AwsReadsTest)
#include "tst_aws_reads.moc"
