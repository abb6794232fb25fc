// Secondary indexes through DynamoDbApi's control plane (docs/dynamodb-indexes.md): CreateTable with GSIs
// and LSIs and DynamoDB's texts for what it refuses, DescribeTable's index descriptions, and UpdateTable's
// GlobalSecondaryIndexUpdates (Create with its fill, Update, Delete) and their refusals (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;

#ifndef Q_MOC_RUN
namespace {

const std::string kDefinitions = R"("AttributeDefinitions":[{"AttributeName":"h","AttributeType":"S"},)"
                                 R"({"AttributeName":"r","AttributeType":"N"},)"
                                 R"({"AttributeName":"city","AttributeType":"S"},)"
                                 R"({"AttributeName":"score","AttributeType":"N"}])";
const std::string kKeys =
    R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}])";

std::string gsi(const std::string &name, const std::string &projection, const std::string &extra = {})
{
    return R"({"IndexName":")" + name +
           R"(","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},{"AttributeName":"score","KeyType":"RANGE"}],)"
           R"("Projection":)" +
           projection + extra + "}";
}

std::string lsi(const std::string &name, const std::string &hash = "h")
{
    return R"({"IndexName":")" + name + R"(","KeySchema":[{"AttributeName":")" + hash +
           R"(","KeyType":"HASH"},{"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}})";
}

/// A CreateTable body of table `t` with the four attributes defined and `indexes` (members, without braces).
std::string createBody(const std::string &indexes, const std::string &billing = R"("BillingMode":"PAY_PER_REQUEST")")
{
    return R"({"TableName":"tbl",)" + kDefinitions + "," + kKeys + "," + billing + (indexes.empty() ? "" : ",") +
           indexes + "}";
}

const js::Value &member(const js::Value &v, const char *name)
{
    static const js::Value none;
    const auto *found = v.asObject()->find(name);
    return found ? *found : none;
}

} // namespace
#endif

class AwsIndexTablesTest : public QObject
{
    Q_OBJECT

  private slots:
    void createsAndDescribesGlobalAndLocalIndexes();
    void refusesBadIndexDefinitionsWithDynamoDbTexts();
    void updateTableCreatesFillsUpdatesAndDeletesAnIndex();
    void refusesBadIndexUpdatesWithDynamoDbTexts();
};

#ifndef Q_MOC_RUN
void AwsIndexTablesTest::createsAndDescribesGlobalAndLocalIndexes()
{
    test::ApiHarness a;
    const auto created = a.ok("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" +
                                                        gsi("byCity", R"({"ProjectionType":"INCLUDE",)"
                                                                      R"("NonKeyAttributes":["note"]})") +
                                                        R"(],"LocalSecondaryIndexes":[)" + lsi("byScore") + "]"));
    const auto &description = member(created, "TableDescription");
    QCOMPARE(QString::fromStdString(test::json(member(description, "AttributeDefinitions"))),
             QString(R"([{"AttributeName":"h","AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"},)"
                     R"({"AttributeName":"score","AttributeType":"N"},{"AttributeName":"city","AttributeType":"S"}])"));
    a.ok("PutItem",
         R"({"TableName":"tbl","Item":{"h":{"S":"a"},"r":{"N":"1"},"city":{"S":"Oslo"},"score":{"N":"5"}}})");
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"b"},"r":{"N":"1"}}})");
    const auto table = member(a.ok("DescribeTable", R"({"TableName":"tbl"})"), "Table");
    const auto &global = member(table, "GlobalSecondaryIndexes").asArray()->items.at(0);
    QCOMPARE(QString::fromStdString(test::json(global)),
             QString(R"({"IndexName":"byCity","KeySchema":[{"AttributeName":"city","KeyType":"HASH"},)"
                     R"({"AttributeName":"score","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE",)"
                     R"("NonKeyAttributes":["note"]},"IndexStatus":"ACTIVE","ProvisionedThroughput":)"
                     R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},)"
                     R"("IndexSizeBytes":20,"ItemCount":1,)"
                     R"("IndexArn":"arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/byCity"})"));
    const auto &local = member(table, "LocalSecondaryIndexes").asArray()->items.at(0);
    QVERIFY(!local.asObject()->find("IndexStatus")); // an LSI has no status, as AWS describes one
    QVERIFY(!local.asObject()->find("ProvisionedThroughput"));
    QCOMPARE(member(local, "ItemCount").asNumber(), 1.0);
    QCOMPARE(QString::fromStdString(member(local, "IndexArn").asString()),
             QString("arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/byScore"));

    a.ok("CreateTable", R"({"TableName":"prv",)" + kDefinitions + "," + kKeys +
                            R"(,"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},)"
                            R"("GlobalSecondaryIndexes":[)" +
                            gsi("gsa", R"({"ProjectionType":"ALL"})",
                                R"(,"ProvisionedThroughput":{"ReadCapacityUnits":3,"WriteCapacityUnits":4})") +
                            "]}");
    const auto provisioned = member(a.ok("DescribeTable", R"({"TableName":"prv"})"), "Table");
    const auto &throughput =
        member(member(provisioned, "GlobalSecondaryIndexes").asArray()->items.at(0), "ProvisionedThroughput");
    QCOMPARE(member(throughput, "ReadCapacityUnits").asNumber(), 3.0);
    QCOMPARE(member(throughput, "WriteCapacityUnits").asNumber(), 4.0);
}

