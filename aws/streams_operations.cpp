// The DynamoDB Streams API (docs/dynamodb-api.md, "Streams"): not served yet.
#include "api_context.h"

namespace orderlab::aws {

std::string streamsOperation(Context &, const std::string &, const Params &, bool *handled)
{
    *handled = false; // every Streams operation is UnknownOperationException until it is written
    return {};
}

} // namespace orderlab::aws
