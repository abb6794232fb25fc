#pragma once

#include "live/emulator_batch.h"

#include <QObject>

class QLabel;
class QStatusBar;

namespace orderlab {

/// The status bar's fields: clock, counts, the consistency checker's verdict (with why), the gRPC port.
class StatusLine : public QObject
{
    Q_OBJECT
  public:
    explicit StatusLine(QStatusBar *bar);

    QString verdictText() const;
    QString verdictToolTip() const;
    QString countsText() const;
    QString grpcText() const;
    QString handlerText() const;
    QString dynamodbText() const;

  public slots:
    void update(const orderlab::EmulatorStatus &status);

  private:
    QLabel *m_clock;
    QLabel *m_counts;
    QLabel *m_verdict;
    QLabel *m_grpc;
    QLabel *m_dynamodb; ///< the AWS port (DynamoDB, DynamoDB Streams, Secrets Manager)
    QLabel *m_handler;
};

} // namespace orderlab
