// Query and Scan with IndexName through DynamoDbApi (docs/dynamodb-indexes.md, "Reads"): order, pages whose
// keys carry the table's and the index's key attributes, Select and projections on a GSI (refused) and an
// LSI (read from the table), ConsistentRead, segments, and writes of every kind keeping the indexes in step.
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;

#ifndef Q_MOC_RUN
namespace {

/// Table tbl: h (S) + r (N); GSI byCity: city (S) + score (N), INCLUDE note; GSI cityKeys: city, KEYS_ONLY;
/// LSI byScore: h + score, KEYS_ONLY.
void indexedTable(test::ApiHarness &a)
{
    a.ok("CreateTable",
         R"({"TableName":"tbl","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)"
         R"({"AttributeName":"h","AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"},)"
         R"({"AttributeName":"city","AttributeType":"S"},{"AttributeName":"score","AttributeType":"N"}],)"
         R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)"
         R"("GlobalSecondaryIndexes":[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},)"
         R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE",)"
         R"("NonKeyAttributes":["note"]}},{"IndexName":"cityKeys","KeySchema":[{"AttributeName":"city",)"
         R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],)"
         R"("LocalSecondaryIndexes":[{"IndexName":"byScore","KeySchema":[{"AttributeName":"h","KeyType":"HASH"},)"
         R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
}

void put(test::ApiHarness &a, const std::string &h, const std::string &r, const std::string &city,
         const std::string &score)
{
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":")" + h + R"("},"r":{"N":")" + r + R"("},"city":{"S":")" +
                        city + R"("},"score":{"N":")" + score + R"("},"note":{"S":"n"},"secret":{"S":"s"}}})");
}

std::string cityQuery(const std::string &index, const std::string &extra = {})
{
    return R"({"TableName":"tbl","IndexName":")" + index +
           R"(","KeyConditionExpression":"city = :c","ExpressionAttributeValues":{":c":{"S":"Oslo"}})" + extra + "}";
}

/// "h/r" of each item of an answer.
QStringList keys(const js::Value &answer)
{
    QStringList out;
    const auto h = test::column(answer, "h"), r = test::column(answer, "r");
    for (int i = 0; i < h.size(); ++i)
        out << h[i] + "/" + r[i];
    return out;
}

} // namespace
#endif

class AwsIndexReadsTest : public QObject
{
    Q_OBJECT

  private slots:
    void queriesAGlobalIndexInIndexOrderWithPages();
    void selectsWhatAGlobalIndexProjectsAndRefusesTheRest();
    void readsALocalIndexAndFetchesWhatItDoesNotProject();
    void scansAnIndexInSegments();
    void writesOfEveryKindKeepIndexesInStep();
};

#ifndef Q_MOC_RUN
void AwsIndexReadsTest::queriesAGlobalIndexInIndexOrderWithPages()
{
    test::ApiHarness a;
    indexedTable(a);
    put(a, "a", "1", "Oslo", "30");
    put(a, "b", "1", "Oslo", "4");
    put(a, "c", "2", "Oslo", "4");
    put(a, "c", "1", "Oslo", "4");
    put(a, "d", "1", "Bergen", "1");
    QCOMPARE(keys(a.ok("Query", cityQuery("byCity"))), (QStringList{"b/1", "c/1", "c/2", "a/1"}));
    QCOMPARE(keys(a.ok("Query", cityQuery("byCity", R"(,"ScanIndexForward":false)"))),
             (QStringList{"a/1", "c/2", "c/1", "b/1"}));
    const auto first = a.ok("Query", cityQuery("byCity", R"(,"Limit":2)"));
    QCOMPARE(keys(first), (QStringList{"b/1", "c/1"}));
    const std::string last = test::json(*first.asObject()->find("LastEvaluatedKey"));
    QCOMPARE(QString::fromStdString(last),
             QString(R"({"h":{"S":"c"},"r":{"N":"1"},"city":{"S":"Oslo"},"score":{"N":"4"}})"));
    const auto second = a.ok("Query", cityQuery("byCity", R"(,"Limit":2,"ExclusiveStartKey":)" + last));
    QCOMPARE(keys(second), (QStringList{"c/2", "a/1"}));
    QVERIFY(!second.asObject()->find("LastEvaluatedKey"));
    const auto range = a.ok("Query", R"({"TableName":"tbl","IndexName":"byCity","KeyConditionExpression":)"
                                     R"("city = :c AND score > :s","ExpressionAttributeValues":)"
                                     R"({":c":{"S":"Oslo"},":s":{"N":"5"}}})");
    QCOMPARE(keys(range), QStringList{"a/1"});
    QCOMPARE(a.refused("Query", cityQuery("byCity", R"(,"ExclusiveStartKey":{"h":{"S":"c"},"r":{"N":"1"}})")),
             QString("ValidationException: The provided starting key is invalid: The provided key element does not "
                     "match the schema"));
    QCOMPARE(a.refused("Query", cityQuery("nope")),
             QString("ValidationException: The table does not have the specified index: nope"));
    QCOMPARE(a.refused("Query", cityQuery("byCity", R"(,"ConsistentRead":true)")),
             QString("ValidationException: Consistent reads are not supported on global secondary indexes"));
    QCOMPARE(a.refused("Query", R"({"TableName":"tbl","IndexName":"byCity","KeyConditionExpression":"h = :c",)"
                                R"("ExpressionAttributeValues":{":c":{"S":"a"}}})"),
             QString("ValidationException: Query condition missed key schema element: city"));
}

