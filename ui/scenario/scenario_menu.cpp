#include "scenario_menu.h"

#include "cache_model.h"
#include "cache_pane.h"
#include "main_window.h"
#include "notifications_model.h"
#include "notifications_view.h"
#include "orders_model.h"
#include "orders_pane.h"
#include "run_all_dialog.h"
#include "scenario_panel.h"
#include "scenario_player.h"
#include "scenario_recorder.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLayout>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace orderlab {

namespace {
constexpr int kRecent = 10;
const QString kFolderKey = QStringLiteral("scenarios/folder");
const QString kRecentKey = QStringLiteral("scenarios/recent");

/// The table view `w` is, or is in.
QTableView *tableOf(QWidget *w)
{
    for (; w; w = w->parentWidget())
        if (auto *t = qobject_cast<QTableView *>(w))
            return t;
    return nullptr;
}
} // namespace

ScenarioMenu::ScenarioMenu(MainWindow &window)
    : QObject(&window), m_window(window), m_settings(window.findChild<QSettings *>()),
      m_recorder(new ScenarioRecorder(window.controller(), this)),
      m_player(new ScenarioPlayer(window.controller(), this))
{
    setObjectName(QStringLiteral("scenarioMenu"));
    m_panel = new ScenarioPanel(*m_player, &window);
    m_dock = new QDockWidget(tr("Scenario"), &window);
    m_dock->setObjectName(QStringLiteral("scenarioDock"));
    m_dock->setWidget(m_panel);
    window.addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    build();
    hookPanes();
    connect(m_recorder, &ScenarioRecorder::recordingChanged, this, &ScenarioMenu::updateActions);
    connect(m_recorder, &ScenarioRecorder::expectationAdded, this,
            [this](const QString &d) { say(tr("Expectation added: %1").arg(d)); });
    connect(m_recorder, &ScenarioRecorder::abandoned, this,
            [this] { say(tr("The emulator was restarted: the recording was abandoned, nothing saved.")); });
    connect(m_recorder, &ScenarioRecorder::saved, this, [this](const QString &folder, bool passed, const QString &why) {
        if (passed) {
            const QString path = QDir(folder).filePath(QStringLiteral("scenario.yaml"));
            remember(path);
            say(tr("Saved %1; it replays to the same outcome.").arg(path));
        } else {
            say(tr("Saved to %1, but its replay did not pass: %2").arg(folder, why.section(QLatin1Char('\n'), 0, 0)));
        }
    });
    updateActions();
}

QString ScenarioMenu::scenariosFolder() const
{
    const QString fallback = QDir::home().filePath(QStringLiteral("orderlab-scenarios"));
    return m_settings ? m_settings->value(kFolderKey, fallback).toString() : fallback;
}

