#pragma once

// HTTP/1.0 and 1.1 server core: accepts connections, reads requests with size and time limits,
// hands each complete request to a dispatcher on a worker pool, and writes the response back.
// Routing and handlers live above this layer, behind `Dispatch`.

#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace xinfang::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;

// One request in flight, handed to the dispatcher on a worker thread.
struct Exchange {
    Request request;
    std::string request_id;      // 16 hex chars, random; also sent back as X-Request-Id
    std::string remote_address;  // peer IP as text
    // The dispatcher sets the route pattern, used as metrics label.
    std::string route = "unmatched";
};

// Called on a worker thread, never on an I/O thread, so it may block (database calls). The server
// sets X-Request-Id, version, keep-alive and, when missing, Content-Length on the returned
// response, and drops its body for HEAD requests. An exception becomes a 500 `internal` answer.
using Dispatch = std::function<Response(Exchange&)>;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = pick a free port
    std::size_t max_header_bytes = 16 * 1024;
    std::size_t max_body_bytes = 1024 * 1024;
    std::chrono::seconds read_timeout{30};        // whole request must arrive within this
    std::chrono::seconds keep_alive_timeout{60};  // idle keep-alive connection closed after
    std::size_t max_connections = 1024;
    int io_threads = 1;
    int worker_threads = 8;  // blocking handlers (database calls) run here, never on I/O threads
    std::chrono::seconds write_timeout{60};   // whole response must be sent within this
    std::chrono::seconds shutdown_grace{10};  // Stop() waits this long for requests in flight
};

class Metrics;  // src/http/metrics.h

// Start, Stop, Wait and RunUntilSignalled may be called from any thread except the server's own
// I/O and worker threads (the dispatcher must not stop the server it runs in).
class Server {
public:
    // `metrics` must outlive the server; the server records every response in it.
    Server(ServerOptions options, Dispatch dispatch, Metrics& metrics);
    ~Server();  // Stop()s if still running
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens, then starts the I/O and worker threads. Throws std::runtime_error
    // naming the address when it cannot be resolved or bound (e.g. already in use), and
    // std::logic_error when called twice.
    void Start();

    // The bound port (after Start), useful with options.port = 0.
    std::uint16_t port() const;

    // Graceful: stops accepting, closes idle connections, lets requests in flight finish and be
    // written (each then closes its connection), waiting up to options.shutdown_grace before
    // closing whatever is left; then joins all threads. Idempotent; a no-op before Start.
    void Stop();

    // Blocks until Stop() has finished (returns at once if the server was never started).
    void Wait();

    // Convenience for main: Start(), then wait for SIGINT/SIGTERM (or another thread's Stop())
    // and Stop().
    void RunUntilSignalled();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace xinfang::http
