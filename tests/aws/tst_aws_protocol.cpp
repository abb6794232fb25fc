// The AWS JSON 1.0 protocol layer: the envelope's checks, error bodies, CRC32, request ids, and
// the DynamoDbApi's answers to bad requests (no sockets).
#ifndef Q_MOC_RUN
#include "dynamodb_api.h"
#include "js/json.h"
#include "json_protocol.h"
#include "pipeline/pipeline.h"
#endif

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace orderlab;
using namespace orderlab::aws;

namespace {

HttpRequest request(std::string_view target, std::string_view body,
                    std::string_view type = "application/x-amz-json-1.0")
{
    HttpRequest r;
    r.target = target;
    r.body = body;
    r.contentType = type;
    return r;
}

QString typeOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ApiError &e) {
        return QString::fromStdString(e.type);
    }
    return {};
}

} // namespace

class AwsProtocolTest : public QObject
{
    Q_OBJECT

  private slots:
    void decodesTargets()
    {
        auto d = decodeRequest(request("DynamoDB_20120810.PutItem", "{}"));
        QCOMPARE(d.api, Api::DynamoDB);
        QCOMPARE(d.operation, std::string("PutItem"));
        d = decodeRequest(
            request("DynamoDBStreams_20120810.GetRecords", "{}", "application/x-amz-json-1.0; charset=utf-8"));
        QCOMPARE(d.api, Api::DynamoDBStreams);
        QCOMPARE(d.operation, std::string("GetRecords"));
    }

    void refusesBadEnvelopes()
    {
        QCOMPARE(typeOf([] { decodeRequest(request("", "{}")); }), QString("UnknownOperationException"));
        QCOMPARE(typeOf([] { decodeRequest(request("Kinesis_20131202.PutRecord", "{}")); }),
                 QString("UnknownOperationException"));
        QCOMPARE(typeOf([] { decodeRequest(request("DynamoDB_20120810.", "{}")); }),
                 QString("UnknownOperationException"));
        QCOMPARE(typeOf([] { decodeRequest(request("DynamoDB_20120810.PutItem", "{}", "text/plain")); }),
                 QString("SerializationException"));
        const std::string big(kMaxRequestBytes + 1, ' ');
        try {
            decodeRequest(request("DynamoDB_20120810.PutItem", big));
            QFAIL("a body over 16 MB was accepted");
        } catch (const ApiError &e) {
            QCOMPARE(e.status, 413);
        }
    }

