// A DynamoDbApi over a fresh pipeline's tables, called without sockets, for the aws tests.
#pragma once

#include "dynamodb_api.h"
#include "js/json.h"
#include "json_protocol.h"
#include "pipeline/pipeline.h"

#include <QString>
#include <QStringList>

#include <string>
#include <string_view>

namespace orderlab::test {

/// An ExecuteStatement body, or one member of ExecuteTransaction's TransactStatements: the statement,
/// `parameters` (a JSON array's inside) and `extra` members.
inline std::string statementBody(const std::string &statement, const std::string &parameters = {},
                                 const std::string &extra = {})
{
    std::string out = "{\"Statement\":" + aws::quoted(statement);
    if (!parameters.empty())
        out += ",\"Parameters\":[" + parameters + "]";
    if (!extra.empty())
        out += "," + extra;
    return out + "}";
}

struct ApiHarness
{
    Pipeline pipeline{PipelineConfig{}};
    aws::DynamoDbApi api{pipeline.tables(), pipeline.scheduler()};

    aws::HttpAnswer call(std::string_view operation, const std::string &body)
    {
        aws::HttpRequest r;
        const std::string target =
            (operation.rfind("Streams.", 0) == 0 ? "DynamoDBStreams_20120810." + std::string(operation.substr(8))
                                                 : "DynamoDB_20120810." + std::string(operation));
        r.target = target;
        r.body = body;
        r.contentType = "application/x-amz-json-1.0";
        return api.handle(r);
    }
    /// The parsed answer of a call that must succeed (a failure ends the test with the body).
    js::Value ok(std::string_view operation, const std::string &body)
    {
        const auto answer = call(operation, body);
        if (answer.status != 200)
            qFatal("%s: %s", std::string(operation).c_str(), answer.body.c_str());
        return js::parseJson(answer.body);
    }
    /// "<short type>: <message>" of a 400 answer, else what came back.
    QString refused(std::string_view operation, const std::string &body)
    {
        const auto answer = call(operation, body);
        if (answer.status != 400)
            return QString::fromStdString("answered " + std::to_string(answer.status) + ": " + answer.body);
        const js::Value parsed = js::parseJson(answer.body);
        const auto object = parsed.asObject();
        const auto *message = object->find("message") ? object->find("message") : object->find("Message");
        std::string type = object->find("__type")->asString();
        type = type.substr(type.find('#') + 1);
        return QString::fromStdString(type + ": " + (message ? message->asString() : ""));
    }
    /// A table `name` with hash key `h` (S) and, when `rangeType` is given, range key `r` of that type.
    void table(const std::string &name, const std::string &rangeType = {})
    {
        std::string keys = R"([{"AttributeName":"h","KeyType":"HASH"})";
        std::string definitions = R"([{"AttributeName":"h","AttributeType":"S"})";
        if (!rangeType.empty()) {
            keys += R"(,{"AttributeName":"r","KeyType":"RANGE"})";
            definitions += R"(,{"AttributeName":"r","AttributeType":")" + rangeType + R"("})";
        }
        ok("CreateTable", R"({"TableName":")" + name + R"(","KeySchema":)" + keys + R"(],"AttributeDefinitions":)" +
                              definitions + R"(],"BillingMode":"PAY_PER_REQUEST"})");
    }
};

/// JSON text of a value, members in order.
inline std::string json(const js::Value &value)
{
    return js::stringifyJson(value).value_or("?");
}

/// The text of attribute `attribute` (S or N) of every item of an answer's Items, in order.
inline QStringList column(const js::Value &answer, const char *attribute)
{
    QStringList out;
    for (const auto &item : answer.asObject()->find("Items")->asArray()->items) {
        const auto *value = item.asObject()->find(attribute);
        if (!value) {
            out << "-";
            continue;
        }
        const auto *v = value->asObject()->find("N") ? value->asObject()->find("N") : value->asObject()->find("S");
        out << QString::fromStdString(v ? v->asString() : json(*value));
    }
    return out;
}

} // namespace orderlab::test
