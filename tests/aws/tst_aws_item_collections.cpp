// Item collections of a table with a local secondary index through DynamoDbApi (docs/dynamodb-indexes.md, "Item
// collections"): the running size per partition key value on every write path, the limit (set tiny here) refused
// before anything is written, ReturnItemCollectionMetrics' shapes and validation, and the 4 MB limit of a write
// transaction (docs/dynamodb-api.md, "Transactions"). No sockets.
#ifndef Q_MOC_RUN
#include "api_harness.h"
#include "dynamodb/item_collections.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

#ifndef Q_MOC_RUN
namespace {

using dynamodb::AttributeMap;
using dynamodb::AttributeValue;
using test::json;

const QString kTooLarge = "ItemCollectionSizeLimitExceededException: Collection size exceeded.";

/// Table `col` (h S, r S) with LSI byV (h, v N; ALL), and table `plain` (h S, r S) with a GSI only.
struct CollectionsApi : test::ApiHarness
{
    CollectionsApi()
    {
        ok("CreateTable", createBody("col", true));
        ok("CreateTable", createBody("plain", false));
    }
    static std::string createBody(const std::string &name, bool local)
    {
        std::string body =
            R"({"TableName":")" + name +
            R"(","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)"
            R"({"AttributeName":"h","AttributeType":"S"},{"AttributeName":"r","AttributeType":"S"},)"
            R"({"AttributeName":"v","AttributeType":"N"}],)"
            R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)";
        if (local)
            return body + R"("LocalSecondaryIndexes":[{"IndexName":"byV","KeySchema":[{"AttributeName":"h",)"
                          R"("KeyType":"HASH"},{"AttributeName":"v","KeyType":"RANGE"}],)"
                          R"("Projection":{"ProjectionType":"ALL"}}]})";
        return body + R"("GlobalSecondaryIndexes":[{"IndexName":"byV","KeySchema":[{"AttributeName":"v",)"
                      R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]})";
    }
    std::shared_ptr<Table> table(const std::string &name = "col") { return pipeline.tables().get(name).table; }
    /// The running size of partition `h` of table `name` (-1: the table keeps no collections).
    long long size(const std::string &h, const std::string &name = "col")
    {
        const auto bytes = table(name)->itemCollectionBytes({{"h", AttributeValue::string(h)}});
        return bytes ? static_cast<long long>(*bytes) : -1;
    }
    /// Item (h, r) with `v` (absent: not in the LSI) and a `fill` of `padding` characters, as JSON.
    static std::string item(const std::string &h, const std::string &r, const std::string &v = {},
                            std::size_t padding = 0)
    {
        std::string out = R"({"h":{"S":")" + h + R"("},"r":{"S":")" + r + R"("})";
        if (!v.empty())
            out += R"(,"v":{"N":")" + v + R"("})";
        if (padding)
            out += R"(,"fill":{"S":")" + std::string(padding, 'x') + R"("})";
        return out + "}";
    }
    static std::string put(const std::string &item, const std::string &table = "col", const std::string &extra = {})
    {
        return R"({"TableName":")" + table + R"(","Item":)" + item + extra + "}";
    }
    /// The item (h, r) of table `col` as JSON, "{}" when absent.
    std::string stored(const std::string &h, const std::string &r)
    {
        const auto answer =
            ok("GetItem", R"({"TableName":"col","Key":{"h":{"S":")" + h + R"("},"r":{"S":")" + r + R"("}}})");
        const auto *item = answer.asObject()->find("Item");
        return item ? json(*item) : "{}";
    }
    /// The body of a successful `operation`, as it came over the wire.
    std::string body(std::string_view operation, const std::string &request)
    {
        const auto answer = call(operation, request);
        if (answer.status != 200)
            qFatal("%s: %s", std::string(operation).c_str(), answer.body.c_str());
        return answer.body;
    }
};

