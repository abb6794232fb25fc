#include "api_caller.h"

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
} // namespace

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