    void errorBodiesSpellMessageAsDynamoDbDoes()
    {
        QCOMPARE(QString::fromStdString(errorBody(validation("bad \"x\""))),
                 QString("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ValidationException\",\"message\":\"bad "
                         "\\\"x\\\"\"}"));
        QCOMPARE(QString::fromStdString(errorBody(ApiError(400, "SerializationException", "m"))),
                 QString(R"({"__type":"com.amazonaws.dynamodb.v20120810#SerializationException","Message":"m"})"));
        QCOMPARE(QString::fromStdString(errorBody(ApiError(400, "UnknownOperationException", ""))),
                 QString(R"({"__type":"com.amazonaws.dynamodb.v20120810#UnknownOperationException"})"));
    }

    void anErrorQuotingBytesThatAreNotUtf8IsStillJson()
    {
        // Found by fuzz_dynamodb_api: an UpdateExpression holding raw 0xED bytes was refused with a message that
        // quoted them as they were, and the answer's body was not valid JSON (nor UTF-8).
        const std::string body = errorBody(validation("Syntax error; token: \"\xed\xed\", near: \"s\xed\""));
        QJsonParseError error{};
        const QJsonDocument parsed = QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(QString::fromUtf8(body.data(), qsizetype(body.size())).toUtf8() == QByteArray::fromStdString(body));
        QCOMPARE(parsed.object().value("message").toString(),
                 QString::fromUtf8("Syntax error; token: \"\uFFFD\uFFFD\", near: \"s\uFFFD\""));
    }

    void crc32AndRequestIds()
    {
        QCOMPARE(crc32("123456789"), 0xCBF43926u);
        QCOMPARE(crc32(""), 0u);
        const std::string a = newRequestId(), b = newRequestId();
        QCOMPARE(a.size(), std::size_t(52));
        QVERIFY(a != b);
        QVERIFY(QRegularExpression("^[A-Z0-9]{52}$").match(QString::fromStdString(a)).hasMatch());
    }

    void apiAnswersBadRequestsWith400()
    {
        Pipeline pipeline(PipelineConfig{});
        DynamoDbApi api(pipeline.tables(), pipeline.scheduler());
        auto answer = api.handle(request("DynamoDB_20120810.PutItem", "{\"TableName\":"));
        QCOMPARE(answer.status, 400);
        QVERIFY(QString::fromStdString(answer.body).contains("#SerializationException"));
        answer = api.handle(request("DynamoDB_20120810.PutItem", "[1]"));
        QVERIFY(QString::fromStdString(answer.body).contains("#SerializationException"));
        answer = api.handle(request("DynamoDB_20120810.PutItem", R"({"TableName":"orders"})"));
        QCOMPARE(answer.status, 400);
        QVERIFY(QString::fromStdString(answer.body)
                    .contains("Value null at 'item' failed to satisfy constraint: Member must not be null"));
        answer = api.handle(request("DynamoDB_20120810.PutItem", R"({"TableName":5,"Item":{}})"));
        QVERIFY(QString::fromStdString(answer.body).contains("TableName must be a string"));
        answer = api.handle(request("DynamoDB_20120810.PutItem",
                                    R"({"TableName":"orders","Item":{"pk":{"S":"a"}},"UpdateExpression":"SET x=1"})"));
        QVERIFY(QString::fromStdString(answer.body).contains("orderlab does not support UpdateExpression yet"));
        answer = api.handle(request("DynamoDBStreams_20120810.Frobnicate", "{}"));
        QVERIFY(QString::fromStdString(answer.body).contains("#UnknownOperationException"));
        QCOMPARE(pipeline.table().size(), std::size_t(0));
    }

    void iteratorsExpireAfter15MinutesOfTheEmulatorClock()
    {
        Pipeline pipeline(PipelineConfig{});
        DynamoDbApi api(pipeline.tables(), pipeline.scheduler());
        const std::string arn = pipeline.stream().arn();
        const std::string ask = "{\"StreamArn\":\"" + arn + "\",\"ShardId\":\"" + pipeline.stream().shardId(0) +
                                "\",\"ShardIteratorType\":\"TRIM_HORIZON\"}";
        const auto answer = api.handle(request("DynamoDBStreams_20120810.GetShardIterator", ask));
        QCOMPARE(answer.status, 200);
        const std::string iterator = js::parseJson(answer.body).asObject()->find("ShardIterator")->asString();
        const std::string read = "{\"ShardIterator\":\"" + iterator + "\"}";
        QCOMPARE(api.handle(request("DynamoDBStreams_20120810.GetRecords", read)).status, 200);
        pipeline.scheduler().runUntil(pipeline.scheduler().now() + 15 * 60 * 1000 + 1);
        const auto expired = api.handle(request("DynamoDBStreams_20120810.GetRecords", read));
        QCOMPARE(expired.status, 400);
        QVERIFY(QString::fromStdString(expired.body).contains("#ExpiredIteratorException"));
    }

    void apiWritesToOrdersReachTheStream()
    {
        Pipeline pipeline(PipelineConfig{});
        DynamoDbApi api(pipeline.tables(), pipeline.scheduler());
        const auto answer =
            api.handle(request("DynamoDB_20120810.PutItem", R"({"TableName":"orders","Item":{"pk":{"S":"o-1"}}})"));
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body, std::string("{}"));
        QCOMPARE(pipeline.stream().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(AwsProtocolTest)
#include "tst_aws_protocol.moc"
