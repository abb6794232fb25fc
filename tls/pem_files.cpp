#include "pem_files.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace orderlab::tls {

namespace {

struct BioFree
{
    void operator()(BIO *p) const { BIO_free(p); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

std::string bioText(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 && data ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

/// The file's bytes; nothing with `error` set when it cannot be read.
bool readFile(const std::string &path, std::string &out, std::string &error)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = path + ": is a folder, not a file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot read: " + std::strerror(errno);
        return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

bool writeFile(const std::string &path, const std::string &text, mode_t mode, std::string &error)
{
    if (text.empty()) {
        error = path + ": cannot encode: " + openSslError();
        return false;
    }
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        error = tmp + ": cannot write: " + std::strerror(errno);
        return false;
    }
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t done = 0;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        if (ok)
            done += static_cast<std::size_t>(n);
    }
    const int savedErrno = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        error = path + ": cannot write: " + std::strerror(ok ? errno : savedErrno);
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

} // namespace

std::string openSslError()
{
    std::string out;
    while (const unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        out += (out.empty() ? "" : "; ") + std::string(buf);
    }
    return out.empty() ? "unknown error" : out;
}

bool fileExists(const std::string &path)
{
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::symlink_status(path, ec));
}

bool makeFolder(const std::string &dir, std::string &error)
{
    std::error_code ec;
    const auto status = std::filesystem::status(dir, ec);
    if (std::filesystem::exists(status)) {
        if (!std::filesystem::is_directory(status)) {
            error = dir + ": exists and is not a folder";
            return false;
        }
    } else {
        if (!std::filesystem::create_directories(dir, ec) || ec) {
            error = dir + ": cannot make the folder: " + (ec ? ec.message() : std::string("unknown error"));
            return false;
        }
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
    }
    if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        error = dir + ": cannot write in the folder: " + std::strerror(errno);
        return false;
    }
    return true;
}

X509Ptr readCertificate(const std::string &path, std::string &error)
{
    std::string text;
    if (!readFile(path, text, error))
        return nullptr;
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert) {
        ERR_clear_error();
        error = path + ": not a PEM certificate (remove it to make a new one)";
    }
    return cert;
}

KeyPtr readKey(const std::string &path, std::string &error)
{
    std::string text;
    if (!readFile(path, text, error))
        return nullptr;
    BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
    char empty[] = "";
    KeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, empty) : nullptr);
    if (!key) {
        ERR_clear_error();
        error = path + ": not an unencrypted PEM private key (remove it to make a new one)";
    }
    return key;
}

std::string certificatePem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    return bio && PEM_write_bio_X509(bio.get(), cert) == 1 ? bioText(bio.get()) : std::string();
}

std::string keyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    return bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1
               ? bioText(bio.get())
               : std::string();
}

bool writeCertificate(const std::string &path, X509 *cert, std::string &error)
{
    return writeFile(path, certificatePem(cert), 0644, error);
}

bool writeKey(const std::string &path, EVP_PKEY *key, std::string &error)
{
    return writeFile(path, keyPem(key), 0600, error);
}

} // namespace orderlab::tls
