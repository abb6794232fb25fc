#include "local_ca.h"

#include "pem_files.h"

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace orderlab::tls {

namespace {

constexpr long kCaDays = 3650;    // the CA: ten years
constexpr long kServerDays = 825; // a server certificate: what browsers accept at most; reissued when expired

bool isIpAddress(const std::string &name)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, name.c_str(), buf) == 1 || inet_pton(AF_INET6, name.c_str(), buf) == 1;
}

X509Ptr newCertificate(EVP_PKEY *subjectKey, const std::string &commonName, long days)
{
    X509Ptr cert(X509_new());
    BnPtr serial(BN_new());
    if (!cert || !serial || !X509_set_version(cert.get(), 2) || !BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, 0) ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), days * 24 * 3600) || !X509_set_pubkey(cert.get(), subjectKey))
        return nullptr;
    X509_NAME *name = X509_get_subject_name(cert.get());
    if (!X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("orderlab"), -1,
                                    -1, 0) ||
        !X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char *>(commonName.c_str()), -1, -1, 0))
        return nullptr;
    return cert;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

struct Issued
{
    X509Ptr cert;
    KeyPtr key;
};

std::optional<Issued> makeCa(std::string &error)
{
    KeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert = key ? newCertificate(key.get(), "orderlab local CA", kCaDays) : nullptr;
    if (!cert || !X509_set_issuer_name(cert.get(), X509_get_subject_name(cert.get())) ||
        !addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE,pathlen:0") ||
        !addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign") ||
        !addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash") ||
        !X509_sign(cert.get(), key.get(), EVP_sha256())) {
        error = "cannot make the CA certificate: " + openSslError();
        return std::nullopt;
    }
    return Issued{std::move(cert), std::move(key)};
}

std::optional<Issued> issueServer(X509 *ca, EVP_PKEY *caKey, const std::vector<std::string> &names, std::string &error)
{
    std::string san;
    for (const auto &n : names)
        san += (san.empty() ? "" : ",") + std::string(isIpAddress(n) ? "IP:" : "DNS:") + n;
    KeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert = key ? newCertificate(key.get(), "orderlab momento", kServerDays) : nullptr;
    if (!cert || !X509_set_issuer_name(cert.get(), X509_get_subject_name(ca)) ||
        !addExtension(cert.get(), ca, NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), ca, NID_key_usage, "critical,digitalSignature,keyEncipherment") ||
        !addExtension(cert.get(), ca, NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), ca, NID_subject_alt_name, san) ||
        !addExtension(cert.get(), ca, NID_authority_key_identifier, "keyid:always") ||
        !X509_sign(cert.get(), caKey, EVP_sha256())) {
        error = "cannot issue the server certificate: " + openSslError();
        return std::nullopt;
    }
    return Issued{std::move(cert), std::move(key)};
}

/// The DNS names and IP addresses among the certificate's subject alternative names.
std::vector<std::string> subjectAltNames(X509 *cert)
{
    std::vector<std::string> out;
    auto *names = static_cast<GENERAL_NAMES *>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (!names)
        return out;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *g = sk_GENERAL_NAME_value(names, i);
        if (g->type == GEN_DNS) {
            const ASN1_STRING *s = g->d.dNSName;
            out.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                             static_cast<std::size_t>(ASN1_STRING_length(s)));
        } else if (g->type == GEN_IPADD) {
            const ASN1_STRING *s = g->d.iPAddress;
            char text[INET6_ADDRSTRLEN] = {};
            const int family = ASN1_STRING_length(s) == 4 ? AF_INET : AF_INET6;
            if (inet_ntop(family, ASN1_STRING_get0_data(s), text, sizeof text))
                out.emplace_back(text);
        }
    }
    GENERAL_NAMES_free(names);
    return out;
}

bool holdsName(X509 *cert, const std::string &name)
{
    return isIpAddress(name)
               ? X509_check_ip_asc(cert, name.c_str(), 0) == 1
               : X509_check_host(cert, name.c_str(), name.size(), X509_CHECK_FLAG_NO_WILDCARDS, nullptr) == 1;
}

/// Why the server pair in the folder must be replaced, or empty when it may be reused.
std::string serverStale(X509 *server, X509 *ca, EVP_PKEY *caKey, const std::vector<std::string> &wanted)
{
    if (X509_verify(server, caKey) != 1 || X509_check_issued(ca, server) != X509_V_OK)
        return "it was not issued by this CA";
    if (X509_cmp_current_time(X509_get0_notAfter(server)) <= 0)
        return "it has expired";
    for (const auto &n : wanted)
        if (!holdsName(server, n))
            return "it does not name " + n;
    return {};
}

} // namespace

LocalCaPaths LocalCaPaths::in(const std::string &dir)
{
    const std::filesystem::path d(dir);
    return {dir, (d / "ca.pem").string(), (d / "ca-key.pem").string(), (d / "server.pem").string(),
            (d / "server-key.pem").string()};
}

