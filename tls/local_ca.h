#pragma once

#include <optional>
#include <string>
#include <vector>

namespace orderlab::tls {

/// The files of a local certificate authority folder (docs/momento-tls.md, "What orderlab generates").
struct LocalCaPaths
{
    std::string dir;
    std::string caCertificate;     ///< `ca.pem`: what clients trust (GRPC_DEFAULT_SSL_ROOTS_FILE_PATH)
    std::string caKey;             ///< `ca-key.pem`, mode 0600
    std::string serverCertificate; ///< `server.pem`, issued by the CA for serverNames
    std::string serverKey;         ///< `server-key.pem`, mode 0600
    static LocalCaPaths in(const std::string &dir);
};

/// A CA folder ready to serve: the paths, the server certificate and key as PEM text, the names the server
/// certificate holds, and what ensureLocalCa() had to do.
struct LocalCa
{
    LocalCaPaths paths;
    std::string serverCertificatePem;
    std::string serverKeyPem;
    std::vector<std::string> serverNames; ///< subject alternative names, DNS names and IP addresses as text
    bool createdCa = false;               ///< the CA was made now (else an existing one was reused)
    bool issuedServer = false;            ///< the server certificate was issued now
};

/// `$XDG_DATA_HOME/orderlab/ca`, else `$HOME/.local/share/orderlab/ca`; empty when neither variable is set.
std::string defaultCaDirectory();

/// The names every server certificate holds: `localhost`, `127.0.0.1`, `::1`.
std::vector<std::string> defaultServerNames();

/// Empty when `name` can go into a certificate (an IPv4 or IPv6 address, or a DNS name of letters, digits,
/// `-` and `.`), else why not.
std::string serverNameError(const std::string &name);

/**
 * Makes `dir` (and its parents, mode 0700) a CA folder, or reuses the one there. The CA is made once: an existing
 * `ca.pem` and `ca-key.pem` are always reused. The server certificate is reused when it parses, matches its key,
 * was issued by this CA, is valid now and holds defaultServerNames() and every name of `extraNames`; otherwise a new
 * one is issued (with the names it held before as well) and replaces it.
 *
 * Errors (nothing returned, `error` set, naming the path): `dir` empty or not a folder, a folder that cannot be
 * made or written, a file that cannot be read, does not parse, or does not belong with the others (a key that
 * does not match its certificate, only one of the CA's two files), a CA that has expired, a bad name in
 * `extraNames`. Nothing in the folder is changed after an error in an existing file. Keys are written with mode
 * 0600, through a temporary file renamed into place. Not thread-safe for the same folder across processes.
 */
std::optional<LocalCa> ensureLocalCa(const std::string &dir, const std::vector<std::string> &extraNames,
                                     std::string &error);

} // namespace orderlab::tls
