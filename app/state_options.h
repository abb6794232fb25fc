#pragma once

#include "option_parser.h"
#include "world/world_config.h"

#include <QCommandLineOption>
#include <QString>
#include <QStringList>

namespace orderlab::app {

/// The `--state FILE` option of `serve` and `simulate` (docs/command-line.md, "Starting from a state").
QCommandLineOption stateOption();

/**
 * When --state is given: reads the state file into `world` (state::applyStateConfig, then WorldConfig::state).
 * False with `error` naming --state and the file's own error (file, JSON path or line:column), or naming an
 * option of `excluded` that was given too: those set what the state holds. True and `world` untouched when
 * --state is not given.
 */
bool stateOptions(const cli::OptionParser &parser, const QStringList &excluded, WorldConfig &world, QString &error);

} // namespace orderlab::app
