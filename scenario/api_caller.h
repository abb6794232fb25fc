#pragma once

#include <memory>
#include <string>

namespace orderlab {
class World;
namespace aws {
class DynamoDbApi;
}
} // namespace orderlab

namespace orderlab::scenario {

/**
 * Sends a scenario's `dynamodb:` steps to the world's tables through the same DynamoDB JSON API
 * that `serve --dynamodb-port` answers over HTTP (aws::DynamoDbApi; no socket): the same checks,
 * the same errors, the same table writes and stream records.
 *
 * Threading: the caller's (the scenario's) thread; the world must outlive it.
 */
class ApiCaller
{
  public:
    struct Answer
    {
        int status = 200;
        std::string body;      ///< the answer's JSON body
        std::string errorType; ///< for an error: DynamoDB's __type without its namespace
        std::string message;   ///< for an error: its message
        /// "Type: message" for an error, else empty.
        std::string error() const;
    };

    explicit ApiCaller(World &world);
    ~ApiCaller();
    ApiCaller(const ApiCaller &) = delete;
    ApiCaller &operator=(const ApiCaller &) = delete;

    Answer call(const std::string &operation, const std::string &requestJson);

  private:
    std::unique_ptr<aws::DynamoDbApi> m_api;
};

} // namespace orderlab::scenario
