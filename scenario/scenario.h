#pragma once

#include "handler_spec.h"
#include "source_place.h"
#include "world/command.h"
#include "world/world_config.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>
#include <string>
#include <vector>

namespace orderlab::scenario {

/// One thing a scenario says must be true at an `expect` step (docs/scenarios.md, "Expectations").
struct Expectation
{
    enum class Kind {
        CacheKey,      ///< `cache` key `key`: equals / contains (JSON subset) / absent, optionally at `path`
        Notifications, ///< what `subject` (a subscriber) received: `exactly` or `containing`, in order
        Verdict,       ///< the checker's verdict: in step or not, `equals` a line, or a finding containing text
        Count,         ///< a mapping counter `subject` (invocations, retries, ...) in [min, max]
        Failures,      ///< the failure list: its length, or each entry's condition and keys, exactly
        TableItem,     ///< `table`'s item `key` (or `itemKey`): equals / contains / absent, optionally at `path`
        TableCount,    ///< the number of items in `table` in [min, max]
    };
    enum class Match { Equals, Contains, Absent };

    Kind kind = Kind::CacheKey;
    SourcePlace place;
    std::string cache;            ///< CacheKey: the cache
    std::string key;              ///< CacheKey: the key; TableItem: the hash key's value (a string), unless itemKey
    std::string table = "orders"; ///< TableItem / TableCount: the table
    QJsonObject itemKey;          ///< TableItem: the whole key as plain values (`key:`), for any key schema
    std::string subject;          ///< Notifications: the subscriber; Count: the counter's name
    std::string path; ///< CacheKey / TableItem: a JSON path into the value ($.a.b[0]); empty: the whole value
    Match match = Match::Equals;
    bool exactly = true;            ///< Notifications: the whole list (true) or a subsequence of it (false)
    QJsonValue expected;            ///< the value, subset, notification list, failure list or verdict line
    std::optional<bool> inStep;     ///< Verdict
    std::vector<std::string> finds; ///< Verdict: texts that some finding must contain
    long long min = 0, max = 0;     ///< Count / TableCount / Failures (a count)
    bool countOnly = false;         ///< Failures: only the length is checked

    /// A short line naming the expectation ("cache orderlab key all-orders contains ...").
    std::string describe() const;
};

/// One step on the emulator clock: a Command, a wait, or a block of expectations.
struct Step
{
    enum class Kind { Command, Wait, WaitDrained, Expect, Api };
    enum class Timing { After, At };

    Kind kind = Kind::Command;
    SourcePlace place;
    Timing timing = Timing::After;
    TimeMs timeMs = 0; ///< At: since the run's start; After: since the previous step ended
    Command command;   ///< Kind::Command
    TimeMs waitMs = 0; ///< Kind::Wait: how long; WaitDrained: the most it may take (0: the run's bound)
    std::vector<Expectation> expectations;
    std::string expectedError; ///< Command / Api: the step must fail with an error containing this
    std::string apiOperation;  ///< Kind::Api: a DynamoDB or DynamoDB Streams operation ("PutItem")
    std::string apiRequest;    ///< Kind::Api: its request body, compact JSON as the SDK sends it
};

/// A scenario as loaded from `<name>/scenario.yaml` (docs/scenarios.md).
struct Scenario
{
    std::string name;        ///< the folder's name unless the file says otherwise
    std::string description; ///< free text
    std::string file;        ///< the scenario.yaml path it was loaded from
    std::string directory;   ///< its folder: where expected/outcome.json lives
    WorldConfig world;       ///< always Virtual; checkEveryMs as the file says (default 1 s)
    HandlerSpec handler;     ///< `world.handler`: core's handler unless the file names a process
    /// `state:` as the file gives it (relative to `directory`), empty when none; then world.state holds it.
    std::string stateFile;
    TimeMs maxTimeMs = 600000; ///< the bound on emulator time: a run that goes past it never settled
    /// Seed items, as AttributeValue JSON of whole items, written in order before the first step.
    std::vector<std::string> seedItems;
    /// `seed.export` as the file gives it (relative to `directory`), empty when none; its items are the
    /// last `seedExportItems` of seedItems (after those of `seed.items`).
    std::string seedExport;
    std::size_t seedExportItems = 0;
    /// The subscribers added before the first step: (name, topic or pattern).
    std::vector<std::pair<std::string, std::string>> subscribers;
    std::vector<Step> steps;

    /// `<directory>/expected/outcome.json`.
    std::string goldenPath() const;
    /// The handler process's folder made absolute: `handler.directory` relative to `directory`.
    std::string handlerDirectory() const;
};

} // namespace orderlab::scenario