/// The bytes an item of table `col` adds to its collection: its size, and with `v` its byV entry (ALL: the item) plus
/// the 100 bytes of an LSI entry.
long long bytesOf(const std::string &h, const std::string &r, const std::string &v = {}, std::size_t padding = 0)
{
    AttributeMap item{{"h", AttributeValue::string(h)}, {"r", AttributeValue::string(r)}};
    if (!v.empty())
        item.emplace_back("v", AttributeValue::number(v));
    if (padding)
        item.emplace_back("fill", AttributeValue::string(std::string(padding, 'x')));
    const auto size = static_cast<long long>(dynamodb::sizeBytes(item));
    return v.empty() ? size : 2 * size + static_cast<long long>(dynamodb::kLsiEntryOverhead);
}

} // namespace
#endif

class AwsItemCollectionsTest : public QObject
{
    Q_OBJECT

  private slots:
    void runningSizeFollowsEveryWrite();
    void ttlDeletesAndDeleteTableLeaveNoCollections();
    void singleWritesOverTheLimitAreRefused();
    void batchWriteIsRefusedWhole();
    void transactionsAreCancelledWhole();
    void partiqlWritesHonourTheLimit();
    void metricsShapes();
    void metricsValidation();
    void sizeEstimateRange();
    void transactionsOverFourMegabytesAreRefused();
};

#ifndef Q_MOC_RUN
void AwsItemCollectionsTest::runningSizeFollowsEveryWrite()
{
    CollectionsApi a;
    QCOMPARE(a.table()->itemCollectionLimit(), std::uint64_t(10) << 30);
    QCOMPARE(a.size("a"), 0LL);
    QCOMPARE(a.size("a", "plain"), -1LL); // a GSI makes no item collections
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "5")));
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5"));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2"))); // not in byV: the item alone
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "2"));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("b", "1", "7", 10)));
    QCOMPARE(a.size("b"), bytesOf("b", "1", "7", 10));
    QCOMPARE(a.table()->itemCollectionCount(), std::size_t(2));

    // UpdateItem: into the LSI and bigger; then out of it again
    a.ok("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"2"}},"UpdateExpression":"SET v = :v, )"
                       R"(fill = :p","ExpressionAttributeValues":{":v":{"N":"3"},":p":{"S":"xxxx"}}})");
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "2", "3", 4));
    a.ok("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"2"}},"UpdateExpression":"REMOVE v"})");
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "2", {}, 4));

    // BatchWriteItem, TransactWriteItems, PartiQL
    a.ok("BatchWriteItem", R"({"RequestItems":{"col":[{"DeleteRequest":{"Key":{"h":{"S":"a"},"r":{"S":"2"}}}},)"
                           R"({"PutRequest":{"Item":)" +
                               CollectionsApi::item("a", "3", "1") + "}}]}}");
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "3", "1"));
    a.ok("TransactWriteItems",
         R"({"TransactItems":[{"Delete":{"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"3"}}}},)"
         R"({"Put":{"TableName":"col","Item":)" +
             CollectionsApi::item("a", "4") + "}}]}");
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "4"));
    a.ok("ExecuteStatement", test::statementBody("INSERT INTO col VALUE {'h': 'a', 'r': '5', 'v': 9}"));
    a.ok("ExecuteStatement", test::statementBody("DELETE FROM col WHERE h = 'a' AND r = '4'"));
    QCOMPARE(a.size("a"), bytesOf("a", "1", "5") + bytesOf("a", "5", "9"));

    // DeleteItem: the collection goes when its last item does
    a.ok("DeleteItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}}})");
    a.ok("DeleteItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"5"}}})");
    QCOMPARE(a.size("a"), 0LL);
    QCOMPARE(a.table()->itemCollectionCount(), std::size_t(1));
}

