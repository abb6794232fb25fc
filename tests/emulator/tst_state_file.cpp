// The state file's reader and writer (docs/state-files.md, "The format", "Errors"): what is refused, with the file
// and the place (line:column or JSON path) named; nothing crashes; a file over the limit is not parsed.
#include "state/state_capture.h"
#include "state/state_reader.h"
#include "state/state_writer.h"
#include "state_test_world.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace orderlab;

namespace {

std::string savedWorld()
{
    World world(test::stateTestConfig());
    world.start();
    test::populate(world, true);
    return state::writeState(state::captureState(world));
}

/// The error reading `text` gives; empty when it reads.
std::string errorOf(const std::string &text)
{
    try {
        state::readState(text, "w.json");
    } catch (const state::StateError &e) {
        return e.what();
    }
    return {};
}

std::string replaced(std::string text, const std::string &from, const std::string &to)
{
    const auto at = text.find(from);
    if (at == std::string::npos)
        throw std::runtime_error("no '" + from + "' in the text");
    return text.replace(at, from.size(), to);
}

} // namespace

class TstStateFile : public QObject
{
    Q_OBJECT
  private slots:
    void readingWhatWasWrittenGivesTheSameState()
    {
        const std::string text = savedWorld();
        const state::WorldState s = state::readState(text, "w.json");
        QCOMPARE(state::writeState(s), text);
        QCOMPARE(s.shards, 2);
        QCOMPARE(s.tables.front().name, std::string("orders"));
        QCOMPARE(s.tables.front().items.size(), std::size_t(4));
        QCOMPARE(s.caches, (std::vector<std::string>{"extra", "pizza"}));
        QCOMPARE(s.faults.size(), std::size_t(1));
        QCOMPARE(state::faultSpec(s.faults.front().second),
                 std::string("p=0.25,code=SERVER_UNAVAILABLE,latency=5ms,mode=throw"));
    }

    void badInputIsRefusedNamingThePlace_data()
    {
        QTest::addColumn<std::string>("from");
        QTest::addColumn<std::string>("to");
        QTest::addColumn<std::string>("error");
        QTest::newRow("syntax") << std::string("\"orderlab-state\": 1,") << std::string("\"orderlab-state\": 1,,")
                                << std::string("w.json:2:25: not JSON");
        QTest::newRow("version") << std::string("\"orderlab-state\": 1") << std::string("\"orderlab-state\": 2")
                                 << std::string(
                                        "w.json: $.orderlab-state: this orderlab reads state files of version 1");
        QTest::newRow("unknown field") << std::string("\"time\"") << std::string("\"extra\": 0, \"time\"")
                                       << std::string("w.json: $: unknown field 'extra'");
        QTest::newRow("renamed field") << std::string("\"handlerTtlMs\"") << std::string("\"handlerTtl\"")
                                       << std::string("$.world: unknown field 'handlerTtl'");
        QTest::newRow("missing field") << std::string("\"apps\": true,") << std::string("")
                                       << std::string("$.world: missing field 'apps'");
        QTest::newRow("seed type") << std::string("\"seed\": \"7\"") << std::string("\"seed\": 7")
                                   << std::string("$.world.seed: must be a string");
        QTest::newRow("shards range") << std::string("\"shards\": 2") << std::string("\"shards\": 0")
                                      << std::string("$.world.shards: must be from 1 to 64");
        QTest::newRow("shards against the stream")
            << std::string("\"shards\": 2") << std::string("\"shards\": 3")
            << std::string("$.stream.shards: the world has 3 shards, the stream 2");
        QTest::newRow("mapping") << std::string("\"BatchSize\":100") << std::string("\"BatchSize\":0")
                                 << std::string("$.world.mapping: ");
        QTest::newRow("fault") << std::string("\"cache.get\": \"p=0.25") << std::string("\"cache.fly\": \"p=0.25")
                               << std::string("$.world.faults.cache.fly: unknown operation 'cache.fly'");
        QTest::newRow("timing") << std::string("\"timing\": \"instant\"") << std::string("\"timing\": \"warp\"")
                                << std::string("$.world.timing: unknown timing profile 'warp'");
        QTest::newRow("item without its key")
            << std::string("{\"pk\":{\"S\":\"ord-1\"},") << std::string("{\"pq\":{\"S\":\"ord-1\"},")
            << std::string("$.tables[0].items: item 1: ");
        QTest::newRow("item attribute") << std::string("{\"pk\":{\"S\":\"ord-1\"},")
                                        << std::string("{\"pk\":{\"S\":\"ord-1\"},\"x\":{\"Q\":\"1\"},")
                                        << std::string("$.tables[0].items[0]: ");
        QTest::newRow("sequence number") << std::string("\"lastSequenceNumber\": \"1")
                                         << std::string("\"lastSequenceNumber\": \"2")
                                         << std::string("$.stream.lastSequenceNumber: must be a sequence number");
        QTest::newRow("records past the last id")
            << std::string("\"lastSequenceNumber\": \"1")
            << std::string("\"lastSequenceNumber\": \"100000000000000000000\", \"x\": \"")
            << std::string("$.stream: unknown field 'x'");
        QTest::newRow("appended") << std::string("\"appended\": ") << std::string("\"appended\": 9")
                                  << std::string("$.stream.shards: shard 0: ");
        QTest::newRow("cache") << std::string("{\"cache\": \"pizza\"") << std::string("{\"cache\": \"nacho\"")
                               << std::string("cache: no cache 'nacho' in $.caches");
        QTest::newRow("ttl") << std::string("\"remainingTtlMs\": ") << std::string("\"remainingTtlMs\": -")
                             << std::string("remainingTtlMs: must be from 1 to 86400000");
        QTest::newRow("checkpoint lane") << std::string("\"lane\": 0") << std::string("\"lane\": 1")
                                         << std::string("$.mapping.checkpoints[0].lane: must be from 0 to 0");
        QTest::newRow("subscriber") << std::string("{\"name\": \"watcher\"") << std::string("{\"name\": \"\"")
                                    << std::string("$.subscribers.named[0]: a subscriber needs a name and a topic");
        QTest::newRow("not an object") << std::string("{\n    \"orderlab-state\"")
                                       << std::string("[{\n    \"orderlab-state\"") << std::string("w.json:");
    }
    void badInputIsRefusedNamingThePlace()
    {
        QFETCH(std::string, from);
        QFETCH(std::string, to);
        QFETCH(std::string, error);
        const std::string actual = errorOf(replaced(savedWorld(), from, to));
        QVERIFY2(actual.find(error) != std::string::npos, ("got: " + actual).c_str());
        QVERIFY2(actual.starts_with("w.json"), actual.c_str());
    }

