#include "main_window.h"

#include "mapping_settings.h"

#include "cache_pane.h"
#include "desktop_settings.h"
#include "emulator_controller.h"
#include "faults_pane.h"
#include "flow/flow_feature.h"
#include "invocations_pane.h"
#include "live/live_emulator.h"
#include "orders_pane.h"
#include "scenario/scenario_menu.h"
#include "simulation_pane.h"
#include "state_menu.h"
#include "status_line.h"
#include "stream_pane.h"
#include "subscribers_pane.h"
#include "tables_pane.h"
#include "trace_pane.h"
#include "world/world_service.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

namespace orderlab {

namespace {
LiveEmulator::Settings emulatorSettings(const DesktopSettings &s)
{
    LiveEmulator::Settings e;
    e.seed = s.seed.get();
    e.shards = s.shards.get();
    e.viewType = s.viewType.get();
    e.speed = s.speed.get();
    e.writesPerSecond = s.writesPerSecond.get();
    e.demo = s.feeding.get();
    e.functionTimeoutMs = static_cast<qint64>(std::clamp(s.handlerTimeoutSeconds.get(), 1, 900)) * 1000;
    if (s.handlerKind.get() == QLatin1String("process")) {
        HandlerProcessChoice h;
        h.command = s.handlerCommand.get().toStdString();
        h.directory = s.handlerDirectory.get().toStdString();
        h.handler = s.handlerName.get().toStdString();
        h.memoryMb = std::clamp(s.handlerMemoryMb.get(), 128, 10240);
        e.handler = h; // checked when started: a broken choice is a function error the Invocations pane shows
    }
    return e;
}

QDockWidget *dock(QMainWindow *window, const QString &title, const QString &name, QWidget *pane)
{
    auto *d = new QDockWidget(title, window);
    d->setObjectName(name);
    d->setWidget(pane);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    return d;
}
} // namespace

MainWindow::MainWindow(QSettings *settings, WindowServices services, QWidget *parent)
    : QMainWindow(parent), m_settings(std::make_unique<DesktopSettings>(*settings)),
      m_emulator(std::make_unique<LiveEmulator>(emulatorSettings(*m_settings)))
{
    settings->setParent(this);
    if (const QString saved = m_settings->mapping.get(); !saved.isEmpty()) {
        QString why;
        const auto mapping = mappingFromSettingsJson(saved, m_emulator->mappingConfig(), &why);
        if (mapping)
            why = m_emulator->setInitialMapping(*mapping);
        if (!why.isEmpty())
            m_settingsNote = tr("The saved mapping settings were not used (%1); the defaults apply.").arg(why);
    }
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("orderlab — DynamoDB stream → Lambda → Momento, live"));
    m_controller = new EmulatorController(*m_emulator, this);
    m_orders = new OrdersPane(*m_emulator, this);
    m_stream = new StreamPane(*m_controller, this);
    m_invocations = new InvocationsPane(*m_emulator, this);
    m_tables = new TablesPane(*m_emulator, this);
    m_cache = new CachePane(*m_emulator, this);
    m_subscribers = new SubscribersPane(*m_emulator, this);
    m_trace = new TracePane(
        *m_emulator,
        [this](const QString &topic, const QString &value, qint64 from) {
            return m_subscribers->deliveries(topic, value, from);
        },
        this);
    m_simulation = new SimulationPane(*m_controller, this);
    m_faults = new FaultsPane(*m_controller, this);
    m_status = new StatusLine(statusBar());
    setCentralWidget(m_orders);
    resize(firstSize());
    buildDocks();
    m_flow = new FlowFeature(*this, *m_emulator, *m_controller, *m_simulation);
    buildMenus();
    m_scenarios = new ScenarioMenu(*this);
    connectPanes();
    m_defaultState = saveState();
    m_scenarioHost = services.scenarioHost;
    if (services.hosting) {
        // Each world listens where the last one did (a free port the first time), unless that port is taken.
        m_grpcPort->store(m_settings->grpcPort.get());
        m_dynamodbPort->store(m_settings->dynamodbPort.get());
        m_emulator->setHostingFactory([hosting = services.hosting, grpc = m_grpcPort,
                                       dynamodb = m_dynamodbPort](const std::optional<HandlerProcessChoice> &handler) {
            return hosting(WindowHostingRequest{grpc->load(), dynamodb->load(), handler});
        });
    }
    m_startError = m_emulator->start();
    if (!m_startError.isEmpty())
        statusBar()->showMessage(tr("The emulator did not start: %1").arg(m_startError));
    else if (!m_settingsNote.isEmpty())
        statusBar()->showMessage(m_settingsNote);
    restoreSettings();
}

