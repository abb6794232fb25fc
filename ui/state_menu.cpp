#include "state_menu.h"

#include "confirmation.h"
#include "emulator_controller.h"
#include "live/live_emulator.h"
#include "main_window.h"
#include "scenario/world_call.h"
#include "state/state_capture.h"
#include "state/state_reader.h"
#include "state/state_restore.h"
#include "state/state_writer.h"
#include "world/world.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QSaveFile>
#include <QStatusBar>

namespace orderlab {

StateMenu::StateMenu(MainWindow &window, QMenu *file, QAction *before)
    : QObject(&window), m_window(window), m_save(new QAction(tr("Sa&ve state…"), this)),
      m_open(new QAction(tr("&Open state…"), this)), m_confirm(new Confirmation(&window))
{
    m_save->setObjectName(QStringLiteral("saveState"));
    m_open->setObjectName(QStringLiteral("openState"));
    file->insertAction(before, m_open);
    file->insertAction(before, m_save);
    file->insertSeparator(before);
    connect(m_save, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(&m_window, tr("Save state"), QStringLiteral("state.json"),
                                                          tr("orderlab state files (*.json)"));
        if (!path.isEmpty() && !saveState(path))
            m_window.statusBar()->showMessage(tr("No world runs: nothing to save."));
    });
    connect(m_open, &QAction::triggered, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(&m_window, tr("Open state"), QString(), tr("orderlab state files (*.json)"));
        if (!path.isEmpty())
            openState(path);
    });
    connect(this, &StateMenu::stateSaved, this, [this](const QString &path, const QString &error) {
        m_window.statusBar()->showMessage(error.isEmpty() ? tr("State saved to %1").arg(path)
                                                          : tr("The state was not saved: %1").arg(error));
    });
    connect(this, &StateMenu::stateOpened, this, [this](const QString &path, const QString &error) {
        m_window.statusBar()->showMessage(error.isEmpty() ? tr("Running from the state in %1").arg(path)
                                                          : tr("The state was not opened: %1").arg(error));
    });
}

bool StateMenu::saveState(const QString &path)
{
    return callOnWorld<std::string>(
        m_window.emulator(), this, [](World &world) { return state::writeState(state::captureState(world)); },
        [this, path](std::string text) {
            QSaveFile out(path);
            QString error;
            if (!out.open(QIODevice::WriteOnly) ||
                out.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) ||
                !out.commit())
                error = tr("cannot write %1: %2").arg(path, out.errorString());
            emit stateSaved(path, error);
        });
}

QString StateMenu::openState(const QString &path)
{
    std::shared_ptr<const state::WorldState> saved;
    try {
        saved = std::make_shared<state::WorldState>(state::readStateFile(path.toStdString()));
    } catch (const state::StateError &e) {
        const QString error = QString::fromStdString(e.what());
        m_window.statusBar()->showMessage(tr("The state was not opened: %1").arg(error));
        return error;
    }
    m_confirm->ask(QStringLiteral("open-state"), tr("Start from this state?"),
                   tr("The running world is discarded: its table, stream, the mapping's progress, the cache and every "
                      "message received. A new world starts from %1, at its emulator time.")
                       .arg(path),
                   tr("Open state"), [this, path, saved] {
                       LiveEmulator &emulator = m_window.emulator();
                       const LiveEmulator::Settings &s = emulator.settings();
                       WorldConfig config;
                       state::applyStateConfig(*saved, config);
                       config.state = saved;
                       config.speed = s.speed;
                       config.feed.writesPerSecond = s.writesPerSecond;
                       config.feedAtStart = false;
                       config.pipeline.streamMaxRecords = s.streamMaxRecords;
                       config.pipeline.streamMaxBytes = s.streamMaxBytes;
                       QString error = m_window.controller().startWorld(config);
                       // The Faults pane re-added its faults on the restart: the state's are the world's.
                       emulator.postToWorld([saved](World &world) {
                           FaultInjector &faults = world.pipeline().faults();
                           faults.clearAll();
                           for (const auto &[op, rule] : saved->faults)
                               faults.set(op, rule);
                       });
                       emit stateOpened(path, error);
                   });
    return {};
}

} // namespace orderlab
