#include "http/server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <future>
#include <stdexcept>
#include <thread>

#include "http/metrics.h"

namespace xinfang::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Echoes method, target and body; "/slow" signals `slow_entered` and then sleeps, "/throw"
// throws.
struct EchoDispatcher {
    std::shared_ptr<std::promise<void>> slow_entered = std::make_shared<std::promise<void>>();

    Response operator()(Exchange& exchange) const {
        const Request& request = exchange.request;
        if (request.target() == "/throw") {
            throw std::runtime_error("handler exploded");
        }
        if (request.target() == "/slow") {
            slow_entered->set_value();
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }

        exchange.route = "/echo";
        Response response{bhttp::status::ok, request.version()};
        response.set(bhttp::field::content_type, "text/plain; charset=utf-8");
        response.body() = std::string(request.method_string()) + " " +
                          std::string(request.target()) + " " + request.body();
        return response;
    }
};

// A blocking Beast client over one connection.
class Client {
public:
    Client(asio::io_context& ioc, std::uint16_t port) : socket_(ioc) {
        socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    }

    Response Send(Request request) {
        request.prepare_payload();
        bhttp::write(socket_, request);
        return Read();
    }

    Response Read() {
        Response response;
        bhttp::read(socket_, buffer_, response);
        return response;
    }

    void WriteRaw(std::string_view text) { asio::write(socket_, asio::buffer(text)); }

    // True when the server has closed its end: the next read ends without data.
    bool ClosedByPeer() {
        char byte;
        beast::error_code ec;
        const std::size_t bytes = socket_.read_some(asio::buffer(&byte, 1), ec);
        return bytes == 0 && ec;
    }

    tcp::socket& socket() { return socket_; }
    beast::flat_buffer& buffer() { return buffer_; }

private:
    tcp::socket socket_;
    beast::flat_buffer buffer_;
};

