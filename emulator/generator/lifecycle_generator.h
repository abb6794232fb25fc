#pragma once

#include "dynamodb/item_text.h"
#include "random.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab {

/// A DynamoDB item as written: (attribute name, AttributeValue JSON text) pairs, in write order.
/// The JSON text of each value is compact (no spaces), e.g. `{"S":"ord-1"}` or `{"N":"12.5"}`.
using Item = dynamodb::ItemText;

/// One committed write to the orders table, as the stream sees it.
struct OrderChange
{
    enum Kind { Insert, Modify, Remove };

    Kind kind = Insert;
    std::string pk;                ///< Partition key (`ord-<n>`).
    std::optional<Item> oldItem;   ///< Item before the write; absent for Insert.
    std::optional<Item> newItem;   ///< Item after the write; absent for Remove.
    std::int64_t commitTimeMs = 0; ///< Simulated commit time, milliseconds since the Unix epoch.
};

/**
 * Seeded, deterministic generator of pizza-order lifecycles for the orders table.
 *
 * Keeps the set of live orders and produces a sequence of changes: Insert creates an order
 * (status `SUBMITTED`, 1–4 pizzas), Modify advances its status along kOrderStatuses
 * (handler/order_domain.h: SUBMITTED → … → DELIVERED) or edits its pizzas, Remove
 * deletes it (a cancellation). A Modify or Remove drawn while no order can take it becomes an
 * Insert. Every Modify changes the item (a write that changes nothing would not be streamed).
 *
 * Output depends only on the options: the same options give the same sequence on every
 * platform and standard library (orderlab::Random, no `<random>` distributions, no floating point in
 * the values produced). Attributes are written in the order pk, createdAt, status, numItems,
 * items, creator, lastUpdated (when present).
 *
 * Not thread-safe; one generator per thread.
 */
class LifecycleGenerator
{
  public:
    struct Options
    {
        std::uint64_t seed = 1;
        int records = 100;         ///< Total number of changes to produce (≥ 0).
        double insertShare = 0.30; ///< Relative weights; normalised, each ≥ 0, sum > 0.
        double modifyShare = 0.55;
        double removeShare = 0.15;
        int creators = 20;                        ///< Size of the creator pool (≥ 1).
        std::int64_t startTimeMs = 1732449600000; ///< Simulated clock start (2024-11-24T12:00:00.000Z).
        /// Bound on live orders (0: none). At the bound, a draw that would insert deletes an order
        /// instead: a delivered one (a completed order cleared away) if any, else a random one.
        std::size_t maxLiveOrders = 0;
    };

    /// @throws std::invalid_argument if records < 0, creators < 1, a share is negative or not
    ///         finite, or all shares are zero.
    explicit LifecycleGenerator(const Options &options);

    /// True while fewer than `options.records` changes have been produced.
    bool hasNext() const;

    /// Produces the next change and advances the simulated clock.
    /// @pre hasNext(); otherwise throws std::out_of_range.
    OrderChange next();

    /// Produces up to `count` further changes (fewer when the total is reached).
    std::vector<OrderChange> next(std::size_t count);

    /// Number of changes produced so far.
    int produced() const { return m_produced; }

    /// Number of orders currently in the table.
    std::size_t liveOrders() const { return m_active.size() + m_delivered.size(); }

    /// The creator pool, in the order it was drawn.
    const std::vector<std::string> &creatorPool() const { return m_creatorPool; }

  private:
    struct Pizza
    {
        std::size_t name = 0;
        int size = 0; ///< 0 = S, 1 = M, 2 = L
        std::vector<std::size_t> toppings;
        int quantity = 0; ///< 0 = attribute absent
    };
    struct Order
    {
        std::string pk;
        std::string createdAt;
        std::size_t status = 0; ///< index into kOrderStatuses
        std::vector<Pizza> pizzas;
        std::string creator;
        std::optional<std::string> lastUpdated;
    };

    bool chance(std::uint32_t perMille);

    OrderChange makeInsert();
    OrderChange makeModify(std::vector<Order> &pool, std::size_t index, bool allowStatus);
    OrderChange makeRemove(bool completeFirst);
    Pizza randomPizza();
    void editPizzas(Order &order);
    Item render(const Order &order) const;

    Options m_options;
    Random m_random;
    std::uint64_t m_insertThreshold = 0; ///< draws in [0, 2^32) below this are inserts
    std::uint64_t m_modifyThreshold = 0; ///< ... below this (and not inserts) are modifies
    int m_produced = 0;
    std::uint64_t m_nextOrderNumber = 1;
    std::int64_t m_clockMs = 0;
    std::vector<std::string> m_creatorPool;
    std::vector<Order> m_active;    ///< live, not yet delivered
    std::vector<Order> m_delivered; ///< live, delivered
};

} // namespace orderlab
