// ReturnConsumedCapacity through DynamoDbApi (docs/dynamodb-api.md, "Capacity"; docs/dynamodb-indexes.md,
// "Capacity"): INDEXES breaks the units down into the table's and each index's for every operation that answers
// ConsumedCapacity, TOTAL is their sum, and a bad value is refused before anything is written (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

#ifndef Q_MOC_RUN
namespace {

using test::json;

/// A table `cap` (h S, r N) with GSI byCity (city; INCLUDE note) and LSI byScore (h, score; KEYS_ONLY).
struct CapacityApi : test::ApiHarness
{
    CapacityApi()
    {
        ok("CreateTable",
           R"({"TableName":"cap","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)"
           R"({"AttributeName":"h","AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"},)"
           R"({"AttributeName":"city","AttributeType":"S"},{"AttributeName":"score","AttributeType":"N"}],)"
           R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)"
           R"("GlobalSecondaryIndexes":[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city","KeyType":"HASH"}],)"
           R"("Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]}}],)"
           R"("LocalSecondaryIndexes":[{"IndexName":"byScore","KeySchema":[{"AttributeName":"h","KeyType":"HASH"},)"
           R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})");
    }
    /// The ConsumedCapacity member of a successful `operation`, as JSON.
    std::string capacity(std::string_view operation, const std::string &body)
    {
        const auto answer = ok(operation, body);
        const auto *found = answer.asObject()->find("ConsumedCapacity");
        return found ? json(*found) : "none";
    }
    /// A PutItem of item (h a, r `r`) of about 1.5 KB, in byCity (Oslo) and byScore.
    std::string putBig(int r, const std::string &mode)
    {
        return capacity("PutItem", R"({"TableName":"cap","ReturnConsumedCapacity":")" + mode +
                                       R"(","Item":{"h":{"S":"a"},"r":{"N":")" + std::to_string(r) +
                                       R"("},"city":{"S":"Oslo"},"score":{"N":"5"},"note":{"S":"n"},"pad":{"S":")" +
                                       std::string(1500, 'x') + "\"}}}");
    }
    std::string update(const std::string &expression, const std::string &values = {})
    {
        std::string body = R"({"TableName":"cap","Key":{"h":{"S":"a"},"r":{"N":"1"}},"ReturnConsumedCapacity":)"
                           R"("INDEXES","UpdateExpression":)" +
                           aws::quoted(expression);
        if (!values.empty())
            body += ",\"ExpressionAttributeValues\":" + values;
        return capacity("UpdateItem", body + "}");
    }
};

/// ConsumedCapacity's JSON for table `cap` with INDEXES: `total`, the table's `table`, then `indexes` (the members
/// after Table, e.g. `"GlobalSecondaryIndexes":{...}`), write or read units.
std::string expected(const std::string &total, const std::string &table, const std::string &indexes, bool write = true)
{
    const std::string kind = write ? "WriteCapacityUnits" : "ReadCapacityUnits";
    std::string out = R"({"TableName":"cap","CapacityUnits":)" + total + ",\"" + kind + "\":" + total +
                      R"(,"Table":{"CapacityUnits":)" + table + ",\"" + kind + "\":" + table + "}";
    if (!indexes.empty())
        out += "," + indexes;
    return out + "}";
}

std::string units(const char *index, const std::string &n, bool write = true)
{
    return std::string("\"") + index + R"(":{"CapacityUnits":)" + n +
           (write ? ",\"WriteCapacityUnits\":" : ",\"ReadCapacityUnits\":") + n + "}";
}

std::string gsi(const std::string &n, bool write = true)
{
    return "\"GlobalSecondaryIndexes\":{" + units("byCity", n, write) + "}";
}

std::string lsi(const std::string &n, bool write = true)
{
    return "\"LocalSecondaryIndexes\":{" + units("byScore", n, write) + "}";
}

} // namespace
#endif

class AwsCapacityTest : public QObject
{
    Q_OBJECT

  private slots:
    void itemWritesChargeTheIndexesTheyWrite();
    void anLsiEntryCountsItsOverhead();
    void readsChargeWhatTheyRead();
    void batchesAndTransactionsListEachTable();
    void partiqlChargesAsTheItemOperations();
    void aBadModeIsRefusedBeforeWriting();
};

