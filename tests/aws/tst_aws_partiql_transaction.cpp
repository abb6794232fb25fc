// ExecuteTransaction through DynamoDbApi (docs/dynamodb-partiql.md, "ExecuteTransaction"): writes all or nothing
// through the tables' writes (and so the stream), CancellationReasons in request order as TransactWriteItems
// gives them, reads together in request order, ClientRequestToken, ConsumedCapacity, and DynamoDB's texts for what
// it refuses (no sockets).
#ifndef Q_MOC_RUN
#include "api_harness.h"
#include "client_tokens.h"
#endif

#include <QtTest>

#include <initializer_list>

using namespace orderlab;
using namespace orderlab::aws;

#ifndef Q_MOC_RUN
namespace {

using test::json;

/// One member of TransactStatements: the members of an ExecuteStatement body.
std::string member(const std::string &statement, const std::string &parameters = {}, const std::string &extra = {})
{
    return test::statementBody(statement, parameters, extra);
}

/// An ExecuteTransaction body of `members` (member() texts) and `extra` request members.
std::string transaction(std::initializer_list<std::string> members, const std::string &extra = {})
{
    std::string out = "{\"TransactStatements\":[";
    bool first = true;
    for (const auto &m : members) {
        out += (first ? "" : ",") + m;
        first = false;
    }
    out += "]";
    if (!extra.empty())
        out += "," + extra;
    return out + "}";
}

struct TransactionApi : test::ApiHarness
{
    TransactionApi()
    {
        for (const char *row : {"{'pk': 'keep', 'status': 'NEW', 'n': 1}", "{'pk': 'gone', 'status': 'NEW'}",
                                "{'pk': 'ready', 'status': 'READY'}"})
            ok("ExecuteStatement",
               "{\"Statement\":" + aws::quoted(std::string("INSERT INTO orders VALUE ") + row) + "}");
    }
    std::string run(const std::string &body) { return json(ok("ExecuteTransaction", body)); }
    QString refuses(const std::string &body) { return refused("ExecuteTransaction", body); }
    /// The orders item `pk` as JSON; "none" when absent.
    std::string order(const std::string &pk)
    {
        const auto item = pipeline.table().get(pk);
        return item ? dynamodb::itemJson(*item) : "none";
    }
    std::size_t records() { return pipeline.stream().size(); }
    /// The parsed body of a refused transaction (status 400 checked).
    js::Value cancelled(const std::string &body)
    {
        const auto answer = call("ExecuteTransaction", body);
        if (answer.status != 400)
            qFatal("not refused: %s", answer.body.c_str());
        return js::parseJson(answer.body);
    }
};

std::string reasons(const js::Value &body)
{
    const auto *found = body.asObject()->find("CancellationReasons");
    return found ? json(*found) : "none";
}

std::string message(const js::Value &body)
{
    return body.asObject()->find("Message")->asString();
}

const std::string kInsertNew = member("INSERT INTO orders VALUE {'pk': 'new', 'status': 'NEW'}");
const std::string kBakeKeep = member("UPDATE orders SET status = ?, n = n + 1 WHERE pk = 'keep'", R"({"S":"BAKING"})");
const std::string kDeleteGone = member("DELETE FROM orders WHERE pk = 'gone' AND status = 'NEW'");
const std::string kReadyIsReady = member("EXISTS(SELECT * FROM orders WHERE pk = 'ready' AND status = 'READY')");

} // namespace
#endif

class AwsPartiqlTransactionTest : public QObject
{
    Q_OBJECT

  private slots:
    void writesApplyTogetherThroughTheStream();
    void aFailureCancelsEveryWriteWithReasonsInOrder();
    void eachKindOfFailureIsItsReason();
    void readsAnswerInRequestOrder();
    void refusesMixingReadsAndWrites();
    void refusesWhatDynamoDbRefuses();
    void clientRequestTokenMakesARetryHarmless();
    void rememberedTokensAreBounded();
    void returnsConsumedCapacity();
};