void AwsItemCollectionsTest::ttlDeletesAndDeleteTableLeaveNoCollections()
{
    CollectionsApi a;
    a.ok("UpdateTimeToLive", R"({"TableName":"col","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"v"}})");
    const std::string now = std::to_string(kDefaultStartTime / 1000);
    const std::string later = std::to_string(kDefaultStartTime / 1000 + 3600);
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", now)));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2", later)));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("b", "1", now)));
    QCOMPARE(a.table()->itemCollectionCount(), std::size_t(2));
    a.pipeline.start();
    a.pipeline.scheduler().runUntil(kDefaultStartTime + 1000); // the first sweep
    QCOMPARE(a.stored("a", "1"), std::string("{}"));
    QCOMPARE(a.size("a"), bytesOf("a", "2", later));
    QCOMPARE(a.size("b"), 0LL);
    QCOMPARE(a.table()->itemCollectionCount(), std::size_t(1)); // b's entry is gone

    // DeleteTable: a table of the same name starts with no collections, the limit of the registry kept
    a.pipeline.tables().setItemCollectionLimit(1000);
    a.ok("DeleteTable", R"({"TableName":"col"})");
    a.ok("CreateTable", CollectionsApi::createBody("col", true));
    QCOMPARE(a.size("a"), 0LL);
    QCOMPARE(a.table()->itemCollectionCount(), std::size_t(0));
    QCOMPARE(a.table()->itemCollectionLimit(), std::uint64_t(1000));
}

void AwsItemCollectionsTest::singleWritesOverTheLimitAreRefused()
{
    CollectionsApi a;
    const long long first = bytesOf("a", "1", "1", 100);
    a.table()->setItemCollectionLimit(static_cast<std::uint64_t>(first + bytesOf("a", "2", {}, 10)));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1", 100)));
    const std::uint64_t trace = a.table()->lastTraceId();

    QCOMPARE(a.refused("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2", {}, 11))), kTooLarge);
    const auto answer = a.call("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2", {}, 11)));
    QCOMPARE(answer.body, std::string(R"({"__type":"com.amazonaws.dynamodb.v20120810#)"
                                      R"(ItemCollectionSizeLimitExceededException","message":"Collection size )"
                                      R"(exceeded."})"));
    QCOMPARE(a.stored("a", "2"), std::string("{}"));
    QCOMPARE(a.table()->lastTraceId(), trace);                                    // no stream record
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2", {}, 10))); // exactly the limit
    QCOMPARE(a.size("a"), static_cast<long long>(a.table()->itemCollectionLimit()));

    // UpdateItem that grows, PartiQL UPDATE that grows: refused, the item as it was
    QCOMPARE(a.refused("UpdateItem",
                       R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"2"}},)"
                       R"("UpdateExpression":"SET more = :m","ExpressionAttributeValues":{":m":{"S":"x"}}})"),
             kTooLarge);
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"new"}}})"), kTooLarge);
    QCOMPARE(a.stored("a", "2"), std::string(CollectionsApi::item("a", "2", {}, 10)));
    // shrinking and equal writes go through at the limit; another partition is not affected
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "2", {}, 10)));
    a.ok("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}},"UpdateExpression":"REMOVE fill"})");
    QCOMPARE(a.size("a"), bytesOf("a", "1", "1") + bytesOf("a", "2", {}, 10));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("b", "1", "1", 100)));
    // a lowered limit refuses growth only; deletes always go through
    a.table()->setItemCollectionLimit(10);
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("b", "1", "1", 50)));
    QCOMPARE(a.refused("PutItem", CollectionsApi::put(CollectionsApi::item("b", "1", "1", 51))), kTooLarge);
    a.ok("DeleteItem", R"({"TableName":"col","Key":{"h":{"S":"b"},"r":{"S":"1"}}})");
    QCOMPARE(a.size("b"), 0LL);
    // a table without an LSI has no limit
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1", 1000), "plain"));
}