    void twoItemsWithOneKeyAreRefused()
    {
        state::WorldState s = state::readState(savedWorld(), "w.json");
        s.tables.front().items.push_back(s.tables.front().items.front());
        const std::string actual = errorOf(state::writeState(s));
        QVERIFY2(actual.find("$.tables[0].items: item 5: an earlier item has the same key") != std::string::npos,
                 actual.c_str());
    }

    void recordsOutOfOrderAreRefused()
    {
        state::WorldState s = state::readState(savedWorld(), "w.json");
        auto &records = s.stream.shards[0].records.empty() ? s.stream.shards[1].records : s.stream.shards[0].records;
        QVERIFY(records.size() >= 2);
        std::swap(records[0], records[1]);
        const std::string actual = errorOf(state::writeState(s));
        QVERIFY2(actual.find("is out of order") != std::string::npos, actual.c_str());
    }

    void deepNestingAndJunkDoNotCrash()
    {
        QVERIFY(!errorOf(std::string(100000, '[')).empty());
        QVERIFY(!errorOf("").empty());
        QVERIFY(!errorOf("null").empty());
        QVERIFY(!errorOf("{\"orderlab-state\": 1}").empty());
    }

    void textThatIsNotUtf8IsRefusedWhereItIs()
    {
        // Found by fuzz_state: a raw 0xED byte in a record's JSON was read, and written back as JSON that did not
        // read again (the writer's escaping takes its input to be UTF-8).
        QCOMPARE(errorOf("{\"a\":\n \"na\xed"
                         "e\"}"),
                 std::string("w.json:2:5: not UTF-8 (a state file is UTF-8 text)"));
        QCOMPARE(errorOf("\"\xc0\x80\""), std::string("w.json:1:2: not UTF-8 (a state file is UTF-8 text)"));
        QCOMPARE(errorOf("\"\xed\xa0\x80\""), std::string("w.json:1:2: not UTF-8 (a state file is UTF-8 text)"));
        QVERIFY(errorOf("\"\xc3\xa9\xf0\x9f\x8d\x95\"").find("not UTF-8") == std::string::npos);
    }

    void aFileOverTheLimitIsNotRead()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("big.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(static_cast<qint64>(state::kMaxStateBytes) + 1));
        f.close();
        try {
            state::readStateFile(path.toStdString());
            QFAIL("a file over the limit was read");
        } catch (const state::StateError &e) {
            QVERIFY2(std::string(e.what()).find("more than the 67108864") != std::string::npos, e.what());
        }
        try {
            state::readStateFile(dir.filePath(QStringLiteral("none.json")).toStdString());
            QFAIL("a missing file was read");
        } catch (const state::StateError &e) {
            QVERIFY2(std::string(e.what()).find("none.json: cannot read it") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstStateFile)
#include "tst_state_file.moc"
