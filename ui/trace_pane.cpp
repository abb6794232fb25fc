#include "trace_pane.h"

#include "live/live_emulator.h"
#include "time_text.h"
#include "trace_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSet>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace orderlab {

namespace {
/// The order a notification is about: `<pk>-updated`, `<pk>-status-updated`, or `{"id":"<pk>"}`.
QString orderOf(const NotificationRow &n)
{
    for (const QLatin1String suffix : {QLatin1String("-status-updated"), QLatin1String("-updated")})
        if (n.topic.endsWith(suffix))
            return n.topic.chopped(suffix.size());
    static const QRegularExpression id(QStringLiteral("\"id\"\\s*:\\s*\"([^\"]*)\""));
    const auto match = id.match(n.value);
    return match.hasMatch() ? match.captured(1) : QString();
}
} // namespace

TracePane::TracePane(LiveEmulator &emulator, Deliveries deliveries, QWidget *parent)
    : QWidget(parent), m_emulator(emulator), m_deliveries(std::move(deliveries)), m_model(new TraceModel(this)),
      m_title(new QLabel(this)), m_changes(new QComboBox(this)), m_view(new QTableView(this)), m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("tracePane"));
    m_title->setObjectName(QStringLiteral("traceTitle"));
    m_title->setText(placeholder());
    m_title->setWordWrap(true);
    m_changes->setObjectName(QStringLiteral("traceChanges"));
    m_changes->setVisible(false);
    m_view->setObjectName(QStringLiteral("traceView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(22);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(TraceModel::Kind, 130);
    m_view->setColumnWidth(TraceModel::At, 95);
    m_view->setColumnWidth(TraceModel::Offset, 60);
    m_view->setColumnWidth(TraceModel::Duration, 65);
    m_view->setColumnWidth(TraceModel::Invocation, 70);
    m_view->setColumnWidth(TraceModel::Result, 50);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_changes);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    connect(m_changes, &QComboBox::activated, this, [this](int i) {
        const quint64 id = m_changes->itemData(i).toULongLong();
        showChains({id}, tr("Order %1, change %2 of %3").arg(m_pk).arg(i + 1).arg(m_changes->count()));
    });
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return;
        if (!m_pk.isEmpty())
            followOrder();
        if (!m_current.isEmpty())
            refresh();
    });
    m_timer->start(500);
}

QString TracePane::placeholder() const
{
    return tr("Select an order, a stream record, an invocation or a notification to see its causal chain.");
}

QString TracePane::title() const
{
    return m_title->text();
}

QList<TraceLine> TracePane::chain(quint64 traceId) const
{
    QList<TraceLine> lines;
    for (const TraceStep &s : m_emulator.traceOf(traceId)) {
        lines << TraceLine{s.kind, s.time, s.durationMs, s.invocationId, s.ok, s.detail};
        if (s.kind != QLatin1String("publish") || !s.ok || !m_deliveries)
            continue;
        // "publish <topic> <value>": who received it.
        const qsizetype space = s.detail.indexOf(QLatin1Char(' '), 8);
        if (!s.detail.startsWith(QLatin1String("publish ")) || space < 0)
            continue;
        const QString topic = s.detail.mid(8, space - 8);
        const QString value = s.detail.mid(space + 1);
        QSet<QString> seen;
        for (const NotificationRow &n : m_deliveries(topic, value, s.time)) {
            if (seen.contains(n.subscriber))
                continue;
            seen.insert(n.subscriber);
            lines << TraceLine{QStringLiteral("delivery"),
                               n.time,
                               0,
                               s.invocationId,
                               true,
                               tr("%1 received %2 #%3").arg(n.subscriber, n.topic).arg(n.sequenceNumber)};
        }
    }
    return lines;
}

void TracePane::showChains(const QList<quint64> &traceIds, const QString &title)
{
    m_current = traceIds;
    m_title->setText(title);
    m_model->setLines({});
    refresh();
}

