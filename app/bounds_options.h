#pragma once

#include "command.h"

#include <QString>

#include <cstddef>

namespace orderlab {
struct PipelineConfig;
}

namespace orderlab::app {

/// The memory-bound options `serve` and `simulate` share (docs/memory-bounds.md): the stream's caps,
/// the trace's window, the checker's memory and the feed's live orders. Each also reads
/// ORDERLAB_<NAME> (cli/option_parser.h).
void addBoundsOptions(OptionParser &parser);

/// Takes the options given into `config` and `maxLiveOrders` (left alone when absent). False with
/// `error` naming the option, its range and what was given.
bool boundsOptions(const OptionParser &parser, PipelineConfig &config, std::size_t &maxLiveOrders, QString &error);

} // namespace orderlab::app
