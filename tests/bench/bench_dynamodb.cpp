// bench_dynamodb --target NAME=PORT [--target NAME=PORT [--target NAME=PORT]] [--seconds S (default 3)]
//                [--clients LIST (default 1,16)] [--operations LIST (default PutItem,GetItem,UpdateItem,Query)]
//                [--rounds N (default 3)] [--wait auto|poll|sleep (default auto)] [--poll-us N (default 10000)]
//
// DynamoDB's JSON 1.0 API over HTTP/1.1 on 127.0.0.1, the same client code against every target in the same run:
// PutItem, GetItem, UpdateItem with a ConditionExpression and a Query returning 100 items, each with 1 and with
// 16 concurrent clients (one keep-alive connection each, X-Amz-Target, a SigV4-shaped Authorization header that
// no server checks; each request in one write, each answer read through one buffer: keep_alive_client.h). Each target
// first gets a fresh table `bench` (pk S, sk N) holding 1,000 items for GetItem and UpdateItem and one partition of 100
// items for Query. A client waits for each answer by polling for up to N us before it blocks (KeepAliveClient) with
// --wait poll, or with auto when it is the only client; otherwise it blocks at once. Targets are measured alternately,
// row by row, in N rounds of S/N seconds each after a warm-up (so that a machine whose speed drifts from minute to
// minute slows every target alike); the table gives ops/s and p50/p99 latency per target and the ratio of the first
// target's ops/s to each other's; the targets line judges the first against the second. Run by scripts/bench-dynamodb
// (orderlab against dynalite and against bench_floor_server, a server that does no work); never by ctest. Exit status:
// 0 measured (whether or not the targets are met), 1 a request failed, 2 bad usage.
#include "keep_alive_client.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Target
{
    std::string name;
    int port = 0;
};

/// One target's measurements in one row, gathered over the rounds.
struct Cell
{
    std::vector<std::int64_t> latenciesNs; ///< every answer's, in no order until finish()
    double seconds = 0;                    ///< measured, over all rounds
    double opsPerSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

enum class Op { PutItem, GetItem, UpdateItem, Query };
constexpr Op kOps[] = {Op::PutItem, Op::GetItem, Op::UpdateItem, Op::Query};
constexpr int kItems = 1000;
constexpr int kQueryItems = 100;

/// The operation's X-Amz-Target name, and how the report names its row.
struct OpNames
{
    const char *target;
    const char *row;
};

OpNames namesOf(Op op)
{
    switch (op) {
    case Op::PutItem:
        return {"PutItem", "PutItem"};
    case Op::GetItem:
        return {"GetItem", "GetItem"};
    case Op::UpdateItem:
        return {"UpdateItem", "UpdateItem (condition)"};
    case Op::Query:
        return {"Query", "Query (100 items)"};
    }
    return {"", ""};
}

const char *nameOf(Op op)
{
    return namesOf(op).row;
}

const char *targetOf(Op op)
{
    return namesOf(op).target;
}

std::string key(const std::string &pk, int sk)
{
    return R"({"pk":{"S":")" + pk + R"("},"sk":{"N":")" + std::to_string(sk) + R"("}})";
}

/// An order-shaped item of about 200 bytes.
std::string item(const std::string &pk, int sk)
{
    return R"({"pk":{"S":")" + pk + R"("},"sk":{"N":")" + std::to_string(sk) +
           R"("},"status":{"S":"new"},"customer":{"S":"ann"},"total":{"N":"42.50"},"version":{"N":"1"},)"
           R"("items":{"L":[{"M":{"name":{"S":"margherita"},"qty":{"N":"2"}}},{"M":{"name":{"S":"diavola"},)"
           R"("qty":{"N":"1"}}}]}})";
}

std::string body(Op op, int client, std::uint64_t n)
{
    const int k = static_cast<int>((n * 7919 + static_cast<std::uint64_t>(client) * 104729) % kItems);
    switch (op) {
    case Op::PutItem:
        return R"({"TableName":"bench","Item":)" +
               item("put-" + std::to_string(client) + "-" + std::to_string(n % kItems), 0) + "}";
    case Op::GetItem:
        return R"({"TableName":"bench","Key":)" + key("item-" + std::to_string(k), 0) + "}";
    case Op::UpdateItem:
        return R"({"TableName":"bench","Key":)" + key("item-" + std::to_string(k), 0) +
               R"(,"UpdateExpression":"SET #s = :s ADD version :one",)"
               R"("ConditionExpression":"attribute_exists(pk) AND #s <> :gone",)"
               R"("ExpressionAttributeNames":{"#s":"status"},)"
               R"("ExpressionAttributeValues":{":s":{"S":"baking"},":one":{"N":"1"},":gone":{"S":"canceled"}}})";
    case Op::Query:
        return R"({"TableName":"bench","KeyConditionExpression":"pk = :p",)"
               R"("ExpressionAttributeValues":{":p":{"S":"query"}}})";
    }
    return {};
}

