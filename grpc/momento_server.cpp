#include "momento_server.h"

#include "call_context.h"
#include "connection_gate.h"
#include "pubsub_service.h"
#include "raw_unary_service.h"
#include "subscription_stream.h"
#include "tls_credentials.h"
#include "unknown_method_service.h"

#include <grpcpp/grpcpp.h>

namespace orderlab {

using namespace grpcserver;

class MomentoServer::Impl
{
  public:
    Impl(CacheStore &cache, TopicHub &topics, FaultInjector *faults, MomentoServerOptions options)
        : state(cache, topics, faults, std::move(options)), rawUnary(state), pubsub(state)
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
    RawUnaryService rawUnary;             // every unary call orderlab serves, as bytes (raw_unary_service.h)
    UnknownMethodService unknown;         // the methods orderlab does not serve (unknown_method_service.h)
    PubsubService pubsub;                 // Subscribe
    std::mutex mutex;                     // guards the members below
    std::unique_ptr<ConnectionGate> gate; // the listening socket (connection_gate.h)
    std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> acceptor;
    std::unique_ptr<ConnectionGate> tlsGate; // the TLS port's listening socket, when there is one
    std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> tlsAcceptor;
    std::unique_ptr<grpc::Server> server;
    int port = 0;
    int tlsPort = 0;
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
    if (o.tlsPort > 65535)
        return fail("TLS port " + std::to_string(o.tlsPort) + " is out of range");
    if (o.tlsPort >= 0 && (o.tlsCertificateChainPem.empty() || o.tlsPrivateKeyPem.empty()))
        return fail("the TLS port needs a certificate and a private key");
    ConnectionGate::Options gateOptions;
    gateOptions.host = o.bindAddress.size() > 2 && o.bindAddress.front() == '[' && o.bindAddress.back() == ']'
                           ? o.bindAddress.substr(1, o.bindAddress.size() - 2)
                           : o.bindAddress; // the gate wants the bare address; printing brackets it (address())
    gateOptions.port = o.port;
    gateOptions.maxConnections = o.maxConnections;
    auto gate = std::make_unique<ConnectionGate>(gateOptions);
    std::string why;
    if (!gate->listen(&why))
        return fail(why);
    std::unique_ptr<ConnectionGate> tlsGate;
    if (o.tlsPort >= 0) {
        gateOptions.port = o.tlsPort;
        tlsGate = std::make_unique<ConnectionGate>(gateOptions);
        if (!tlsGate->listen(&why))
            return fail("TLS port: " + why);
    }
    grpc::ServerBuilder builder;
    // orderlab accepts the connections itself and hands them to gRPC (connection_gate.h).
    auto acceptor = builder.experimental().AddExternalConnectionAcceptor(
        grpc::ServerBuilder::experimental_type::ExternalConnectionType::FROM_FD, grpc::InsecureServerCredentials());
    std::unique_ptr<grpc::experimental::ExternalConnectionAcceptor> tlsAcceptor;
    if (tlsGate)
        tlsAcceptor = builder.experimental().AddExternalConnectionAcceptor(
            grpc::ServerBuilder::experimental_type::ExternalConnectionType::FROM_FD,
            tlsServerCredentials(o.tlsCertificateChainPem, o.tlsPrivateKeyPem));
    // What the Momento SDKs need (docs/momento-wire.md, "Transport").
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 1000);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
    builder.SetMaxReceiveMessageSize(o.maxReceiveMessageBytes);
    builder.SetMaxSendMessageSize(o.maxReceiveMessageBytes);
    builder.RegisterService(&m_impl->pubsub);
    builder.RegisterService(&m_impl->rawUnary);
    builder.RegisterCallbackGenericService(&m_impl->unknown);
    m_impl->server = builder.BuildAndStart();
    if (!m_impl->server)
        return fail("cannot start the gRPC server on " + o.bindAddress + ":" + std::to_string(gate->port()));
    auto handTo = [](grpc::experimental::ExternalConnectionAcceptor *a) {
        return [a](int listenerFd, int fd) {
            grpc::experimental::ExternalConnectionAcceptor::NewConnectionParameters p;
            p.listener_fd = listenerFd;
            p.fd = fd;
            a->HandleNewConnection(&p);
        };
    };
    gate->start(handTo(acceptor.get()));
    if (tlsGate)
        tlsGate->start(handTo(tlsAcceptor.get()));
    m_impl->port = gate->port();
    m_impl->tlsPort = tlsGate ? tlsGate->port() : 0;
    m_impl->acceptor = std::move(acceptor);
    m_impl->gate = std::move(gate);
    m_impl->tlsAcceptor = std::move(tlsAcceptor);
    m_impl->tlsGate = std::move(tlsGate);
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

int MomentoServer::tlsPort() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->tlsPort;
}

std::string MomentoServer::tlsAddress() const
{
    const int bound = tlsPort();
    return bound ? hostForAddress(m_impl->state.options.bindAddress) + ":" + std::to_string(bound) : std::string();
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
    m_impl->gate->stop(); // no new connections from here on
    if (m_impl->tlsGate)
        m_impl->tlsGate->stop();
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
    std::lock_guard lock(m_impl->mutex);
    if (m_impl->gate) {
        s.connectionCap = m_impl->gate->cap();
        s.openConnections = m_impl->gate->openConnections();
        s.acceptPauses = m_impl->gate->acceptPauses();
    }
    if (m_impl->tlsGate) {
        s.connectionCap += m_impl->tlsGate->cap();
        s.openConnections += m_impl->tlsGate->openConnections();
        s.acceptPauses += m_impl->tlsGate->acceptPauses();
    }
    return s;
}

} // namespace orderlab
