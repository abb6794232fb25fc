#include "dynamodb_api.h"

#include "api_context.h"
#include "dynamodb/service_error.h"
#include "js/json.h"
#include "secrets_manager_api.h"

namespace orderlab::aws {

std::string tableArn(const Context &context, const std::string &name)
{
    return "arn:aws:dynamodb:" + context.region + ":000000000000:table/" + name;
}

DynamoDbApi::DynamoDbApi(TableRegistry &tables, const Clock &clock, SecretsManagerApi *secrets)
    : m_context(new Context{tables, clock, "us-east-1", {}, {}, {}, 0}), m_secrets(secrets)
{
}

DynamoDbApi::~DynamoDbApi() = default;

std::string DynamoDbApi::call(Api api, const std::string &operation, const Params &params)
{
    bool handled = false;
    std::string body;
    if (api == Api::SecretsManager) {
        if (!m_secrets)
            throw ApiError(400, "UnknownOperationException", "");
        return m_secrets->call(operation, params);
    }
    if (api == Api::DynamoDBStreams) {
        body = streamsOperation(*m_context, operation, params, &handled);
    } else {
        body = controlPlane(*m_context, operation, params, &handled);
        if (!handled)
            body = itemOperation(*m_context, operation, params, &handled);
        if (!handled)
            body = batchOperation(*m_context, operation, params, &handled);
        if (!handled)
            body = partiqlOperation(*m_context, operation, params, &handled);
    }
    if (!handled)
        throw ApiError(400, "UnknownOperationException", "");
    return body;
}

HttpAnswer DynamoDbApi::handle(const HttpRequest &request)
{
    HttpAnswer answer;
    const Api api = apiOfTarget(request.target);
    answer.contentType = answerContentType(api);
    try {
        const DecodedRequest decoded = decodeRequest(request);
        const js::Value body = Params::parseBody(decoded.body);
        answer.body = call(decoded.api, decoded.operation, Params(body, "the request body"));
    } catch (const ApiError &e) {
        answer.status = e.status;
        answer.body = errorBody(e, api);
    } catch (const dynamodb::ValidationError &e) {
        answer.status = 400;
        answer.body = errorBody(validation(e.message()), api);
    } catch (const dynamodb::ServiceError &e) {
        answer.status = 400;
        answer.body = errorBody(ApiError(400, e.type(), e.what()), api);
    } catch (const std::exception &e) {
        answer.status = 500;
        answer.body =
            errorBody(ApiError(500, api == Api::SecretsManager ? "InternalServiceError" : "InternalServerError",
                               std::string("orderlab: ") + e.what()),
                      api);
    }
    return answer;
}

} // namespace orderlab::aws