void AwsItemCollectionsTest::batchWriteIsRefusedWhole()
{
    CollectionsApi a;
    a.table()->setItemCollectionLimit(static_cast<std::uint64_t>(bytesOf("a", "1", "1", 100)));
    const std::string fits = CollectionsApi::item("a", "1", "1", 100);
    const std::string tooBig = CollectionsApi::item("b", "1", "1", 101);
    QCOMPARE(a.refused("BatchWriteItem", R"({"RequestItems":{"col":[{"PutRequest":{"Item":)" + fits +
                                             R"(}},{"PutRequest":{"Item":)" + tooBig +
                                             R"(}}],"plain":[{"PutRequest":{"Item":)" + fits + "}}]}}"),
             kTooLarge);
    QCOMPARE(a.stored("a", "1"), std::string("{}"));
    QCOMPARE(a.table("plain")->size(), std::size_t(0));
    QCOMPARE(a.table()->lastTraceId(), std::uint64_t(0));

    // two writes of one collection count together: each fits alone, both do not
    a.table()->setItemCollectionLimit(static_cast<std::uint64_t>(bytesOf("a", "1", "1") + bytesOf("a", "2", "1") - 1));
    QCOMPARE(a.refused("BatchWriteItem", R"({"RequestItems":{"col":[{"PutRequest":{"Item":)" +
                                             CollectionsApi::item("a", "1", "1") + R"(}},{"PutRequest":{"Item":)" +
                                             CollectionsApi::item("a", "2", "1") + "}}]}}"),
             kTooLarge);
    QCOMPARE(a.size("a"), 0LL);
    // a delete in the same batch makes room
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1")));
    a.ok("BatchWriteItem", R"({"RequestItems":{"col":[{"DeleteRequest":{"Key":{"h":{"S":"a"},"r":{"S":"1"}}}},)"
                           R"({"PutRequest":{"Item":)" +
                               CollectionsApi::item("a", "2", "1") + "}}]}}");
    QCOMPARE(a.size("a"), bytesOf("a", "2", "1"));
}

void AwsItemCollectionsTest::transactionsAreCancelledWhole()
{
    CollectionsApi a;
    a.table()->setItemCollectionLimit(static_cast<std::uint64_t>(bytesOf("a", "1", "1", 100)));
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("c", "1")));
    const auto answer =
        a.call("TransactWriteItems",
               R"({"TransactItems":[{"Put":{"TableName":"col","Item":)" + CollectionsApi::item("a", "1", "1", 100) +
                   R"(}},{"Delete":{"TableName":"col","Key":{"h":{"S":"c"},"r":{"S":"1"}}}},)"
                   R"({"Put":{"TableName":"col","Item":)" +
                   CollectionsApi::item("b", "1", "1", 101) + R"(}},{"Put":{"TableName":"plain","Item":)" +
                   CollectionsApi::item("a", "1") + "}}]}");
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.body,
             std::string(R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",)"
                         R"("Message":"Transaction cancelled, please refer cancellation reasons for specific reasons )"
                         R"([None, None, ItemCollectionSizeLimitExceeded, None]","CancellationReasons":[)"
                         R"({"Code":"None"},{"Code":"None"},{"Code":"ItemCollectionSizeLimitExceeded",)"
                         R"("Message":"Collection size exceeded."},{"Code":"None"}]})"));
    QCOMPARE(a.stored("a", "1"), std::string("{}"));
    QCOMPARE(a.stored("c", "1"), CollectionsApi::item("c", "1")); // the delete did not run either
    QCOMPARE(a.table("plain")->size(), std::size_t(0));

    // an Update computed in the transaction counts with its new size
    a.ok("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1", 100)));
    const auto update = a.call(
        "TransactWriteItems", R"({"TransactItems":[{"Update":{"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}},)"
                              R"("UpdateExpression":"SET more = :m","ExpressionAttributeValues":{":m":{"S":"x"}}}}]})");
    QVERIFY2(update.body.find("[ItemCollectionSizeLimitExceeded]") != std::string::npos, update.body.c_str());
    QCOMPARE(a.stored("a", "1"), CollectionsApi::item("a", "1", "1", 100));
}

