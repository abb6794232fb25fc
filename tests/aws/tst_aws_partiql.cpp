// ExecuteStatement through DynamoDbApi (docs/dynamodb-partiql.md): SELECT as a query or a scan, paged
// with Limit and NextToken, from a table or an index; INSERT, UPDATE and DELETE through the table's
// writes (and so into the stream); parameters and literals; ReturnConsumedCapacity,
// ReturnValuesOnConditionCheckFailure; BatchExecuteStatement; and DynamoDB's texts for what it refuses (no
// sockets). ExecuteTransaction: tst_aws_partiql_transaction.cpp.
#ifndef Q_MOC_RUN
#include "api_harness.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

#ifndef Q_MOC_RUN
namespace {

using test::json;

using test::statementBody;

struct PartiqlApi : test::ApiHarness
{
    js::Value run(const std::string &statement, const std::string &parameters = {}, const std::string &extra = {})
    {
        return ok("ExecuteStatement", statementBody(statement, parameters, extra));
    }
    QString refuses(const std::string &statement, const std::string &parameters = {}, const std::string &extra = {})
    {
        return refused("ExecuteStatement", statementBody(statement, parameters, extra));
    }
    /// The item with key h (and r, a number, when given), as JSON; "none" when absent.
    std::string item(const std::string &table, const std::string &h, const std::string &r = {})
    {
        std::string key = R"({"h":{"S":")" + h + "\"}";
        if (!r.empty())
            key += R"(,"r":{"N":")" + r + "\"}";
        const auto got = ok("GetItem", R"({"TableName":")" + table + R"(","Key":)" + key + "}}");
        const auto *found = got.asObject()->find("Item");
        return found ? json(*found) : "none";
    }
};

QStringList ranges(const js::Value &answer)
{
    return test::column(answer, "r");
}

std::string nextToken(const js::Value &answer)
{
    const auto *token = answer.asObject()->find("NextToken");
    return token ? token->asString() : std::string();
}

} // namespace
#endif

class AwsPartiqlTest : public QObject
{
    Q_OBJECT

  private slots:
    void insertsLiteralsAndParameters();
    void insertRefusesAnExistingKey();
    void selectQueriesScansAndProjects();
    void selectPagesWithLimitAndNextToken();
    void selectReadsAnIndex();
    void updateSetsAndRemovesUnderItsWhereCondition();
    void deleteRemovesUnderItsWhereCondition();
    void returnsConsumedCapacity();
    void refusesWhatDynamoDbRefuses();
    void writesReachTheStream();
    void batchAnswersEachStatementOnItsOwn();
    void batchRefusesMixingReadsAndWrites();
    void batchReturnsConsumedCapacity();
};

#ifndef Q_MOC_RUN
void AwsPartiqlTest::insertsLiteralsAndParameters()
{
    PartiqlApi a;
    a.table("lit", "N");
    const auto answer = a.run("INSERT INTO \"lit\" VALUE {'h': 'a', 'r': 1.50, 'neg': -2e1, 't': TRUE, 'f': false, "
                              "'z': NULL, 'm': {'k': [1, 'x', <<'b', 'a'>>]}, 'ns': <<3, 1>>, 'p': ?}",
                              R"({"B":"AQI="})");
    QCOMPARE(json(answer), std::string(R"({"Items":[]})"));
    QCOMPARE(a.item("lit", "a", "1.5"),
             std::string(R"({"h":{"S":"a"},"r":{"N":"1.5"},"neg":{"N":"-20"},"t":{"BOOL":true},"f":{"BOOL":false},)"
                         R"("z":{"NULL":true},"m":{"M":{"k":{"L":[{"N":"1"},{"S":"x"},{"SS":["b","a"]}]}}},)"
                         R"("ns":{"NS":["3","1"]},"p":{"B":"AQI="}})"));
    a.run("insert into lit value {'h': ?, 'r': ?, 'it''s': 'don''t'}", R"({"S":"b"},{"N":"2"})");
    QCOMPARE(a.item("lit", "b", "2"), std::string(R"({"h":{"S":"b"},"r":{"N":"2"},"it's":{"S":"don't"}})"));
}

