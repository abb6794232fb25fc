#include "main_window.h"

#include "cache_pane.h"
#include "desktop_settings.h"
#include "emulator_controller.h"
#include "faults_pane.h"
#include "invocations_pane.h"
#include "live/live_emulator.h"
#include "orders_pane.h"
#include "simulation_pane.h"
#include "status_line.h"
#include "stream_pane.h"
#include "subscribers_pane.h"
#include "trace_pane.h"
#include "world/world_service.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
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
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("orderlab — DynamoDB stream → Lambda → Momento, live"));
    m_controller = new EmulatorController(*m_emulator, this);
    m_orders = new OrdersPane(*m_emulator, this);
    m_stream = new StreamPane(*m_controller, this);
    m_invocations = new InvocationsPane(*m_emulator, this);
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
    resize(1600, 1000);
    buildDocks();
    buildMenus();
    connectPanes();
    m_defaultState = saveState();
    if (services) {
        const int port = m_settings->grpcPort.get();
        m_emulator->setServicesFactory([services, port] { return services(port); });
    }
    m_startError = m_emulator->start();
    if (!m_startError.isEmpty())
        statusBar()->showMessage(tr("The emulator did not start: %1").arg(m_startError));
    restoreSettings();
}

MainWindow::~MainWindow()
{
    saveSettings();
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
    addDockWidget(Qt::LeftDockWidgetArea, simulation);
    splitDockWidget(simulation, faults, Qt::Vertical);
    addDockWidget(Qt::RightDockWidgetArea, cache);
    splitDockWidget(cache, stream, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, subscribers);
    splitDockWidget(subscribers, invocations, Qt::Horizontal);
    splitDockWidget(invocations, trace, Qt::Horizontal);
}

void MainWindow::sizeDocks()
{
    auto d = [this](const char *name) { return findChild<QDockWidget *>(QString::fromLatin1(name)); };
    resizeDocks({d("simulationDock"), d("cacheDock")}, {280, 540}, Qt::Horizontal);
    resizeDocks({d("subscribersDock"), d("invocationsDock"), d("traceDock")}, {560, 470, 570}, Qt::Horizontal);
    resizeDocks({d("subscribersDock")}, {330}, Qt::Vertical);
    resizeDocks({d("cacheDock"), d("streamDock")}, {300, 340}, Qt::Vertical);
    resizeDocks({d("simulationDock"), d("faultsDock")}, {260, 380}, Qt::Vertical);
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
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

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
        m_cache->clear();
        m_trace->clear();
    });
    connect(m_controller, &EmulatorController::restarted, m_subscribers, &SubscribersPane::resubscribe);
    connect(m_emulator.get(), &LiveEmulator::batchReady, m_status,
            [this](const EmulatorBatch &batch) { m_status->update(batch.status); });
}

void MainWindow::restoreSettings()
{
    restoreGeometry(m_settings->windowGeometry.get());
    m_restoredState = restoreState(m_settings->windowState.get());
    const QStringList subscribers = m_settings->userSubscribers.get();
    for (const QString &entry : subscribers) {
        const QString name = entry.section(QLatin1Char('\t'), 0, 0);
        const QString topic = entry.section(QLatin1Char('\t'), 1);
        m_subscribers->addSubscriber(name, topic);
    }
}

void MainWindow::saveSettings()
{
    m_settings->windowGeometry.set(saveGeometry());
    m_settings->windowState.set(saveState());
    const LiveEmulator::Settings s = m_simulation->settings();
    m_settings->seed.set(s.seed);
    m_settings->shards.set(s.shards);
    m_settings->viewType.set(m_emulator->settings().viewType);
    m_settings->speed.set(s.speed);
    m_settings->writesPerSecond.set(s.writesPerSecond);
    m_settings->feeding.set(s.demo);
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
    sizeDocks();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

} // namespace orderlab
