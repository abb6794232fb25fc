#include "core_invoker.h"

#include "js/json.h"

#include <cstdio>

namespace orderlab {

CoreInvoker::CoreInvoker(Scheduler &scheduler, StreamHandler &handler, EmulatedMomento &momento, FaultInjector &faults)
    : m_scheduler(scheduler), m_handler(handler), m_momento(momento), m_faults(faults)
{
}

Task<InvocationResult> CoreInvoker::invoke(const InvocationRequest &request)
{
    if (const TimeMs overhead = m_overhead ? m_overhead() : 0; overhead > 0)
        co_await m_scheduler.sleep(overhead);
    const auto fault = m_faults.decide("handler");
    if (fault.latencyMs > 0)
        co_await m_scheduler.sleep(fault.latencyMs);
    if (fault.fail) {
        if (fault.handlerMode == FaultRule::HandlerMode::Timeout) {
            co_await m_scheduler.sleep(request.timeoutMs);
            char text[96];
            std::snprintf(text, sizeof text, "Task timed out after %.2f seconds",
                          static_cast<double>(request.timeoutMs) / 1000.0);
            co_return InvocationResult::timedOut(text);
        }
        co_return InvocationResult::threw("Error: injected handler fault");
    }
    auto session = m_momento.session(request);
    js::Value event;
    try {
        event = js::parseJson(request.eventJson());
    } catch (const std::exception &e) {
        co_return InvocationResult::threw(std::string("SyntaxError: ") + e.what());
    }
    HandlerResult result = co_await m_handler.handleWith(std::move(event), *session, *session, session.get());
    InvocationResult out;
    out.warnings = result.warnings;
    if (result.thrown) {
        out.kind = InvocationResult::Kind::Threw;
        out.error = *result.thrown;
        co_return out;
    }
    for (const auto &f : result.failures)
        if (f.processed && f.dataError)
            out.poison.emplace_back(f.itemIdentifier, f.error);
    out.response = result.responseJson();
    co_return out;
}

} // namespace orderlab