void AwsIndexTablesTest::refusesBadIndexDefinitionsWithDynamoDbTexts()
{
    test::ApiHarness a;
    const QString invalid = "ValidationException: One or more parameter values were invalid: ";
    const std::string all = R"({"ProjectionType":"ALL"})";
    QCOMPARE(a.refused("CreateTable",
                       createBody(R"("GlobalSecondaryIndexes":[)" + gsi("gsa", all) + "," + gsi("gsa", all) + "]")),
             invalid + "Duplicate index name: gsa");
    QCOMPARE(
        a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" +
                                            gsi("gsa", R"({"ProjectionType":"ALL","NonKeyAttributes":["x"]})") + "]")),
        invalid + "ProjectionType is ALL, but NonKeyAttributes is specified");
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" + gsi("gsa", "{}") + "]")),
             invalid + "Unknown ProjectionType: null");
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" + gsi("g;", all) + "]")),
             QString("ValidationException: 1 validation error detected: Value 'g;' at "
                     "'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have "
                     "length greater than or equal to 3"));
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" + gsi("g;x", all) + "]")),
             QString("ValidationException: 1 validation error detected: Value 'g;x' at "
                     "'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must satisfy "
                     "regular expression pattern: [a-zA-Z0-9_.-]+"));
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[])")),
             invalid + "List of GlobalSecondaryIndexes is empty");
    QCOMPARE(a.refused("CreateTable", createBody(R"("LocalSecondaryIndexes":[)" + lsi("lsa", "city") + "]")),
             invalid + "Index KeySchema does not have the same leading hash key as table KeySchema for index: lsa. "
                       "index hash key: city, table hash key: h");
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" +
                                                 gsi("gsa", all,
                                                     R"(,"ProvisionedThroughput":{"ReadCapacityUnits":1,)"
                                                     R"("WriteCapacityUnits":1})") +
                                                 "]")),
             invalid + "ProvisionedThroughput should not be specified for index: gsa when BillingMode is "
                       "PAY_PER_REQUEST");
    QCOMPARE(a.refused("CreateTable",
                       createBody(R"("GlobalSecondaryIndexes":[)" + gsi("gsa", all) + "]",
                                  R"("ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1})")),
             invalid + "ProvisionedThroughput is not specified for index: gsa");
    // score is used by no index here: an unused definition
    QCOMPARE(a.refused("CreateTable", R"({"TableName":"tbl",)" + kDefinitions + "," + kKeys +
                                          R"(,"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":)"
                                          R"("gsa","KeySchema":[{"AttributeName":"city","KeyType":"HASH"}],)"
                                          R"("Projection":{"ProjectionType":"KEYS_ONLY"}}]})"),
             invalid + "Some AttributeDefinitions are not used. AttributeDefinitions: [h, r, city, score], keys used: "
                       "[h, r, city]");
    QCOMPARE(a.refused("CreateTable", R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"h",)"
                                      R"("AttributeType":"S"},{"AttributeName":"score","AttributeType":"N"}],)"
                                      R"("KeySchema":[{"AttributeName":"h","KeyType":"HASH"}],)"
                                      R"("BillingMode":"PAY_PER_REQUEST","LocalSecondaryIndexes":[)" +
                                          lsi("lsa") + "]}"),
             invalid + "Table KeySchema does not have a range key, which is required when specifying a "
                       "LocalSecondaryIndex");
    QCOMPARE(a.refused("CreateTable", R"({"TableName":"tbl",)" + kDefinitions + "," + kKeys +
                                          R"(,"BillingMode":"PAY_PER_REQUEST","GlobalSecondaryIndexes":[{"IndexName":)"
                                          R"("gsa","KeySchema":[{"AttributeName":"zip","KeyType":"HASH"}],)"
                                          R"("Projection":{"ProjectionType":"KEYS_ONLY"}}]})"),
             invalid + "Some index key attributes are not defined in AttributeDefinitions. Keys: [zip], "
                       "AttributeDefinitions: [h, r, city, score]");
    std::string six;
    for (int i = 0; i < 6; ++i)
        six += (i ? "," : "") + lsi("l" + std::to_string(i) + "x");
    QCOMPARE(a.refused("CreateTable", createBody(R"("LocalSecondaryIndexes":[)" + six + "]")),
             invalid + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    std::string many;
    for (int i = 0; i < 21; ++i)
        many += (i ? "," : "") + gsi("g" + std::to_string(i) + "x", all);
    QCOMPARE(a.refused("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" + many + "]")),
             invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
    QCOMPARE(a.refused("DescribeTable", R"({"TableName":"tbl"})"),
             QString("ResourceNotFoundException: Cannot do operations on a non-existent table"));
}

