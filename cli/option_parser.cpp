#include "option_parser.h"

#include <algorithm>
#include <optional>

namespace orderlab::cli {

namespace {

QString longName(const QCommandLineOption &option)
{
    const QStringList names = option.names();
    const auto it = std::find_if(names.begin(), names.end(), [](const QString &n) { return n.size() > 1; });
    return it == names.end() ? QString() : *it;
}

std::optional<bool> flagValue(const QString &text)
{
    for (const char *yes : {"1", "true", "yes"})
        if (text.compare(QLatin1String(yes), Qt::CaseInsensitive) == 0)
            return true;
    for (const char *no : {"0", "false", "no"})
        if (text.compare(QLatin1String(no), Qt::CaseInsensitive) == 0)
            return false;
    return std::nullopt;
}

} // namespace

QString environmentVariable(const QString &name)
{
    return QStringLiteral("ORDERLAB_") + QString(name).replace(QLatin1Char('-'), QLatin1Char('_')).toUpper();
}

void OptionParser::setApplicationDescription(const QString &description)
{
    m_parser.setApplicationDescription(description);
}

void OptionParser::addHelpOption()
{
    m_parser.addHelpOption();
}

void OptionParser::addOptions(const QList<QCommandLineOption> &options)
{
    m_parser.addOptions(options);
    m_options += options;
}

void OptionParser::addPositionalArgument(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
}

void OptionParser::setRepeatable(const QStringList &names)
{
    m_repeatable += names;
}

bool OptionParser::parse(const QStringList &arguments)
{
    m_error.clear();
    m_fromEnvironment.clear();
    if (!m_parser.parse(arguments)) {
        m_error = m_parser.errorText();
        return false;
    }
    QStringList extra; // the variables' options, as command-line arguments
    for (const QCommandLineOption &option : std::as_const(m_options)) {
        const QString name = longName(option);
        if (name.isEmpty() || m_parser.isSet(name))
            continue;
        const QString variable = environmentVariable(name);
        const QString text = qEnvironmentVariable(qPrintable(variable));
        if (text.isEmpty())
            continue;
        QStringList given;
        if (option.valueName().isEmpty()) {
            const auto flag = flagValue(text);
            if (!flag) {
                m_error =
                    QStringLiteral("%1: --%2 is a flag; the variable wants 1, true, yes, 0, false or no, got '%3'")
                        .arg(variable, name, text);
                return false;
            }
            if (*flag)
                given << QStringLiteral("--") + name;
        } else if (m_repeatable.contains(name)) {
            for (const QString &part : text.split(QLatin1Char(';')))
                if (!part.trimmed().isEmpty())
                    given << QStringLiteral("--%1=%2").arg(name, part.trimmed());
        } else {
            given << QStringLiteral("--%1=%2").arg(name, text);
        }
        if (given.isEmpty())
            continue;
        extra += given;
        m_fromEnvironment.insert(name, variable);
    }
    if (extra.isEmpty())
        return true;
    // The variables' options go first, before any "--" that ends the options.
    const QStringList completed = arguments.mid(0, 1) + extra + arguments.mid(1);
    if (!m_parser.parse(completed)) {
        m_error = withEnvironmentNote(m_parser.errorText());
        return false;
    }
    return true;
}

QString OptionParser::errorText() const
{
    return m_error;
}

bool OptionParser::isSet(const QString &name) const
{
    return m_parser.isSet(name);
}

QString OptionParser::value(const QString &name) const
{
    return m_parser.value(name);
}

QStringList OptionParser::values(const QString &name) const
{
    return m_parser.values(name);
}

QStringList OptionParser::positionalArguments() const
{
    return m_parser.positionalArguments();
}

QString OptionParser::helpText() const
{
    QString help = m_parser.helpText();
    if (!m_options.isEmpty())
        help +=
            QStringLiteral("\nEach option can also be set as ORDERLAB_<NAME> (--%1: %2); the command line wins.\n"
                           "Repeatable options take values separated by ';'; flags take 1/true/yes or 0/false/no.\n")
                .arg(longName(m_options.first()), environmentVariable(longName(m_options.first())));
    return help;
}

QString OptionParser::attributed(const QString &name, const QString &message) const
{
    const auto it = m_fromEnvironment.constFind(name);
    return it == m_fromEnvironment.cend() ? message : *it + QStringLiteral(": ") + message;
}

QString OptionParser::withEnvironmentNote(const QString &message) const
{
    if (m_fromEnvironment.isEmpty())
        return message;
    QStringList variables = m_fromEnvironment.values();
    variables.sort();
    return message + QStringLiteral(" (options from the environment: %1)").arg(variables.join(QStringLiteral(", ")));
}

} // namespace orderlab::cli
