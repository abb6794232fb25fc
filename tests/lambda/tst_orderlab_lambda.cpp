// orderlab-lambda, core's handler as a Lambda custom runtime (docs/orderlab-lambda.md), run as Lambda runs it:
// an execution environment, the Runtime API, and Momento over gRPC. Every golden case (tests/data) gives the
// cache and publishes the JavaScript reference gave; a bad key or a missing one is an init error.
#include "execution_environment.h"
#include "momento_server.h"
#include "momento_token.h"

#include "cache_store.h"
#include "handler/order_domain.h"
#include "handler/stream_handler.h"
#include "js/json.h"
#include "js/wtf8.h"
#include "scheduler.h"
#include "topic_hub.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <condition_variable>
#include <mutex>

using namespace orderlab;
using namespace orderlab::lambda;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Every publish the server is asked for, in order.
class Publishes final : public CallObserver
{
  public:
    class Scope final : public CallObserver::Scope
    {
      public:
        explicit Scope(Publishes &owner) : m_owner(owner) {}
        void finished(const ObservedCall &call) override
        {
            if (call.op != "publish" || call.result != "ok")
                return;
            std::lock_guard lock(m_owner.mutex);
            m_owner.seen.emplace_back(call.key, call.value);
        }

      private:
        Publishes &m_owner;
    };
    std::unique_ptr<CallObserver::Scope> begin(const std::string &) override { return std::make_unique<Scope>(*this); }
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> seen;
};

/// core's handler in process against a CacheStore directly, its strings encoded as the SDK encodes them: what the
/// same handler makes of a case under Momento's own rules (an empty key refused, UTF-8 on the wire), which the
/// in-memory Momento of the golden files does not have.
class StoreMomento final : public momento::CacheClient, public momento::TopicClient
{
  public:
    explicit StoreMomento(CacheStore &store) : m_store(store) {}
    Task<momento::GetResponse> get(std::string cache, std::string key) override
    {
        co_return m_store.get(cache, js::wtf8::toWellFormedUtf8(key));
    }
    Task<momento::Status> set(std::string cache, std::string key, momento::CacheValue value,
                              std::optional<std::chrono::milliseconds> ttl) override
    {
        co_return m_store.set(cache, js::wtf8::toWellFormedUtf8(key),
                              momento::makeValue(js::wtf8::toWellFormedUtf8(*value)),
                              ttl ? static_cast<std::uint64_t>(ttl->count()) : 60000u);
    }
    Task<momento::Status> remove(std::string cache, std::string key) override
    {
        co_return m_store.remove(cache, js::wtf8::toWellFormedUtf8(key));
    }
    Task<momento::Status> publish(std::string, std::string topic, std::string value) override
    {
        published.emplace_back(js::wtf8::toWellFormedUtf8(topic), js::wtf8::toWellFormedUtf8(value));
        co_return std::nullopt;
    }
    std::vector<std::pair<std::string, std::string>> published;

  private:
    CacheStore &m_store;
};

std::map<std::string, std::string> cacheOf(const CacheStore &store)
{
    std::map<std::string, std::string> items;
    for (const auto &info : store.keys(kCacheName)) {
        const auto got = store.peek(kCacheName, info.key);
        if (const auto *hit = std::get_if<momento::Hit>(&got))
            items[info.key] = *hit->value;
    }
    return items;
}

/// Cases where Momento's own rules make the handler's result differ from the in-memory golden file, and why.
const std::map<QString, const char *> kMomentoRules = {
    {QStringLiteral("creator-wrong-types"), "an empty key (a creator of \"\" or []) is refused: the record fails"},
    {QStringLiteral("unicode-keys"), "keys and topics go out as UTF-8, a lone surrogate as U+FFFD, as the SDK sends "
                                     "them"},
};

std::map<std::string, std::string> goldenCache(const js::Value &golden)
{
    std::map<std::string, std::string> cache;
    golden.asObject()->find("cache")->asObject()->forEach(
        [&](std::string_view key, const js::Value &value) { cache[std::string(key)] = value.asString(); });
    return cache;
}

