#pragma once

#include "fault_injector.h"
#include "option_parser.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace orderlab::app {

/// Exit statuses of every command.
enum Exit : int { Ok = 0, Failed = 1, BadUsage = 2 };

/// A subcommand of `orderlab`. `run` gets the arguments after the command name
/// (arguments[0] is the program name) and returns an Exit status.
struct Command
{
    const char *name;
    const char *summary;
    std::function<int(const QStringList &arguments)> run;
};

int runReplay(const QStringList &arguments);
int runGenerate(const QStringList &arguments);
int runDemo(const QStringList &arguments);
int runSimulate(const QStringList &arguments);
int runServe(const QStringList &arguments);
int runCheck(const QStringList &arguments);
int runSnapshot(const QStringList &arguments);
int runCa(const QStringList &arguments);
int runToken(const QStringList &arguments);

using cli::OptionParser;

/// Parses `arguments` for a command that takes options only, completed from ORDERLAB_<NAME> environment
/// variables (see OptionParser). Returns an exit status when the command should stop now (--help printed:
/// Ok; a bad or unexpected argument or a bad flag variable: BadUsage with the usage on stderr), or nothing to go on.
std::optional<int> parseOptions(OptionParser &parser, const QStringList &arguments, const QString &command);

/// A whole-number option in [min, max], read with the one number grammar (docs/command-line.md, "Numbers"):
/// true and `out` set (left alone when the option is not given), or false with `error` naming the option (and
/// its variable when it came from one), what was given and what is wanted. Nothing is converted before the
/// range is checked.
bool wholeNumberOption(const OptionParser &p, const QString &name, long long min, long long max, long long &out,
                       QString &error);
/// The same for an unsigned 64-bit whole number (seeds).
bool unsignedWholeNumberOption(const OptionParser &p, const QString &name, unsigned long long min,
                               unsigned long long max, unsigned long long &out, QString &error);
/// The same for a number with a fraction; never NaN or infinite.
bool numberOption(const OptionParser &p, const QString &name, double min, double max, double &out, QString &error);

/// The repeatable `--cache NAME` options: names Momento accepts (CacheStore::cacheNameError), appended to
/// `caches`. False with `error` naming the option and the bad name.
bool cacheOptions(const OptionParser &p, std::vector<std::string> &caches, QString &error);

/// The repeatable `--fault OP=SPEC` options, checked as FaultInjector would take them; appended to
/// `faults`. False with `error` naming the bad option.
bool faultOptions(const OptionParser &p, std::vector<std::pair<std::string, FaultRule>> &faults, QString &error);

/// Writes bytes to stdout and flushes; false when the write failed.
bool writeStdout(const QByteArray &bytes);
/// Prints `orderlab <command>: <message>` and the command's help text to stderr.
int usageError(const QString &command, const QString &message, const QString &help);

} // namespace orderlab::app
