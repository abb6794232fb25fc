#pragma once

#include "window_services.h"

#include <QMainWindow>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QSettings;

namespace orderlab {

class CachePane;
class DesktopSettings;
class EmulatorController;
class FaultsPane;
class FlowFeature;
class InvocationsPane;
class LiveEmulator;
class OrdersPane;
class ScenarioMenu;
class SimulationPane;
class StateMenu;
class StatusLine;
class StreamPane;
class SubscribersPane;
class TablesPane;
class TracePane;

/**
 * The desktop window: the whole pipeline live. Orders in the middle; docks for Stream and
 * mapping, Cache, Tables, Subscribers, Invocations, Trace, Simulation and Faults; the status bar.
 * Owns the LiveEmulator and starts it at once (on first launch: the demo feed).
 *
 * The window layout, the simulation settings and the user's subscribers persist in
 * `settings` (taken over; tests pass a QSettings on a temporary file), as DesktopSettings declares them.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
  public:
    explicit MainWindow(QSettings *settings, WindowServices services = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    LiveEmulator &emulator() const { return *m_emulator; }
    EmulatorController &controller() const { return *m_controller; }
    OrdersPane *ordersPane() const { return m_orders; }
    StreamPane *streamPane() const { return m_stream; }
    InvocationsPane *invocationsPane() const { return m_invocations; }
    TablesPane *tablesPane() const { return m_tables; }
    CachePane *cachePane() const { return m_cache; }
    SubscribersPane *subscribersPane() const { return m_subscribers; }
    TracePane *tracePane() const { return m_trace; }
    SimulationPane *simulationPane() const { return m_simulation; }
    FaultsPane *faultsPane() const { return m_faults; }
    StatusLine *statusLine() const { return m_status; }
    /// The Flow view, the live charts and presentation mode (ui/flow/flow_feature.h).
    FlowFeature *flow() const { return m_flow; }
    /// Record, Expect this, Open scenario, Run all and the Scenario panel (docs/scenarios.md, "In the window").
    ScenarioMenu *scenarioMenu() const { return m_scenarios; }
    /// How Run all hosts a scenario's handler process (WindowServices::scenarioHost; empty: it cannot).
    const scenario::ProcessHost &scenarioHost() const { return m_scenarioHost; }
    /// File > Save state and File > Open state (docs/state-files.md, "In the window").
    StateMenu *stateMenu() const { return m_states; }
    /// The emulator's start error, if it could not start.
    QString startError() const { return m_startError; }

  public slots:
    /// Writes layout, simulation settings and subscribers to the settings.
    void saveSettings();
    /// Back to the default dock layout.
    void resetLayout();

  protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

  private:
    /// The size the window opens at before any saved geometry: 1600×1000 bounded by the screen's available area.
    QSize firstSize() const;
    /// The screen's available size as "1280x800": the key the layout is saved under.
    QString screenKey() const;
    void buildDocks();
    void buildMenus();
    void connectPanes();
    void restoreSettings();
    void sizeDocks();

    std::unique_ptr<DesktopSettings> m_settings; ///< over the QSettings, a child of the window
    std::unique_ptr<LiveEmulator> m_emulator;
    EmulatorController *m_controller;
    OrdersPane *m_orders;
    StreamPane *m_stream;
    InvocationsPane *m_invocations;
    TablesPane *m_tables;
    CachePane *m_cache;
    SubscribersPane *m_subscribers;
    TracePane *m_trace;
    SimulationPane *m_simulation;
    FaultsPane *m_faults;
    StatusLine *m_status;
    FlowFeature *m_flow = nullptr;
    ScenarioMenu *m_scenarios;
    scenario::ProcessHost m_scenarioHost;
    StateMenu *m_states = nullptr;
    QByteArray m_defaultState;
    QString m_startError;
    QString m_settingsNote; ///< why kept settings were not used, shown once the emulator runs
    /// The gRPC port the latest world listened on; the services factory reads it (on the emulator's thread).
    std::shared_ptr<std::atomic<int>> m_grpcPort = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<int>> m_dynamodbPort = std::make_shared<std::atomic<int>>(0);
    bool m_sized = false;
    bool m_restoredState = false;
};

} // namespace orderlab
