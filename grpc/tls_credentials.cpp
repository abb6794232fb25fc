#include "tls_credentials.h"

#include <grpcpp/security/server_credentials.h>

namespace orderlab::grpcserver {

std::shared_ptr<grpc::ServerCredentials> tlsServerCredentials(const std::string &certificateChainPem,
                                                              const std::string &privateKeyPem)
{
    grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    options.pem_key_cert_pairs.push_back({privateKeyPem, certificateChainPem});
    return grpc::SslServerCredentials(options);
}

} // namespace orderlab::grpcserver