void AwsPartiqlTest::insertRefusesAnExistingKey()
{
    PartiqlApi a;
    a.table("dup");
    a.run("INSERT INTO dup VALUE {'h': 'a', 'v': 1}");
    QCOMPARE(a.refuses("INSERT INTO dup VALUE {'h': 'a', 'v': 2}"),
             QString("DuplicateItemException: Duplicate primary key exists in table"));
    QCOMPARE(a.item("dup", "a"), std::string(R"({"h":{"S":"a"},"v":{"N":"1"}})"));
    QCOMPARE(a.refuses("INSERT INTO dup VALUE {'v': 2}"),
             QString("ValidationException: One or more parameter values were invalid: Missing the key h in the item"));
}

void AwsPartiqlTest::selectQueriesScansAndProjects()
{
    PartiqlApi a;
    a.table("sel", "N");
    for (const char *h : {"x", "y", "z"})
        for (int r = 0; r < 3; ++r)
            a.run("INSERT INTO sel VALUE {'h': ?, 'r': ?, 'm': {'c': ?, 'd': 'no'}, 'l': [?, 'tail']}",
                  std::string(R"({"S":")") + h + R"("},{"N":")" + std::to_string(r) + R"("},{"N":")" +
                      std::to_string(r * 10) + R"("},{"S":")" + h + std::to_string(r) + "\"}");
    QCOMPARE(ranges(a.run("SELECT * FROM \"sel\" WHERE h = 'y'")), (QStringList{"0", "1", "2"}));
    QCOMPARE(ranges(a.run("SELECT * FROM sel WHERE h = ? AND r >= 1", R"({"S":"x"})")), (QStringList{"1", "2"}));
    QCOMPARE(test::column(a.run("SELECT * FROM sel WHERE h IN ['z', 'x'] AND r = 2"), "h"), (QStringList{"z", "x"}));
    QCOMPARE(test::column(a.run("SELECT h FROM sel WHERE r BETWEEN 1 AND 1 AND NOT h = 'y'"), "h").size(),
             qsizetype(2));
    QCOMPARE(ranges(a.run("SELECT * FROM sel WHERE m.c > 5 AND (h = 'z' OR h = 'q')")), (QStringList{"1", "2"}));
    QCOMPARE(json(a.run("SELECT r, m.c, l[0] FROM sel WHERE h = 'x' AND r = 2")),
             std::string(R"({"Items":[{"r":{"N":"2"},"m":{"M":{"c":{"N":"20"}}},"l":{"L":[{"S":"x2"}]}}]})"));
    QCOMPARE(a.run("SELECT * FROM sel WHERE begins_with(l[0], 'y') AND m.d IS NOT MISSING AND m.e IS MISSING")
                 .asObject()
                 ->find("Items")
                 ->asArray()
                 ->items.size(),
             std::size_t(3));
    QCOMPARE(a.run("SELECT * FROM sel").asObject()->find("Items")->asArray()->items.size(), std::size_t(9));
    QCOMPARE(json(a.run("SELECT * FROM sel WHERE h = 'none'")), std::string(R"({"Items":[]})"));
    QCOMPARE(json(a.run("SELECT * FROM sel WHERE h = 5")), std::string(R"({"Items":[]})")); // another type: no match
}

