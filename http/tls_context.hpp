// The server's TLS configuration for `serve --tls-cert FILE --tls-key
// FILE`: one OpenSSL context with the certificate chain and its key,
// TLS 1.2 and newer, no renegotiation, no compression.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>

namespace lyssna::http {

class TlsContext {
 public:
  // Loads the PEM certificate chain (the server's certificate first) and
  // the PEM private key. Throws BadInput naming the option and the file
  // for a file that cannot be read, is no certificate or key, or a key
  // that does not belong to the certificate.
  TlsContext(const std::string& cert_path, const std::string& key_path);
  SSL_CTX* get() const { return ctx_.get(); }

 private:
  struct Free {
    void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
  };
  std::unique_ptr<SSL_CTX, Free> ctx_;
};

}  // namespace lyssna::http
