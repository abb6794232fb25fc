#include "charts_pane.h"

#include "charts_model.h"
#include "line_chart.h"

#include <QGridLayout>

#include <limits>

namespace orderlab {

ChartsPane::ChartsPane(ChartsModel &model, QWidget *parent)
    : QWidget(parent), m_model(model), m_writes(new LineChart(tr("Table writes/s"), QString(), this)),
      m_invocations(new LineChart(tr("Invocations/s"), QString(), this)),
      m_errors(new LineChart(tr("Errors/s"), QString(), this)),
      m_latency(new LineChart(tr("Write \u2192 publish latency"), tr("ms"), this))
{
    setObjectName(QStringLiteral("chartsPane"));
    auto *grid = new QGridLayout(this);
    grid->addWidget(m_writes, 0, 0);
    grid->addWidget(m_invocations, 0, 1);
    grid->addWidget(m_errors, 1, 0);
    grid->addWidget(m_latency, 1, 1);
    m_throttle.setInterval(250);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (!isVisible())
            m_throttle.stop();
        else if (m_dirty)
            refresh();
    });
    connect(&m_model, &ChartsModel::changed, this, [this] {
        m_dirty = true;
        if (isVisible() && !m_throttle.isActive())
            m_throttle.start();
    });
}

void ChartsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_throttle.start();
}

void ChartsPane::refresh()
{
    m_dirty = false;
    QList<ChartSecond> series = m_model.series();
    if (series.size() > 1)
        series.removeLast(); // the second under way: drawn once it is complete
    QList<double> writes, invocations, errors, p50, p95;
    const double gap = std::numeric_limits<double>::quiet_NaN();
    for (const ChartSecond &s : series) {
        writes << static_cast<double>(s.writes);
        invocations << static_cast<double>(s.invocations);
        errors << static_cast<double>(s.errors);
        p50 << (s.latencies > 0 ? s.p50 : gap); // a second without a publish has no latency, not 0 ms
        p95 << (s.latencies > 0 ? s.p95 : gap);
    }
    const int seconds = m_model.seconds();
    m_writes->setLines({{tr("last second"), QColor(0x15, 0x65, 0xc0), writes}}, seconds);
    m_invocations->setLines({{tr("last second"), QColor(0x2e, 0x7d, 0x32), invocations}}, seconds);
    m_errors->setLines({{tr("last second"), QColor(0xc6, 0x28, 0x28), errors}}, seconds);
    m_latency->setLines({{tr("p50"), QColor(0x15, 0x65, 0xc0), p50}, {tr("p95"), QColor(0xef, 0x6c, 0x00), p95}},
                        seconds);
}

} // namespace orderlab
