// The orders table's stream: record format, sequence numbers, shards, view types, retention.
#ifndef Q_MOC_RUN
#include "dynamodb/orders_table.h"
#include "js/json.h"
#include "js/operations.h"
#include "scheduler.h"
#include "stream/stream.h"
#include "stream_test_data.h"
#endif

#include <QtTest>

using namespace orderlab;
using dynamodb::AttributeValue;

namespace {
std::string field(const js::Value &record, const char *a, const char *b = nullptr)
{
    js::Value v = js::getProperty(record, a);
    if (b)
        v = js::getProperty(v, b);
    return v.isString() ? v.asString() : *js::stringifyJson(v);
}
} // namespace

class TstStream : public QObject
{
    Q_OBJECT
  private slots:
    void recordFormatOfTheSpec()
    {
        // docs/stream-and-mapping.md, "Example record", written through the table: same images, same SizeBytes.
        Scheduler s(1732449900500);
        Stream stream(s, Stream::Options{});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        table.put(dynamodb::parseItemJson(kSpecOldImage));
        table.put(dynamodb::parseItemJson(kSpecNewImage));
        const auto records = stream.read(0, 0, 10);
        QCOMPARE(records.size(), std::size_t(2));
        const auto &r = *records[1];
        const js::Value rec = js::parseJson(r.json);
        QCOMPARE(field(rec, "eventName"), std::string("MODIFY"));
        QCOMPARE(field(rec, "eventVersion"), std::string("1.1"));
        QCOMPARE(field(rec, "eventSource"), std::string("aws:dynamodb"));
        QCOMPARE(field(rec, "awsRegion"), std::string("us-east-1"));
        QCOMPARE(field(rec, "dynamodb", "ApproximateCreationDateTime"), std::string("1732449900"));
        QCOMPARE(field(rec, "dynamodb", "SizeBytes"), std::string("283"));
        QCOMPARE(field(rec, "dynamodb", "StreamViewType"), std::string("NEW_AND_OLD_IMAGES"));
        QCOMPARE(field(rec, "dynamodb", "Keys"), std::string(kSpecKeys));
        QCOMPARE(field(rec, "eventSourceARN"),
                 std::string("arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2024-11-24T12:05:00.500"));
        QCOMPARE(field(rec, "eventID").size(), std::size_t(32));
        QVERIFY(r.json.rfind(kRecordPrefix, 0) == 0); // keys in the documented order
        QVERIFY(r.json.find("userIdentity") == std::string::npos);
        QCOMPARE(r.sequenceNumber.size(), std::size_t(21));
        QCOMPARE(Stream::compareSequenceNumbers(records[0]->sequenceNumber, r.sequenceNumber), -1);
    }

    void oneRecordPerChangeNoneForNoChange()
    {
        Scheduler s;
        Stream stream(s, Stream::Options{});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        auto item = [](const char *status) {
            return dynamodb::AttributeMap{{"pk", AttributeValue::string("a")},
                                          {"status", AttributeValue::string(status)}};
        };
        table.put(item("X"));
        table.put(item("X"));
        table.put(item("Y"));
        table.remove("a");
        table.remove("a");
        const auto records = stream.read(0, 0, 10);
        QCOMPARE(records.size(), std::size_t(3));
        QCOMPARE(std::string(records[0]->eventName()), std::string("INSERT"));
        QCOMPARE(std::string(records[1]->eventName()), std::string("MODIFY"));
        QCOMPARE(std::string(records[2]->eventName()), std::string("REMOVE"));
        QVERIFY(records[0]->json.find("OldImage") == std::string::npos);
        QVERIFY(records[2]->json.find("NewImage") == std::string::npos);
    }

    void ttlDeletesCarryUserIdentity()
    {
        Scheduler s;
        Stream stream(s, Stream::Options{});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        table.put({{"pk", AttributeValue::string("a")}});
        table.ttlDelete("a");
        const auto records = stream.read(0, 0, 10);
        QVERIFY(records.back()->json.find(kUserIdentity) != std::string::npos);
    }

