// The connection waiter (see connection_waiter.hpp).
#include "http/connection_waiter.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace lyssna::http {
namespace {

using Clock = std::chrono::steady_clock;

// How often deadlines are looked at: they are kept to within this.
constexpr int sweep_ms = 100;
// What one wake-up reads of a closing connection, so one client sending
// fast cannot keep the thread from the others.
constexpr size_t discard_per_event = 64 * 1024;

}  // namespace

ConnectionWaiter::Descriptor::Descriptor(int fd) : fd_(fd) {
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "connection waiter");
}

ConnectionWaiter::Descriptor::~Descriptor() {
  ::close(fd_);
}

ConnectionWaiter::ConnectionWaiter(WaitRules rules, ClientConnections& clients, Ready ready)
    : rules_(rules),
      clients_(clients),
      ready_(std::move(ready)),
      epoll_(epoll_create1(EPOLL_CLOEXEC)),
      wake_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = wake_.get();
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, wake_.get(), &event) != 0) {
    throw std::system_error(errno, std::generic_category(), "connection waiter");
  }
  thread_ = std::thread([this] { run(); });
}

ConnectionWaiter::~ConnectionWaiter() {
  stop();
}

void ConnectionWaiter::admit(std::shared_ptr<Connection> connection) {
  hand_in(Kind::admit, std::move(connection));
}

void ConnectionWaiter::wait_for_request(std::shared_ptr<Connection> connection) {
  hand_in(Kind::wait, std::move(connection));
}

void ConnectionWaiter::close_softly(std::shared_ptr<Connection> connection) {
  hand_in(Kind::close, std::move(connection));
}

void ConnectionWaiter::hand_in(Kind kind, std::shared_ptr<Connection> connection) {
  {
    std::lock_guard lock(inbox_mutex_);
    if (stopping_) return;  // the connection closes as it goes
    inbox_.emplace_back(kind, std::move(connection));
  }
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_.get(), &one, sizeof one);
}

void ConnectionWaiter::stop() {
  {
    std::lock_guard lock(inbox_mutex_);
    if (stop_called_) return;
    stop_called_ = stopping_ = true;
  }
  const uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_.get(), &one, sizeof one);
  thread_.join();
}

void ConnectionWaiter::run() {
  epoll_event events[256];
  auto last_sweep = Clock::now();
  bool running = true;
  while (running) {
    const int n = epoll_wait(epoll_.get(), events, 256, sweep_ms);
    if (n < 0 && errno != EINTR) {
      std::perror("lyssna: epoll_wait");  // no more waiting: what is held closes below
      break;
    }
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == wake_.get()) {
        running = take_inbox();
      } else {
        on_readable(events[i].data.fd);
      }
    }
    const auto now = Clock::now();
    admit_waiting(now);  // after the events: an idle connection handed back makes room
    if (now - last_sweep >= std::chrono::milliseconds(sweep_ms)) {
      sweep(now);
      last_sweep = now;
    }
  }
  // Nothing handed in from now on is waited for: it closes as it comes, and
  // so does what came in since the last look.
  std::vector<std::pair<Kind, std::shared_ptr<Connection>>> unread;
  {
    std::lock_guard lock(inbox_mutex_);
    stopping_ = true;
    unread.swap(inbox_);
  }
  unread.clear();
  waiting_for_place_.clear();
  hand_on_arrived();
  held_.clear();  // closes what is left
}

bool ConnectionWaiter::take_inbox() {
  uint64_t count;
  [[maybe_unused]] ssize_t n = ::read(wake_.get(), &count, sizeof count);
  std::vector<std::pair<Kind, std::shared_ptr<Connection>>> items;
  bool stopping;
  {
    std::lock_guard lock(inbox_mutex_);
    items.swap(inbox_);
    stopping = stopping_;
  }
  for (auto& [kind, connection] : items) {
    switch (kind) {
      case Kind::admit:
        on_admit(std::move(connection));
        break;
      case Kind::wait:
        hold(std::move(connection), false);
        break;
      case Kind::close:
        hold(std::move(connection), true);
        break;
    }
  }
  return !stopping;
}

void ConnectionWaiter::on_admit(std::shared_ptr<Connection> connection) {
  if (take_place(*connection)) {
    hold(std::move(connection), false);
  } else {
    waiting_for_place_.push_back({std::move(connection), Clock::now()});
  }
}

bool ConnectionWaiter::take_place(Connection& connection) {
  if (clients_.try_add(connection.client, connection.slot)) return true;
  // A shared address (a school's or an operator's NAT) reaches the cap
  // with browsers' idle keep-alive connections long before it has that
  // many requests under way: the one idle longest steps aside.
  int idlest = -1;
  for (const auto& [fd, held] : held_) {
    if (!held.closing && !held.started && held.connection->client == connection.client &&
        (idlest < 0 || held.since < held_.at(idlest).since)) {
      idlest = fd;
    }
  }
  if (idlest < 0) return false;
  release(idlest);
  return clients_.try_add(connection.client, connection.slot);
}

