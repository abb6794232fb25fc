#include "api_step.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace orderlab::scenario {

namespace {
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

} // namespace orderlab::scenario