void AwsIndexTablesTest::updateTableCreatesFillsUpdatesAndDeletesAnIndex()
{
    test::ApiHarness a;
    a.table("tbl", "N");
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"a"},"r":{"N":"1"},"city":{"S":"Oslo"}}})");
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"b"},"r":{"N":"1"},"city":{"N":"7"}}})"); // a violation
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"c"},"r":{"N":"1"}}})");
    const auto updated = a.ok("UpdateTable", R"({"TableName":"tbl","AttributeDefinitions":[{"AttributeName":"city",)"
                                             R"("AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":)"
                                             R"({"IndexName":"byCity","KeySchema":[{"AttributeName":"city",)"
                                             R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})");
    const auto &index = member(member(updated, "TableDescription"), "GlobalSecondaryIndexes").asArray()->items.at(0);
    QCOMPARE(QString::fromStdString(member(index, "IndexStatus").asString()), QString("ACTIVE"));
    QCOMPARE(member(index, "ItemCount").asNumber(), 1.0); // the fill took a, not b (city is N) nor c
    const auto query = a.ok("Query", R"({"TableName":"tbl","IndexName":"byCity","KeyConditionExpression":"city = :c",)"
                                     R"("ExpressionAttributeValues":{":c":{"S":"Oslo"}}})");
    QCOMPARE(test::column(query, "h"), QStringList{"a"});
    QCOMPARE(a.refused("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"d"},"r":{"N":"1"},"city":{"N":"7"}}})"),
             QString("ValidationException: One or more parameter values were invalid: Type mismatch for Index Key "
                     "city Expected: S Actual: N IndexName: byCity"));

    a.ok("CreateTable", R"({"TableName":"prv","AttributeDefinitions":[{"AttributeName":"h","AttributeType":"S"},)"
                        R"({"AttributeName":"city","AttributeType":"S"}],"KeySchema":[{"AttributeName":"h",)"
                        R"("KeyType":"HASH"}],"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1},)"
                        R"("GlobalSecondaryIndexes":[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city",)"
                        R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"},)"
                        R"("ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]})");
    a.ok("UpdateTable", R"({"TableName":"prv","GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"byCity",)"
                        R"("ProvisionedThroughput":{"ReadCapacityUnits":8,"WriteCapacityUnits":9}}}]})");
    const auto described = member(a.ok("DescribeTable", R"({"TableName":"prv"})"), "Table");
    const auto &throughput =
        member(member(described, "GlobalSecondaryIndexes").asArray()->items.at(0), "ProvisionedThroughput");
    QCOMPARE(member(throughput, "ReadCapacityUnits").asNumber(), 8.0);

    a.ok("UpdateTable", R"({"TableName":"tbl","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"byCity"}}]})");
    QVERIFY(
        !member(a.ok("DescribeTable", R"({"TableName":"tbl"})"), "Table").asObject()->find("GlobalSecondaryIndexes"));
    QCOMPARE(a.refused("Query", R"({"TableName":"tbl","IndexName":"byCity","KeyConditionExpression":"city = :c",)"
                                R"("ExpressionAttributeValues":{":c":{"S":"Oslo"}}})"),
             QString("ValidationException: The table does not have the specified index: byCity"));
    a.ok("PutItem", R"({"TableName":"tbl","Item":{"h":{"S":"d"},"r":{"N":"1"},"city":{"N":"7"}}})"); // fine again
}