void AwsPartiqlTest::selectPagesWithLimitAndNextToken()
{
    PartiqlApi a;
    a.table("pgs", "N");
    for (const char *h : {"a", "b", "c"})
        for (int r = 0; r < 3; ++r)
            a.run("INSERT INTO pgs VALUE {'h': ?, 'r': ?, 'odd': ?}", std::string(R"({"S":")") + h + R"("},{"N":")" +
                                                                          std::to_string(r) + R"("},{"BOOL":)" +
                                                                          (r % 2 ? "true" : "false") + "}");
    const auto collect = [&](const std::string &statement, int limit, int *pages) {
        QStringList got;
        std::string token;
        *pages = 0;
        do {
            std::string extra = "\"Limit\":" + std::to_string(limit);
            if (!token.empty())
                extra += ",\"NextToken\":" + aws::quoted(token);
            const auto page = a.run(statement, {}, extra);
            ++*pages;
            got += test::column(page, "h");
            token = nextToken(page);
        } while (!token.empty() && *pages < 20);
        return got;
    };
    int pages = 0;
    QCOMPARE(collect("SELECT * FROM pgs", 2, &pages).size(), qsizetype(9));
    QCOMPARE(pages, 5);
    // Limit counts the items read, the WHERE clause then picks: a page may come back short, even empty.
    QCOMPARE(collect("SELECT * FROM pgs WHERE odd = true", 4, &pages), (QStringList{"a", "b", "c"}));
    QCOMPARE(pages, 3);
    // An IN list reads its partitions in the order written, a page crossing from one to the next.
    QCOMPARE(collect("SELECT * FROM pgs WHERE h IN ('c', 'a')", 2, &pages),
             (QStringList{"c", "c", "c", "a", "a", "a"}));
    QCOMPARE(pages, 3);
    const auto first = a.run("SELECT * FROM pgs", {}, "\"Limit\":1");
    QCOMPARE(json(*first.asObject()->find("LastEvaluatedKey")), std::string(R"({"h":{"S":"a"},"r":{"N":"0"}})"));
    QCOMPARE(a.refuses("SELECT * FROM pgs WHERE h = 'a'", {}, "\"NextToken\":" + aws::quoted(nextToken(first))),
             QString("ValidationException: Invalid NextToken"));
    QCOMPARE(a.refuses("SELECT * FROM pgs", {}, "\"NextToken\":\"bm90IGEgdG9rZW4=\""),
             QString("ValidationException: Invalid NextToken"));
    QCOMPARE(a.refuses("SELECT * FROM pgs", {}, "\"Limit\":0"),
             QString("ValidationException: 1 validation error detected: Value '0' at 'limit' failed to satisfy "
                     "constraint: Member must have value greater than or equal to 1"));
}

void AwsPartiqlTest::selectReadsAnIndex()
{
    PartiqlApi a;
    a.ok("CreateTable",
         R"({"TableName":"shops","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"h",)"
         R"("AttributeType":"S"},{"AttributeName":"city","AttributeType":"S"}],"KeySchema":[{"AttributeName":"h",)"
         R"("KeyType":"HASH"}],"GlobalSecondaryIndexes":[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city",)"
         R"("KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]})");
    a.run("INSERT INTO shops VALUE {'h': 'a', 'city': 'Oslo'}");
    a.run("INSERT INTO shops VALUE {'h': 'b', 'city': 'Bergen'}");
    a.run("INSERT INTO shops VALUE {'h': 'c', 'city': 'Oslo'}");
    a.run("INSERT INTO shops VALUE {'h': 'd'}");
    QCOMPARE(test::column(a.run("SELECT h FROM \"shops\".\"byCity\" WHERE city = 'Oslo'"), "h"),
             (QStringList{"a", "c"}));
    QCOMPARE(a.run("SELECT * FROM shops.byCity").asObject()->find("Items")->asArray()->items.size(), std::size_t(3));
    QCOMPARE(a.refuses("SELECT * FROM shops.nope"),
             QString("ValidationException: The table does not have the specified index: nope"));
    QCOMPARE(a.refuses("SELECT * FROM shops.byCity", {}, "\"ConsistentRead\":true"),
             QString("ValidationException: Consistent reads are not supported on global secondary indexes"));
}

void AwsPartiqlTest::updateSetsAndRemovesUnderItsWhereCondition()
{
    PartiqlApi a;
    a.table("upd", "N");
    a.run("INSERT INTO upd VALUE {'h': 'a', 'r': 1, 'n': 5, 'gone': 'x', 'm': {'k': 1}}");
    a.run("UPDATE upd SET n = n + ?, s = 'new' SET m.k = 2 REMOVE gone WHERE h = 'a' AND r = 1", R"({"N":"3"})");
    QCOMPARE(a.item("upd", "a", "1"),
             std::string(R"({"h":{"S":"a"},"r":{"N":"1"},"n":{"N":"8"},"m":{"M":{"k":{"N":"2"}}},"s":{"S":"new"}})"));
    // The WHERE clause's other terms are the write's condition.
    QCOMPARE(a.refuses("UPDATE upd SET n = 0 WHERE h = 'a' AND r = 1 AND n > 100"),
             QString("ConditionalCheckFailedException: The conditional request failed"));
    const auto failed =
        a.call("ExecuteStatement", statementBody("UPDATE upd SET n = 0 WHERE h = 'a' AND r = 1 AND n > 100", {},
                                                 R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD")"));
    QCOMPARE(failed.status, 400);
    QVERIFY2(failed.body.find(R"("Item":{"h":{"S":"a"},"r":{"N":"1"},"n":{"N":"8"})") != std::string::npos,
             failed.body.c_str());
    // UPDATE is no upsert: a missing item fails the condition and nothing is created.
    QCOMPARE(a.refuses("UPDATE upd SET n = 0 WHERE h = 'b' AND r = 1"),
             QString("ConditionalCheckFailedException: The conditional request failed"));
    QCOMPARE(a.item("upd", "b", "1"), std::string("none"));
    QCOMPARE(a.refuses("UPDATE upd SET n = 0 WHERE h = 'a'"),
             QString("ValidationException: Where clause does not contain a mandatory equality on all key attributes"));
    QCOMPARE(a.refuses("UPDATE upd SET h = 'b' WHERE h = 'a' AND r = 1"),
             QString("ValidationException: One or more parameter values were invalid: Cannot update attribute h. "
                     "This attribute is part of the key"));
    QCOMPARE(a.refuses("UPDATE upd SET n = n + 'x' WHERE h = 'a' AND r = 1"),
             QString("ValidationException: An operand in the update expression has an incorrect data type"));
    QCOMPARE(a.item("upd", "a", "1"),
             std::string(R"({"h":{"S":"a"},"r":{"N":"1"},"n":{"N":"8"},"m":{"M":{"k":{"N":"2"}}},"s":{"S":"new"}})"));
}

