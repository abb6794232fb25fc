#include "state_options.h"

#include "state/state_reader.h"
#include "state/state_restore.h"

namespace orderlab::app {

QCommandLineOption stateOption()
{
    return {
        QStringLiteral("state"),
        QStringLiteral("Start from the world saved in FILE (orderlab snapshot, File > Save state): its clock, seed,\n"
                       "configuration, tables, stream, checkpoints and caches; see docs/state-files.md."),
        QStringLiteral("FILE")};
}

bool stateOptions(const cli::OptionParser &parser, const QStringList &excluded, WorldConfig &world, QString &error)
{
    const QString name = QStringLiteral("state");
    if (!parser.isSet(name))
        return true;
    for (const auto &option : excluded) {
        if (parser.isSet(option)) {
            error = parser.attributed(
                option, QStringLiteral("--%1 and --state exclude each other (the state file holds it)").arg(option));
            return false;
        }
    }
    try {
        auto state = std::make_shared<state::WorldState>(state::readStateFile(parser.value(name).toStdString()));
        state::applyStateConfig(*state, world);
        world.state = std::move(state);
    } catch (const state::StateError &e) {
        error = parser.attributed(name, QStringLiteral("--state: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    return true;
}

} // namespace orderlab::app
