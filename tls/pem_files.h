#pragma once

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

// PEM files of certificates and keys for local_ca.cpp: OpenSSL handles owned by unique_ptr, and reading and
// writing them with errors that name the path. Internal to tls/.
namespace orderlab::tls {

struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
struct KeyFree
{
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
};
struct BnFree
{
    void operator()(BIGNUM *p) const { BN_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;

/// OpenSSL's queued errors as text (and the queue emptied); "unknown error" when there is none.
std::string openSslError();

/// True when something exists at `path` (a file, or anything else, which reading then refuses).
bool fileExists(const std::string &path);
/// Makes `dir` and its parents; a folder made here gets mode 0700. False with `error` naming the path when it is
/// not a folder, cannot be made, or cannot be written.
bool makeFolder(const std::string &dir, std::string &error);

/// The first certificate in the PEM file; null with `error` ("PATH: ...") when unreadable or not one.
X509Ptr readCertificate(const std::string &path, std::string &error);
/// The private key in the PEM file (PKCS#8 or traditional, unencrypted); null with `error` naming the path.
KeyPtr readKey(const std::string &path, std::string &error);

/// PEM text (empty on failure).
std::string certificatePem(X509 *cert);
std::string keyPem(EVP_PKEY *key);

/// Writes the PEM text to a temporary file beside `path` with the mode (0644, keys 0600) and renames it over
/// `path`. False with `error` naming the path.
bool writeCertificate(const std::string &path, X509 *cert, std::string &error);
bool writeKey(const std::string &path, EVP_PKEY *key, std::string &error);

} // namespace orderlab::tls
