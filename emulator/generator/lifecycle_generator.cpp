#include "lifecycle_generator.h"

#include "dynamodb/attribute_value.h"
#include "handler/order_domain.h"
#include "stream/stream_time.h"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace orderlab {

namespace {

constexpr std::size_t kDelivered = kOrderStatuses.size() - 1;

constexpr std::array<std::string_view, 3> kSizes = {"S", "M", "L"};
constexpr std::array<int, 3> kSizeCents = {900, 1150, 1400};

struct PizzaKind
{
    std::string_view name;
    int extraCents;
};
constexpr std::array<PizzaKind, 12> kPizzas = {{
    {"Margherita", 0},
    {"Pepperoni", 150},
    {"Quattro Formaggi", 250},
    {"Hawaiian", 100},
    {"Diavola", 200},
    {"Funghi", 50},
    {"Capricciosa", 250},
    {"Marinara", 0},
    {"Crème Fraîche & Leek", 300},
    {"Jalapeño Popper", 200},
    {"The \"Works\"", 350},
    {"Veggie Supreme", 150},
}};

constexpr std::array<std::string_view, 14> kToppings = {
    "basil",     "mozzarella", "pepperoni", "mushrooms",    "olives",    "jalapeños",          "pineapple",
    "red onion", "ham",        "rocket",    "extra cheese", "anchovies", "piment d’Espelette", "garlic"};
constexpr int kToppingCents = 75;

// The first kAlwaysInPool names are in every pool (non-ASCII names are always exercised).
constexpr std::size_t kAlwaysInPool = 2;
constexpr std::array<std::string_view, 32> kCreators = {
    "dåvid",   "zoë",   "alice",  "bob",   "carol",  "erin",  "frank",  "grace",  "heidi",  "ivan",  "judy",
    "mallory", "niaj",  "olivia", "peggy", "rupert", "sybil", "trent",  "victor", "walter", "chloé", "søren",
    "josé",    "anaïs", "björn",  "miyu",  "priya",  "wei",   "fatima", "noah",   "李娜",   "łukasz"};

dynamodb::AttributeValue stringValue(std::string_view s)
{
    return dynamodb::AttributeValue::string(std::string(s));
}

dynamodb::AttributeValue numberValue(const std::string &canonical)
{
    return dynamodb::AttributeValue::number(canonical);
}

/// Canonical DynamoDB number text for an amount in cents: 1250 -> "12.5", 1200 -> "12".
std::string centsText(int cents)
{
    std::string out = std::to_string(cents / 100);
    const int frac = cents % 100;
    if (frac != 0) {
        out += '.';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0)
            out += static_cast<char>('0' + frac % 10);
    }
    return out;
}

} // namespace

LifecycleGenerator::LifecycleGenerator(const Options &options) : m_options(options), m_random(options.seed)
{
    if (options.records < 0)
        throw std::invalid_argument("LifecycleGenerator: records must be >= 0");
    if (options.creators < 1)
        throw std::invalid_argument("LifecycleGenerator: creators must be >= 1");
    const double shares[3] = {options.insertShare, options.modifyShare, options.removeShare};
    double total = 0;
    for (double s : shares) {
        if (!std::isfinite(s) || s < 0)
            throw std::invalid_argument("LifecycleGenerator: shares must be finite and >= 0");
        total += s;
    }
    if (!(total > 0) || !std::isfinite(total))
        throw std::invalid_argument("LifecycleGenerator: shares must not all be zero");
    constexpr double kScale = 4294967296.0; // 2^32
    m_insertThreshold = static_cast<std::uint64_t>(std::floor(shares[0] / total * kScale));
    m_modifyThreshold = static_cast<std::uint64_t>(std::floor((shares[0] + shares[1]) / total * kScale));
    if (shares[2] == 0)
        m_modifyThreshold = static_cast<std::uint64_t>(kScale);
    if (shares[1] == 0 && shares[2] == 0)
        m_insertThreshold = static_cast<std::uint64_t>(kScale);

    m_clockMs = options.startTimeMs;

    // Creator pool: the fixed names, then the others shuffled; numbered names when more are asked for.
    std::vector<std::string> base(kCreators.begin(), kCreators.end());
    for (std::size_t i = base.size(); i > kAlwaysInPool + 1; --i)
        std::swap(base[i - 1], base[kAlwaysInPool + m_random.uniform(i - kAlwaysInPool)]);
    const auto want = static_cast<std::size_t>(options.creators);
    m_creatorPool.reserve(want);
    for (std::size_t i = 0; i < want; ++i) {
        std::string name = base[i % base.size()];
        if (i >= base.size())
            name += std::to_string(i / base.size() + 1);
        m_creatorPool.push_back(std::move(name));
    }
}