    void viewTypesCarryTheirImages_data()
    {
        QTest::addColumn<int>("view");
        QTest::addColumn<QString>("expected"); // per INSERT, MODIFY, REMOVE: N, O, B(oth), -
        QTest::newRow("KEYS_ONLY") << int(StreamViewType::KeysOnly) << "---";
        QTest::newRow("NEW_IMAGE") << int(StreamViewType::NewImage) << "NN-";
        QTest::newRow("OLD_IMAGE") << int(StreamViewType::OldImage) << "-OO";
        QTest::newRow("NEW_AND_OLD_IMAGES") << int(StreamViewType::NewAndOldImages) << "NBO";
    }
    void viewTypesCarryTheirImages()
    {
        QFETCH(int, view);
        QFETCH(QString, expected);
        Scheduler s;
        Stream stream(s, Stream::Options{1, static_cast<StreamViewType>(view), "us-east-1", 1, 86400000});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        table.put({{"pk", AttributeValue::string("a")}, {"n", AttributeValue::number("1")}});
        table.put({{"pk", AttributeValue::string("a")}, {"n", AttributeValue::number("2")}});
        table.remove("a");
        QString got;
        for (const auto &r : stream.read(0, 0, 10)) {
            const bool n = r->json.find("NewImage") != std::string::npos,
                       o = r->json.find("OldImage") != std::string::npos;
            got += n && o ? 'B' : n ? 'N' : o ? 'O' : '-';
        }
        QCOMPARE(got, expected);
    }

    void shardsByKeyAndIncreasingSequenceNumbers()
    {
        Scheduler s;
        Stream stream(s, Stream::Options{4, StreamViewType::NewAndOldImages, "us-east-1", 1, 86400000});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        for (int i = 0; i < 200; ++i)
            table.put({{"pk", AttributeValue::string("k" + std::to_string(i % 50))},
                       {"v", AttributeValue::number(std::to_string(i))}});
        std::size_t total = 0;
        for (int shard = 0; shard < 4; ++shard) {
            const auto records = stream.read(shard, 0, 1000);
            QVERIFY2(records.size() > 20, "keys spread over the shards");
            total += records.size();
            for (std::size_t i = 1; i < records.size(); ++i) {
                QVERIFY(records[i]->ordinal > records[i - 1]->ordinal);
                QCOMPARE(Stream::compareSequenceNumbers(records[i - 1]->sequenceNumber, records[i]->sequenceNumber),
                         -1);
            }
            for (const auto &r : records)
                QCOMPARE(stream.shardFor(r->pk), shard); // one key, one shard: its records never reorder
        }
        QCOMPARE(total, std::size_t(200));
        QCOMPARE(stream.shardId(2), std::string("shardId-00000002-000000001002"));
    }

    void retention24Hours()
    {
        Scheduler s;
        Stream stream(s, Stream::Options{});
        EventBus bus(s);
        auto following = stream.follow(bus);
        OrdersTable table(s, &bus);
        table.put({{"pk", AttributeValue::string("old")}});
        s.runUntil(s.now() + 12LL * 3600 * 1000);
        table.put({{"pk", AttributeValue::string("new")}});
        s.runUntil(s.now() + 12LL * 3600 * 1000 + 1);
        const auto trimmed = stream.trim();
        QCOMPARE(trimmed.size(), std::size_t(1));
        QCOMPARE(trimmed[0]->pk, std::string("old"));
        QVERIFY(stream.trimmed(*trimmed[0]));
        QCOMPARE(stream.size(), std::size_t(1));
    }

    void sequenceNumbersCompareAsIntegers()
    {
        QCOMPARE(Stream::compareSequenceNumbers("111", "99"), 1);
        QCOMPARE(Stream::compareSequenceNumbers("0099", "99"), 0);
        QCOMPARE(Stream::compareSequenceNumbers("100000000000000000001", "99999999999999999999"), 1);
    }
};

QTEST_GUILESS_MAIN(TstStream)
#include "tst_stream.moc"