void AwsIndexReadsTest::selectsWhatAGlobalIndexProjectsAndRefusesTheRest()
{
    test::ApiHarness a;
    indexedTable(a);
    put(a, "a", "1", "Oslo", "30");
    const auto projected = a.ok("Query", cityQuery("byCity"));
    QCOMPARE(QString::fromStdString(test::json(projected.asObject()->find("Items")->asArray()->items.at(0))),
             QString(R"({"h":{"S":"a"},"r":{"N":"1"},"city":{"S":"Oslo"},"score":{"N":"30"},"note":{"S":"n"}})"));
    const auto explicitly = a.ok("Query", cityQuery("cityKeys", R"(,"Select":"ALL_PROJECTED_ATTRIBUTES")"));
    QCOMPARE(QString::fromStdString(test::json(explicitly.asObject()->find("Items")->asArray()->items.at(0))),
             QString(R"({"h":{"S":"a"},"r":{"N":"1"},"city":{"S":"Oslo"}})"));
    const auto note = a.ok("Query", cityQuery("byCity", R"(,"ProjectionExpression":"note")"));
    QCOMPARE(test::column(note, "note"), QStringList{"n"});
    QCOMPARE(a.refused("Query", cityQuery("byCity", R"(,"Select":"ALL_ATTRIBUTES")")),
             QString("ValidationException: One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                     "not supported for global secondary index byCity because its projection type is not ALL"));
    QCOMPARE(a.refused("Query", cityQuery("byCity", R"(,"ProjectionExpression":"note, secret")")),
             QString("ValidationException: One or more parameter values were invalid: Global secondary index byCity "
                     "does not project [secret]"));
    QCOMPARE(a.refused("Query", cityQuery("byCity", R"(,"FilterExpression":"city = :c")")),
             QString("ValidationException: Filter Expression can only contain non-primary key attributes: Primary "
                     "key attribute: city"));
    QCOMPARE(a.refused("Query", R"({"TableName":"tbl","KeyConditionExpression":"h = :h","Select":)"
                                R"("ALL_PROJECTED_ATTRIBUTES","ExpressionAttributeValues":{":h":{"S":"a"}}})"),
             QString("ValidationException: ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an "
                     "IndexName"));
}

void AwsIndexReadsTest::readsALocalIndexAndFetchesWhatItDoesNotProject()
{
    test::ApiHarness a;
    indexedTable(a);
    put(a, "a", "1", "Oslo", "30");
    put(a, "a", "2", "Oslo", "10");
    put(a, "b", "1", "Oslo", "20");
    const std::string local = R"({"TableName":"tbl","IndexName":"byScore","KeyConditionExpression":"h = :h",)"
                              R"("ExpressionAttributeValues":{":h":{"S":"a"}})";
    const auto projected = a.ok("Query", local + "}");
    QCOMPARE(keys(projected), (QStringList{"a/2", "a/1"}));
    QCOMPARE(test::column(projected, "secret"), (QStringList{"-", "-"}));
    const auto all = a.ok("Query", local + R"(,"Select":"ALL_ATTRIBUTES","ConsistentRead":true})");
    QCOMPARE(test::column(all, "secret"), (QStringList{"s", "s"}));
    const auto some = a.ok("Query", local + R"(,"ProjectionExpression":"secret, score"})");
    QCOMPARE(QString::fromStdString(test::json(some.asObject()->find("Items")->asArray()->items.at(0))),
             QString(R"({"score":{"N":"10"},"secret":{"S":"s"}})"));
    const auto filtered = a.ok("Query", local + R"(,"FilterExpression":"note = :n","ExpressionAttributeValues":)"
                                                R"({":h":{"S":"a"},":n":{"S":"n"}}})");
    QCOMPARE(keys(filtered), (QStringList{"a/2", "a/1"})); // note is read from the table
}

void AwsIndexReadsTest::scansAnIndexInSegments()
{
    test::ApiHarness a;
    indexedTable(a);
    for (int i = 0; i < 20; ++i)
        put(a, "h" + std::to_string(i), "1", "c" + std::to_string(i % 7), std::to_string(i));
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"x"},"r":{"N":"1"}}})"); // in no index
    const auto whole = a.ok("Scan", R"({"TableName":"tbl","IndexName":"byCity"})");
    QCOMPARE(whole.asObject()->find("Count")->asNumber(), 20.0);
    QStringList seen;
    for (int segment = 0; segment < 3; ++segment) {
        std::string start;
        for (;;) {
            const auto page = a.ok("Scan", R"({"TableName":"tbl","IndexName":"cityKeys","Limit":3,"TotalSegments":3,)"
                                           R"("Segment":)" +
                                               std::to_string(segment) + start + "}");
            seen << test::column(page, "h");
            const auto *last = page.asObject()->find("LastEvaluatedKey");
            if (!last)
                break;
            start = R"(,"ExclusiveStartKey":)" + test::json(*last);
        }
    }
    seen.sort();
    QCOMPARE(seen.size(), 20);
    seen.removeDuplicates();
    QCOMPARE(seen.size(), 20);
    QCOMPARE(a.refused("Scan", R"({"TableName":"tbl","IndexName":"byCity","Select":"ALL_ATTRIBUTES"})"),
             QString("ValidationException: One or more parameter values were invalid: Select type ALL_ATTRIBUTES is "
                     "not supported for global secondary index byCity because its projection type is not ALL"));
}