bool LifecycleGenerator::chance(std::uint32_t perMille)
{
    return m_random.uniform(1000) < perMille;
}

bool LifecycleGenerator::hasNext() const
{
    return m_produced < m_options.records;
}

std::vector<OrderChange> LifecycleGenerator::next(std::size_t count)
{
    std::vector<OrderChange> out;
    out.reserve(count);
    while (out.size() < count && hasNext())
        out.push_back(next());
    return out;
}

OrderChange LifecycleGenerator::next()
{
    if (!hasNext())
        throw std::out_of_range("LifecycleGenerator: all records produced");
    ++m_produced;
    m_clockMs += 20 + static_cast<std::int64_t>(m_random.uniform(2500));

    const std::uint64_t draw = m_random.next() >> 32;
    const bool full = m_options.maxLiveOrders > 0 && liveOrders() >= m_options.maxLiveOrders;
    if (draw < m_insertThreshold)
        return full ? makeRemove(true) : makeInsert();
    if (draw < m_modifyThreshold) {
        // Delivered orders are only edited rarely; a modify that finds no order to change inserts.
        const bool editDelivered = !m_delivered.empty() && chance(30);
        if (editDelivered)
            return makeModify(m_delivered, m_random.uniform(m_delivered.size()), false);
        if (!m_active.empty())
            return makeModify(m_active, m_random.uniform(m_active.size()), true);
        return full ? makeRemove(true) : makeInsert();
    }
    if (liveOrders() == 0)
        return makeInsert();
    return makeRemove(false);
}

LifecycleGenerator::Pizza LifecycleGenerator::randomPizza()
{
    Pizza p;
    p.name = m_random.uniform(kPizzas.size());
    p.size = static_cast<int>(m_random.uniform(kSizes.size()));
    const auto toppings = m_random.uniform(5); // 0..4
    while (p.toppings.size() < toppings) {
        const std::size_t t = m_random.uniform(kToppings.size());
        bool seen = false;
        for (auto x : p.toppings)
            seen = seen || x == t;
        if (!seen)
            p.toppings.push_back(t);
    }
    if (chance(250))
        p.quantity = 1 + static_cast<int>(m_random.uniform(3));
    return p;
}

OrderChange LifecycleGenerator::makeInsert()
{
    Order order;
    order.pk = "ord-" + std::to_string(m_nextOrderNumber++);
    order.createdAt = isoTimeMs(m_clockMs);
    order.status = 0;
    const auto count = 1 + m_random.uniform(4);
    for (std::uint64_t i = 0; i < count; ++i)
        order.pizzas.push_back(randomPizza());
    order.creator = m_creatorPool[m_random.uniform(m_creatorPool.size())];

    OrderChange change;
    change.kind = OrderChange::Insert;
    change.pk = order.pk;
    change.newItem = render(order);
    change.commitTimeMs = m_clockMs;
    m_active.push_back(std::move(order));
    return change;
}

void LifecycleGenerator::editPizzas(Order &order)
{
    // Every edit changes the item, so the write is always streamed.
    Pizza &pizza = order.pizzas[m_random.uniform(order.pizzas.size())];
    switch (m_random.uniform(6)) {
    case 0: // change size
        pizza.size = static_cast<int>((static_cast<std::uint64_t>(pizza.size) + 1 + m_random.uniform(2)) % 3);
        break;
    case 1: // add a topping, or remove one when all are on
    case 2: // remove a topping, or add one when there are none
        if ((pizza.toppings.size() < kToppings.size()) && (pizza.toppings.empty() || m_random.uniform(2) == 0)) {
            for (;;) {
                const std::size_t t = m_random.uniform(kToppings.size());
                bool seen = false;
                for (auto x : pizza.toppings)
                    seen = seen || x == t;
                if (!seen) {
                    pizza.toppings.push_back(t);
                    break;
                }
            }
        } else {
            pizza.toppings.erase(pizza.toppings.begin() +
                                 static_cast<std::ptrdiff_t>(m_random.uniform(pizza.toppings.size())));
        }
        break;
    case 3: // add a pizza, or remove one at the maximum
    case 4: // remove a pizza, or add one when there is a single pizza
        if (order.pizzas.size() < 4 && (order.pizzas.size() == 1 || m_random.uniform(2) == 0)) {
            order.pizzas.push_back(randomPizza());
        } else {
            order.pizzas.erase(order.pizzas.begin() +
                               static_cast<std::ptrdiff_t>(m_random.uniform(order.pizzas.size())));
        }
        break;
    default: { // quantity: 0 (absent), 1, 2 or 3, different from the current one
        const auto shift = 1 + m_random.uniform(3);
        pizza.quantity = static_cast<int>((static_cast<std::uint64_t>(pizza.quantity) + shift) % 4);
        break;
    }
    }
}

