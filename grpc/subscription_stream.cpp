#include "subscription_stream.h"

#include <climits>

namespace orderlab::grpcserver {

using cache_client::pubsub::_SubscriptionItem;

namespace {

/// JavaScript SDKs read uint64 as a double: a sequence page must survive that round trip, so
/// the wire carries the hub's page cut to 53 bits (never 0), and a resume names the hub's page
/// by that cut value.
constexpr std::uint64_t kJsSafe = (std::uint64_t(1) << 53) - 1;

std::uint64_t wirePage(std::uint64_t hubPage)
{
    const std::uint64_t p = hubPage & kJsSafe;
    return p == 0 ? 1 : p;
}

/// The hub page a client's `sequence_page` stands for (0 = none given).
std::uint64_t hubPage(TopicHub &topics, const std::string &cache, const std::string &topic, std::uint64_t page)
{
    if (page == 0)
        return 0;
    for (const auto &t : topics.topics())
        if (t.cache == cache && t.topic == topic)
            return wirePage(t.sequencePage) == page ? t.sequencePage : page;
    return page;
}

} // namespace

StreamState::StreamState(ServerState &server, SubscriptionStream *reactor, std::uint64_t id, std::string peer,
                         std::string agent, Request request)
    : m_server(server), m_id(id), m_peer(std::move(peer)), m_agent(std::move(agent)), m_request(std::move(request)),
      m_since(RemoteClients::wallMs()), m_reactor(reactor)
{
}

void StreamState::start(std::string streamError, std::uint64_t after)
{
    {
        std::unique_lock lock(m_mutex);
        if (m_closing)
            return;
        m_streamError = std::move(streamError);
        m_streamErrorAfter = after;
        auto hb = std::make_unique<Message>();
        hb->mutable_heartbeat();
        if (!m_streamError.empty() && m_streamErrorAfter == 0) { // fail right after the first heartbeat
            m_closing = true;
            m_drain = true;
            m_status = grpc::Status(codeFromName(m_streamError), "momento-local stream error: " + m_streamError);
        }
        push(std::move(hb), false, lock);
        if (m_closing)
            return;
    }
    std::weak_ptr<StreamState> weak = weak_from_this();
    const std::string description = "grpc " + m_peer + (m_agent.empty() ? std::string() : " (" + m_agent + ")");
    const std::uint64_t page = hubPage(m_server.topics, m_request.cache, m_request.topic, m_request.sequencePage);
    auto r = m_server.topics.subscribe(
        m_request.cache, m_request.topic, m_request.resumeAt, page,
        [weak](const SubscriptionItem &item) {
            if (auto self = weak.lock())
                self->onItem(item);
        },
        description);
    if (auto *e = std::get_if<momento::Error>(&r)) {
        close(grpc::Status(codeOf(e->code), e->message), false);
        return;
    }
    const auto id = std::get<TopicHub::SubscriptionId>(r);
    {
        std::unique_lock lock(m_mutex);
        if (!m_done) {
            m_hubId = id;
            lock.unlock();
            scheduleHeartbeat();
            return;
        }
    }
    m_server.topics.unsubscribe(id); // the stream ended while subscribing
}

void StreamState::scheduleHeartbeat()
{
    std::weak_ptr<StreamState> weak = weak_from_this();
    m_server.timer.after(m_server.options.heartbeatInterval, [weak] {
        auto self = weak.lock();
        if (!self)
            return;
        self->heartbeat();
        bool closing = false;
        {
            std::lock_guard lock(self->m_mutex);
            closing = self->m_closing;
        }
        if (!closing)
            self->scheduleHeartbeat();
    });
}

void StreamState::heartbeat()
{
    std::unique_lock lock(m_mutex);
    if (m_closing || !m_queue.empty())
        return;
    auto hb = std::make_unique<Message>();
    hb->mutable_heartbeat();
    push(std::move(hb), false, lock);
}

void StreamState::onItem(const SubscriptionItem &item)
{
    auto msg = std::make_unique<Message>();
    if (const auto *it = std::get_if<TopicItem>(&item)) {
        auto *out = msg->mutable_item();
        out->set_topic_sequence_number(it->sequenceNumber);
        out->set_sequence_page(wirePage(it->sequencePage));
        out->set_publisher_id(it->publisherId);
        if (it->value.kind == TopicValue::Kind::Text)
            out->mutable_value()->set_text(it->value.data);
        else
            out->mutable_value()->set_binary(it->value.data);
    } else {
        const auto &d = std::get<TopicDiscontinuity>(item);
        auto *out = msg->mutable_discontinuity();
        out->set_last_topic_sequence(d.lastSequence);
        out->set_new_topic_sequence(d.newSequence);
        out->set_new_sequence_page(wirePage(d.newSequencePage));
    }
    std::unique_lock lock(m_mutex);
    if (m_closing)
        return;
    if (m_queue.size() >= m_server.options.maxStreamBuffer) {
        ++m_server.slowSubscribers;
        m_closing = true;
        m_drain = false;
        m_queue.clear();
        m_status = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                "subscriber fell " + std::to_string(m_server.options.maxStreamBuffer) +
                                    " messages behind; resubscribe to resume");
        pump(lock);
        return;
    }
    push(std::move(msg), true, lock);
}