#ifndef Q_MOC_RUN
void AwsPartiqlTransactionTest::writesApplyTogetherThroughTheStream()
{
    TransactionApi a;
    const std::size_t before = a.records();
    QCOMPARE(a.run(transaction({kInsertNew, kBakeKeep, kDeleteGone, kReadyIsReady})),
             std::string(R"({"Responses":[]})"));
    QCOMPARE(a.order("new"), std::string(R"({"pk":{"S":"new"},"status":{"S":"NEW"}})"));
    QCOMPARE(a.order("keep"), std::string(R"({"pk":{"S":"keep"},"status":{"S":"BAKING"},"n":{"N":"2"}})"));
    QCOMPARE(a.order("gone"), std::string("none"));
    QCOMPARE(a.records(), before + 3); // one record per write; EXISTS writes nothing
    // A DELETE of an absent item is no failure, as ExecuteStatement's.
    a.run(transaction({member("DELETE FROM orders WHERE pk = 'nobody' AND status = 'NEW'"),
                       member("DELETE FROM orders WHERE pk = 'new'")}));
    QCOMPARE(a.order("new"), std::string("none"));
}

void AwsPartiqlTransactionTest::aFailureCancelsEveryWriteWithReasonsInOrder()
{
    TransactionApi a;
    const std::size_t before = a.records();
    const auto failedUpdate = member("UPDATE orders SET status = 'BAKING' WHERE pk = 'keep' AND status = 'DONE'", {},
                                     R"("ReturnValuesOnConditionCheckFailure":"ALL_OLD")");
    const auto body = a.cancelled(transaction({kInsertNew, failedUpdate, kDeleteGone}));
    QCOMPARE(body.asObject()->find("__type")->asString(),
             std::string("com.amazonaws.dynamodb.v20120810#TransactionCanceledException"));
    QCOMPARE(message(body), std::string("Transaction cancelled, please refer cancellation reasons for specific reasons "
                                        "[None, ConditionalCheckFailed, None]"));
    QCOMPARE(reasons(body),
             std::string(R"([{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request )"
                         R"(failed","Item":{"pk":{"S":"keep"},"status":{"S":"NEW"},"n":{"N":"1"}}},{"Code":"None"}])"));
    // Nothing of it was written, and the stream saw nothing.
    QCOMPARE(a.order("new"), std::string("none"));
    QCOMPARE(a.order("keep"), std::string(R"({"pk":{"S":"keep"},"status":{"S":"NEW"},"n":{"N":"1"}})"));
    QCOMPARE(a.order("gone"), std::string(R"({"pk":{"S":"gone"},"status":{"S":"NEW"}})"));
    QCOMPARE(a.records(), before);
}

void AwsPartiqlTransactionTest::eachKindOfFailureIsItsReason()
{
    TransactionApi a;
    const std::size_t before = a.records();
    // An INSERT of a stored key, an EXISTS that does not hold, an UPDATE of an absent item, an update that cannot
    // apply; the DELETE of an absent item passes.
    const auto body = a.cancelled(transaction({
        member("INSERT INTO orders VALUE {'pk': 'keep'}"),
        member("EXISTS(SELECT * FROM orders WHERE pk = 'ready' AND status = 'NEW')"),
        member("UPDATE orders SET status = 'X' WHERE pk = 'nobody'"),
        member("UPDATE orders SET status = status + 1 WHERE pk = 'gone'"),
        member("DELETE FROM orders WHERE pk = 'absent' AND status = 'NEW'"),
    }));
    QCOMPARE(message(body), std::string("Transaction cancelled, please refer cancellation reasons for specific reasons "
                                        "[ValidationError, ConditionalCheckFailed, ConditionalCheckFailed, "
                                        "ValidationError, None]"));
    QCOMPARE(reasons(body),
             std::string(R"([{"Code":"ValidationError","Message":"Duplicate primary key exists in table"},)"
                         R"({"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},)"
                         R"({"Code":"ConditionalCheckFailed","Message":"The conditional request failed"},)"
                         R"({"Code":"ValidationError","Message":"An operand in the update expression has an )"
                         R"(incorrect data type"},{"Code":"None"}])"));
    // A statement that can never run cancels before anything runs: its reason, the others None.
    const auto keyless = a.cancelled(transaction({kInsertNew, member("UPDATE orders SET status = 'X' WHERE n = 1")}));
    QCOMPARE(message(keyless), std::string("Transaction cancelled, please refer cancellation reasons for specific "
                                           "reasons [None, ValidationError]"));
    QCOMPARE(reasons(keyless),
             std::string(R"([{"Code":"None"},{"Code":"ValidationError","Message":"Where clause does not contain a )"
                         R"(mandatory equality on all key attributes"}])"));
    const auto keyUpdate = a.cancelled(transaction({member("UPDATE orders SET pk = 'other' WHERE pk = 'keep'")}));
    QCOMPARE(reasons(keyUpdate),
             std::string(R"([{"Code":"ValidationError","Message":"One or more parameter values were invalid: Cannot )"
                         R"(update attribute pk. This attribute is part of the key"}])"));
    const auto badItem = a.cancelled(transaction({member("INSERT INTO orders VALUE {'status': 'NEW'}")}));
    QCOMPARE(reasons(badItem),
             std::string(R"([{"Code":"ValidationError","Message":"One or more parameter values were invalid: )"
                         R"(Missing the key pk in the item"}])"));
    QCOMPARE(a.order("new"), std::string("none"));
    QCOMPARE(a.records(), before);
}