std::vector<std::pair<std::string, std::string>> goldenPublishes(const js::Value &golden)
{
    std::vector<std::pair<std::string, std::string>> publishes;
    for (const auto &p : golden.asObject()->find("published")->asArray()->items)
        publishes.emplace_back(p.asObject()->find("topic")->asString(), p.asObject()->find("value")->asString());
    return publishes;
}

/// A Momento server, and orderlab-lambda in an execution environment pointed at it.
struct Rig
{
    Scheduler clock;
    CacheStore cache{clock};
    TopicHub topics{clock, [this](const std::string &c) { return cache.hasCache(c); }};
    std::shared_ptr<Publishes> publishes = std::make_shared<Publishes>();
    // Declared before `environment`: its output thread writes here until the environment is destroyed.
    std::mutex logMutex;
    std::vector<std::string> log;
    std::unique_ptr<MomentoServer> server;
    std::unique_ptr<ExecutionEnvironment> environment;
    QTemporaryDir dir;

    /// Starts both; `apiKey` empty: a token for the server; `extra` added to the function's environment.
    bool start(std::string apiKey = {}, EnvironmentVariables extra = {})
    {
        MomentoServerOptions options;
        options.observer = publishes;
        server = std::make_unique<MomentoServer>(cache, topics, nullptr, options);
        if (!server->start())
            return false;
        tls::MomentoTokenClaims claims;
        claims.cacheEndpoint = claims.controlEndpoint = "momento.example:443"; // replaced by MOMENTO_ENDPOINT
        FunctionConfig f;
        f.command = std::string("exec '") + ORDERLAB_LAMBDA + "'";
        f.directory = dir.path().toStdString();
        f.functionName = "orders-handler";
        f.environment = {{"MOMENTO_API_KEY", apiKey.empty() ? tls::mintMomentoToken(claims, "") : apiKey},
                         {"MOMENTO_ENDPOINT", "http://127.0.0.1:" + std::to_string(server->port())}};
        for (auto &v : extra)
            f.environment.push_back(std::move(v));
        environment = std::make_unique<ExecutionEnvironment>(f, [this](const std::string &, const std::string &line) {
            std::lock_guard lock(logMutex);
            log.push_back(line);
        });
        std::string error;
        return environment->start(&error);
    }

    /// Hands `event` to the runtime and waits for what it answers.
    std::optional<EnvironmentOutcome> invoke(const std::string &event)
    {
        std::mutex m;
        std::condition_variable cv;
        std::optional<EnvironmentOutcome> got;
        RuntimeInvocation invocation;
        invocation.requestId = "req-" + std::to_string(++requests);
        invocation.eventJson = event;
        invocation.deadlineMs = QDateTime::currentMSecsSinceEpoch() + 30000;
        invocation.functionArn = "arn:aws:lambda:us-east-1:000000000000:function:orders-handler";
        environment->invoke(invocation, [&](const EnvironmentOutcome &o) {
            std::lock_guard lock(m);
            got = o;
            cv.notify_all();
        });
        std::unique_lock lock(m);
        cv.wait_for(lock, std::chrono::seconds(30), [&] { return got.has_value(); });
        if (!got)
            environment->abandon();
        return got;
    }

    int requests = 0;
};

} // namespace

class TstOrderlabLambda : public QObject
{
    Q_OBJECT
  private slots:
    void goldenCases_data()
    {
        QTest::addColumn<QString>("dir");
        const QDir data(QStringLiteral(ORDERLAB_TEST_DATA));
        const auto dirs = data.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(dirs.size() >= 40, "the golden data is missing");
        for (const auto &d : dirs)
            QTest::newRow(qPrintable(d)) << data.filePath(d);
    }

