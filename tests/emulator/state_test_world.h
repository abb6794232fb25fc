#pragma once
// A small world with something in every part a state file keeps, for the state file tests.

#include "world/world.h"

#include <stdexcept>
#include <string>

namespace orderlab::test {

inline WorldConfig stateTestConfig()
{
    WorldConfig c;
    c.pipeline.seed = 7;
    c.pipeline.shards = 2;
    c.pipeline.timing = TimingProfile::instant();
    c.pipeline.caches = {"pizza", "extra"};
    return c;
}

inline std::string applyOrThrow(World &world, Command c)
{
    const std::string error = world.apply(std::move(c));
    if (!error.empty())
        throw std::runtime_error(error);
    return error;
}

/// Orders created and advanced, a subscriber by pattern, a fault, a key in a second cache; the clock at
/// `start + 10 s`, every record processed but (with `leaveUndrained`) one written at that instant.
inline void populate(World &world, bool leaveUndrained = false)
{
    Scheduler &clock = world.pipeline().scheduler();
    const TimeMs t0 = clock.now();
    Command sub;
    sub.kind = Command::Kind::AddSubscriber;
    sub.name = "watcher";
    sub.topic = "*-status-updated";
    applyOrThrow(world, sub);
    for (int i = 1; i <= 4; ++i) {
        Command order;
        order.kind = Command::Kind::NewOrder;
        order.pk = "ord-" + std::to_string(i);
        order.creator = i % 2 ? "ann" : "bob";
        order.items = R"([{"name":"margherita","size":"L","price":12.5}])";
        clock.runUntil(t0 + 100 * i);
        applyOrThrow(world, order);
    }
    clock.runUntil(t0 + 2000);
    Command advance;
    advance.kind = Command::Kind::AdvanceStatus;
    advance.pk = "ord-2";
    applyOrThrow(world, advance);
    Command fault;
    fault.kind = Command::Kind::SetFault;
    fault.op = "cache.get";
    fault.spec = "p=0.25,latency=5ms";
    applyOrThrow(world, fault);
    world.pipeline().cache().set("extra", "note", momento::makeValue(std::string("\xff\x01 binary", 9)), 30000, "test");
    clock.runUntil(t0 + 10000);
    if (leaveUndrained) { // at the very instant of the snapshot: its record is not processed yet
        Command late;
        late.kind = Command::Kind::AdvanceStatus;
        late.pk = "ord-3";
        applyOrThrow(world, late);
    }
}

} // namespace orderlab::test