void AwsPartiqlTest::deleteRemovesUnderItsWhereCondition()
{
    PartiqlApi a;
    a.table("del");
    a.run("INSERT INTO del VALUE {'h': 'a', 'v': 1}");
    a.run("INSERT INTO del VALUE {'h': 'b', 'v': 2}");
    QCOMPARE(a.refuses("DELETE FROM del WHERE h = 'a' AND v = 2"),
             QString("ConditionalCheckFailedException: The conditional request failed"));
    const auto failed =
        a.call("ExecuteStatement", statementBody("DELETE FROM del WHERE h = ? AND v <> 1", R"({"S":"a"})",
                                                 R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD")"));
    QVERIFY2(failed.body.find(R"("Item":{"h":{"S":"a"},"v":{"N":"1"}})") != std::string::npos, failed.body.c_str());
    QCOMPARE(a.item("del", "a"), std::string(R"({"h":{"S":"a"},"v":{"N":"1"}})"));
    QCOMPARE(json(a.run("DELETE FROM del WHERE h = 'a' AND v = 1")), std::string(R"({"Items":[]})"));
    QCOMPARE(a.item("del", "a"), std::string("none"));
    a.run("DELETE FROM \"del\" WHERE \"h\" = 'missing'"); // a missing item: nothing to delete, no error
    QCOMPARE(a.refuses("DELETE FROM del WHERE v = 2"),
             QString("ValidationException: Where clause does not contain a mandatory equality on all key attributes"));
    QCOMPARE(a.item("del", "b"), std::string(R"({"h":{"S":"b"},"v":{"N":"2"}})"));
}

void AwsPartiqlTest::returnsConsumedCapacity()
{
    PartiqlApi a;
    a.table("cap");
    QCOMPARE(json(a.run("INSERT INTO cap VALUE {'h': 'a'}", {}, R"("ReturnConsumedCapacity":"TOTAL")")),
             std::string(R"({"Items":[],"ConsumedCapacity":{"TableName":"cap","CapacityUnits":1,)"
                         R"("WriteCapacityUnits":1}})"));
    QCOMPARE(json(a.run("SELECT h FROM cap WHERE h = 'a'", {}, R"("ReturnConsumedCapacity":"TOTAL")")),
             std::string(R"({"Items":[{"h":{"S":"a"}}],"ConsumedCapacity":{"TableName":"cap","CapacityUnits":0.5,)"
                         R"("ReadCapacityUnits":0.5}})"));
    QCOMPARE(a.refuses("SELECT * FROM cap", {}, R"("ReturnConsumedCapacity":"ALL")"),
             QString("ValidationException: 1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' "
                     "failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"));
}