void AwsPartiqlTransactionTest::readsAnswerInRequestOrder()
{
    TransactionApi a;
    a.table("txr", "N");
    a.ok("ExecuteStatement", R"({"Statement":"INSERT INTO txr VALUE {'h': 'a', 'r': 1, 'v': 'first'}"})");
    a.ok("ExecuteStatement", R"({"Statement":"INSERT INTO txr VALUE {'h': 'b', 'r': 2, 'v': 'second', 'w': 0}"})");
    QCOMPARE(a.run(transaction({member("SELECT v, w FROM txr WHERE r = 2 AND h = ?", R"({"S":"b"})"),
                                member("SELECT * FROM txr WHERE h = 'zz' AND r = 1"),
                                member("SELECT * FROM \"txr\" WHERE \"h\" = 'a' AND \"r\" = 1"),
                                member("SELECT * FROM orders WHERE pk = 'keep'")},
                               R"("ReturnConsumedCapacity":"TOTAL")")),
             std::string(R"({"Responses":[{"Item":{"v":{"S":"second"},"w":{"N":"0"}}},{},)"
                         R"({"Item":{"h":{"S":"a"},"r":{"N":"1"},"v":{"S":"first"}}},)"
                         R"({"Item":{"pk":{"S":"keep"},"status":{"S":"NEW"},"n":{"N":"1"}}}],)"
                         R"("ConsumedCapacity":[{"TableName":"orders","CapacityUnits":2,"ReadCapacityUnits":2},)"
                         R"({"TableName":"txr","CapacityUnits":6,"ReadCapacityUnits":6}]})"));
}

void AwsPartiqlTransactionTest::refusesMixingReadsAndWrites()
{
    TransactionApi a;
    const std::size_t before = a.records();
    const QString mixed = "ValidationException: ExecuteTransaction API does not support both read and write "
                          "operations in the same request.";
    const auto read = member("SELECT * FROM orders WHERE pk = 'keep'");
    QCOMPARE(a.refuses(transaction({read, kInsertNew})), mixed);
    QCOMPARE(a.refuses(transaction({kInsertNew, kBakeKeep, read})), mixed);
    QCOMPARE(a.refuses(transaction({kReadyIsReady, read})), mixed); // EXISTS counts as a write
    QCOMPARE(a.order("new"), std::string("none"));
    QCOMPARE(a.records(), before);
}

