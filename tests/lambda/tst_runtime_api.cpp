// The Runtime API server on its own, through HTTP: status codes and bodies (docs/lambda-runtime.md).
#include "runtime_api_server.h"

#include <httplib.h>

#include <QtTest>

#include <arpa/inet.h>
#include <future>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace orderlab::lambda;

namespace {

const std::string kBase = "/2018-06-01/runtime";

struct Recorder
{
    std::mutex mutex;
    std::vector<RuntimeReport> reports;
    void operator()(const RuntimeReport &r)
    {
        std::lock_guard lock(mutex);
        reports.push_back(r);
    }
    std::vector<RuntimeReport> of(RuntimeReport::Kind kind)
    {
        std::lock_guard lock(mutex);
        std::vector<RuntimeReport> out;
        for (const auto &r : reports)
            if (r.kind == kind)
                out.push_back(r);
        return out;
    }
};

RuntimeInvocation invocation(const std::string &id)
{
    RuntimeInvocation inv;
    inv.requestId = id;
    inv.eventJson = "{\"Records\":[]}";
    inv.deadlineMs = 1700000003000;
    inv.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:f";
    inv.traceId = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";
    return inv;
}

/// Takes `id` through GET next (offered while the poll waits).
void handOut(RuntimeApiServer &server, httplib::Client &client, const std::string &id)
{
    auto poll = std::async(std::launch::async, [&] { return client.Get(kBase + "/invocation/next"); });
    QVERIFY(server.offer(invocation(id)));
    auto next = poll.get();
    QVERIFY(next);
    QCOMPARE(next->status, 200);
}

int rawStatus(int port, const std::string &bytes)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    [[maybe_unused]] auto n = ::write(fd, bytes.data(), bytes.size());
    char answer[64] = {};
    n = ::read(fd, answer, sizeof answer - 1);
    ::close(fd);
    int status = -1;
    std::sscanf(answer, "HTTP/1.1 %d", &status);
    return status;
}

} // namespace

class TstRuntimeApi : public QObject
{
    Q_OBJECT
  private slots:
    void nextBlocksUntilAnInvocationAndCarriesItsHeaders()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        std::string error;
        QVERIFY(server.start(&error));
        QVERIFY(server.port() > 0);
        QCOMPARE(server.address(), "127.0.0.1:" + std::to_string(server.port()));
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(60, 0);
        auto poll = std::async(std::launch::async, [&] { return client.Get(kBase + "/invocation/next"); });
        QCOMPARE(poll.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout); // blocks
        QVERIFY(server.offer(invocation("req-1")));
        QVERIFY(!server.offer(invocation("req-2"))); // one at a time
        auto next = poll.get();
        QVERIFY(next);
        QCOMPARE(next->status, 200);
        QCOMPARE(next->body, std::string("{\"Records\":[]}"));
        QCOMPARE(next->get_header_value("Lambda-Runtime-Aws-Request-Id"), std::string("req-1"));
        QCOMPARE(next->get_header_value("Lambda-Runtime-Deadline-Ms"), std::string("1700000003000"));
        QCOMPARE(next->get_header_value("Lambda-Runtime-Invoked-Function-Arn"),
                 std::string("arn:aws:lambda:us-east-1:000000000000:function:f"));
        QVERIFY(next->get_header_value("Lambda-Runtime-Trace-Id").starts_with("Root=1-"));
        QCOMPARE(rec.of(RuntimeReport::Kind::Polled).size(), std::size_t(1));

        // a second next before answering the first is an invalid state transition
        auto again = client.Get(kBase + "/invocation/next");
        QVERIFY(again);
        QCOMPARE(again->status, 403);
        QVERIFY(again->body.find("\"errorType\":\"InvalidStateTransition\"") != std::string::npos);