void StreamState::push(std::unique_ptr<Message> msg, bool counts, std::unique_lock<std::mutex> &lock)
{
    m_queue.push_back(std::move(msg));
    if (counts) {
        ++m_delivered;
        if (!m_streamError.empty() && m_streamErrorAfter > 0 && m_delivered >= m_streamErrorAfter) {
            m_closing = true;
            m_drain = true;
            m_status = grpc::Status(codeFromName(m_streamError), "momento-local stream error: " + m_streamError);
        }
    }
    pump(lock);
}

void StreamState::close(const grpc::Status &status, bool drain)
{
    std::unique_lock lock(m_mutex);
    if (m_closing) {
        if (!drain && m_drain) { // a cancel overtakes a draining close
            m_drain = false;
            m_queue.clear();
        }
        return;
    }
    m_closing = true;
    m_drain = drain;
    m_status = status;
    if (!drain)
        m_queue.clear();
    pump(lock);
}

void StreamState::pump(std::unique_lock<std::mutex> &lock)
{
    if (m_writing || m_finishCalled || !m_reactor) {
        lock.unlock();
        return;
    }
    SubscriptionStream *reactor = m_reactor;
    if (!m_queue.empty() && (!m_closing || m_drain)) {
        m_current = std::move(m_queue.front());
        m_queue.pop_front();
        m_writing = true;
        lock.unlock();
        // Only this write touches m_current and m_wire until writeDone (m_writing).
        const std::string bytes = m_current->SerializeAsString();
        grpc::Slice slice(bytes);
        m_wire = grpc::ByteBuffer(&slice, 1);
        reactor->StartWrite(&m_wire);
        return;
    }
    if (m_closing) {
        m_finishCalled = true;
        grpc::Status status = m_status;
        lock.unlock();
        reactor->Finish(std::move(status));
        return;
    }
    lock.unlock();
}

void StreamState::writeDone(bool ok)
{
    std::unique_lock lock(m_mutex);
    m_writing = false;
    if (!ok && !m_closing) {
        m_closing = true;
        m_status = grpc::Status(grpc::StatusCode::CANCELLED, "the subscriber went away");
    }
    if (!ok) {
        m_drain = false;
        m_queue.clear();
    }
    pump(lock);
}