void AwsPartiqlTest::refusesWhatDynamoDbRefuses()
{
    PartiqlApi a;
    a.table("bad");
    const QString wellFormed = "ValidationException: Statement wasn't well formed, can't be processed: ";
    QCOMPARE(a.refuses("CREATE TABLE x"), wellFormed + "Expected data manipulation");
    QCOMPARE(a.refuses("SELECT * FROM"), wellFormed + "Unexpected end of statement");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE"), wellFormed + "Unexpected end of statement");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h = 'a"), wellFormed + "Unterminated string literal");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h = 'a' h"), wellFormed + "Unexpected token: h");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h = 'a' AND from = 1"), wellFormed + "Unexpected keyword: from");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h # 1"), wellFormed + "Unexpected character");
    QCOMPARE(a.refuses(std::string(200, '(') + "SELECT"), wellFormed + "Expected data manipulation");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE " + std::string(100, '(') + "h = 1" + std::string(100, ')')),
             wellFormed + "Statement is nested too deeply");
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h = ?"),
             QString("ValidationException: Number of parameters in request and statement don't match."));
    QCOMPARE(a.refuses("SELECT * FROM bad WHERE h = ?", R"({"S":"a"},{"S":"b"})"),
             QString("ValidationException: Number of parameters in request and statement don't match."));
    QCOMPARE(a.refused("ExecuteStatement", R"({"Statement":"SELECT * FROM bad","Parameters":[]})"),
             QString("ValidationException: 1 validation error detected: Value '[]' at 'parameters' failed to satisfy "
                     "constraint: Member must have length greater than or equal to 1"));
    QCOMPARE(a.refused("ExecuteStatement", "{}"),
             QString("ValidationException: 1 validation error detected: Value null at 'statement' failed to satisfy "
                     "constraint: Member must not be null"));
    // AWS's text for every PartiQL operation (recorded), not the item operations' "Cannot do operations on ..."
    QCOMPARE(a.refuses("SELECT * FROM nope"), QString("ResourceNotFoundException: Requested resource not found"));
    QCOMPARE(a.refuses("INSERT INTO nope VALUE {'h': 'a'}"),
             QString("ResourceNotFoundException: Requested resource not found"));
    QCOMPARE(a.refuses("UPDATE nope SET v = 1 WHERE h = 'a'"),
             QString("ResourceNotFoundException: Requested resource not found"));
    QCOMPARE(a.refuses("DELETE FROM nope WHERE h = 'a'"),
             QString("ResourceNotFoundException: Requested resource not found"));
    QCOMPARE(a.refuses("INSERT INTO bad VALUE {'h': 'a', 'n': 1e999}"),
             QString("ValidationException: Number overflow. Attempting to store a number with magnitude larger than "
                     "supported range"));
    QCOMPARE(
        a.refuses("INSERT INTO bad VALUE {'h': 'a', 's': <<'x', 1>>}"),
        QString("ValidationException: Invalid set: a set holds strings, numbers or binary values, all of one type"));
    QCOMPARE(a.refuses("INSERT INTO bad VALUE {'h': 'a', 'm': {'k': 1, 'k': 2}}"),
             QString("ValidationException: One or more parameter values were invalid: Duplicate attribute name k in a "
                     "map"));
    QCOMPARE(a.refuses("INSERT INTO bad VALUE 'a'"),
             wellFormed + "INSERT's VALUE must be a tuple {'name': value, ...}");
    QCOMPARE(a.refuses("INSERT INTO bad.idx VALUE {'h': 'a'}"),
             QString("ValidationException: FROM clause may only contain a single table name in data manipulation "
                     "statements"));
    QCOMPARE(a.refuses("DELETE FROM bad.idx WHERE h = 'a'"),
             QString("ValidationException: FROM clause may only contain a single table name in data manipulation "
                     "statements"));
    QCOMPARE(a.refuses("DELETE FROM bad WHERE h = 'a'", {}, R"("NextToken":"abc")"),
             QString("ValidationException: NextToken is only valid on a SELECT statement"));
    QCOMPARE(a.refuses("DELETE FROM bad WHERE h = 'a'", {}, R"("ReturnValuesOnConditionCheckFailure":"ALL_NEW")"),
             QString("ValidationException: 1 validation error detected: Value 'ALL_NEW' at "
                     "'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum "
                     "value set: [ALL_OLD, NONE]"));
    QVERIFY(a.refused("ExecuteStatement", statementBody(std::string(8193, ' ')))
                .startsWith("ValidationException: 1 validation error detected: Value '  "));
    QVERIFY(a.refused("ExecuteStatement", statementBody(std::string(8193, ' ')))
                .endsWith("' at 'statement' failed to satisfy constraint: Member must have length less than or equal "
                          "to 8192"));
    QCOMPARE(a.pipeline.tables().get("bad").table->size(), std::size_t(0)); // nothing refused was written
}

