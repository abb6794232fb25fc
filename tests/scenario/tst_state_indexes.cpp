// State files keep each table's secondary indexes (docs/state-files.md, "Indexes"): a table with a GSI and an LSI
// saved, read back into a new world and queried through the DynamoDB API by IndexName answers as before; the
// reader refuses index definitions DynamoDB could not have, naming the place. The restore counts the LSI's item
// collections again.
#include "api_caller.h"
#include "state/state_capture.h"
#include "state/state_reader.h"
#include "state/state_restore.h"
#include "state/state_writer.h"
#include "world/world.h"

#include <QtTest>

using namespace orderlab;
using orderlab::scenario::ApiCaller;

namespace {
const char *kCreate = R"({"TableName":"users","BillingMode":"PAY_PER_REQUEST",
 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"at","AttributeType":"N"},
  {"AttributeName":"email","AttributeType":"S"},{"AttributeName":"kind","AttributeType":"S"}],
 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"at","KeyType":"RANGE"}],
 "GlobalSecondaryIndexes":[{"IndexName":"byEmail","KeySchema":[{"AttributeName":"email","KeyType":"HASH"}],
  "Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["name"]}}],
 "LocalSecondaryIndexes":[{"IndexName":"byKind","KeySchema":[{"AttributeName":"id","KeyType":"HASH"},
  {"AttributeName":"kind","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]})";

const char *kByEmail = R"({"TableName":"users","IndexName":"byEmail","KeyConditionExpression":"email = :e",
 "ExpressionAttributeValues":{":e":{"S":"ann@example.com"}}})";
const char *kByKind = R"({"TableName":"users","IndexName":"byKind","KeyConditionExpression":"id = :i",
 "ExpressionAttributeValues":{":i":{"S":"u1"}},"ScanIndexForward":false})";

WorldConfig config()
{
    WorldConfig c;
    c.pipeline.timing = TimingProfile::instant();
    return c;
}

std::string call(World &world, const std::string &operation, const std::string &request)
{
    ApiCaller api(world);
    const ApiCaller::Answer a = api.call(operation, request);
    if (a.status != 200)
        return "ERROR " + a.error();
    return a.body;
}

/// A world with the table `users` (a GSI and an LSI) and a few items, one of them outside the GSI (no email).
std::string savedWithIndexes()
{
    World world(config());
    world.start();
    call(world, "CreateTable", kCreate);
    for (const char *item :
         {R"({"id":{"S":"u1"},"at":{"N":"1"},"email":{"S":"ann@example.com"},"kind":{"S":"admin"},"name":{"S":"Ann"}})",
          R"({"id":{"S":"u1"},"at":{"N":"2"},"email":{"S":"ann@example.com"},"kind":{"S":"buyer"},"age":{"N":"9"}})",
          R"({"id":{"S":"u2"},"at":{"N":"1"},"kind":{"S":"buyer"}})"})
        call(world, "PutItem", std::string(R"({"TableName":"users","Item":)") + item + "}");
    return state::writeState(state::captureState(world));
}

std::unique_ptr<World> load(const std::string &text)
{
    WorldConfig c = config();
    auto s = std::make_shared<state::WorldState>(state::readState(text, "state.json"));
    state::applyStateConfig(*s, c);
    c.state = s;
    auto world = std::make_unique<World>(c);
    world->start();
    return world;
}
} // namespace

class TstStateIndexes : public QObject
{
    Q_OBJECT
  private slots:
    void indexesAreSavedAndQueriedAfterTheRestore()
    {
        World first(config());
        first.start();
        QVERIFY(!call(first, "CreateTable", kCreate).starts_with("ERROR"));
        for (const char *item : {R"({"id":{"S":"u1"},"at":{"N":"1"},"email":{"S":"ann@example.com"},)"
                                 R"("kind":{"S":"admin"},"name":{"S":"Ann"}})",
                                 R"({"id":{"S":"u1"},"at":{"N":"2"},"email":{"S":"ann@example.com"},)"
                                 R"("kind":{"S":"buyer"},"age":{"N":"9"}})",
                                 R"({"id":{"S":"u2"},"at":{"N":"1"},"kind":{"S":"buyer"}})"}) {
            const std::string put = call(first, "PutItem", std::string(R"({"TableName":"users","Item":)") + item + "}");
            QVERIFY2(!put.starts_with("ERROR"), put.c_str());
        }
        const std::string byEmail = call(first, "Query", kByEmail), byKind = call(first, "Query", kByKind);
        QVERIFY2(byEmail.find("\"Count\":2") != std::string::npos, byEmail.c_str());
        QVERIFY2(byKind.find("\"Count\":2") != std::string::npos, byKind.c_str());

        const std::string saved = state::writeState(state::captureState(first));
        QVERIFY2(saved.find("\"indexes\": [") != std::string::npos, saved.c_str());
        QVERIFY2(saved.find(R"({"name": "byEmail", "global": true, "keySchema": {"hash": {"name": "email", )"
                            R"("type": "S"}}, "projection": "INCLUDE", "nonKeyAttributes": ["name"], )"
                            R"("readCapacityUnits": 0, "writeCapacityUnits": 0})") != std::string::npos,
                 saved.c_str());
        auto second = load(saved);
        QCOMPARE(call(*second, "Query", kByEmail), byEmail);
        QCOMPARE(call(*second, "Query", kByKind), byKind);
        const std::string described = call(*second, "DescribeTable", R"({"TableName":"users"})");
        QVERIFY2(described.find("\"IndexName\":\"byEmail\"") != std::string::npos, described.c_str());
        QVERIFY2(described.find("\"IndexName\":\"byKind\"") != std::string::npos, described.c_str());
        // Writes after the restore keep the restored indexes in step.
        call(*second, "DeleteItem", R"({"TableName":"users","Key":{"id":{"S":"u1"},"at":{"N":"1"}}})");
        const std::string after = call(*second, "Query", kByEmail);
        QVERIFY2(after.find("\"Count\":1") != std::string::npos, after.c_str());
        // Saved again, the same bytes.
        QCOMPARE(state::writeState(state::captureState(*load(saved))), saved);
    }

    void itemCollectionSizesAreCountedAgainAfterTheRestore()
    {
        // A state file holds items, not the running sizes of their collections (docs/dynamodb-indexes.md, "Item
        // collections"): the restore must count them again, or the LSI limit would start from nothing.
        const auto sizes = [](World &world) {
            const auto table = world.pipeline().tables().get("users").table;
            std::vector<std::optional<std::uint64_t>> out;
            for (const char *id : {"u1", "u2", "u3"})
                out.push_back(table->itemCollectionBytes({{"id", dynamodb::AttributeValue::string(id)}}));
            return out;
        };
        World first(config());
        first.start();
        QVERIFY(!call(first, "CreateTable", kCreate).starts_with("ERROR"));
        for (const char *item : {R"({"id":{"S":"u1"},"at":{"N":"1"},"kind":{"S":"admin"},"name":{"S":"Ann"}})",
                                 R"({"id":{"S":"u1"},"at":{"N":"2"},"kind":{"S":"buyer"},"age":{"N":"9"}})",
                                 R"({"id":{"S":"u2"},"at":{"N":"1"},"kind":{"S":"buyer"}})"}) {
            const std::string put = call(first, "PutItem", std::string(R"({"TableName":"users","Item":)") + item + "}");
            QVERIFY2(!put.starts_with("ERROR"), put.c_str());
        }
        const auto before = sizes(first);
        QVERIFY(before[0].value_or(0) > before[1].value_or(0)); // two items against one
        QVERIFY(before[1].value_or(0) > 0);
        QCOMPARE(before[2], std::optional<std::uint64_t>(0));
        auto second = load(state::writeState(state::captureState(first)));
        QCOMPARE(sizes(*second), before);
        QCOMPARE(second->pipeline().tables().get("users").table->itemCollectionCount(), std::size_t(2));
    }

    void aTableWithoutIndexesIsWrittenAsBefore()
    {
        World world(config());
        world.start();
        const std::string saved = state::writeState(state::captureState(world));
        QVERIFY(saved.find("\"indexes\"") == std::string::npos);
        QCOMPARE(state::writeState(state::captureState(*load(saved))), saved);
    }

    void badIndexesAreRefusedNamingThePlace_data()
    {
        QTest::addColumn<std::string>("from");
        QTest::addColumn<std::string>("to");
        QTest::addColumn<std::string>("message");
        // CreateTable adds the local indexes first: byKind is indexes[0], byEmail indexes[1].
        const std::string gsi = R"({"name": "byEmail", "global": true, )";
        QTest::newRow("name") << gsi << std::string(R"({"name": "b!", "global": true, )")
                              << std::string("$.tables[1].indexes[1].name: an index name has 3 to 255 characters");
        QTest::newRow("twice") << std::string(R"("name": "byKind")") << std::string(R"("name": "byEmail")")
                               << std::string("$.tables[1].indexes[1].name: index 'byEmail' is given twice");
        QTest::newRow("projection") << std::string(R"("projection": "KEYS_ONLY")")
                                    << std::string(R"("projection": "SOME")")
                                    << std::string("$.tables[1].indexes[0].projection: must be ALL, KEYS_ONLY or "
                                                   "INCLUDE");
        QTest::newRow("non-key attributes without INCLUDE")
            << std::string(R"("projection": "KEYS_ONLY")")
            << std::string(R"("projection": "KEYS_ONLY", "nonKeyAttributes": ["x"])")
            << std::string("$.tables[1].indexes[0].nonKeyAttributes: only an INCLUDE projection has");
        QTest::newRow("local with another hash")
            << std::string(R"("global": false, "keySchema": {"hash": {"name": "id")")
            << std::string(R"("global": false, "keySchema": {"hash": {"name": "email")")
            << std::string("$.tables[1].indexes[0].keySchema.hash: a local secondary index has the table's hash "
                           "key, id (S)");
        QTest::newRow("a key attribute of two types")
            << std::string(R"({"hash": {"name": "email", "type": "S"}})")
            << std::string(R"({"hash": {"name": "at", "type": "S"}})")
            << std::string("$.tables[1].indexes[1].keySchema.hash.type: attribute at is N in another key schema");
        QTest::newRow("local throughput") << std::string(R"("projection": "KEYS_ONLY", "readCapacityUnits": 0)")
                                          << std::string(R"("projection": "KEYS_ONLY", "readCapacityUnits": 5)")
                                          << std::string("$.tables[1].indexes[0].readCapacityUnits: must be from 0 "
                                                         "to 0");
        QTest::newRow("unknown field") << gsi << std::string(R"({"name": "byEmail", "status": 1, "global": true, )")
                                       << std::string("$.tables[1].indexes[1]: unknown field 'status'");
    }
    void badIndexesAreRefusedNamingThePlace()
    {
        QFETCH(std::string, from);
        QFETCH(std::string, to);
        QFETCH(std::string, message);
        std::string text = savedWithIndexes();
        const auto at = text.find(from);
        QVERIFY2(at != std::string::npos, from.c_str());
        text.replace(at, from.size(), to);
        try {
            state::readState(text, "state.json");
            QFAIL("refused nothing");
        } catch (const state::StateError &e) {
            QVERIFY2(std::string(e.what()).starts_with("state.json: " + message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstStateIndexes)
#include "tst_state_indexes.moc"