Request MakeRequest(bhttp::verb method, std::string target, std::string body = "") {
    Request request{method, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    request.body() = std::move(body);
    return request;
}

bool IsRequestId(std::string_view id) {
    return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

class ServerTest : public ::testing::Test {
protected:
    ServerTest() {
        options_.port = 0;
        options_.io_threads = 1;
        options_.worker_threads = 2;
    }

    ~ServerTest() override {
        if (server_) server_->Stop();
    }

    void StartServer() {
        server_ = std::make_unique<Server>(options_, dispatcher_, metrics_);
        server_->Start();
    }

    Client Connect() { return Client(client_ioc_, server_->port()); }

    ServerOptions options_;
    EchoDispatcher dispatcher_;
    Metrics metrics_;
    std::unique_ptr<Server> server_;
    asio::io_context client_ioc_;
};

TEST_F(ServerTest, ServesTwoRequestsOnOneKeepAliveConnection) {
    StartServer();
    Client client = Connect();

    const Response first = client.Send(MakeRequest(bhttp::verb::post, "/a?x=1", "hello"));
    const Response second = client.Send(MakeRequest(bhttp::verb::get, "/b"));

    EXPECT_EQ(first.result(), bhttp::status::ok);
    EXPECT_EQ(first.body(), "POST /a?x=1 hello");
    EXPECT_TRUE(first.keep_alive());
    EXPECT_EQ(second.result(), bhttp::status::ok);
    EXPECT_EQ(second.body(), "GET /b ");
    EXPECT_TRUE(IsRequestId(first["X-Request-Id"]));
    EXPECT_TRUE(IsRequestId(second["X-Request-Id"]));
    EXPECT_NE(first["X-Request-Id"], second["X-Request-Id"]);
}

TEST_F(ServerTest, Http10WithoutKeepAliveClosesAfterResponse) {
    StartServer();
    Client client = Connect();

    client.WriteRaw("GET /old HTTP/1.0\r\n\r\n");
    const Response response = client.Read();

    EXPECT_EQ(response.result(), bhttp::status::ok);
    EXPECT_EQ(response.version(), 10u);
    EXPECT_EQ(response.body(), "GET /old ");
    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, HeadResponseCarriesLengthButNoBody) {
    StartServer();
    Client client = Connect();

    Request head = MakeRequest(bhttp::verb::head, "/index.html");
    bhttp::write(client.socket(), head);
    bhttp::response_parser<bhttp::empty_body> parser;
    parser.skip(true);
    bhttp::read(client.socket(), client.buffer(), parser);
    const Response after = client.Send(MakeRequest(bhttp::verb::get, "/next"));

    EXPECT_EQ(parser.get().result(), bhttp::status::ok);
    EXPECT_EQ(parser.get()[bhttp::field::content_length], "17");  // "HEAD /index.html "
    EXPECT_EQ(after.body(), "GET /next ");
}

TEST_F(ServerTest, AnswersExpectContinueBeforeTheBody) {
    StartServer();
    Client client = Connect();

    client.WriteRaw(
        "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
    bhttp::response_parser<bhttp::empty_body> interim;
    bhttp::read_header(client.socket(), client.buffer(), interim);
    client.WriteRaw("data");
    const Response response = client.Read();

    EXPECT_EQ(interim.get().result(), bhttp::status::continue_);
    EXPECT_EQ(response.result(), bhttp::status::ok);
    EXPECT_EQ(response.body(), "POST /upload data");
}

TEST_F(ServerTest, BodyOverLimitIs413AndCloses) {
    options_.max_body_bytes = 1024;
    StartServer();
    Client client = Connect();

    const Response response =
        client.Send(MakeRequest(bhttp::verb::post, "/big", std::string(4096, 'x')));

    EXPECT_EQ(response.result(), bhttp::status::payload_too_large);
    EXPECT_EQ(response.body(), R"({"error":{"code":"request.too_large","message":"请求体过大"}})");
    EXPECT_EQ(response[bhttp::field::content_type], "application/json; charset=utf-8");
    EXPECT_TRUE(IsRequestId(response["X-Request-Id"]));
    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, HeaderOverLimitIs413AndCloses) {
    options_.max_header_bytes = 1024;
    StartServer();
    Client client = Connect();

    Request request = MakeRequest(bhttp::verb::get, "/");
    request.set("X-Padding", std::string(8192, 'p'));
    const Response response = client.Send(request);

    EXPECT_EQ(response.result(), bhttp::status::payload_too_large);
    EXPECT_EQ(response.body(), R"({"error":{"code":"request.too_large","message":"请求头过大"}})");
    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, MalformedRequestIs400AndCloses) {
    StartServer();
    Client client = Connect();

    client.WriteRaw("NOT HTTP AT ALL\r\n\r\n");
    const Response response = client.Read();

    EXPECT_EQ(response.result(), bhttp::status::bad_request);
    EXPECT_EQ(response.body(), R"({"error":{"code":"http.malformed","message":"请求格式错误"}})");
    EXPECT_TRUE(IsRequestId(response["X-Request-Id"]));
    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, DropsRequestNotCompleteWithinReadTimeout) {
    options_.read_timeout = std::chrono::seconds(1);
    StartServer();
    Client client = Connect();

    client.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\n");

    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, ClosesIdleKeepAliveConnection) {
    options_.keep_alive_timeout = std::chrono::seconds(1);
    StartServer();
    Client client = Connect();

    ASSERT_EQ(client.Send(MakeRequest(bhttp::verb::get, "/")).result(), bhttp::status::ok);

    EXPECT_TRUE(client.ClosedByPeer());
}

TEST_F(ServerTest, ConnectionsOverLimitGet503) {
    options_.max_connections = 2;
    StartServer();
    Client first = Connect();
    Client second = Connect();
    // A completed request proves the server has admitted the connection.
    ASSERT_EQ(first.Send(MakeRequest(bhttp::verb::get, "/1")).result(), bhttp::status::ok);
    ASSERT_EQ(second.Send(MakeRequest(bhttp::verb::get, "/2")).result(), bhttp::status::ok);

    Client third = Connect();
    const Response response = third.Send(MakeRequest(bhttp::verb::get, "/3"));

    EXPECT_EQ(response.result(), bhttp::status::service_unavailable);
    EXPECT_EQ(response.body(),
              R"({"error":{"code":"server.busy","message":"服务器繁忙，请稍后再试"}})");
    EXPECT_TRUE(third.ClosedByPeer());
    EXPECT_EQ(first.Send(MakeRequest(bhttp::verb::get, "/1")).result(), bhttp::status::ok);
}

TEST_F(ServerTest, ThrowingDispatcherGives500) {
    StartServer();
    Client client = Connect();

    const Response response = client.Send(MakeRequest(bhttp::verb::get, "/throw"));

    EXPECT_EQ(response.result(), bhttp::status::internal_server_error);
    EXPECT_EQ(response.body(), R"({"error":{"code":"internal","message":"服务器内部错误"}})");
    EXPECT_TRUE(IsRequestId(response["X-Request-Id"]));
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
    StartServer();
    auto entered = dispatcher_.slow_entered->get_future();
    Client client = Connect();
    std::promise<Response> answered;
    bool closed_by_server = false;
    std::thread requester([&] {
        try {
            answered.set_value(client.Send(MakeRequest(bhttp::verb::get, "/slow")));
            closed_by_server = client.ClosedByPeer();
            client.socket().close();
        } catch (...) {
            answered.set_exception(std::current_exception());
        }
    });

    entered.wait();
    server_->Stop();
    requester.join();

    const Response response = answered.get_future().get();
    EXPECT_EQ(response.result(), bhttp::status::ok);
    EXPECT_EQ(response.body(), "GET /slow ");
    EXPECT_FALSE(response.keep_alive());
    EXPECT_TRUE(closed_by_server);
}

TEST_F(ServerTest, StopClosesIdleConnectionsAndRefusesNewOnes) {
    StartServer();
    const std::uint16_t port = server_->port();
    Client client = Connect();
    ASSERT_EQ(client.Send(MakeRequest(bhttp::verb::get, "/")).result(), bhttp::status::ok);

    server_->Stop();
    server_->Wait();

    EXPECT_TRUE(client.ClosedByPeer());
    EXPECT_THROW(Client(client_ioc_, port), boost::system::system_error);
}

TEST_F(ServerTest, RecordsResponsesInMetrics) {
    StartServer();
    Client client = Connect();
    client.Send(MakeRequest(bhttp::verb::get, "/x"));
    client.Send(MakeRequest(bhttp::verb::get, "/y"));

    server_->Stop();  // every response is recorded once its session has finished
    const std::string text = metrics_.RenderPrometheus();

    EXPECT_NE(
        text.find(R"(xinfang_http_requests_total{route="/echo",method="GET",status="200"} 2)"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("xinfang_http_open_connections 0"), std::string::npos) << text;
}

TEST_F(ServerTest, StartOnTakenPortThrows) {
    StartServer();
    ServerOptions options = options_;
    options.port = server_->port();
    Server second(options, dispatcher_, metrics_);

    try {
        second.Start();
        FAIL() << "Start succeeded on a taken port";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace xinfang::http