void AwsPartiqlTransactionTest::refusesWhatDynamoDbRefuses()
{
    TransactionApi a;
    a.ok("CreateTable",
         R"({"TableName":"txi","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"h",)"
         R"("AttributeType":"S"},{"AttributeName":"r","AttributeType":"N"},{"AttributeName":"city","AttributeType":)"
         R"("S"}],"KeySchema":[{"AttributeName":"h","KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)"
         R"("GlobalSecondaryIndexes":[{"IndexName":"byCity","KeySchema":[{"AttributeName":"city","KeyType":"HASH"}],)"
         R"("Projection":{"ProjectionType":"ALL"}}]})");
    const std::size_t before = a.records();
    const QString failedIn = "ValidationException: Validation failed in TransactStatements[";
    const QString selectKey = "Select statements within ExecuteTransaction must specify the primary key in the "
                              "where clause.";
    QCOMPARE(a.refuses(transaction({member("SELECT * FROM txi WHERE h = 'a'")})), failedIn + "0]: " + selectKey);
    QCOMPARE(a.refuses(transaction({member("SELECT * FROM orders WHERE pk = 'keep'"),
                                    member("SELECT * FROM orders WHERE pk = 'ready' AND status = 'READY'")})),
             failedIn + "1]: " + selectKey);
    QCOMPARE(a.refuses(transaction({member("SELECT * FROM txi.byCity WHERE city = 'Oslo'")})),
             failedIn + "0]: Reads on indices are not supported within transactions.");
    QCOMPARE(a.refuses(transaction({member("EXISTS(SELECT * FROM orders WHERE pk = 'ready')"), kInsertNew})),
             failedIn + "0]: EXISTS() must contain a single item read with additional condition");
    QCOMPARE(a.refuses(transaction({kInsertNew, member("UPSERT INTO orders VALUE {'pk': 'x'}")})),
             failedIn + "1]: Statement wasn't well formed, can't be processed: Expected data manipulation");
    QCOMPARE(a.refuses(transaction({member("DELETE FROM txi.byCity WHERE h = 'a' AND r = 1")})),
             failedIn + "0]: FROM clause may only contain a single table name in data manipulation statements");
    QCOMPARE(a.refuses(transaction({member("SELECT * FROM orders WHERE pk = ?")})),
             failedIn + "0]: Number of parameters in request and statement don't match.");
    QCOMPARE(a.refuses(transaction({kBakeKeep, member("DELETE FROM orders WHERE pk = 'keep'")})),
             QString("ValidationException: Transaction request cannot include multiple operations on one item"));
    QCOMPARE(a.refuses(transaction(
                 {member("SELECT * FROM orders WHERE pk = 'keep'"), member("SELECT n FROM orders WHERE pk = 'keep'")})),
             QString("ValidationException: Transaction request cannot include multiple operations on one item"));
    QCOMPARE(a.refuses(transaction({member("INSERT INTO nowhere VALUE {'h': 'a'}")})),
             QString("ResourceNotFoundException: Requested resource not found"));
    QCOMPARE(a.refuses(transaction({})),
             QString("ValidationException: 1 validation error detected: Value at 'transactStatements' failed to "
                     "satisfy constraint: Member must have length greater than or equal to 1"));
    std::string many = "{\"TransactStatements\":[";
    for (int i = 0; i < 101; ++i)
        many += (i ? "," : "") + member("INSERT INTO orders VALUE {'pk': 'm" + std::to_string(i) + "'}");
    QCOMPARE(a.refuses(many + "]}"),
             QString("ValidationException: 1 validation error detected: Value at 'transactStatements' failed to "
                     "satisfy constraint: Member must have length less than or equal to 100"));
    QCOMPARE(a.refuses("{}"), QString("ValidationException: 1 validation error detected: Value null at "
                                      "'transactStatements' failed to satisfy constraint: Member must not be null"));
    QCOMPARE(a.refuses(R"({"TransactStatements":[{"Parameters":[{"S":"x"}]}]})"),
             QString("ValidationException: 1 validation error detected: Value null at "
                     "'transactStatements.1.member.statement' failed to satisfy constraint: Member must not be null"));
    QCOMPARE(a.refuses(transaction({kInsertNew}, R"("ReturnConsumedCapacity":"SOME")")),
             QString("ValidationException: 1 validation error detected: Value 'SOME' at 'returnConsumedCapacity' "
                     "failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"));
    // ExecuteStatement and BatchExecuteStatement take no EXISTS.
    QCOMPARE(a.refused("ExecuteStatement",
                       R"~({"Statement":"EXISTS(SELECT * FROM orders WHERE pk = 'ready' AND status = 'READY')"})~"),
             QString("ValidationException: EXISTS can only be used in ExecuteTransaction write requests."));
    QCOMPARE(a.order("new"), std::string("none"));
    QCOMPARE(a.records(), before);
}

