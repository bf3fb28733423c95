#include "http/server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/log.h"
#include "http/metrics.h"

namespace xinfang::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// After a response that ends the connection, the client may still be sending (e.g. the rest of
// a body we refused). Closing with unread data makes the kernel send a reset, which can destroy
// our response before the client reads it, so we first drain for a bounded time and size.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kMaxLingerBytes = 4 * 1024 * 1024;
constexpr std::size_t kReadChunkBytes = 4096;

constexpr std::chrono::seconds kForcedCloseWait{2};
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
constexpr std::size_t kMaxLoggedPathBytes = 256;

struct ErrorReply {
    bhttp::status status;
    std::string_view code;
    std::string_view message;
};

constexpr ErrorReply kHeaderTooLarge{bhttp::status::payload_too_large, "request.too_large",
                                     "请求头过大"};
constexpr ErrorReply kBodyTooLarge{bhttp::status::payload_too_large, "request.too_large",
                                   "请求体过大"};
constexpr ErrorReply kMalformed{bhttp::status::bad_request, "http.malformed", "请求格式错误"};
constexpr ErrorReply kBusy{bhttp::status::service_unavailable, "server.busy",
                           "服务器繁忙，请稍后再试"};
constexpr ErrorReply kInternal{bhttp::status::internal_server_error, "internal", "服务器内部错误"};

// The codes and messages above contain nothing that needs JSON escaping.
Response MakeErrorResponse(const ErrorReply& reply, unsigned version) {
    Response response{reply.status, version};
    response.set(bhttp::field::content_type, "application/json; charset=utf-8");
    response.body() = std::string(R"({"error":{"code":")") + std::string(reply.code) +
                      R"(","message":")" + std::string(reply.message) + R"("}})";
    response.keep_alive(false);
    return response;
}

std::string NewRequestId() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(engine()));
    return text;
}

// A fixed vocabulary, because the method becomes a metrics label: any token is a valid method
// to the parser, and a label value is kept forever.
std::string MethodLabel(const Request& request) {
    if (request.method_string().empty()) {
        return "-";
    }
    if (request.method() == bhttp::verb::unknown) {
        return "OTHER";
    }
    return std::string(request.method_string());
}

// The query string and fragment may carry personal data (names, phone numbers), so only the
// path is logged; control characters are masked so a client cannot forge log lines.
std::string PathForLog(std::string_view target) {
    std::string path;
    for (char c : target) {
        if (c == '?' || c == '#') {
            break;
        }
        if (path.size() >= kMaxLoggedPathBytes) {
            path += "...";
            break;
        }
        const auto byte = static_cast<unsigned char>(c);
        path += (byte < 0x20 || byte == 0x7f) ? '?' : c;
    }
    return path.empty() ? "-" : path;
}

bool ForbidsBody(bhttp::status status) {
    const auto code = static_cast<unsigned>(status);
    return (code >= 100 && code < 200) || code == 204 || code == 304;
}

std::string DescribeEndpoint(const tcp::endpoint& endpoint) {
    const std::string address = endpoint.address().to_string();
    const std::string port = std::to_string(endpoint.port());
    return endpoint.address().is_v6() ? "[" + address + "]:" + port : address + ":" + port;
}

}  // namespace

class Server::Impl {
public:
    Impl(ServerOptions options, Dispatch dispatch, Metrics& metrics);
    ~Impl();

    void Start();
    std::uint16_t port() const;
    void Stop();
    void Wait();
    void RunUntilSignalled();

private:
    class Session;

    void Listen();
    void RunIoThread();
    void DoAccept();
    void OnAccept(beast::error_code ec, tcp::socket socket);

    // Admits the session unless max_connections are open; admitted sessions count as open
    // connections until destroyed.
    bool TryRegister(Session& session);
    void Unregister(std::uint64_t id);
    void ForEachSession(void (Session::*action)());
    bool WaitForSessions(Clock::time_point deadline);
    void JoinThreads();