void AwsItemCollectionsTest::partiqlWritesHonourTheLimit()
{
    CollectionsApi a;
    a.table()->setItemCollectionLimit(static_cast<std::uint64_t>(bytesOf("a", "1", "1")));
    QCOMPARE(a.refused("ExecuteStatement", test::statementBody("INSERT INTO col VALUE {'h': 'a', 'r': '1', 'v': 123}")),
             kTooLarge);
    QCOMPARE(a.size("a"), 0LL);
    const auto batch = a.ok("BatchExecuteStatement",
                            R"({"Statements":[{"Statement":"INSERT INTO col VALUE {'h': 'a', 'r': '1', 'v': 1}"},)"
                            R"({"Statement":"INSERT INTO col VALUE {'h': 'a', 'r': '2', 'v': 1}"}]})");
    QCOMPARE(json(batch),
             std::string(R"({"Responses":[{"TableName":"col"},{"Error":{"Code":)"
                         R"("ItemCollectionSizeLimitExceeded","Message":"Collection size exceeded."}}]})"));
    QCOMPARE(a.size("a"), bytesOf("a", "1", "1")); // each statement on its own: the first is written
    const auto transaction =
        a.call("ExecuteTransaction",
               R"({"TransactStatements":[)" + test::statementBody("DELETE FROM col WHERE h = 'a' AND r = '1'") + "," +
                   test::statementBody("INSERT INTO col VALUE {'h': 'a', 'r': '2', 'v': 123}") + "]}");
    QVERIFY2(transaction.body.find("[None, ItemCollectionSizeLimitExceeded]") != std::string::npos,
             transaction.body.c_str());
    QCOMPARE(a.size("a"), bytesOf("a", "1", "1"));
    a.ok("ExecuteTransaction", R"({"TransactStatements":[)" +
                                   test::statementBody("DELETE FROM col WHERE h = 'a' AND r = '1'") + "," +
                                   test::statementBody("INSERT INTO col VALUE {'h': 'a', 'r': '2', 'v': 1}") + "]}");
    QCOMPARE(a.size("a"), bytesOf("a", "2", "1"));
}

void AwsItemCollectionsTest::metricsShapes()
{
    CollectionsApi a;
    const std::string size = R"(,"ReturnItemCollectionMetrics":"SIZE")";
    const std::string metricsA = R"({"ItemCollectionKey":{"h":{"S":"a"}},"SizeEstimateRangeGB":[0.0,1.0]})";
    const std::string metricsB = R"({"ItemCollectionKey":{"h":{"S":"b"}},"SizeEstimateRangeGB":[0.0,1.0]})";
    QCOMPARE(a.body("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1"), "col", size)),
             R"({"ItemCollectionMetrics":)" + metricsA + "}");
    QCOMPARE(a.body("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1"), "col",
                                                   R"(,"ReturnItemCollectionMetrics":"NONE")")),
             std::string("{}"));
    QCOMPARE(a.body("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1", "1"), "plain", size)),
             std::string("{}")); // no LSI: no metrics
    QCOMPARE(a.body("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}},"ReturnValues":)"
                                  R"("UPDATED_NEW","UpdateExpression":"SET v = :v",)"
                                  R"("ExpressionAttributeValues":{":v":{"N":"2"}})" +
                                      size + "}"),
             R"({"Attributes":{"v":{"N":"2"}},"ItemCollectionMetrics":)" + metricsA + "}");
    QCOMPARE(a.body("DeleteItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"9"}},)"
                                  R"("ReturnConsumedCapacity":"TOTAL")" +
                                      size + "}"),
             R"({"ConsumedCapacity":{"TableName":"col","CapacityUnits":1.0,"WriteCapacityUnits":1.0},)"
             R"("ItemCollectionMetrics":)" +
                 metricsA + "}");
    QCOMPARE(a.body("BatchWriteItem", R"({"RequestItems":{"col":[{"PutRequest":{"Item":)" +
                                          CollectionsApi::item("a", "2") + R"(}},{"PutRequest":{"Item":)" +
                                          CollectionsApi::item("b", "1") + R"(}},{"PutRequest":{"Item":)" +
                                          CollectionsApi::item("a", "3") + R"(}}],"plain":[{"PutRequest":{"Item":)" +
                                          CollectionsApi::item("a", "2") + "}}]}" + size + "}"),
             R"({"UnprocessedItems":{},"ItemCollectionMetrics":{"col":[)" + metricsA + "," + metricsB + "]}}");
    QCOMPARE(a.body("TransactWriteItems",
                    R"({"TransactItems":[{"Put":{"TableName":"col","Item":)" + CollectionsApi::item("b", "2") +
                        R"(}},{"ConditionCheck":{"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"2"}},)"
                        R"x("ConditionExpression":"attribute_exists(h)"}}])x" +
                        size + "}"),
             R"({"ItemCollectionMetrics":{"col":[)" + metricsB + "]}}");
    QCOMPARE(a.body("BatchWriteItem",
                    R"({"RequestItems":{"col":[{"PutRequest":{"Item":)" + CollectionsApi::item("a", "2") + "}}]}}"),
             std::string(R"({"UnprocessedItems":{}})"));
}

