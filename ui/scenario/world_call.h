#pragma once

#include "live/live_emulator.h"

#include <QMetaObject>
#include <QObject>

#include <functional>
#include <memory>

namespace orderlab {

/**
 * Runs `work` on the emulator thread with the running world (LiveEmulator::postToWorld), then
 * `done` with its result on `context`'s thread (the GUI thread) by a queued call, so that the GUI
 * thread never waits for the emulator (docs/threads.md). `done` never runs once `context` is
 * gone. False, and nothing runs, when no world runs.
 */
template <typename Result>
bool callOnWorld(LiveEmulator &emulator, QObject *context, std::function<Result(World &)> work,
                 std::function<void(Result)> done)
{
    return emulator.postToWorld([context, work = std::move(work), done = std::move(done)](World &world) {
        auto result = std::make_shared<Result>(work(world));
        QMetaObject::invokeMethod(
            context, [done, result] { done(std::move(*result)); }, Qt::QueuedConnection);
    });
}

} // namespace orderlab
