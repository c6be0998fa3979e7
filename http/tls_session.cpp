// TLS on one connection (see tls_session.hpp).
#include "http/tls_session.hpp"

#include <openssl/err.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>

#include "util/errors.hpp"

namespace lyssna::http {

BIO_METHOD* TlsSession::method() {
  static BIO_METHOD* made = [] {
    BIO_METHOD* m =
        BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "lyssna connection socket");
    if (!m) return m;
    BIO_meth_set_write(m, &TlsSession::bio_write);
    BIO_meth_set_read(m, &TlsSession::bio_read);
    BIO_meth_set_ctrl(m, &TlsSession::bio_ctrl);
    BIO_meth_set_create(m, [](BIO* bio) {
      BIO_set_init(bio, 1);
      return 1;
    });
    return m;
  }();
  return made;
}

TlsSession::TlsSession(SSL_CTX* ctx, int sock) : sock_(sock) {
  BIO_METHOD* m = method();
  ssl_ = m ? SSL_new(ctx) : nullptr;
  BIO* bio = ssl_ ? BIO_new(m) : nullptr;
  if (!bio) {
    SSL_free(ssl_);
    ssl_ = nullptr;
    ERR_clear_error();
    throw Error("OpenSSL could not make a TLS session for a connection");
  }
  BIO_set_data(bio, this);
  SSL_set_bio(ssl_, bio, bio);  // the session owns the BIO now
  SSL_set_accept_state(ssl_);
}

TlsSession::~TlsSession() {
  SSL_free(ssl_);
}

int TlsSession::bio_write(BIO* bio, const char* data, int length) {
  auto* self = static_cast<TlsSession*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  while (true) {
    // MSG_NOSIGNAL: a peer that left must not kill the server with SIGPIPE.
    const ssize_t n = ::send(self->sock_, data, static_cast<size_t>(length),
                             MSG_NOSIGNAL | (self->wait_ ? 0 : MSG_DONTWAIT));
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    self->socket_errno_ = errno;
    if (!self->wait_ && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_write(bio);
    return -1;
  }
}

int TlsSession::bio_read(BIO* bio, char* data, int length) {
  auto* self = static_cast<TlsSession*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  while (true) {
    // Waiting, SO_RCVTIMEO (set at accept) bounds the wait.
    const ssize_t n =
        ::recv(self->sock_, data, static_cast<size_t>(length), self->wait_ ? 0 : MSG_DONTWAIT);
    if (n >= 0) {
      self->socket_errno_ = 0;
      return static_cast<int>(n);
    }
    if (errno == EINTR) continue;
    self->socket_errno_ = errno;
    if (!self->wait_ && (errno == EAGAIN || errno == EWOULDBLOCK)) BIO_set_retry_read(bio);
    return -1;
  }
}

long TlsSession::bio_ctrl(BIO*, int command, long, void*) {
  return command == BIO_CTRL_FLUSH ? 1 : 0;  // nothing is buffered here
}

ssize_t TlsSession::read(char* buffer, size_t size, bool wait) {
  wait_ = wait;
  socket_errno_ = 0;
  ERR_clear_error();
  const int n = SSL_read(ssl_, buffer, static_cast<int>(std::min<size_t>(size, INT_MAX)));
  if (n > 0) return n;
  switch (SSL_get_error(ssl_, n)) {
    case SSL_ERROR_ZERO_RETURN:
      return 0;  // close_notify
    case SSL_ERROR_WANT_READ:
      errno = EAGAIN;
      return -1;
    case SSL_ERROR_SYSCALL:
      ERR_clear_error();
      if (socket_errno_ == 0) return 0;  // the peer closed without close_notify
      errno = socket_errno_;
      return -1;
    default:  // a failed handshake, a bad record, or a write it would have to wait for
      ERR_clear_error();
      errno = EPROTO;
      return -1;
  }
}

ssize_t TlsSession::write(const char* buffer, size_t size, bool wait) {
  wait_ = wait;
  size_t written = 0;
  while (written < size) {
    socket_errno_ = 0;
    ERR_clear_error();
    const int n = SSL_write(ssl_, buffer + written,
                            static_cast<int>(std::min<size_t>(size - written, INT_MAX)));
    if (n > 0) {
      written += static_cast<size_t>(n);
      continue;
    }
    const int error = SSL_get_error(ssl_, n);
    ERR_clear_error();
    errno = error == SSL_ERROR_WANT_WRITE ? EAGAIN : socket_errno_ != 0 ? socket_errno_ : EPIPE;
    return -1;
  }
  return static_cast<ssize_t>(written);
}

bool TlsSession::pending() const {
  return SSL_has_pending(ssl_) == 1;
}

bool TlsSession::established() const {
  return SSL_is_init_finished(ssl_) == 1;
}

void TlsSession::close_notify() {
  if (closed_) return;
  closed_ = true;
  if (!established()) return;
  wait_ = false;
  SSL_shutdown(ssl_);
  ERR_clear_error();
}

}  // namespace lyssna::http