void ConnectionWaiter::admit_waiting(Clock::time_point now) {
  if (waiting_for_place_.empty()) return;
  std::vector<Waiting> still;
  for (auto& w : waiting_for_place_) {
    if (take_place(*w.connection)) {
      hold(std::move(w.connection), false);
    } else if (now - w.since >= rules_.admit_grace) {
      if (Held* held = hold(std::move(w.connection), false)) {
        refuse(*held, 503, "too many connections from your address at once");
      }
    } else {
      still.push_back(std::move(w));
    }
  }
  waiting_for_place_.swap(still);
}

ConnectionWaiter::Held* ConnectionWaiter::hold(std::shared_ptr<Connection> connection,
                                               bool closing) {
  const int fd = connection->sock;
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.fd = fd;
  if (epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event) != 0) return nullptr;  // closes as it goes
  Held& held = held_[fd];
  held.connection = std::move(connection);
  // Part of the next head may have come already; if not, the connection
  // has been idle since its last response (or since it was accepted).
  held.started = held.connection->stream.has_buffered_input();
  held.since = held.started ? Clock::now() : held.connection->idle_since;
  if (closing) start_closing(held);
  return &held;
}

void ConnectionWaiter::on_readable(int fd) {
  auto it = held_.find(fd);
  if (it == held_.end()) return;
  Held& held = it->second;
  if (held.closing) {
    char sink[16 * 1024];
    for (size_t discarded = 0; discarded < discard_per_event;) {
      const ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
      if (n > 0) {
        discarded += static_cast<size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        return;
      } else {
        release(fd);  // the client has closed too, or is gone
        return;
      }
    }
    return;
  }
  const ssize_t n = held.connection->stream.fill();
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n == 0 || (n < 0 && errno != ENOBUFS)) {
    release(fd);  // closed by the client (idle, or within a head it never finished), or gone
    return;
  }
  if (!held.started) {
    held.started = true;
    held.since = Clock::now();
  }
  check_head(fd, held);
}

void ConnectionWaiter::check_head(int fd, Held& held) {
  auto& connection = *held.connection;
  connection.head = examine_request_head(connection.stream.buffered(), ConnectionStream::max_head);
  switch (connection.head.verdict) {
    case RequestHead::Verdict::incomplete:
      return;
    case RequestHead::Verdict::too_large:
      refuse(held, 431, "the request head is larger than 16 KiB");
      return;
    case RequestHead::Verdict::refused:
      refuse(held, 400, connection.head.problem);
      return;
    case RequestHead::Verdict::ok: {
      epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr);
      auto ready = std::move(held.connection);
      held_.erase(fd);
      ready_(std::move(ready));
      return;
    }
  }
}

void ConnectionWaiter::refuse(Held& held, int status, std::string_view why) {
  held.connection->stream.send_refusal(refusal_response(status, why));
  start_closing(held);
}

void ConnectionWaiter::start_closing(Held& held) {
  held.connection->stream.end_tls();
  ::shutdown(held.connection->sock, SHUT_WR);
  held.closing = true;
  held.since = Clock::now();
  held.connection->slot.release();  // on its way out: its client may open another
  held.connection->stream.release_idle_buffer();
}

void ConnectionWaiter::release(int fd) {
  held_.erase(fd);  // the last owner: the socket closes, leaving the epoll set
}

void ConnectionWaiter::sweep(Clock::time_point now) {
  std::vector<int> quiet, late, done;
  for (auto& [fd, held] : held_) {
    const auto waited = now - held.since;
    if (held.closing) {
      if (waited >= rules_.linger) done.push_back(fd);
    } else if (!held.started) {
      if (waited >= rules_.idle) quiet.push_back(fd);
    } else if (waited >= rules_.head) {
      late.push_back(fd);
    }
  }
  for (int fd : quiet) release(fd);
  for (int fd : done) release(fd);
  for (int fd : late) refuse(held_.at(fd), 408, "the request head did not arrive in time");
}

void ConnectionWaiter::hand_on_arrived() {
  // A stopping server still answers a request that has arrived.
  std::vector<int> arrived;
  for (auto& [fd, held] : held_) {
    if (held.closing) continue;
    const ssize_t n = held.connection->stream.fill();
    if (n <= 0 && !held.connection->stream.has_buffered_input()) continue;
    held.connection->head =
        examine_request_head(held.connection->stream.buffered(), ConnectionStream::max_head);
    if (held.connection->head.verdict == RequestHead::Verdict::ok) arrived.push_back(fd);
  }
  for (int fd : arrived) {
    auto ready = std::move(held_.at(fd).connection);
    held_.erase(fd);
    ready_(std::move(ready));
  }
}

}  // namespace lyssna::http