    void goldenCases()
    {
        QFETCH(QString, dir);
        QByteArray expected = readFile(dir + "/expected-orderlab.json");
        if (expected.isEmpty())
            expected = readFile(dir + "/expected.json");
        const js::Value want = js::parseJson(expected.trimmed().toStdString());
        Rig rig;
        QVERIFY(rig.start());
        Scheduler clock;
        CacheStore store(clock);
        StoreMomento inProcess(store);
        StreamHandler handler(inProcess, inProcess);
        for (const QByteArray &line : readFile(dir + "/events.jsonl").split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            runSync(handler.handle(js::parseJson(line.toStdString())));
            const auto outcome = rig.invoke(line.toStdString());
            QVERIFY2(outcome.has_value(), "orderlab-lambda never answered");
            // A batch the handler reports failed records of is still a response: the mapping decides.
            QVERIFY2(outcome->kind == EnvironmentOutcome::Kind::Response ||
                         outcome->kind == EnvironmentOutcome::Kind::Error,
                     outcome->errorMessage.c_str());
        }
        // The cache, compared as a map (tests/data/README.md), and the publishes in order: the golden file's, or
        // where Momento's own rules apply, core's in process against the same store rules.
        const std::map<std::string, std::string> gotCache = cacheOf(rig.cache);
        std::map<std::string, std::string> wantCache;
        std::vector<std::pair<std::string, std::string>> wantPublishes;
        const QString name = QFileInfo(dir).fileName();
        if (const auto rule = kMomentoRules.find(name); rule != kMomentoRules.end()) {
            qInfo("%s: %s", qPrintable(name), rule->second);
            wantCache = cacheOf(store);
            QVERIFY2(wantCache != goldenCache(want), "the case no longer differs from its golden file");
            wantPublishes = inProcess.published;
        } else {
            wantCache = goldenCache(want);
            wantPublishes = goldenPublishes(want);
        }
        for (const auto &[key, value] : wantCache)
            if (auto it = gotCache.find(key); it == gotCache.end() || it->second != value)
                qWarning("cache key %s: want %s, got %s",
                         QByteArray::fromStdString(key).toPercentEncoding().constData(), value.c_str(),
                         it == gotCache.end() ? "(absent)" : it->second.c_str());
        for (const auto &[key, value] : gotCache)
            if (!wantCache.count(key))
                qWarning("cache key %s: not expected, got %s",
                         QByteArray::fromStdString(key).toPercentEncoding().constData(), value.c_str());
        QCOMPARE(gotCache, wantCache);
        std::lock_guard lock(rig.publishes->mutex);
        QCOMPARE(rig.publishes->seen, wantPublishes);
    }

    void aKeyThatIsNeitherFormIsAnInitErrorNamingIt()
    {
        Rig rig;
        QVERIFY(rig.start("not-a-key"));
        const auto outcome = rig.invoke("{\"Records\":[]}");
        QVERIFY(outcome.has_value());
        QCOMPARE(int(outcome->kind), int(EnvironmentOutcome::Kind::InitError));
        QCOMPARE(outcome->errorType, std::string("Runtime.ConfigurationError"));
        QVERIFY2(outcome->errorMessage.find("neither a v1 key nor a JWT") != std::string::npos,
                 outcome->errorMessage.c_str());
    }

    void anEventThatIsNotJsonIsAnInvocationError()
    {
        Rig rig;
        QVERIFY(rig.start());
        const auto outcome = rig.invoke("{\"Records\": [");
        QVERIFY(outcome.has_value());
        QCOMPARE(int(outcome->kind), int(EnvironmentOutcome::Kind::Error));
        QCOMPARE(outcome->errorType, std::string("SyntaxError"));
        const auto next = rig.invoke("{\"Records\":[]}"); // the environment stays usable
        QVERIFY(next.has_value());
        QCOMPARE(int(next->kind), int(EnvironmentOutcome::Kind::Response));
        QCOMPARE(next->body, std::string("{\"batchItemFailures\":[]}"));
    }
};

QTEST_GUILESS_MAIN(TstOrderlabLambda)
#include "tst_orderlab_lambda.moc"
