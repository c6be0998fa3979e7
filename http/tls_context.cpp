// TLS context (see tls_context.hpp).
#include "http/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>

#include <fstream>

#include "util/errors.hpp"

namespace lyssna::http {
namespace {

// OpenSSL's reasons for the last failure, oldest first, and the queue cleared.
std::string openssl_reasons() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out.empty() ? "no reason given" : out;
}

void require_readable(const std::string& path, const char* option) {
  std::ifstream file(path, std::ios::binary);
  if (!file || file.peek() == std::ifstream::traits_type::eof()) {
    throw BadInput(std::string(option) + ": cannot read '" + path +
                       "' (missing, empty or not "
                       "readable by this user)",
                   option);
  }
}

}  // namespace

TlsContext::TlsContext(const std::string& cert_path, const std::string& key_path)
    : ctx_(SSL_CTX_new(TLS_server_method())) {
  if (!ctx_) throw Error("OpenSSL could not make a TLS context: " + openssl_reasons());
  require_readable(cert_path, "--tls-cert");
  require_readable(key_path, "--tls-key");
  SSL_CTX* ctx = ctx_.get();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(
      ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  // A response leaves in as many writes as it takes; a write is never
  // asked to repeat with the same buffer.
  SSL_CTX_set_mode(ctx, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != 1) {
    throw BadInput("--tls-cert: '" + cert_path +
                       "' holds no PEM certificate OpenSSL accepts: " + openssl_reasons(),
                   "--tls-cert");
  }
  const std::string mismatch = "--tls-key: the key in '" + key_path +
                               "' does not belong to the certificate in '" + cert_path + "'";
  if (SSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), SSL_FILETYPE_PEM) != 1) {
    // OpenSSL compares the key with the certificate as it loads it.
    if (ERR_GET_REASON(ERR_peek_last_error()) == X509_R_KEY_VALUES_MISMATCH) {
      ERR_clear_error();
      throw BadInput(mismatch, "--tls-key");
    }
    throw BadInput("--tls-key: '" + key_path +
                       "' holds no PEM private key OpenSSL accepts (an encrypted key needs its "
                       "passphrase removed): " +
                       openssl_reasons(),
                   "--tls-key");
  }
  if (SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    throw BadInput(mismatch, "--tls-key");
  }
}

}  // namespace lyssna::http
