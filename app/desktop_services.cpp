#include "desktop_services.h"

#include "check_hosting.h"
#include "clock_holding_invoker.h"
#include "dynamodb_service.h"
#include "function_config.h"
#include "function_environment.h"
#include "handler_hosting.h"
#include "momento_service.h"
#include "process_invoker.h"
#include "secret_store.h"
#include "world/world.h"

namespace orderlab::app {

namespace {

/// The AWS port at the port asked for, or at a free one when that is taken (as MomentoService falls back).
class AwsPort final : public WorldService
{
  public:
    AwsPort(int port, std::shared_ptr<aws::SecretStore> secrets) : m_port(port), m_secrets(std::move(secrets)) {}

    std::string name() const override { return "dynamodb"; }
    bool start(World &world, std::string *error) override
    {
        m_service = std::make_unique<aws::DynamoDbService>(m_port, "127.0.0.1", m_secrets);
        if (m_service->start(world, error))
            return true;
        if (m_port == 0)
            return false;
        m_service = std::make_unique<aws::DynamoDbService>(0, "127.0.0.1", m_secrets);
        return m_service->start(world, error);
    }
    void stop() override
    {
        if (m_service)
            m_service->stop();
    }
    std::string address() const override { return m_service ? m_service->address() : std::string(); }
    int port() const override { return m_service ? m_service->port() : 0; }

  private:
    const int m_port;
    const std::shared_ptr<aws::SecretStore> m_secrets;
    std::unique_ptr<aws::DynamoDbService> m_service;
};

/// The window's worlds: its ports, and a handler process when one is chosen (or a scenario names one).
WorldHosting hostWorld(const WindowHostingRequest &request)
{
    WorldHosting hosting;
    MomentoServerOptions options;
    options.port = request.momentoPort;
    std::string caCertificate;
    if (request.handler) {
        if (const auto refused = lambda::checkFunctionEnvironment(request.handler->environment)) {
            hosting.error = "env: " + *refused;
            return hosting;
        }
        const std::string dir = tls::defaultCaDirectory();
        std::string why = "neither XDG_DATA_HOME nor HOME is set";
        const auto ca = dir.empty() ? std::nullopt : tls::ensureLocalCa(dir, {}, why);
        if (!ca) {
            hosting.error = "a handler process needs the local CA for Momento's TLS port: " + why;
            return hosting;
        }
        options.tlsPort = 0;
        options.tlsCertificateChainPem = ca->serverCertificatePem;
        options.tlsPrivateKeyPem = ca->serverKeyPem;
        caCertificate = ca->paths.caCertificate;
    }
    auto secrets = std::make_shared<aws::SecretStore>();
    auto momento = std::make_unique<MomentoService>(options, /*fallbackToAnyPort=*/true);
    auto aws = std::make_unique<AwsPort>(request.dynamodbPort, secrets);
    MomentoService *grpc = momento.get();
    AwsPort *awsPort = aws.get();
    hosting.services.push_back(std::move(momento));
    hosting.services.push_back(std::move(aws));
    if (!request.handler)
        return hosting;

    auto function = std::make_shared<lambda::FunctionConfig>();
    function->command = request.handler->command;
    function->directory = request.handler->directory;
    function->handler = request.handler->handler;
    function->memoryMb = request.handler->memoryMb;
    function->environment = request.handler->environment;
    auto late = std::make_shared<lambda::LateEnvironment>();
    function->late = late;
    hosting.invoker = [function, hold = request.handler->holdClock](const InvokerContext &context) {
        std::unique_ptr<Invoker> process = std::make_unique<lambda::ProcessInvoker>(context.scheduler, *function);
        if (hold) // a scenario's run: the clock waits for each invocation
            process = std::make_unique<scenario::ClockHoldingInvoker>(context.scheduler, std::move(process),
                                                                      function->initTimeoutMs);
        return process;
    };
    // The services live as long as the world, which runs `started` only while it holds them.
    hosting.started = [grpc, awsPort, secrets, late, caCertificate](World &world) {
        const HandlerEndpoints where{grpc->server()->tlsPort(), awsPort->address(), caCertificate};
        return provideForHandler(where, *secrets, world.pipeline().scheduler().now(), *late);
    };
    return hosting;
}

} // namespace

WindowServices desktopServices()
{
    return WindowServices{hostWorld, checkProcessHost(tls::defaultCaDirectory(), false)};
}

} // namespace orderlab::app