OrderChange LifecycleGenerator::makeModify(std::vector<Order> &pool, std::size_t index, bool allowStatus)
{
    Order &order = pool[index];
    OrderChange change;
    change.kind = OrderChange::Modify;
    change.pk = order.pk;
    change.oldItem = render(order);
    change.commitTimeMs = m_clockMs;

    const bool advance = allowStatus && order.status < kDelivered && chance(620);
    if (advance)
        ++order.status;
    else
        editPizzas(order);
    if (chance(900))
        order.lastUpdated = isoTimeMs(m_clockMs);
    else
        order.lastUpdated.reset();
    change.newItem = render(order);

    if (advance && order.status == kDelivered && &pool == &m_active) {
        m_delivered.push_back(std::move(order));
        pool[index] = std::move(pool.back());
        pool.pop_back();
    }
    return change;
}

OrderChange LifecycleGenerator::makeRemove(bool completeFirst)
{
    std::size_t index = completeFirst ? m_active.size() : m_random.uniform(liveOrders()); // a delivered one
    std::vector<Order> *pool = &m_active;
    if (completeFirst && m_delivered.empty())
        index = m_random.uniform(m_active.size());
    if (index >= m_active.size()) {
        index -= m_active.size();
        pool = &m_delivered;
    }
    Order &order = (*pool)[index];
    OrderChange change;
    change.kind = OrderChange::Remove;
    change.pk = order.pk;
    change.oldItem = render(order);
    change.commitTimeMs = m_clockMs;
    (*pool)[index] = std::move(pool->back());
    pool->pop_back();
    return change;
}

Item LifecycleGenerator::render(const Order &order) const
{
    std::vector<dynamodb::AttributeValue> pizzas;
    pizzas.reserve(order.pizzas.size());
    for (const Pizza &p : order.pizzas) {
        const PizzaKind &kind = kPizzas[p.name];
        const int cents = kSizeCents[static_cast<std::size_t>(p.size)] + kind.extraCents +
                          kToppingCents * static_cast<int>(p.toppings.size());
        std::vector<dynamodb::AttributeValue> toppings;
        toppings.reserve(p.toppings.size());
        for (const std::size_t t : p.toppings)
            toppings.push_back(stringValue(kToppings[t]));
        dynamodb::AttributeMap pizza{{"name", stringValue(kind.name)},
                                     {"size", stringValue(kSizes[static_cast<std::size_t>(p.size)])},
                                     {"price", numberValue(centsText(cents))},
                                     {"toppings", dynamodb::AttributeValue::list(std::move(toppings))}};
        if (p.quantity > 0)
            pizza.emplace_back("quantity", numberValue(std::to_string(p.quantity)));
        pizzas.push_back(dynamodb::AttributeValue::map(std::move(pizza)));
    }
    dynamodb::AttributeMap item;
    item.reserve(7);
    item.emplace_back("pk", stringValue(order.pk));
    item.emplace_back("createdAt", stringValue(order.createdAt));
    item.emplace_back("status", stringValue(kOrderStatuses[order.status]));
    item.emplace_back("numItems", numberValue(std::to_string(order.pizzas.size())));
    item.emplace_back("items", dynamodb::AttributeValue::list(std::move(pizzas)));
    item.emplace_back("creator", stringValue(order.creator));
    if (order.lastUpdated)
        item.emplace_back("lastUpdated", stringValue(*order.lastUpdated));
    return dynamodb::itemText(item);
}

} // namespace orderlab