void ScenarioMenu::build()
{
    m_menu = new QMenu(tr("S&cenario"), &m_window);
    m_menu->setObjectName(QStringLiteral("scenarioMenu"));
    m_record = m_menu->addAction(tr("&Record"), this, &ScenarioMenu::record);
    m_record->setObjectName(QStringLiteral("scenarioRecord"));
    m_record->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    m_record->setToolTip(tr("Start again on a fresh, paused world with these settings and record every command"));
    m_stop = m_menu->addAction(tr("S&top and save…"), this, &ScenarioMenu::stop);
    m_stop->setObjectName(QStringLiteral("scenarioStop"));
    m_stop->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    m_expect = m_menu->addAction(tr("&Expect this"), this, [this] { say(expectThis()); });
    m_expect->setObjectName(QStringLiteral("scenarioExpectThis"));
    m_expect->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E)); // Ctrl+E is Edit items
    m_expect->setToolTip(tr("While recording: expect the selected cache key, order or subscriber's notifications, "
                            "or the checker's verdict, as they are now"));
    m_expectVerdict = m_menu->addAction(tr("Expect the &verdict"), this, [this] { say(m_recorder->expectVerdict()); });
    m_expectVerdict->setObjectName(QStringLiteral("scenarioExpectVerdict"));
    m_menu->addSeparator();
    QAction *open = m_menu->addAction(tr("&Open scenario…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(&m_window, tr("Open scenario"), scenariosFolder(),
                                                          tr("Scenarios (scenario.yaml *.yaml)"));
        if (!path.isEmpty())
            openScenario(path);
    });
    open->setObjectName(QStringLiteral("scenarioOpen"));
    m_recent = m_menu->addMenu(tr("Recent &scenarios"));
    m_recent->setObjectName(QStringLiteral("scenarioRecent"));
    QAction *runAll = m_menu->addAction(tr("Run &all in folder…"), this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(&m_window, tr("Run all scenarios in"), scenariosFolder());
        if (!folder.isEmpty())
            this->runAll(folder);
    });
    runAll->setObjectName(QStringLiteral("scenarioRunAll"));
    m_menu->addSeparator();
    m_menu->addAction(m_dock->toggleViewAction());
    // Before Help, where a menu bar keeps its last menu.
    QAction *before = nullptr;
    for (QAction *a : m_window.menuBar()->actions())
        if (a->text() == QLatin1String("&Help"))
            before = a;
    m_window.menuBar()->insertMenu(before, m_menu);
    fillRecent();

    // In the menu bar's corner rather than a toolbar row of its own: the window must still fit a laptop
    // screen (issue 12, item 1).
    m_toolBar = new QToolBar(tr("Scenario"), &m_window);
    m_toolBar->setObjectName(QStringLiteral("scenarioToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setContentsMargins(0, 0, 0, 0);
    m_toolBar->layout()->setContentsMargins(0, 0, 0, 0);
    m_toolBar->addAction(m_record);
    m_toolBar->addAction(m_stop);
    m_toolBar->addAction(m_expect);
    m_window.menuBar()->setCornerWidget(m_toolBar, Qt::TopRightCorner);
}

void ScenarioMenu::hookPanes()
{
    // "Expect this" in the context menus of the tables that show what can be expected.
    auto add = [this](QTableView *view, const QString &text) {
        if (!view)
            return;
        auto *a = new QAction(text, view);
        a->setObjectName(QStringLiteral("expectThis"));
        connect(a, &QAction::triggered, this, [this, view] { say(expectFrom(view)); });
        if (view->contextMenuPolicy() != Qt::ActionsContextMenu)
            view->setContextMenuPolicy(Qt::ActionsContextMenu);
        view->addAction(a);
        m_paneActions << a;
    };
    add(m_window.cachePane()->view(), tr("Expect this key (while recording)"));
    add(m_window.ordersPane()->view(), tr("Expect this order (while recording)"));
    for (NotificationsView *n : m_window.findChildren<NotificationsView *>())
        add(n->view(), tr("Expect this subscriber's notifications (while recording)"));
}

QString ScenarioMenu::expectThis()
{
    return expectFrom(tableOf(QApplication::focusWidget()));
}

QString ScenarioMenu::expectFrom(QTableView *view)
{
    if (!m_recorder->recording())
        return tr("Expect this works while recording: Scenario > Record first.");
    const QModelIndex index = view ? view->currentIndex() : QModelIndex();
    if (index.isValid() && view == m_window.cachePane()->view())
        return m_recorder->expectCacheKey(index.data(CacheModel::KeyRole).toString());
    if (index.isValid() && view == m_window.ordersPane()->view())
        return m_recorder->expectOrder(index.data(OrdersModel::PkRole).toString());
    if (index.isValid() && view && qobject_cast<NotificationsView *>(view->parentWidget())) {
        const QString subscriber = index.siblingAtColumn(NotificationsModel::Subscriber).data().toString();
        if (!subscriber.isEmpty())
            return m_recorder->expectNotifications(subscriber);
    }
    return m_recorder->expectVerdict();
}

void ScenarioMenu::record()
{
    const QString error = m_recorder->start();
    say(error.isEmpty() ? tr("Recording on a fresh, paused world: Step or Resume, give commands, Expect this, then "
                             "Scenario > Stop and save.")
                        : tr("Could not record: %1").arg(error));
}

void ScenarioMenu::stop()
{
    if (!m_recorder->recording())
        return;
    const QString base = QFileDialog::getExistingDirectory(&m_window, tr("Save the scenario in"), scenariosFolder());
    if (base.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(&m_window, tr("Save scenario"), tr("Scenario folder name:"),
                                               QLineEdit::Normal, QStringLiteral("recorded"), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    if (m_settings)
        m_settings->setValue(kFolderKey, base);
    say(stopInto(QDir(base).filePath(name)));
}

QString ScenarioMenu::stopInto(const QString &folder)
{
    const QString error = m_recorder->stop(folder);
    return error.isEmpty() ? tr("Saving %1 and replaying it once…").arg(folder) : error;
}

QString ScenarioMenu::openScenario(const QString &path)
{
    m_dock->show();
    m_dock->raise();
    const QString error = m_player->open(path);
    if (!error.isEmpty()) {
        m_panel->showLoadError(error);
        say(tr("The scenario could not be opened: %1").arg(error));
        return error;
    }
    QFileInfo info(path);
    remember(info.isDir() ? QDir(path).filePath(QStringLiteral("scenario.yaml")) : info.absoluteFilePath());
    say(tr("Opened %1: Step, or Run at a speed.").arg(path));
    return {};
}

RunAllDialog *ScenarioMenu::runAll(const QString &folder)
{
    auto *dialog = new RunAllDialog(folder, m_window.scenarioHost(), &m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RunAllDialog::openScenario, this, &ScenarioMenu::openScenario);
    dialog->show();
    return dialog;
}

QStringList ScenarioMenu::recentScenarios() const
{
    return m_settings ? m_settings->value(kRecentKey).toStringList() : QStringList();
}

void ScenarioMenu::remember(const QString &path)
{
    if (!m_settings)
        return;
    QStringList recent = recentScenarios();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kRecent)
        recent.removeLast();
    m_settings->setValue(kRecentKey, recent);
    fillRecent();
}

void ScenarioMenu::fillRecent()
{
    m_recent->clear();
    const QStringList recent = recentScenarios();
    for (const QString &path : recent)
        m_recent->addAction(path, this, [this, path] { openScenario(path); });
    m_recent->setEnabled(!recent.isEmpty());
}

void ScenarioMenu::updateActions()
{
    const bool on = m_recorder->recording();
    m_record->setEnabled(!on);
    m_stop->setEnabled(on);
    m_expect->setEnabled(on);
    m_expectVerdict->setEnabled(on);
    for (QAction *a : m_paneActions)
        a->setEnabled(on);
}

void ScenarioMenu::say(const QString &message)
{
    if (!message.isEmpty())
        m_window.statusBar()->showMessage(message, 10000);
}

} // namespace orderlab