std::string defaultCaDirectory()
{
    const char *xdg = std::getenv("XDG_DATA_HOME");
    if (xdg && *xdg)
        return (std::filesystem::path(xdg) / "orderlab" / "ca").string();
    const char *home = std::getenv("HOME");
    if (home && *home)
        return (std::filesystem::path(home) / ".local" / "share" / "orderlab" / "ca").string();
    return {};
}

std::vector<std::string> defaultServerNames()
{
    return {"localhost", "127.0.0.1", "::1"};
}

std::string serverNameError(const std::string &name)
{
    if (name.empty())
        return "a server name must not be empty";
    if (isIpAddress(name))
        return {};
    if (name.size() > 253)
        return "'" + name + "' is longer than 253 characters";
    const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    });
    bool labelsOk = ok;
    for (std::size_t start = 0; labelsOk && start <= name.size();) {
        const auto end = std::min(name.find('.', start), name.size());
        const auto label = name.substr(start, end - start);
        labelsOk = !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-';
        start = end + 1;
    }
    if (!labelsOk)
        return "'" + name + "' is neither an IP address nor a DNS name (labels of letters, digits and '-', " +
               "separated by '.')";
    return {};
}

std::optional<LocalCa> ensureLocalCa(const std::string &dir, const std::vector<std::string> &extraNames,
                                     std::string &error)
{
    if (dir.empty()) {
        error = "the CA folder must not be empty";
        return std::nullopt;
    }
    std::vector<std::string> wanted = defaultServerNames();
    for (const auto &n : extraNames) {
        if (const auto why = serverNameError(n); !why.empty()) {
            error = why;
            return std::nullopt;
        }
        if (std::find(wanted.begin(), wanted.end(), n) == wanted.end())
            wanted.push_back(n);
    }
    if (!makeFolder(dir, error))
        return std::nullopt;

    LocalCa out;
    out.paths = LocalCaPaths::in(dir);
    const auto &p = out.paths;
    X509Ptr ca;
    KeyPtr caKey;
    const bool haveCert = fileExists(p.caCertificate), haveKey = fileExists(p.caKey);
    if (haveCert != haveKey) {
        error = (haveCert ? p.caKey : p.caCertificate) + ": missing, while " + (haveCert ? p.caCertificate : p.caKey) +
                " exists (remove the folder to make a new CA)";
        return std::nullopt;
    }
    if (haveCert) {
        if (!(ca = readCertificate(p.caCertificate, error)) || !(caKey = readKey(p.caKey, error)))
            return std::nullopt;
        if (X509_check_private_key(ca.get(), caKey.get()) != 1) {
            error = p.caKey + ": does not match the certificate " + p.caCertificate;
            return std::nullopt;
        }
        if (X509_check_ca(ca.get()) == 0) {
            error = p.caCertificate + ": not a CA certificate";
            return std::nullopt;
        }
        if (X509_cmp_current_time(X509_get0_notAfter(ca.get())) <= 0) {
            error = p.caCertificate + ": the CA has expired (remove the folder to make a new one)";
            return std::nullopt;
        }
    }

    // Read the existing server pair before writing anything, so that a corrupt file changes nothing.
    X509Ptr server;
    KeyPtr serverKey;
    const bool haveServer = fileExists(p.serverCertificate), haveServerKey = fileExists(p.serverKey);
    if (haveServer) {
        if (!(server = readCertificate(p.serverCertificate, error)))
            return std::nullopt;
    }
    if (haveServerKey) {
        if (!(serverKey = readKey(p.serverKey, error)))
            return std::nullopt;
    }
    if (server && serverKey && X509_check_private_key(server.get(), serverKey.get()) != 1) {
        error = p.serverKey + ": does not match the certificate " + p.serverCertificate;
        return std::nullopt;
    }

    if (!ca) {
        auto made = makeCa(error);
        if (!made || !writeKey(p.caKey, made->key.get(), error) ||
            !writeCertificate(p.caCertificate, made->cert.get(), error))
            return std::nullopt;
        ca = std::move(made->cert);
        caKey = std::move(made->key);
        out.createdCa = true;
    }

    std::string stale =
        !server || !serverKey ? "it is missing" : serverStale(server.get(), ca.get(), caKey.get(), wanted);
    if (!stale.empty()) {
        if (server && stale.rfind("it does not name", 0) == 0)
            for (const auto &n : subjectAltNames(server.get()))
                if (std::find(wanted.begin(), wanted.end(), n) == wanted.end() && serverNameError(n).empty())
                    wanted.push_back(n);
        auto issued = issueServer(ca.get(), caKey.get(), wanted, error);
        if (!issued || !writeKey(p.serverKey, issued->key.get(), error) ||
            !writeCertificate(p.serverCertificate, issued->cert.get(), error))
            return std::nullopt;
        server = std::move(issued->cert);
        serverKey = std::move(issued->key);
        out.issuedServer = true;
    }
    out.serverNames = subjectAltNames(server.get());
    out.serverCertificatePem = certificatePem(server.get());
    out.serverKeyPem = keyPem(serverKey.get());
    if (out.serverCertificatePem.empty() || out.serverKeyPem.empty()) {
        error = "cannot encode the server certificate or key: " + openSslError();
        return std::nullopt;
    }
    return out;
}

} // namespace orderlab::tls
