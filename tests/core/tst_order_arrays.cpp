// OrderArrays splices cached array text; it must give, byte for byte, what parse + findIndex +
// spread/unshift/splice + stringify gives (the reference's way), on any sequence of edits.
#include "handler/order_array.h"
#include "js/json.h"
#include "js/operations.h"

#include <QtTest>

#include <random>

using namespace orderlab;
using js::Value;

namespace {

/// The reference's updateArrayCacheItem / deleteArrayCacheItem, literally.
std::string naiveUpsert(const std::string *current, const Value &item)
{
    auto arr = js::newArray();
    if (current) {
        arr = js::parseJson(*current).asArray();
        const Value id = js::getProperty(item, "id");
        for (auto &entry : arr->items) {
            if (js::looselyEquals(js::getProperty(entry, "id"), id)) {
                auto merged = js::newObject();
                js::spreadInto(*merged, entry);
                js::spreadInto(*merged, item);
                entry = Value(merged);
                return *js::stringifyJson(Value(arr));
            }
        }
        arr->items.insert(arr->items.begin(), item);
    } else {
        arr->items.push_back(item);
    }
    return *js::stringifyJson(Value(arr));
}

std::string naiveRemove(const std::string &current, const Value &id)
{
    auto arr = js::parseJson(current).asArray();
    for (std::size_t i = 0; i < arr->items.size(); ++i) {
        if (js::looselyEquals(js::getProperty(arr->items[i], "id"), id)) {
            arr->items.erase(arr->items.begin() + long(i));
            break;
        }
    }
    return *js::stringifyJson(Value(arr));
}

Value randomId(std::mt19937 &rng)
{
    const int n = int(rng() % 12);
    switch (rng() % 8) {
    case 0:
        return Value(double(n)); // 3 == "3"
    case 1:
        return Value(); // undefined id: left out of the text
    case 2:
        return Value(std::to_string(n) + " ");
    default:
        return Value("ord-" + std::to_string(n));
    }
}

Value randomSummary(std::mt19937 &rng)
{
    auto o = js::newObject();
    o->set("id", randomId(rng));
    o->set("createdAt", Value("2024-11-24T12:00:0" + std::to_string(rng() % 10) + ".000Z"));
    if (rng() % 4)
        o->set("status", Value(rng() % 2 ? "BAKING" : "SUBMITTED"));
    else
        o->set("status", Value()); // undefined overrides the old status in the spread
    o->set("numItems", Value(double(rng() % 5)));
    if (rng() % 3 == 0)
        o->set("lastUpdated", Value("later"));
    if (rng() % 7 == 0)
        o->set("10", Value(true)); // an index key sorts first
    return Value(o);
}

/// The same array as another writer might store it: spaces, non-canonical numbers.
std::string foreignForm(const std::string &canonical)
{
    std::string out;
    for (char c : canonical) {
        out += c;
        if (c == ',' || c == '[')
            out += ' ';
    }
    return out;
}

} // namespace

class TstOrderArrays : public QObject
{
    Q_OBJECT
  private slots:
    void randomEditsMatchTheReferenceWay_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= 40; ++s)
            QTest::addRow("seed-%d", s) << s;
    }
    void randomEditsMatchTheReferenceWay()
    {
        QFETCH(int, seed);
        std::mt19937 rng(static_cast<unsigned>(seed));
        OrderArrays arrays;
        momento::CacheValue current;
        std::string expected;
        bool have = false;
        for (int step = 0; step < 300; ++step) {
            const int what = int(rng() % 10);
            // A fifth of the edits are never stored (the cache refused the set): the next edit starts
            // from the old buffer again.
            const bool stored = rng() % 5 != 0;
            if (what < 6) {
                const Value item = randomSummary(rng);
                auto next = arrays.upsert("all-orders", have ? current : nullptr, item);
                QCOMPARE(*next, naiveUpsert(have ? &expected : nullptr, item));
                if (stored || !have) {
                    expected = *next;
                    current = next;
                }
                have = true;
            } else if (what < 9 && have) {
                const Value id = randomId(rng);
                auto next = arrays.remove("all-orders", current, id);
                QCOMPARE(*next, naiveRemove(expected, id));
                if (stored) {
                    expected = *next;
                    current = next;
                }
            } else if (have) {
                current = momento::makeValue(foreignForm(*current)); // another writer
            }
            if (have)
                QCOMPARE(js::stringifyJson(js::parseJson(*current)).value(), expected);
            if (have && what < 9 && stored)
                QCOMPARE(*current, expected); // our own writes are canonical
        }
    }

    void removeWithoutMatchKeepsTheBuffer()
    {
        OrderArrays arrays;
        auto a = arrays.upsert("k", nullptr, js::parseJson(R"({"id":"a"})"));
        auto b = arrays.remove("k", a, Value("zzz"));
        QCOMPARE(b.get(), a.get()); // no copy
        auto c = arrays.remove("k", b, Value("a"));
        QCOMPARE(*c, std::string("[]"));
        QCOMPARE(arrays.fullParses(), std::size_t(0));
    }

    void anEditNeverStoredIsRetriedFromTheOldBufferWithoutAFullParse()
    {
        OrderArrays arrays;
        auto a = arrays.upsert("k", nullptr, js::parseJson(R"({"id":"a","n":1})"));
        a = arrays.upsert("k", a, js::parseJson(R"({"id":"b","n":1})"));
        // Each of these results is dropped, as when the set over the item size limit fails.
        QCOMPARE(*arrays.upsert("k", a, js::parseJson(R"({"id":"c"})")),
                 std::string(R"([{"id":"c"},{"id":"b","n":1},{"id":"a","n":1}])"));
        QCOMPARE(*arrays.upsert("k", a, js::parseJson(R"({"id":"a","n":2})")),
                 std::string(R"([{"id":"b","n":1},{"id":"a","n":2}])"));
        QCOMPARE(*arrays.remove("k", a, Value("b")), std::string(R"([{"id":"a","n":1}])"));
        auto d = arrays.remove("k", a, Value("a"));
        QCOMPARE(*d, std::string(R"([{"id":"b","n":1}])"));
        QCOMPARE(arrays.fullParses(), std::size_t(0));
        // Two edits past the stored buffer: only one step is remembered, so this one parses in full.
        auto e = arrays.upsert("k", d, js::parseJson(R"({"id":"e"})"));
        QCOMPARE(*arrays.upsert("k", a, js::parseJson(R"({"id":"f"})")),
                 std::string(R"([{"id":"f"},{"id":"b","n":1},{"id":"a","n":1}])"));
        QCOMPARE(arrays.fullParses(), std::size_t(1));
        QCOMPARE(*e, std::string(R"([{"id":"e"},{"id":"b","n":1}])"));
    }
};

QTEST_GUILESS_MAIN(TstOrderArrays)
#include "tst_order_arrays.moc"
