// The connections that wait for the client: one thread and an epoll set
// hold every connection whose next request head has not arrived whole (new,
// idle between requests, or sending slowly) and those closing, so that a
// slow or silent client costs a socket and not a request thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/connection.hpp"
#include "http/connection_clients.hpp"

namespace lyssna::http {

struct WaitRules {
  std::chrono::milliseconds idle{5000};   // nothing of a request sent: closed quietly
  std::chrono::milliseconds head{10000};  // from its first byte, a head has this long (408)
  std::chrono::milliseconds linger{
      2000};  // a closing connection reads and discards this long at most
  // A client at its cap with no connection idle here: the new one waits this
  // long for one to come back idle (a thread may be handing it over just
  // now) or to close, before it is answered 503.
  std::chrono::milliseconds admit_grace{500};
};

// Thread-safe. The callbacks run on the waiter's thread.
class ConnectionWaiter {
 public:
  // `ready` receives each connection whose next head is buffered whole and
  // sound (in `head`); it must not block.
  using Ready = std::function<void(std::shared_ptr<Connection>)>;
  ConnectionWaiter(WaitRules rules, ClientConnections& clients, Ready ready);
  ~ConnectionWaiter();
  ConnectionWaiter(const ConnectionWaiter&) = delete;
  ConnectionWaiter& operator=(const ConnectionWaiter&) = delete;

  // A new connection. It takes a place in its client's count; when the
  // client holds as many as it may, one of its idle connections is closed
  // to make room; if none is idle within `admit_grace`, the new one is
  // answered 503.
  void admit(std::shared_ptr<Connection> connection);
  // Waits for the connection's next request.
  void wait_for_request(std::shared_ptr<Connection> connection);
  // Closes a connection whose last response has been sent. Its client may
  // still be sending (a body refused unread); closing a socket with unread
  // input makes the kernel send a reset, which can destroy the response
  // before the client reads it. So: stop sending, read and discard until
  // the client closes too, or `linger` has passed, then close.
  void close_softly(std::shared_ptr<Connection> connection);
  // Hands on (to `ready`) the connections whose head has arrived, closes
  // the others and joins the thread. Connections handed in afterwards, or
  // after the thread has ended on an error of its own, are closed at once.
  void stop();

 private:
  enum class Kind { admit, wait, close };
  struct Held {
    std::shared_ptr<Connection> connection;
    bool closing = false;
    bool started = false;  // bytes of the next request have arrived
    std::chrono::steady_clock::time_point
        since;  // of the wait, the head's first byte, or the close
  };
  // An epoll or eventfd descriptor, closed with the waiter.
  class Descriptor {
   public:
    explicit Descriptor(int fd);
    ~Descriptor();
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    int get() const { return fd_; }

   private:
    int fd_;
  };

  void hand_in(Kind kind, std::shared_ptr<Connection> connection);
  void run();
  bool take_inbox();
  void on_admit(std::shared_ptr<Connection> connection);
  // Gives the connection a place in its client's count, closing the
  // client's longest idle connection if it must; false if none is idle.
  bool take_place(Connection& connection);
  // Admits the connections waiting for a place that now have one; answers
  // 503 to those that waited `admit_grace` in vain.
  void admit_waiting(std::chrono::steady_clock::time_point now);
  // Watches the connection; null if it cannot be watched (it is closed).
  Held* hold(std::shared_ptr<Connection> connection, bool closing);
  void on_readable(int fd);
  void check_head(int fd, Held& held);
  void refuse(Held& held, int status, std::string_view why);
  void start_closing(Held& held);
  void release(int fd);  // forgets and closes
  void sweep(std::chrono::steady_clock::time_point now);
  void hand_on_arrived();

  const WaitRules rules_;
  ClientConnections& clients_;
  const Ready ready_;
  Descriptor epoll_, wake_;
  std::mutex inbox_mutex_;
  std::vector<std::pair<Kind, std::shared_ptr<Connection>>> inbox_;
  // Under inbox_mutex_: no more connections are taken (stop() was called,
  // or the thread's loop has ended), and stop() was called.
  bool stopping_ = false, stop_called_ = false;
  std::unordered_map<int, Held> held_;  // the waiter thread's alone
  struct Waiting {
    std::shared_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };
  std::vector<Waiting> waiting_for_place_;  // the waiter thread's alone, oldest first
  std::thread thread_;
};

}  // namespace lyssna::http
