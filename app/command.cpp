#include "command.h"

#include "cache_store.h"
#include "text/number_text.h"

#include <cstdio>

namespace orderlab::app {

std::optional<int> parseOptions(OptionParser &parser, const QStringList &arguments, const QString &command)
{
    if (!parser.parse(arguments))
        return usageError(command, parser.errorText(), parser.helpText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return Ok;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(command, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
                          parser.helpText());
    return std::nullopt;
}

namespace {

/// `read` is one of text::read*Number: its error (empty when good) for the option's value.
template <typename T, typename Read>
bool numeric(const OptionParser &p, const QString &name, T min, T max, T &out, QString &error, Read read)
{
    if (!p.isSet(name))
        return true;
    const std::string message = read(("--" + name).toStdString(), p.value(name).toStdString(), min, max, out);
    if (message.empty())
        return true;
    error = p.attributed(name, QString::fromStdString(message));
    return false;
}

} // namespace

bool wholeNumberOption(const OptionParser &p, const QString &name, long long min, long long max, long long &out,
                       QString &error)
{
    return numeric(p, name, min, max, out, error, text::readWholeNumber);
}

bool unsignedWholeNumberOption(const OptionParser &p, const QString &name, unsigned long long min,
                               unsigned long long max, unsigned long long &out, QString &error)
{
    return numeric(p, name, min, max, out, error, text::readUnsignedWholeNumber);
}

bool numberOption(const OptionParser &p, const QString &name, double min, double max, double &out, QString &error)
{
    return numeric(p, name, min, max, out, error, text::readNumber);
}

bool cacheOptions(const OptionParser &p, std::vector<std::string> &caches, QString &error)
{
    const QString option = QStringLiteral("cache");
    for (const auto &name : p.values(option)) {
        if (const auto problem = CacheStore::cacheNameError(name.toStdString())) {
            error =
                p.attributed(option, QStringLiteral("--cache: '%1': %2").arg(name, QString::fromStdString(*problem)));
            return false;
        }
        caches.push_back(name.toStdString());
    }
    return true;
}

bool faultOptions(const OptionParser &p, std::vector<std::pair<std::string, FaultRule>> &faults, QString &error)
{
    const QString option = QStringLiteral("fault");
    for (const auto &f : p.values(option)) {
        const auto eq = f.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            error = p.attributed(option, QStringLiteral("--fault wants OP=SPEC, got '%1'").arg(f));
            return false;
        }
        try {
            const std::string op = f.left(eq).toStdString();
            const auto rule = FaultRule::parse(f.mid(eq + 1).toStdString());
            FaultInjector().set(op, rule); // refuses unknown operations
            faults.emplace_back(op, rule);
        } catch (const std::invalid_argument &e) {
            error = p.attributed(option, QStringLiteral("--fault %1: %2").arg(f, QString::fromUtf8(e.what())));
            return false;
        }
    }
    return true;
}

bool writeStdout(const QByteArray &bytes)
{
    const auto n = std::fwrite(bytes.constData(), 1, static_cast<std::size_t>(bytes.size()), stdout);
    return n == static_cast<std::size_t>(bytes.size()) && std::fflush(stdout) == 0;
}

int usageError(const QString &command, const QString &message, const QString &help)
{
    std::fprintf(stderr, "orderlab %s: %s\n\n%s", qPrintable(command), qPrintable(message), qPrintable(help));
    return BadUsage;
}

} // namespace orderlab::app
