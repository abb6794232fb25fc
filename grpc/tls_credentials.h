#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

namespace orderlab::grpcserver {

/// gRPC server credentials for the TLS port (docs/momento-tls.md): the certificate chain and private key, as PEM
/// text, presented to every client; client certificates are not asked for. Internal to grpc/.
std::shared_ptr<grpc::ServerCredentials> tlsServerCredentials(const std::string &certificateChainPem,
                                                              const std::string &privateKeyPem);

} // namespace orderlab::grpcserver
