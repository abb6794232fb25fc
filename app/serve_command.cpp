// `orderlab serve`: the emulator headless, with Momento's gRPC protocol on a port.
#include "bounds_options.h"
#include "ca_options.h"
#include "command.h"
#include "function_config.h"
#include "handler_hosting.h"
#include "handler_options.h"
#include "secret_options.h"
#include "state_options.h"

#include "dynamodb/table_registry.h"
#include "dynamodb_service.h"
#include "momento_service.h"
#include "world/world.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <limits>
#include <thread>

namespace orderlab::app {

namespace {

volatile std::sig_atomic_t g_stop = 0;

extern "C" void onStopSignal(int)
{
    g_stop = 1;
}

} // namespace

int runServe(const QStringList &arguments)
{
    OptionParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs the emulator headless on the real clock and serves Momento's gRPC protocol (cache, topics, control)\n"
        "over its cache and topics, so that official Momento SDKs with MomentoLocalProvider talk to it.\n"
        "Prints 'momento listening on ADDR:PORT' (and 'momento (TLS) listening on ADDR:PORT' with\n"
        "--momento-tls-port) once it accepts calls; SIGINT or SIGTERM stop it cleanly.\n"
        "Exit status: 0 stopped by a signal, 1 could not listen (or use the CA folder), 2 bad flags."));
    parser.addHelpOption();
    const QString N = QStringLiteral("N");
    parser.addOptions({
        {QStringLiteral("dynamodb-port"),
         QStringLiteral("Also serve DynamoDB's JSON API (and DynamoDB Streams, Secrets Manager) on this port;\n"
                        "0 = any free port."),
         QStringLiteral("PORT")},
        {QStringLiteral("dynamodb-poll-us"),
         QStringLiteral("Microseconds a DynamoDB connection is polled for its client's next request before its\n"
                        "thread sleeps, when that client is quick and a CPU is free (default 50; 0 = never)."),
         N, QStringLiteral("50")},
        {QStringLiteral("momento-port"),
         QStringLiteral("Port of the Momento gRPC server; 0 = any free port (default 8080)."), QStringLiteral("PORT"),
         QStringLiteral("8080")},
        {QStringLiteral("momento-tls-port"),
         QStringLiteral("Also serve Momento's gRPC protocol over TLS on this port (0 = any free port), with the\n"
                        "server certificate of the local CA (see orderlab ca, orderlab token). Default: off."),
         QStringLiteral("PORT")},
        {QStringLiteral("ca-dir"),
         QStringLiteral("The local CA folder of the TLS port, made if missing (default as orderlab ca's)."),
         QStringLiteral("DIR")},
        {QStringLiteral("bind"), QStringLiteral("Address to listen on (default 127.0.0.1)."), QStringLiteral("ADDR"),
         QStringLiteral("127.0.0.1")},
        {QStringLiteral("auth-token"),
         QStringLiteral("Accept only calls whose authorization header is T (default: any)."), QStringLiteral("T")},
        {QStringLiteral("simulate"), QStringLiteral("Feed generated order lifecycles at RATE table writes per second."),
         QStringLiteral("RATE")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the generator and faults (default 1)."), N,
         QStringLiteral("1")},
        {QStringLiteral("cache"), QStringLiteral("A cache that exists at start; repeatable (default pizza)."),
         QStringLiteral("NAME")},
        {QStringLiteral("heartbeat"), QStringLiteral("Milliseconds between subscription heartbeats (default 5000)."), N,
         QStringLiteral("5000")},
        {QStringLiteral("rate-limits"),
         QStringLiteral("Enforce Momento's rate limits: 100 cache ops/s, 10 publishes/s.")},
        {QStringLiteral("max-caches"),
         QStringLiteral("Caches CreateCache may make in all, the configured ones included (default 10, Momento's)."), N,
         QStringLiteral("10")},
        {QStringLiteral("max-subscriptions"), QStringLiteral("Live subscriptions per cache (default 100, Momento's)."),
         N, QStringLiteral("100")},
        {QStringLiteral("item-collection-limit-bytes"),
         QStringLiteral("The size limit of an item collection of a table with a local secondary index, in bytes\n"
                        "(default 10737418240, DynamoDB's 10 GB); a write past it is refused."),
         N},
        {QStringLiteral("max-connections"),
         QStringLiteral("Connections served at once; more wait until one closes (default 1000)."), N,
         QStringLiteral("1000")},
        {QStringLiteral("fault"),
         QStringLiteral(
             "OP=SPEC, repeatable, for the handler and every gRPC client at once: OP is cache.get (Get,\n"
             "KeysExist, ItemGetTtl), cache.set (Set, SetIf, Increment, UpdateTtl), cache.delete, topic.publish,\n"
             "handler, cache.* or *; SPEC is 0.1, next:N, or p=0.1,code=unavailable,latency=50ms."),
         QStringLiteral("OP=SPEC")},
        stateOption(),
    });
    addBoundsOptions(parser);
    addHandlerOptions(parser);
    addSecretOptions(parser);
    parser.setRepeatable(
        {QStringLiteral("cache"), QStringLiteral("fault"), QStringLiteral("secret"), QStringLiteral("handler-env")});
    const QString cmd = QStringLiteral("serve");
    if (const auto stop = parseOptions(parser, arguments, cmd))
        return *stop;

    QString error;
    long long port = 8080, heartbeat = 5000;
    unsigned long long seed = 1;
    double rate = 0;
    if (!wholeNumberOption(parser, QStringLiteral("momento-port"), 0, 65535, port, error) ||
        !numberOption(parser, QStringLiteral("simulate"), 0.001, 100000, rate, error) ||
        !unsignedWholeNumberOption(parser, QStringLiteral("seed"), 0, std::numeric_limits<std::uint64_t>::max(), seed,
                                   error) ||
        !wholeNumberOption(parser, QStringLiteral("heartbeat"), 10, 3600000, heartbeat, error))
        return usageError(cmd, error, parser.helpText());
    long long maxCaches = 10, maxSubscriptions = 100, maxConnections = 1000;
    if (!wholeNumberOption(parser, QStringLiteral("max-caches"), 1, 1000000, maxCaches, error) ||
        !wholeNumberOption(parser, QStringLiteral("max-subscriptions"), 1, 1000000, maxSubscriptions, error) ||
        !wholeNumberOption(parser, QStringLiteral("max-connections"), 1, 1000000, maxConnections, error))
        return usageError(cmd, error, parser.helpText());
    unsigned long long itemCollectionLimit = dynamodb::kDefaultItemCollectionLimit;
    if (parser.isSet(QStringLiteral("item-collection-limit-bytes")) &&
        !unsignedWholeNumberOption(parser, QStringLiteral("item-collection-limit-bytes"), 1,
                                   std::numeric_limits<std::uint64_t>::max(), itemCollectionLimit, error))
        return usageError(cmd, error, parser.helpText());
    long long tlsPort = -1;
    if (parser.isSet(QStringLiteral("momento-tls-port")) &&
        !wholeNumberOption(parser, QStringLiteral("momento-tls-port"), 0, 65535, tlsPort, error))
        return usageError(cmd, error, parser.helpText());
    const auto caDir = caDirectoryOption(parser, QStringLiteral("ca-dir"), error);
    if (!caDir)
        return usageError(cmd, error, parser.helpText());
    // A handler process is hosted as simulate hosts it (docs/lambda-runtime.md): Momento over TLS and the AWS
    // port, on free ports unless given, so that an unmodified handler finds its token and endpoints.
    const bool handlerProcess = parser.isSet(QStringLiteral("handler-command"));
    if (tlsPort < 0 && parser.isSet(QStringLiteral("ca-dir")) && !handlerProcess)
        return usageError(cmd,
                          parser.attributed(QStringLiteral("ca-dir"),
                                            QStringLiteral("--ca-dir is for the TLS port: give --momento-tls-port "
                                                           "(or --handler-command) too")),
                          parser.helpText());
    long long dynamodbPort = -1, pollMicroseconds = 50;
    if ((parser.isSet(QStringLiteral("dynamodb-port")) &&
         !wholeNumberOption(parser, QStringLiteral("dynamodb-port"), 0, 65535, dynamodbPort, error)) ||
        !wholeNumberOption(parser, QStringLiteral("dynamodb-poll-us"), 0, 10000, pollMicroseconds, error))
        return usageError(cmd, error, parser.helpText());
    if (handlerProcess) {
        tlsPort = std::max(tlsPort, 0LL);
        dynamodbPort = std::max(dynamodbPort, 0LL);
    }
    const std::string bind = parser.value(QStringLiteral("bind")).toStdString();
    if (bind.empty())
        return usageError(cmd, parser.attributed(QStringLiteral("bind"), QStringLiteral("--bind wants an address")),
                          parser.helpText());

    WorldConfig world;
    PipelineConfig &config = world.pipeline;
    config.seed = seed;
    config.startTime =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    // The state's clock, seed, caches and faults first: --fault adds to them.
    if (!stateOptions(parser, {QStringLiteral("seed"), QStringLiteral("cache")}, world, error))
        return usageError(cmd, error, parser.helpText());
    const auto secrets = secretOptions(parser, dynamodbPort >= 0, config.startTime, error);
    if (!secrets)
        return usageError(cmd, error, parser.helpText());
    if (parser.isSet(QStringLiteral("cache"))) {
        config.caches.clear();
        if (!cacheOptions(parser, config.caches, error))
            return usageError(cmd, error, parser.helpText());
    }
    {
        QString faultError;
        if (!faultOptions(parser, config.faults, faultError))
            return usageError(cmd, faultError, parser.helpText());
    }
    if (!boundsOptions(parser, config, world.feed.maxLiveOrders, error))
        return usageError(cmd, error, parser.helpText());
    HandlerChoice handler;
    if (!handlerOptions(parser, handler, error))
        return usageError(cmd, error, parser.helpText());
    // A handler process learns its endpoints and token once the ports are bound, before the first write is fed.
    std::shared_ptr<lambda::LateEnvironment> endpoints;
    if (handler.function) {
        endpoints = std::make_shared<lambda::LateEnvironment>();
        handler.function->late = endpoints;
    }
    useHandler(handler, config);
    world.clock = WorldConfig::ClockMode::Real;
    world.feed.writesPerSecond = rate > 0 ? rate : 1;
    world.feedAtStart = false; // started below, once the ports are bound
    world.apps = false;        // remote SDK clients are the subscribers here
    world.checkEveryMs = 0;    // nobody reads a verdict while serving

    MomentoServerOptions options;
    options.bindAddress = bind;
    options.port = static_cast<int>(port);
    options.authToken = parser.value(QStringLiteral("auth-token")).toStdString();
    options.heartbeatInterval = std::chrono::milliseconds(heartbeat);
    options.rateLimits = parser.isSet(QStringLiteral("rate-limits"));
    options.maxCaches = static_cast<std::size_t>(maxCaches);
    options.maxSubscriptions = static_cast<std::size_t>(maxSubscriptions);
    options.maxConnections = static_cast<std::size_t>(maxConnections);
    std::string caCertificate;
    if (tlsPort >= 0) {
        const auto ca = localCa(parser, QStringLiteral("ca-dir"), *caDir, {}, error);
        if (!ca) {
            std::fprintf(stderr, "orderlab serve: %s\n", error.toLocal8Bit().constData());
            return Failed;
        }
        options.tlsPort = static_cast<int>(tlsPort);
        options.tlsCertificateChainPem = ca->serverCertificatePem;
        options.tlsPrivateKeyPem = ca->serverKeyPem;
        caCertificate = ca->paths.caCertificate;
        std::fprintf(stderr, "orderlab serve: TLS with the server certificate of %s (clients trust %s)\n",
                     ca->paths.dir.c_str(), ca->paths.caCertificate.c_str());
    }
    World running(world);
    running.pipeline().tables().setItemCollectionLimit(itemCollectionLimit);
    auto service = std::make_unique<MomentoService>(options);
    MomentoService &momento = *service;
    running.addService(std::move(service));
    aws::DynamoDbService *dynamodb = nullptr;
    if (dynamodbPort >= 0) {
        aws::HttpConnectionLimits limits;
        limits.poll.window = std::chrono::microseconds(pollMicroseconds);
        auto face = std::make_unique<aws::DynamoDbService>(static_cast<int>(dynamodbPort), bind, secrets, limits);
        dynamodb = face.get();
        running.addService(std::move(face));
    }
    const std::string listenError = running.start();
    if (!listenError.empty()) {
        std::fprintf(stderr, "orderlab serve: %s\n", listenError.c_str());
        return Failed;
    }
    if (endpoints) {
        const HandlerEndpoints where{momento.server()->tlsPort(), dynamodb->address(), caCertificate};
        if (const std::string failed =
                provideForHandler(where, *secrets, running.pipeline().scheduler().now(), *endpoints);
            !failed.empty()) {
            std::fprintf(stderr, "orderlab serve: %s\n", failed.c_str());
            running.stop();
            return Failed;
        }
        std::fprintf(stderr, "orderlab serve: the handler's token is the secret %s\n", kMomentoSecretId);
    }
    if (rate > 0)
        running.feed().start();

    std::fprintf(stderr, "orderlab serve: %s\n", handlerDescription(handler).toLocal8Bit().constData());
    g_stop = 0;
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);

    if (!writeStdout(QByteArray("momento listening on ") + QByteArray::fromStdString(momento.address()) + "\n"))
        g_stop = 1;
    if (const auto tls = momento.server()->tlsAddress();
        !tls.empty() && !writeStdout(QByteArray("momento (TLS) listening on ") + QByteArray::fromStdString(tls) + "\n"))
        g_stop = 1;
    if (dynamodb &&
        !writeStdout(QByteArray("dynamodb listening on ") + QByteArray::fromStdString(dynamodb->address()) + "\n"))
        g_stop = 1;
    while (!g_stop)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));

    const auto stats = momento.server()->stats();
    running.stop();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::fprintf(stderr, "orderlab serve: stopped after %llu calls, %llu subscriptions\n",
                 static_cast<unsigned long long>(stats.calls), static_cast<unsigned long long>(stats.streamsEnded));
    return Ok;
}

} // namespace orderlab::app