#ifndef Q_MOC_RUN
void AwsCapacityTest::itemWritesChargeTheIndexesTheyWrite()
{
    CapacityApi a;
    // A 1.5 KB item: 2 units for the table; a small entry in each index: 1 unit each. TOTAL is the sum.
    QCOMPARE(a.putBig(1, "INDEXES"), expected("4", "2", lsi("1") + "," + gsi("1")));
    QCOMPARE(a.putBig(1, "TOTAL"), std::string(R"({"TableName":"cap","CapacityUnits":2,"WriteCapacityUnits":2})"));
    // A new GSI key: the old entry's delete and the new entry's put; the LSI entry does not change.
    QCOMPARE(a.update("SET city = :c", R"({":c":{"S":"Bergen"}})"), expected("4", "2", gsi("2")));
    // A projected attribute (INCLUDE note): one write of the GSI entry; KEYS_ONLY byScore does not hold it.
    QCOMPARE(a.update("SET note = :n", R"({":n":{"S":"m"}})"), expected("3", "2", gsi("1")));
    // An attribute no index holds: the table only.
    QCOMPARE(a.update("SET extra = :o", R"({":o":{"S":"y"}})"), expected("2", "2", ""));
    // The LSI key removed: its entry's delete.
    QCOMPARE(a.update("REMOVE score"), expected("3", "2", lsi("1")));
    // The delete removes the GSI entry; the item is in byScore no more.
    QCOMPARE(a.capacity("DeleteItem", R"({"TableName":"cap","Key":{"h":{"S":"a"},"r":{"N":"1"}},)"
                                      R"("ReturnConsumedCapacity":"INDEXES"})"),
             expected("3", "2", gsi("1")));
    // A delete of nothing: one unit for the table.
    QCOMPARE(a.capacity("DeleteItem", R"({"TableName":"cap","Key":{"h":{"S":"a"},"r":{"N":"1"}},)"
                                      R"("ReturnConsumedCapacity":"INDEXES"})"),
             expected("1", "1", ""));
}

void AwsCapacityTest::anLsiEntryCountsItsOverhead()
{
    CapacityApi a;
    a.ok("CreateTable",
         R"({"TableName":"lsi","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)"
         R"({"AttributeName":"h","AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"},)"
         R"({"AttributeName":"tag","AttributeType":"S"}],)"
         R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)"
         R"("LocalSecondaryIndexes":[{"IndexName":"byTag","KeySchema":[{"AttributeName":"h","KeyType":"HASH"},)"
         R"({"AttributeName":"tag","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]})");
    // About 940 bytes: one unit for the table, two for the LSI entry, which counts 100 bytes more.
    QCOMPARE(a.capacity("PutItem", R"({"TableName":"lsi","ReturnConsumedCapacity":"INDEXES","Item":{"h":{"S":"a"},)"
                                   R"("r":{"N":"1"},"tag":{"S":"t"},"pad":{"S":")" +
                                       std::string(930, 'x') + "\"}}}"),
             std::string(R"({"TableName":"lsi","CapacityUnits":3,"WriteCapacityUnits":3,"Table":{"CapacityUnits":1,)"
                         R"("WriteCapacityUnits":1},"LocalSecondaryIndexes":{"byTag":{"CapacityUnits":2,)"
                         R"("WriteCapacityUnits":2}}})"));
}

void AwsCapacityTest::readsChargeWhatTheyRead()
{
    CapacityApi a;
    a.putBig(1, "NONE");
    a.putBig(2, "NONE");
    // GetItem reads no index: the table only, even with INDEXES.
    QCOMPARE(a.capacity("GetItem", R"({"TableName":"cap","Key":{"h":{"S":"a"},"r":{"N":"1"}},)"
                                   R"("ReturnConsumedCapacity":"INDEXES"})"),
             expected("0.5", "0.5", "", false));
    // A query of a GSI charges the index for its entries, the table nothing.
    QCOMPARE(a.capacity("Query",
                        R"({"TableName":"cap","IndexName":"byCity","KeyConditionExpression":"city = :c",)"
                        R"("ExpressionAttributeValues":{":c":{"S":"Oslo"}},"ReturnConsumedCapacity":"INDEXES"})"),
             expected("0.5", "0", gsi("0.5", false), false));
    // An LSI query that needs what the index does not project: the index for its entries (one unit, consistent),
    // the table for each item fetched (one unit each).
    QCOMPARE(a.capacity("Query", R"({"TableName":"cap","IndexName":"byScore","KeyConditionExpression":"h = :h",)"
                                 R"("ExpressionAttributeValues":{":h":{"S":"a"}},"Select":"ALL_ATTRIBUTES",)"
                                 R"("ConsistentRead":true,"ReturnConsumedCapacity":"INDEXES"})"),
             expected("3", "2", lsi("1", false), false));
    // A scan of the table: its bytes read together (3 KB: one unit, halved).
    QCOMPARE(a.capacity("Scan", R"({"TableName":"cap","ReturnConsumedCapacity":"TOTAL"})"),
             std::string(R"({"TableName":"cap","CapacityUnits":0.5,"ReadCapacityUnits":0.5})"));
    QCOMPARE(a.capacity("Scan", R"({"TableName":"cap","IndexName":"byCity","ReturnConsumedCapacity":"INDEXES"})"),
             expected("0.5", "0", gsi("0.5", false), false));
}

