#pragma once

#include "scenario_check.h"

#include <QDialog>
#include <QThreadPool>

#include <vector>

class QLabel;
class QTableWidget;

namespace orderlab {

/**
 * Run all in folder (docs/scenarios.md, "In the window"): every scenario under a folder checked
 * as `orderlab check` checks it (scenario::checkScenario, golden outcomes compared, never
 * updated), each on its own world on a worker thread of a pool of its own, so that the GUI
 * thread never waits; a table of results (name, passed / failed / broken, wall time, message)
 * fills in as they finish. Double-clicking a row asks to open that scenario (openScenario), or
 * for a failed one shows its details (failed expectations and the golden diff). A scenario naming a
 * handler process runs with it where `host` can host one (the window's WindowServices::scenarioHost), and
 * fails saying so where it cannot. GUI thread.
 */
class RunAllDialog : public QDialog
{
    Q_OBJECT
  public:
    RunAllDialog(const QString &folder, scenario::ProcessHost host, QWidget *parent = nullptr);
    ~RunAllDialog() override;

    QTableWidget *table() const { return m_table; }
    /// Every scenario has been checked.
    bool finished() const { return m_done == m_paths.size(); }
    const std::vector<scenario::CheckResult> &results() const { return m_results; }
    enum Column { Name, Status, Time, Message, ColumnCount };

  signals:
    void openScenario(const QString &path);
    void allFinished();

  private:
    void take(std::size_t row, const scenario::CheckResult &result);
    void showDetails(int row);

    std::vector<std::string> m_paths;
    std::vector<scenario::CheckResult> m_results;
    std::size_t m_done = 0;
    QLabel *m_summary;
    QTableWidget *m_table;
    QThreadPool m_pool; // last: waits for checks in progress while this object still exists
};

} // namespace orderlab
