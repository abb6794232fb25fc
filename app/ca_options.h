#pragma once

#include "command.h"

#include "local_ca.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace orderlab::app {

/// The CA folder an option names (`ca --dir`, `serve --ca-dir`): its value, or tls::defaultCaDirectory() (empty when
/// neither XDG_DATA_HOME nor HOME is set) without it. Nothing, with `error` naming the option, when its value is
/// empty: a usage error.
std::optional<std::string> caDirectoryOption(const OptionParser &parser, const QString &option, QString &error);

/**
 * The local CA in `dir` (from caDirectoryOption), made or reused with tls::ensureLocalCa (docs/momento-tls.md).
 * Nothing, with `error` naming the option and the path, when `dir` is empty (no default could be found) or the
 * folder cannot be used (see ensureLocalCa): a failure, not a usage error.
 */
std::optional<tls::LocalCa> localCa(const OptionParser &parser, const QString &option, const std::string &dir,
                                    const std::vector<std::string> &extraNames, QString &error);

} // namespace orderlab::app
