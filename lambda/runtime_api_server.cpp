#include "runtime_api_server.h"

#include "bounded_task_queue.h"
#include "js/json.h"

#include <httplib.h>

#include <chrono>
#include <limits>
#include <regex>

namespace orderlab::lambda {

namespace {

constexpr const char *kPrefix = "/2018-06-01/runtime";

/// httplib's TaskQueue over a BoundedTaskQueue (docs/lambda-runtime.md, "The Runtime API"): httplib gives each
/// connection one worker for its whole keep-alive life, and workers start as connections need them, up to
/// kMaxThreads. A connection beyond those and kMaxWaiting more is served on the listener's thread, which accepts
/// nothing else meanwhile: the kernel's backlog holds further connections, and memory stays bounded whatever a
/// client does.
class GrowingTaskQueue final : public httplib::TaskQueue
{
  public:
    static constexpr std::size_t kMaxThreads = 64;
    static constexpr std::size_t kMaxWaiting = 64;

    void enqueue(std::function<void()> fn) override
    {
        if (!m_queue.tryEnqueue(fn))
            fn();
    }
    void shutdown() override { m_queue.shutdown(); }

  private:
    BoundedTaskQueue m_queue{kMaxThreads, kMaxWaiting};
};

std::string errorBody(std::string_view type, std::string_view message)
{
    std::string out = "{\"errorMessage\":";
    js::appendQuoted(out, message);
    out += ",\"errorType\":";
    js::appendQuoted(out, type);
    out += '}';
    return out;
}

void answer(httplib::Response &res, int status, std::string body)
{
    res.status = status;
    res.set_content(std::move(body), "application/json");
}

void refuse(httplib::Response &res, int status, std::string_view type, std::string_view message)
{
    answer(res, status, errorBody(type, message));
}

/// errorType and errorMessage of an error post: the JSON body's fields, else the
/// Lambda-Runtime-Function-Error-Type header and the raw body (docs/lambda-runtime.md).
void readError(const httplib::Request &req, std::string &type, std::string &message)
{
    type = req.get_header_value("Lambda-Runtime-Function-Error-Type");
    message = req.body;
    try {
        const js::Value v = js::parseJson(req.body);
        if (const js::Value *t = v.isObject() ? v.asObject()->find("errorType") : nullptr; t && t->isString())
            type = t->asString();
        if (const js::Value *m = v.isObject() ? v.asObject()->find("errorMessage") : nullptr; m && m->isString())
            message = m->asString();
    } catch (const std::exception &) {
        // not JSON: the header and the raw body stand
    }
    if (type.empty())
        type = "Unhandled";
}

} // namespace

RuntimeApiServer::RuntimeApiServer(Listener listener, std::string host)
    : m_listener(std::move(listener)), m_host(std::move(host))
{
}

RuntimeApiServer::~RuntimeApiServer()
{
    stop();
}

bool RuntimeApiServer::start(std::string *error)
{
    m_server = std::make_unique<httplib::Server>();
    m_server->new_task_queue = [] { return new GrowingTaskQueue; };
    m_server->set_tcp_nodelay(true);
    // httplib closes a connection after 5 requests by default: a runtime then connected again every two or three
    // invocations, and each new connection costs the peer filter a look through /proc.
    m_server->set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
    m_server->set_payload_max_length(kMaxPayloadBytes);
    m_server->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (peerAllowed(req))
            return httplib::Server::HandlerResponse::Unhandled;
        const std::string message = "the connection from port " + std::to_string(req.remote_port) +
                                    " does not belong to this execution environment's processes";
        refuse(res, 403, "Forbidden", message);
        report({RuntimeReport::Kind::Refused, {}, {}, {}, "403 " + message});
        return httplib::Server::HandlerResponse::Handled;
    });
    const std::string prefix = kPrefix;
    m_server->Get(prefix + "/invocation/next",
                  [this](const httplib::Request &req, httplib::Response &res) { next(req, res); });
    m_server->Post(prefix + R"(/invocation/([^/]+)/(response|error))",
                   [this](const httplib::Request &req, httplib::Response &res) { post(req, res); });
    m_server->Post(prefix + "/init/error",
                   [this](const httplib::Request &req, httplib::Response &res) { initError(req, res); });
    // Everything else, and what httplib refuses before routing (malformed, too large), ends here.
    m_server->set_error_handler([this](const httplib::Request &req, httplib::Response &res) {
        if (!res.body.empty())
            return; // a route's own refusal, reported there
        static const std::regex responsePath(std::string(kPrefix) + "/invocation/([^/]+)/response");
        std::smatch m;
        if (res.status == 413) {
            refuse(res, 413, "RequestEntityTooLarge",
                   "Exceeded maximum allowed payload size (" + std::to_string(kMaxPayloadBytes) + " bytes).");
            if (std::regex_match(req.path, m, responsePath)) {
                bool current = false;
                {
                    std::lock_guard lock(m_mutex);
                    current = !m_running.empty() && m_running == m[1].str();
                    if (current)
                        m_running.clear();
                }
                if (current)
                    report({RuntimeReport::Kind::ResponseTooLarge, m[1].str(), {}, {}, {}});
            }
            return;
        }
        if (res.status == 404) {
            refuse(res, 404, "InvalidPath", "no Runtime API resource at " + req.method + " " + req.path);
        } else if (res.body.empty()) {
            refuse(res, res.status, "BadRequest", "malformed HTTP request");
        }
        report({RuntimeReport::Kind::Refused, {}, {}, {}, std::to_string(res.status) + " " + res.body});
    });
    m_port = m_server->bind_to_any_port(m_host);
    if (m_port <= 0) {
        if (error)
            *error = "cannot listen on " + m_host + " for the Runtime API";
        m_server.reset();
        m_port = 0;
        return false;
    }
    m_thread = std::thread([server = m_server.get()] { server->listen_after_bind(); });
    // stop() before the loop runs would be lost (httplib ignores it), and the join would hang.
    for (int i = 0; i < 5000 && !m_server->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return true;
}