void AwsItemCollectionsTest::metricsValidation()
{
    CollectionsApi a;
    const QString refusal =
        "ValidationException: 1 validation error detected: Value 'TOTAL' at "
        "'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value "
        "set: [SIZE, NONE]";
    const std::string bad = R"(,"ReturnItemCollectionMetrics":"TOTAL")";
    QCOMPARE(a.refused("PutItem", CollectionsApi::put(CollectionsApi::item("a", "1"), "col", bad)), refusal);
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}})" + bad + "}"), refusal);
    QCOMPARE(a.refused("DeleteItem", R"({"TableName":"col","Key":{"h":{"S":"a"},"r":{"S":"1"}})" + bad + "}"), refusal);
    QCOMPARE(a.refused("BatchWriteItem", R"({"RequestItems":{"col":[{"PutRequest":{"Item":)" +
                                             CollectionsApi::item("a", "1") + "}}]}" + bad + "}"),
             refusal);
    QCOMPARE(a.refused("TransactWriteItems", R"({"TransactItems":[{"Put":{"TableName":"col","Item":)" +
                                                 CollectionsApi::item("a", "1") + "}}]" + bad + "}"),
             refusal);
    QCOMPARE(a.table()->size(), std::size_t(0)); // nothing written
}

void AwsItemCollectionsTest::sizeEstimateRange()
{
    using R = std::pair<double, double>;
    QCOMPARE(dynamodb::sizeEstimateRangeGb(0), R(0, 1));
    QCOMPARE(dynamodb::sizeEstimateRangeGb((1ULL << 30) - 1), R(0, 1));
    QCOMPARE(dynamodb::sizeEstimateRangeGb(1ULL << 30), R(1, 2));
    QCOMPARE(dynamodb::sizeEstimateRangeGb(dynamodb::kDefaultItemCollectionLimit), R(10, 11));
}

void AwsItemCollectionsTest::transactionsOverFourMegabytesAreRefused()
{
    CollectionsApi a;
    const std::size_t big = 390000; // 11 of them: over 4 × 2^20 bytes; 10: under
    const auto puts = [&](int n) {
        std::string out = R"({"TransactItems":[)";
        for (int i = 0; i < n; ++i)
            out += std::string(i ? "," : "") + R"({"Put":{"TableName":"plain","Item":)" +
                   CollectionsApi::item("t" + std::to_string(i), "1", {}, big) + "}}";
        return out + "]}";
    };
    const QString refusal =
        "ValidationException: The aggregate size of the items in the transaction cannot exceed 4 MB";
    QCOMPARE(a.refused("TransactWriteItems", puts(11)), refusal);
    QCOMPARE(a.table("plain")->size(), std::size_t(0));
    a.ok("TransactWriteItems", puts(10));
    QCOMPARE(a.table("plain")->size(), std::size_t(10));

    // ExecuteTransaction: the same limit, items bound as parameters
    std::string statements;
    for (int i = 0; i < 11; ++i)
        statements +=
            std::string(i ? "," : "") +
            test::statementBody("INSERT INTO col VALUE {'h': ?, 'r': '1', 'fill': ?}",
                                R"({"S":"p)" + std::to_string(i) + R"("},{"S":")" + std::string(big, 'x') + R"("})");
    QCOMPARE(a.refused("ExecuteTransaction", R"({"TransactStatements":[)" + statements + "]}"), refusal);
    QCOMPARE(a.table()->size(), std::size_t(0));
}
#endif

QTEST_GUILESS_MAIN(AwsItemCollectionsTest)
#include "tst_aws_item_collections.moc"