void AwsPartiqlTest::writesReachTheStream()
{
    PartiqlApi a;
    const std::size_t before = a.pipeline.stream().size();
    a.run("INSERT INTO orders VALUE {'pk': 'o-1', 'status': 'NEW'}");
    a.run("UPDATE orders SET status = ? WHERE pk = 'o-1'", R"({"S":"BAKING"})");
    a.run("DELETE FROM orders WHERE pk = 'o-1' AND status = 'BAKING'");
    auto &stream = a.pipeline.stream();
    QCOMPARE(stream.size(), before + 3);
    const auto records = stream.read(stream.shardFor("o-1"), 0, 100);
    QStringList events;
    for (const auto &record : records)
        if (record->pk == "o-1")
            events << record->eventName();
    QCOMPARE(events, (QStringList{"INSERT", "MODIFY", "REMOVE"}));
    const std::string &modify = records[records.size() - 2]->json;
    QVERIFY2(modify.find(R"("NewImage":{"pk":{"S":"o-1"},"status":{"S":"BAKING"}})") != std::string::npos,
             modify.c_str());
    QVERIFY2(modify.find(R"("OldImage":{"pk":{"S":"o-1"},"status":{"S":"NEW"}})") != std::string::npos, modify.c_str());
}

void AwsPartiqlTest::batchAnswersEachStatementOnItsOwn()
{
    PartiqlApi a;
    a.table("bat", "N");
    a.run("INSERT INTO bat VALUE {'h': 'a', 'r': 1, 'v': 'old'}");
    const auto answer =
        a.ok("BatchExecuteStatement",
             R"({"Statements":[{"Statement":"INSERT INTO bat VALUE {'h': 'b', 'r': 2}"},)"
             R"({"Statement":"INSERT INTO bat VALUE {'h': 'a', 'r': 1}"},)"
             R"({"Statement":"UPDATE bat SET v = ? WHERE h = 'a' AND r = 1 AND v = 'other'","Parameters":[{"S":"x"}],)"
             R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD"},)"
             R"({"Statement":"DELETE FROM nope WHERE h = 'a'"},)"
             R"({"Statement":"SELEC"},)"
             R"({"Statement":"UPDATE bat SET v = 'new' WHERE h = 'a' AND r = 1"}]})");
    QCOMPARE(json(answer),
             std::string(R"({"Responses":[{"TableName":"bat"},)"
                         R"({"Error":{"Code":"DuplicateItem","Message":"Duplicate primary key exists in table"}},)"
                         R"({"Error":{"Code":"ConditionalCheckFailed","Message":"The conditional request failed",)"
                         R"("Item":{"h":{"S":"a"},"r":{"N":"1"},"v":{"S":"old"}}}},)"
                         R"({"Error":{"Code":"ResourceNotFound","Message":"Requested resource not found"}},)"
                         R"({"Error":{"Code":"ValidationError","Message":"Statement wasn't well formed, can't be )"
                         R"(processed: Expected data manipulation"}},)"
                         R"({"TableName":"bat"}]})"));
    QCOMPARE(a.item("bat", "a", "1"), std::string(R"({"h":{"S":"a"},"r":{"N":"1"},"v":{"S":"new"}})"));
    const auto read =
        a.ok("BatchExecuteStatement", R"({"Statements":[{"Statement":"SELECT v FROM bat WHERE h = 'a' AND r = 1"},)"
                                      R"({"Statement":"SELECT * FROM bat WHERE h = 'zz' AND r = 1"},)"
                                      R"({"Statement":"SELECT * FROM bat WHERE h = 'a'"}]})");
    QCOMPARE(json(read),
             std::string(R"({"Responses":[{"TableName":"bat","Item":{"v":{"S":"new"}}},)"
                         R"({"TableName":"bat"},)"
                         R"({"Error":{"Code":"ValidationError","Message":"Select statements within )"
                         R"(BatchExecuteStatement must specify the primary key in the where clause."}}]})"));
    QCOMPARE(a.refused("BatchExecuteStatement", R"({"Statements":[]})"),
             QString("ValidationException: 1 validation error detected: Value at 'statements' failed to satisfy "
                     "constraint: Member must have length greater than or equal to 1"));
}