void TracePane::refresh()
{
    QList<TraceLine> lines;
    for (quint64 id : std::as_const(m_current))
        lines << chain(id);
    if (lines.size() != m_model->rowCount())
        m_model->setLines(lines);
    if (lines.isEmpty() && !m_current.isEmpty())
        m_title->setText(m_title->text().section(QStringLiteral(" — "), 0, 0) + tr(" — no trace kept for it any more"));
}

void TracePane::followOrder()
{
    // The order shown on its newest change follows it: a status advance, an edit or the cancel that came since
    // shows at once (issue 12, item 3). An older change picked in the list stays put.
    const QList<quint64> changes = m_emulator.changesOf(m_pk);
    if (changes.size() == m_changes->count())
        return;
    const bool onNewest = m_changes->count() == 0 || m_changes->currentIndex() == m_changes->count() - 1;
    if (onNewest) {
        showOrder(m_pk);
        return;
    }
    const int current = m_changes->currentIndex();
    m_changes->clear();
    for (int i = 0; i < changes.size(); ++i)
        m_changes->addItem(tr("change %1 of %2").arg(i + 1).arg(changes.size()), QVariant::fromValue(changes.at(i)));
    m_changes->setCurrentIndex(current);
    m_changes->setVisible(changes.size() > 1);
    m_title->setText(tr("Order %1, change %2 of %3").arg(m_pk).arg(current + 1).arg(changes.size()));
}

void TracePane::showOrder(const QString &pk)
{
    m_pk = pk;
    const QList<quint64> changes = m_emulator.changesOf(pk);
    m_changes->clear();
    for (int i = 0; i < changes.size(); ++i)
        m_changes->addItem(tr("change %1 of %2").arg(i + 1).arg(changes.size()), QVariant::fromValue(changes.at(i)));
    m_changes->setVisible(changes.size() > 1);
    if (changes.isEmpty()) {
        showChains({}, tr("Order %1: no trace yet").arg(pk));
        m_model->setLines({});
        return;
    }
    m_changes->setCurrentIndex(static_cast<int>(changes.size()) - 1);
    showChains({changes.last()}, tr("Order %1, change %2 of %2").arg(pk).arg(changes.size()));
}

void TracePane::showRecord(const RecordRow &record)
{
    m_pk.clear();
    m_changes->clear();
    m_changes->setVisible(false);
    showChains({record.traceId}, tr("Stream record %1 (%2 of %3, shard %4)")
                                     .arg(record.sequenceNumber, record.eventName, record.pk)
                                     .arg(record.shard));
}

void TracePane::showInvocation(const InvocationRow &invocation)
{
    m_pk.clear();
    m_changes->clear();
    m_changes->setVisible(false);
    showChains(invocation.traceIds,
               tr("Invocation %1 (%n record(s), attempt %2)", nullptr, static_cast<int>(invocation.traceIds.size()))
                   .arg(invocation.id)
                   .arg(invocation.attempt));
}

void TracePane::showNotification(const NotificationRow &notification)
{
    m_pk.clear();
    m_changes->clear();
    m_changes->setVisible(false);
    const QString pk = orderOf(notification);
    const QString published = QStringLiteral("publish %1 %2").arg(notification.topic, notification.value);
    const QList<quint64> changes = m_emulator.changesOf(pk);
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
        for (const TraceStep &s : m_emulator.traceOf(*it)) {
            if (s.kind == QLatin1String("publish") && s.detail == published && s.time <= notification.time) {
                showChains({*it}, tr("%1 received %2 #%3 — published by a change of %4")
                                      .arg(notification.subscriber, notification.topic)
                                      .arg(notification.sequenceNumber)
                                      .arg(pk));
                return;
            }
        }
    }
    showChains({}, tr("%1 #%2: no change of %3 published it (the trace may have been dropped)")
                       .arg(notification.topic)
                       .arg(notification.sequenceNumber)
                       .arg(pk.isEmpty() ? tr("an order") : pk));
    m_model->setLines({});
}

void TracePane::clear()
{
    m_pk.clear();
    m_title->setText(placeholder());
    m_current.clear();
    m_changes->clear();
    m_changes->setVisible(false);
    m_model->setLines({});
}

} // namespace orderlab
