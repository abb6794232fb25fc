// The seeded lifecycle generator and the stream record writer.
#include "generator/lifecycle_generator.h"
#include "generator/stream_record_writer.h"
#include "js/json.h"
#include "js/operations.h"
#include "stream/view_type.h"

#include <QtTest>

#include <set>

using namespace orderlab;

namespace {
std::vector<std::string> generate(std::uint64_t seed, int records, int batch,
                                  StreamViewType view = StreamViewType::NewAndOldImages)
{
    LifecycleGenerator::Options o;
    o.seed = seed;
    o.records = records;
    LifecycleGenerator g(o);
    StreamRecordWriter w(seed, view);
    std::vector<std::string> lines;
    while (g.hasNext())
        lines.push_back(w.writeEvent(g.next(std::size_t(batch))));
    return lines;
}
} // namespace

class TstGenerator : public QObject
{
    Q_OBJECT
  private slots:
    void sameSeedSameBytes()
    {
        QCOMPARE(generate(7, 300, 25), generate(7, 300, 25));
        QVERIFY(generate(7, 300, 25) != generate(8, 300, 25));
    }

    void recordsAreWellFormed()
    {
        const auto lines = generate(3, 1000, 100);
        QCOMPARE(lines.size(), std::size_t(10));
        std::map<std::string, int> kinds;
        std::string lastSeq;
        std::set<std::string> eventIds;
        for (const auto &line : lines) {
            const js::Value event = js::parseJson(line);
            QCOMPARE(*js::stringifyJson(event), line); // as JSON.stringify would print it
            for (const auto &r : event.asObject()->find("Records")->asArray()->items) {
                const auto &rec = *r.asObject();
                kinds[rec.find("eventName")->asString()]++;
                const std::string id = rec.find("eventID")->asString();
                QCOMPARE(id.size(), std::size_t(32));
                QVERIFY(eventIds.insert(id).second);
                const auto &ddb = *rec.find("dynamodb")->asObject();
                const std::string seq = ddb.find("SequenceNumber")->asString();
                QCOMPARE(seq.size(), std::size_t(21));
                QVERIFY(seq > lastSeq);
                lastSeq = seq;
                QVERIFY(ddb.find("SizeBytes")->asNumber() >= 1);
                const std::string name = rec.find("eventName")->asString();
                QCOMPARE(ddb.find("NewImage") != nullptr, name != "REMOVE");
                QCOMPARE(ddb.find("OldImage") != nullptr, name != "INSERT");
            }
        }
        // About 30% INSERT, 55% MODIFY, 15% REMOVE.
        QVERIFY(kinds["INSERT"] > 220 && kinds["INSERT"] < 380);
        QVERIFY(kinds["MODIFY"] > 450 && kinds["MODIFY"] < 650);
        QVERIFY(kinds["REMOVE"] > 90 && kinds["REMOVE"] < 210);
    }

    void sizeBytesRule_data()
    {
        QTest::addColumn<QString>("attributeValue");
        QTest::addColumn<int>("size");
        QTest::newRow("S") << R"({"S":"dåvid"})" << 6;
        QTest::newRow("N 1723213300") << R"({"N":"1723213300"})" << 5;
        QTest::newRow("N 12.5") << R"({"N":"12.5"})" << 3;
        QTest::newRow("N 0.001") << R"({"N":"0.001"})" << 2;
        QTest::newRow("B") << R"({"B":"AQI="})" << 2;
        QTest::newRow("BOOL") << R"({"BOOL":true})" << 1;
        QTest::newRow("NULL") << R"({"NULL":true})" << 1;
        QTest::newRow("SS") << R"({"SS":["a","bc"]})" << 3;
        QTest::newRow("L") << R"({"L":[{"S":"ab"},{"N":"1"}]})" << 3 + 3 + 3;
        QTest::newRow("M") << R"({"M":{"k":{"S":"ab"}}})" << 3 + 1 + 1 + 2;
    }
    void sizeBytesRule()
    {
        QFETCH(QString, attributeValue);
        QFETCH(int, size);
        QCOMPARE(int(StreamRecordWriter::attributeValueSize(attributeValue.toStdString())), size);
    }

    void viewTypesCarryTheirImages()
    {
        for (auto view : {StreamViewType::KeysOnly, StreamViewType::NewImage, StreamViewType::OldImage}) {
            for (const auto &line : generate(5, 200, 50, view)) {
                const js::Value event = js::parseJson(line);
                for (const auto &r : event.asObject()->find("Records")->asArray()->items) {
                    const auto &ddb = *r.asObject()->find("dynamodb")->asObject();
                    QCOMPARE(ddb.find("StreamViewType")->asString(), std::string(viewTypeName(view)));
                    QVERIFY(ddb.find("Keys"));
                    if (view == StreamViewType::KeysOnly)
                        QVERIFY(!ddb.find("NewImage") && !ddb.find("OldImage"));
                    if (view == StreamViewType::NewImage)
                        QVERIFY(!ddb.find("OldImage"));
                    if (view == StreamViewType::OldImage)
                        QVERIFY(!ddb.find("NewImage"));
                }
            }
        }
    }

    void badOptionsAreRefused()
    {
        LifecycleGenerator::Options o;
        o.records = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LifecycleGenerator{o});
    }
};

QTEST_GUILESS_MAIN(TstGenerator)
#include "tst_generator.moc"
