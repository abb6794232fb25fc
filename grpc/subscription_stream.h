#pragma once
// Internal to orderlab_grpc: one `Pubsub/Subscribe` stream.

#include "cachepubsub.grpc.pb.h"
#include "call_context.h"

#include <deque>
#include <memory>
#include <mutex>

namespace orderlab::grpcserver {

class SubscriptionStream;

/**
 * The state of one subscription stream, shared by its reactor, its TopicHub callback and the
 * heartbeat timer, so that none of them outlives what it touches.
 *
 * Messages are queued and written one at a time; a publisher only queues (never waits for
 * the client). The stream ends exactly once: on cancel or a failed write (CANCELLED), a
 * buffer overflow (RESOURCE_EXHAUSTED), an injected stream error (after the queued items),
 * or shutdown (UNAVAILABLE). Finish is called only when no write is in flight.
 *
 * Threading: every member is thread-safe; the mutex is never held while calling into gRPC
 * or the TopicHub.
 */
class StreamState : public std::enable_shared_from_this<StreamState>
{
  public:
    struct Request
    {
        std::string cache;
        std::string topic;
        std::uint64_t resumeAt = 0;
        std::uint64_t sequencePage = 0;
    };

    StreamState(ServerState &server, SubscriptionStream *reactor, std::uint64_t id, std::string peer, std::string agent,
                Request request);

    /// Queues the heartbeat, subscribes to the hub (replaying what the resume asks for) and
    /// starts the periodic heartbeats. `streamError`/`after`: momento-local's stream error.
    void start(std::string streamError, std::uint64_t after);
    /// Ends the stream with `status`: at once (dropping what is queued), or after the queue when `drain`.
    void close(const grpc::Status &status, bool drain);

    RemoteSubscription info() const;
    const Request &request() const { return m_request; }

    // Called by the reactor.
    void writeDone(bool ok);
    void done();

  private:
    using Message = cache_client::pubsub::_SubscriptionItem;
    void onItem(const SubscriptionItem &item);
    void heartbeat();
    void scheduleHeartbeat();
    /// Pushes `msg` (m_mutex held by `lock`) and pumps.
    void push(std::unique_ptr<Message> msg, bool counts, std::unique_lock<std::mutex> &lock);
    /// Starts the next write, or the Finish, if nothing is in flight. Releases `lock`.
    void pump(std::unique_lock<std::mutex> &lock);

    ServerState &m_server;
    const std::uint64_t m_id;
    const std::string m_peer;
    const std::string m_agent;
    const Request m_request;
    const std::int64_t m_since;

    mutable std::mutex m_mutex;
    SubscriptionStream *m_reactor; // null once done
    std::deque<std::unique_ptr<Message>> m_queue;
    std::unique_ptr<Message> m_current; // being written ...
    grpc::ByteBuffer m_wire;            // ... as these bytes
    bool m_writing = false;
    bool m_closing = false;
    bool m_drain = false;
    bool m_finishCalled = false;
    bool m_done = false;
    grpc::Status m_status;
    TopicHub::SubscriptionId m_hubId = 0;
    std::uint64_t m_delivered = 0;
    std::string m_streamError;
    std::uint64_t m_streamErrorAfter = 0;
};

/// The reactor of one Subscribe call, on bytes: it decodes the request (a body that does not parse
/// ends the stream with INVALID_ARGUMENT naming it) and writes each message serialized. Deletes
/// itself in OnDone.
class SubscriptionStream final : public grpc::ServerWriteReactor<grpc::ByteBuffer>
{
  public:
    SubscriptionStream(ServerState &server, grpc::CallbackServerContext *ctx, const grpc::ByteBuffer *body);

    void OnWriteDone(bool ok) override { m_state->writeDone(ok); }
    void OnCancel() override;
    void OnDone() override;

  private:
    std::shared_ptr<StreamState> m_state;
};

} // namespace orderlab::grpcserver