    const ServerOptions options_;
    const Dispatch dispatch_;
    Metrics& metrics_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::uint64_t, std::weak_ptr<Session>> sessions_;
    std::uint64_t next_session_id_ = 1;
    bool started_ = false;
    bool stop_begun_ = false;
    bool stopped_ = false;
    bool signalled_ = false;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};

    // Declared after the registry so that sessions destroyed with the io_context can still
    // unregister, and the worker pool after the io_context so that it is joined first: its
    // queued jobs own sessions whose sockets belong to the io_context.
    asio::io_context ioc_;
    tcp::acceptor acceptor_;
    asio::steady_timer accept_retry_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::optional<asio::thread_pool> workers_;
    std::vector<std::thread> io_threads_;
};

// One connection. Every step runs on the connection's strand except the dispatcher, which runs
// on the worker pool and posts its result back to the strand.
class Server::Impl::Session : public std::enable_shared_from_this<Session> {
public:
    Session(Impl& server, tcp::socket&& socket);
    ~Session();

    void Run();
    void RunBusy();
    void Shutdown();
    void ForceClose();

    std::uint64_t id_ = 0;  // 0 while not registered (busy sessions never are)

    auto executor() { return stream_.get_executor(); }

private:
    enum class State { kIdle, kReading, kHandling, kWriting, kClosing };

    void DoRead();
    void DoWaitForRequest();
    void OnWaitForRequest(beast::error_code ec, std::size_t bytes);
    void DoReadHeader();
    void OnReadHeader(beast::error_code ec, std::size_t bytes);
    void DoWriteContinue();
    void OnWriteContinue(beast::error_code ec, std::size_t bytes);
    void DoReadBody();
    void OnReadBody(beast::error_code ec, std::size_t bytes);
    void OnReadFailed(beast::error_code ec);
    void RespondWithError(const ErrorReply& reply);
    void NoteRequestLine();

    void StartDispatch();
    void RunDispatch();

    void DoWrite();
    void OnWrite(beast::error_code ec, std::size_t bytes);
    void PrepareResponse();
    void RecordResponse();

    void DoLingeringClose();
    void DoDrain();
    void OnDrain(beast::error_code ec, std::size_t bytes);
    void DoClose();

    Impl& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<Exchange> exchange_;
    Response response_;
    bhttp::response<bhttp::empty_body> continue_{bhttp::status::continue_, 11};
    std::string remote_address_;

    State state_ = State::kIdle;
    bool first_request_ = true;
    bool head_request_ = false;
    bool close_after_write_ = false;
    std::size_t drained_bytes_ = 0;
    std::string request_id_;
    std::string method_label_ = "-";
    std::string log_path_ = "-";
    Clock::time_point handling_started_;
};

// ---- Session ------------------------------------------------------------------------------

Server::Impl::Session::Session(Impl& server, tcp::socket&& socket)
    : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    const tcp::endpoint peer = stream_.socket().remote_endpoint(ec);
    remote_address_ = ec ? "" : peer.address().to_string();
}

Server::Impl::Session::~Session() {
    if (id_ != 0) {
        server_.Unregister(id_);
    }
}

void Server::Impl::Session::Run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoRead, shared_from_this()));
}

void Server::Impl::Session::RunBusy() {
    request_id_ = NewRequestId();
    handling_started_ = Clock::now();
    response_ = MakeErrorResponse(kBusy, 11);
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::DoWrite, shared_from_this()));
}

// Only an idle connection is closed at once; one that is part way through a request finishes
// it, and OnWrite then closes because the server is stopping.
void Server::Impl::Session::Shutdown() {
    if (state_ == State::kIdle) {
        stream_.cancel();
    }
}

void Server::Impl::Session::ForceClose() { stream_.close(); }

void Server::Impl::Session::DoRead() {
    if (server_.stopping_) {
        DoClose();
        return;
    }

    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options_.max_header_bytes));
    parser_->body_limit(server_.options_.max_body_bytes);
    exchange_.reset();
    request_id_ = NewRequestId();
    method_label_ = "-";
    log_path_ = "-";
    head_request_ = false;

    if (buffer_.size() == 0) {
        DoWaitForRequest();
    } else {
        DoReadHeader();
    }
}

// Waiting for the first byte of a request is kept apart from reading it, so that an idle
// keep-alive connection gets keep_alive_timeout while a request that has begun must arrive
// whole within read_timeout.
void Server::Impl::Session::DoWaitForRequest() {
    state_ = State::kIdle;
    const auto& options = server_.options_;
    stream_.expires_after(first_request_ ? options.read_timeout : options.keep_alive_timeout);
    stream_.async_read_some(
        buffer_.prepare(kReadChunkBytes),
        beast::bind_front_handler(&Session::OnWaitForRequest, shared_from_this()));
}