MainWindow::~MainWindow()
{
    saveSettings();
}

QSize MainWindow::firstSize() const
{
    // 1600×1000 where it fits; on a smaller screen, its available area (never below what the panes need).
    QSize size(1600, 1000);
    if (const QScreen *s = screen(); s && s->availableGeometry().width() >= 1024)
        size = size.boundedTo(s->availableGeometry().size());
    return size;
}

QString MainWindow::screenKey() const
{
    const QScreen *s = screen();
    const QSize size = s ? s->availableGeometry().size() : QSize();
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

void MainWindow::buildDocks()
{
    setDockNestingEnabled(true);
    auto *simulation = dock(this, tr("Simulation"), QStringLiteral("simulationDock"), m_simulation);
    auto *faults = dock(this, tr("Faults"), QStringLiteral("faultsDock"), m_faults);
    auto *cache = dock(this, tr("Cache"), QStringLiteral("cacheDock"), m_cache);
    auto *stream = dock(this, tr("Stream and mapping"), QStringLiteral("streamDock"), m_stream);
    auto *subscribers = dock(this, tr("Subscribers"), QStringLiteral("subscribersDock"), m_subscribers);
    auto *invocations = dock(this, tr("Invocations"), QStringLiteral("invocationsDock"), m_invocations);
    auto *trace = dock(this, tr("Trace"), QStringLiteral("traceDock"), m_trace);
    auto *tables = dock(this, tr("Tables"), QStringLiteral("tablesDock"), m_tables);
    addDockWidget(Qt::LeftDockWidgetArea, simulation);
    tabifyDockWidget(simulation, faults);
    // Panes that compete for the same room share it as tabs, so that the whole window fits a 1280×800 screen
    // (issue 12, item 1): Simulation with Faults on the left, Cache with Stream and mapping on the right,
    // Invocations with Trace below.
    addDockWidget(Qt::RightDockWidgetArea, cache);
    tabifyDockWidget(cache, stream);
    tabifyDockWidget(stream, tables);
    addDockWidget(Qt::BottomDockWidgetArea, subscribers);
    splitDockWidget(subscribers, invocations, Qt::Horizontal);
    tabifyDockWidget(invocations, trace);
    simulation->raise();
    cache->raise();
    trace->raise();
}

void MainWindow::sizeDocks()
{
    auto d = [this](const char *name) { return findChild<QDockWidget *>(QString::fromLatin1(name)); };
    const int w = width();
    resizeDocks({d("simulationDock"), d("cacheDock")}, {qBound(240, w / 6, 320), w * 3 / 8}, Qt::Horizontal);
    resizeDocks({d("subscribersDock"), d("traceDock")}, {w * 2 / 5, w * 3 / 5}, Qt::Horizontal);
    resizeDocks({d("subscribersDock")}, {qMax(280, height() / 3)}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_sized)
        return;
    m_sized = true;
    // Dock sizes apply once the window has its size; a restored layout keeps its own.
    QTimer::singleShot(0, this, [this] {
        if (!m_restoredState)
            sizeDocks();
        if (!m_restoredState)
            m_defaultState = saveState();
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Save &screenshot…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save screenshot"), QStringLiteral("orderlab.png"),
                                                          tr("PNG images (*.png)"));
        if (!path.isEmpty())
            grab().save(path, "PNG");
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    m_states = new StateMenu(*this, file, quit);

    QMenu *orders = menuBar()->addMenu(tr("&Orders"));
    orders->addActions(m_orders->orderActions());

    QMenu *simulation = menuBar()->addMenu(tr("&Simulation"));
    simulation->addAction(m_simulation->pauseAction());
    simulation->addAction(m_simulation->stepAction());
    simulation->addSeparator();
    simulation->addAction(m_simulation->restartAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *d : findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly))
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(m_flow->presentAction());
    view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About orderlab"), this, [this] {
        QMessageBox::about(this, tr("About orderlab"),
                           tr("<b>orderlab %1</b><p>A local emulator of the pizza-order pipeline: a DynamoDB table's "
                              "stream, the Lambda stream handler, a Momento cache and topics, all in one process.</p>")
                               .arg(QStringLiteral(ORDERLAB_VERSION)));
    });
}