/// One keep-alive connection speaking the JSON 1.0 protocol with SigV4-shaped headers.
class DynamoDbClient
{
  public:
    DynamoDbClient(int port, std::chrono::microseconds pollWindow = {}) : m_http(port, pollWindow)
    {
        char date[32], day[16];
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc);
        std::strftime(date, sizeof date, "%Y%m%dT%H%M%SZ", &utc);
        std::strftime(day, sizeof day, "%Y%m%d", &utc);
        m_date = date;
        m_authorization = std::string("AWS4-HMAC-SHA256 Credential=AKIDORDERLABBENCH/") + day +
                          "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                          "Signature=" +
                          std::string(64, '0');
    }

    /// The answer's body on HTTP 200; otherwise false with what went wrong in `error`.
    bool call(const char *operation, const std::string &request, std::string *answer, std::string *error)
    {
        m_headers.assign("Content-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.");
        m_headers += operation;
        m_headers += "\r\nX-Amz-Date: " + m_date + "\r\nAuthorization: " + m_authorization + "\r\n";
        const int status = m_http.post(m_headers, request, answer, error);
        if (status == 0) {
            *error = std::string(operation) + ": " + *error;
            return false;
        }
        if (status != 200) {
            *error = std::string(operation) + ": HTTP " + std::to_string(status) + " " + *answer;
            return false;
        }
        return true;
    }

  private:
    orderlab::bench::KeepAliveClient m_http;
    std::string m_headers;
    std::string m_date;
    std::string m_authorization;
};

