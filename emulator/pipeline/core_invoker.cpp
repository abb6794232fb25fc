#include "core_invoker.h"

#include "js/json.h"

#include <cstdio>

namespace orderlab {

CoreInvoker::CoreInvoker(Scheduler &scheduler, StreamHandler &handler, EmulatedMomento &momento, FaultInjector &faults)
    : m_scheduler(scheduler), m_handler(handler), m_momento(momento), m_faults(faults)
{}

Task<InvocationResult> CoreInvoker::invoke(const InvocationRequest &request)
{
    if (const TimeMs overhead = m_overhead ? m_overhead() : 0; overhead > 0)
        co_await m_scheduler.sleep(overhead);
    const auto fault = m_faults.decide("handler");
    if (fault.latencyMs > 0)
        co_await m_scheduler.sleep(fault.latencyMs);
    if (fault.fail) {
        if (fault.handlerMode == FaultRule::HandlerMode::Timeout) {
            co_await m_scheduler.sleep(m_timeoutMs);
            char text[96];
            std::snprintf(text, sizeof text, "Task timed out after %.2f seconds", static_cast<double>(m_timeoutMs) / 1000.0);
            co_return InvocationResult{InvocationResult::Kind::TimedOut, {}, text};
        }
        co_return InvocationResult{InvocationResult::Kind::Threw, {}, "Error: injected handler fault"};
    }
    auto session = m_momento.session(request);
    js::Value event;
    try {
        event = js::parseJson(request.eventJson());
    } catch (const std::exception &e) {
        co_return InvocationResult{InvocationResult::Kind::Threw, {}, std::string("SyntaxError: ") + e.what()};
    }
    HandlerResult result = co_await m_handler.handleWith(std::move(event), *session, *session, session.get());
    if (m_warning) {
        for (const auto &w : result.warnings)
            m_warning(w);
    }
    if (result.thrown)
        co_return InvocationResult{InvocationResult::Kind::Threw, {}, *result.thrown};
    if (m_mapping) {
        for (const auto &f : result.failures) {
            if (f.processed && f.dataError)
                m_mapping->notePoison(f.itemIdentifier, f.error);
        }
    }
    co_return InvocationResult{InvocationResult::Kind::Returned, result.responseJson(), {}};
}

} // namespace orderlab