void AwsIndexReadsTest::writesOfEveryKindKeepIndexesInStep()
{
    test::ApiHarness a;
    indexedTable(a);
    put(a, "a", "1", "Oslo", "1");
    a.ok("UpdateItem", R"({"TableName":"tbl","Key":{"h":{"S":"a"},"r":{"N":"1"}},"UpdateExpression":"SET city = :c",)"
                       R"("ExpressionAttributeValues":{":c":{"S":"Bergen"}}})");
    QCOMPARE(keys(a.ok("Query", cityQuery("byCity"))), QStringList{});
    a.ok("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"tbl","Item":{"h":{"S":"b"},"r":{"N":"1"},)"
                               R"("city":{"S":"Oslo"},"score":{"N":"2"}}}},{"Delete":{"TableName":"tbl","Key":)"
                               R"({"h":{"S":"a"},"r":{"N":"1"}}}}]})");
    a.ok("BatchWriteItem", R"({"RequestItems":{"tbl":[{"PutRequest":{"Item":{"h":{"S":"c"},"r":{"N":"1"},)"
                           R"("city":{"S":"Oslo"},"score":{"N":"3"}}}}]}})");
    QCOMPARE(keys(a.ok("Query", cityQuery("byCity"))), (QStringList{"b/1", "c/1"}));
    const QString mismatch = "One or more parameter values were invalid: Type mismatch for Index Key city Expected: S "
                             "Actual: N IndexName: byCity";
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"tbl","Key":{"h":{"S":"b"},"r":{"N":"1"}},"UpdateExpression":)"
                                     R"("SET city = :s","ExpressionAttributeValues":{":s":{"N":"1"}}})"),
             "ValidationException: " + mismatch);
    QCOMPARE(a.refused("BatchWriteItem",
                       R"({"RequestItems":{"tbl":[{"PutRequest":{"Item":{"h":{"S":"d"},"r":{"N":"1"},)"
                       R"("city":{"N":"1"}}}}]}})"),
             "ValidationException: " + mismatch);
    QCOMPARE(a.refused("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"tbl","Item":{"h":{"S":"d"},)"
                                             R"("r":{"N":"1"},"city":{"N":"1"}}}}]})"),
             "ValidationException: " + mismatch);
    const auto cancelled =
        a.refused("TransactWriteItems",
                  R"({"TransactItems":[{"Update":{"TableName":"tbl","Key":{"h":{"S":"b"},"r":{"N":"1"}},)"
                  R"("UpdateExpression":"SET score = :s","ExpressionAttributeValues":{":s":{"S":"x"}}}}]})");
    QVERIFY2(cancelled.startsWith("TransactionCanceledException:"), qPrintable(cancelled));
    QCOMPARE(keys(a.ok("Query", cityQuery("byCity"))), (QStringList{"b/1", "c/1"})); // the refusals changed nothing
}
#endif

QTEST_GUILESS_MAIN(AwsIndexReadsTest)
#include "tst_aws_index_reads.moc"