void Server::Impl::Session::OnWaitForRequest(beast::error_code ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec) {
        DoClose();
        return;
    }

    DoReadHeader();
}

void Server::Impl::Session::DoReadHeader() {
    state_ = State::kReading;
    stream_.expires_after(server_.options_.read_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnReadHeader, shared_from_this()));
}

void Server::Impl::Session::OnReadHeader(beast::error_code ec, std::size_t bytes) {
    if (ec) {
        OnReadFailed(ec);
        return;
    }

    NoteRequestLine();
    if (parser_->is_done()) {
        StartDispatch();
        return;
    }

    const Request& request = parser_->get();
    if (request.version() == 11 && beast::iequals(request[bhttp::field::expect], "100-continue")) {
        DoWriteContinue();
        return;
    }
    DoReadBody();
}

// Clients such as curl hold back a large body until told to continue; the read deadline set
// for the header still bounds the whole exchange.
void Server::Impl::Session::DoWriteContinue() {
    bhttp::async_write(stream_, continue_,
                       beast::bind_front_handler(&Session::OnWriteContinue, shared_from_this()));
}

void Server::Impl::Session::OnWriteContinue(beast::error_code ec, std::size_t bytes) {
    if (ec) {
        DoClose();
        return;
    }

    DoReadBody();
}

void Server::Impl::Session::DoReadBody() {
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::OnReadBody, shared_from_this()));
}

void Server::Impl::Session::OnReadBody(beast::error_code ec, std::size_t bytes) {
    if (ec) {
        OnReadFailed(ec);
        return;
    }

    StartDispatch();
}

// Limits and syntax errors are answered; a timeout, reset or a client closing mid-request
// leaves nobody to answer (the stream closes its socket on timeout).
void Server::Impl::Session::OnReadFailed(beast::error_code ec) {
    NoteRequestLine();

    if (ec == bhttp::error::header_limit) {
        RespondWithError(kHeaderTooLarge);
        return;
    }
    if (ec == bhttp::error::body_limit) {
        RespondWithError(kBodyTooLarge);
        return;
    }
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) {
        DoClose();
        return;
    }
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category()) {
        RespondWithError(kMalformed);
        return;
    }
    DoClose();
}

void Server::Impl::Session::RespondWithError(const ErrorReply& reply) {
    handling_started_ = Clock::now();
    const unsigned version = parser_->get().version() == 10 ? 10 : 11;
    response_ = MakeErrorResponse(reply, version);
    DoWrite();
}

void Server::Impl::Session::NoteRequestLine() {
    const Request& request = parser_->get();
    method_label_ = MethodLabel(request);
    log_path_ = PathForLog(request.target());
    head_request_ = request.method() == bhttp::verb::head;
}

void Server::Impl::Session::StartDispatch() {
    state_ = State::kHandling;
    handling_started_ = Clock::now();

    // The handler's time is not the client's: the write sets its own deadline.
    stream_.expires_never();

    exchange_.emplace();
    exchange_->request = parser_->release();
    exchange_->request_id = request_id_;
    exchange_->remote_address = remote_address_;
    asio::post(*server_.workers_, [self = shared_from_this()] { self->RunDispatch(); });
}

// Runs on a worker thread. The strand touches neither exchange_ nor response_ meanwhile.
void Server::Impl::Session::RunDispatch() {
    Response response;
    try {
        response = server_.dispatch_(*exchange_);
    } catch (const std::exception& e) {
        core::LogError("http handler failed rid=" + request_id_ + ": " + e.what());
        response = MakeErrorResponse(kInternal, exchange_->request.version());
    } catch (...) {
        core::LogError("http handler failed rid=" + request_id_ + ": unknown exception");
        response = MakeErrorResponse(kInternal, exchange_->request.version());
    }

    asio::post(stream_.get_executor(),
               [self = shared_from_this(), response = std::move(response)]() mutable {
                   self->response_ = std::move(response);
                   self->DoWrite();
               });
}

