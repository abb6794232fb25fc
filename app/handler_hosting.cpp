#include "handler_hosting.h"

#include "dynamodb_service.h"
#include "function_config.h"
#include "function_environment.h"
#include "momento_service.h"
#include "momento_token.h"
#include "pipeline/simulation_run.h"
#include "secret_store.h"
#include "world/world.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>

namespace orderlab::app {

namespace {

/// The services of one run, as the two callbacks share them; the world owns them once made.
struct Hosted
{
    MomentoService *momento = nullptr;
    aws::DynamoDbService *aws = nullptr;
};

std::string secretText(const std::string &token)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("momento"), QString::fromStdString(token)}})
        .toJson(QJsonDocument::Compact)
        .toStdString();
}

} // namespace

std::string provideForHandler(const HandlerEndpoints &endpoints, aws::SecretStore &secrets, TimeMs now,
                              lambda::LateEnvironment &late)
{
    tls::MomentoTokenClaims claims;
    claims.cacheEndpoint = claims.controlEndpoint = tls::endpointFor("127.0.0.1", endpoints.momentoTlsPort);
    claims.issuedAt =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const std::string token = tls::mintMomentoToken(claims, {});
    try {
        aws::SecretCreation secret;
        secret.name = kMomentoSecretId;
        secret.value = aws::SecretValue{false, secretText(token)};
        secrets.create(secret, now);
    } catch (const std::exception &e) {
        return std::string("secretsmanager: ") + e.what();
    }
    auto variables = lambda::serviceEndpointVariables("http://" + endpoints.awsAddress);
    variables.emplace_back("SECRET_ID", kMomentoSecretId);
    variables.emplace_back("MOMENTO_API_KEY", token);
    variables.emplace_back("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", endpoints.caCertificate);
    variables.emplace_back("NODE_EXTRA_CA_CERTS", endpoints.caCertificate);
    late.set(std::move(variables));
    return {};
}

void hostForHandler(lambda::FunctionConfig &function, const tls::LocalCa &ca, SimulationOptions &options)
{
    HandlerServices hosted = handlerServices(function, ca, "simulate");
    options.services = std::move(hosted.services);
    options.servicesStarted = std::move(hosted.started);
}

HandlerServices handlerServices(lambda::FunctionConfig &function, const tls::LocalCa &ca, const char *command)
{
    HandlerServices out;
    auto late = std::make_shared<lambda::LateEnvironment>();
    function.late = late;
    auto secrets = std::make_shared<aws::SecretStore>();
    auto hosted = std::make_shared<Hosted>();

    MomentoServerOptions momento;
    momento.port = 0;
    momento.tlsPort = 0;
    momento.tlsCertificateChainPem = ca.serverCertificatePem;
    momento.tlsPrivateKeyPem = ca.serverKeyPem;
    out.services = [momento, secrets, hosted] {
        std::vector<std::unique_ptr<WorldService>> services;
        auto grpc = std::make_unique<MomentoService>(momento);
        auto aws = std::make_unique<aws::DynamoDbService>(0, "127.0.0.1", secrets);
        hosted->momento = grpc.get();
        hosted->aws = aws.get();
        services.push_back(std::move(grpc));
        services.push_back(std::move(aws));
        return services;
    };
    const std::string caCertificate = ca.paths.caCertificate;
    out.started = [late, secrets, hosted, caCertificate, command](World &world) -> std::string {
        const HandlerEndpoints endpoints{hosted->momento->server()->tlsPort(), hosted->aws->address(), caCertificate};
        if (std::string error = provideForHandler(endpoints, *secrets, world.pipeline().scheduler().now(), *late);
            !error.empty())
            return error;
        if (command)
            std::fprintf(stderr,
                         "orderlab %s: the handler reaches momento on %s (TLS %s, CA %s) and AWS on %s; its "
                         "token is the secret %s\n",
                         command, hosted->momento->address().c_str(), hosted->momento->server()->tlsAddress().c_str(),
                         caCertificate.c_str(), hosted->aws->address().c_str(), kMomentoSecretId);
        return {};
    };
    return out;
}

} // namespace orderlab::app