void AwsPartiqlTransactionTest::clientRequestTokenMakesARetryHarmless()
{
    TransactionApi a;
    const std::string once =
        transaction({kInsertNew}, R"("ClientRequestToken":"tok-1","ReturnConsumedCapacity":"TOTAL")");
    const std::string first = a.run(once);
    QCOMPARE(first, std::string(R"({"Responses":[],"ConsumedCapacity":[{"TableName":"orders","CapacityUnits":2,)"
                                R"("WriteCapacityUnits":2}]})"));
    a.ok("ExecuteStatement", R"({"Statement":"DELETE FROM orders WHERE pk = 'new'"})");
    const std::size_t before = a.records();
    // The same request again answers the first answer and runs nothing: the item stays deleted.
    QCOMPARE(a.run(once), first);
    QCOMPARE(a.order("new"), std::string("none"));
    QCOMPARE(a.records(), before);
    QCOMPARE(a.refuses(transaction({kBakeKeep}, R"("ClientRequestToken":"tok-1")")),
             QString("IdempotentParameterMismatchException: The request uses the same client token as a previous, "
                     "but non-identical request."));
    // TransactWriteItems and ExecuteTransaction share the tokens.
    QCOMPARE(a.refused("TransactWriteItems",
                       R"({"ClientRequestToken":"tok-1","TransactItems":[{"Put":{"TableName":"orders",)"
                       R"("Item":{"pk":{"S":"other"}}}}]})"),
             QString("IdempotentParameterMismatchException: The request uses the same client token as a previous, "
                     "but non-identical request."));
    // A cancelled transaction leaves no token behind: the same request runs once it can.
    const std::string retried =
        transaction({member("INSERT INTO orders VALUE {'pk': 'keep'}")}, R"("ClientRequestToken":"tok-2")");
    a.cancelled(retried);
    a.ok("ExecuteStatement", R"({"Statement":"DELETE FROM orders WHERE pk = 'keep'"})");
    a.run(retried);
    QCOMPARE(a.order("keep"), std::string(R"({"pk":{"S":"keep"}})"));
    const std::string longToken(37, 't');
    QCOMPARE(a.refuses(transaction({kInsertNew}, "\"ClientRequestToken\":\"" + longToken + "\"")),
             QString::fromStdString("ValidationException: 1 validation error detected: Value '" + longToken +
                                    "' at 'clientRequestToken' failed to satisfy constraint: Member must have length "
                                    "less than or equal to 36"));
}

void AwsPartiqlTransactionTest::rememberedTokensAreBounded()
{
    // docs/memory-bounds.md: at most kMaxClientTokens tokens; past that the oldest is forgotten first.
    TransactionApi a;
    const auto bake = [](int i) {
        return transaction({kBakeKeep}, "\"ClientRequestToken\":\"t-" + std::to_string(i) + "\"");
    };
    for (int i = 0; i <= static_cast<int>(aws::kMaxClientTokens); ++i)
        a.run(bake(i));
    // t-0 was forgotten: another request with it runs (and, remembered in its turn, pushes t-1 out). t-2 is still
    // remembered: another request with it is a mismatch.
    a.run(transaction({kInsertNew}, R"("ClientRequestToken":"t-0")"));
    QCOMPARE(a.order("new").find("\"new\"") != std::string::npos, true);
    QCOMPARE(a.refuses(transaction({kInsertNew}, R"("ClientRequestToken":"t-2")")),
             QString("IdempotentParameterMismatchException: The request uses the same client token as a previous, "
                     "but non-identical request."));
}

void AwsPartiqlTransactionTest::returnsConsumedCapacity()
{
    TransactionApi a;
    a.table("txc");
    // Each write twice its units alone (a 2 KB item: 2 units, so 4), an EXISTS twice a write of nothing.
    const std::string big(1500, 'x');
    QCOMPARE(a.run(transaction({member("INSERT INTO txc VALUE {'h': 'a', 'pad': ?}", R"({"S":")" + big + "\"}"),
                                member("INSERT INTO txc VALUE {'h': 'b'}"),
                                member("EXISTS(SELECT * FROM orders WHERE pk = 'ready' AND status = 'READY')")},
                               R"("ReturnConsumedCapacity":"TOTAL")")),
             std::string(R"({"Responses":[],"ConsumedCapacity":[{"TableName":"orders","CapacityUnits":2,)"
                         R"("WriteCapacityUnits":2},{"TableName":"txc","CapacityUnits":6,"WriteCapacityUnits":6}]})"));
    QCOMPARE(a.run(transaction({member("DELETE FROM txc WHERE h = 'b'")})), std::string(R"({"Responses":[]})"));
}
#endif

QTEST_GUILESS_MAIN(AwsPartiqlTransactionTest)
#include "tst_aws_partiql_transaction.moc"