void Server::Impl::Session::DoWrite() {
    state_ = State::kWriting;
    PrepareResponse();
    stream_.expires_after(server_.options_.write_timeout);
    bhttp::async_write(stream_, response_,
                       beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
}

void Server::Impl::Session::PrepareResponse() {
    const bool handler_keeps_alive =
        !bhttp::token_list(response_[bhttp::field::connection]).exists("close");
    const bool keep_alive =
        exchange_ && exchange_->request.keep_alive() && handler_keeps_alive && !server_.stopping_;
    if (exchange_) {
        response_.version(exchange_->request.version());
    }

    response_.set("X-Request-Id", request_id_);
    if (ForbidsBody(response_.result())) {
        response_.body().clear();
    }
    if (response_.find(bhttp::field::content_length) == response_.end() && !response_.chunked()) {
        response_.prepare_payload();
    }
    if (head_request_) {
        response_.body().clear();
    }
    response_.keep_alive(keep_alive);
    close_after_write_ = response_.need_eof();
}

void Server::Impl::Session::OnWrite(beast::error_code ec, std::size_t bytes) {
    RecordResponse();
    if (ec) {
        DoClose();
        return;
    }
    if (close_after_write_) {
        DoLingeringClose();
        return;
    }

    first_request_ = false;
    response_ = {};
    DoRead();
}

void Server::Impl::Session::RecordResponse() {
    const std::chrono::duration<double> elapsed = Clock::now() - handling_started_;
    const int status = response_.result_int();
    const std::string route = exchange_ ? exchange_->route : "unmatched";
    server_.metrics_.Observe(route, method_label_, status, elapsed.count());

    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    core::LogInfo("http " + method_label_ + " " + log_path_ + " " + std::to_string(status) + " " +
                  std::to_string(millis) + " rid=" + request_id_);
}

void Server::Impl::Session::DoLingeringClose() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTimeout);
    buffer_.clear();
    DoDrain();
}

void Server::Impl::Session::DoDrain() {
    stream_.async_read_some(buffer_.prepare(kReadChunkBytes),
                            beast::bind_front_handler(&Session::OnDrain, shared_from_this()));
}

void Server::Impl::Session::OnDrain(beast::error_code ec, std::size_t bytes) {
    drained_bytes_ += bytes;
    if (ec || drained_bytes_ > kMaxLingerBytes) {
        DoClose();
        return;
    }

    DoDrain();
}

void Server::Impl::Session::DoClose() {
    state_ = State::kClosing;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
}

// ---- Impl -----------------------------------------------------------------------------------

Server::Impl::Impl(ServerOptions options, Dispatch dispatch, Metrics& metrics)
    : options_(std::move(options)),
      dispatch_(std::move(dispatch)),
      metrics_(metrics),
      ioc_(options_.io_threads),
      acceptor_(asio::make_strand(ioc_)),
      accept_retry_(acceptor_.get_executor()),
      work_(ioc_.get_executor()) {}

Server::Impl::~Impl() { Stop(); }

void Server::Impl::Start() {
    std::lock_guard lock(mutex_);
    if (started_) {
        throw std::logic_error("xinfang::http::Server::Start called twice");
    }

    Listen();
    workers_.emplace(static_cast<std::size_t>(std::max(1, options_.worker_threads)));
    started_ = true;
    DoAccept();
    for (int i = 0; i < std::max(1, options_.io_threads); ++i) {
        io_threads_.emplace_back([this] { RunIoThread(); });
    }
    core::LogInfo("listening on " + DescribeEndpoint(acceptor_.local_endpoint()));
}

void Server::Impl::Listen() {
    beast::error_code ec;
    tcp::resolver resolver(ioc_);
    const auto results =
        resolver.resolve(options_.host, std::to_string(options_.port), tcp::resolver::passive, ec);
    const std::string address = options_.host + ":" + std::to_string(options_.port);
    if (ec || results.empty()) {
        throw std::runtime_error("cannot resolve listen address " + address + ": " +
                                 (ec ? ec.message() : "no address"));
    }

    const tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        beast::error_code ignored;
        acceptor_.close(ignored);
        throw std::runtime_error("cannot listen on " + DescribeEndpoint(endpoint) + ": " +
                                 ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
}

// Completion handlers do not throw by design; should one do so anyway, the thread logs it and
// keeps serving rather than taking the process down.
void Server::Impl::RunIoThread() {
    for (;;) {
        try {
            ioc_.run();
            return;
        } catch (const std::exception& e) {
            core::LogError(std::string("http I/O thread caught: ") + e.what());
        }
    }
}

std::uint16_t Server::Impl::port() const {
    std::lock_guard lock(mutex_);
    return port_;
}

void Server::Impl::DoAccept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&Impl::OnAccept, this));
}