void AwsIndexTablesTest::refusesBadIndexUpdatesWithDynamoDbTexts()
{
    test::ApiHarness a;
    a.ok("CreateTable", createBody(R"("GlobalSecondaryIndexes":[)" + gsi("gsa", R"({"ProjectionType":"ALL"})") +
                                   R"(],"LocalSecondaryIndexes":[)" + lsi("lsa") + "]"));
    const QString invalid = "ValidationException: One or more parameter values were invalid: ";
    const std::string create = R"({"Create":{"IndexName":"gsb","KeySchema":[{"AttributeName":"score",)"
                               R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}})";
    const std::string defs = R"("AttributeDefinitions":[{"AttributeName":"score","AttributeType":"N"}],)";
    const auto update = [&](const std::string &members) {
        return a.refused("UpdateTable", R"({"TableName":"tbl",)" + members + "}");
    };
    QCOMPARE(update(defs + R"("GlobalSecondaryIndexUpdates":[)" + create + "," + R"({"Delete":{"IndexName":"gsa"}}])"),
             QString("LimitExceededException: Subscriber limit exceeded: Only 1 online index can be created or "
                     "deleted simultaneously per table"));
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"gsa"}},{"Update":{"IndexName":"gsa"}}])"),
             invalid + "Only one global secondary index update per index is allowed simultaneously. Index: gsa");
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[{}])"),
             invalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                       "GlobalSecondaryIndexUpdate.Delete must not be null");
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"nope"}}])"),
             QString("ResourceNotFoundException: Requested resource not found: Index: nope not found"));
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"lsa"}}])"),
             QString("ValidationException: Cannot delete an index that is not a GlobalSecondaryIndex: lsa"));
    QCOMPARE(update(defs + R"("GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"gsa","KeySchema":)"
                           R"([{"AttributeName":"score","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}])"),
             QString("ValidationException: Attempting to create an index which already exists"));
    QCOMPARE(update(R"("AttributeDefinitions":[{"AttributeName":"city","AttributeType":"S"}],)"
                    R"("GlobalSecondaryIndexUpdates":[)" +
                    create + "]"),
             QString("ValidationException: Invalid KeySchema: Some index key attribute have no definition"));
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[)" + create + "]"),
             invalid + "AttributeDefinitions is not specified for index: gsb");
    QCOMPARE(update(defs +
                    R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"},)"
                    R"("GlobalSecondaryIndexUpdates":[)" +
                    create + "]"),
             invalid + "You cannot create or delete index while changing stream status");
    QCOMPARE(update(R"("GlobalSecondaryIndexUpdates":[{"Update":{"IndexName":"gsa","ProvisionedThroughput":)"
                    R"({"ReadCapacityUnits":2,"WriteCapacityUnits":2}}}])"),
             invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: gsa when "
                       "BillingMode is PAY_PER_REQUEST");
    QCOMPARE(update(R"("BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":2,)"
                    R"("WriteCapacityUnits":2})"),
             invalid + "ProvisionedThroughput must be specified for index: gsa");
    QCOMPARE(a.refused("UpdateTable", R"({"TableName":"orders","AttributeDefinitions":[{"AttributeName":"x",)"
                                      R"("AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":)"
                                      R"({"IndexName":"byX","KeySchema":[{"AttributeName":"x","KeyType":"HASH"}],)"
                                      R"("Projection":{"ProjectionType":"ALL"}}}]})"),
             QString("ValidationException: orderlab's orders table feeds the pipeline: its secondary indexes cannot "
                     "change"));
    // nothing of the refused requests changed the table
    const auto table = member(a.ok("DescribeTable", R"({"TableName":"tbl"})"), "Table");
    QCOMPARE(member(table, "GlobalSecondaryIndexes").asArray()->items.size(), std::size_t(1));
}
#endif

QTEST_GUILESS_MAIN(AwsIndexTablesTest)
#include "tst_aws_index_tables.moc"