void AwsCapacityTest::batchesAndTransactionsListEachTable()
{
    CapacityApi a;
    a.table("other");
    // Each write of a batch on its own: 1 + 1 for the table, 1 for byCity's entry; another table listed apart.
    QCOMPARE(a.capacity("BatchWriteItem",
                        R"({"ReturnConsumedCapacity":"INDEXES","RequestItems":{"cap":[)"
                        R"({"PutRequest":{"Item":{"h":{"S":"b"},"r":{"N":"1"},"city":{"S":"Oslo"}}}},)"
                        R"({"PutRequest":{"Item":{"h":{"S":"b"},"r":{"N":"2"}}}}],)"
                        R"("other":[{"PutRequest":{"Item":{"h":{"S":"x"}}}}]}})"),
             "[" + expected("3", "2", gsi("1")) +
                 R"(,{"TableName":"other","CapacityUnits":1,"WriteCapacityUnits":1,"Table":{"CapacityUnits":1,)"
                 R"("WriteCapacityUnits":1}}])");
    // Each key read on its own, found or not: 0.5 each.
    QCOMPARE(a.capacity("BatchGetItem", R"({"ReturnConsumedCapacity":"TOTAL","RequestItems":{"cap":{"Keys":[)"
                                        R"({"h":{"S":"b"},"r":{"N":"1"}},{"h":{"S":"b"},"r":{"N":"9"}}]}}})"),
             std::string(R"([{"TableName":"cap","CapacityUnits":1,"ReadCapacityUnits":1}])"));
    // A transaction's write: twice the table's units and twice the index's.
    QCOMPARE(a.capacity("TransactWriteItems",
                        R"({"ReturnConsumedCapacity":"INDEXES","TransactItems":[{"Put":{"TableName":"cap",)"
                        R"("Item":{"h":{"S":"c"},"r":{"N":"1"},"city":{"S":"Oslo"}}}}]})"),
             "[" + expected("4", "2", gsi("2")) + "]");
    // A transaction's read: twice a consistent read.
    QCOMPARE(a.capacity("TransactGetItems", R"({"ReturnConsumedCapacity":"TOTAL","TransactItems":[{"Get":{)"
                                            R"("TableName":"cap","Key":{"h":{"S":"c"},"r":{"N":"1"}}}}]})"),
             std::string(R"([{"TableName":"cap","CapacityUnits":2,"ReadCapacityUnits":2}])"));
}

void AwsCapacityTest::partiqlChargesAsTheItemOperations()
{
    CapacityApi a;
    QCOMPARE(a.capacity("ExecuteStatement", R"({"ReturnConsumedCapacity":"INDEXES","Statement":)"
                                            R"("INSERT INTO cap VALUE {'h': 'p', 'r': 1, 'city': 'Oslo'}"})"),
             expected("2", "1", gsi("1")));
    QCOMPARE(a.capacity("ExecuteStatement", R"({"ReturnConsumedCapacity":"INDEXES","Statement":)"
                                            R"("SELECT * FROM cap.byCity WHERE city = 'Oslo'"})"),
             expected("0.5", "0", gsi("0.5", false), false));
    QCOMPARE(a.capacity("ExecuteStatement", R"({"ReturnConsumedCapacity":"INDEXES","Statement":)"
                                            R"("UPDATE cap SET score = 3 WHERE h = 'p' AND r = 1"})"),
             expected("2", "1", lsi("1")));
    QCOMPARE(a.capacity("BatchExecuteStatement", R"({"ReturnConsumedCapacity":"INDEXES","Statements":[)"
                                                 R"({"Statement":"DELETE FROM cap WHERE h = 'p' AND r = 1"}]})"),
             "[" + expected("3", "1", lsi("1") + "," + gsi("1")) + "]");
    QCOMPARE(a.capacity("ExecuteTransaction",
                        R"({"ReturnConsumedCapacity":"INDEXES","TransactStatements":[)"
                        R"({"Statement":"INSERT INTO cap VALUE {'h': 'q', 'r': 1, 'score': 1}"}]})"),
             "[" + expected("4", "2", lsi("2")) + "]");
}

void AwsCapacityTest::aBadModeIsRefusedBeforeWriting()
{
    CapacityApi a;
    const QString refusal = "ValidationException: 1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' "
                            "failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]";
    QCOMPARE(a.refused("PutItem", R"({"TableName":"cap","ReturnConsumedCapacity":"ALL","Item":{"h":{"S":"z"},)"
                                  R"("r":{"N":"1"}}})"),
             refusal);
    QCOMPARE(a.refused("BatchWriteItem", R"({"ReturnConsumedCapacity":"ALL","RequestItems":{"cap":[)"
                                         R"({"PutRequest":{"Item":{"h":{"S":"z"},"r":{"N":"2"}}}}]}})"),
             refusal);
    QCOMPARE(a.refused("UpdateItem", R"({"TableName":"cap","ReturnConsumedCapacity":"ALL","Key":{"h":{"S":"z"},)"
                                     R"("r":{"N":"3"}}})"),
             refusal);
    QCOMPARE(a.pipeline.tables().get("cap").table->size(), std::size_t(0));
}
#endif

QTEST_GUILESS_MAIN(AwsCapacityTest)
#include "tst_aws_capacity.moc"
