// TLS on one accepted connection, for the server's own connection loop
// (connection_stream.hpp): OpenSSL reads and writes the socket through a
// BIO of ours, so that each call either waits as the socket's timeouts
// allow (a request thread) or returns at once (the connection waiter,
// which watches every connection with one thread and must never block).
// The handshake happens within the first reads, on the waiter's thread.
#pragma once

#include <openssl/ssl.h>
#include <sys/types.h>

#include <cstddef>

namespace lyssna::http {

class TlsSession {
 public:
  // Does not own the socket. Throws Error when OpenSSL cannot make a session.
  TlsSession(SSL_CTX* ctx, int sock);
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  // As recv(): the bytes read; 0 when the peer has closed; -1 with errno
  // (EAGAIN: nothing yet without `wait`, or the socket's timeout ran out
  // with it; EPROTO: the handshake or a record failed).
  ssize_t read(char* buffer, size_t size, bool wait);
  // Writes all of `size` bytes, or -1 with errno (EAGAIN without `wait`
  // when the socket cannot take them now).
  ssize_t write(const char* buffer, size_t size, bool wait);
  // Decrypted or received bytes OpenSSL holds that the socket no longer
  // shows as readable.
  bool pending() const;
  bool established() const;
  // Sends the close_notify alert, once, without waiting.
  void close_notify();

 private:
  static int bio_write(BIO* bio, const char* data, int length);
  static int bio_read(BIO* bio, char* data, int length);
  static long bio_ctrl(BIO* bio, int command, long number, void* pointer);
  static BIO_METHOD* method();

  int sock_;
  bool wait_ = false;     // how the BIO's next socket call behaves
  int socket_errno_ = 0;  // of the BIO's last failed socket call
  bool closed_ = false;
  SSL* ssl_ = nullptr;
};

}  // namespace lyssna::http
