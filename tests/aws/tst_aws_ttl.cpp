// TTL deletes through the DynamoDB API (docs/dynamodb-api.md, "Time to live"): UpdateTimeToLive, the
// pipeline's sweep on the virtual clock, and the REMOVE record as GetRecords returns it, with the
// service's userIdentity as the Streams API spells it (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::test;

class AwsTtlTest : public QObject
{
    Q_OBJECT

  private slots:
    void expiredItemsLeaveThroughTheStreamAsTtlDeletes();
};

#ifndef Q_MOC_RUN
void AwsTtlTest::expiredItemsLeaveThroughTheStreamAsTtlDeletes()
{
    ApiHarness a;
    a.ok("CreateTable",
         R"({"TableName":"sessions","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],)"
         R"("AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",)"
         R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}})");
    a.ok("UpdateTimeToLive",
         R"({"TableName":"sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"expires"}})");
    const std::string now = std::to_string(kDefaultStartTime / 1000);
    const std::string later = std::to_string(kDefaultStartTime / 1000 + 30);
    a.ok("PutItem", R"({"TableName":"sessions","Item":{"id":{"S":"old"},"expires":{"N":")" + now + R"("}}})");
    a.ok("PutItem", R"({"TableName":"sessions","Item":{"id":{"S":"new"},"expires":{"N":")" + later + R"("}}})");
    a.ok("PutItem", R"({"TableName":"sessions","Item":{"id":{"S":"text"},"expires":{"S":")" + now + R"("}}})");
    a.pipeline.start();
    a.pipeline.scheduler().runUntil(kDefaultStartTime + 1000); // the first sweep
    const auto count = [&] {
        return a.ok("Scan", R"({"TableName":"sessions","Select":"COUNT"})").asObject()->find("Count")->asNumber();
    };
    QCOMPARE(count(), 2.0);
    QCOMPARE(json(a.ok("GetItem", R"({"TableName":"sessions","Key":{"id":{"S":"old"}}})")), std::string("{}"));
    a.pipeline.scheduler().runUntil(kDefaultStartTime + 30000);
    QCOMPARE(count(), 1.0); // only the string-valued one stays

    const auto streams = a.ok("Streams.ListStreams", R"({"TableName":"sessions"})");
    const std::string arn =
        streams.asObject()->find("Streams")->asArray()->items.at(0).asObject()->find("StreamArn")->asString();
    const auto described = a.ok("Streams.DescribeStream", R"({"StreamArn":")" + arn + R"("})");
    const std::string shard = described.asObject()
                                  ->find("StreamDescription")
                                  ->asObject()
                                  ->find("Shards")
                                  ->asArray()
                                  ->items.at(0)
                                  .asObject()
                                  ->find("ShardId")
                                  ->asString();
    const auto iterator = a.ok("Streams.GetShardIterator", R"({"StreamArn":")" + arn + R"(","ShardId":")" + shard +
                                                               R"(","ShardIteratorType":"TRIM_HORIZON"})");
    const auto records =
        a.ok("Streams.GetRecords",
             R"({"ShardIterator":")" + iterator.asObject()->find("ShardIterator")->asString() + R"("})");
    const auto &list = records.asObject()->find("Records")->asArray()->items;
    QCOMPARE(list.size(), std::size_t(5));
    QStringList names;
    for (const auto &r : list) {
        const auto *identity = r.asObject()->find("userIdentity");
        names << QString::fromStdString(r.asObject()->find("eventName")->asString() +
                                        (identity ? " " + json(*identity) : ""));
    }
    // The Streams API's model names the members PrincipalId and Type (Lambda's event: principalId, type).
    const QString ttl = R"(REMOVE {"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"})";
    QCOMPARE(names, (QStringList{"INSERT", "INSERT", "INSERT", ttl, ttl}));
    QCOMPARE(json(*list[3].asObject()->find("dynamodb")->asObject()->find("OldImage")),
             R"({"id":{"S":"old"},"expires":{"N":")" + now + R"("}})");
}
#endif

QTEST_GUILESS_MAIN(AwsTtlTest)
#include "tst_aws_ttl.moc"
