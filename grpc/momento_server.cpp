#include "momento_server.h"

#include "call_context.h"
#include "control_service.h"
#include "pubsub_service.h"
#include "scs_service.h"
#include "subscription_stream.h"

#include <grpcpp/grpcpp.h>

namespace orderlab {

using namespace grpcserver;

class MomentoServer::Impl
{
  public:
    Impl(CacheStore &cache, TopicHub &topics, FaultInjector *faults, MomentoServerOptions options)
        : state(cache, topics, faults, std::move(options)), scs(state), ping(state), control(state), pubsub(state)
    {
    }

    std::vector<std::shared_ptr<StreamState>> liveStreams()
    {
        std::vector<std::shared_ptr<StreamState>> out;
        std::lock_guard lock(state.streamsMutex);
        for (const auto &[id, weak] : state.streams)
            if (auto s = weak.lock())
                out.push_back(std::move(s));
        return out;
    }

    ServerState state;
    ScsService scs;
    PingService ping;
    ControlService control;
    PubsubService pubsub;
    std::mutex mutex; // guards the members below
    std::unique_ptr<grpc::Server> server;
    int port = 0;
    bool started = false;
    bool stopped = false;
};

MomentoServer::MomentoServer(CacheStore &cache, TopicHub &topics, FaultInjector *faults, MomentoServerOptions options)
    : m_impl(std::make_unique<Impl>(cache, topics, faults, std::move(options)))
{
}

MomentoServer::~MomentoServer()
{
    shutdown();
}

namespace {
/// An IPv6 address goes in brackets before ":port" ("::1" → "[::1]"); others, and bracketed ones, stay.
std::string hostForAddress(const std::string &bindAddress)
{
    return bindAddress.find(':') != std::string::npos && bindAddress.front() != '[' ? "[" + bindAddress + "]"
                                                                                    : bindAddress;
}
} // namespace

bool MomentoServer::start(std::string *error)
{
    auto fail = [&](std::string why) {
        if (error)
            *error = std::move(why);
        return false;
    };
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->started)
        return fail("the server was already started");
    const auto &o = m_impl->state.options;
    if (o.port < 0 || o.port > 65535)
        return fail("port " + std::to_string(o.port) + " is out of range");
    const std::string host = hostForAddress(o.bindAddress);
    grpc::ServerBuilder builder;
    int bound = 0;
    builder.AddListeningPort(host + ":" + std::to_string(o.port), grpc::InsecureServerCredentials(), &bound);
    // What the Momento SDKs need (docs/momento-wire.md, "Transport").
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0); // a port in use is an error, not a shared port
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 1000);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
    builder.SetMaxReceiveMessageSize(o.maxReceiveMessageBytes);
    builder.SetMaxSendMessageSize(o.maxReceiveMessageBytes);
    builder.RegisterService(&m_impl->scs);
    builder.RegisterService(&m_impl->ping);
    builder.RegisterService(&m_impl->control);
    builder.RegisterService(&m_impl->pubsub);
    m_impl->server = builder.BuildAndStart();
    if (!m_impl->server || bound == 0) {
        m_impl->server.reset();
        return fail("cannot listen on " + host + ":" + std::to_string(o.port));
    }
    m_impl->port = bound;
    m_impl->started = true;
    return true;
}

int MomentoServer::port() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->port;
}

std::string MomentoServer::address() const
{
    return hostForAddress(m_impl->state.options.bindAddress) + ":" + std::to_string(port());
}

void MomentoServer::shutdown(std::chrono::milliseconds grace)
{
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->stopped)
        return;
    m_impl->stopped = true;
    m_impl->state.shuttingDown = true;
    if (!m_impl->server)
        return;
    for (const auto &s : m_impl->liveStreams())
        s->close(grpc::Status(grpc::StatusCode::UNAVAILABLE, "orderlab is shutting down"), false);
    m_impl->state.timer.drain();
    m_impl->server->Shutdown(std::chrono::system_clock::now() + grace);
    m_impl->server->Wait();
}

std::vector<RemoteConnection> MomentoServer::connections() const
{
    return m_impl->state.clients.connections();
}

std::vector<RemoteSubscription> MomentoServer::subscriptions() const
{
    std::vector<RemoteSubscription> out;
    for (const auto &s : m_impl->liveStreams())
        out.push_back(s->info());
    return out;
}

std::map<std::pair<std::string, std::string>, std::size_t> MomentoServer::subscriptionsPerTopic() const
{
    std::map<std::pair<std::string, std::string>, std::size_t> out;
    for (const auto &s : m_impl->liveStreams())
        ++out[{s->request().cache, s->request().topic}];
    return out;
}

double MomentoServer::callsPerSecond() const
{
    return m_impl->state.clients.callsPerSecond();
}

MomentoServerStats MomentoServer::stats() const
{
    MomentoServerStats s;
    const auto &st = m_impl->state;
    s.calls = st.clients.totalCalls();
    s.failed = st.clients.totalFailures();
    {
        std::lock_guard lock(m_impl->state.streamsMutex);
        s.openStreams = st.streams.size();
    }
    s.streamsEnded = st.streamsEnded.load();
    s.slowSubscribers = st.slowSubscribers.load();
    s.injectedFaults = st.injected.load();
    return s;
}

} // namespace orderlab
