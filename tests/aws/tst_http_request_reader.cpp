// HttpRequestReader (aws/http_request_reader.h) over one end of a socket pair: what it makes of whole, split,
// pipelined, chunked, oversized, truncated and malformed requests, and what it tells about keep-alive.
#include "http_request_reader.h"
#include "socket_pair.h"
#include "socket_stream.h"

#include <QtTest>

#include <sys/socket.h>

#include <memory>
#include <string>
#include <thread>

using namespace orderlab::aws;
using Outcome = HttpRequestReader::Outcome;

namespace {

const std::string kRequest = "POST /?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-TYPE: application/x-amz-json-1.0\r\n"
                             "X-AMZ-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}";

using Pair = orderlab::test::SocketPair;

} // namespace

class HttpRequestReaderTest : public QObject
{
    Q_OBJECT

  private slots:
    void readsTheFieldsTheProtocolsUseWhateverTheirCase()
    {
        Pair pair;
        pair.send(kRequest);
        HttpRequestReader reader(1024);
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        const HttpRequest &r = reader.request();
        QCOMPARE(std::string(r.method), std::string("POST"));
        QCOMPARE(std::string(r.path), std::string("/")); // the query is not the path
        QCOMPARE(std::string(r.target), std::string("DynamoDB_20120810.ListTables"));
        QCOMPARE(std::string(r.contentType), std::string("application/x-amz-json-1.0"));
        QCOMPARE(std::string(r.body), std::string("{}"));
        QCOMPARE(r.oversizedBodyBytes, std::size_t(0));
        QVERIFY(reader.keepAlive());
        QVERIFY(!reader.http10());
    }

    void aRequestArrivingByteByByteIsReadWhole()
    {
        Pair pair;
        std::thread writer([&] {
            for (char c : kRequest)
                ::send(pair.client, &c, 1, 0);
        });
        HttpRequestReader reader(1024);
        const Outcome outcome = reader.read(*pair.stream);
        writer.join();
        QCOMPARE(outcome, Outcome::Request);
        QCOMPARE(std::string(reader.request().target), std::string("DynamoDB_20120810.ListTables"));
        QCOMPARE(std::string(reader.request().body), std::string("{}"));
    }

    void pipelinedRequestsAreReadOneAtATime()
    {
        Pair pair;
        std::string second = kRequest;
        second.replace(second.find("ListTables"), 10, "DescribeTable");
        pair.send(kRequest + second);
        HttpRequestReader reader(1024);
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QCOMPARE(std::string(reader.request().target), std::string("DynamoDB_20120810.ListTables"));
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QCOMPARE(std::string(reader.request().target), std::string("DynamoDB_20120810.DescribeTable"));
        pair.closeClient();
        QCOMPARE(reader.read(*pair.stream), Outcome::Closed);
    }

    void aChunkedBodyIsJoined()
    {
        Pair pair;
        pair.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n5\r\n\":1}\n\r\n0\r\n\r\n");
        HttpRequestReader reader(1024);
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QCOMPARE(std::string(reader.request().body), std::string("{\"a\":1}\n"));
        QVERIFY(reader.keepAlive());
    }

    void aBodyOverTheLimitIsNotReadAndEndsTheConnection()
    {
        Pair pair;
        pair.send("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n{}");
        HttpRequestReader reader(10);
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QCOMPARE(reader.request().oversizedBodyBytes, std::size_t(11));
        QVERIFY(reader.request().body.empty());
        QVERIFY(!reader.keepAlive());

        Pair chunked;
        chunked.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n123456\r\n6\r\n123456\r\n0\r\n\r\n");
        HttpRequestReader bounded(10);
        QCOMPARE(bounded.read(*chunked.stream), Outcome::Request);
        QCOMPARE(bounded.request().oversizedBodyBytes, std::size_t(12));
        QVERIFY(bounded.request().body.empty());
        QVERIFY(!bounded.keepAlive());
    }

    void http10KeepsTheConnectionOnlyWhenAsked()
    {
        Pair pair;
        pair.send("POST / HTTP/1.0\r\nContent-Length: 0\r\n\r\n"
                  "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"
                  "POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        HttpRequestReader reader(1024);
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QVERIFY(reader.http10());
        QVERIFY(!reader.keepAlive());
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QVERIFY(reader.http10());
        QVERIFY(reader.keepAlive());
        QCOMPARE(reader.read(*pair.stream), Outcome::Request);
        QVERIFY(!reader.http10());
        QVERIFY(!reader.keepAlive());
    }

    void expect100ContinueIsAnsweredBeforeTheBodyIsWaitedFor()
    {
        Pair pair;
        pair.send("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n");
        std::thread client([&] {
            char buffer[64];
            const ssize_t n = ::recv(pair.client, buffer, sizeof buffer, 0); // waits for the interim answer
            if (n > 0 && std::string(buffer, static_cast<std::size_t>(n)) == "HTTP/1.1 100 Continue\r\n\r\n")
                ::send(pair.client, "{}", 2, 0);
        });
        HttpRequestReader reader(1024);
        const Outcome outcome = reader.read(*pair.stream);
        client.join();
        QCOMPARE(outcome, Outcome::Request);
        QCOMPARE(std::string(reader.request().body), std::string("{}"));
    }

    void whatIsNotHttpIsMalformed()
    {
        for (const std::string &bytes : {std::string("NONSENSE\r\n\r\n"), std::string("POST / HTTP/9.9\r\n\r\n"),
                                         std::string("POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
                                         std::string("POST / HTTP/1.1\r\nNo colon here\r\n\r\n")}) {
            Pair pair;
            pair.send(bytes);
            HttpRequestReader reader(1024);
            QVERIFY2(reader.read(*pair.stream) == Outcome::Malformed, bytes.c_str());
        }
    }

    void headersOver80KbAreMalformed()
    {
        Pair pair;
        std::thread writer([&] {
            const std::string header = "X-Filler: " + std::string(1000, 'a') + "\r\n";
            std::string request = "POST / HTTP/1.1\r\n";
            for (int i = 0; i < 100; ++i)
                request += header;
            ::send(pair.client, request.data(), request.size(), MSG_NOSIGNAL);
        });
        HttpRequestReader reader(1024);
        const Outcome outcome = reader.read(*pair.stream);
        ::shutdown(pair.server, SHUT_RDWR); // a writer still blocked in send() gets EPIPE
        writer.join();
        QCOMPARE(outcome, Outcome::Malformed);
    }

    void aRequestCutOffIsMalformedAndSilenceTimesOut()
    {
        Pair cut;
        cut.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}");
        cut.closeClient();
        HttpRequestReader reader(1024);
        QCOMPARE(reader.read(*cut.stream), Outcome::Malformed);

        Pair slow;
        slow.stream = std::make_unique<SocketStream>(slow.server, 200, 200);
        slow.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}");
        QCOMPARE(reader.read(*slow.stream), Outcome::TimedOut);
        QCOMPARE(slow.answered(), std::string());
    }
};

QTEST_GUILESS_MAIN(HttpRequestReaderTest)
#include "tst_http_request_reader.moc"