// Accept errors such as running out of file descriptors persist for a while, so retrying is
// delayed rather than spinning.
void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
    if (stopping_) {
        return;
    }
    if (ec) {
        core::LogWarn("http accept failed: " + ec.message());
        accept_retry_.expires_after(kAcceptRetryDelay);
        accept_retry_.async_wait([this](beast::error_code wait_ec) {
            if (!wait_ec && !stopping_) DoAccept();
        });
        return;
    }

    auto session = std::make_shared<Session>(*this, std::move(socket));
    if (TryRegister(*session)) {
        session->Run();
    } else {
        session->RunBusy();
    }
    DoAccept();
}

bool Server::Impl::TryRegister(Session& session) {
    std::lock_guard lock(mutex_);
    if (sessions_.size() >= options_.max_connections) {
        return false;
    }

    session.id_ = next_session_id_++;
    sessions_.emplace(session.id_, session.weak_from_this());
    metrics_.AdjustOpenConnections(1);
    return true;
}

void Server::Impl::Unregister(std::uint64_t id) {
    {
        std::lock_guard lock(mutex_);
        sessions_.erase(id);
    }
    metrics_.AdjustOpenConnections(-1);
    changed_.notify_all();
}

void Server::Impl::ForEachSession(void (Session::*action)()) {
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [id, weak] : sessions_) {
            if (auto session = weak.lock()) {
                sessions.push_back(std::move(session));
            }
        }
    }

    for (auto& session : sessions) {
        auto executor = session->executor();
        asio::post(executor, [session = std::move(session), action] { (*session.*action)(); });
    }
}

bool Server::Impl::WaitForSessions(Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    return changed_.wait_until(lock, deadline, [this] { return sessions_.empty(); });
}

void Server::Impl::Stop() {
    {
        std::unique_lock lock(mutex_);
        if (!started_ || stop_begun_) {
            lock.unlock();
            Wait();
            return;
        }
        stop_begun_ = true;
        core::LogInfo("http stopping, " + std::to_string(sessions_.size()) + " connections open");
    }
    changed_.notify_all();

    stopping_ = true;
    asio::post(acceptor_.get_executor(), [this] {
        beast::error_code ignored;
        acceptor_.close(ignored);
        accept_retry_.cancel();
    });
    ForEachSession(&Session::Shutdown);

    if (!WaitForSessions(Clock::now() + options_.shutdown_grace)) {
        core::LogWarn("http requests still in flight after the shutdown grace period; closing");
        ForEachSession(&Session::ForceClose);
        WaitForSessions(Clock::now() + kForcedCloseWait);
    }
    JoinThreads();

    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    changed_.notify_all();
    core::LogInfo("http stopped");
}

// A dispatcher still running after a forced close cannot be interrupted; joining the pool
// waits for it, and only then may the I/O threads go.
void Server::Impl::JoinThreads() {
    workers_->join();
    work_.reset();
    ioc_.stop();
    for (std::thread& thread : io_threads_) {
        thread.join();
    }
}

void Server::Impl::Wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopped_ || !started_; });
}

void Server::Impl::RunUntilSignalled() {
    Start();

    asio::signal_set signals(ioc_, SIGINT, SIGTERM);
    signals.async_wait([this](beast::error_code ec, int signal_number) {
        if (ec) {
            return;
        }
        core::LogInfo("received signal " + std::to_string(signal_number));
        {
            std::lock_guard lock(mutex_);
            signalled_ = true;
        }
        changed_.notify_all();
    });

    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return signalled_ || stop_begun_; });
    }
    Stop();
}

// ---- Server ---------------------------------------------------------------------------------

Server::Server(ServerOptions options, Dispatch dispatch, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatch), metrics)) {}

Server::~Server() = default;

void Server::Start() { impl_->Start(); }
std::uint16_t Server::port() const { return impl_->port(); }
void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }
void Server::RunUntilSignalled() { impl_->RunUntilSignalled(); }

}  // namespace xinfang::http
