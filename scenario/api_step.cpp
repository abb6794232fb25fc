#include "api_step.h"

#include "dynamodb_api.h"
#include "world/world.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <array>

namespace orderlab::scenario {

namespace {
constexpr std::array<const char *, 4> kStreamsOperations{"DescribeStream", "GetRecords", "GetShardIterator",
                                                         "ListStreams"};

bool isStreamsOperation(const std::string &op)
{
    return std::any_of(kStreamsOperations.begin(), kStreamsOperations.end(),
                       [&](const char *name) { return op == name; });
}

bool looksLikeOperation(const std::string &op)
{
    if (op.empty() || op.size() > 64 || op.front() < 'A' || op.front() > 'Z')
        return false;
    return std::all_of(op.begin(), op.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    });
}
} // namespace

void readApiStep(const YamlValues &y, const YAML::Node &body, Step &step, KnownNames &names)
{
    const std::string what = "dynamodb";
    if (!body.IsMap())
        y.fail(body, what + " must be a mapping such as {operation: PutItem, request: {TableName: orders, ...}}");
    y.mapWithKeys(body, what, {"operation", "request"});
    const YAML::Node operation = body["operation"], request = body["request"];
    if (!operation)
        y.fail(body, what + " needs 'operation'");
    if (!request)
        y.fail(body, what + " needs 'request' (the request body, as the SDK sends it)");
    step.apiOperation = y.string(operation, what + ".operation");
    if (!looksLikeOperation(step.apiOperation))
        y.fail(operation,
               what + ".operation must be an operation name such as PutItem, got '" + step.apiOperation + "'");
    if (!request.IsMap())
        y.fail(request, what + ".request must be a mapping (the request body)");
    const QJsonValue json = y.json(request);
    step.apiRequest = QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact).toStdString();
    step.kind = Step::Kind::Api;
    if (step.apiOperation == "CreateTable") {
        const QJsonValue table = json.toObject().value(QStringLiteral("TableName"));
        if (table.isString())
            names.tables.insert(table.toString().toStdString());
    }
}

std::string ApiCaller::Answer::error() const
{
    return status == 200 ? std::string() : errorType + ": " + message;
}

ApiCaller::ApiCaller(World &world)
    : m_api(std::make_unique<aws::DynamoDbApi>(world.pipeline().tables(), world.pipeline().scheduler()))
{
}

ApiCaller::~ApiCaller() = default;

ApiCaller::Answer ApiCaller::call(const std::string &operation, const std::string &requestJson)
{
    const std::string target =
        (isStreamsOperation(operation) ? "DynamoDBStreams_20120810." : "DynamoDB_20120810.") + operation;
    aws::HttpRequest request;
    request.target = target;
    request.contentType = "application/x-amz-json-1.0";
    request.body = requestJson;
    const aws::HttpAnswer answer = m_api->handle(request);
    Answer out;
    out.status = answer.status;
    out.body = answer.body;
    if (answer.status != 200) {
        const QJsonObject error = QJsonDocument::fromJson(QByteArray::fromStdString(answer.body)).object();
        const QString type = error.value(QStringLiteral("__type")).toString();
        out.errorType = type.mid(type.lastIndexOf(QLatin1Char('#')) + 1).toStdString();
        const QJsonValue message = error.contains(QStringLiteral("message")) ? error.value(QStringLiteral("message"))
                                                                             : error.value(QStringLiteral("Message"));
        out.message = message.toString().toStdString();
    }
    return out;
}

} // namespace orderlab::scenario