bool prepare(const Target &target, std::string *error)
{
    DynamoDbClient client(target.port);
    std::string answer;
    if (!client.call(
            "CreateTable",
            R"({"TableName":"bench","BillingMode":"PAY_PER_REQUEST",)"
            R"("AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},)"
            R"({"AttributeName":"sk","AttributeType":"N"}],)"
            R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}]})",
            &answer, error))
        return false;
    for (int i = 0;; ++i) {
        if (!client.call("DescribeTable", R"({"TableName":"bench"})", &answer, error))
            return false;
        if (answer.find(R"("TableStatus":"ACTIVE")") != std::string::npos)
            break;
        if (i == 200) {
            *error = "the table did not become ACTIVE within 10 s";
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    for (int i = 0; i < kItems; ++i)
        if (!client.call("PutItem", R"({"TableName":"bench","Item":)" + item("item-" + std::to_string(i), 0) + "}",
                         &answer, error))
            return false;
    for (int i = 0; i < kQueryItems; ++i)
        if (!client.call("PutItem", R"({"TableName":"bench","Item":)" + item("query", i) + "}", &answer, error))
            return false;
    return true;
}

double percentileMs(const std::vector<std::int64_t> &sortedNs, double p)
{
    if (sortedNs.empty())
        return 0;
    const auto at = static_cast<std::size_t>(p * static_cast<double>(sortedNs.size() - 1) + 0.5);
    return static_cast<double>(sortedNs[at]) / 1e6;
}

bool measure(const Target &target, Op op, int clients, std::chrono::microseconds pollWindow, double seconds, Cell *cell,
             std::string *error)
{
    std::atomic<bool> measuring{false}, stop{false}, failed{false};
    std::mutex errorMutex;
    std::vector<std::vector<std::int64_t>> latencies(static_cast<std::size_t>(clients));
    auto run = [&](int id) {
        DynamoDbClient client(target.port, pollWindow);
        auto &mine = latencies[static_cast<std::size_t>(id)];
        mine.reserve(static_cast<std::size_t>(seconds * 50000 / clients) + 1024);
        std::string answer, why;
        for (std::uint64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
            const std::string request = body(op, id, n);
            const auto t0 = Clock::now();
            bool ok = client.call(targetOf(op), request, &answer, &why);
            const auto t1 = Clock::now();
            if (ok && op == Op::Query && n == 0 &&
                answer.find("\"Count\":" + std::to_string(kQueryItems)) == std::string::npos) {
                why = "Query: not " + std::to_string(kQueryItems) + " items: " + answer.substr(0, 200);
                ok = false;
            }
            if (!ok) {
                std::lock_guard lock(errorMutex);
                if (error->empty())
                    *error = why;
                failed = true;
            }
            if (failed)
                return;
            if (measuring.load(std::memory_order_relaxed))
                mine.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count());
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i)
        threads.emplace_back(run, i);
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // warm-up: connections, caches, JIT
    measuring = true;
    const auto t0 = Clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    measuring = false;
    const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
    stop = true;
    for (auto &t : threads)
        t.join();
    if (failed)
        return false;
    for (const auto &mine : latencies)
        cell->latenciesNs.insert(cell->latenciesNs.end(), mine.begin(), mine.end());
    cell->seconds += elapsed;
    return true;
}

void finish(Cell &cell)
{
    std::sort(cell.latenciesNs.begin(), cell.latenciesNs.end());
    cell.opsPerSecond = cell.seconds > 0 ? static_cast<double>(cell.latenciesNs.size()) / cell.seconds : 0;
    cell.p50Ms = percentileMs(cell.latenciesNs, 0.50);
    cell.p99Ms = percentileMs(cell.latenciesNs, 0.99);
}

int usage(const std::string &why)
{
    std::fprintf(
        stderr,
        "bench_dynamodb: %s\nusage: bench_dynamodb --target NAME=PORT [--target NAME=PORT [--target NAME=PORT]] "
        "[--seconds S] "
        "[--clients 1,16] [--operations PutItem,GetItem,UpdateItem,Query] [--rounds N] [--wait auto|poll|sleep] "
        "[--poll-us N]\n",
        why.c_str());
    return 2;
}

bool wholeNumber(const std::string &text, int low, int high, int *out)
{
    if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    *out = std::stoi(text);
    return *out >= low && *out <= high;
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<Target> targets;
    int seconds = 3;
    enum class Wait { Auto, Poll, Sleep } wait = Wait::Auto;
    int pollUs = 10000;
    int rounds = 3;
    std::vector<int> clientCounts{1, 16};
    std::vector<Op> ops(std::begin(kOps), std::end(kOps));
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            return usage(arg + " wants a value");
        const std::string value = argv[++i];
        if (arg == "--target") {
            const auto eq = value.find('=');
            Target t;
            if (eq == std::string::npos || eq == 0 || !wholeNumber(value.substr(eq + 1), 1, 65535, &t.port))
                return usage("--target wants NAME=PORT, got '" + value + "'");
            t.name = value.substr(0, eq);
            targets.push_back(t);
        } else if (arg == "--seconds") {
            if (!wholeNumber(value, 1, 600, &seconds))
                return usage("--seconds wants a whole number from 1 to 600, got '" + value + "'");
        } else if (arg == "--rounds") {
            if (!wholeNumber(value, 1, 100, &rounds))
                return usage("--rounds wants a whole number from 1 to 100, got '" + value + "'");
        } else if (arg == "--wait") {
            if (value == "auto")
                wait = Wait::Auto;
            else if (value == "poll")
                wait = Wait::Poll;
            else if (value == "sleep")
                wait = Wait::Sleep;
            else
                return usage("--wait wants auto, poll or sleep, got '" + value + "'");
        } else if (arg == "--poll-us") {
            if (!wholeNumber(value, 1, 100000, &pollUs))
                return usage("--poll-us wants a whole number from 1 to 100000, got '" + value + "'");
        } else if (arg == "--clients") {
            clientCounts.clear();
            std::size_t from = 0;
            while (from <= value.size()) {
                const auto comma = std::min(value.find(',', from), value.size());
                int n = 0;
                if (!wholeNumber(value.substr(from, comma - from), 1, 256, &n))
                    return usage("--clients wants whole numbers from 1 to 256 separated by commas, got '" + value +
                                 "'");
                clientCounts.push_back(n);
                from = comma + 1;
            }
        } else if (arg == "--operations") {
            ops.clear();
            std::size_t from = 0;
            while (from <= value.size()) {
                const auto comma = std::min(value.find(',', from), value.size());
                const std::string name = value.substr(from, comma - from);
                const auto known =
                    std::find_if(std::begin(kOps), std::end(kOps), [&](Op op) { return name == namesOf(op).target; });
                if (known == std::end(kOps))
                    return usage("--operations wants names from PutItem,GetItem,UpdateItem,Query separated by "
                                 "commas, got '" +
                                 value + "'");
                ops.push_back(*known);
                from = comma + 1;
            }
        } else {
            return usage("unknown argument '" + arg + "'");
        }
    }
    if (targets.empty() || targets.size() > 3)
        return usage("give one to three --target");

    for (const auto &target : targets) {
        std::string error;
        if (!prepare(target, &error)) {
            std::fprintf(stderr, "bench_dynamodb: %s: setting up the table failed: %s\n", target.name.c_str(),
                         error.c_str());
            return 1;
        }
    }

    struct Row
    {
        Op op;
        int clients;
        std::vector<Cell> cells;
    };
    std::vector<Row> rows;
    for (const Op op : ops)
        for (const int clients : clientCounts) {
            Row row{op, clients, std::vector<Cell>(targets.size())};
            const bool polling = wait == Wait::Poll || (wait == Wait::Auto && clients == 1);
            for (int round = 0; round < rounds; ++round)
                for (std::size_t t = 0; t < targets.size(); ++t) {
                    std::string error;
                    if (!measure(targets[t], op, clients, std::chrono::microseconds(polling ? pollUs : 0),
                                 static_cast<double>(seconds) / rounds, &row.cells[t], &error)) {
                        std::fprintf(stderr, "bench_dynamodb: %s, %d clients, %s: %s\n", nameOf(op), clients,
                                     targets[t].name.c_str(), error.c_str());
                        return 1;
                    }
                }
            for (std::size_t t = 0; t < targets.size(); ++t) {
                Cell &cell = row.cells[t];
                finish(cell);
                std::fprintf(stderr, "  %-22s %2d clients  %-9s %9.0f ops/s  p50 %.3f ms  p99 %.3f ms\n", nameOf(op),
                             clients, targets[t].name.c_str(), cell.opsPerSecond, cell.p50Ms, cell.p99Ms);
                cell.latenciesNs = {};
            }
            rows.push_back(std::move(row));
        }

    std::printf("\n| operation | clients |");
    for (const auto &t : targets)
        std::printf(" %s ops/s | %s p50 ms | %s p99 ms |", t.name.c_str(), t.name.c_str(), t.name.c_str());
    for (std::size_t i = 1; i < targets.size(); ++i)
        std::printf(" ratio %s/%s |", targets[0].name.c_str(), targets[i].name.c_str());
    std::printf("\n|---|---:|");
    for (std::size_t i = 0; i < targets.size(); ++i)
        std::printf("---:|---:|---:|");
    for (std::size_t i = 1; i < targets.size(); ++i)
        std::printf("---:|");
    std::printf("\n");
    int ratioRowsMet = 0, singleRows = 0, singleRowsMet = 0;
    for (const auto &row : rows) {
        std::printf("| %s | %d |", nameOf(row.op), row.clients);
        for (const auto &c : row.cells)
            std::printf(" %.0f | %.3f | %.3f |", c.opsPerSecond, c.p50Ms, c.p99Ms);
        for (std::size_t i = 1; i < row.cells.size(); ++i) {
            const double ratio =
                row.cells[i].opsPerSecond > 0 ? row.cells[0].opsPerSecond / row.cells[i].opsPerSecond : 0;
            if (i == 1)
                ratioRowsMet += ratio >= 5 ? 1 : 0;
            std::printf(" %.2fx |", ratio);
        }
        std::printf("\n");
        if (row.clients == 1) {
            ++singleRows;
            singleRowsMet += row.cells[0].p99Ms < 2 ? 1 : 0;
        }
    }
    std::printf("\n");
    if (targets.size() >= 2)
        std::printf("target: %s >= 5x %s's ops/s on every row: %s (%d of %zu rows)\n", targets[0].name.c_str(),
                    targets[1].name.c_str(), ratioRowsMet == static_cast<int>(rows.size()) ? "met" : "NOT met",
                    ratioRowsMet, rows.size());
    if (singleRows > 0)
        std::printf("target: %s p99 < 2 ms with one client: %s (%d of %d rows)\n", targets[0].name.c_str(),
                    singleRowsMet == singleRows ? "met" : "NOT met", singleRowsMet, singleRows);
    return 0;
}
