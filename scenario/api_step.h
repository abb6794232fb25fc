#pragma once

#include "scenario.h"
#include "step_reader.h"
#include "yaml_values.h"

#include <memory>
#include <string>

namespace orderlab {
class World;
namespace aws {
class DynamoDbApi;
}
} // namespace orderlab

namespace orderlab::scenario {

/// Reads the body of a `dynamodb:` step (docs/scenarios.md, "DynamoDB API steps"): `operation` (a
/// DynamoDB or DynamoDB Streams operation name) and `request` (the request body as the SDK sends it,
/// AttributeValue JSON). A CreateTable's TableName joins `names.tables`. Throws ScenarioError at the node.
void readApiStep(const YamlValues &y, const YAML::Node &body, Step &step, KnownNames &names);

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
