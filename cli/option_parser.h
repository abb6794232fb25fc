#pragma once

#include <QCommandLineParser>
#include <QHash>
#include <QString>
#include <QStringList>

namespace orderlab::cli {

/// The environment variable that stands for the long option `name`: ORDERLAB_ and the name
/// upper-cased with '-' as '_' ("momento-port" → "ORDERLAB_MOMENTO_PORT").
QString environmentVariable(const QString &name);

/**
 * A QCommandLineParser whose options (those added with addOptions) can also be given as
 * environment variables, see environmentVariable(). The contract:
 * - The command line wins: a variable counts only for an option the command line does not give
 *   (for a repeatable option, a single use on the command line replaces all of the variable's values).
 * - An unset or empty variable is no option.
 * - An option with a value takes the variable's text as its value; a repeatable option (setRepeatable)
 *   takes several values separated by ';', each trimmed, empty ones skipped.
 * - A flag takes 1, true, yes (given) or 0, false, no (not given), in any case; anything else fails parse().
 * - --help (addHelpOption) never comes from the environment.
 * Values from variables go through the same checks as values on the command line; attributed() names
 * the variable in the error of an option that came from one.
 */
class OptionParser
{
  public:
    void setApplicationDescription(const QString &description);
    void addHelpOption();
    void addOptions(const QList<QCommandLineOption> &options);
    void addPositionalArgument(const QString &name, const QString &description);
    /// Options (by long name) whose variable holds several values separated by ';'.
    void setRepeatable(const QStringList &names);

    /// Parses `arguments` (arguments[0] is the program), then completes them from the environment.
    /// False with errorText() for a bad command line or a bad flag variable.
    bool parse(const QStringList &arguments);
    QString errorText() const;

    bool isSet(const QString &name) const;
    QString value(const QString &name) const;
    QStringList values(const QString &name) const;
    QStringList positionalArguments() const;
    /// QCommandLineParser's help with a line about the environment variables (when there are options).
    QString helpText() const;

    /// `message` about option `name`, prefixed with "ORDERLAB_<NAME>: " when the option came from the environment.
    QString attributed(const QString &name, const QString &message) const;
    /// `message` followed by the variables that gave options, for an error that names no option; else `message`.
    QString withEnvironmentNote(const QString &message) const;

  private:
    QCommandLineParser m_parser;
    QList<QCommandLineOption> m_options;
    QStringList m_repeatable;
    QHash<QString, QString> m_fromEnvironment; ///< long option name → variable
    QString m_error;
};

} // namespace orderlab::cli
