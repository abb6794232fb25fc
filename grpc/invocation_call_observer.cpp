#include "invocation_call_observer.h"

#include "events/event_bus.h"
#include "invoker/invoker.h"

#include <charconv>
#include <cmath>

namespace orderlab {

namespace {

class InvocationScope final : public CallObserver::Scope
{
  public:
    InvocationScope(EventBus &events, const CallerInvocation &caller)
        : m_events(events), m_cause(caller.traceId, caller.invocationId)
    {
    }
    void finished(const ObservedCall &call) override
    {
        m_events.publish(HandlerCallEvent{call.op, call.cache, call.key, call.bytes, call.result,
                                          static_cast<TimeMs>(std::llround(call.latencyMs)), call.value});
    }

  private:
    EventBus &m_events;
    CauseScope m_cause;
};

} // namespace

InvocationCallObserver::InvocationCallObserver(const Invoker &invoker, EventBus &events)
    : m_invoker(invoker), m_events(events)
{
}

void InvocationCallObserver::setPorts(std::vector<int> ports)
{
    std::lock_guard lock(m_mutex);
    m_ports = std::move(ports);
}

int InvocationCallObserver::loopbackPort(const std::string &peer)
{
    static const std::string prefix = "ipv4:127.0.0.1:";
    if (peer.compare(0, prefix.size(), prefix) != 0)
        return -1;
    int port = -1;
    const char *begin = peer.data() + prefix.size(), *end = peer.data() + peer.size();
    const auto [rest, error] = std::from_chars(begin, end, port);
    if (error != std::errc() || rest != end || begin == end || port <= 0 || port > 65535)
        return -1;
    return port;
}

std::unique_ptr<CallObserver::Scope> InvocationCallObserver::begin(const std::string &peer)
{
    const int port = loopbackPort(peer);
    if (port < 0)
        return nullptr;
    std::vector<int> ports;
    {
        std::lock_guard lock(m_mutex);
        ports = m_ports;
    }
    if (ports.empty())
        return nullptr;
    const auto caller = m_invoker.invocationOfConnection(port, ports);
    if (!caller)
        return nullptr;
    return std::make_unique<InvocationScope>(m_events, *caller);
}

} // namespace orderlab