void MainWindow::connectPanes()
{
    connect(m_orders, &OrdersPane::orderSelected, m_trace, &TracePane::showOrder);
    connect(m_stream, &StreamPane::recordSelected, m_trace, &TracePane::showRecord);
    connect(m_invocations, &InvocationsPane::invocationSelected, m_trace, &TracePane::showInvocation);
    connect(m_subscribers, &SubscribersPane::notificationSelected, m_trace, &TracePane::showNotification);
    connect(m_subscribers, &SubscribersPane::orderSelected, m_trace, &TracePane::showOrder);
    connect(m_controller, &EmulatorController::aboutToRestart, this, [this] {
        m_orders->clear();
        m_stream->clear();
        m_invocations->clear();
        m_tables->clear();
        m_cache->clear();
        m_trace->clear();
    });
    connect(m_controller, &EmulatorController::restarted, m_subscribers, &SubscribersPane::resubscribe);
    connect(m_emulator.get(), &LiveEmulator::batchReady, m_status, [this](const EmulatorBatch &batch) {
        m_status->update(batch.status);
        if (batch.status.grpcPort > 0)
            m_grpcPort->store(batch.status.grpcPort);
        if (batch.status.dynamodbPort > 0)
            m_dynamodbPort->store(batch.status.dynamodbPort);
    });
}

void MainWindow::restoreSettings()
{
    // The layout is kept per screen size: a layout made on a 4K monitor does not come back on a laptop screen.
    restoreGeometry(m_settings->windowGeometryFor(screenKey()).get());
    m_restoredState = restoreState(m_settings->windowStateFor(screenKey()).get());
    const QStringList subscribers = m_settings->userSubscribers.get();
    for (const QString &entry : subscribers) {
        const QString name = entry.section(QLatin1Char('\t'), 0, 0);
        const QString topic = entry.section(QLatin1Char('\t'), 1);
        m_subscribers->addSubscriber(name, topic);
    }
}

void MainWindow::saveSettings()
{
    m_settings->windowGeometryFor(screenKey()).set(saveGeometry());
    m_settings->windowStateFor(screenKey()).set(saveState());
    const LiveEmulator::Settings s = m_simulation->settings();
    m_settings->seed.set(s.seed);
    m_settings->shards.set(s.shards);
    m_settings->viewType.set(m_emulator->settings().viewType);
    m_settings->speed.set(s.speed);
    m_settings->writesPerSecond.set(s.writesPerSecond);
    m_settings->feeding.set(s.demo);
    m_settings->mapping.set(mappingSettingsJson(m_emulator->mappingConfig()));
    if (const int port = m_grpcPort->load(); port > 0)
        m_settings->grpcPort.set(port);
    if (const int port = m_dynamodbPort->load(); port > 0)
        m_settings->dynamodbPort.set(port);
    const LiveEmulator::Settings &running = m_emulator->settings();
    const HandlerProcessChoice process = running.handler.value_or(HandlerProcessChoice{});
    m_settings->handlerKind.set(running.handler ? QStringLiteral("process") : QStringLiteral("core"));
    m_settings->handlerCommand.set(QString::fromStdString(process.command));
    m_settings->handlerDirectory.set(QString::fromStdString(process.directory));
    m_settings->handlerName.set(QString::fromStdString(process.handler));
    m_settings->handlerMemoryMb.set(process.memoryMb);
    m_settings->handlerTimeoutSeconds.set(static_cast<int>(running.functionTimeoutMs / 1000));
    QStringList subscribers;
    for (const auto &[name, topic] : m_subscribers->userSubscribers())
        subscribers << name + QLatin1Char('\t') + topic;
    m_settings->userSubscribers.set(subscribers);
    m_settings->sync();
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    for (QDockWidget *d : findChildren<QDockWidget *>(QString(), Qt::FindDirectChildrenOnly))
        d->show();
    m_flow->hideDocks();
    sizeDocks();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace orderlab