void AwsPartiqlTest::batchRefusesMixingReadsAndWrites()
{
    PartiqlApi a;
    a.table("mix");
    a.run("INSERT INTO mix VALUE {'h': 'a'}");
    const QString mixed = "ValidationException: Read and write requests together in the same batch is not supported.";
    QCOMPARE(a.refused("BatchExecuteStatement", R"({"Statements":[{"Statement":"SELECT * FROM mix WHERE h = 'a'"},)"
                                                R"({"Statement":"INSERT INTO mix VALUE {'h': 'b'}"}]})"),
             mixed);
    QCOMPARE(a.refused("BatchExecuteStatement", R"({"Statements":[{"Statement":"DELETE FROM mix WHERE h = 'a'"},)"
                                                R"({"Statement":"SELECT * FROM mix WHERE h = 'a'"}]})"),
             mixed);
    QCOMPARE(a.item("mix", "b"), std::string("none")); // refused whole: nothing ran
    QCOMPARE(a.item("mix", "a"), std::string(R"({"h":{"S":"a"}})"));
    // A statement that cannot be read is answered with its error and is neither a read nor a write; EXISTS is
    // refused as ExecuteStatement refuses it.
    const auto answer =
        a.ok("BatchExecuteStatement", R"({"Statements":[{"Statement":"SELEC * FROM mix"},)"
                                      R"~({"Statement":"EXISTS(SELECT * FROM mix WHERE h = 'a' AND v = 1)"},)~"
                                      R"({"Statement":"INSERT INTO mix VALUE {'h': 'b'}"}]})");
    QCOMPARE(json(answer),
             std::string(R"({"Responses":[{"Error":{"Code":"ValidationError","Message":"Statement wasn't well )"
                         R"(formed, can't be processed: Expected data manipulation"}},)"
                         R"({"Error":{"Code":"ValidationError","Message":"EXISTS can only be used in )"
                         R"(ExecuteTransaction write requests."}},{"TableName":"mix"}]})"));
    QCOMPARE(a.item("mix", "b"), std::string(R"({"h":{"S":"b"}})"));
}

void AwsPartiqlTest::batchReturnsConsumedCapacity()
{
    PartiqlApi a;
    a.table("bcap");
    a.table("bcap2");
    // Writes: each statement on its own, per table in name order (a 1.5 KB item: 2 units).
    QCOMPARE(json(a.ok("BatchExecuteStatement",
                       R"({"ReturnConsumedCapacity":"TOTAL","Statements":[)"
                       R"({"Statement":"INSERT INTO bcap2 VALUE {'h': 'a'}"},)"
                       R"({"Statement":"INSERT INTO bcap VALUE {'h': 'a', 'pad': ?}","Parameters":[{"S":")" +
                           std::string(1500, 'x') + R"("}]},{"Statement":"INSERT INTO bcap VALUE {'h': 'b'}"}]})")),
             std::string(R"({"Responses":[{"TableName":"bcap2"},{"TableName":"bcap"},{"TableName":"bcap"}],)"
                         R"("ConsumedCapacity":[{"TableName":"bcap","CapacityUnits":3,"WriteCapacityUnits":3},)"
                         R"({"TableName":"bcap2","CapacityUnits":1,"WriteCapacityUnits":1}]})"));
    // Reads: each a GetItem, ConsistentRead per statement, an absent item charged as an empty one.
    const auto read =
        a.ok("BatchExecuteStatement", R"({"ReturnConsumedCapacity":"TOTAL","Statements":[)"
                                      R"({"Statement":"SELECT h FROM bcap WHERE h = 'a'","ConsistentRead":true},)"
                                      R"({"Statement":"SELECT h FROM bcap WHERE h = 'b'"},)"
                                      R"({"Statement":"SELECT h FROM bcap WHERE h = 'zz'"}]})");
    QCOMPARE(json(*read.asObject()->find("ConsumedCapacity")),
             std::string(R"([{"TableName":"bcap","CapacityUnits":2,"ReadCapacityUnits":2}])"));
    QCOMPARE(a.refused("BatchExecuteStatement", R"({"ReturnConsumedCapacity":"SOME","Statements":[)"
                                                R"({"Statement":"INSERT INTO bcap VALUE {'h': 'c'}"}]})"),
             QString("ValidationException: 1 validation error detected: Value 'SOME' at 'returnConsumedCapacity' "
                     "failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"));
    QCOMPARE(a.item("bcap", "c"), std::string("none"));
}
#endif

QTEST_GUILESS_MAIN(AwsPartiqlTest)
#include "tst_aws_partiql.moc"
