#include "invoker.h"

namespace orderlab {

InvocationResult InvocationResult::returned(std::string response)
{
    InvocationResult r;
    r.response = std::move(response);
    return r;
}

InvocationResult InvocationResult::threw(std::string error)
{
    InvocationResult r;
    r.kind = Kind::Threw;
    r.error = std::move(error);
    return r;
}

InvocationResult InvocationResult::timedOut(std::string error)
{
    InvocationResult r;
    r.kind = Kind::TimedOut;
    r.error = std::move(error);
    return r;
}

} // namespace orderlab
