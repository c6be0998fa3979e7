// Slow clients against a running `lyssna serve`: SLOW connections that send
// a request head one byte a second from the moment they open and never
// finish it (reopened when the server ends them, as an attacker would),
// spread over ADDRESSES loopback source addresses 127.0.0.2, 127.0.0.3,
// ...; meanwhile residents from
// 127.0.0.1 open the form page (GET /s/SURVEY, five a second) and post its
// first page (one a second), each on a new connection. Prints, for each,
// how many were answered within 10 seconds, and the latency p50/p99 of
// those answered; and what became of the slow connections.
//
//   lyssna_bench_slow_clients PORT SURVEY SLOW ADDRESSES SECONDS
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto answer_within = std::chrono::seconds(10);

// A TCP connection to the server from a chosen loopback source address;
// closed when it goes.
class Socket {
 public:
  Socket(int port, const char* source) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    if (fd_ < 0) return;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source, &from.sin_addr);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) return;
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
  }
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  bool ok() const { return ok_; }
  int fd() const { return fd_; }

 private:
  int fd_;
  bool ok_ = false;
};

// One request on a new connection; the status, or -1 when no whole answer
// came within the time. `body` receives the response body.
int exchange(int port, const std::string& request, std::string& body) {
  const auto deadline = Clock::now() + answer_within;
  Socket s(port, "127.0.0.1");
  if (!s.ok()) return -1;
  if (send(s.fd(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return -1;
  }
  std::string in;
  char buf[65536];
  while (true) {
    const auto end = in.find("\r\n\r\n");
    if (end != std::string::npos) {
      std::smatch m;
      const std::string head = in.substr(0, end);
      size_t length = 0;
      if (std::regex_search(head, m, std::regex("content-length: *([0-9]+)", std::regex::icase))) {
        length = std::stoul(m[1]);
      }
      if (in.size() >= end + 4 + length) {
        body = in.substr(end + 4, length);
        return std::atoi(in.c_str() + 9);
      }
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{s.fd(), POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) return -1;
    const ssize_t n = recv(s.fd(), buf, sizeof buf, 0);
    if (n <= 0) return -1;
    in.append(buf, static_cast<size_t>(n));
  }
}

struct Samples {
  std::mutex mutex;
  std::vector<double> answered_ms;
  int attempts = 0;
  void add(bool ok, double ms) {
    std::lock_guard lock(mutex);
    ++attempts;
    if (ok) answered_ms.push_back(ms);
  }
  void print(const char* what) {
    std::lock_guard lock(mutex);
    std::sort(answered_ms.begin(), answered_ms.end());
    const size_t n = answered_ms.size();
    auto at = [&](double q) {
      return answered_ms[std::min(n - 1, static_cast<size_t>(q * static_cast<double>(n)))];
    };
    std::printf("   %-28s answered %4zu/%-4d (%5.1f%%)", what, n, attempts,
                attempts ? 100.0 * static_cast<double>(n) / attempts : 0.0);
    if (n) {
      std::printf("   p50 %8.1f ms   p99 %8.1f ms\n", at(0.50), at(0.99));
    } else {
      std::printf("   p50        - ms   p99        - ms\n");
    }
  }
};

// The slow connections: each sends one more byte of an endless head every
// second. When the server closes one (or refuses it), it is reopened.
struct SlowClients {
  int port, count, addresses;
  std::atomic<bool> stop{false};
  std::atomic<int> reopened{0}, answered_408{0}, answered_503{0}, answered_other{0},
      closed_silently{0};
  std::atomic<int> open_now{0};

  void run() {
    std::vector<std::unique_ptr<Socket>> slow(static_cast<size_t>(count));
    std::vector<size_t> sent(slow.size(), 0);
    const std::string head = "GET /s/x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
    auto source = [&](size_t i) {
      return "127.0.0." + std::to_string(2 + i % static_cast<size_t>(addresses));
    };
    auto open = [&](size_t i) {
      // The first byte at once, as a browser's request would start.
      slow[i] = std::make_unique<Socket>(port, source(i).c_str());
      sent[i] = slow[i]->ok() && send(slow[i]->fd(), head.data(), 1, MSG_NOSIGNAL) == 1 ? 1 : 0;
    };
    for (size_t i = 0; i < slow.size(); ++i) open(i);
    while (!stop) {
      const auto tick = Clock::now();
      int alive = 0;
      for (size_t i = 0; i < slow.size(); ++i) {
        auto& s = *slow[i];
        // Anything from the server means it gave up on us: what did it say?
        char buf[512];
        const ssize_t got = s.ok() ? recv(s.fd(), buf, sizeof buf - 1, MSG_DONTWAIT) : 0;
        const bool gone =
            !s.ok() || got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
        if (got > 0 || gone) {
          if (got > 12 && std::strncmp(buf, "HTTP/1.1 408", 12) == 0) {
            ++answered_408;
          } else if (got > 12 && std::strncmp(buf, "HTTP/1.1 503", 12) == 0) {
            ++answered_503;
          } else if (got > 0) {
            ++answered_other;
          } else if (s.ok()) {
            ++closed_silently;
          }
          ++reopened;
          open(i);
          if (slow[i]->ok()) ++alive;
          continue;
        }
        const char c = sent[i] < head.size() ? head[sent[i]] : 'a';
        if (send(s.fd(), &c, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1) ++sent[i];
        ++alive;
      }
      open_now = alive;
      std::this_thread::sleep_until(tick + std::chrono::seconds(1));
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s PORT SURVEY SLOW ADDRESSES SECONDS\n", argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string survey = argv[2];
  SlowClients slow{port, std::atoi(argv[3]), std::max(1, std::atoi(argv[4]))};
  const double seconds = std::atof(argv[5]);

  std::thread slow_thread;
  if (slow.count > 0) {
    slow_thread = std::thread([&] { slow.run(); });
    std::this_thread::sleep_for(std::chrono::seconds(3));  // all of them open and sending
  }

  // The form's first page and its hidden fields, for the POST.
  const std::string get =
      "GET /s/" + survey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  Samples gets, posts;
  std::vector<std::thread> residents;
  const auto start = Clock::now();
  const auto end =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  for (int i = 0; Clock::now() < end; ++i) {
    std::this_thread::sleep_until(start + std::chrono::milliseconds(200) * i);
    const bool post = i % 5 == 4;
    residents.emplace_back([&, post] {
      std::string body;
      if (!post) {
        const auto t0 = Clock::now();
        const int status = exchange(port, get, body);
        gets.add(status == 200,
                 std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        return;
      }
      // A resident answers the first page: the POST carries the record id
      // the page was given. The page is fetched first, not timed.
      std::string page;
      std::smatch rid;
      if (exchange(port, get, page) != 200 ||
          !std::regex_search(page, rid, std::regex("name=\"_rid\" value=\"([0-9a-f-]+)\""))) {
        posts.add(false, 0);
        return;
      }
      const std::string form =
          "_rid=" + rid[1].str() +
          "&_lang=sv&_page=0&area=handen&age_group=25-44&gender=woman&_action=next";
      const std::string request =
          "POST /s/" + survey +
          " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
          std::to_string(form.size()) + "\r\n\r\n" + form;
      const auto t0 = Clock::now();
      const int status = exchange(port, request, body);
      posts.add(status == 200,
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    });
  }
  for (auto& t : residents) t.join();
  const int open_at_end = slow.open_now;
  slow.stop = true;
  if (slow_thread.joinable()) slow_thread.join();

  std::printf(
      "== %d slow clients from %d address%s, %.0f s of residents (answers within %lld s count)\n",
      slow.count, slow.addresses, slow.addresses == 1 ? "" : "es", seconds,
      static_cast<long long>(answer_within.count()));
  gets.print(("GET /s/" + survey).c_str());
  posts.print(("POST /s/" + survey).c_str());
  if (slow.count > 0) {
    std::printf(
        "   slow connections: %d open at the end; %d reopened after the server ended them "
        "(408: %d, 503: %d, other answer: %d, closed without answer: %d)\n",
        open_at_end, slow.reopened.load(), slow.answered_408.load(), slow.answered_503.load(),
        slow.answered_other.load(), slow.closed_silently.load());
  }
  return 0;
}