        auto ok = client.Post(kBase + "/invocation/req-1/response", "{\"batchItemFailures\":[]}", "application/json");
        QVERIFY(ok);
        QCOMPARE(ok->status, 202);
        QCOMPARE(ok->body, std::string("{\"status\":\"OK\"}"));
        const auto responses = rec.of(RuntimeReport::Kind::Response);
        QCOMPARE(responses.size(), std::size_t(1));
        QCOMPARE(responses[0].requestId, std::string("req-1"));
        QCOMPARE(responses[0].body, std::string("{\"batchItemFailures\":[]}"));
    }

    void anUnknownOrAnsweredRequestIdIs400InvalidRequestID()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(60, 0);
        const std::string invalid = "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}";
        auto unknown = client.Post(kBase + "/invocation/nobody/response", "{}", "application/json");
        QVERIFY(unknown);
        QCOMPARE(unknown->status, 400);
        QCOMPARE(unknown->body, invalid);
        QCOMPARE(unknown->get_header_value("Content-Type"), std::string("application/json"));

        handOut(server, client, "req-1");
        auto wrong = client.Post(kBase + "/invocation/req-2/error", "{}", "application/json");
        QVERIFY(wrong);
        QCOMPARE(wrong->status, 400);
        QCOMPARE(wrong->body, invalid);
        QVERIFY(client.Post(kBase + "/invocation/req-1/response", "null", "application/json")->status == 202);
        auto twice = client.Post(kBase + "/invocation/req-1/response", "null", "application/json");
        QVERIFY(twice);
        QCOMPARE(twice->status, 400);
        QCOMPARE(twice->body, invalid);

        // retire(): the invocation is forgotten (timed out), a late answer is an unknown id
        handOut(server, client, "req-3");
        server.retire();
        auto late = client.Post(kBase + "/invocation/req-3/response", "{}", "application/json");
        QVERIFY(late);
        QCOMPARE(late->status, 400);
        QCOMPARE(rec.of(RuntimeReport::Kind::Response).size(), std::size_t(1));
        QCOMPARE(rec.of(RuntimeReport::Kind::Refused).size(), std::size_t(4));
    }

    void anErrorPostIs202AndReadsTheBodyOrTheHeader()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(60, 0);
        handOut(server, client, "a");
        auto r = client.Post(kBase + "/invocation/a/error", {{"Lambda-Runtime-Function-Error-Type", "Unhandled"}},
                             "{\"errorMessage\":\"boom\",\"errorType\":\"TypeError\",\"stackTrace\":[]}",
                             "application/vnd.aws.lambda.error+json");
        QVERIFY(r);
        QCOMPARE(r->status, 202);
        QCOMPARE(r->body, std::string("{\"status\":\"OK\"}"));
        handOut(server, client, "b");
        r = client.Post(kBase + "/invocation/b/error", {{"Lambda-Runtime-Function-Error-Type", "Runtime.Crash"}},
                        "it broke", "text/plain");
        QVERIFY(r);
        QCOMPARE(r->status, 202);
        const auto errors = rec.of(RuntimeReport::Kind::Error);
        QCOMPARE(errors.size(), std::size_t(2));
        QCOMPARE(errors[0].errorType, std::string("TypeError"));
        QCOMPARE(errors[0].errorMessage, std::string("boom"));
        QCOMPARE(errors[1].errorType, std::string("Runtime.Crash"));
        QCOMPARE(errors[1].errorMessage, std::string("it broke"));
    }

    void initErrorIsAcceptedOnlyBeforeTheFirstNext()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(60, 0);
        auto r =
            client.Post(kBase + "/init/error", {{"Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError"}},
                        "{\"errorMessage\":\"Cannot find module 'index'\",\"errorType\":\"Runtime.ImportModuleError\"}",
                        "application/json");
        QVERIFY(r);
        QCOMPARE(r->status, 202);
        QCOMPARE(r->body, std::string("{\"status\":\"OK\"}"));
        const auto init = rec.of(RuntimeReport::Kind::InitError);
        QCOMPARE(init.size(), std::size_t(1));
        QCOMPARE(init[0].errorType, std::string("Runtime.ImportModuleError"));
        QCOMPARE(init[0].errorMessage, std::string("Cannot find module 'index'"));

        handOut(server, client, "x");
        r = client.Post(kBase + "/init/error", "{}", "application/json");
        QVERIFY(r);
        QCOMPARE(r->status, 403);
        QVERIFY(r->body.find("\"errorType\":\"InvalidStateTransition\"") != std::string::npos);
    }

    void aResponseOver6MiBIs413RequestEntityTooLarge()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        httplib::Client client("127.0.0.1", server.port());
        client.set_read_timeout(60, 0);
        handOut(server, client, "big");
        auto r = client.Post(kBase + "/invocation/big/response",
                             std::string(RuntimeApiServer::kMaxPayloadBytes + 1, 'x'), "application/json");
        QVERIFY(r);
        QCOMPARE(r->status, 413);
        QCOMPARE(r->body, std::string("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291456 bytes).\","
                                      "\"errorType\":\"RequestEntityTooLarge\"}"));
        const auto tooLarge = rec.of(RuntimeReport::Kind::ResponseTooLarge);
        QCOMPARE(tooLarge.size(), std::size_t(1));
        QCOMPARE(tooLarge[0].requestId, std::string("big"));

        // exactly the limit is accepted
        httplib::Client other("127.0.0.1", server.port());
        other.set_read_timeout(60, 0);
        handOut(server, other, "limit");
        r = other.Post(kBase + "/invocation/limit/response", std::string(RuntimeApiServer::kMaxPayloadBytes, 'y'),
                       "application/json");
        QVERIFY(r);
        QCOMPARE(r->status, 202);
        QCOMPARE(rec.of(RuntimeReport::Kind::Response).at(0).body.size(), RuntimeApiServer::kMaxPayloadBytes);
    }

    void malformedRequestsAreClear4xx()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        httplib::Client client("127.0.0.1", server.port());
        auto r = client.Get("/2018-06-01/runtime/invocation/abc/response");
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QCOMPARE(r->body, std::string("{\"errorMessage\":\"no Runtime API resource at GET "
                                      "/2018-06-01/runtime/invocation/abc/response\",\"errorType\":\"InvalidPath\"}"));
        r = client.Post("/2015-03-31/functions/function/invocations", "{}", "application/json");
        QVERIFY(r);
        QCOMPARE(r->status, 404);
        QCOMPARE(rawStatus(server.port(), "\x01\x02 not http at all\r\n\r\n"), 400);
        QVERIFY(!rec.of(RuntimeReport::Kind::Refused).empty());
    }

    void aConnectionThePeerFilterRefusesIs403()
    {
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        std::mutex mutex;
        std::vector<int> asked;
        std::atomic<bool> allow{false};
        server.setPeerFilter([&](int clientPort, int serverPort) {
            std::lock_guard lock(mutex);
            asked.push_back(clientPort);
            return allow.load() && serverPort > 0;
        });
        QVERIFY(server.start(nullptr));
        httplib::Client stranger("127.0.0.1", server.port());
        auto r = stranger.Get(kBase + "/invocation/next");
        QVERIFY(r);
        QCOMPARE(r->status, 403);
        QVERIFY2(r->body.find("\"errorType\":\"Forbidden\"") != std::string::npos, r->body.c_str());
        QVERIFY(rec.of(RuntimeReport::Kind::Polled).empty()); // refused before it reached the API
        QCOMPARE(rec.of(RuntimeReport::Kind::Refused).size(), std::size_t(1));

        allow = true;
        httplib::Client runtime("127.0.0.1", server.port());
        runtime.set_keep_alive(true);
        runtime.set_read_timeout(60, 0);
        handOut(server, runtime, "a");
        QCOMPARE(runtime.Post(kBase + "/invocation/a/response", "{}", "application/json")->status, 202);
        std::lock_guard lock(mutex);
        QCOMPARE(asked.size(), std::size_t(2)); // once per connection: the keep-alive one is checked once
    }

    void aRuntimeKeepsItsConnectionForEveryInvocation()
    {
        // httplib ended a connection after its fifth request: the runtime connected again every two or three
        // invocations, and the peer filter looked through /proc each time.
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        std::atomic<int> asked{0};
        server.setPeerFilter([&](int, int) {
            ++asked;
            return true;
        });
        QVERIFY(server.start(nullptr));
        httplib::Client runtime("127.0.0.1", server.port());
        runtime.set_keep_alive(true);
        runtime.set_read_timeout(60, 0);
        for (int i = 0; i < 10; ++i) {
            const std::string id = "inv-" + std::to_string(i);
            handOut(server, runtime, id);
            auto answered = runtime.Post(kBase + "/invocation/" + id + "/response", "{}", "application/json");
            QVERIFY(answered);
            QCOMPARE(answered->status, 202);
            QVERIFY2(answered->get_header_value("Connection") != "close", ("answer " + std::to_string(i)).c_str());
        }
        QCOMPARE(rec.of(RuntimeReport::Kind::Response).size(), std::size_t(10));
        QCOMPARE(asked.load(), 1); // 20 requests, one connection
    }

    void idleKeepAliveConnectionsDoNotHoldUpANewOne()
    {
        // aws-lambda-ric asks for the next invocation from each of libuv's 4 pool threads, each over its own kept-alive
        // connection, and answers from the main thread over a fifth. With a fixed pool of 4 HTTP threads, one per
        // connection for its keep-alive life, the fifth waited until an idle one's keep-alive ran out: 5 s, on almost
        // every invocation (scripts/bench-lambda, warm p99 4,995 ms).
        Recorder rec;
        RuntimeApiServer server(std::ref(rec));
        QVERIFY(server.start(nullptr));
        std::vector<std::unique_ptr<httplib::Client>> clients;
        for (int i = 0; i < 12; ++i) {
            auto client = std::make_unique<httplib::Client>("127.0.0.1", server.port());
            client->set_keep_alive(true);
            client->set_read_timeout(3, 0); // an idle connection gives its thread up after 5 s
            auto answer = client->Post(kBase + "/invocation/nobody/response", "{}", "application/json");
            QVERIFY2(answer, ("connection " + std::to_string(i + 1) + " had no answer within 3 s").c_str());
            QCOMPARE(answer->status, 400);
            clients.push_back(std::move(client)); // stays open, idle
        }
        QCOMPARE(rec.of(RuntimeReport::Kind::Refused).size(), std::size_t(12));
    }

    void stopWakesAPollAndClosesThePort()
    {
        Recorder rec;
        auto server = std::make_unique<RuntimeApiServer>(std::ref(rec));
        QVERIFY(server->start(nullptr));
        const int port = server->port();
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(60, 0);
        auto poll = std::async(std::launch::async, [&] { return client.Get(kBase + "/invocation/next"); });
        QTRY_COMPARE(rec.of(RuntimeReport::Kind::Polled).size(), std::size_t(1));
        server->stop();
        auto woken = poll.get();
        QVERIFY(!woken || woken->status == 500);
        // nothing answers on the environment's port once it is gone
        QCOMPARE(rawStatus(port, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n"), -1);
    }
};

QTEST_GUILESS_MAIN(TstRuntimeApi)
#include "tst_runtime_api.moc"
