#include "status_line.h"

#include "time_text.h"

#include <QLabel>
#include <QStatusBar>

namespace orderlab {

StatusLine::StatusLine(QStatusBar *bar)
    : QObject(bar), m_clock(new QLabel(bar)), m_counts(new QLabel(bar)), m_verdict(new QLabel(bar)),
      m_grpc(new QLabel(bar)), m_dynamodb(new QLabel(bar)), m_handler(new QLabel(bar))
{
    m_dynamodb->setObjectName(QStringLiteral("statusDynamoDb"));
    m_handler->setObjectName(QStringLiteral("statusHandler"));
    m_clock->setObjectName(QStringLiteral("statusClock"));
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_verdict->setObjectName(QStringLiteral("statusVerdict"));
    m_grpc->setObjectName(QStringLiteral("statusGrpc"));
    bar->addWidget(m_clock);
    bar->addWidget(m_counts, 1);
    bar->addPermanentWidget(m_verdict);
    bar->addPermanentWidget(m_handler);
    bar->addPermanentWidget(m_grpc);
    bar->addPermanentWidget(m_dynamodb);
}

QString StatusLine::dynamodbText() const
{
    return m_dynamodb->text();
}

QString StatusLine::handlerText() const
{
    return m_handler->text();
}

QString StatusLine::verdictText() const
{
    return m_verdict->text();
}

QString StatusLine::verdictToolTip() const
{
    return m_verdict->toolTip();
}

QString StatusLine::countsText() const
{
    return m_counts->text();
}

QString StatusLine::grpcText() const
{
    return m_grpc->text();
}

void StatusLine::update(const EmulatorStatus &s)
{
    m_clock->setText(tr("Clock %1%2").arg(time_text::clock(s.clock), s.paused ? tr(" (paused)") : QString()));
    m_clock->setToolTip(time_text::dateTime(s.clock));
    m_counts->setText(
        tr("%1 orders · %2 records · %3 invocations (%4 retries, %5 discarded) · %6 keys · %7 notifications")
            .arg(s.orders)
            .arg(s.records)
            .arg(s.invocations)
            .arg(s.retries)
            .arg(s.discarded)
            .arg(s.cacheKeys)
            .arg(s.notifications));
    // Three states (docs/event-stream.md, "The checker's verdict"): settled, drifted, and anything between
    // (blocked, catching up, caveats), which must never show the check mark.
    const bool settled = s.verdict == QLatin1String("in step");
    const bool drifted = s.verdict.startsWith(QLatin1String("drifted"));
    const QString why = s.findings.join(QLatin1Char('\n'));
    if (settled)
        m_verdict->setText(tr("\u2714 cache in step"));
    else if (drifted)
        m_verdict->setText(s.findings.isEmpty() ? tr("\u2716 %1").arg(s.verdict)
                                                : tr("\u2716 %1: %2").arg(s.verdict, s.findings.value(0)));
    else
        m_verdict->setText(tr("\u26A0 %1").arg(s.verdict));
    m_verdict->setToolTip(settled ? tr("The consistency checker finds the cache in step with the table, with "
                                       "nothing pending, blocked, duplicated, expired or evicted")
                                  : why.left(4000));
    m_verdict->setStyleSheet(settled   ? QStringLiteral("color: #1b7f3b; font-weight: bold")
                             : drifted ? QStringLiteral("color: #b00020; font-weight: bold")
                                       : QStringLiteral("color: #9a6700; font-weight: bold"));
    m_grpc->setText(s.grpcPort > 0 ? tr("gRPC 127.0.0.1:%1").arg(s.grpcPort) : tr("gRPC: off"));
    m_dynamodb->setText(s.dynamodbPort > 0 ? tr("DynamoDB 127.0.0.1:%1").arg(s.dynamodbPort) : tr("DynamoDB: off"));
    m_dynamodb->setToolTip(s.dynamodbPort > 0 ? tr("Point the AWS SDK or CLI at http://127.0.0.1:%1 (DynamoDB, "
                                                   "DynamoDB Streams, Secrets Manager)")
                                                    .arg(s.dynamodbPort)
                                              : QString());
    m_handler->setText(tr("Handler: %1").arg(s.handler.isEmpty() ? tr("none running") : s.handler));
}

} // namespace orderlab