void StreamState::done()
{
    TopicHub::SubscriptionId id = 0;
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_reactor = nullptr;
        m_queue.clear();
        id = m_hubId;
        m_hubId = 0;
    }
    if (id)
        m_server.topics.unsubscribe(id);
    if (m_id == 0)
        return; // refused before it was registered
    {
        std::lock_guard lock(m_server.streamsMutex);
        m_server.streams.erase(m_id);
    }
    m_server.clients.streamClosed(m_peer);
    ++m_server.streamsEnded;
}

RemoteSubscription StreamState::info() const
{
    std::lock_guard lock(m_mutex);
    return RemoteSubscription{m_id,        m_peer,         m_agent, m_request.cache, m_request.topic,
                              m_delivered, m_queue.size(), m_since};
}

SubscriptionStream::SubscriptionStream(ServerState &server, grpc::CallbackServerContext *ctx,
                                       const grpc::ByteBuffer *body)
{
    Call call;
    grpc::Status st = admit(server, RequestMeta::of(*ctx), Plane::Topics, "topic-subscribe", nullptr, call);
    cache_client::pubsub::_SubscriptionRequest rq;
    if (st.ok()) {
        grpc::Slice slice;
        const bool dumped = body->DumpToSingleSlice(&slice).ok();
        if (!dumped || slice.size() > static_cast<std::size_t>(INT_MAX) ||
            !rq.ParseFromArray(slice.begin(), static_cast<int>(slice.size())))
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "malformed request body: " + std::to_string(dumped ? slice.size() : 0) +
                                  " bytes that are not a " + rq.GetTypeName());
    }
    StreamState::Request request{rq.cache_name(), rq.topic(), rq.resume_at_topic_sequence_number(), rq.sequence_page()};
    if (st.ok()) {
        if (request.cache.empty())
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "cache name must not be empty");
        else if (request.topic.empty())
            st = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "topic name must not be empty");
        else if (auto named = checkName(server, "topic name", request.topic); !named.ok())
            st = named;
        else if (!server.cache.hasCache(request.cache))
            st = grpc::Status(grpc::StatusCode::NOT_FOUND, "cache '" + request.cache + "' not found");
    }
    const std::string agent = server.clients.agentOf(call.peer);
    if (st.ok()) {
        // Counting and registering under one lock, so that concurrent subscribes cannot pass the limit.
        std::lock_guard lock(server.streamsMutex);
        std::size_t sameCache = 0;
        for (const auto &[streamId, weak] : server.streams)
            if (auto other = weak.lock(); other && other->request().cache == request.cache)
                ++sameCache;
        if (sameCache >= server.options.maxSubscriptions) {
            ctx->AddTrailingMetadata("err", "topic_subscriptions_limit_exceeded");
            st = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                              "topic subscriptions limit exceeded: " + std::to_string(sameCache) +
                                  " subscribers on cache '" + request.cache + "', the limit is " +
                                  std::to_string(server.options.maxSubscriptions));
        } else {
            const std::uint64_t id = server.nextStream++;
            m_state = std::make_shared<StreamState>(server, this, id, call.peer, agent, std::move(request));
            server.streams.emplace(id, m_state);
        }
    }
    if (!st.ok()) {
        m_state = std::make_shared<StreamState>(server, this, 0, call.peer, agent, std::move(request));
        addTrailers(ctx, call);
        server.clients.recordFailure(call.peer);
        m_state->close(st, false);
        return;
    }
    server.clients.streamOpened(call.peer);
    if (call.delayMs > 0) {
        std::weak_ptr<StreamState> weak = m_state;
        server.timer.after(std::chrono::milliseconds(call.delayMs),
                           [weak, e = call.verdict.streamError, n = call.verdict.streamErrorAfter] {
                               if (auto s = weak.lock())
                                   s->start(e, n);
                           });
    } else {
        m_state->start(call.verdict.streamError, call.verdict.streamErrorAfter);
    }
}

void SubscriptionStream::OnCancel()
{
    m_state->close(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the client"), false);
}

void SubscriptionStream::OnDone()
{
    m_state->done();
    delete this;
}

} // namespace orderlab::grpcserver
