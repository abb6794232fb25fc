// TransactWriteItems through DynamoDbApi (docs/dynamodb-api.md, "Transactions"): Update and
// ConditionCheck members, all or nothing, CancellationReasons in request order, and what is refused
// before anything runs (no sockets).
#ifndef Q_MOC_RUN
#include "dynamodb_api.h"
#include "js/json.h"
#include "json_protocol.h"
#include "pipeline/pipeline.h"
#endif

#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

// moc reads only the class; the bodies hold raw strings its tokenizer trips over.
#ifndef Q_MOC_RUN
namespace {

struct World
{
    Pipeline pipeline{PipelineConfig{}};
    DynamoDbApi api{pipeline.tables(), pipeline.scheduler()};

    HttpAnswer transact(const std::string &items)
    {
        HttpRequest r;
        r.target = "DynamoDB_20120810.TransactWriteItems";
        const std::string body = R"({"TransactItems":[)" + items + "]}";
        r.body = body;
        r.contentType = "application/x-amz-json-1.0";
        return api.handle(r);
    }
    std::string status(const std::string &pk)
    {
        const auto item = pipeline.table().get(pk);
        if (!item)
            return "absent";
        const auto *s = dynamodb::find(*item, "status");
        return s ? s->text() : "none";
    }
};

const std::string kUpdateA =
    R"({"Update":{"TableName":"orders","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET #s = :s",)"
    R"("ExpressionAttributeNames":{"#s":"status"},"ExpressionAttributeValues":{":s":{"S":"BAKING"}}}})";

} // namespace
#endif

class TransactionsTest : public QObject
{
    Q_OBJECT

  private slots:
    void updatesAndChecksApplyTogether();
    void aFailedConditionCancelsEverythingWithReasonsInOrder();
    void anUpdateThatCannotApplyIsAValidationReason();
    void refusesMalformedMembersBeforeRunning();
};

#ifndef Q_MOC_RUN
void TransactionsTest::updatesAndChecksApplyTogether()
{
    World w;
    w.pipeline.table().put({{"pk", dynamodb::AttributeValue::string("b")}});
    const auto answer = w.transact(kUpdateA + R"(,{"ConditionCheck":{"TableName":"orders","Key":{"pk":{"S":"b"}},)"
                                              R"~("ConditionExpression":"attribute_exists(pk)"}})~");
    QCOMPARE(answer.status, 200);
    QCOMPARE(w.status("a"), std::string("BAKING"));
    QCOMPARE(w.pipeline.stream().size(), std::size_t(2)); // b's put and a's update; the check writes nothing
}

void TransactionsTest::aFailedConditionCancelsEverythingWithReasonsInOrder()
{
    World w;
    w.pipeline.table().put({{"pk", dynamodb::AttributeValue::string("b")}});
    const auto answer = w.transact(
        kUpdateA +
        R"~(,{"Delete":{"TableName":"orders","Key":{"pk":{"S":"b"}},"ConditionExpression":"attribute_exists(#n)",)~"
        R"("ExpressionAttributeNames":{"#n":"nope"},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}})");
    QCOMPARE(answer.status, 400);
    const js::Value body = js::parseJson(answer.body);
    QCOMPARE(body.asObject()->find("__type")->asString(),
             std::string("com.amazonaws.dynamodb.v20120810#TransactionCanceledException"));
    QCOMPARE(body.asObject()->find("Message")->asString(), // DynamoDB capitalizes it for this exception
             std::string("Transaction cancelled, please refer cancellation reasons for specific reasons [None, "
                         "ConditionalCheckFailed]"));
    QCOMPARE(js::stringifyJson(*body.asObject()->find("CancellationReasons")).value_or(""),
             std::string(R"([{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request )"
                         R"(failed","Item":{"pk":{"S":"b"}}}])"));
    QCOMPARE(w.status("a"), std::string("absent"));
    QCOMPARE(w.status("b"), std::string("none"));
    QCOMPARE(w.pipeline.stream().size(), std::size_t(1)); // only b's own put
}

void TransactionsTest::anUpdateThatCannotApplyIsAValidationReason()
{
    World w;
    const auto answer =
        w.transact(R"({"Update":{"TableName":"orders","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET n = n + :one",)"
                   R"("ExpressionAttributeValues":{":one":{"N":"1"}}}})");
    QCOMPARE(answer.status, 400);
    QVERIFY2(answer.body.find(R"("CancellationReasons":[{"Code":"ValidationError","Message":"The provided )"
                              R"(expression refers to an attribute that does not exist in the item"}])") !=
                 std::string::npos,
             answer.body.c_str());
    QCOMPARE(w.status("a"), std::string("absent"));
}

void TransactionsTest::refusesMalformedMembersBeforeRunning()
{
    World w;
    auto answer = w.transact(R"({"Update":{"TableName":"orders","Key":{"pk":{"S":"a"}}}})");
    QVERIFY2(answer.body.find("Value null at 'transactItems.1.member.update.updateExpression' failed to satisfy "
                              "constraint: Member must not be null") != std::string::npos,
             answer.body.c_str());
    answer = w.transact(kUpdateA + R"(,{"ConditionCheck":{"TableName":"orders","Key":{"pk":{"S":"b"}}}})");
    QVERIFY2(answer.body.find("'transactItems.2.member.conditionCheck.conditionExpression'") != std::string::npos,
             answer.body.c_str());
    answer = w.transact(R"({"Update":{"TableName":"orders","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET pk = :v",)"
                        R"("ExpressionAttributeValues":{":v":{"S":"x"}}}})");
    QVERIFY2(answer.body.find("Cannot update attribute pk. This attribute is part of the key") != std::string::npos,
             answer.body.c_str());
    answer = w.transact(kUpdateA + "," + kUpdateA);
    QVERIFY2(answer.body.find("Transaction request cannot include multiple operations on one item") !=
                 std::string::npos,
             answer.body.c_str());
    QCOMPARE(w.status("a"), std::string("absent"));
    QCOMPARE(w.pipeline.stream().size(), std::size_t(0));
}
#endif

QTEST_GUILESS_MAIN(TransactionsTest)
#include "tst_aws_transactions.moc"
