#include "emulator_controller.h"

#include "mapping/mapping_config.h"
#include "world/world_config.h"

namespace orderlab {

EmulatorController::EmulatorController(LiveEmulator &emulator, QObject *parent) : QObject(parent), m_emulator(emulator)
{
}

QString EmulatorController::restart(const LiveEmulator::Settings &settings)
{
    emit aboutToRestart();
    const QString error = m_emulator.restart(settings);
    emit restarted();
    return error;
}

QString EmulatorController::startWorld(const WorldConfig &config, const std::function<void()> &started,
                                       const std::optional<HandlerProcessChoice> &handler)
{
    emit aboutToRestart();
    const QString error = m_emulator.startWorld(config, handler);
    if (m_emulator.world() && started) // running, though a service may have failed
        started();
    emit restarted();
    return error;
}

QString EmulatorController::applyMapping(const MappingConfig &config, const QString &viewType)
{
    const auto errors = config.validate();
    if (!errors.empty())
        return QString::fromStdString(errors.front());
    // The mapping changes in place (checkpoints kept); the stream's view type is fixed for the
    // stream's life, so a new one means a new world.
    QString error = m_emulator.applyMapping(config);
    if (error.isEmpty() && viewType != m_emulator.settings().viewType) {
        LiveEmulator::Settings settings = m_emulator.settings();
        settings.viewType = viewType;
        error = restart(settings);
    }
    return error;
}

} // namespace orderlab
