#pragma once

#include "json_protocol.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace orderlab {
class Clock;
class TableRegistry;
} // namespace orderlab

namespace orderlab::aws {

class Params;
class SecretsManagerApi;

/**
 * DynamoDB's JSON API over a world's tables (docs/dynamodb-api.md): one request in, one
 * answer out, no sockets. The HTTP face calls handle() from its worker threads.
 *
 * Errors: every client fault answers 400 with DynamoDB's `__type` and text (ApiError,
 * dynamodb::ValidationError, dynamodb::ServiceError); anything else thrown is orderlab's own
 * fault and answers 500 InternalServerError. A failed request changes nothing.
 *
 * Routing: targets `secretsmanager.<Op>` go to `secrets` (docs/secrets-manager.md), whose errors
 * take Secrets Manager's shape; without it they are UnknownOperationException.
 *
 * Thread-safe: the tables and the registry are; the idempotency tokens have their own lock.
 * `tables`, `clock` and `secrets` are borrowed and must outlive the API.
 */
class DynamoDbApi
{
  public:
    DynamoDbApi(TableRegistry &tables, const Clock &clock, SecretsManagerApi *secrets = nullptr);
    ~DynamoDbApi();
    DynamoDbApi(const DynamoDbApi &) = delete;
    DynamoDbApi &operator=(const DynamoDbApi &) = delete;

    HttpAnswer handle(const HttpRequest &request);
    /// One decoded operation's answer body. @throws as the class comment says.
    std::string call(Api api, const std::string &operation, const Params &params);

    struct Context;

  private:
    std::unique_ptr<Context> m_context;
    SecretsManagerApi *m_secrets = nullptr;
};

} // namespace orderlab::aws