void RuntimeApiServer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
    m_server.reset();
}

std::string RuntimeApiServer::address() const
{
    return m_host + ":" + std::to_string(m_port);
}

bool RuntimeApiServer::peerAllowed(const httplib::Request &req)
{
    if (!m_peerFilter)
        return true;
    {
        std::lock_guard lock(m_mutex);
        if (m_allowedPorts.count(req.remote_port))
            return true;
    }
    if (req.remote_addr != "127.0.0.1" || !m_peerFilter(req.remote_port, m_port))
        return false;
    std::lock_guard lock(m_mutex);
    m_allowedPorts.insert(req.remote_port);
    return true;
}

bool RuntimeApiServer::offer(RuntimeInvocation invocation)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_offer || !m_running.empty())
            return false;
        m_offer = std::move(invocation);
    }
    m_wake.notify_all();
    return true;
}

void RuntimeApiServer::retire()
{
    std::lock_guard lock(m_mutex);
    m_offer.reset();
    m_running.clear();
}

void RuntimeApiServer::report(const RuntimeReport &r) const
{
    if (m_listener)
        m_listener(r);
}

void RuntimeApiServer::next(const httplib::Request &, httplib::Response &res)
{
    std::unique_lock lock(m_mutex);
    if (!m_running.empty()) {
        const std::string message = "invocation " + m_running + " has not been answered";
        lock.unlock();
        refuse(res, 403, "InvalidStateTransition", message);
        report({RuntimeReport::Kind::Refused, {}, {}, {}, "403 " + message});
        return;
    }
    m_polled = true;
    lock.unlock();
    report({RuntimeReport::Kind::Polled, {}, {}, {}, {}});
    lock.lock();
    m_wake.wait(lock, [this] { return m_stopping || m_offer.has_value(); });
    if (m_stopping) {
        lock.unlock();
        refuse(res, 500, "Runtime.Shutdown", "the execution environment is shutting down");
        return;
    }
    RuntimeInvocation inv = std::move(*m_offer);
    m_offer.reset();
    m_running = inv.requestId;
    lock.unlock();
    res.status = 200;
    res.set_header("Lambda-Runtime-Aws-Request-Id", inv.requestId);
    res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(inv.deadlineMs));
    res.set_header("Lambda-Runtime-Invoked-Function-Arn", inv.functionArn);
    res.set_header("Lambda-Runtime-Trace-Id", inv.traceId);
    res.set_content(std::move(inv.eventJson), "application/json");
}

void RuntimeApiServer::post(const httplib::Request &req, httplib::Response &res)
{
    const std::string id = req.matches[1].str();
    const bool isError = req.matches[2].str() == "error";
    bool current = false;
    {
        std::lock_guard lock(m_mutex);
        current = !m_running.empty() && m_running == id;
        if (current)
            m_running.clear();
    }
    if (!current) {
        refuse(res, 400, "InvalidRequestID", "Invalid request ID");
        report({RuntimeReport::Kind::Refused, id, {}, {}, "400 unknown request id " + id});
        return;
    }
    answer(res, 202, "{\"status\":\"OK\"}");
    if (isError) {
        RuntimeReport r{RuntimeReport::Kind::Error, id, {}, {}, {}};
        readError(req, r.errorType, r.errorMessage);
        report(r);
    } else {
        report({RuntimeReport::Kind::Response, id, req.body, {}, {}});
    }
}

void RuntimeApiServer::initError(const httplib::Request &req, httplib::Response &res)
{
    bool polled = false;
    {
        std::lock_guard lock(m_mutex);
        polled = m_polled;
    }
    if (polled) {
        const std::string message = "init/error is accepted only before the first invocation/next";
        refuse(res, 403, "InvalidStateTransition", message);
        report({RuntimeReport::Kind::Refused, {}, {}, {}, "403 " + message});
        return;
    }
    answer(res, 202, "{\"status\":\"OK\"}");
    RuntimeReport r{RuntimeReport::Kind::InitError, {}, {}, {}, {}};
    readError(req, r.errorType, r.errorMessage);
    report(r);
}

} // namespace orderlab::lambda
